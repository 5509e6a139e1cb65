<?php
/**
 * When a failed delivery is tried again, and when it is given up.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Doubling waits (1, 2, 4 … minutes by default) capped at 60 base units (1 hour), for at least
 * 24 hours after the event; pure, so that PHPUnit covers it.
 */
class Wpjz_Retry {

	/**
	 * How long deliveries are retried before they are dropped.
	 */
	const WINDOW = 86400;

	/**
	 * Seconds to wait after a failed attempt.
	 *
	 * @param int $attempts Attempts made so far (1 after the first).
	 * @param int $base     Base wait in seconds (60; the bench makes it shorter).
	 * @return int
	 */
	public static function delay( $attempts, $base ) {
		$base  = max( 1, (int) $base );
		$steps = min( max( 0, (int) $attempts - 1 ), 6 ); // 2^6 = 64 > 60: the cap is reached by then.
		return (int) min( $base * ( 2 ** $steps ), $base * 60 );
	}

	/**
	 * What happens to a delivery after an attempt.
	 *
	 * @param int|null $code     HTTP status of the answer, or null when there was none (refused, timeout).
	 * @param int      $attempts Attempts made so far, this one included.
	 * @param int      $created  Unix time the delivery was queued.
	 * @param int      $now      Unix time now.
	 * @param int      $base     Base wait in seconds.
	 * @return array{0:string,1:int} [ 'delivered'|'gone'|'retry'|'dropped', unix time of the next attempt or 0 ].
	 */
	public static function outcome( $code, $attempts, $created, $now, $base ) {
		if ( null !== $code && $code >= 200 && $code < 300 ) {
			return array( 'delivered', 0 );
		}
		if ( 410 === $code ) {
			return array( 'gone', 0 );
		}
		if ( $now - $created >= self::WINDOW ) {
			return array( 'dropped', 0 );
		}
		return array( 'retry', $now + self::delay( $attempts, $base ) );
	}
}
