// Post types and the REST routes of their items. WordPress serves each type at
// `/<rest_namespace>/<rest_base>` (`wp/v2/posts`, `wp/v2/pages`, `wp/v2/books`…), and the type slug a
// Zap stores (`book`) is not its route. Resolving it costs a request, which a poll must not pay every
// time: see `postTypeInfo`.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isWordPressCode } from '../connection/errors';
import { cacheDelete, cacheGet, cacheSet } from '../connection/cache';
import { callWordPress } from '../connection/request';
import { authDataOf } from '../connection/site';

/** What `/wp/v2/types` says about a type, as far as routes and filters need it. */
export interface PostTypeInfo {
  slug: string;
  rest_base: string;
  rest_namespace: string;
  /**
   * Taxonomy slugs the type has, when known: from WordPress, or core's `category` and `post_tag`
   * for posts. Unknown for pages answered without a request (plugins add categories to pages).
   */
  taxonomies?: string[];
}

/** The type as `/wp/v2/types` and `/wp/v2/types/<slug>` return it (view context). */
export interface WPPostType {
  slug: string;
  name: string;
  description?: string;
  hierarchical?: boolean;
  rest_base: string;
  /** WordPress ≥ 5.9; older sites serve every type under wp/v2. */
  rest_namespace?: string;
  taxonomies?: string[];
}

// Core's defaults, known without asking. A site can change them (register_post_type_args), which
// `requestForPostType` notices by the 404 `rest_no_route` and then asks WordPress.
const BUILT_IN: Record<string, PostTypeInfo> = {
  post: { slug: 'post', rest_base: 'posts', rest_namespace: 'wp/v2', taxonomies: ['category', 'post_tag'] },
  page: { slug: 'page', rest_base: 'pages', rest_namespace: 'wp/v2' },
};

/**
 * Types that have `show_in_rest` but are not content a Zap would publish or watch: media (its
 * statuses are `inherit`/`private`, not `publish`), menus, reusable blocks, templates, styles, fonts.
 */
export const INTERNAL_POST_TYPES = new Set([
  'attachment',
  'nav_menu_item',
  'wp_block',
  'wp_template',
  'wp_template_part',
  'wp_navigation',
  'wp_global_styles',
  'wp_font_family',
  'wp_font_face',
]);

const CACHE_TTL_SECONDS = 24 * 60 * 60;

/** A type slug as WordPress stores it (sanitize_key: lower case). */
export function normalizePostType(postType: string | undefined | null): string {
  const slug = (postType ?? '').trim().toLowerCase();
  return slug || 'post';
}

export function toPostTypeInfo(type: WPPostType): PostTypeInfo {
  return {
    slug: type.slug,
    rest_base: type.rest_base || type.slug,
    rest_namespace: type.rest_namespace || 'wp/v2',
    taxonomies: type.taxonomies ?? [],
  };
}

// The key names the site's REST root: a type's route is a fact about the site, the same for every
// connection to it, so entries need no per-user scope (z.cache's scoped keys would also have to be
// read back with the same scope, which its typings do not allow). A connection without a REST root
// yet has no site to name, and caches nothing.
function cacheKey(slug: string, bundle: Bundle, kind = 'wp-post-type'): string | undefined {
  const root = authDataOf(bundle).rest_root;
  return root ? `${kind}:${root}:${slug}` : undefined;
}

const isPostTypeInfo = (value: Partial<PostTypeInfo>) => typeof value.rest_base === 'string';

/** Stores what a `/wp/v2/types` listing said, so a poll on any of these types needs no lookup. */
export async function rememberPostTypes(z: ZObject, bundle: Bundle, types: WPPostType[]): Promise<void> {
  await Promise.all(
    types.map((type) => cacheSet(z, cacheKey(type.slug, bundle), toPostTypeInfo(type), CACHE_TTL_SECONDS)),
  );
}

