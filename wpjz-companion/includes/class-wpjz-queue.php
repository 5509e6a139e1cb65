<?php
/**
 * Deliveries: queued in {prefix}wpjz_deliveries, sent, retried, dropped.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * The delivery queue.
 */
class Wpjz_Queue {

	/**
	 * Seconds a worker holds a delivery it is sending: longer than the request timeout, so that two
	 * workers never send the same delivery, and a worker that died leaves it to be tried again.
	 */
	const LEASE = 120;

	/**
	 * True once this request queued a delivery: its first attempt follows when the request ends.
	 *
	 * @var bool
	 */
	public static $queued = false;

	/**
	 * Queues a delivery of an event for each hook it matches.
	 *
	 * @param object $event Event row, with its seq.
	 */
	public static function enqueue( $event ) {
		global $wpdb;
		$now = gmdate( 'Y-m-d H:i:s' );
		foreach ( Wpjz_Hooks::for_event( $event->event ) as $hook ) {
			if ( ! Wpjz_Hooks::matches( $hook->filters, $event ) ) {
				continue;
			}
			$wpdb->insert(
				Wpjz_Schema::table( 'deliveries' ),
				array(
					'hook_id'          => (int) $hook->id,
					'seq'              => (int) $event->seq,
					'next_attempt_gmt' => $now,
					'created_gmt'      => $now,
				)
			);
			self::$queued = true;
		}
		if ( self::$queued ) {
			self::due_at( time() );
		}
	}

	/**
	 * Lowers the time of the next due delivery (an autoloaded option every request reads for free).
	 *
	 * @param int $time Unix time.
	 */
	public static function due_at( $time ) {
		$current = (int) get_option( 'wpjz_next_due', 0 );
		if ( 0 === $current || $time < $current ) {
			update_option( 'wpjz_next_due', $time, true );
		}
	}

	/**
	 * True when a delivery may be due: something was queued, or a retry's time has come.
	 *
	 * @return bool
	 */
	public static function has_due() {
		$due = (int) get_option( 'wpjz_next_due', 0 );
		return self::$queued || ( $due > 0 && $due <= time() );
	}

	/**
	 * Sends the deliveries that are due, until the deadline or `$max` attempts.
	 *
	 * @param int $deadline Unix time to stop starting new attempts.
	 * @param int $max      Most attempts to start (the end of an ordinary request takes a few only).
	 * @return int Attempts made.
	 */
	public static function process( $deadline, $max = PHP_INT_MAX ) {
		global $wpdb;
		$table = Wpjz_Schema::table( 'deliveries' );
		$made  = 0;
		do {
			$now = gmdate( 'Y-m-d H:i:s' );
			$ids = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM $table WHERE status = 'pending' AND next_attempt_gmt <= %s ORDER BY next_attempt_gmt, id LIMIT 50", $now ) ); // phpcs:ignore -- our table.
			foreach ( $ids as $id ) {
				if ( time() >= $deadline || $made >= $max ) {
					break 2;
				}
				$lease   = gmdate( 'Y-m-d H:i:s', time() + self::LEASE );
				$claimed = $wpdb->query( $wpdb->prepare( "UPDATE $table SET attempts = attempts + 1, next_attempt_gmt = %s WHERE id = %d AND status = 'pending' AND next_attempt_gmt <= %s", $lease, $id, $now ) ); // phpcs:ignore -- our table.
				if ( 1 === $claimed ) {
					self::attempt( (int) $id );
					++$made;
				}
			}
		} while ( count( $ids ) === 50 );
		$next = $wpdb->get_var( "SELECT MIN(next_attempt_gmt) FROM $table WHERE status = 'pending'" ); // phpcs:ignore -- our table.
		update_option( 'wpjz_next_due', $next ? strtotime( $next . ' UTC' ) : 0, true );
		return $made;
	}

	/**
	 * One attempt of a claimed delivery.
	 *
	 * @param int $id Delivery ID.
	 */
	private static function attempt( $id ) {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT d.id, d.hook_id, d.seq, d.attempts, d.created_gmt, h.user_id, h.target_url, h.secret, e.event, e.object_type, e.object_id, e.subtype, e.status, e.time_gmt FROM ' . Wpjz_Schema::table( 'deliveries' ) . ' d LEFT JOIN ' . Wpjz_Schema::table( 'hooks' ) . ' h ON h.id = d.hook_id LEFT JOIN ' . Wpjz_Schema::table( 'events' ) . ' e ON e.seq = d.seq WHERE d.id = %d', $id ) ); // phpcs:ignore -- our tables.
		if ( ! $row || null === $row->user_id ) {
			$wpdb->delete( Wpjz_Schema::table( 'deliveries' ), array( 'id' => $id ) ); // Its hook is gone.
			return;
		}
		if ( null === $row->event || ! Wpjz_Access::can_see( get_userdata( (int) $row->user_id ), $row ) ) {
			self::finish( $id, 'skipped', 0, null ); // The owner may not read it (any longer).
			return;
		}
		$code                   = self::send( $row );
		list( $outcome, $next ) = Wpjz_Retry::outcome( $code, (int) $row->attempts, strtotime( $row->created_gmt . ' UTC' ), time(), self::retry_base( $row ) );
		if ( 'gone' === $outcome ) {
			Wpjz_Hooks::delete( (int) $row->hook_id );
			return;
		}
		self::finish( $id, 'retry' === $outcome ? 'pending' : $outcome, (int) $code, $next ? $next : null );
	}

