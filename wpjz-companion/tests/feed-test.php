<?php
/**
 * The feed's page walk: cursor, types, visibility, limits and holes.
 *
 * @package wpjz-companion
 */

use PHPUnit\Framework\TestCase;

/**
 * Wpjz_Feed::walk().
 */
class Feed_Test extends TestCase {

	/**
	 * Event rows.
	 *
	 * @param array $spec Seq => [event, time].
	 * @return object[]
	 */
	private function rows( $spec ) {
		$rows = array();
		foreach ( $spec as $seq => $row ) {
			$rows[] = (object) array(
				'seq'      => $seq,
				'event'    => $row[0],
				'time_gmt' => $row[1] ?? '2026-01-01 10:00:00',
			);
		}
		return $rows;
	}

	/**
	 * Walks with everything visible.
	 *
	 * @param object[] $rows    Rows.
	 * @param int      $after   Cursor.
	 * @param array    $types   Types.
	 * @param int      $limit   Limit.
	 * @param callable $visible Visibility.
	 * @return array
	 */
	private function walk( $rows, $after, $types = array(), $limit = 100, $visible = null ) {
		$all = function () {
			return true;
		};
		return Wpjz_Feed::walk( $rows, $after, true, $types, $limit, '2026-01-01 10:00:00', $visible ?? $all );
	}

	/**
	 * Seqs of a page.
	 *
	 * @param array $page Page.
	 * @return int[]
	 */
	private function seqs( $page ) {
		return array_map(
			function ( $r ) {
				return $r->seq;
			},
			$page['events']
		);
	}

	/**
	 * An idle poll keeps its cursor; a page ends on its last event; limits set more.
	 */
	public function test_cursor_and_limit() {
		$idle = $this->walk( array(), 7 );
		$this->assertSame( array( array(), 7, false ), array( $idle['events'], $idle['next'], $idle['more'] ) );
		$rows = $this->rows( array( 8 => array( 'post.published' ), 9 => array( 'user.created' ), 10 => array( 'post.updated' ) ) );
		$page = $this->walk( $rows, 7, array(), 2 );
		$this->assertSame( array( 8, 9 ), $this->seqs( $page ) );
		$this->assertSame( 9, $page['next'] );
		$this->assertTrue( $page['more'] );
		$page = $this->walk( array_slice( $rows, 2 ), 9, array(), 2 );
		$this->assertSame( array( 10 ), $this->seqs( $page ) );
		$this->assertFalse( $page['more'] );
	}

	/**
	 * Other types and unreadable events are skipped, but the cursor moves past them.
	 */
	public function test_skips_but_advances() {
		$rows = $this->rows( array( 8 => array( 'post.published' ), 9 => array( 'user.created' ), 10 => array( 'post.published' ), 11 => array( 'user.updated' ) ) );
		$page = $this->walk( $rows, 7, array( 'post.published' ) );
		$this->assertSame( array( 8, 10 ), $this->seqs( $page ) );
		$this->assertSame( 11, $page['next'] );
		$no_users = function ( $row ) {
			return 0 !== strpos( $row->event, 'user.' );
		};
		$page     = $this->walk( $rows, 7, array( 'user.created', 'user.updated' ), 100, $no_users );
		$this->assertSame( array(), $this->seqs( $page ) );
		$this->assertSame( 11, $page['next'] );
	}

	/**
	 * A fresh hole (a seq not yet committed) stops the page before it; an old hole does not.
	 */
	public function test_holes() {
		$fresh = $this->rows( array( 8 => array( 'post.published' ), 10 => array( 'post.published', '2026-01-01 10:00:05' ) ) );
		$page  = $this->walk( $fresh, 7 );
		$this->assertSame( array( 8 ), $this->seqs( $page ) );
		$this->assertSame( 8, $page['next'] );
		$this->assertFalse( $page['more'] );
		$old = $this->rows( array( 8 => array( 'post.published' ), 10 => array( 'post.published', '2026-01-01 09:59:00' ) ) );
		$this->assertSame( array( 8, 10 ), $this->seqs( $this->walk( $old, 7 ) ) );
		$first = $this->rows( array( 9 => array( 'post.published', '2026-01-01 10:00:05' ) ) );
		$this->assertSame( 7, $this->walk( $first, 7 )['next'], 'seq 8 may still commit' );
		$this->assertSame( array( 9 ), $this->seqs( Wpjz_Feed::walk( $first, 3, false, array(), 10, '2026-01-01 10:00:00', 'is_object' ) ), 'after a gap (pruned) the first kept event starts the page' );
	}
}
