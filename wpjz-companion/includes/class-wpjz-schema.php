<?php
/**
 * The plugin's tables and options, per site (multisite: each site has its own table prefix).
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Creates, upgrades and removes the tables.
 */
class Wpjz_Schema {

	const DB_VERSION = '1';

	/**
	 * Options the plugin owns (removed on uninstall).
	 *
	 * @var string[]
	 */
	const OPTIONS = array( 'wpjz_db_version', 'wpjz_run_key', 'wpjz_next_due', 'wpjz_last_pruned_seq' );

	/**
	 * Table name.
	 *
	 * @param string $name One of events, hooks or deliveries.
	 * @return string
	 */
	public static function table( $name ) {
		global $wpdb;
		return $wpdb->prefix . 'wpjz_' . $name;
	}

	/**
	 * Creates the tables when this site does not have them yet (cheap: one autoloaded option).
	 */
	public static function ensure() {
		if ( self::DB_VERSION === get_option( 'wpjz_db_version' ) ) {
			return;
		}
		self::install();
	}

	/**
	 * Creates or upgrades the tables and the options.
	 */
	public static function install() {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		$events  = self::table( 'events' );
		$hooks   = self::table( 'hooks' );
		$queue   = self::table( 'deliveries' );
		dbDelta(
			"CREATE TABLE $events (
seq bigint(20) unsigned NOT NULL AUTO_INCREMENT,
event varchar(32) NOT NULL,
object_type varchar(20) NOT NULL,
object_id bigint(20) unsigned NOT NULL,
subtype varchar(64) NOT NULL DEFAULT '',
status varchar(20) NOT NULL DEFAULT '',
time_gmt datetime NOT NULL,
user_id bigint(20) unsigned NOT NULL DEFAULT 0,
PRIMARY KEY  (seq),
KEY time_gmt (time_gmt)
) $charset;
CREATE TABLE $hooks (
id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
user_id bigint(20) unsigned NOT NULL,
event varchar(32) NOT NULL,
target_url text NOT NULL,
secret char(64) NOT NULL,
filters text NOT NULL,
created_gmt datetime NOT NULL,
PRIMARY KEY  (id),
KEY event (event),
KEY user_id (user_id)
) $charset;
CREATE TABLE $queue (
id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
hook_id bigint(20) unsigned NOT NULL,
seq bigint(20) unsigned NOT NULL,
attempts smallint(5) unsigned NOT NULL DEFAULT 0,
next_attempt_gmt datetime NOT NULL,
status varchar(20) NOT NULL DEFAULT 'pending',
created_gmt datetime NOT NULL,
last_code smallint(5) unsigned NOT NULL DEFAULT 0,
PRIMARY KEY  (id),
KEY status_next (status,next_attempt_gmt),
KEY hook_id (hook_id)
) $charset;"
		);
		// Seqs start from the clock (in milliseconds), so that after a reinstall (tables dropped) they
		// still only grow, and a cursor kept from before can never skip the new events. InnoDB never
		// lowers AUTO_INCREMENT below the highest seq, so running this again is harmless.
		$wpdb->query( 'ALTER TABLE ' . $events . ' AUTO_INCREMENT = ' . ( time() * 1000 ) ); // phpcs:ignore -- our table, an integer.
		if ( ! get_option( 'wpjz_run_key' ) ) {
			update_option( 'wpjz_run_key', bin2hex( random_bytes( 16 ) ), false );
		}
		update_option( 'wpjz_db_version', self::DB_VERSION );
	}

	/**
	 * Removes this site's tables and options.
	 */
	public static function uninstall() {
		global $wpdb;
		foreach ( array( 'events', 'hooks', 'deliveries' ) as $name ) {
			$wpdb->query( 'DROP TABLE IF EXISTS ' . self::table( $name ) ); // phpcs:ignore -- table names are ours.
		}
		foreach ( self::OPTIONS as $option ) {
			delete_option( $option );
		}
	}
}