/** Asks WordPress about one type. A type it does not expose gets a message naming it. */
async function fetchPostTypeInfo(z: ZObject, bundle: Bundle, slug: string): Promise<PostTypeInfo> {
  try {
    const response = await callWordPress<WPPostType>(z, bundle, {
      route: `wp/v2/types/${encodeURIComponent(slug)}`,
      query: { _fields: 'slug,rest_base,rest_namespace,taxonomies' },
    });
    return toPostTypeInfo({ ...response.data, slug: response.data.slug || slug });
  } catch (err) {
    if (isWordPressCode(err, 'rest_type_invalid', 'rest_no_route')) throw unknownPostType(slug);
    throw err;
  }
}

function unknownPostType(slug: string): UserInputError {
  return new UserInputError(
    `WordPress has no post type "${slug}" in its REST API (it may have been removed, or registered without show_in_rest). ` +
      'Pick a Post Type from the dropdown; a custom post type must be registered with show_in_rest => true to be reachable.',
    'unknown_post_type',
  );
}

/**
 * Everything routes need about a type, with the fewest requests: the built-ins `post` and `page`
 * need none; any other type is looked up once and kept in Zapier's cache for a day.
 *
 * Why a cache and not the dropdown value: a value like `book|books` would spare the lookup even
 * without a cache, but it breaks for a slug typed or mapped by hand, goes stale silently when a
 * plugin changes the rest_base, and every other operation would have to parse it. The cache costs
 * one request per type per day (or one per poll where Zapier's cache is unavailable), and a stale
 * entry is detected by WordPress's 404 and refreshed (`requestForPostType`).
 */
export async function postTypeInfo(
  z: ZObject,
  bundle: Bundle,
  postType: string | undefined | null,
  options: { needTaxonomies?: boolean; trustCached?: (info: PostTypeInfo) => boolean } = {},
): Promise<PostTypeInfo> {
  const slug = normalizePostType(postType);
  const builtIn = BUILT_IN[slug];
  if (builtIn && (builtIn.taxonomies || !options.needTaxonomies)) return builtIn;
  const key = cacheKey(slug, bundle);
  const cached = await cacheGet<PostTypeInfo>(z, key, isPostTypeInfo);
  // A cached answer about to refuse something is asked about again: it may predate a plugin's change.
  if (cached && (!options.trustCached || options.trustCached(cached))) return cached;
  const info = await fetchPostTypeInfo(z, bundle, slug);
  await cacheSet(z, key, info, CACHE_TTL_SECONDS);
  return info;
}

/** The collection route of a type, relative to the REST root: `wp/v2/books`. */
export function collectionRoute(info: PostTypeInfo): string {
  return `${info.rest_namespace.replace(/^\/+|\/+$/g, '')}/${info.rest_base}`;
}

/**
 * Runs a request against a type's collection route. If WordPress has no such route (a stale cache
 * entry, or a site that renamed a built-in's rest_base), asks WordPress for the type once and
 * retries on the route it names; a type that is gone gets a message naming it.
 */
export async function requestForPostType<T>(
  z: ZObject,
  bundle: Bundle,
  postType: string | undefined | null,
  call: (route: string, info: PostTypeInfo) => Promise<T>,
  options: { needTaxonomies?: boolean; info?: PostTypeInfo } = {},
): Promise<T> {
  const slug = normalizePostType(postType);
  // A caller that already looked the type up (to check its taxonomies) passes it: no second lookup.
  const info = options.info ?? (await postTypeInfo(z, bundle, slug, options));
  try {
    return await call(collectionRoute(info), info);
  } catch (err) {
    if (!isWordPressCode(err, 'rest_no_route')) throw err;
    await cacheDelete(z, cacheKey(slug, bundle));
    const fresh = await fetchPostTypeInfo(z, bundle, slug);
    if (collectionRoute(fresh) === collectionRoute(info)) throw unknownPostType(slug);
    await cacheSet(z, cacheKey(slug, bundle), fresh, CACHE_TTL_SECONDS);
    return call(collectionRoute(fresh), fresh);
  }
}

/**
 * The fields of Create and Update Post a post type may lack, by REST property name. WordPress
 * leaves a property out of a type's schema when the type does not support it (no `format` on
 * pages, no `sticky` but on posts, no `featured_media` without thumbnails…), and then ignores a
 * value sent for it without a word.
 */
