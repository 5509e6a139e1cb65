<?php
/**
 * The retry schedule.
 *
 * @package wpjz-companion
 */

use PHPUnit\Framework\TestCase;

/**
 * Wpjz_Retry.
 */
class Retry_Test extends TestCase {

	/**
	 * Waits double from one base unit and stop growing at 60 units (1 hour with the default minute).
	 */
	public function test_waits_double_then_cap_at_an_hour() {
		$waits = array();
		for ( $attempt = 1; $attempt <= 9; $attempt++ ) {
			$waits[] = Wpjz_Retry::delay( $attempt, 60 );
		}
		$this->assertSame( array( 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600 ), $waits );
		$this->assertSame( 1, Wpjz_Retry::delay( 1, 1 ) );
		$this->assertSame( 60, Wpjz_Retry::delay( 40, 1 ) );
	}

	/**
	 * 2xx delivers, 410 removes the hook, anything else (no answer, 3xx, 4xx, 5xx) is retried.
	 */
	public function test_outcome_by_status() {
		$this->assertSame( array( 'delivered', 0 ), Wpjz_Retry::outcome( 200, 1, 1000, 1000, 60 ) );
		$this->assertSame( array( 'delivered', 0 ), Wpjz_Retry::outcome( 204, 3, 1000, 2000, 60 ) );
		$this->assertSame( array( 'gone', 0 ), Wpjz_Retry::outcome( 410, 1, 1000, 1000, 60 ) );
		foreach ( array( null, 301, 400, 404, 429, 500, 503 ) as $code ) {
			$this->assertSame( array( 'retry', 1060 ), Wpjz_Retry::outcome( $code, 1, 1000, 1000, 60 ), (string) $code );
		}
	}

	/**
	 * Retried for at least 24 hours, then dropped; the attempts over a day follow the schedule.
	 */
	public function test_retried_for_a_day_then_dropped() {
		$created  = 1000;
		$now      = $created;
		$attempts = 0;
		do {
			++$attempts;
			list( $outcome, $next ) = Wpjz_Retry::outcome( null, $attempts, $created, $now, 60 );
			if ( 'retry' === $outcome ) {
				$this->assertGreaterThan( $now, $next );
				$now = $next;
			}
		} while ( 'retry' === $outcome && $attempts < 1000 );
		$this->assertSame( 'dropped', $outcome );
		$this->assertGreaterThanOrEqual( $created + 86400, $now );
		$this->assertLessThan( $created + 86400 + 3600, $now );
		$this->assertSame( 30, $attempts ); // 7 growing waits (~2 h), then hourly until a day has passed.
	}
}
