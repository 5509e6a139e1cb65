<?php
/**
 * php install.php SITE — installs WordPress for SITE if its database is empty (no wp-cli here).
 * Prints "installed" or "already-installed".
 */
require __DIR__ . '/lib.php';

$wpjz_name = $argv[1] ?? '';
$wpjz_dir  = wpjz_cli_env( $wpjz_name );
define( 'WP_INSTALLING', true );
require $wpjz_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$wpjz_site = wpjz_site( $wpjz_name );
if ( is_blog_installed() ) {
	wpjz_install_network( $wpjz_site );
	echo "already-installed\n";
	exit( 0 );
}

$wpjz_admin = wpjz_config()['users']['administrator'];

// Keep WordPress from guessing URLs from the CLI environment.
add_filter( 'pre_option_home', function () use ( $wpjz_site ) { return $wpjz_site['url']; } );
add_filter( 'pre_option_siteurl', function () use ( $wpjz_site ) { return $wpjz_site['url']; } );
// Default content ("Hello world!") gets dates in the site's timezone, as if it had been set at install.
add_filter( 'pre_option_timezone_string', function () use ( $wpjz_site ) { return $wpjz_site['timezone']; } );

$wpjz_result = wp_install(
	"WPJZ bench ({$wpjz_name})",
	$wpjz_admin['username'],
	$wpjz_admin['email'],
	true,
	'',
	$wpjz_admin['password'],
	'en_US'
);
if ( empty( $wpjz_result['user_id'] ) ) {
	wpjz_fail( "wp_install failed for site '$wpjz_name'" );
}
remove_all_filters( 'pre_option_home' );
remove_all_filters( 'pre_option_siteurl' );
remove_all_filters( 'pre_option_timezone_string' );
update_option( 'home', $wpjz_site['url'] );
update_option( 'siteurl', $wpjz_site['url'] );
update_option( 'timezone_string', $wpjz_site['timezone'] );
wpjz_install_network( $wpjz_site );
echo "installed\n";

/**
 * A multisite: the network tables and the network, on the single site just installed, then the marker
 * that turns MULTISITE on in wp-config.php (as Tools → Network Setup and its wp-config lines do).
 */
function wpjz_install_network( array $site ): void {
	if ( ! $site['multisite'] || is_file( wpjz_network_marker( $site ) ) ) {
		return;
	}
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	if ( ! defined( 'WP_INSTALLING_NETWORK' ) ) {
		define( 'WP_INSTALLING_NETWORK', true );
	}
	global $wpdb;
	// Outside a network $wpdb does not name the network tables: Network Setup names them first too.
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
		$wpdb->$table = $prefixed;
	}
	install_network();
	if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->site ) ) !== $wpdb->site ) {
		wpjz_fail( "the network tables were not created ({$wpdb->site} missing)" );
	}
	$admin = wpjz_config()['users']['administrator'];
	$r     = populate_network( 1, $site['host'] . ':' . $site['port'], $admin['email'], "WPJZ bench network ({$site['name']})", '/', false );
	// A second run after a crash finds the network there already: that is what we want.
	if ( is_wp_error( $r ) && 'siteid_exists' !== $r->get_error_code() ) {
		wpjz_fail( 'populate_network: ' . $r->get_error_message() );
	}
	touch( wpjz_network_marker( $site ) );
}
