<?php
/**
 * php burst.php SITE users|comments|media N PREFIX — adds N users, approved comments or media items
 * at once (multi-row INSERTs, dated now), named PREFIX…, and prints their IDs as JSON: a burst
 * between two polls, made faster than any client could.
 * php burst.php SITE clean PREFIX — removes every user, comment and media item named PREFIX….
 * PREFIX: lowercase letters, digits and dashes, so that a test removes only what it made.
 */
require __DIR__ . '/lib.php';

$wpjz_name = $argv[1] ?? '';
$wpjz_kind = $argv[2] ?? '';
$wpjz_dir  = wpjz_cli_env( $wpjz_name );
require $wpjz_dir . '/wp-load.php';
global $wpdb;

function wpjz_burst_q( string $sql ) {
	global $wpdb;
	if ( false === $wpdb->query( $sql ) ) {
		wpjz_fail( 'SQL error: ' . $wpdb->last_error );
	}
}

function wpjz_burst_prefix( string $prefix ): string {
	if ( ! preg_match( '/^[a-z0-9-]{4,40}$/', $prefix ) ) {
		wpjz_fail( 'PREFIX: 4 to 40 lowercase letters, digits or dashes' );
	}
	return $prefix;
}

/** The IDs of rows named PREFIX…, ascending. */
function wpjz_burst_ids( string $table, string $id, string $col, string $prefix ): array {
	global $wpdb;
	$like = $wpdb->esc_like( $prefix ) . '%';
	return array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT $id FROM $table WHERE $col LIKE %s ORDER BY $id", $like ) ) );
}

if ( 'clean' === $wpjz_kind ) {
	$prefix = wpjz_burst_prefix( $argv[3] ?? '' );
	$like   = $wpdb->esc_like( $prefix ) . '%';
	$posts  = wpjz_burst_ids( $wpdb->posts, 'ID', 'post_name', $prefix );
	wpjz_burst_q( $wpdb->prepare( "DELETE u, m FROM {$wpdb->users} u LEFT JOIN {$wpdb->usermeta} m ON m.user_id = u.ID WHERE u.user_login LIKE %s", $like ) );
	wpjz_burst_q( $wpdb->prepare( "DELETE c, m FROM {$wpdb->comments} c LEFT JOIN {$wpdb->commentmeta} m ON m.comment_id = c.comment_ID WHERE c.comment_author LIKE %s", $like ) );
	if ( $posts ) {
		$in = implode( ',', $posts );
		wpjz_burst_q( "DELETE FROM {$wpdb->postmeta} WHERE post_id IN ($in)" );
		wpjz_burst_q( "DELETE FROM {$wpdb->posts} WHERE ID IN ($in) AND post_type = 'attachment'" );
	}
	wp_cache_flush();
	echo "[]\n";
	exit( 0 );
}

$wpjz_n = (int) ( $argv[3] ?? 0 );
$prefix = wpjz_burst_prefix( $argv[4] ?? '' );
if ( $wpjz_n <= 0 || $wpjz_n > 5000 ) {
	wpjz_fail( 'usage: burst SITE users|comments|media N PREFIX (0 < N <= 5000)' );
}
$gmt   = gmdate( 'Y-m-d H:i:s' );
$local = get_date_from_gmt( $gmt );
$rows  = [];
for ( $i = 1; $i <= $wpjz_n; $i++ ) {
	$name = $prefix . '-' . sprintf( '%05d', $i );
	switch ( $wpjz_kind ) {
		case 'users':
			$rows[] = $wpdb->prepare( '(%s,%s,%s,%s,%s,%s)', $name, '*', $name, "$name@example.com", $gmt, $name );
			break;
		case 'comments':
			$rows[] = $wpdb->prepare( '(%d,%s,%s,%s,%s,%s,%s)', 0, $name, "$name@example.com", $local, $gmt, "Burst comment $i", '1' );
			break;
		case 'media':
			// A title made from a file name with straight quotes: WordPress texturizes its rendering.
			$rows[] = $wpdb->prepare( '(%d,%s,%s,%s,%s,%s,%s)', 1, $local, $gmt, "$name \"q\"", $name, $local, $gmt );
			break;
		default:
			wpjz_fail( "unknown kind '$wpjz_kind'" );
	}
}
$values = implode( ',', $rows );
if ( 'users' === $wpjz_kind ) {
	wpjz_burst_q( "INSERT INTO {$wpdb->users} (user_login, user_pass, user_nicename, user_email, user_registered, display_name) VALUES $values" );
	$ids = wpjz_burst_ids( $wpdb->users, 'ID', 'user_login', $prefix );
	$cap = esc_sql( serialize( [ 'subscriber' => true ] ) );
	$in  = implode( ',', $ids );
	wpjz_burst_q( "INSERT INTO {$wpdb->usermeta} (user_id, meta_key, meta_value) SELECT ID, '{$wpdb->get_blog_prefix()}capabilities', '$cap' FROM {$wpdb->users} WHERE ID IN ($in)" );
	wpjz_burst_q( "INSERT INTO {$wpdb->usermeta} (user_id, meta_key, meta_value) SELECT ID, '{$wpdb->get_blog_prefix()}user_level', '0' FROM {$wpdb->users} WHERE ID IN ($in)" );
} elseif ( 'comments' === $wpjz_kind ) {
	$post = (int) $wpdb->get_var( "SELECT ID FROM {$wpdb->posts} WHERE post_type = 'post' AND post_status = 'publish' AND post_password = '' ORDER BY ID LIMIT 1" );
	wpjz_burst_q( "INSERT INTO {$wpdb->comments} (comment_post_ID, comment_author, comment_author_email, comment_date, comment_date_gmt, comment_content, comment_approved) VALUES " . str_replace( '(0,', "($post,", $values ) );
	$ids = wpjz_burst_ids( $wpdb->comments, 'comment_ID', 'comment_author', $prefix );
} else {
	$media = array_map( fn( $row ) => substr( $row, 0, -1 ) . ",'inherit','attachment','image/png','','','','','','')", $rows );
	wpjz_burst_q( "INSERT INTO {$wpdb->posts} (post_author, post_date, post_date_gmt, post_title, post_name, post_modified, post_modified_gmt, post_status, post_type, post_mime_type, post_content, post_excerpt, to_ping, pinged, post_content_filtered, guid) VALUES " . implode( ',', $media ) );
	$ids = wpjz_burst_ids( $wpdb->posts, 'ID', 'post_name', $prefix );
}
wp_cache_flush();
echo wp_json_encode( $ids ) . "\n";
