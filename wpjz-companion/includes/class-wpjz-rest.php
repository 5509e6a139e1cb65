<?php
/**
 * REST routes under wpjz/v1.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Routes: status, changes, hooks and the delivery worker's entry.
 */
class Wpjz_Rest {

	const NS = 'wpjz/v1';

	/**
	 * The header that carries the feed's latest seq on core REST answers.
	 */
	const SEQ_HEADER = 'X-WPJZ-Seq';

	/**
	 * Registers the routes (rest_api_init).
	 */
	public static function routes() {
		$logged_in = 'is_user_logged_in';
		register_rest_route(
			self::NS,
			'/status',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'status' ),
				'permission_callback' => $logged_in,
			)
		);
		register_rest_route(
			self::NS,
			'/changes',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'changes' ),
				'permission_callback' => $logged_in,
				'args'                => array(
					'after' => array(
						'type'    => 'integer',
						'minimum' => 0,
						'default' => 0,
					),
					'types' => array(
						'type'    => 'string',
						'default' => '',
					),
					'limit' => array(
						'type'    => 'integer',
						'minimum' => 1,
						'maximum' => 500,
						'default' => 100,
					),
				),
			)
		);
		register_rest_route(
			self::NS,
			'/hooks',
			array(
				array(
					'methods'             => 'GET',
					'callback'            => array( __CLASS__, 'list_hooks' ),
					'permission_callback' => $logged_in,
				),
				array(
					'methods'             => 'POST',
					'callback'            => array( __CLASS__, 'create_hook' ),
					'permission_callback' => $logged_in,
				),
			)
		);
		register_rest_route(
			self::NS,
			'/hooks/(?P<id>\d+)',
			array(
				'methods'             => 'DELETE',
				'callback'            => array( __CLASS__, 'delete_hook' ),
				'permission_callback' => $logged_in,
			)
		);
		register_rest_route(
			self::NS,
			'/run',
			array(
				'methods'             => 'POST',
				'callback'            => array( 'Wpjz_Dispatch', 'work' ),
				'permission_callback' => array( 'Wpjz_Dispatch', 'is_worker_call' ),
			)
		);
	}

	/**
	 * Every REST answer to a logged-in user carries the feed's latest seq (rest_post_dispatch): an
	 * app polling the core routes learns in the same request that the feed is there, and from where
	 * to read it, without asking. One primary-key lookup.
	 *
	 * @param WP_HTTP_Response $response The answer.
	 * @return WP_HTTP_Response
	 */
	public static function seq_header( $response ) {
		if ( $response instanceof WP_HTTP_Response && is_user_logged_in() ) {
			$response->header( self::SEQ_HEADER, (string) Wpjz_Feed::bounds()['latest'] );
		}
		return $response;
	}

	/**
	 * GET status: the plugin, its version, its events and the feed's bounds.
	 *
	 * @return WP_REST_Response
	 */
	public static function status() {
		$bounds = Wpjz_Feed::bounds();
		return new WP_REST_Response(
			array(
				'plugin'     => 'wpjz-companion',
				'version'    => WPJZ_VERSION,
				'events'     => Wpjz_Events::NAMES,
				'oldest_seq' => $bounds['oldest'],
				'latest_seq' => $bounds['latest'],
			)
		);
	}

	/**
	 * GET changes.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function changes( $request ) {
		$types = array_values( array_filter( array_map( 'trim', explode( ',', (string) $request['types'] ) ) ) );
		$bad   = array_diff( $types, Wpjz_Events::NAMES );
		if ( $bad ) {
			return new WP_Error( 'wpjz_bad_types', 'Unknown event types: ' . implode( ', ', $bad ) . '. Known: ' . implode( ', ', Wpjz_Events::NAMES ) . '.', array( 'status' => 400 ) );
		}
		return new WP_REST_Response( Wpjz_Feed::page( wp_get_current_user(), (int) $request['after'], $types, (int) $request['limit'] ) );
	}

	/**
	 * GET hooks: the caller's own.
	 *
	 * @return WP_REST_Response
	 */
	public static function list_hooks() {
		return new WP_REST_Response( Wpjz_Hooks::of_user( get_current_user_id() ) );
	}

	/**
	 * POST hooks: subscribe.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function create_hook( $request ) {
		$event = $request['event'];
		if ( ! is_string( $event ) || ! in_array( $event, Wpjz_Events::NAMES, true ) ) {
			return new WP_Error( 'wpjz_bad_event', 'event must be one of: ' . implode( ', ', Wpjz_Events::NAMES ) . '.', array( 'status' => 400 ) );
		}
		$filters = Wpjz_Hooks::clean_filters( $event, $request['filters'] );
		if ( is_string( $filters ) ) {
			return new WP_Error( 'wpjz_bad_filters', $filters, array( 'status' => 400 ) );
		}
		$user    = wp_get_current_user();
		$problem = Wpjz_Access::subscribe_problem( $user, $event, $filters );
		if ( null !== $problem ) {
			return new WP_Error( 'wpjz_cannot_subscribe', $problem, array( 'status' => 403 ) );
		}
		$url     = $request['target_url'];
		$problem = Wpjz_Target::problem( $url, 'local' === wp_get_environment_type(), array( 'Wpjz_Target', 'resolve' ) );
		if ( null !== $problem ) {
			return new WP_Error( 'wpjz_bad_target', $problem, array( 'status' => 400 ) );
		}
		if ( count( Wpjz_Hooks::of_user( $user->ID ) ) >= Wpjz_Hooks::MAX_PER_USER ) {
			return new WP_Error( 'wpjz_too_many_hooks', 'This user has ' . Wpjz_Hooks::MAX_PER_USER . ' hooks already: turn off Zaps that are no longer used.', array( 'status' => 400 ) );
		}
		$hook = Wpjz_Hooks::create( $user->ID, $event, $url, $filters );
		if ( null === $hook ) {
			return new WP_Error( 'wpjz_not_saved', 'WordPress could not save the hook (database error).', array( 'status' => 500 ) );
		}
		return new WP_REST_Response( $hook, 201 );
	}

	/**
	 * DELETE hooks/<id>: its owner or an administrator. Others are told it does not exist.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function delete_hook( $request ) {
		$id   = (int) $request['id'];
		$hook = Wpjz_Hooks::get( $id );
		if ( ! $hook || ( (int) $hook->user_id !== get_current_user_id() && ! current_user_can( 'manage_options' ) ) ) {
			return new WP_Error( 'wpjz_hook_not_found', "There is no hook $id of this user.", array( 'status' => 404 ) );
		}
		Wpjz_Hooks::delete( $id );
		return new WP_REST_Response(
			array(
				'deleted' => true,
				'id'      => $id,
			)
		);
	}
}
