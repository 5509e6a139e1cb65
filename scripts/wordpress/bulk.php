<?php
/**
 * php bulk.php SITE N — make sure SITE has at least N published posts and N subscribers.
 *
 * Fast path: multi-row INSERTs through $wpdb (no per-row WordPress hooks), with the same columns
 * and metadata WordPress itself would write, so the rows show up normally in the REST API:
 *  - posts: post_date (site time) / post_date_gmt / post_modified(_gmt), guid, unique slug
 *    "bulk-post-NNNNN", category "Bulk"; dated one hour apart from 2021-01-01 00:00 UTC on.
 *  - users: "bulkuserNNNNN" <bulkuserNNNNN@example.com>, user_registered 30 minutes apart from
 *    2021-01-01 00:00 UTC, one shared password (sites.json bulk.user_password), usermeta
 *    wp_capabilities = subscriber, wp_user_level = 0, nickname/first_name/last_name and the
 *    usual per-user defaults.
 */
require __DIR__ . '/lib.php';

$wpjz_name = $argv[1] ?? '';
$wpjz_n    = (int) ( $argv[2] ?? 0 );
if ( $wpjz_n <= 0 ) {
	wpjz_fail( 'usage: bulk SITE N (N > 0)' );
}
$wpjz_dir = wpjz_cli_env( $wpjz_name );
require $wpjz_dir . '/wp-load.php';

$wpjz_cfg  = wpjz_config();
$wpjz_bulk = $wpjz_cfg['bulk'] ?? [];
$wpjz_t0   = microtime( true );
global $wpdb;
$wpdb->suppress_errors( false );
$wpdb->show_errors( false );

function wpjz_q( string $sql ) {
	global $wpdb;
	$r = $wpdb->query( $sql );
	if ( false === $r ) {
		wpjz_fail( 'SQL error: ' . $wpdb->last_error . ' in ' . substr( $sql, 0, 200 ) );
	}
	return $r;
}

function wpjz_max_suffix( string $table, string $col, string $prefix ): int {
	global $wpdb;
	$len = strlen( $prefix );
	return (int) $wpdb->get_var( $wpdb->prepare(
		"SELECT COALESCE(MAX(CAST(SUBSTRING($col, %d) AS UNSIGNED)), 0) FROM $table WHERE $col LIKE %s",
		$len + 1,
		$wpdb->esc_like( $prefix ) . '%'
	) );
}

$wpjz_batch = 1000;
$wpjz_base  = strtotime( '2021-01-01 00:00:00 UTC' );

/* ----------------------------------------------------------------- posts */
$wpjz_have_posts = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'post' AND post_status = 'publish'" );
$wpjz_need_posts = max( 0, $wpjz_n - $wpjz_have_posts );
if ( $wpjz_need_posts > 0 ) {
	$prefix = $wpjz_bulk['post_slug_prefix'] ?? 'bulk-post-';
	$cat    = term_exists( $wpjz_bulk['category'] ?? 'Bulk', 'category' );
	if ( ! $cat ) {
		$cat = wp_insert_term( $wpjz_bulk['category'] ?? 'Bulk', 'category' );
		if ( is_wp_error( $cat ) ) {
			wpjz_fail( 'bulk category: ' . $cat->get_error_message() );
		}
	}
	$tt_id   = (int) $cat['term_taxonomy_id'];
	$authors = [];
	foreach ( [ 'administrator', 'editor', 'author' ] as $k ) {
		if ( isset( $wpjz_cfg['users'][ $k ] ) && ( $u = get_user_by( 'login', $wpjz_cfg['users'][ $k ]['username'] ) ) ) {
			$authors[] = (int) $u->ID;
		}
	}
	if ( ! $authors ) {
		$authors = [ 1 ];
	}
	$start = wpjz_max_suffix( $wpdb->posts, 'post_name', $prefix );
	$rows  = [];
	for ( $i = 1; $i <= $wpjz_need_posts; $i++ ) {
		$k       = $start + $i;
		$num     = sprintf( '%05d', $k );
		$gmt     = gmdate( 'Y-m-d H:i:s', $wpjz_base + $k * 3600 );
		$local   = get_date_from_gmt( $gmt );
		$title   = "Bulk post $num";
		$content = "<!-- wp:paragraph -->\n<p>Bulk post number $num, generated for scale benchmarks.</p>\n<!-- /wp:paragraph -->";
		$rows[]  = $wpdb->prepare(
			'(%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,0,0,%s,%s,0)',
			$authors[ $k % count( $authors ) ], $local, $gmt, $content, $title, '', 'publish', 'open', 'open', '',
			$prefix . $num, '', '', $local, $gmt, '', '', 'post', ''
		);
		if ( count( $rows ) >= $wpjz_batch || $i === $wpjz_need_posts ) {
			wpjz_q( "INSERT INTO {$wpdb->posts} (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt,
				post_status, comment_status, ping_status, post_password, post_name, to_ping, pinged, post_modified,
				post_modified_gmt, post_content_filtered, guid, post_parent, menu_order, post_type, post_mime_type, comment_count)
				VALUES " . implode( ',', $rows ) );
			$rows = [];
		}
	}
	$home = home_url( '/' );
	wpjz_q( $wpdb->prepare(
		"UPDATE {$wpdb->posts} SET guid = CONCAT(%s, '?p=', ID) WHERE guid = '' AND post_type = 'post' AND post_name LIKE %s",
		$home, $wpdb->esc_like( $prefix ) . '%'
	) );
	wpjz_q( $wpdb->prepare(
		"INSERT IGNORE INTO {$wpdb->term_relationships} (object_id, term_taxonomy_id, term_order)
		 SELECT ID, %d, 0 FROM {$wpdb->posts} WHERE post_type = 'post' AND post_name LIKE %s",
		$tt_id, $wpdb->esc_like( $prefix ) . '%'
	) );
	wp_update_term_count_now( [ $tt_id ], 'category' );
	clean_term_cache( [ (int) $cat['term_id'] ], 'category' );
	wp_cache_flush();
}

