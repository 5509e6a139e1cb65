<?php
/**
 * Plugin Name: JWT Auth
 * Plugin URI:  https://github.com/usefulteam/jwt-auth
 * Description: TEST FIXTURE for the wp-jwt-zapier bench. Re-implements the public contract of Useful Team's
 *              "JWT Auth" 3.x (wordpress.org slug jwt-auth; class-auth.php in usefulteam/jwt-auth), written
 *              from its source: the {success, statusCode, code, message, data} envelope, its codes and
 *              statuses, /token, /token/validate and /token/refresh (HttpOnly refresh_token cookie),
 *              10-minute tokens (filter jwt_auth_expire), data.user.id as an integer, and a bad or expired
 *              Bearer token ignored outside jwt-auth/v1: the request simply runs anonymously.
 *              It bundles no third-party code (HS256 only).
 * Version:     3.0.2
 * Author:      wp-jwt-zapier test bench (fixture)
 * License:     GPL-3.0
 * Text Domain: jwt-auth
 */

defined( 'ABSPATH' ) || die( "Can't access directly" );

require_once __DIR__ . '/class-auth.php';

$wpjz_useful_auth = new WPJZ_Useful_Auth();
add_action( 'rest_api_init', [ $wpjz_useful_auth, 'register_rest_routes' ] );
add_filter( 'rest_pre_dispatch', [ $wpjz_useful_auth, 'rest_pre_dispatch' ], 10, 3 );
add_filter( 'determine_current_user', [ $wpjz_useful_auth, 'determine_current_user' ] );
