<?php
/**
 * How much work one call of the queue does (WordPress's database faked: deliveries whose hook is
 * gone, so that an attempt is a claim and a delete, with no network).
 *
 * @package wpjz-companion
 */

use PHPUnit\Framework\TestCase;

require_once dirname( __DIR__ ) . '/includes/class-wpjz-schema.php';

if ( ! function_exists( 'update_option' ) ) {
	/**
	 * Records the options written.
	 *
	 * @param string $name  Option.
	 * @param mixed  $value Value.
	 * @return bool
	 */
	function update_option( $name, $value ) {
		$GLOBALS['wpjz_options'][ $name ] = $value;
		return true;
	}
}

/**
 * Wpjz_Queue::process().
 */
class Process_Test extends TestCase {

	/**
	 * A fake $wpdb holding `$n` due deliveries; it counts the claims.
	 *
	 * @param int $n Deliveries due.
	 * @return object
	 */
	private function due( $n ) {
		$GLOBALS['wpdb'] = new class( $n ) {
			/**
			 * Table prefix.
			 *
			 * @var string
			 */
			public $prefix = 'wp_';

			/**
			 * Due delivery IDs.
			 *
			 * @var int[]
			 */
			public $pending;

			/**
			 * IDs claimed, in order.
			 *
			 * @var int[]
			 */
			public $claimed = array();

			/**
			 * Fills the queue.
			 *
			 * @param int $n Deliveries.
			 */
			public function __construct( $n ) {
				$this->pending = range( 1, $n );
			}

			/**
			 * As wpdb::prepare, for the fake: the query and its arguments.
			 *
			 * @param string $query   Query.
			 * @param mixed  ...$args Arguments.
			 * @return array
			 */
			public function prepare( $query, ...$args ) {
				return array( $query, $args );
			}

			/**
			 * The page of due IDs (50 at most, as the query asks).
			 *
			 * @return int[]
			 */
			public function get_col() {
				return array_slice( $this->pending, 0, 50 );
			}

			/**
			 * The claim: one row taken.
			 *
			 * @param array $prepared Query and arguments.
			 * @return int
			 */
			public function query( $prepared ) {
				$this->claimed[] = $prepared[1][1];
				return 1;
			}

			/**
			 * The delivery joined with its hook: none (the hook is gone).
			 *
			 * @return null
			 */
			public function get_row() {
				return null;
			}

			/**
			 * A delivery whose hook is gone is deleted.
			 *
			 * @param string $table Table.
			 * @param array  $where Its ID.
			 * @return int
			 */
			public function delete( $table, $where ) {
				$this->pending = array_values( array_diff( $this->pending, array( $where['id'] ) ) );
				return 1;
			}

			/**
			 * MIN(next_attempt_gmt) of what is left.
			 *
			 * @return null
			 */
			public function get_var() {
				return null;
			}
		};
		return $GLOBALS['wpdb'];
	}

	/**
	 * A cap on attempts stops the call there, however many are due; without one it goes on, page after page.
	 */
	public function test_max_attempts_caps_one_call() {
		$db = $this->due( 120 );
		$this->assertSame( 10, Wpjz_Queue::process( time() + 60, 10 ) );
		$this->assertSame( range( 1, 10 ), $db->claimed );
		$this->assertCount( 110, $db->pending );
		$this->assertSame( 110, Wpjz_Queue::process( time() + 60 ) );
		$this->assertSame( array(), $db->pending );
	}

	/**
	 * A deadline already passed starts no attempt.
	 */
	public function test_deadline_passed_starts_nothing() {
		$db = $this->due( 5 );
		$this->assertSame( 0, Wpjz_Queue::process( time() - 1, 10 ) );
		$this->assertSame( array(), $db->claimed );
	}
}
