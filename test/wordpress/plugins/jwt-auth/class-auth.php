<?php
/**
 * Fixture of JWTAuth\Auth (Useful Team's JWT Auth 3.x). Same routes, checks, codes, statuses and
 * filters as the real class-auth.php; the token is HS256 as firebase/php-jwt signs it.
 *
 * Deliberate scope: custom_auth (jwt_auth_do_custom_auth), devices and the white/blacklist filters
 * are left out; the login with username and password, validation, refresh and the handling of a
 * Bearer token on every REST request are as in the plugin.
 */

defined( 'ABSPATH' ) || die( "Can't access directly" );

class WPJZ_Useful_Auth {
	private $namespace = 'jwt-auth/v1';

	/** @var WP_REST_Response|null a token error replayed on the plugin's own routes */
	private $jwt_error = null;

	public function register_rest_routes() {
		foreach ( [ 'token' => 'get_token', 'token/validate' => 'validate_route', 'token/refresh' => 'refresh_token' ] as $route => $callback ) {
			register_rest_route( $this->namespace, $route, [
				'methods'             => 'POST',
				'callback'            => [ $this, $callback ],
				'permission_callback' => '__return_true',
			] );
		}
	}

	/** Every answer of the plugin: its own envelope, with the HTTP status repeated as statusCode. */
	private function answer( bool $success, int $status, string $code, string $message, $data = [] ) {
		$body = [ 'success' => $success, 'statusCode' => $status, 'code' => $code, 'message' => $message ];
		if ( null !== $data ) {
			$body['data'] = $data;
		}
		return new WP_REST_Response( $body, $status );
	}

	/** POST /jwt-auth/v1/token */
	public function get_token( WP_REST_Request $request ) {
		$secret   = defined( 'JWT_AUTH_SECRET_KEY' ) ? JWT_AUTH_SECRET_KEY : false;
		$username = $request->get_param( 'username' );
		$password = $request->get_param( 'password' );
		if ( ! $secret ) {
			return $this->answer( false, 500, 'jwt_auth_bad_config', __( 'JWT is not configured properly.', 'jwt-auth' ) );
		}

		if ( isset( $_COOKIE['refresh_token'] ) ) {
			$user_id = $this->validate_refresh_token( (string) $_COOKIE['refresh_token'] );
			if ( $user_id instanceof WP_REST_Response ) {
				return $user_id;
			}
			$user = get_user_by( 'id', $user_id );
		} else {
			$user = wp_authenticate( $username, $password );
		}

		// WordPress's own code, unprefixed, with its message as plain text; always 401.
		if ( is_wp_error( $user ) ) {
			$code = $user->get_error_code();
			return $this->answer( false, 401, $code, wp_strip_all_tags( $user->get_error_message( $code ) ) );
		}

		$response = $this->generate_token( $user );
		if ( $username && $password ) {
			$this->send_refresh_token( $user );
		}
		return $response;
	}

	public function generate_token( WP_User $user ) {
		$issued_at = time();
		$payload   = [
			'iss'  => get_bloginfo( 'url' ),
			'iat'  => $issued_at,
			'nbf'  => apply_filters( 'jwt_auth_not_before', $issued_at, $issued_at ),
			'exp'  => apply_filters( 'jwt_auth_expire', $issued_at + MINUTE_IN_SECONDS * 10, $issued_at ),
			'data' => [ 'user' => [ 'id' => $user->ID ] ],
		];
		$token    = WPJZ_Useful_Token::encode( apply_filters( 'jwt_auth_payload', $payload, $user ), JWT_AUTH_SECRET_KEY );
		$response = [
			'success'    => true,
			'statusCode' => 200,
			'code'       => 'jwt_auth_valid_credential',
			'message'    => __( 'Credential is valid', 'jwt-auth' ),
			'data'       => [
				'token'       => $token,
				'id'          => $user->ID,
				'email'       => $user->user_email,
				'nicename'    => $user->user_nicename,
				'firstName'   => $user->first_name,
				'lastName'    => $user->last_name,
				'displayName' => $user->display_name,
			],
		];
		return apply_filters( 'jwt_auth_valid_credential_response', $response, $user );
	}

