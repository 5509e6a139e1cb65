<?php
/**
 * php configure.php SITE — idempotent configuration of an installed bench site:
 * options, theme, permalinks, plugin (de)activation, users (from sites.json), and, once, seed content.
 */
require __DIR__ . '/lib.php';

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

function wpjz_term( string $name, string $tax, int $parent = 0 ): int {
	$t = term_exists( $name, $tax, $parent ?: null );
	if ( ! $t ) {
		$t = wp_insert_term( $name, $tax, [ 'parent' => $parent ] );
		if ( is_wp_error( $t ) ) {
			wpjz_fail( "term $name: " . $t->get_error_message() );
		}
	}
	return (int) $t['term_id'];
}

function wpjz_post( array $args ): int {
	$defaults = [ 'post_status' => 'publish', 'post_type' => 'post', 'comment_status' => 'open' ];
	$id       = wp_insert_post( wp_slash( array_merge( $defaults, $args ) ), true );
	if ( is_wp_error( $id ) ) {
		wpjz_fail( 'seed post ' . ( $args['post_title'] ?? '?' ) . ': ' . $id->get_error_message() );
	}
	return (int) $id;
}

/** A small PNG made here (GD if available, otherwise a hand-built one): no downloads. */
function wpjz_png(): string {
	if ( function_exists( 'imagecreatetruecolor' ) ) {
		$im = imagecreatetruecolor( 320, 200 );
		imagefilledrectangle( $im, 0, 0, 319, 199, imagecolorallocate( $im, 33, 117, 155 ) );
		imagefilledrectangle( $im, 40, 40, 279, 159, imagecolorallocate( $im, 240, 180, 40 ) );
		imagestring( $im, 5, 95, 92, 'wp-jwt-zapier', imagecolorallocate( $im, 20, 20, 20 ) );
		ob_start();
		imagepng( $im );
		return (string) ob_get_clean();
	}
	$w = 32;
	$h = 20;
	$raw = '';
	for ( $y = 0; $y < $h; $y++ ) {
		$raw .= "\0" . str_repeat( "\x21\x75\x9b", $w );
	}
	$chunk = function ( $type, $data ) {
		return pack( 'N', strlen( $data ) ) . $type . $data . pack( 'N', crc32( $type . $data ) );
	};
	return "\x89PNG\r\n\x1a\n" . $chunk( 'IHDR', pack( 'NNCCCCC', $w, $h, 8, 2, 0, 0, 0 ) )
		. $chunk( 'IDAT', gzcompress( $raw ) ) . $chunk( 'IEND', '' );
}

