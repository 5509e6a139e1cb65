<?php
/**
 * Shared helpers for the WordPress test bench (scripts/wordpress.sh).
 * test/wordpress/sites.json is the single source of truth for sites, ports and users.
 *
 * Environment:
 *   WPJZ_BENCH_DIR   bench directory (default /var/tmp/wp-jwt-zapier)
 *   WPJZ_SITES_JSON  path of sites.json (default <repo>/test/wordpress/sites.json)
 */

function wpjz_fail( string $msg ): void {
	fwrite( STDERR, "wordpress bench: $msg\n" );
	exit( 1 );
}

function wpjz_bench_dir(): string {
	$d = getenv( 'WPJZ_BENCH_DIR' );
	return rtrim( $d ?: '/var/tmp/wp-jwt-zapier', '/' );
}

function wpjz_config(): array {
	static $cfg = null;
	if ( null === $cfg ) {
		$path = getenv( 'WPJZ_SITES_JSON' ) ?: dirname( __DIR__, 2 ) . '/test/wordpress/sites.json';
		$raw  = @file_get_contents( $path );
		if ( false === $raw ) {
			wpjz_fail( "cannot read $path" );
		}
		$cfg = json_decode( $raw, true );
		if ( ! is_array( $cfg ) || empty( $cfg['sites'] ) || empty( $cfg['users'] ) ) {
			wpjz_fail( "$path is not valid JSON with 'sites' and 'users': " . json_last_error_msg() );
		}
	}
	return $cfg;
}

/** Everything the scripts need to know about one site, derived from sites.json. */
function wpjz_site( string $name ): array {
	$cfg = wpjz_config();
	if ( ! isset( $cfg['sites'][ $name ] ) ) {
		wpjz_fail( "unknown site '$name' (known: " . implode( ', ', array_keys( $cfg['sites'] ) ) . ')' );
	}
	$s   = $cfg['sites'][ $name ];
	$url = rtrim( $s['url'], '/' );
	$p   = parse_url( $url );
	if ( empty( $p['host'] ) || empty( $p['port'] ) ) {
		wpjz_fail( "site '$name': url must be http://HOST:PORT[/path], got '$url'" );
	}
	$path   = isset( $p['path'] ) ? rtrim( $p['path'], '/' ) : '';
	// The suite names a directory and an apt suite: only a plain codename may reach the shell.
	if ( isset( $s['wordpress'] ) && ! preg_match( '/^[a-z]+$/', (string) $s['wordpress'] ) ) {
		wpjz_fail( "site '$name': wordpress must be a Debian codename such as 'trixie'" );
	}
	// A subdirectory network's other sites, by path: names that reach URLs and the shell.
	foreach ( (array) ( $s['multisite'] ?? [] ) as $sub ) {
		if ( ! preg_match( '/^[a-z][a-z0-9-]*$/', (string) $sub ) || '' !== $path ) {
			wpjz_fail( "site '$name': multisite takes sub-site names such as 'second', on a site at the server's root" );
		}
	}
	$bench  = wpjz_bench_dir();
	$htdocs = "$bench/sites/$name/htdocs";
	return [
		'name'          => $name,
		'url'           => $url,
		'host'          => $p['host'],
		'port'          => (int) $p['port'],
		'path'          => $path,
		'htdocs'        => $htdocs,
		'wp_dir'        => $htdocs . $path,
		'db'            => 'wpjz_' . preg_replace( '/[^a-z0-9_]/', '_', strtolower( $name ) ),
		'permalinks'    => (string) ( $s['permalinks'] ?? '/%postname%/' ),
		'authorization' => (string) ( $s['authorization'] ?? 'htaccess' ),
		'plugin_active' => (bool) ( $s['plugin_active'] ?? true ),
		// Another JWT plugin's fixture installed and active beside the seed one ('useful': Useful Team's JWT Auth).
		'plugin'        => (string) ( $s['plugin'] ?? '' ),
		// WP_ENVIRONMENT_TYPE; 'local' makes WordPress offer Application Passwords over plain http.
		'environment'   => (string) ( $s['environment'] ?? '' ),
		// The companion plugin (wpjz-companion/ at the repo's top level) installed and active.
		'companion'     => (bool) ( $s['companion'] ?? false ),
		// WP-Cron left on (every other site defines DISABLE_WP_CRON).
		'wp_cron'       => (bool) ( $s['wp_cron'] ?? false ),
		// WPJZ_RETRY_BASE_SECONDS: the companion's retry waits, shortened for the tests (0: the plugin's default).
		'retry_base'    => (int) ( $s['retry_base_seconds'] ?? 0 ),
		// Another Debian suite's wordpress package (e.g. 'trixie': 6.8) instead of the machine's (bookworm: 6.1).
		'wordpress'     => (string) ( $s['wordpress'] ?? '' ),
		// A subdirectory multisite: the names of the sites beside the main one (`/second/`, ...).
		'multisite'     => array_values( (array) ( $s['multisite'] ?? [] ) ),
		'jwt_secret'    => $s['jwt_secret'] ?? null,
		'timezone'      => (string) ( $s['timezone'] ?? 'UTC' ),
		'seed'          => (bool) ( $s['seed'] ?? false ),
	];
}

function wpjz_site_names(): array {
	return array_keys( wpjz_config()['sites'] );
}

const WPJZ_DB_USER     = 'wpjz';
const WPJZ_DB_PASSWORD = 'wpjz-bench-db-pass';
const WPJZ_PLUGIN      = 'jwt-authentication-for-wp-rest-api/jwt-auth.php';
const WPJZ_THEME       = 'wpjz-bench';
const WPJZ_COMPANION   = 'wpjz-companion/wpjz-companion.php';
/** Fixture plugins besides the seed one: sites.json's `plugin` => the plugin file WordPress activates. */
const WPJZ_OTHER_PLUGINS = [ 'useful' => 'jwt-auth/jwt-auth.php' ];

/** Written by install.php once a multisite's network tables exist: wp-config.php then turns MULTISITE on. */
function wpjz_network_marker( array $s ): string {
	return $s['wp_dir'] . '/wp-content/.wpjz-network';
}

function wpjz_db_host(): string {
	return 'localhost:' . wpjz_bench_dir() . '/run/mysqld.sock';
}

/**
 * Prepare $_SERVER like a web request to the site so that WordPress computes URLs correctly
 * when loaded from php-cli. Returns the WordPress directory; the CALLER must then
 * `require $dir . '/wp-load.php';` at top level (WordPress needs global scope).
 */
function wpjz_cli_env( string $name ): string {
	$s = wpjz_site( $name );
	if ( ! is_file( $s['wp_dir'] . '/wp-load.php' ) || ! is_file( $s['wp_dir'] . '/wp-config.php' ) ) {
		wpjz_fail( "site '$name' has no WordPress in {$s['wp_dir']} (run: scripts/wordpress.sh up)" );
	}
	$_SERVER['HTTP_HOST']       = $s['host'] . ':' . $s['port'];
	$_SERVER['SERVER_NAME']     = $s['host'];
	$_SERVER['SERVER_PORT']     = (string) $s['port'];
	$_SERVER['REQUEST_URI']     = $s['path'] . '/';
	$_SERVER['REQUEST_METHOD']  = 'GET';
	$_SERVER['SCRIPT_NAME']     = $s['path'] . '/index.php';
	$_SERVER['PHP_SELF']        = $s['path'] . '/index.php';
	$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
	$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
	unset( $_SERVER['HTTPS'] );
	return $s['wp_dir'];
}
