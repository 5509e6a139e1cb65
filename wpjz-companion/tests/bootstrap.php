<?php
/**
 * Loads the plugin's pure classes with the few WordPress names they touch stubbed.
 *
 * @package wpjz-companion
 */

define( 'ABSPATH', __DIR__ . '/' );
define( 'DAY_IN_SECONDS', 86400 );
define( 'WPJZ_VERSION', '1.0.0' );

require_once dirname( __DIR__ ) . '/includes/class-wpjz-signature.php';
require_once dirname( __DIR__ ) . '/includes/class-wpjz-retry.php';
require_once dirname( __DIR__ ) . '/includes/class-wpjz-target.php';
require_once dirname( __DIR__ ) . '/includes/class-wpjz-feed.php';
require_once dirname( __DIR__ ) . '/includes/class-wpjz-queue.php';
