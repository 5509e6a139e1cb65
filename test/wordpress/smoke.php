<?php
/**
 * Smoke check of the running WordPress bench against docs/wordpress.md.
 *   php test/wordpress/smoke.php          (after scripts/wordpress.sh up)
 * Prints one line of evidence per check; exits 1 if any check fails.
 */
$cfg   = json_decode( file_get_contents( getenv( 'WPJZ_SITES_JSON' ) ?: __DIR__ . '/sites.json' ), true );
$sites = $cfg['sites'];
$users = $cfg['users'];
$fails = 0;

function http( string $method, string $url, array $headers = [], $body = null ): array {
	$ch = curl_init( $url );
	$rh = [];
	curl_setopt_array( $ch, [
		CURLOPT_CUSTOMREQUEST  => $method,
		CURLOPT_RETURNTRANSFER => true,
		CURLOPT_HTTPHEADER     => $headers,
		CURLOPT_TIMEOUT        => 20,
		CURLOPT_HEADERFUNCTION => function ( $ch, $line ) use ( &$rh ) {
			$p = explode( ':', $line, 2 );
			if ( count( $p ) === 2 ) {
				$rh[ strtolower( trim( $p[0] ) ) ][] = trim( $p[1] );
			}
			return strlen( $line );
		},
	] );
	if ( null !== $body ) {
		curl_setopt( $ch, CURLOPT_POSTFIELDS, $body );
	}
	$raw = curl_exec( $ch );
	if ( false === $raw ) {
		return [ 'status' => 0, 'headers' => [], 'raw' => curl_error( $ch ), 'json' => null ];
	}
	$status = curl_getinfo( $ch, CURLINFO_RESPONSE_CODE );
	return [ 'status' => $status, 'headers' => $rh, 'raw' => $raw, 'json' => json_decode( $raw, true ) ];
}

function check( string $label, bool $ok, string $evidence ): void {
	global $fails;
	if ( ! $ok ) {
		$fails++;
	}
	printf( "%s %-62s %s\n", $ok ? 'PASS' : 'FAIL', $label, $evidence );
}

function ev( array $r ): string {
	$j = $r['json'];
	if ( is_array( $j ) && isset( $j['code'] ) ) {
		return "{$r['status']} {$j['code']}" . ( isset( $j['message'] ) ? ' "' . mb_strimwidth( strip_tags( (string) $j['message'] ), 0, 60, '…' ) . '"' : '' );
	}
	return $r['status'] . ' ' . mb_strimwidth( preg_replace( '/\s+/', ' ', $r['raw'] ), 0, 70, '…' );
}

function token( string $root, array $u, string $as = 'json' ): array {
	if ( 'json' === $as ) {
		return http( 'POST', route( $root, 'jwt-auth/v1/token' ), [ 'Content-Type: application/json' ],
			json_encode( [ 'username' => $u['username'], 'password' => $u['password'] ] ) );
	}
	return http( 'POST', route( $root, 'jwt-auth/v1/token' ), [], http_build_query( [ 'username' => $u['username'], 'password' => $u['password'] ] ) );
}

/** Join a REST root (…/wp-json/ or …/index.php?rest_route=/) and a route with optional query. */
function route( string $root, string $route, string $query = '' ): string {
	if ( strpos( $root, 'rest_route=' ) !== false ) {
		return $root . $route . ( $query ? '&' . $query : '' );
	}
	return $root . $route . ( $query ? '?' . $query : '' );
}

function b64url( string $s ): string {
	return rtrim( strtr( base64_encode( $s ), '+/', '-_' ), '=' );
}

function forge( array $claims, string $secret ): string {
	$h = b64url( '{"typ":"JWT","alg":"HS256"}' );
	$p = b64url( json_encode( $claims, JSON_UNESCAPED_SLASHES ) );
	return "$h.$p." . b64url( hash_hmac( 'sha256', "$h.$p", $secret, true ) );
}

