<?php
/**
 * php configure.php SITE — idempotent configuration of an installed bench site:
 * options, theme, permalinks, plugin (de)activation, users (from sites.json), and, once, seed content.
 */
require __DIR__ . '/lib.php';
require __DIR__ . '/seed.php';

$wpjz_name = $argv[1] ?? '';
$wpjz_dir  = wpjz_cli_env( $wpjz_name );
require $wpjz_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

$wpjz_site = wpjz_site( $wpjz_name );
$wpjz_cfg  = wpjz_config();
$wpjz_log  = [];

/* ---- options ---- */
foreach ( [
	'home'                   => $wpjz_site['url'],
	'siteurl'                => $wpjz_site['url'],
	'blogname'               => "WPJZ bench ({$wpjz_name})",
	'blogdescription'        => 'wp-jwt-zapier test bench',
	'timezone_string'        => $wpjz_site['timezone'],
	'users_can_register'     => '0',
	'default_role'           => 'subscriber',
	'default_comment_status' => 'open',
	'posts_per_page'         => '10',
] as $k => $v ) {
	// A network decides registration network-wide (its `registration` option filters this one).
	if ( 'users_can_register' === $k && is_multisite() ) {
		continue;
	}
	if ( (string) get_option( $k ) !== (string) $v ) {
		update_option( $k, $v );
		$wpjz_log[] = "option $k";
	}
}

/* ---- theme ---- */
if ( get_option( 'stylesheet' ) !== WPJZ_THEME || get_option( 'template' ) !== WPJZ_THEME ) {
	if ( ! wp_get_theme( WPJZ_THEME )->exists() ) {
		wpjz_fail( "theme '" . WPJZ_THEME . "' missing from wp-content/themes" );
	}
	switch_theme( WPJZ_THEME );
	$wpjz_log[] = 'theme';
}

/* ---- permalinks (rules are regenerated every run: cheap, and picks up the mu-plugin's CPT) ---- */
global $wp_rewrite;
if ( (string) get_option( 'permalink_structure' ) !== $wpjz_site['permalinks'] ) {
	$wp_rewrite->set_permalink_structure( $wpjz_site['permalinks'] );
	$wpjz_log[] = 'permalinks';
}
$wp_rewrite->init();
flush_rewrite_rules( false ); // soft: the bench writes .htaccess itself.

/* ---- plugin ---- */
if ( ! file_exists( WP_PLUGIN_DIR . '/' . WPJZ_PLUGIN ) ) {
	wpjz_fail( 'fixture plugin missing: ' . WP_PLUGIN_DIR . '/' . WPJZ_PLUGIN );
}
if ( $wpjz_site['plugin_active'] && ! is_plugin_active( WPJZ_PLUGIN ) ) {
	$r = activate_plugin( WPJZ_PLUGIN );
	if ( is_wp_error( $r ) ) {
		wpjz_fail( 'activate_plugin: ' . $r->get_error_message() );
	}
	$wpjz_log[] = 'plugin activated';
} elseif ( ! $wpjz_site['plugin_active'] && is_plugin_active( WPJZ_PLUGIN ) ) {
	deactivate_plugins( WPJZ_PLUGIN );
	$wpjz_log[] = 'plugin deactivated';
}

/* ---- another JWT plugin (Useful Team's), on the sites that name one ---- */
if ( '' !== $wpjz_site['plugin'] ) {
	$wpjz_other = WPJZ_OTHER_PLUGINS[ $wpjz_site['plugin'] ] ?? '';
	if ( '' === $wpjz_other || ! file_exists( WP_PLUGIN_DIR . '/' . $wpjz_other ) ) {
		wpjz_fail( "fixture plugin missing for '{$wpjz_site['plugin']}': " . WP_PLUGIN_DIR . '/' . $wpjz_other );
	}
	if ( ! is_plugin_active( $wpjz_other ) ) {
		$r = activate_plugin( $wpjz_other );
		if ( is_wp_error( $r ) ) {
			wpjz_fail( 'activate_plugin: ' . $r->get_error_message() );
		}
		$wpjz_log[] = "plugin {$wpjz_site['plugin']} activated";
	}
}

/* ---- the companion plugin, on the sites that run it ---- */
if ( $wpjz_site['companion'] ) {
	if ( ! file_exists( WP_PLUGIN_DIR . '/' . WPJZ_COMPANION ) ) {
		wpjz_fail( 'companion plugin missing: ' . WP_PLUGIN_DIR . '/' . WPJZ_COMPANION );
	}
	if ( ! is_plugin_active( WPJZ_COMPANION ) ) {
		$r = activate_plugin( WPJZ_COMPANION );
		if ( is_wp_error( $r ) ) {
			wpjz_fail( 'activate_plugin: ' . $r->get_error_message() );
		}
		$wpjz_log[] = 'companion activated';
	}
}

