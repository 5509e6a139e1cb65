<?php
/**
 * Fixture re-implementation of Jwt_Auth_Public (JWT Authentication for WP REST API 1.3.x).
 *
 * The control flow below follows the real plugin's public/class-jwt-auth-public.php step by step
 * (same hooks, same checks in the same order, same codes, messages and statuses) so that the bench
 * behaves like a real site running the plugin. Deliberate, documented difference: data.user.id is
 * emitted as a string ("1"), as observed on the reference site (see docs/wordpress.md).
 */

if ( ! defined( 'WPINC' ) ) {
	die;
}

class Jwt_Auth_Public {
	private $plugin_name;
	private $version;
	private $namespace;

	/** @var WP_Error|null error from the Bearer token, replayed by rest_pre_dispatch */
	private $jwt_error = null;

	private $supported_algorithms = [
		'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512',
		'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512',
	];

	public function __construct( $plugin_name, $version ) {
		$this->plugin_name = $plugin_name;
		$this->version     = $version;
		$this->namespace   = $this->plugin_name . '/v' . intval( $this->version );
	}

	public function add_api_routes() {
		register_rest_route( $this->namespace, 'token', [
			'methods'             => 'POST',
			'callback'            => [ $this, 'generate_token' ],
			'permission_callback' => '__return_true',
		] );

		register_rest_route( $this->namespace, 'token/validate', [
			'methods'             => 'POST',
			'callback'            => [ $this, 'validate_token' ],
			'permission_callback' => '__return_true',
		] );
	}

	public function add_cors_support() {
		$enable_cors = defined( 'JWT_AUTH_CORS_ENABLE' ) && JWT_AUTH_CORS_ENABLE;
		if ( $enable_cors ) {
			$headers = apply_filters( 'jwt_auth_cors_allow_headers', 'Access-Control-Allow-Headers, Content-Type, Authorization' );
			header( sprintf( 'Access-Control-Allow-Headers: %s', $headers ) );
		}
	}

	/**
	 * POST /jwt-auth/v1/token
	 */
	public function generate_token( WP_REST_Request $request ) {
		$secret_key = defined( 'JWT_AUTH_SECRET_KEY' ) ? JWT_AUTH_SECRET_KEY : false;
		$username   = $request->get_param( 'username' );
		$password   = $request->get_param( 'password' );

		if ( ! $secret_key ) {
			return new WP_Error(
				'jwt_auth_bad_config',
				__( 'JWT is not configured properly, please contact the admin', 'wp-api-jwt-auth' ),
				[ 'status' => 403 ]
			);
		}

		$user = wp_authenticate( $username, $password );

		if ( is_wp_error( $user ) ) {
			$error_code = $user->get_error_code();

			return new WP_Error(
				'[jwt_auth] ' . $error_code,
				$user->get_error_message( $error_code ),
				[ 'status' => 403 ]
			);
		}

		$issuedAt  = time();
		$notBefore = apply_filters( 'jwt_auth_not_before', $issuedAt, $issuedAt );
		$expire    = apply_filters( 'jwt_auth_expire', $issuedAt + ( DAY_IN_SECONDS * 7 ), $issuedAt );

		$token = [
			'iss'  => get_bloginfo( 'url' ),
			'iat'  => $issuedAt,
			'nbf'  => $notBefore,
			'exp'  => $expire,
			'data' => [
				'user' => [
					// Observed on the reference site as a JSON string ("1"); see the file header.
					'id' => (string) $user->ID,
				],
			],
		];

		$algorithm = $this->get_algorithm();
		if ( false === $algorithm ) {
			return $this->unsupported_algorithm();
		}

		$token = Jwt_Fixture_Token::encode(
			apply_filters( 'jwt_auth_token_before_sign', $token, $user ),
			$secret_key,
			$algorithm
		);

		$data = [
			'token'             => $token,
			'user_email'        => $user->user_email,
			'user_nicename'     => $user->user_nicename,
			'user_display_name' => $user->display_name,
		];

		return apply_filters( 'jwt_auth_token_before_dispatch', $data, $user );
	}

