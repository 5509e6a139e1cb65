<?php
/**
 * Deleting the plugin removes its tables and options, on every site of a network.
 *
 * @package wpjz-companion
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

require_once __DIR__ . '/includes/class-wpjz-schema.php';

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $wpjz_blog_id ) {
		switch_to_blog( $wpjz_blog_id );
		Wpjz_Schema::uninstall();
		wp_clear_scheduled_hook( 'wpjz_deliver' );
		wp_clear_scheduled_hook( 'wpjz_prune' );
		restore_current_blog();
	}
} else {
	Wpjz_Schema::uninstall();
	wp_clear_scheduled_hook( 'wpjz_deliver' );
	wp_clear_scheduled_hook( 'wpjz_prune' );
}