/* ---------------------------------------------------------------- main */
$m    = $sites['main'];
$root = $m['rest_root'];
$tok  = [];
foreach ( $users as $key => $u ) {
	$r = token( $root, $u );
	$ok = 200 === $r['status'] && isset( $r['json']['token'] ) && $r['json']['user_display_name'] === $u['display_name']
		&& $r['json']['user_email'] === $u['email'];
	check( "main: token for $key ({$u['username']}) via JSON", $ok, $r['status'] . ' ' . ( $r['json']['user_display_name'] ?? ev( $r ) ) );
	$tok[ $key ] = $r['json']['token'] ?? '';
}
$r = token( $root, $users['awkward'], 'form' );
check( 'main: awkward password via form body', 200 === $r['status'], ev( $r ) );
$r = http( 'POST', route( $root, 'jwt-auth/v1/token', http_build_query( [ 'username' => $users['editor']['email'], 'password' => $users['editor']['password'] ] ) ) );
check( 'main: token by e-mail, credentials in the query string', 200 === $r['status'], ev( $r ) );

$parts  = explode( '.', $tok['administrator'] );
$header = json_decode( base64_decode( strtr( $parts[0], '-_', '+/' ) ), true );
$claims = json_decode( base64_decode( strtr( $parts[1], '-_', '+/' ) ), true );
check( 'main: token header/claims', $header === [ 'typ' => 'JWT', 'alg' => 'HS256' ] && $claims['iss'] === $m['url']
	&& $claims['nbf'] === $claims['iat'] && $claims['exp'] - $claims['iat'] === 7 * 86400 && $claims['data']['user']['id'] === '1',
	json_encode( $claims, JSON_UNESCAPED_SLASHES ) );

$r = http( 'GET', route( $root, 'wp/v2/users/me', 'context=edit' ), [ 'Authorization: Bearer ' . $tok['administrator'] ] );
check( 'main: /users/me?context=edit with Bearer', 200 === $r['status'] && ( $r['json']['roles'] ?? [] ) === [ 'administrator' ],
	$r['status'] . ' ' . ( $r['json']['username'] ?? '' ) . ' ' . json_encode( $r['json']['roles'] ?? null ) . ' ' . ( $r['json']['email'] ?? '' ) );
$r = http( 'GET', route( $root, 'wp/v2/users/me', 'context=edit' ), [ 'Authorization: Bearer ' . $tok['awkward'] ] );
check( 'main: /users/me as awkward user', 200 === $r['status'] && ( $r['json']['name'] ?? '' ) === $users['awkward']['display_name'], $r['status'] . ' ' . ( $r['json']['name'] ?? ev( $r ) ) );
$r = http( 'POST', route( $root, 'jwt-auth/v1/token/validate' ), [ 'Authorization: Bearer ' . $tok['editor'] ] );
check( 'main: /token/validate', 200 === $r['status'] && ( $r['json']['code'] ?? '' ) === 'jwt_auth_valid_token', $r['raw'] );

