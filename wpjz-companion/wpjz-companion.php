<?php
/**
 * Plugin Name:       WP JWT Zapier Companion
 * Description:       Instant triggers and an exact change feed for the WP JWT Zapier app: an event log, signed REST hook deliveries with retries, and GET wpjz/v1/changes.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       wpjz-companion
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

define( 'WPJZ_VERSION', '1.0.0' );

require_once __DIR__ . '/includes/class-wpjz-schema.php';
require_once __DIR__ . '/includes/class-wpjz-signature.php';
require_once __DIR__ . '/includes/class-wpjz-retry.php';
require_once __DIR__ . '/includes/class-wpjz-target.php';
require_once __DIR__ . '/includes/class-wpjz-access.php';
require_once __DIR__ . '/includes/class-wpjz-hooks.php';
require_once __DIR__ . '/includes/class-wpjz-queue.php';
require_once __DIR__ . '/includes/class-wpjz-events.php';
require_once __DIR__ . '/includes/class-wpjz-feed.php';
require_once __DIR__ . '/includes/class-wpjz-rest.php';
require_once __DIR__ . '/includes/class-wpjz-dispatch.php';

register_activation_hook( __FILE__, array( 'Wpjz_Schema', 'install' ) );
register_deactivation_hook( __FILE__, 'wpjz_companion_deactivate' );

Wpjz_Events::register();
Wpjz_Dispatch::register();
add_action( 'rest_api_init', array( 'Wpjz_Rest', 'routes' ) );
add_filter( 'rest_post_dispatch', array( 'Wpjz_Rest', 'seq_header' ) );

/**
 * Deactivation stops the cron events; tables stay until the plugin is deleted (uninstall.php).
 */
function wpjz_companion_deactivate() {
	wp_clear_scheduled_hook( 'wpjz_deliver' );
	wp_clear_scheduled_hook( 'wpjz_prune' );
}
