<?php
/**
 * REST hook subscriptions: storage, filter validation and matching.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Subscriptions in {prefix}wpjz_hooks.
 */
class Wpjz_Hooks {

	/**
	 * Filters each kind of event accepts.
	 *
	 * @var array<string,string[]>
	 */
	const FILTERS = array(
		'post'    => array( 'post_type', 'status', 'terms' ),
		'user'    => array( 'role' ),
		'comment' => array( 'post_type', 'status' ),
		'media'   => array(),
	);

	/**
	 * A user may not hold more hooks than this (each Zap holds one per instant trigger).
	 */
	const MAX_PER_USER = 200;

	/**
	 * Hooks by event name, loaded once per request when the first event is recorded.
	 *
	 * @var array<string,object[]>|null
	 */
	private static $by_event = null;

	/**
	 * The filters of a subscribe request, cleaned, or a string saying what is wrong with them.
	 *
	 * @param string $event   Event name (already known to be valid).
	 * @param mixed  $filters Filters as sent.
	 * @return array|string
	 */
	public static function clean_filters( $event, $filters ) {
		if ( null === $filters || array() === $filters ) {
			return array();
		}
		if ( ! is_array( $filters ) ) {
			return 'filters must be an object.';
		}
		$allowed = self::FILTERS[ strstr( $event, '.', true ) ];
		$clean   = array();
		foreach ( $filters as $key => $value ) {
			if ( ! in_array( $key, $allowed, true ) ) {
				return "The filter '$key' does not apply to $event (allowed: " . ( $allowed ? implode( ', ', $allowed ) : 'none' ) . ').';
			}
			$problem = self::clean_filter( $key, $value, $clean );
			if ( null !== $problem ) {
				return $problem;
			}
		}
		return $clean;
	}

	/**
	 * Cleans one filter into $clean.
	 *
	 * @param string $key   Filter name.
	 * @param mixed  $value Its value.
	 * @param array  $clean Cleaned filters so far.
	 * @return string|null What is wrong, or null.
	 */
	private static function clean_filter( $key, $value, &$clean ) {
		if ( 'post_type' === $key ) {
			foreach ( (array) $value as $type ) {
				$object = is_string( $type ) ? get_post_type_object( $type ) : null;
				if ( ! $object || ! $object->public ) {
					return 'post_type must name public post types.';
				}
			}
			$clean[ $key ] = array_values( (array) $value );
		} elseif ( 'status' === $key || 'role' === $key ) {
			if ( ! is_string( $value ) || ! preg_match( '/^[a-z0-9_-]{1,20}$/', $value ) ) {
				return "$key must be a single name.";
			}
			$clean[ $key ] = $value;
		} elseif ( 'terms' === $key ) {
			if ( ! is_array( $value ) || array() === $value ) {
				return 'terms must map taxonomies to lists of term IDs.';
			}
			foreach ( $value as $taxonomy => $ids ) {
				if ( ! taxonomy_exists( $taxonomy ) || ! is_array( $ids ) || array() === $ids || array_filter( $ids, 'is_int' ) !== $ids ) {
					return 'terms must map existing taxonomies to lists of term IDs.';
				}
				$clean['terms'][ $taxonomy ] = array_values( $ids );
			}
		}
		return null;
	}

