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

if ( is_blog_installed() ) {
	echo "already-installed\n";
	exit( 0 );
}

$wpjz_site  = wpjz_site( $wpjz_name );
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
echo "installed\n";
