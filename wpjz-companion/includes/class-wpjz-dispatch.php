<?php
/**
 * When deliveries are attempted: as the request that queued them ends, by WP-Cron every minute, and
 * at the end of later requests once a retry is due.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Starts delivery work without making the request that caused it wait.
 */
class Wpjz_Dispatch {

	/**
	 * True inside the worker request: it does not start another one.
	 *
	 * @var bool
	 */
	private static $working = false;

	/**
	 * What the end of an ordinary request may do itself (PHP-FPM, after the answer has gone): a few
	 * attempts for a few seconds. The rest of a burst goes to the worker request, so that a request
	 * that saved many objects, or came when a backlog was due, holds its PHP worker briefly.
	 */
	const SHUTDOWN_ATTEMPTS = 10;
	const SHUTDOWN_SECONDS  = 5;

	/**
	 * Hooks into WordPress.
	 */
	public static function register() {
		add_filter( 'cron_schedules', array( __CLASS__, 'schedules' ) ); // phpcs:ignore -- a one-minute schedule is the point.
		add_action( 'init', array( __CLASS__, 'init' ) );
		add_action( 'wpjz_deliver', array( __CLASS__, 'cron' ) );
		add_action( 'wpjz_prune', array( 'Wpjz_Queue', 'prune' ) );
		add_action( 'shutdown', array( __CLASS__, 'shutdown' ) );
	}

	/**
	 * A one-minute WP-Cron schedule.
	 *
	 * @param array $schedules Schedules.
	 * @return array
	 */
	public static function schedules( $schedules ) {
		$schedules['wpjz_every_minute'] = array(
			'interval' => MINUTE_IN_SECONDS,
			'display'  => 'Every minute (WP JWT Zapier Companion deliveries)',
		);
		return $schedules;
	}

	/**
	 * Tables for this site (also after a network activation) and the cron events.
	 */
	public static function init() {
		Wpjz_Schema::ensure();
		if ( ! wp_next_scheduled( 'wpjz_deliver' ) ) {
			wp_schedule_event( time(), 'wpjz_every_minute', 'wpjz_deliver' );
		}
		if ( ! wp_next_scheduled( 'wpjz_prune' ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', 'wpjz_prune' );
		}
	}

	/**
	 * WP-Cron: the retries that are due.
	 */
	public static function cron() {
		self::$working = true;
		Wpjz_Queue::process( time() + 50 );
	}

	/**
	 * End of a request: start the deliveries it queued, or retries that came due. Under PHP-FPM the
	 * response is finished first and the work done here; elsewhere (mod_php) a loopback request does it.
	 */
	public static function shutdown() {
		if ( self::$working || ! Wpjz_Queue::has_due() ) {
			return;
		}
		if ( ! Wpjz_Queue::$queued ) {
			// Only a retry is due: at most one start every 10 s, whatever the traffic.
			update_option( 'wpjz_next_due', time() + 10, true );
		}
		if ( function_exists( 'fastcgi_finish_request' ) && fastcgi_finish_request() ) {
			self::$working = true;
			$deadline      = time() + self::SHUTDOWN_SECONDS;
			$made          = Wpjz_Queue::process( $deadline, self::SHUTDOWN_ATTEMPTS );
			if ( $made >= self::SHUTDOWN_ATTEMPTS || time() >= $deadline ) {
				self::spawn(); // More may be due: the worker request carries on.
			}
			return;
		}
		self::spawn();
	}

	/**
	 * Starts the worker: writes a request to this site's worker route and hangs up without waiting
	 * for an answer. Not wp_remote_post(): WordPress's cURL transport waits at least 1 s even for a
	 * non-blocking request (Requests rounds timeouts up to 1 s), which is what spawn_cron() pays.
	 *
	 * @return bool Whether the request was written (else WP-Cron or a later request starts the work).
	 */
	public static function spawn() {
		$url   = (string) apply_filters( 'wpjz_worker_url', rest_url( Wpjz_Rest::NS . '/run' ) );
		$parts = wp_parse_url( $url );
		if ( empty( $parts['host'] ) ) {
			return false;
		}
		$https  = 'https' === strtolower( $parts['scheme'] ?? 'http' );
		$verify = (bool) apply_filters( 'https_local_ssl_verify', false ); // As spawn_cron() does for its loopback.
		$ssl    = array(
			'verify_peer'      => $verify,
			'verify_peer_name' => $verify,
			'peer_name'        => $parts['host'],
		);
		$target = ( $https ? 'ssl://' : 'tcp://' ) . $parts['host'] . ':' . ( $parts['port'] ?? ( $https ? 443 : 80 ) );
		$socket = @stream_socket_client( $target, $errno, $errstr, 1, STREAM_CLIENT_CONNECT, stream_context_create( array( 'ssl' => $ssl ) ) ); // phpcs:ignore Generic.PHP.NoSilencedErrors.Discouraged -- a failed start is retried later.
		if ( false === $socket ) {
			return false;
		}
		$body = http_build_query( array( 'key' => (string) get_option( 'wpjz_run_key' ) ) );
		$path = ( $parts['path'] ?? '/' ) . ( isset( $parts['query'] ) ? '?' . $parts['query'] : '' );
		$host = $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
		fwrite( $socket, "POST $path HTTP/1.1\r\nHost: $host\r\nUser-Agent: wpjz-companion/" . WPJZ_VERSION . "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " . strlen( $body ) . "\r\nConnection: close\r\n\r\n" . $body );
		fclose( $socket );
		return true;
	}

	/**
	 * Permission of the worker route: the site's own key, never a user.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return bool
	 */
	public static function is_worker_call( $request ) {
		$key = (string) get_option( 'wpjz_run_key' );
		return '' !== $key && is_string( $request['key'] ) && hash_equals( $key, $request['key'] );
	}

	/**
	 * The worker route: the caller has gone already; keep going and send what is due.
	 *
	 * @return WP_REST_Response
	 */
	public static function work() {
		ignore_user_abort( true );
		self::$working = true;
		$made          = Wpjz_Queue::process( time() + 25 );
		return new WP_REST_Response( array( 'attempts' => $made ) );
	}
}
