<?php
/**
 * Plugin Name:       JWT Authentication for WP-API
 * Plugin URI:        https://enriquechavez.co
 * Description:       TEST FIXTURE for the wp-jwt-zapier bench. Re-implements the public contract of
 *                    "JWT Authentication for WP REST API" 1.3.x (Tmeister/wp-api-jwt-auth) as observed on
 *                    WordPress 6.1: routes, token format, filters, error codes/statuses, and the way a bad
 *                    Bearer token poisons every REST request through rest_pre_dispatch. It bundles no third
 *                    party code: the HS256 signing/verification below mirrors firebase/php-jwt 6.3.0's
 *                    observable behaviour (messages, checks, order of checks).
 * Version:           1.3.4
 * Author:            wp-jwt-zapier test bench (fixture)
 * License:           GPL-2.0+
 * Text Domain:       jwt-auth
 */

// If this file is called directly, abort.
if ( ! defined( 'WPINC' ) ) {
	die;
}

require_once __DIR__ . '/includes/class-jwt-fixture-token.php';
require_once __DIR__ . '/public/class-jwt-auth-public.php';

/**
 * Hook wiring identical to Jwt_Auth::define_public_hooks() of the real plugin.
 */
function run_jwt_auth() {
	$plugin_public = new Jwt_Auth_Public( 'jwt-auth', '1.3.4' );
	add_action( 'rest_api_init', [ $plugin_public, 'add_api_routes' ] );
	add_filter( 'rest_api_init', [ $plugin_public, 'add_cors_support' ] );
	add_filter( 'determine_current_user', [ $plugin_public, 'determine_current_user' ], 10 );
	add_filter( 'rest_pre_dispatch', [ $plugin_public, 'rest_pre_dispatch' ], 10, 2 );
}

run_jwt_auth();
