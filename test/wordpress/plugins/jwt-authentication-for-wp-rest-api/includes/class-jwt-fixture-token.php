<?php
/**
 * Minimal JWT (HMAC only) for the fixture plugin.
 *
 * Written for the bench; it reproduces what firebase/php-jwt 6.3.0 (the version bundled with the
 * real plugin 1.3.x) does from the outside: same header (`{"typ":"JWT","alg":"HS256"}`), same
 * JSON encoding (JSON_UNESCAPED_SLASHES), same base64url without padding, same order of checks,
 * same exception messages, no leeway.
 */

if ( ! defined( 'WPINC' ) ) {
	die;
}

class Jwt_Fixture_Signature_Invalid_Exception extends UnexpectedValueException {}
class Jwt_Fixture_Before_Valid_Exception extends UnexpectedValueException {}
class Jwt_Fixture_Expired_Exception extends UnexpectedValueException {}

class Jwt_Fixture_Token {
	/** Seconds of clock-skew tolerance. The real plugin never changes php-jwt's default of 0. */
	public static $leeway = 0;

	/** Same table as php-jwt: an algorithm not listed here is "Algorithm not supported". */
	public static $supported_algs = [
		'ES384'  => [ 'openssl', 'SHA384' ],
		'ES256'  => [ 'openssl', 'SHA256' ],
		'HS256'  => [ 'hash_hmac', 'SHA256' ],
		'HS384'  => [ 'hash_hmac', 'SHA384' ],
		'HS512'  => [ 'hash_hmac', 'SHA512' ],
		'RS256'  => [ 'openssl', 'SHA256' ],
		'RS384'  => [ 'openssl', 'SHA384' ],
		'RS512'  => [ 'openssl', 'SHA512' ],
		'EdDSA'  => [ 'sodium_crypto', 'EdDSA' ],
	];

	public static function encode( array $payload, string $key, string $alg ): string {
		$header   = [ 'typ' => 'JWT', 'alg' => $alg ];
		$segments = [
			self::urlsafe_b64_encode( self::json_encode( $header ) ),
			self::urlsafe_b64_encode( self::json_encode( $payload ) ),
		];
		$signing_input = implode( '.', $segments );
		$segments[]    = self::urlsafe_b64_encode( self::sign( $signing_input, $key, $alg ) );

		return implode( '.', $segments );
	}

	/**
	 * @return stdClass the payload
	 * @throws Exception (UnexpectedValueException, DomainException, ...) exactly where php-jwt would.
	 */
	public static function decode( string $jwt, string $key, string $key_alg ): stdClass {
		$timestamp = time();

		if ( '' === $key ) {
			throw new InvalidArgumentException( 'Key may not be empty' );
		}
		$tks = explode( '.', $jwt );
		if ( count( $tks ) !== 3 ) {
			throw new UnexpectedValueException( 'Wrong number of segments' );
		}
		list( $headb64, $bodyb64, $cryptob64 ) = $tks;
		if ( null === ( $header = self::json_decode( self::urlsafe_b64_decode( $headb64 ) ) ) ) {
			throw new UnexpectedValueException( 'Invalid header encoding' );
		}
		if ( null === ( $payload = self::json_decode( self::urlsafe_b64_decode( $bodyb64 ) ) ) ) {
			throw new UnexpectedValueException( 'Invalid claims encoding' );
		}
		if ( is_array( $payload ) ) {
			$payload = (object) $payload;
		}
		if ( ! $payload instanceof stdClass ) {
			throw new UnexpectedValueException( 'Payload must be a JSON object' );
		}
		$sig = self::urlsafe_b64_decode( $cryptob64 );
		if ( ! is_object( $header ) || empty( $header->alg ) ) {
			throw new UnexpectedValueException( 'Empty algorithm' );
		}
		if ( ! is_string( $header->alg ) || empty( self::$supported_algs[ $header->alg ] ) ) {
			throw new UnexpectedValueException( 'Algorithm not supported' );
		}
		if ( ! hash_equals( $key_alg, $header->alg ) ) {
			throw new UnexpectedValueException( 'Incorrect key for this algorithm' );
		}
		if ( ! self::verify( "{$headb64}.{$bodyb64}", $sig, $key, $header->alg ) ) {
			throw new Jwt_Fixture_Signature_Invalid_Exception( 'Signature verification failed' );
		}
		if ( isset( $payload->nbf ) && $payload->nbf > ( $timestamp + self::$leeway ) ) {
			throw new Jwt_Fixture_Before_Valid_Exception(
				'Cannot handle token prior to ' . date( DateTime::ISO8601, (int) $payload->nbf )
			);
		}
		if ( isset( $payload->iat ) && $payload->iat > ( $timestamp + self::$leeway ) ) {
			throw new Jwt_Fixture_Before_Valid_Exception(
				'Cannot handle token prior to ' . date( DateTime::ISO8601, (int) $payload->iat )
			);
		}
		if ( isset( $payload->exp ) && ( $timestamp - self::$leeway ) >= $payload->exp ) {
			throw new Jwt_Fixture_Expired_Exception( 'Expired token' );
		}

		return $payload;
	}

