<?php
/**
 * Uninstalling: the tables and the options go (WordPress's database and options faked).
 *
 * @package wpjz-companion
 */

use PHPUnit\Framework\TestCase;

require_once dirname( __DIR__ ) . '/includes/class-wpjz-schema.php';

if ( ! function_exists( 'delete_option' ) ) {
	/**
	 * Records the options deleted.
	 *
	 * @param string $name Option.
	 * @return bool
	 */
	function delete_option( $name ) {
		$GLOBALS['wpjz_deleted_options'][] = $name;
		return true;
	}
}

/**
 * Wpjz_Schema::uninstall().
 */
class Schema_Test extends TestCase {

	/**
	 * The three tables of this site's prefix are dropped and every option the plugin writes is deleted.
	 */
	public function test_uninstall_drops_tables_and_options() {
		$GLOBALS['wpdb']                 = new class() {
			/**
			 * Table prefix of the site.
			 *
			 * @var string
			 */
			public $prefix = 'wp_3_';

			/**
			 * Queries run.
			 *
			 * @var string[]
			 */
			public $queries = array();

			/**
			 * Records a query.
			 *
			 * @param string $sql SQL.
			 * @return int
			 */
			public function query( $sql ) {
				$this->queries[] = $sql;
				return 0;
			}
		};
		$GLOBALS['wpjz_deleted_options'] = array();
		Wpjz_Schema::uninstall();
		$this->assertSame(
			array( 'DROP TABLE IF EXISTS wp_3_wpjz_events', 'DROP TABLE IF EXISTS wp_3_wpjz_hooks', 'DROP TABLE IF EXISTS wp_3_wpjz_deliveries' ),
			$GLOBALS['wpdb']->queries
		);
		$this->assertSame( array( 'wpjz_db_version', 'wpjz_run_key', 'wpjz_next_due', 'wpjz_last_pruned_seq' ), $GLOBALS['wpjz_deleted_options'] );
		// Every option the plugin's code writes is in that list.
		$written = array();
		foreach ( glob( dirname( __DIR__ ) . '/includes/*.php' ) as $file ) {
			preg_match_all( "/update_option\\(\\s*'([a-z_]+)'/", (string) file_get_contents( $file ), $m );
			$written = array_merge( $written, $m[1] );
		}
		$this->assertSame( array(), array_diff( array_unique( $written ), Wpjz_Schema::OPTIONS ) );
		$this->assertNotEmpty( $written );
	}
}
