<?php
/**
 * The change feed: events after a cursor, oldest first, each one only for whoever may read it.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * GET wpjz/v1/changes.
 */
class Wpjz_Feed {

	/**
	 * Rows read per page at most, whatever their type or visibility.
	 */
	const SCAN = 1000;

	/**
	 * Seconds during which a missing seq may still appear: MariaDB hands out AUTO_INCREMENT values
	 * before the rows commit, so a request may see seq 11 while seq 10 is being written. A page
	 * stops before such a hole until it is this old; older holes are permanent (rolled back inserts).
	 */
	const SETTLE = 3;

	/**
	 * Oldest and latest seq kept, and the last one pruned.
	 *
	 * @return array{oldest:int,latest:int,pruned:int}
	 */
	public static function bounds() {
		global $wpdb;
		$row    = $wpdb->get_row( 'SELECT MIN(seq) AS oldest, MAX(seq) AS latest FROM ' . Wpjz_Schema::table( 'events' ) ); // phpcs:ignore -- our table.
		$pruned = (int) get_option( 'wpjz_last_pruned_seq', 0 );
		return array(
			'oldest' => $row && null !== $row->oldest ? (int) $row->oldest : $pruned + 1,
			'latest' => $row && null !== $row->latest ? (int) $row->latest : $pruned,
			'pruned' => $pruned,
		);
	}

	/**
	 * One page of the feed for a user.
	 *
	 * @param WP_User  $user  The connected user.
	 * @param int      $after Cursor.
	 * @param string[] $types Event names wanted (empty: all).
	 * @param int      $limit At most 500.
	 * @return array
	 */
	public static function page( $user, $after, $types, $limit ) {
		global $wpdb;
		$bounds = self::bounds();
		$rows   = $wpdb->get_results( $wpdb->prepare( 'SELECT seq, event, object_type, object_id, subtype, status, time_gmt FROM ' . Wpjz_Schema::table( 'events' ) . ' WHERE seq > %d ORDER BY seq LIMIT %d', $after, self::SCAN ) ); // phpcs:ignore -- our table.
		self::prime( (array) $rows );
		$gap    = $after < $bounds['pruned'];
		$walk   = self::walk(
			(array) $rows,
			$after,
			! $gap,
			$types,
			$limit,
			gmdate( 'Y-m-d H:i:s', time() - self::SETTLE ),
			function ( $row ) use ( $user ) {
				return Wpjz_Access::can_see( $user, $row );
			}
		);
		$answer = array(
			'events'     => array_map( array( __CLASS__, 'shape' ), $walk['events'] ),
			'next'       => $walk['next'],
			'more'       => $walk['more'] || count( (array) $rows ) === self::SCAN && $walk['next'] === (int) end( $rows )->seq,
			'oldest_seq' => $bounds['oldest'],
			'latest_seq' => $bounds['latest'],
		);
		if ( $gap ) {
			$answer['gap'] = true;
		}
		return $answer;
	}

	/**
	 * Walks rows in seq order: stops at the limit or before a hole that may still fill; skips, but
	 * moves the cursor past, events of other types or that the user may not read.
	 *
	 * @param object[] $rows       Events after the cursor, in seq order.
	 * @param int      $after      Cursor.
	 * @param bool     $contiguous True when seq after+1 should be the first (nothing pruned in between).
	 * @param string[] $types      Event names wanted (empty: all).
	 * @param int      $limit      Events to answer at most.
	 * @param string   $settled    GMT time: a hole before a row newer than this stops the page.
	 * @param callable $visible    Row => whether the user may read it.
	 * @return array{events:object[],next:int,more:bool}
	 */
	public static function walk( $rows, $after, $contiguous, $types, $limit, $settled, $visible ) {
		$events   = array();
		$next     = (int) $after;
		$expected = $contiguous ? $next + 1 : null;
		foreach ( $rows as $i => $row ) {
			$seq = (int) $row->seq;
			if ( null !== $expected && $seq !== $expected && $row->time_gmt > $settled ) {
				return array(
					'events' => $events,
					'next'   => $next,
					'more'   => false,
				);
			}
			if ( count( $events ) === $limit ) {
				return array(
					'events' => $events,
					'next'   => $next,
					'more'   => true,
				);
			}
			$expected = $seq + 1;
			$next     = $seq;
			if ( ( array() === $types || in_array( $row->event, $types, true ) ) && call_user_func( $visible, $row ) ) {
				$events[] = $row;
			}
		}
		return array(
			'events' => $events,
			'next'   => $next,
			'more'   => false,
		);
	}

	/**
	 * Loads the posts and comments of a page in two queries instead of one per event.
	 *
	 * @param object[] $rows Events.
	 */
	private static function prime( $rows ) {
		$posts    = array();
		$comments = array();
		foreach ( $rows as $row ) {
			if ( 'comment' === $row->object_type ) {
				$comments[] = (int) $row->object_id;
			} elseif ( 'user' !== $row->object_type ) {
				$posts[] = (int) $row->object_id;
			}
		}
		if ( $posts ) {
			_prime_post_caches( array_unique( $posts ), false, false );
		}
		if ( $comments ) {
			_prime_comment_caches( array_unique( $comments ), false );
		}
	}

	/**
	 * An event as the API answers it.
	 *
	 * @param object $row Event row.
	 * @return array
	 */
	public static function shape( $row ) {
		return array(
			'seq'         => (int) $row->seq,
			'event'       => $row->event,
			'object_type' => $row->object_type,
			'object_id'   => (int) $row->object_id,
			'subtype'     => $row->subtype,
			'status'      => $row->status,
			'time_gmt'    => str_replace( ' ', 'T', $row->time_gmt ),
		);
	}
}
