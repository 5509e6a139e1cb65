<?php
/**
 * Plugin Name: wp-jwt-zapier bench fixtures
 * Description: Test-bench only. A `book` custom post type with a `genre` taxonomy, a registered
 *              `wpjz_source` post meta key, heavy SEO-plugin-like REST fields (yoast_head,
 *              yoast_head_json) and a 3-second JWT lifetime for the `shortlived` bench user.
 * Version:     1.0.0
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Login of the user whose JWTs live only WPJZ_SHORTLIVED_SECONDS (see test/wordpress/sites.json). */
if ( ! defined( 'WPJZ_SHORTLIVED_LOGIN' ) ) {
	define( 'WPJZ_SHORTLIVED_LOGIN', 'shorty' );
}
if ( ! defined( 'WPJZ_SHORTLIVED_SECONDS' ) ) {
	define( 'WPJZ_SHORTLIVED_SECONDS', 3 );
}

add_action( 'init', 'wpjz_bench_register_types', 0 );
function wpjz_bench_register_types() {
	register_post_type( 'book', [
		'labels'       => [
			'name'          => 'Books',
			'singular_name' => 'Book',
			'add_new_item'  => 'Add New Book',
			'edit_item'     => 'Edit Book',
		],
		'public'       => true,
		'has_archive'  => true,
		'rewrite'      => [ 'slug' => 'books' ],
		'show_in_rest' => true,
		'rest_base'    => 'books',
		'menu_icon'    => 'dashicons-book',
		'supports'     => [ 'title', 'editor', 'excerpt', 'thumbnail', 'author', 'custom-fields' ],
		'taxonomies'   => [ 'genre' ],
	] );

	register_taxonomy( 'genre', [ 'book' ], [
		'labels'            => [
			'name'          => 'Genres',
			'singular_name' => 'Genre',
		],
		'public'            => true,
		'hierarchical'      => true,
		'show_in_rest'      => true,
		'rest_base'         => 'genres',
		'show_admin_column' => true,
		'rewrite'           => [ 'slug' => 'genre' ],
	] );

	register_post_meta( 'post', 'wpjz_source', [
		'type'          => 'string',
		'description'   => 'Where the post came from (bench fixture meta key).',
		'single'        => true,
		'show_in_rest'  => true,
	] );
}

/**
 * SEO-plugin-like heavy REST fields: ~6 KB of HTML and a ~3 KB object per item, so benchmarks can
 * show what `_fields=` saves. Deterministic per post so responses are stable.
 */
add_action( 'rest_api_init', 'wpjz_bench_register_heavy_fields' );
function wpjz_bench_register_heavy_fields() {
	foreach ( [ 'post', 'page', 'book' ] as $type ) {
		register_rest_field( $type, 'yoast_head', [
			'get_callback' => 'wpjz_bench_yoast_head',
			'schema'       => [
				'description' => 'Fake SEO <head> HTML (bench fixture).',
				'type'        => 'string',
				'context'     => [ 'view', 'edit', 'embed' ],
				'readonly'    => true,
			],
		] );
		register_rest_field( $type, 'yoast_head_json', [
			'get_callback' => 'wpjz_bench_yoast_head_json',
			'schema'       => [
				'description' => 'Fake SEO metadata (bench fixture).',
				'type'        => 'object',
				'context'     => [ 'view', 'edit', 'embed' ],
				'readonly'    => true,
			],
		] );
	}
}

function wpjz_bench_yoast_head_json( $item ) {
	$id    = (int) $item['id'];
	$url   = get_permalink( $id );
	$title = wp_strip_all_tags( get_the_title( $id ) ) . ' - ' . get_bloginfo( 'name' );
	$desc  = str_repeat( 'A carefully written meta description for search engines. ', 4 );
	$graph = [];
	for ( $i = 0; $i < 6; $i++ ) {
		$graph[] = [
			'@type'       => [ 'WebPage', 'Article', 'Person', 'WebSite', 'BreadcrumbList', 'ImageObject' ][ $i ],
			'@id'         => $url . '#node-' . $i,
			'url'         => $url,
			'name'        => $title,
			'description' => 'Structured data node ' . $i . ' for item ' . $id . ' with some padding text.',
			'inLanguage'  => 'en-US',
		];
	}

	return [
		'title'          => $title,
		'description'    => $desc,
		'robots'         => [
			'index'             => 'index',
			'follow'            => 'follow',
			'max-snippet'       => 'max-snippet:-1',
			'max-image-preview' => 'max-image-preview:large',
			'max-video-preview' => 'max-video-preview:-1',
		],
		'canonical'      => $url,
		'og_locale'      => 'en_US',
		'og_type'        => 'article',
		'og_title'       => $title,
		'og_description' => $desc,
		'og_url'         => $url,
		'og_site_name'   => get_bloginfo( 'name' ),
		'twitter_card'   => 'summary_large_image',
		'schema'         => [
			'@context' => 'https://schema.org',
			'@graph'   => $graph,
		],
	];
}

function wpjz_bench_yoast_head( $item ) {
	$json = wpjz_bench_yoast_head_json( $item );
	$html = "<!-- This site is optimized with a fake SEO plugin (wp-jwt-zapier bench) -->\n";
	$html .= '<title>' . esc_html( $json['title'] ) . "</title>\n";
	$html .= '<meta name="description" content="' . esc_attr( $json['description'] ) . "\" />\n";
	$html .= '<link rel="canonical" href="' . esc_url( $json['canonical'] ) . "\" />\n";
	foreach ( [ 'og_locale', 'og_type', 'og_title', 'og_description', 'og_url', 'og_site_name' ] as $k ) {
		$html .= '<meta property="' . esc_attr( str_replace( '_', ':', $k ) ) . '" content="' . esc_attr( $json[ $k ] ) . "\" />\n";
	}
	$html .= '<script type="application/ld+json" class="fake-seo-schema">' . wp_json_encode( $json['schema'] ) . "</script>\n";
	// Pad to roughly 6 KB, like a real SEO plugin's head block with a few extra graph pieces.
	$i = 0;
	while ( strlen( $html ) < 6000 ) {
		$html .= '<meta name="fake-seo-extra-' . $i . '" content="' . esc_attr( $json['description'] ) . "\" />\n";
		$i++;
	}
	$html .= "<!-- / fake SEO plugin. -->\n";

	return $html;
}

/** The `shortlived` bench user gets tokens that expire WPJZ_SHORTLIVED_SECONDS after issue. */
add_filter( 'jwt_auth_token_before_sign', 'wpjz_bench_shortlived_token', 10, 2 );
function wpjz_bench_shortlived_token( $token, $user ) {
	if ( $user instanceof WP_User && WPJZ_SHORTLIVED_LOGIN === $user->user_login ) {
		$token['exp'] = $token['iat'] + WPJZ_SHORTLIVED_SECONDS;
	}

	return $token;
}

/** The same short lifetime under Useful Team's JWT Auth, whose payload filter knows the user. */
add_filter( 'jwt_auth_payload', 'wpjz_bench_shortlived_payload', 10, 2 );
function wpjz_bench_shortlived_payload( $payload, $user ) {
	if ( $user instanceof WP_User && WPJZ_SHORTLIVED_LOGIN === $user->user_login ) {
		$payload['exp'] = $payload['iat'] + WPJZ_SHORTLIVED_SECONDS;
	}

	return $payload;
}