function wpjz_seed( array $ids ): void {
	$news      = wpjz_term( 'News', 'category' );
	$releases  = wpjz_term( 'Releases', 'category', $news );
	$tutorials = wpjz_term( 'Tutorials', 'category' );
	$opinion   = wpjz_term( 'Opinion', 'category' );
	foreach ( [ 'WordPress', 'Zapier', 'JWT', 'Automation', 'REST API' ] as $t ) {
		wpjz_term( $t, 'post_tag' );
	}
	$sf      = wpjz_term( 'Science Fiction', 'genre' );
	$classic = wpjz_term( 'Classics', 'genre' );

	$now = current_time( 'timestamp' ); // site-local "now"
	$ago = function ( $days, $hour = 9 ) use ( $now ) {
		return gmdate( 'Y-m-d', $now - $days * DAY_IN_SECONDS ) . sprintf( ' %02d:15:00', $hour );
	};

	$welcome = wpjz_post( [
		'post_title'    => 'Welcome to the bench',
		'post_content'  => "<!-- wp:paragraph -->\n<p>This site is a test bench for the wp-jwt-zapier app.</p>\n<!-- /wp:paragraph -->",
		'post_excerpt'  => 'A short excerpt for the welcome post.',
		'post_author'   => $ids['administrator'],
		'post_date'     => $ago( 12 ),
		'post_category' => [ $news ],
		'tags_input'    => [ 'WordPress' ],
		'meta_input'    => [ 'wpjz_source' => 'seed' ],
	] );
	wpjz_post( [
		'post_title'    => 'Tom &amp; Jerry\'s guide to R&amp;D "quotes"',
		'post_content'  => '<p>Entities &amp; apostrophes: it\'s &lt;fine&gt;.</p>',
		'post_author'   => $ids['editor'],
		'post_date'     => $ago( 9 ),
		'post_category' => [ $tutorials ],
		'tags_input'    => [ 'REST API', 'JWT' ],
	] );
	wpjz_post( [
		'post_title'    => 'Launch day 🚀 is here',
		'post_content'  => '<p>We shipped it 🎉 — with emoji in the title and the body.</p>',
		'post_author'   => $ids['author'],
		'post_date'     => $ago( 6 ),
		'post_category' => [ $releases ],
		'tags_input'    => [ 'Zapier', 'Automation' ],
	] );
	wpjz_post( [
		'post_title'    => 'Notes from Åsa: ünïcode everywhere',
		'post_content'  => '<p>Grüße, ¡hola!, こんにちは.</p>',
		'post_author'   => $ids['awkward'],
		'post_date'     => $ago( 4 ),
		'post_category' => [ $opinion ],
		'tags_input'    => [ 'WordPress' ],
	] );
	$featured = wpjz_post( [
		'post_title'    => 'A post with a featured image',
		'post_content'  => '<p>The image was generated by the bench.</p>',
		'post_author'   => $ids['editor'],
		'post_date'     => $ago( 2 ),
		'post_category' => [ $news, $tutorials ],
		'tags_input'    => [ 'Automation', 'REST API' ],
	] );
	$sticky = wpjz_post( [
		'post_title'    => 'An old but sticky announcement',
		'post_content'  => '<p>Sticky posts come first on the home page, not in the REST API (WP 6.1).</p>',
		'post_author'   => $ids['administrator'],
		'post_date'     => '2020-01-15 10:00:00',
		'post_category' => [ $news ],
	] );
	stick_post( $sticky );

	wpjz_post( [
		'post_title'   => 'Draft: unfinished thoughts',
		'post_content' => '<p>Not ready yet.</p>',
		'post_status'  => 'draft',
		'post_author'  => $ids['author'],
	] );
	wpjz_post( [
		'post_title'   => 'Pending review: a contributor post',
		'post_content' => '<p>Waiting for an editor.</p>',
		'post_status'  => 'pending',
		'post_author'  => $ids['contributor'],
	] );
	wpjz_post( [
		'post_title'   => 'Staff memo',
		'post_content' => '<p>Private: only editors and admins see this.</p>',
		'post_status'  => 'private',
		'post_author'  => $ids['editor'],
		'post_date'    => $ago( 3 ),
	] );
	wpjz_post( [
		'post_type'    => 'page',
		'post_title'   => 'About the bench',
		'post_content' => '<p>A page, for page-type tests.</p>',
		'post_author'  => $ids['administrator'],
		'post_date'    => $ago( 20 ),
	] );
	$b1 = wpjz_post( [
		'post_type'    => 'book',
		'post_title'   => 'The Left Hand of Darkness',
		'post_content' => '<p>A 1969 novel by Ursula K. Le Guin.</p>',
		'post_excerpt' => 'Winter, the Ekumen, and Genly Ai.',
		'post_author'  => $ids['editor'],
		'post_date'    => $ago( 8 ),
	] );
	wp_set_object_terms( $b1, [ $sf ], 'genre' );
	$b2 = wpjz_post( [
		'post_type'    => 'book',
		'post_title'   => 'Persuasion',
		'post_content' => '<p>Jane Austen\'s last completed novel.</p>',
		'post_author'  => $ids['author'],
		'post_date'    => $ago( 5 ),
	] );
	wp_set_object_terms( $b2, [ $classic ], 'genre' );

	// Featured image: a generated PNG uploaded the way core does it.
	$up = wp_upload_bits( 'wpjz-featured.png', null, wpjz_png() );
	if ( ! empty( $up['error'] ) ) {
		wpjz_fail( 'upload: ' . $up['error'] );
	}
	$att = wp_insert_attachment( [
		'post_mime_type' => 'image/png',
		'post_title'     => 'Bench featured image',
		'post_content'   => '',
		'post_status'    => 'inherit',
		'post_author'    => $ids['editor'],
	], $up['file'], $featured, true );
	if ( is_wp_error( $att ) ) {
		wpjz_fail( 'attachment: ' . $att->get_error_message() );
	}
	wp_update_attachment_metadata( $att, wp_generate_attachment_metadata( $att, $up['file'] ) );
	update_post_meta( $att, '_wp_attachment_image_alt', 'Orange box on blue: the bench logo' );
	set_post_thumbnail( $featured, $att );
	set_post_thumbnail( $b1, $att );
}