	/** A new refresh token as an HttpOnly cookie, the previous one replaced (30 days, filter jwt_auth_refresh_expire). */
	private function send_refresh_token( WP_User $user ) {
		$token   = bin2hex( random_bytes( 32 ) );
		$expires = apply_filters( 'jwt_auth_refresh_expire', time() + DAY_IN_SECONDS * 30, time() );
		if ( ! headers_sent() ) {
			setcookie( 'refresh_token', $user->ID . '.' . $token, $expires, COOKIEPATH, COOKIE_DOMAIN, is_ssl(), true );
		}
		update_user_meta( $user->ID, 'jwt_auth_refresh_tokens', [ '' => [ 'token' => $token, 'expires' => $expires ] ] );
	}

	private function validate_refresh_token( string $cookie ) {
		$parts = explode( '.', $cookie );
		if ( count( $parts ) !== 2 || ! intval( $parts[0] ) || '' === $parts[1] ) {
			return $this->answer( false, 401, 'jwt_auth_invalid_refresh_token', __( 'Invalid refresh token', 'jwt-auth' ), null );
		}
		$stored = get_user_meta( intval( $parts[0] ), 'jwt_auth_refresh_tokens', true );
		if ( empty( $stored[''] ) || $stored['']['token'] !== $parts[1] || $stored['']['expires'] < time() ) {
			return $this->answer( false, 401, 'jwt_auth_obsolete_token', __( 'Token is obsolete', 'jwt-auth' ), null );
		}
		return intval( $parts[0] );
	}

	/** POST /jwt-auth/v1/token/refresh: only with the cookie; a server-side client logs in again instead. */
	public function refresh_token( WP_REST_Request $request ) {
		if ( ! isset( $_COOKIE['refresh_token'] ) ) {
			return $this->answer( false, 401, 'jwt_auth_no_auth_cookie', __( 'Refresh token cookie not found.', 'jwt-auth' ), null );
		}
		$user_id = $this->validate_refresh_token( (string) $_COOKIE['refresh_token'] );
		if ( $user_id instanceof WP_REST_Response ) {
			return $user_id;
		}
		$this->send_refresh_token( get_user_by( 'id', $user_id ) );
		return $this->answer( true, 200, 'jwt_auth_valid_token', __( 'Token is valid', 'jwt-auth' ), null );
	}

	/** POST /jwt-auth/v1/token/validate */
	public function validate_route( WP_REST_Request $request ) {
		return $this->validate_token( true );
	}

	/** The Bearer token of this request: its payload, or the plugin's error answer (always 401). */
	public function validate_token( bool $return_response ) {
		$auth = $_SERVER['HTTP_AUTHORIZATION'] ?? ( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ?? false );
		if ( ! $auth ) {
			return $this->answer( false, 401, 'jwt_auth_no_auth_header', __( 'Authorization header not found.', 'jwt-auth' ) );
		}
		$parsed = sscanf( $auth, 'Bearer %s' );
		$token  = is_array( $parsed ) ? $parsed[0] : null;
		if ( ! $token ) {
			return $this->answer( false, 401, 'jwt_auth_bad_auth_header', __( 'Authorization header malformed.', 'jwt-auth' ) );
		}
		if ( ! defined( 'JWT_AUTH_SECRET_KEY' ) || ! JWT_AUTH_SECRET_KEY ) {
			return $this->answer( false, 401, 'jwt_auth_bad_config', __( 'JWT is not configured properly.', 'jwt-auth' ) );
		}
		try {
			$payload = WPJZ_Useful_Token::decode( $token, JWT_AUTH_SECRET_KEY );
		} catch ( Exception $e ) {
			return $this->answer( false, 401, 'jwt_auth_invalid_token', $e->getMessage() );
		}
		if ( ( $payload->iss ?? null ) !== get_bloginfo( 'url' ) ) {
			return $this->answer( false, 401, 'jwt_auth_bad_iss', __( 'The iss do not match with this server.', 'jwt-auth' ) );
		}
		if ( ! isset( $payload->data->user->id ) ) {
			return $this->answer( false, 401, 'jwt_auth_bad_request', __( 'User ID not found in the token.', 'jwt-auth' ) );
		}
		$user = get_user_by( 'id', $payload->data->user->id );
		if ( ! $user ) {
			return $this->answer( false, 401, 'jwt_auth_user_not_found', __( "User doesn't exist", 'jwt-auth' ) );
		}
		if ( '' !== apply_filters( 'jwt_auth_extra_token_check', '', $user, $token, $payload ) ) {
			return $this->answer( false, 401, 'jwt_auth_obsolete_token', __( 'Token is obsolete', 'jwt-auth' ) );
		}
		if ( ! $return_response ) {
			return $payload;
		}
		$response = [ 'success' => true, 'statusCode' => 200, 'code' => 'jwt_auth_valid_token', 'message' => __( 'Token is valid', 'jwt-auth' ), 'data' => [] ];
		return new WP_REST_Response( apply_filters( 'jwt_auth_valid_token_response', $response, $user, $token, $payload ) );
	}

