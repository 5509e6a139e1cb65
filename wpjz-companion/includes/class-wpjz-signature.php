<?php
/**
 * The delivery signature header.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * X-WPJZ-Signature: t=<unix timestamp>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the hook's secret>.
 */
class Wpjz_Signature {

	const HEADER = 'X-WPJZ-Signature';

	/**
	 * Seconds a receiver should accept between the timestamp and its clock.
	 */
	const TOLERANCE = 300;

	/**
	 * A fresh secret: 32 random bytes as 64 hex characters.
	 *
	 * @return string
	 */
	public static function new_secret() {
		return bin2hex( random_bytes( 32 ) );
	}

	/**
	 * The header value for a body sent at a time.
	 *
	 * @param string $secret Hook secret.
	 * @param string $body   Raw body, exactly as sent.
	 * @param int    $time   Unix timestamp.
	 * @return string
	 */
	public static function header( $secret, $body, $time ) {
		return 't=' . $time . ',v1=' . hash_hmac( 'sha256', $time . '.' . $body, $secret );
	}

	/**
	 * What a receiver does: true only for a matching signature whose timestamp is within the tolerance.
	 *
	 * @param string $secret Hook secret.
	 * @param string $body   Raw body as received.
	 * @param string $header Header value as received.
	 * @param int    $now    The receiver's clock.
	 * @return bool
	 */
	public static function verify( $secret, $body, $header, $now ) {
		if ( ! is_string( $header ) || ! preg_match( '/^t=(\d{1,12}),v1=([0-9a-f]{64})$/', $header, $m ) ) {
			return false;
		}
		if ( abs( $now - (int) $m[1] ) > self::TOLERANCE ) {
			return false;
		}
		return hash_equals( hash_hmac( 'sha256', $m[1] . '.' . $body, $secret ), $m[2] );
	}
}