	/**
	 * Records the result of an attempt.
	 *
	 * @param int      $id     Delivery ID.
	 * @param string   $status One of pending, delivered, dropped or skipped.
	 * @param int      $code   HTTP status (0: none).
	 * @param int|null $next   Unix time of the next attempt.
	 */
	private static function finish( $id, $status, $code, $next ) {
		global $wpdb;
		$wpdb->update(
			Wpjz_Schema::table( 'deliveries' ),
			array(
				'status'           => $status,
				'last_code'        => $code,
				'next_attempt_gmt' => gmdate( 'Y-m-d H:i:s', $next ? $next : time() ),
			),
			array( 'id' => $id )
		);
	}

	/**
	 * Posts the signed, thin payload; the HTTP status, or null when no answer came.
	 *
	 * @param object $row Delivery joined with its hook and event.
	 * @return int|null
	 */
	private static function send( $row ) {
		$resolve = array( 'Wpjz_Target', 'resolve' );
		// Checked again at each attempt: a host may resolve elsewhere since it was subscribed.
		$public = null === Wpjz_Target::problem( $row->target_url, false, $resolve );
		if ( ! $public && ( 'local' !== wp_get_environment_type() || null !== Wpjz_Target::problem( $row->target_url, true, $resolve ) ) ) {
			return null; // No request; retried, then dropped.
		}
		$body = wp_json_encode( self::payload( $row ) );
		$args = array(
			'timeout'     => (float) apply_filters( 'wpjz_delivery_timeout', 10 ),
			'redirection' => 0,
			'user-agent'  => 'wpjz-companion/' . WPJZ_VERSION,
			'headers'     => array(
				'Content-Type'         => 'application/json',
				Wpjz_Signature::HEADER => Wpjz_Signature::header( $row->secret, $body, time() ),
			),
			'body'        => $body,
		);
		// A public target also goes through WordPress's own guard; loopback is only ever allowed on a local site.
		$response = $public ? wp_safe_remote_post( $row->target_url, $args ) : wp_remote_post( $row->target_url, $args );
		return is_wp_error( $response ) ? null : (int) wp_remote_retrieve_response_code( $response );
	}

	/**
	 * The body of a delivery: what happened, never the object itself (the app fetches it).
	 *
	 * @param object $row Delivery joined with its hook and event.
	 * @return array
	 */
	public static function payload( $row ) {
		return array(
			'id'          => $row->hook_id . '-' . $row->seq,
			'hook_id'     => (int) $row->hook_id,
			'seq'         => (int) $row->seq,
			'event'       => $row->event,
			'object_type' => $row->object_type,
			'object_id'   => (int) $row->object_id,
			'subtype'     => $row->subtype,
			'time_gmt'    => str_replace( ' ', 'T', $row->time_gmt ),
		);
	}

	/**
	 * Base wait between attempts in seconds (WPJZ_RETRY_BASE_SECONDS shortens it on a test bench).
	 * Filter `wpjz_retry_base` (seconds, the delivery joined with its hook) lets a bench keep the real
	 * minutes for one hook while the others retry in seconds.
	 *
	 * @param object|null $row Delivery joined with its hook and event.
	 * @return int
	 */
	public static function retry_base( $row = null ) {
		$base = defined( 'WPJZ_RETRY_BASE_SECONDS' ) ? (int) WPJZ_RETRY_BASE_SECONDS : 60;
		return max( 1, (int) apply_filters( 'wpjz_retry_base', $base, $row ) );
	}

	/**
	 * Removes a deleted user's hooks and their pending deliveries.
	 *
	 * @param int $user_id User ID.
	 */
	public static function forget_user( $user_id ) {
		global $wpdb;
		$ids = $wpdb->get_col( $wpdb->prepare( 'SELECT id FROM ' . Wpjz_Schema::table( 'hooks' ) . ' WHERE user_id = %d', $user_id ) ); // phpcs:ignore -- our table.
		foreach ( $ids as $id ) {
			Wpjz_Hooks::delete( (int) $id );
		}
	}

	/**
	 * Daily: drops events older than 7 days and finished deliveries as old; remembers the last seq dropped,
	 * so that the feed can tell a cursor that fell behind.
	 */
	public static function prune() {
		global $wpdb;
		$cutoff = gmdate( 'Y-m-d H:i:s', time() - 7 * DAY_IN_SECONDS );
		$events = Wpjz_Schema::table( 'events' );
		$last   = (int) $wpdb->get_var( $wpdb->prepare( "SELECT MAX(seq) FROM $events WHERE time_gmt < %s", $cutoff ) ); // phpcs:ignore -- our table.
		if ( $last > 0 ) {
			update_option( 'wpjz_last_pruned_seq', max( $last, (int) get_option( 'wpjz_last_pruned_seq', 0 ) ), false );
			$wpdb->query( $wpdb->prepare( "DELETE FROM $events WHERE seq <= %d", $last ) ); // phpcs:ignore -- our table.
		}
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Wpjz_Schema::table( 'deliveries' ) . " WHERE status <> 'pending' AND created_gmt < %s", $cutoff ) ); // phpcs:ignore -- our table.
	}
}
