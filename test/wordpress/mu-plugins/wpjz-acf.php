<?php
/**
 * Plugin Name: wp-jwt-zapier bench: ACF's REST contract, and registered meta (main site only)
 * Description: Test-bench only. Re-implements what Advanced Custom Fields 6.x does in the REST API
 *              for one field group on `book` (price, in_stock, format, release_date, cover) and one on
 *              users (phone, company), as /work/shared/wordpress-contracts.md records it: an `acf`
 *              object on REST items, its schema under schema.properties.acf.properties (types only,
 *              no labels), unknown keys silently ignored, a bad type or choice a 400 naming
 *              acf[<name>], `null` clears, dates stored exactly as sent, `"acf": []` on items of
 *              types without a group. Also registers meta `isbn` and `pages` on books and
 *              `crm_id` on users. The real ACF is in no reachable registry.
 * Version:     1.0.0
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Only the bench's `main` site carries the field groups (other sites stay as they were). */
function wpjz_acf_enabled() {
	return false !== strpos( (string) get_option( 'siteurl' ), '127.0.0.1:8080' );
}

/** The field groups, as ACF would hold them after "Show in REST API" is switched on. */
function wpjz_acf_groups() {
	return [
		'book' => [
			'price'        => [ 'type' => 'number' ],
			'in_stock'     => [ 'type' => 'true_false' ],
			'format'       => [ 'type' => 'select', 'choices' => [ 'paperback', 'hardcover', 'ebook' ] ],
			'release_date' => [ 'type' => 'date_picker' ],
			'cover'        => [ 'type' => 'image' ],
		],
		'user' => [
			'phone'   => [ 'type' => 'text' ],
			'company' => [ 'type' => 'text' ],
		],
	];
}

/** Each field's REST schema, as ACF's field types give it (types only: REST carries no labels). */
function wpjz_acf_field_schema( $field ) {
	switch ( $field['type'] ) {
		case 'number':
			return [ 'type' => [ 'number', 'null' ], 'required' => false ];
		case 'true_false':
			return [ 'type' => [ 'boolean', 'null' ], 'required' => false, 'default' => false ];
		case 'select':
			return [
				'type'     => [ 'string', 'array', 'int', 'null' ],
				'required' => false,
				'items'    => [ 'enum' => $field['choices'] ],
				'maxItems' => 1,
			];
		case 'date_picker':
			return [ 'type' => [ 'string', 'null' ], 'required' => false, 'description' => 'A `Ymd` formatted date string.' ];
		case 'image':
			return [ 'type' => [ 'number', 'object', 'null' ], 'required' => false ];
		default:
			return [ 'type' => [ 'string', 'null' ], 'required' => false ];
	}
}

add_action( 'init', 'wpjz_acf_register_meta', 20 );
function wpjz_acf_register_meta() {
	if ( ! wpjz_acf_enabled() ) {
		return;
	}
	register_post_meta( 'book', 'isbn', [
		'type'         => 'string',
		'description'  => 'The ISBN-13 of the edition.',
		'single'       => true,
		'show_in_rest' => true,
	] );
	register_post_meta( 'book', 'pages', [
		'type'         => 'integer',
		'description'  => 'Pages',
		'single'       => true,
		'show_in_rest' => true,
	] );
	register_meta( 'user', 'crm_id', [
		'type'         => 'string',
		'description'  => 'CRM ID',
		'single'       => true,
		'show_in_rest' => true,
	] );
}

add_action( 'rest_api_init', 'wpjz_acf_register_rest_fields' );
function wpjz_acf_register_rest_fields() {
	if ( ! wpjz_acf_enabled() ) {
		return;
	}
	foreach ( wpjz_acf_groups() as $object_type => $fields ) {
		$properties = [];
		foreach ( $fields as $name => $field ) {
			$properties[ $name ] = wpjz_acf_field_schema( $field );
		}
		register_rest_field( $object_type, 'acf', [
			'get_callback'    => 'wpjz_acf_get',
			'update_callback' => 'wpjz_acf_update',
			'schema'          => [
				'description' => 'Fields',
				'type'        => 'object',
				'context'     => [ 'view', 'edit', 'embed' ],
				'properties'  => $properties,
				'arg_options' => [
					'validate_callback' => 'wpjz_acf_validate',
					'sanitize_callback' => 'wpjz_acf_sanitize',
				],
			],
		] );
	}
	// Types without a field group still show the key, as an empty list.
	foreach ( [ 'post', 'page' ] as $object_type ) {
		register_rest_field( $object_type, 'acf', [
			'get_callback' => '__return_empty_array',
			'schema'       => [ 'description' => 'Fields', 'type' => 'object', 'context' => [ 'view', 'edit', 'embed' ], 'properties' => [] ],
		] );
	}
}