	/**
	 * determine_current_user: only REST URLs, never /token/validate (it reads the header itself). A
	 * good token names the user; anything else leaves the request as it was, anonymous, except on
	 * the plugin's own routes, where the error is the answer.
	 */
	public function determine_current_user( $user_id ) {
		$uri  = $_SERVER['REQUEST_URI'] ?? '';
		$slug = get_option( 'permalink_structure' ) ? rest_get_url_prefix() : '?rest_route=/';
		if ( ! strpos( $uri, $slug ) || strpos( $uri, 'token/validate' ) > 0 ) {
			return $user_id;
		}
		$payload = $this->validate_token( false );
		if ( $payload instanceof WP_REST_Response ) {
			$code = $payload->get_data()['code'];
			if ( 'jwt_auth_no_auth_header' !== $code && 'jwt_auth_bad_auth_header' !== $code && false !== strpos( urldecode( $uri ), '/jwt-auth/v1/' ) ) {
				$this->jwt_error = $payload;
			}
			return $user_id;
		}
		return (int) $payload->data->user->id;
	}

	public function rest_pre_dispatch( $result, WP_REST_Server $server, WP_REST_Request $request ) {
		return null !== $this->jwt_error ? $this->jwt_error : $result;
	}
}

/** HS256 JWTs as firebase/php-jwt writes and checks them (no leeway; exp, nbf and iat checked). */
class WPJZ_Useful_Token {
	public static function encode( array $payload, string $key ): string {
		$segments = [ self::b64( wp_json_encode( [ 'typ' => 'JWT', 'alg' => 'HS256' ] ) ), self::b64( json_encode( $payload, JSON_UNESCAPED_SLASHES ) ) ];
		$segments[] = self::b64( hash_hmac( 'sha256', implode( '.', $segments ), $key, true ) );
		return implode( '.', $segments );
	}

	public static function decode( string $jwt, string $key ): stdClass {
		$parts = explode( '.', $jwt );
		if ( count( $parts ) !== 3 ) {
			throw new UnexpectedValueException( 'Wrong number of segments' );
		}
		$header  = json_decode( self::unb64( $parts[0] ) );
		$payload = json_decode( self::unb64( $parts[1] ) );
		if ( ! is_object( $header ) ) {
			throw new UnexpectedValueException( 'Invalid header encoding' );
		}
		if ( ! is_object( $payload ) ) {
			throw new UnexpectedValueException( 'Invalid claims encoding' );
		}
		if ( ( $header->alg ?? '' ) !== 'HS256' ) {
			throw new UnexpectedValueException( 'Incorrect key for this algorithm' );
		}
		if ( ! hash_equals( hash_hmac( 'sha256', "{$parts[0]}.{$parts[1]}", $key, true ), self::unb64( $parts[2] ) ) ) {
			throw new UnexpectedValueException( 'Signature verification failed' );
		}
		$now = time();
		if ( isset( $payload->nbf ) && $payload->nbf > $now ) {
			throw new UnexpectedValueException( 'Cannot handle token prior to ' . gmdate( DateTime::ISO8601, (int) $payload->nbf ) );
		}
		if ( isset( $payload->iat ) && $payload->iat > $now ) {
			throw new UnexpectedValueException( 'Cannot handle token prior to ' . gmdate( DateTime::ISO8601, (int) $payload->iat ) );
		}
		if ( isset( $payload->exp ) && $now >= $payload->exp ) {
			throw new UnexpectedValueException( 'Expired token' );
		}
		return $payload;
	}

	private static function b64( string $s ): string {
		return rtrim( strtr( base64_encode( $s ), '+/', '-_' ), '=' );
	}

	private static function unb64( string $s ): string {
		return (string) base64_decode( strtr( $s, '-_', '+/' ) );
	}
}
