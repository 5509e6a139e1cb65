<?php
/**
 * The other sites of a bench multisite (sites.json `multisite`: ["second", ...]), from configure.php
 * once the main site is configured: each sub-site at /NAME/ with pretty permalinks, the bench's
 * users in their roles, the bench theme, and the seed JWT plugin and the companion plugin active
 * on it (per site, not network-wide: each site keeps its own events, hooks and tables).
 */

function wpjz_network_sites( array $site, array $ids, array &$log ): void {
	$domain = $site['host'] . ':' . $site['port'];
	$users  = wpjz_config()['users'];
	foreach ( $site['multisite'] as $sub ) {
		$path    = "/$sub/";
		$blog_id = (int) get_blog_id_from_url( $domain, $path );
		if ( ! $blog_id ) {
			$blog_id = wpmu_create_blog( $domain, $path, "WPJZ bench ({$site['name']}/$sub)", $ids['administrator'], [ 'public' => 1 ], get_current_network_id() );
			if ( is_wp_error( $blog_id ) ) {
				wpjz_fail( "sub-site $sub: " . $blog_id->get_error_message() );
			}
			$log[] = "sub-site $sub created";
		}
		switch_to_blog( $blog_id );
		foreach ( [ 'timezone_string' => $site['timezone'], 'default_comment_status' => 'open' ] as $k => $v ) {
			if ( (string) get_option( $k ) !== (string) $v ) {
				update_option( $k, $v );
				$log[] = "$sub: option $k";
			}
		}
		if ( get_option( 'stylesheet' ) !== WPJZ_THEME ) {
			switch_theme( WPJZ_THEME );
			$log[] = "$sub: theme";
		}
		if ( (string) get_option( 'permalink_structure' ) !== $site['permalinks'] ) {
			update_option( 'permalink_structure', $site['permalinks'] );
			delete_option( 'rewrite_rules' ); // WordPress makes them anew on the site's next request.
			$log[] = "$sub: permalinks";
		}
		foreach ( $users as $key => $u ) {
			if ( ! is_user_member_of_blog( $ids[ $key ], $blog_id ) ) {
				add_user_to_blog( $blog_id, $ids[ $key ], $u['role'] );
				$log[] = "$sub: user {$u['username']}";
			}
		}
		foreach ( array_filter( [ $site['plugin_active'] ? WPJZ_PLUGIN : '', $site['companion'] ? WPJZ_COMPANION : '' ] ) as $plugin ) {
			if ( ! is_plugin_active( $plugin ) ) {
				$r = activate_plugin( $plugin );
				if ( is_wp_error( $r ) ) {
					wpjz_fail( "$sub: activate_plugin $plugin: " . $r->get_error_message() );
				}
				$log[] = "$sub: $plugin activated";
			}
		}
		restore_current_blog();
	}
}
