<?php
/**
 * The event log: one row per event, recorded where WordPress has finished saving.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Listens to WordPress and writes events into {prefix}wpjz_events.
 */
class Wpjz_Events {

	/**
	 * Every event name, as the REST API and the hooks use them.
	 *
	 * @var string[]
	 */
	const NAMES = array(
		'post.published',
		'post.updated',
		'post.trashed',
		'post.deleted',
		'user.created',
		'user.updated',
		'user.deleted',
		'comment.created',
		'comment.status_changed',
		'media.created',
	);

	/**
	 * User meta keys whose change is a user.updated besides registered meta.
	 *
	 * @var string[]
	 */
	const USER_NAME_META = array( 'first_name', 'last_name', 'nickname', 'description' );

	/**
	 * Columns of the users table whose change is a user.updated (the password is not one).
	 *
	 * @var string[]
	 */
	const USER_FIELDS = array( 'user_email', 'display_name', 'user_nicename', 'user_url', 'user_login' );

	/**
	 * Events recorded in this request, "event:id" => seq: one event per object and name per request.
	 *
	 * @var array<string,int>
	 */
	private static $seen = array();

	/**
	 * Users changed in this request: recorded once, at shutdown, unless created or deleted meanwhile.
	 *
	 * @var array<int,bool>
	 */
	private static $changed_users = array();

	/**
	 * Users created in this request: recorded at shutdown, once the REST API has added their roles and meta.
	 *
	 * @var array<int,bool>
	 */
	private static $created_users = array();

	/**
	 * The status each post being deleted had, read before WordPress deletes its meta.
	 *
	 * @var array<int,string>
	 */
	private static $deleting = array();

	/**
	 * Hooks into WordPress.
	 */
	public static function register() {
		add_action( 'wp_after_insert_post', array( __CLASS__, 'after_insert_post' ), 10, 4 );
		add_action( 'trashed_post', array( __CLASS__, 'trashed_post' ) );
		add_action( 'before_delete_post', array( __CLASS__, 'before_delete_post' ) );
		add_action( 'deleted_post', array( __CLASS__, 'deleted_post' ), 10, 2 );
		add_action( 'add_attachment', array( __CLASS__, 'add_attachment' ) );
		add_action( 'user_register', array( __CLASS__, 'user_created' ) );
		add_action( 'add_user_to_blog', array( __CLASS__, 'user_created' ) );
		add_action( 'profile_update', array( __CLASS__, 'profile_update' ), 10, 2 );
		add_action( 'set_user_role', array( __CLASS__, 'user_changed' ) );
		add_action( 'add_user_role', array( __CLASS__, 'user_changed' ) );
		add_action( 'remove_user_role', array( __CLASS__, 'user_changed' ) );
		add_action( 'added_user_meta', array( __CLASS__, 'user_meta_changed' ), 10, 3 );
		add_action( 'updated_user_meta', array( __CLASS__, 'user_meta_changed' ), 10, 3 );
		add_action( 'deleted_user_meta', array( __CLASS__, 'user_meta_changed' ), 10, 3 );
		add_action( 'deleted_user', array( __CLASS__, 'deleted_user' ), 10, 3 );
		add_action( 'wp_insert_comment', array( __CLASS__, 'insert_comment' ), 10, 2 );
		add_action( 'transition_comment_status', array( __CLASS__, 'comment_status' ), 10, 3 );
		// Before the deliveries (priority 10), so that they include the users changed in this request.
		add_action( 'shutdown', array( __CLASS__, 'record_changed_users' ), 1 );
	}

	/**
	 * True for post types whose posts are events: public ones, media aside (media.created covers it).
	 *
	 * @param string $post_type Post type.
	 * @return bool
	 */
	private static function is_public_type( $post_type ) {
		$object = get_post_type_object( $post_type );
		return $object && $object->public && 'attachment' !== $post_type;
	}