/* ----------------------------------------------------------------- users */
$wpjz_capkey    = $wpdb->get_blog_prefix() . 'capabilities';
$wpjz_levelkey  = $wpdb->get_blog_prefix() . 'user_level';
$wpjz_have_subs = (int) $wpdb->get_var( $wpdb->prepare(
	"SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s AND meta_value LIKE %s",
	$wpjz_capkey, '%' . $wpdb->esc_like( '"subscriber"' ) . '%'
) );
$wpjz_need_users = max( 0, $wpjz_n - $wpjz_have_subs );
if ( $wpjz_need_users > 0 ) {
	$prefix = $wpjz_bulk['user_login_prefix'] ?? 'bulkuser';
	$hash   = wp_hash_password( $wpjz_bulk['user_password'] ?? 'Bulk-User-pass-1234' ); // one hash for all: fast
	$start  = wpjz_max_suffix( $wpdb->users, 'user_login', $prefix );
	$rows   = [];
	for ( $i = 1; $i <= $wpjz_need_users; $i++ ) {
		$k      = $start + $i;
		$login  = $prefix . sprintf( '%05d', $k );
		$rows[] = $wpdb->prepare(
			'(%s,%s,%s,%s,%s,%s,%s,0,%s)',
			$login, $hash, $login, "$login@example.com", '', gmdate( 'Y-m-d H:i:s', $wpjz_base + $k * 1800 ), '',
			'Bulk User ' . sprintf( '%05d', $k )
		);
		if ( count( $rows ) >= $wpjz_batch || $i === $wpjz_need_users ) {
			wpjz_q( "INSERT INTO {$wpdb->users} (user_login, user_pass, user_nicename, user_email, user_url,
				user_registered, user_activation_key, user_status, display_name) VALUES " . implode( ',', $rows ) );
			$rows = [];
		}
	}
	$like  = $wpdb->esc_like( $prefix ) . '%';
	$metas = [
		$wpjz_capkey          => "'" . esc_sql( serialize( [ 'subscriber' => true ] ) ) . "'",
		$wpjz_levelkey        => "'0'",
		'nickname'            => 'u.user_login',
		'first_name'          => "'Bulk'",
		'last_name'           => "CONCAT('User ', SUBSTRING(u.user_login, " . ( strlen( $prefix ) + 1 ) . '))',
		'description'         => "''",
		'rich_editing'        => "'true'",
		'syntax_highlighting' => "'true'",
		'comment_shortcuts'   => "'false'",
		'admin_color'         => "'fresh'",
		'use_ssl'             => "'0'",
		'show_admin_bar_front' => "'true'",
		'locale'              => "''",
	];
	foreach ( $metas as $key => $expr ) {
		wpjz_q( $wpdb->prepare(
			"INSERT INTO {$wpdb->usermeta} (user_id, meta_key, meta_value)
			 SELECT u.ID, %s, $expr FROM {$wpdb->users} u
			 LEFT JOIN {$wpdb->usermeta} m ON m.user_id = u.ID AND m.meta_key = %s
			 WHERE u.user_login LIKE %s AND m.umeta_id IS NULL",
			$key, $key, $like
		) );
	}
	wp_cache_flush();
}

$wpjz_posts_now = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'post' AND post_status = 'publish'" );
$wpjz_subs_now  = (int) $wpdb->get_var( $wpdb->prepare(
	"SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s AND meta_value LIKE %s",
	$wpjz_capkey, '%' . $wpdb->esc_like( '"subscriber"' ) . '%'
) );
printf(
	"bulk %s: +%d posts, +%d subscribers -> %d published posts, %d subscribers (%.1fs)\n",
	$wpjz_name, $wpjz_need_posts, $wpjz_need_users, $wpjz_posts_now, $wpjz_subs_now, microtime( true ) - $wpjz_t0
);
