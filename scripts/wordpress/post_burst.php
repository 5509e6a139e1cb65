<?php
/**
 * php post_burst.php SITE N PREFIX [CATEGORY_ID] — publishes N posts at once, as an import does, and
 * prints their IDs as JSON. Each goes through wp_insert_post (so WordPress stamps its dates, IDs
 * and terms as it would for any post), with term counting deferred: 250 posts take a few seconds
 * instead of minutes of REST calls. Slugs are PREFIX-1 … PREFIX-N, titles "PREFIX 1" …, so a test
 * on a shared bench counts only its own posts.
 */
require __DIR__ . '/lib.php';

$wpjz_name   = $argv[1] ?? '';
$wpjz_n      = (int) ( $argv[2] ?? 0 );
$wpjz_prefix = (string) ( $argv[3] ?? '' );
$wpjz_cat    = (int) ( $argv[4] ?? 0 );
if ( $wpjz_n <= 0 || ! preg_match( '/^[a-z0-9-]+$/', $wpjz_prefix ) ) {
	wpjz_fail( 'usage: post_burst.php SITE N PREFIX [CATEGORY_ID] (N > 0, PREFIX of a-z, 0-9 and -)' );
}
require wpjz_cli_env( $wpjz_name ) . '/wp-load.php';

$wpjz_admin = get_users( [ 'role' => 'administrator', 'number' => 1, 'fields' => 'ID' ] );
wp_set_current_user( (int) ( $wpjz_admin[0] ?? 1 ) );
wp_defer_term_counting( true );
$wpjz_ids = [];
for ( $i = 1; $i <= $wpjz_n; $i++ ) {
	$id = wp_insert_post(
		[
			'post_title'    => "$wpjz_prefix $i",
			'post_name'     => "$wpjz_prefix-$i",
			'post_content'  => "<p>Burst post $i of $wpjz_n.</p>",
			'post_status'   => 'publish',
			'post_category' => $wpjz_cat ? [ $wpjz_cat ] : [],
		],
		true
	);
	if ( is_wp_error( $id ) ) {
		wpjz_fail( 'wp_insert_post: ' . $id->get_error_message() );
	}
	$wpjz_ids[] = $id;
}
wp_defer_term_counting( false );
echo wp_json_encode( $wpjz_ids ), "\n";