	/**
	 * Posts: fires once the post, its terms and its meta are saved (wp_insert_post, wp_publish_post).
	 *
	 * @param int          $post_id     Post ID.
	 * @param WP_Post      $post        The post as saved.
	 * @param bool         $update      Whether it existed before.
	 * @param WP_Post|null $post_before The post before the update.
	 */
	public static function after_insert_post( $post_id, $post, $update, $post_before ) {
		if ( ! self::is_public_type( $post->post_type ) || wp_is_post_revision( $post ) || wp_is_post_autosave( $post ) ) {
			return;
		}
		$was = $post_before instanceof WP_Post ? $post_before->post_status : 'new';
		if ( 'publish' === $post->post_status && 'publish' !== $was ) {
			self::record( 'post.published', 'post', $post_id, $post->post_type, 'publish' );
		} elseif ( 'publish' === $was && 'trash' !== $post->post_status ) {
			self::record( 'post.updated', 'post', $post_id, $post->post_type, $post->post_status );
		}
	}

	/**
	 * A post moved to the trash.
	 *
	 * @param int $post_id Post ID.
	 */
	public static function trashed_post( $post_id ) {
		$post = get_post( $post_id );
		if ( $post && self::is_public_type( $post->post_type ) ) {
			$was = (string) get_post_meta( $post_id, '_wp_trash_meta_status', true );
			self::record( 'post.trashed', 'post', $post_id, $post->post_type, $was );
		}
	}

	/**
	 * Before a post is deleted: the status it had (for a post in the trash, the one before the trash).
	 *
	 * @param int $post_id Post ID.
	 */
	public static function before_delete_post( $post_id ) {
		$post = get_post( $post_id );
		if ( $post ) {
			self::$deleting[ (int) $post_id ] = 'trash' === $post->post_status ? (string) get_post_meta( $post_id, '_wp_trash_meta_status', true ) : $post->post_status;
		}
	}

	/**
	 * A post deleted for good: the status kept is the one it had, for the capability check.
	 *
	 * @param int          $post_id Post ID.
	 * @param WP_Post|null $post    The post as it was (WordPress 5.5+).
	 */
	public static function deleted_post( $post_id, $post = null ) {
		if ( $post instanceof WP_Post && self::is_public_type( $post->post_type ) && ! wp_is_post_revision( $post ) ) {
			$status = self::$deleting[ (int) $post_id ] ?? $post->post_status;
			self::record( 'post.deleted', 'post', $post_id, $post->post_type, $status );
		}
		unset( self::$deleting[ (int) $post_id ] );
	}

	/**
	 * A file added to the media library.
	 *
	 * @param int $post_id Attachment ID.
	 */
	public static function add_attachment( $post_id ) {
		$post = get_post( $post_id );
		self::record( 'media.created', 'media', $post_id, 'attachment', $post ? $post->post_status : 'inherit' );
	}

	/**
	 * A user registered (or, on multisite, was added to this site). The REST API sets roles and
	 * meta after user_register, so the event is written when the request ends.
	 *
	 * @param int $user_id User ID.
	 */
	public static function user_created( $user_id ) {
		self::$created_users[ (int) $user_id ] = true;
	}

	/**
	 * A user saved through wp_update_user(): an event only when a field other than the password changed.
	 *
	 * @param int     $user_id       User ID.
	 * @param WP_User $old_user_data The user before.
	 */
	public static function profile_update( $user_id, $old_user_data = null ) {
		$now = get_userdata( $user_id );
		if ( ! $now || ! $old_user_data instanceof WP_User ) {
			return;
		}
		foreach ( self::USER_FIELDS as $field ) {
			if ( (string) $now->$field !== (string) $old_user_data->$field ) {
				self::user_changed( $user_id );
				return;
			}
		}
	}

	/**
	 * A user's role or names changed.
	 *
	 * @param int $user_id User ID.
	 */
	public static function user_changed( $user_id ) {
		self::$changed_users[ (int) $user_id ] = true;
	}

	/**
	 * A user's meta changed: names, description and registered meta count; sessions and the like do not.
	 *
	 * @param int|int[] $meta_id  Meta ID(s).
	 * @param int       $user_id  User ID.
	 * @param string    $meta_key Meta key.
	 */
	public static function user_meta_changed( $meta_id, $user_id, $meta_key ) {
		if ( in_array( $meta_key, self::USER_NAME_META, true ) || registered_meta_key_exists( 'user', $meta_key ) ) {
			self::user_changed( $user_id );
		}
	}