	/**
	 * determine_current_user filter (priority 10): the plugin's "middleware".
	 */
	public function determine_current_user( $user ) {
		$rest_api_slug = rest_get_url_prefix();
		$requested_url = sanitize_url( $_SERVER['REQUEST_URI'] ?? '' );
		// if we already have a valid user, or we have an invalid url, don't attempt to validate token
		$is_rest_request_constant_defined = defined( 'REST_REQUEST' ) && REST_REQUEST;
		$is_rest_request                  = $is_rest_request_constant_defined || strpos( $requested_url, $rest_api_slug );
		if ( $is_rest_request && $user ) {
			return $user;
		}

		/* The /token/validate route reads the header itself: avoid a double validation. */
		$validate_uri = strpos( $requested_url, 'token/validate' );
		if ( $validate_uri > 0 ) {
			return $user;
		}

		$auth_header = ! empty( $_SERVER['HTTP_AUTHORIZATION'] ) ? sanitize_text_field( $_SERVER['HTTP_AUTHORIZATION'] ) : false;
		/* Double check for different auth header string (server dependent) */
		if ( ! $auth_header ) {
			$auth_header = ! empty( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ) ? sanitize_text_field( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ) : false;
		}

		if ( ! $auth_header ) {
			return $user;
		}

		/* Not a Bearer header (Basic, lower-case "bearer", ...): leave the request alone. */
		if ( strpos( $auth_header, 'Bearer' ) !== 0 ) {
			return $user;
		}

		$token = $this->validate_token( new WP_REST_Request(), $auth_header );

		if ( is_wp_error( $token ) ) {
			if ( $token->get_error_code() != 'jwt_auth_no_auth_header' ) {
				/** If there is an error, store it to show it after see rest_pre_dispatch */
				$this->jwt_error = $token;
			}

			return $user;
		}

		/** Everything is ok, return the user ID stored in the token */
		return $token->data->user->id;
	}

	/**
	 * POST /jwt-auth/v1/token/validate, and the middleware's validator.
	 */
	public function validate_token( WP_REST_Request $request, $custom_token = false ) {
		$auth_header = $custom_token ?: $request->get_header( 'Authorization' );

		if ( ! $auth_header ) {
			return new WP_Error(
				'jwt_auth_no_auth_header',
				'Authorization header not found.',
				[ 'status' => 403 ]
			);
		}

		$parsed = sscanf( $auth_header, 'Bearer %s' );
		$token  = is_array( $parsed ) ? $parsed[0] : null;

		if ( ! $token ) {
			return new WP_Error(
				'jwt_auth_bad_auth_header',
				'Authorization header malformed.',
				[ 'status' => 403 ]
			);
		}

		$secret_key = defined( 'JWT_AUTH_SECRET_KEY' ) ? JWT_AUTH_SECRET_KEY : false;
		if ( ! $secret_key ) {
			return new WP_Error(
				'jwt_auth_bad_config',
				'JWT is not configured properly, please contact the admin',
				[ 'status' => 403 ]
			);
		}

		try {
			$algorithm = $this->get_algorithm();
			if ( false === $algorithm ) {
				return $this->unsupported_algorithm();
			}

			$token = Jwt_Fixture_Token::decode( $token, $secret_key, $algorithm );

			if ( ! isset( $token->iss ) || $token->iss !== get_bloginfo( 'url' ) ) {
				return new WP_Error(
					'jwt_auth_bad_iss',
					'The iss do not match with this server',
					[ 'status' => 403 ]
				);
			}

			if ( ! isset( $token->data->user->id ) ) {
				return new WP_Error(
					'jwt_auth_bad_request',
					'User ID not found in the token',
					[ 'status' => 403 ]
				);
			}

			if ( $custom_token ) {
				return $token;
			}

			return [
				'code' => 'jwt_auth_valid_token',
				'data' => [
					'status' => 200,
				],
			];
		} catch ( Exception $e ) {
			return new WP_Error(
				'jwt_auth_invalid_token',
				$e->getMessage(),
				[ 'status' => 403 ]
			);
		}
	}

	/**
	 * rest_pre_dispatch filter: a stored token error short-circuits EVERY REST request.
	 */
	public function rest_pre_dispatch( $request ) {
		if ( is_wp_error( $this->jwt_error ) ) {
			return $this->jwt_error;
		}

		return $request;
	}

	/** The plugin's answer when JWT_AUTH_ALGORITHM names an algorithm it does not support. */
	private function unsupported_algorithm() {
		return new WP_Error(
			'jwt_auth_unsupported_algorithm',
			__( 'Algorithm not supported, see https://www.rfc-editor.org/rfc/rfc7518#section-3', 'wp-api-jwt-auth' ),
			[ 'status' => 403 ]
		);
	}

	private function get_algorithm() {
		$algorithm = apply_filters( 'jwt_auth_algorithm', 'HS256' );
		if ( ! in_array( $algorithm, $this->supported_algorithms ) ) {
			return false;
		}

		return $algorithm;
	}
}