	/**
	 * True when an event passes a hook's filters (the capability check comes at delivery).
	 *
	 * @param array  $filters Hook filters.
	 * @param object $event   Event row.
	 * @return bool
	 */
	public static function matches( $filters, $event ) {
		$id = (int) $event->object_id;
		if ( isset( $filters['status'] ) && $filters['status'] !== $event->status ) {
			return false;
		}
		if ( 'user' === $event->object_type && isset( $filters['role'] ) ) {
			$user = get_userdata( $id );
			return $user ? in_array( $filters['role'], $user->roles, true ) : $filters['role'] === $event->subtype;
		}
		if ( 'comment' === $event->object_type && isset( $filters['post_type'] ) ) {
			$comment = get_comment( $id );
			return $comment && in_array( get_post_type( (int) $comment->comment_post_ID ), $filters['post_type'], true );
		}
		if ( isset( $filters['post_type'] ) && ! in_array( $event->subtype, $filters['post_type'], true ) ) {
			return false;
		}
		foreach ( $filters['terms'] ?? array() as $taxonomy => $ids ) {
			if ( ! is_object_in_term( $id, $taxonomy, $ids ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The hooks subscribed to an event.
	 *
	 * @param string $event Event name.
	 * @return object[]
	 */
	public static function for_event( $event ) {
		global $wpdb;
		if ( null === self::$by_event ) {
			self::$by_event = array();
			$rows           = $wpdb->get_results( 'SELECT id, user_id, event, filters FROM ' . Wpjz_Schema::table( 'hooks' ) ); // phpcs:ignore -- our table.
			foreach ( (array) $rows as $row ) {
				$row->filters                    = (array) json_decode( $row->filters, true );
				self::$by_event[ $row->event ][] = $row;
			}
		}
		return self::$by_event[ $event ] ?? array();
	}

	/**
	 * Stores a hook.
	 *
	 * @param int    $user_id Owner.
	 * @param string $event   Event name.
	 * @param string $url     Target URL (checked).
	 * @param array  $filters Cleaned filters.
	 * @return array|null The hook as the API answers it (with its secret), or null when it could not be saved.
	 */
	public static function create( $user_id, $event, $url, $filters ) {
		global $wpdb;
		// A subscribe sent again (its answer was lost, the Zap turned on again) must not make a
		// second hook to the same address: every event would then be delivered twice.
		$table = Wpjz_Schema::table( 'hooks' );
		$same  = $wpdb->get_row( $wpdb->prepare( 'SELECT id, secret FROM ' . $table . ' WHERE user_id = %d AND event = %s AND target_url = %s ORDER BY id LIMIT 1', $user_id, $event, $url ) ); // phpcs:ignore -- our table.
		if ( $same ) {
			$wpdb->update( $table, array( 'filters' => wp_json_encode( (object) $filters ) ), array( 'id' => $same->id ) );
			self::$by_event = null;
			return array(
				'id'     => (int) $same->id,
				'secret' => $same->secret,
				'event'  => $event,
			);
		}
		$secret = Wpjz_Signature::new_secret();
		$ok     = $wpdb->insert(
			Wpjz_Schema::table( 'hooks' ),
			array(
				'user_id'     => $user_id,
				'event'       => $event,
				'target_url'  => $url,
				'secret'      => $secret,
				'filters'     => wp_json_encode( (object) $filters ),
				'created_gmt' => gmdate( 'Y-m-d H:i:s' ),
			)
		);
		if ( ! $ok ) {
			return null;
		}
		self::$by_event = null;
		return array(
			'id'     => (int) $wpdb->insert_id,
			'secret' => $secret,
			'event'  => $event,
		);
	}

	/**
	 * One hook, or null.
	 *
	 * @param int $id Hook ID.
	 * @return object|null
	 */
	public static function get( $id ) {
		global $wpdb;
		return $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . Wpjz_Schema::table( 'hooks' ) . ' WHERE id = %d', $id ) ); // phpcs:ignore -- our table.
	}

	/**
	 * A user's hooks, without their secrets.
	 *
	 * @param int $user_id User ID.
	 * @return array[]
	 */
	public static function of_user( $user_id ) {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT id, event, target_url, filters, created_gmt FROM ' . Wpjz_Schema::table( 'hooks' ) . ' WHERE user_id = %d ORDER BY id', $user_id ) ); // phpcs:ignore -- our table.
		return array_map(
			function ( $row ) {
				return array(
					'id'          => (int) $row->id,
					'event'       => $row->event,
					'target_url'  => $row->target_url,
					'filters'     => json_decode( $row->filters ),
					'created_gmt' => str_replace( ' ', 'T', $row->created_gmt ),
				);
			},
			(array) $rows
		);
	}

	/**
	 * Removes a hook and its pending deliveries.
	 *
	 * @param int $id Hook ID.
	 */
	public static function delete( $id ) {
		global $wpdb;
		$wpdb->delete( Wpjz_Schema::table( 'hooks' ), array( 'id' => $id ) );
		$wpdb->delete(
			Wpjz_Schema::table( 'deliveries' ),
			array(
				'hook_id' => $id,
				'status'  => 'pending',
			)
		);
		self::$by_event = null;
	}
}
