<?php
/**
 * php unbulk.php SITE — remove what bulk.php added (posts "bulk-post-NNNNN", users "bulkuserNNNNN"),
 * so a scale benchmark can compare one site with and without them.
 */
require __DIR__ . '/lib.php';

$wpjz_name = $argv[1] ?? '';
$wpjz_dir  = wpjz_cli_env( $wpjz_name );
require $wpjz_dir . '/wp-load.php';

$wpjz_bulk = wpjz_config()['bulk'] ?? [];
$wpjz_t0   = microtime( true );
global $wpdb;
$posts = $wpdb->esc_like( $wpjz_bulk['post_slug_prefix'] ?? 'bulk-post-' ) . '%';
$users = $wpdb->esc_like( $wpjz_bulk['user_login_prefix'] ?? 'bulkuser' ) . '%';
$p = (int) $wpdb->query( $wpdb->prepare(
	"DELETE p, tr FROM {$wpdb->posts} p LEFT JOIN {$wpdb->term_relationships} tr ON tr.object_id = p.ID
	 WHERE p.post_type = 'post' AND p.post_name LIKE %s",
	$posts
) );
$u = (int) $wpdb->query( $wpdb->prepare(
	"DELETE u, m FROM {$wpdb->users} u LEFT JOIN {$wpdb->usermeta} m ON m.user_id = u.ID WHERE u.user_login LIKE %s",
	$users
) );
$cat = term_exists( $wpjz_bulk['category'] ?? 'Bulk', 'category' );
if ( $cat ) {
	wp_update_term_count_now( [ (int) $cat['term_taxonomy_id'] ], 'category' );
}
wp_cache_flush();
printf( "unbulk %s: removed %d rows of bulk posts and %d rows of bulk users (%.1fs)\n", $wpjz_name, $p, $u, microtime( true ) - $wpjz_t0 );
