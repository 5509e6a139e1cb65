<?php
/**
 * Plugin Name: wp-jwt-zapier bench clock (companion plugin)
 * Description: Test-bench only, and only on a site whose environment is `local` and that runs the
 *              companion plugin. Lets the e2e tests watch and move the plugin's clock: read a hook's
 *              deliveries (attempts, status, when the next attempt is due), move them back in time as if
 *              minutes had passed, keep the real one-minute retry base for targets under /real-minutes/
 *              (the bench's wp-config shortens it to a second), and create or delete many users in one
 *              request (a burst no REST batch can make: users have no batch route).
 * Version:     1.0.0
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

add_action( 'rest_api_init', 'wpjz_bench_clock_routes' );
add_filter( 'wpjz_retry_base', 'wpjz_bench_clock_retry_base', 10, 2 );

/** True where the clock may be touched: a local site running the companion plugin. */
function wpjz_bench_clock_allowed() {
	return 'local' === wp_get_environment_type() && class_exists( 'Wpjz_Schema' );
}

/**
 * Hooks whose target path starts with /real-minutes/ wait the production schedule (1, 2, 4 … minutes).
 *
 * @param int         $base Seconds.
 * @param object|null $row  Delivery joined with its hook.
 * @return int
 */
function wpjz_bench_clock_retry_base( $base, $row ) {
	$path = is_object( $row ) && isset( $row->target_url ) ? (string) wp_parse_url( $row->target_url, PHP_URL_PATH ) : '';
	return wpjz_bench_clock_allowed() && str_starts_with( $path, '/real-minutes/' ) ? 60 : $base;
}

function wpjz_bench_clock_routes() {
	if ( ! wpjz_bench_clock_allowed() ) {
		return;
	}
	$admin = function () {
		return current_user_can( 'manage_options' );
	};
	register_rest_route( 'wpjz-bench/v1', '/deliveries', [
		'methods'             => 'GET',
		'callback'            => 'wpjz_bench_clock_deliveries',
		'permission_callback' => $admin,
	] );
	register_rest_route( 'wpjz-bench/v1', '/advance', [
		'methods'             => 'POST',
		'callback'            => 'wpjz_bench_clock_advance',
		'permission_callback' => $admin,
	] );
	register_rest_route( 'wpjz-bench/v1', '/users', [
		'methods'             => 'POST',
		'callback'            => 'wpjz_bench_clock_create_users',
		'permission_callback' => $admin,
	] );
	register_rest_route( 'wpjz-bench/v1', '/users/delete', [
		'methods'             => 'POST',
		'callback'            => 'wpjz_bench_clock_delete_users',
		'permission_callback' => $admin,
	] );
}

/** Hook IDs from `hooks` (a list or comma-separated). */
function wpjz_bench_clock_hook_ids( WP_REST_Request $request ) {
	$hooks = $request['hooks'];
	$ids   = array_map( 'intval', is_array( $hooks ) ? $hooks : explode( ',', (string) $hooks ) );
	return array_values( array_filter( $ids ) );
}

/** The deliveries of some hooks, with the seconds until each is due and since it was queued. */
function wpjz_bench_clock_deliveries( WP_REST_Request $request ) {
	global $wpdb;
	$ids = wpjz_bench_clock_hook_ids( $request );
	if ( ! $ids ) {
		return [];
	}
	$table = Wpjz_Schema::table( 'deliveries' );
	$in    = implode( ',', $ids );
	$rows  = $wpdb->get_results( "SELECT id, hook_id, seq, attempts, status, last_code, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_gmt) AS due_in, TIMESTAMPDIFF(SECOND, created_gmt, UTC_TIMESTAMP()) AS age FROM $table WHERE hook_id IN ($in) ORDER BY seq, hook_id" );
	return array_map( function ( $row ) {
		return [
			'id'        => (int) $row->id,
			'hook_id'   => (int) $row->hook_id,
			'seq'       => (int) $row->seq,
			'attempts'  => (int) $row->attempts,
			'status'    => $row->status,
			'last_code' => null === $row->last_code ? null : (int) $row->last_code,
			'due_in'    => (int) $row->due_in,
			'age'       => (int) $row->age,
		];
	}, $rows );
}

/**
 * Moves the pending deliveries of some hooks `seconds` into the past (when they were queued and when
 * they are due): to the plugin, that much time has passed. WP-Cron's delivery event is made due too,
 * as it would be after that long; the next request to wp-cron.php runs it.
 */
function wpjz_bench_clock_advance( WP_REST_Request $request ) {
	global $wpdb;
	$ids     = wpjz_bench_clock_hook_ids( $request );
	$seconds = (int) $request['seconds'];
	if ( ! $ids || $seconds <= 0 ) {
		return new WP_Error( 'wpjz_bench_bad_advance', 'hooks and seconds > 0 needed', [ 'status' => 400 ] );
	}
	$table = Wpjz_Schema::table( 'deliveries' );
	$in    = implode( ',', $ids );
	$moved = $wpdb->query( $wpdb->prepare( "UPDATE $table SET next_attempt_gmt = next_attempt_gmt - INTERVAL %d SECOND, created_gmt = created_gmt - INTERVAL %d SECOND WHERE hook_id IN ($in) AND status = 'pending'", $seconds, $seconds ) );
	wp_clear_scheduled_hook( 'wpjz_deliver' );
	wp_schedule_event( time() - 1, 'wpjz_every_minute', 'wpjz_deliver' );
	return [ 'moved' => (int) $moved ];
}

/** `count` subscribers named `prefix`-N, all in this one request. */
function wpjz_bench_clock_create_users( WP_REST_Request $request ) {
	$count  = min( 500, max( 1, (int) $request['count'] ) );
	$prefix = sanitize_user( (string) $request['prefix'], true );
	$ids    = [];
	for ( $i = 0; $i < $count; $i++ ) {
		$login = "$prefix-$i";
		$id    = wp_insert_user( [
			'user_login' => $login,
			'user_email' => "$login@example.com",
			'user_pass'  => wp_generate_password( 24 ),
			'role'       => 'subscriber',
		] );
		if ( is_wp_error( $id ) ) {
			return $id;
		}
		$ids[] = $id;
	}
	return [ 'ids' => $ids ];
}

/** Deletes users (posts reassigned to user 1), all in this one request. */
function wpjz_bench_clock_delete_users( WP_REST_Request $request ) {
	require_once ABSPATH . 'wp-admin/includes/user.php';
	$deleted = 0;
	foreach ( (array) $request['ids'] as $id ) {
		$deleted += wp_delete_user( (int) $id, 1 ) ? 1 : 0;
	}
	return [ 'deleted' => $deleted ];
}
