<?php
/**
 * php companion-cost.php [SITE] [N] — what the companion plugin adds to a post save, measured on a
 * bench site that runs it (default: companion, 40 saves).
 *
 * Each save is a wp_insert_post() of a published post, as wp-admin and the REST API make it, with one
 * hook subscribed (so that the save also queues a delivery). Reported:
 *  - the time inside the plugin's wp_after_insert_post handler (event row, hook match, delivery row);
 *  - the time of the whole save with the plugin's handlers and without them (interleaved);
 *  - the loopback start of the deliveries at the end of the request (Wpjz_Dispatch::spawn()).
 * The posts and the hook are removed afterwards.
 */
require __DIR__ . '/lib.php';

$wpjz_name = $argv[1] ?? 'companion';
$wpjz_n    = max( 5, (int) ( $argv[2] ?? 40 ) );
$wpjz_dir  = wpjz_cli_env( $wpjz_name );
require $wpjz_dir . '/wp-load.php';

if ( ! class_exists( 'Wpjz_Events' ) ) {
	wpjz_fail( "site '$wpjz_name' does not run the companion plugin" );
}
wp_set_current_user( (int) get_user_by( 'login', wpjz_config()['users']['administrator']['username'] )->ID );

$wpjz_hook = Wpjz_Hooks::create( get_current_user_id(), 'post.published', 'http://127.0.0.1:9/cost', array() );

// Time the plugin's own handler exactly, by wrapping it.
$wpjz_inside = array();
remove_action( 'wp_after_insert_post', array( 'Wpjz_Events', 'after_insert_post' ), 10 );
$wpjz_wrapper = function ( $post_id, $post, $update, $post_before ) use ( &$wpjz_inside ) {
	$t = hrtime( true );
	Wpjz_Events::after_insert_post( $post_id, $post, $update, $post_before );
	$wpjz_inside[] = ( hrtime( true ) - $t ) / 1e6;
};

$wpjz_with    = array();
$wpjz_without = array();
$wpjz_posts   = array();
for ( $i = 0; $i < 2 * $wpjz_n; $i++ ) {
	$plugin = 0 === $i % 2;
	if ( $plugin ) {
		add_action( 'wp_after_insert_post', $wpjz_wrapper, 10, 4 );
	}
	$t = hrtime( true );
	$wpjz_posts[] = wp_insert_post(
		array(
			'post_title'   => "companion cost $i",
			'post_content' => 'Measuring the save.',
			'post_status'  => 'publish',
		)
	);
	$ms = ( hrtime( true ) - $t ) / 1e6;
	if ( $plugin ) {
		remove_action( 'wp_after_insert_post', $wpjz_wrapper, 10 );
		$wpjz_with[] = $ms;
	} else {
		$wpjz_without[] = $ms;
	}
}

$wpjz_spawn = array();
for ( $i = 0; $i < 10; $i++ ) {
	$t = hrtime( true );
	Wpjz_Dispatch::spawn();
	$wpjz_spawn[] = ( hrtime( true ) - $t ) / 1e6;
}

Wpjz_Hooks::delete( $wpjz_hook['id'] );
foreach ( $wpjz_posts as $id ) {
	wp_delete_post( $id, true );
}

/**
 * Median and worst of a list of milliseconds.
 *
 * @param float[] $ms Samples.
 * @return string
 */
function wpjz_stats( array $ms ): string {
	sort( $ms );
	return sprintf( 'median %.2f ms, worst %.2f ms (n=%d)', $ms[ intdiv( count( $ms ), 2 ) ], end( $ms ), count( $ms ) );
}

printf( "plugin handler per save (event + hook match + delivery row): %s\n", wpjz_stats( $wpjz_inside ) );
printf( "whole save with the plugin:    %s\n", wpjz_stats( $wpjz_with ) );
printf( "whole save without the plugin: %s\n", wpjz_stats( $wpjz_without ) );
printf( "loopback start of the deliveries at the end of the request: %s\n", wpjz_stats( $wpjz_spawn ) );
printf( "load average: %s\n", implode( ' ', array_map( fn( $l ) => sprintf( '%.1f', $l ), sys_getloadavg() ) ) );