export const OPTIONAL_POST_PROPERTIES = [
  'title',
  'content',
  'excerpt',
  'author',
  'featured_media',
  'comment_status',
  'format',
  'sticky',
  'meta',
] as const;
export type OptionalPostProperty = (typeof OPTIONAL_POST_PROPERTIES)[number];

// Core's controller gives posts and pages fixed schemas, whatever the theme or a plugin says the
// type supports: known without asking.
const BUILT_IN_PROPERTIES: Record<string, OptionalPostProperty[]> = {
  post: [...OPTIONAL_POST_PROPERTIES],
  page: OPTIONAL_POST_PROPERTIES.filter((property) => property !== 'format' && property !== 'sticky'),
};

/** What the cache keeps: `properties` is null when WordPress did not say (a site older than 5.3). */
interface CachedProperties {
  properties: OptionalPostProperty[] | null;
}

const isCachedProperties = (value: Partial<CachedProperties>) => value.properties !== undefined;

/**
 * Which of OPTIONAL_POST_PROPERTIES a type accepts (`properties`), undefined when WordPress does not
 * say (then nothing can be refused before a write, and what it ignored is a warning after it).
 * Posts and pages need no request; another type's schema is asked for once a day per site.
 * `fromCache` says the answer may be stale: ask again with `fresh` before refusing on it.
 */
export async function postTypeProperties(
  z: ZObject,
  bundle: Bundle,
  type: PostTypeInfo,
  options: { fresh?: boolean } = {},
): Promise<{ properties?: OptionalPostProperty[]; fromCache: boolean }> {
  const builtIn = BUILT_IN_PROPERTIES[type.slug];
  if (builtIn) return { properties: builtIn, fromCache: false };
  const key = cacheKey(type.slug, bundle, 'wp-post-type-properties');
  const cached = options.fresh ? undefined : await cacheGet<CachedProperties>(z, key, isCachedProperties);
  if (cached) return { properties: cached.properties ?? undefined, fromCache: true };
  const properties = await fetchPostTypeProperties(z, bundle, type);
  await cacheSet(z, key, { properties: properties ?? null } satisfies CachedProperties, CACHE_TTL_SECONDS);
  return { properties, fromCache: false };
}

/**
 * The type's schema, as its collection route describes it to an OPTIONS request, cut down to the
 * properties in question (about 300 bytes). Sent as a GET with `_method=OPTIONS`: some hosts answer
 * the OPTIONS verb themselves, as a CORS preflight, without asking WordPress.
 */
async function fetchPostTypeProperties(
  z: ZObject,
  bundle: Bundle,
  type: PostTypeInfo,
): Promise<OptionalPostProperty[] | undefined> {
  // `id` is in every schema: without it, the answer says nothing (WordPress before 5.3 filters
  // only top-level `_fields`, and answers without a schema).
  const fields = ['id', ...OPTIONAL_POST_PROPERTIES].map((property) => `schema.properties.${property}.type`).join(',');
  const read = async (route: string) =>
    (
      await callWordPress<{ schema?: { properties?: Record<string, unknown> } }>(z, bundle, {
        route,
        query: { _method: 'OPTIONS', _fields: fields },
      })
    ).data?.schema?.properties;
  let properties: Record<string, unknown> | undefined;
  try {
    properties = await requestForPostType(z, bundle, type.slug, read, { info: type });
  } catch (err) {
    // A host that refuses the question (a firewall rule on `_method`) must not stop the write.
    if (err instanceof WordPressError) return undefined;
    throw err;
  }
  if (!properties?.id) return undefined;
  return OPTIONAL_POST_PROPERTIES.filter((property) => property in properties);
}

/** The Post Type field of every operation that reads or writes posts. */
export function postTypeField(helpText: string) {
  return {
    key: 'post_type',
    label: 'Post Type',
    dynamic: 'post_type_list.id.name',
    default: 'post',
    required: false,
    // The type's own taxonomies and fields follow it in the form.
    altersDynamicFields: true,
    helpText,
  } as const;
}

/** The Author field of every operation that writes or watches posts: a user ID from the dropdown. */
export function authorField(helpText: string) {
  return {
    key: 'author',
    label: 'Author',
    type: 'integer',
    dynamic: 'author_list.id.name',
    required: false,
    helpText,
  } as const;
}
