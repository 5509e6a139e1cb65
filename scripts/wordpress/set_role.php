<?php
/**
 * php set_role.php SITE LOGIN [ROLE] — gives the user ROLE on SITE, or no role at all when ROLE is
 * empty: WordPress's "No role for this site", which the REST API reads as a multisite member of
 * another site does (`"roles": []`). The REST API cannot take every role away, so e2e tests use this
 * on throwaway users only.
 */
require __DIR__ . '/lib.php';

$wpjz_dir = wpjz_cli_env( $argv[1] ?? '' );
require $wpjz_dir . '/wp-load.php';

$wpjz_user = get_user_by( 'login', $argv[2] ?? '' );
if ( ! $wpjz_user ) {
	wpjz_fail( 'no user with login ' . ( $argv[2] ?? '' ) );
}
$wpjz_user->set_role( $argv[3] ?? '' );
echo implode( ',', $wpjz_user->roles ) . "\n";