/** Which group an item belongs to, and where its values live (post meta or user meta). */
function wpjz_acf_target( $item, $request ) {
	$is_user = isset( $item['username'] ) || isset( $item['roles'] ) || false !== strpos( $request->get_route(), '/wp/v2/users' );
	return $is_user ? [ 'user', 'user' ] : [ 'book', 'post' ];
}

function wpjz_acf_get( $item, $field_name, $request ) {
	list( $group, $meta_type ) = wpjz_acf_target( $item, $request );
	$out = [];
	foreach ( wpjz_acf_groups()[ $group ] as $name => $field ) {
		$stored = get_metadata( $meta_type, (int) $item['id'], $name, true );
		$out[ $name ] = wpjz_acf_format( $field, $stored );
	}
	return $out;
}

/** Unset values read "" (number, text, select), false (true/false) or null (date, image). */
function wpjz_acf_format( $field, $stored ) {
	$unset = ( '' === $stored || null === $stored || false === $stored );
	switch ( $field['type'] ) {
		case 'number':
			return $unset ? '' : ( false !== strpos( (string) $stored, '.' ) ? (float) $stored : (int) $stored );
		case 'true_false':
			return ! $unset && (bool) $stored;
		case 'date_picker':
			return $unset ? null : (string) $stored;
		case 'image':
			return $unset ? null : (int) $stored;
		default:
			return $unset ? '' : $stored;
	}
}

/** Before anything is written: a bad type or choice is a 400 naming acf[<name>]; unknown keys pass. */
function wpjz_acf_validate( $value, $request, $param ) {
	if ( ! is_array( $value ) ) {
		return new WP_Error( 'rest_invalid_type', "$param is not of type object.", [ 'param' => $param ] );
	}
	$groups = wpjz_acf_groups();
	$fields = false !== strpos( $request->get_route(), '/wp/v2/users' ) ? $groups['user'] : $groups['book'];
	foreach ( $value as $name => $given ) {
		if ( ! isset( $fields[ $name ] ) || null === $given ) {
			continue;
		}
		$field   = $fields[ $name ];
		$problem = null;
		switch ( $field['type'] ) {
			case 'number':
				$problem = is_numeric( $given ) ? null : 'is not of type number,null.';
				break;
			case 'true_false':
				$problem = is_bool( $given ) || 0 === $given || 1 === $given ? null : 'is not of type boolean,null.';
				break;
			case 'select':
				foreach ( (array) $given as $choice ) {
					if ( ! in_array( $choice, $field['choices'], true ) ) {
						$problem = 'is not one of ' . implode( ', ', $field['choices'] ) . '.';
					}
				}
				break;
			case 'image':
				$problem = is_int( $given ) || ctype_digit( (string) $given ) ? null : 'is not of type number,object,null.';
				break;
			default:
				$problem = is_scalar( $given ) ? null : 'is not of type string,null.';
		}
		if ( null !== $problem ) {
			return new WP_Error( 'rest_invalid_param', "{$param}[{$name}] $problem", [ 'param' => "{$param}[{$name}]" ] );
		}
	}
	return true;
}

function wpjz_acf_sanitize( $value ) {
	return $value;
}

function wpjz_acf_update( $value, $object, $field_name, $request ) {
	$is_user   = $object instanceof WP_User;
	$group     = wpjz_acf_groups()[ $is_user ? 'user' : 'book' ];
	$meta_type = $is_user ? 'user' : 'post';
	$id        = $is_user ? $object->ID : $object->ID;
	foreach ( (array) $value as $name => $given ) {
		if ( ! isset( $group[ $name ] ) ) {
			continue; // ACF ignores keys it does not know, without a word.
		}
		if ( null === $given ) {
			delete_metadata( $meta_type, $id, $name );
			continue;
		}
		if ( 'true_false' === $group[ $name ]['type'] ) {
			$given = $given ? 1 : 0;
		}
		// Stored exactly as sent: a date "2024-03-15" stays that, an array is serialized.
		update_metadata( $meta_type, $id, $name, $given );
		update_metadata( $meta_type, $id, '_' . $name, 'field_wpjz_' . $name );
	}
	return true;
}

/** ACF's image field links its attachment, embeddable, so `_embed` brings the media item. */
add_filter( 'rest_prepare_book', 'wpjz_acf_links', 10, 2 );
function wpjz_acf_links( $response, $post ) {
	if ( ! wpjz_acf_enabled() ) {
		return $response;
	}
	$cover = (int) get_post_meta( $post->ID, 'cover', true );
	if ( $cover > 0 ) {
		$response->add_link( 'acf:attachment', rest_url( '/wp/v2/media/' . $cover ), [ 'embeddable' => true ] );
	}
	return $response;
}