	/**
	 * At the end of the request: user.created for new users, else one user.updated per changed user.
	 */
	public static function record_changed_users() {
		foreach ( array( 'user.created' => self::$created_users, 'user.updated' => self::$changed_users ) as $event => $ids ) {
			foreach ( array_keys( $ids ) as $user_id ) {
				$skip = 'user.updated' === $event && isset( self::$created_users[ $user_id ] );
				if ( ! $skip && ! isset( self::$seen[ 'user.deleted:' . $user_id ] ) && get_userdata( $user_id ) ) {
					self::record( $event, 'user', $user_id, self::role( $user_id ), '' );
				}
			}
		}
		self::$created_users = array();
		self::$changed_users = array();
	}

	/**
	 * A user deleted (on multisite: removed from this site).
	 *
	 * @param int          $user_id  User ID.
	 * @param int|null     $reassign Who gets the posts.
	 * @param WP_User|null $user     The user as it was (WordPress 5.5+).
	 */
	public static function deleted_user( $user_id, $reassign = null, $user = null ) {
		$role = $user instanceof WP_User && $user->roles ? (string) reset( $user->roles ) : '';
		self::record( 'user.deleted', 'user', $user_id, $role, '' );
		Wpjz_Queue::forget_user( $user_id );
	}

	/**
	 * A comment saved.
	 *
	 * @param int        $comment_id Comment ID.
	 * @param WP_Comment $comment    The comment.
	 */
	public static function insert_comment( $comment_id, $comment ) {
		self::record( 'comment.created', 'comment', $comment_id, self::comment_type( $comment ), self::status_name( $comment->comment_approved ) );
	}

	/**
	 * A comment approved, held, spammed or trashed.
	 *
	 * @param string     $new_status New status.
	 * @param string     $old_status Old status.
	 * @param WP_Comment $comment    The comment.
	 */
	public static function comment_status( $new_status, $old_status, $comment ) {
		if ( $new_status !== $old_status ) {
			self::record( 'comment.status_changed', 'comment', $comment->comment_ID, self::comment_type( $comment ), self::status_name( $new_status ) );
		}
	}

	/**
	 * The comment type, as WordPress 5.5+ names it.
	 *
	 * @param WP_Comment $comment Comment.
	 * @return string
	 */
	private static function comment_type( $comment ) {
		return '' === (string) $comment->comment_type ? 'comment' : (string) $comment->comment_type;
	}

	/**
	 * A comment status in the REST API's words.
	 *
	 * @param string $status The comment_approved value or a transition name.
	 * @return string
	 */
	private static function status_name( $status ) {
		$map = array(
			'1'        => 'approved',
			'0'        => 'hold',
			'unapproved' => 'hold',
		);
		return $map[ (string) $status ] ?? (string) $status;
	}

	/**
	 * A user's first role on this site.
	 *
	 * @param int $user_id User ID.
	 * @return string
	 */
	private static function role( $user_id ) {
		$user = get_userdata( $user_id );
		return $user && $user->roles ? (string) reset( $user->roles ) : '';
	}

	/**
	 * Writes an event (once per object and name in a request) and queues its deliveries.
	 *
	 * @param string $event       Event name.
	 * @param string $object_type One of post, user, comment or media.
	 * @param int    $object_id   ID.
	 * @param string $subtype     Post type, role or comment type.
	 * @param string $status      Post or comment status.
	 */
	public static function record( $event, $object_type, $object_id, $subtype, $status ) {
		global $wpdb;
		$key = $event . ':' . (int) $object_id;
		if ( isset( self::$seen[ $key ] ) ) {
			return;
		}
		$row = array(
			'event'       => $event,
			'object_type' => $object_type,
			'object_id'   => (int) $object_id,
			'subtype'     => substr( (string) $subtype, 0, 64 ),
			'status'      => substr( (string) $status, 0, 20 ),
			'time_gmt'    => gmdate( 'Y-m-d H:i:s' ),
			'user_id'     => get_current_user_id(),
		);
		if ( ! $wpdb->insert( Wpjz_Schema::table( 'events' ), $row ) ) {
			return;
		}
		$row['seq']         = (int) $wpdb->insert_id;
		self::$seen[ $key ] = $row['seq'];
		Wpjz_Queue::enqueue( (object) $row );
	}
}