	private static function sign( string $msg, string $key, string $alg ): string {
		if ( empty( self::$supported_algs[ $alg ] ) ) {
			throw new DomainException( 'Algorithm not supported' );
		}
		list( $function, $algorithm ) = self::$supported_algs[ $alg ];
		if ( 'hash_hmac' !== $function ) {
			// The fixture only signs with the shared secret (the real plugin's default and only documented mode).
			throw new DomainException( 'Algorithm not supported' );
		}

		return hash_hmac( $algorithm, $msg, $key, true );
	}

	private static function verify( string $msg, string $signature, string $key, string $alg ): bool {
		list( $function, $algorithm ) = self::$supported_algs[ $alg ];
		if ( 'hash_hmac' !== $function ) {
			throw new DomainException( 'Algorithm not supported' );
		}

		return hash_equals( hash_hmac( $algorithm, $msg, $key, true ), $signature );
	}

	public static function json_decode( string $input ) {
		$obj = json_decode( $input, false, 512, JSON_BIGINT_AS_STRING );
		if ( $errno = json_last_error() ) {
			self::handle_json_error( $errno );
		} elseif ( null === $obj && 'null' !== $input ) {
			throw new DomainException( 'Null result with non-null input' );
		}

		return $obj;
	}

	public static function json_encode( array $input ): string {
		$json = json_encode( $input, JSON_UNESCAPED_SLASHES );
		if ( $errno = json_last_error() ) {
			self::handle_json_error( $errno );
		} elseif ( 'null' === $json ) {
			throw new DomainException( 'Null result with non-null input' );
		}

		return (string) $json;
	}

	public static function urlsafe_b64_decode( string $input ): string {
		$remainder = strlen( $input ) % 4;
		if ( $remainder ) {
			$input .= str_repeat( '=', 4 - $remainder );
		}

		return (string) base64_decode( strtr( $input, '-_', '+/' ) );
	}

	public static function urlsafe_b64_encode( string $input ): string {
		return str_replace( '=', '', strtr( base64_encode( $input ), '+/', '-_' ) );
	}

	private static function handle_json_error( int $errno ): void {
		$messages = [
			JSON_ERROR_DEPTH          => 'Maximum stack depth exceeded',
			JSON_ERROR_STATE_MISMATCH => 'Invalid or malformed JSON',
			JSON_ERROR_CTRL_CHAR      => 'Unexpected control character found',
			JSON_ERROR_SYNTAX         => 'Syntax error, malformed JSON',
			JSON_ERROR_UTF8           => 'Malformed UTF-8 characters',
		];
		throw new DomainException( $messages[ $errno ] ?? 'Unknown JSON error: ' . $errno );
	}
}