/* ---- users ---- */
$wpjz_ids = [];
foreach ( $wpjz_cfg['users'] as $key => $u ) {
	$parts = explode( ' ', $u['display_name'], 2 );
	$user  = get_user_by( 'login', $u['username'] );
	if ( ! $user ) {
		$id = wp_insert_user( [
			'user_login'   => $u['username'],
			'user_email'   => $u['email'],
			'user_pass'    => wp_generate_password( 24 ),
			'display_name' => $u['display_name'],
			'nickname'     => $u['display_name'],
			'first_name'   => $parts[0],
			'last_name'    => $parts[1] ?? '',
			'role'         => $u['role'],
		] );
		if ( is_wp_error( $id ) ) {
			wpjz_fail( "user {$u['username']}: " . $id->get_error_message() );
		}
		$user       = get_user_by( 'id', $id );
		$created    = true;
	} else {
		$created = false;
	}
	$changes = [];
	if ( $user->user_email !== $u['email'] ) {
		$changes['user_email'] = $u['email'];
	}
	if ( $user->display_name !== $u['display_name'] ) {
		$changes['display_name'] = $u['display_name'];
	}
	if ( $changes ) {
		$changes['ID'] = $user->ID;
		wp_update_user( wp_slash( $changes ) );
		$wpjz_log[] = "user {$u['username']} updated";
	}
	if ( $user->roles !== [ $u['role'] ] ) {
		$user->set_role( $u['role'] );
		$wpjz_log[] = "user {$u['username']} role";
	}
	// Raw password exactly as in sites.json (wp_set_password hashes the string as given).
	$fresh = get_user_by( 'id', $user->ID );
	if ( ! wp_check_password( $u['password'], $fresh->user_pass, $user->ID ) ) {
		wp_set_password( $u['password'], $user->ID );
		$wpjz_log[] = $created ? "user {$u['username']} created" : "user {$u['username']} password reset";
	}
	$wpjz_ids[ $key ] = (int) $user->ID;
	// A known Application Password, where WordPress offers them (https, or WP_ENVIRONMENT_TYPE local).
	if ( ! empty( $u['app_password'] ) && wp_is_application_passwords_available() && wpjz_app_password( $user->ID, $u['app_password'] ) ) {
		$wpjz_log[] = "user {$u['username']} application password";
	}
}

/* ---- seed content, once ---- */
if ( $wpjz_site['seed'] && ! get_option( 'wpjz_seeded' ) ) {
	wp_set_current_user( $wpjz_ids['administrator'] ); // unfiltered_html: titles are stored as given.
	wpjz_seed( $wpjz_ids );
	update_option( 'wpjz_seeded', gmdate( 'c' ) );
	$wpjz_log[] = 'seeded';
}

/* ---- a multisite's other sites ---- */
if ( $wpjz_site['multisite'] ) {
	require __DIR__ . '/network.php';
	wpjz_network_sites( $wpjz_site, $wpjz_ids, $wpjz_log );
}

echo $wpjz_log ? implode( ', ', $wpjz_log ) . "\n" : "unchanged\n";

/* ================================================================== */

/**
 * Makes sure the user has the Application Password "wpjz-bench" with this value, as WordPress stores
 * one (hashed, in the user's meta); true when it had to be written.
 */
function wpjz_app_password( int $user_id, string $value ): bool {
	$items = WP_Application_Passwords::get_user_application_passwords( $user_id );
	foreach ( $items as $item ) {
		if ( 'wpjz-bench' === $item['name'] && wp_check_password( $value, $item['password'], $user_id ) ) {
			return false;
		}
	}
	$items   = array_values( array_filter( $items, function ( $item ) { return 'wpjz-bench' !== $item['name']; } ) );
	$items[] = [
		'uuid'      => wp_generate_uuid4(),
		'app_id'    => '',
		'name'      => 'wpjz-bench',
		'password'  => wp_hash_password( $value ),
		'created'   => time(),
		'last_used' => null,
		'last_ip'   => null,
	];
	update_user_meta( $user_id, WP_Application_Passwords::USERMETA_KEY_APPLICATION_PASSWORDS, $items );
	update_network_option( get_main_network_id(), WP_Application_Passwords::OPTION_KEY_IN_USE, true );
	return true;
}