$bad = substr( $tok['administrator'], 0, -4 ) . 'AAAA';
$r   = http( 'GET', route( $root, 'wp/v2/posts' ), [ 'Authorization: Bearer ' . $bad ] );
check( 'main: bad signature on public GET /wp/v2/posts', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_invalid_token', ev( $r ) );
$r = http( 'POST', route( $root, 'jwt-auth/v1/token' ), [ 'Content-Type: application/json', 'Authorization: Bearer ' . $bad ],
	json_encode( [ 'username' => 'ada', 'password' => $users['administrator']['password'] ] ) );
check( 'main: bad token poisons POST /token even with good credentials', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_invalid_token', ev( $r ) );
$r = http( 'GET', route( $root, 'wp/v2/posts' ), [ 'Authorization: Bearer abc.def' ] );
check( 'main: "Wrong number of segments"', 403 === $r['status'] && $r['json']['message'] === 'Wrong number of segments', ev( $r ) );
$r = http( 'GET', route( $root, 'wp/v2/posts' ), [ 'Authorization: Bearer abc.def.ghi' ] );
check( 'main: "Syntax error, malformed JSON"', 403 === $r['status'] && $r['json']['message'] === 'Syntax error, malformed JSON', ev( $r ) );
$r = http( 'GET', route( $root, 'wp/v2/users/me' ), [ 'Authorization: bearer ' . $tok['administrator'] ] );
check( 'main: lower-case "bearer" is anonymous', 401 === $r['status'] && $r['json']['code'] === 'rest_not_logged_in', ev( $r ) );
$r = http( 'GET', route( $root, 'wp/v2/posts', 'per_page=1' ), [ 'Authorization: Basic ' . base64_encode( 'x:y' ) ] );
check( 'main: Basic header passes through (anonymous)', 200 === $r['status'], ev( $r ) );
$r = http( 'GET', route( $root, 'wp/v2/posts' ), [ 'Authorization: Bearer' ] );
check( 'main: "Bearer" without token -> bad_auth_header', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_bad_auth_header', ev( $r ) );
$r = http( 'POST', route( $root, 'jwt-auth/v1/token/validate' ) );
check( 'main: /token/validate without header', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_no_auth_header', ev( $r ) );
$now = time();
$r = http( 'GET', route( $root, 'wp/v2/posts' ), [ 'Authorization: Bearer ' . forge( [ 'iss' => 'https://127.0.0.1:8080', 'iat' => $now, 'nbf' => $now, 'exp' => $now + 60, 'data' => [ 'user' => [ 'id' => '1' ] ] ], $m['jwt_secret'] ) ] );
check( 'main: other iss -> jwt_auth_bad_iss', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_bad_iss', ev( $r ) );
$r = http( 'GET', route( $root, 'wp/v2/posts' ), [ 'Authorization: Bearer ' . forge( [ 'iss' => $m['url'], 'iat' => $now, 'nbf' => $now, 'exp' => $now + 60, 'data' => [] ], $m['jwt_secret'] ) ] );
check( 'main: no data.user.id -> jwt_auth_bad_request', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_bad_request', ev( $r ) );
$r = http( 'GET', route( $root, 'wp/v2/posts' ), [ 'Authorization: Bearer ' . forge( [ 'iss' => $m['url'], 'iat' => $now + 100, 'nbf' => $now + 100, 'exp' => $now + 600, 'data' => [ 'user' => [ 'id' => '1' ] ] ], $m['jwt_secret'] ) ] );
check( 'main: nbf in the future, no leeway', 403 === $r['status'] && strpos( $r['json']['message'], 'Cannot handle token prior to' ) === 0, ev( $r ) );

foreach ( [
	[ 'nobody', 'x', '[jwt_auth] invalid_username' ],
	[ 'ada', 'wrong', '[jwt_auth] incorrect_password' ],
	[ 'nobody@example.com', 'x', '[jwt_auth] invalid_email' ],
	[ '', 'x', '[jwt_auth] empty_username' ],
	[ 'ada', '', '[jwt_auth] empty_password' ],
] as [ $un, $pw, $code ] ) {
	$r = http( 'POST', route( $root, 'jwt-auth/v1/token' ), [ 'Content-Type: application/json' ], json_encode( [ 'username' => $un, 'password' => $pw ] ) );
	check( "main: $code", 403 === $r['status'] && ( $r['json']['code'] ?? '' ) === $code, ev( $r ) );
}

$r = http( 'GET', route( $root, 'wp/v2/posts', 'per_page=1' ) );
check( 'main: yoast_head (~6 KB) present on posts', strlen( $r['json'][0]['yoast_head'] ?? '' ) > 5500 && is_array( $r['json'][0]['yoast_head_json'] ?? null ), strlen( $r['json'][0]['yoast_head'] ?? '' ) . ' B html, ' . strlen( json_encode( $r['json'][0]['yoast_head_json'] ?? null ) ) . ' B json' );
$r = http( 'GET', route( $root, 'wp/v2/books', '_fields=id,title,genres,featured_media' ) );
check( 'main: books CPT via /wp/v2/books', 200 === $r['status'] && count( $r['json'] ) >= 2, $r['status'] . ' ' . json_encode( array_map( function ( $b ) { return $b['title']['rendered']; }, (array) $r['json'] ), JSON_UNESCAPED_UNICODE ) );
$r = http( 'GET', route( $root, 'wp/v2/posts', 'context=edit&status=draft,private,pending&_fields=id,status,title' ), [ 'Authorization: Bearer ' . $tok['editor'] ] );
check( 'main: drafts/private/pending visible to an editor', 200 === $r['status'] && count( $r['json'] ) >= 3, $r['status'] . ' ' . json_encode( array_column( (array) $r['json'], 'status' ) ) );

/* ---------------------------------------------------------------- shortlived */
$r = token( $root, $users['shortlived'] );
$st = $r['json']['token'] ?? '';
$c  = json_decode( base64_decode( strtr( explode( '.', $st )[1] ?? '', '-_', '+/' ) ), true );
check( 'main: shortlived token lifetime', isset( $c['exp'] ) && $c['exp'] - $c['iat'] === (int) ( $users['shortlived']['token_lifetime_seconds'] ?? 3 ), 'exp-iat=' . ( ( $c['exp'] ?? 0 ) - ( $c['iat'] ?? 0 ) ) );
$r = http( 'GET', route( $root, 'wp/v2/users/me' ), [ 'Authorization: Bearer ' . $st ] );
check( 'main: shortlived token works at once', 200 === $r['status'], ev( $r ) );
sleep( 4 );
$r = http( 'GET', route( $root, 'wp/v2/users/me' ), [ 'Authorization: Bearer ' . $st ] );
check( 'main: shortlived token after 4 s -> Expired token', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_invalid_token' && $r['json']['message'] === 'Expired token', ev( $r ) );

/* ---------------------------------------------------------------- stripped */
$s  = $sites['stripped']['rest_root'];
$r  = token( $s, $users['administrator'] );
check( 'stripped: /token still 200', 200 === $r['status'], ev( $r ) );
$t  = $r['json']['token'] ?? '';
$r  = http( 'POST', route( $s, 'jwt-auth/v1/token/validate' ), [ 'Authorization: Bearer ' . $t ] );
check( 'stripped: /token/validate -> jwt_auth_no_auth_header', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_no_auth_header', ev( $r ) );
$r  = http( 'GET', route( $s, 'wp/v2/users/me' ), [ 'Authorization: Bearer ' . $t ] );
check( 'stripped: /users/me -> 401 rest_not_logged_in', 401 === $r['status'] && $r['json']['code'] === 'rest_not_logged_in', ev( $r ) );
$r  = http( 'GET', $sites['stripped']['url'] . '/?rest_route=/wp/v2/users/me', [ 'Authorization: Bearer ' . $t ] );
check( 'stripped: ?rest_route= does not help', 401 === $r['status'], ev( $r ) );

/* ---------------------------------------------------------------- plain */
$p = $sites['plain'];
$r = http( 'GET', $p['url'] . '/' );
$link = implode( ', ', $r['headers']['link'] ?? [] );
check( 'plain: home Link header', strpos( $link, '<' . $p['url'] . '/index.php?rest_route=/>; rel="https://api.w.org/"' ) !== false, $link );
$r = http( 'GET', $p['url'] . '/wp-json/' );
check( 'plain: /blog/wp-json/ is not JSON', null === $r['json'], $r['status'] . ' ' . ( $r['headers']['content-type'][0] ?? '' ) );
$r = token( $p['rest_root'], $users['editor'] );
$t = $r['json']['token'] ?? '';
check( 'plain: token via ?rest_route=', 200 === $r['status'], ev( $r ) );
$r = http( 'GET', route( $p['rest_root'], 'wp/v2/users/me', 'context=edit' ), [ 'Authorization: Bearer ' . $t ] );
check( 'plain: /users/me with Bearer (SetEnvIf)', 200 === $r['status'] && ( $r['json']['username'] ?? '' ) === 'edith', ev( $r ) . ' ' . ( $r['json']['username'] ?? '' ) );
$r = http( 'GET', route( $p['rest_root'], 'wp/v2/posts', 'per_page=2' ) );
check( 'plain: next link percent-encodes the route', strpos( implode( ',', $r['headers']['link'] ?? [] ), 'rest_route=%2Fwp%2Fv2%2Fposts' ) !== false, implode( ',', $r['headers']['link'] ?? [] ) );

/* ---------------------------------------------------------------- inactive / nosecret */
$r = token( $sites['inactive']['rest_root'], $users['administrator'] );
check( 'inactive: POST /token -> 404 rest_no_route', 404 === $r['status'] && $r['json']['code'] === 'rest_no_route', ev( $r ) );
$r = token( $sites['nosecret']['rest_root'], $users['administrator'] );
check( 'nosecret: POST /token -> 403 jwt_auth_bad_config', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_bad_config', ev( $r ) );
$r = http( 'GET', route( $sites['nosecret']['rest_root'], 'wp/v2/posts' ), [ 'Authorization: Bearer ' . $tok['administrator'] ] );
check( 'nosecret: any request with Bearer -> jwt_auth_bad_config', 403 === $r['status'] && $r['json']['code'] === 'jwt_auth_bad_config', ev( $r ) );

printf( "\n%s: %d failure(s)\n", $fails ? 'FAILED' : 'OK', $fails );
exit( $fails ? 1 : 0 );
