<?php
/**
 * Who may see which event: the capabilities WordPress checks for the same objects.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Capability checks for events (feed and deliveries alike).
 */
class Wpjz_Access {

	/**
	 * True when the user may read the object an event is about, as it is now.
	 *
	 * @param WP_User $user  The connected user (feed) or the hook's owner (delivery).
	 * @param object  $event Event row.
	 * @return bool
	 */
	public static function can_see( $user, $event ) {
		if ( ! $user instanceof WP_User || ! $user->exists() ) {
			return false;
		}
		$id = (int) $event->object_id;
		switch ( $event->object_type ) {
			case 'post':
			case 'media':
				$removed = 'post.trashed' === $event->event || 'post.deleted' === $event->event;
				return ! $removed && get_post( $id ) ? user_can( $user, 'read_post', $id ) : self::can_see_gone_post( $user, $event );
			case 'user':
				return $id === (int) $user->ID || user_can( $user, 'list_users' );
			case 'comment':
				if ( user_can( $user, 'moderate_comments' ) ) {
					return true;
				}
				$comment = get_comment( $id );
				return $comment && '1' === (string) $comment->comment_approved && user_can( $user, 'read_post', (int) $comment->comment_post_ID );
		}
		return false;
	}

	/**
	 * A post trashed or deleted: decided on what it was before, so that whoever could read it learns
	 * it is gone (read_post on a post in the trash asks for edit rights; a deleted post cannot be
	 * mapped at all). A published post of a public type was readable by whoever may read that type;
	 * anything else needed the right to edit others' posts of the type.
	 *
	 * @param WP_User $user  User.
	 * @param object  $event Event row (subtype: post type; status: the status it had).
	 * @return bool
	 */
	private static function can_see_gone_post( $user, $event ) {
		$type = get_post_type_object( (string) $event->subtype );
		if ( ! $type ) {
			return user_can( $user, 'edit_others_posts' );
		}
		if ( 'publish' === $event->status && $type->public ) {
			return user_can( $user, $type->cap->read );
		}
		return user_can( $user, $type->cap->edit_others_posts );
	}

	/**
	 * Why the user may not subscribe to a hook, or null when they may: they must be able to read
	 * what it would deliver.
	 *
	 * @param WP_User $user    User.
	 * @param string  $event   Event name.
	 * @param array   $filters Validated filters.
	 * @return string|null
	 */
	public static function subscribe_problem( $user, $event, $filters ) {
		$kind = strstr( $event, '.', true );
		if ( 'user' === $kind ) {
			return user_can( $user, 'list_users' ) ? null : 'Only users who may list users (administrators) can subscribe to user events.';
		}
		if ( 'comment' === $kind ) {
			$status = $filters['status'] ?? 'approved';
			return ( 'approved' === $status && user_can( $user, 'read' ) ) || user_can( $user, 'moderate_comments' )
				? null : 'Only users who may moderate comments can subscribe to comments that are not approved.';
		}
		$types = isset( $filters['post_type'] ) ? (array) $filters['post_type'] : array( 'post' );
		foreach ( $types as $type ) {
			$object = get_post_type_object( $type );
			if ( ! $object || ! user_can( $user, $object->cap->read ) ) {
				return "This user may not read posts of type '$type'.";
			}
			$status = $filters['status'] ?? 'publish';
			if ( 'publish' !== $status && ! user_can( $user, $object->cap->edit_others_posts ) ) {
				return "Only users who may edit others' posts of type '$type' can subscribe to posts that are not published.";
			}
		}
		return null;
	}
}
