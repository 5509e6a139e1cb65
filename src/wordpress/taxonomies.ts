// The site's taxonomies and the REST routes of their terms. WordPress serves each taxonomy at
// `/<rest_namespace>/<rest_base>` (`wp/v2/categories`, `wp/v2/genres`…); Zaps store the REST base,
// which the Taxonomy dropdown gives. Core's two are known without asking; any other is looked up in
// `/wp/v2/taxonomies` once a day per site (Zapier's cache), and again before anything is refused.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheGet, cacheSet } from '../connection/cache';
import { UserInputError } from '../connection/errors';
import { callWordPress } from '../connection/request';
import { authDataOf } from '../connection/site';
import { clip, comparable, decodeEntities } from './text';

/** What the app needs to know about a taxonomy. */
export interface TaxonomyInfo {
  slug: string;
  /** The plural name WordPress gives it (`Genres`): what messages call it. */
  name: string;
  rest_base: string;
  rest_namespace: string;
  hierarchical: boolean;
}

/** A taxonomy as `/wp/v2/taxonomies` lists it (view context). */
interface WPTaxonomy {
  slug?: string;
  name?: string;
  rest_base?: string;
  /** WordPress ≥ 5.9; older sites serve every taxonomy under wp/v2. */
  rest_namespace?: string;
  hierarchical?: boolean;
}

const BUILT_IN: TaxonomyInfo[] = [
  { slug: 'category', name: 'Categories', rest_base: 'categories', rest_namespace: 'wp/v2', hierarchical: true },
  { slug: 'post_tag', name: 'Tags', rest_base: 'tags', rest_namespace: 'wp/v2', hierarchical: false },
];

/**
 * Taxonomies in the REST API that hold no terms a Zap would file content under: menus, link
 * categories, post formats, and the block themes' internal ones.
 */
const INTERNAL_TAXONOMIES = new Set([
  'nav_menu',
  'link_category',
  'post_format',
  'wp_theme',
  'wp_template_part_area',
  'wp_pattern_category',
]);

const CACHE_TTL_SECONDS = 24 * 60 * 60;

interface CachedTaxonomies {
  taxonomies: TaxonomyInfo[];
}

// Like post types, a fact about the site: keyed by its REST root, the same for every connection.
function cacheKey(bundle: Bundle): string | undefined {
  const root = authDataOf(bundle).rest_root;
  return root ? `wp-taxonomies:${root}` : undefined;
}

/**
 * The site's taxonomies of content (one request; no `_fields`: on this object keyed by slug,
 * WordPress 6.1 filters the slugs away). Kept a day for the operations that follow.
 */
export async function siteTaxonomies(z: ZObject, bundle: Bundle): Promise<TaxonomyInfo[]> {
  const response = await callWordPress<Record<string, WPTaxonomy>>(z, bundle, { route: 'wp/v2/taxonomies' });
  const taxonomies = Object.entries(response.data ?? {})
    .map(([slug, taxonomy]) => toTaxonomyInfo({ slug, ...taxonomy }))
    .filter((taxonomy) => !INTERNAL_TAXONOMIES.has(taxonomy.slug));
  await cacheSet(z, cacheKey(bundle), { taxonomies } satisfies CachedTaxonomies, CACHE_TTL_SECONDS);
  return taxonomies;
}

function toTaxonomyInfo(taxonomy: WPTaxonomy & { slug: string }): TaxonomyInfo {
  return {
    slug: taxonomy.slug,
    name: decodeEntities(taxonomy.name || taxonomy.slug),
    rest_base: taxonomy.rest_base || taxonomy.slug,
    rest_namespace: taxonomy.rest_namespace || 'wp/v2',
    hierarchical: taxonomy.hierarchical === true,
  };
}

/** The taxonomy a value names: its REST base (the dropdown), or its slug or name typed by hand. */
function matching(taxonomies: TaxonomyInfo[], value: string): TaxonomyInfo | undefined {
  const wanted = comparable(value);
  return (
    taxonomies.find((taxonomy) => taxonomy.rest_base === value.trim()) ??
    taxonomies.find((taxonomy) => taxonomy.slug === value.trim()) ??
    taxonomies.find((taxonomy) => comparable(taxonomy.name) === wanted)
  );
}

/**
 * Everything routes need about the taxonomy the Zap names, with the fewest requests: categories and
 * tags need none, another is read from the cache, and asked for when the cache does not have it.
 */
export async function taxonomyInfo(z: ZObject, bundle: Bundle, value: string): Promise<TaxonomyInfo> {
  const builtIn = BUILT_IN.find((taxonomy) => taxonomy.rest_base === value.trim() || taxonomy.slug === value.trim());
  if (builtIn) return builtIn;
  const cached = await cacheGet<CachedTaxonomies>(z, cacheKey(bundle), (entry) => Array.isArray(entry.taxonomies));
  const known = cached && matching(cached.taxonomies, value);
  if (known) return known;
  const taxonomies = await siteTaxonomies(z, bundle);
  const found = matching(taxonomies, value);
  if (found) return found;
  const names = taxonomies.map((taxonomy) => `${taxonomy.name} (${taxonomy.rest_base})`).join(', ');
  throw new UserInputError(
    `Taxonomy: the site has no taxonomy "${clip(value)}" in its REST API (it may have been removed, or registered without show_in_rest). ` +
      `Pick one from the dropdown${names ? `; the site has: ${names}` : ''}.`,
    'unknown_taxonomy',
  );
}

/** The collection route of a taxonomy's terms, relative to the REST root: `wp/v2/genres`. */
export function termsRoute(taxonomy: TaxonomyInfo): string {
  return `${taxonomy.rest_namespace.replace(/^\/+|\/+$/g, '')}/${taxonomy.rest_base}`;
}

/** The Taxonomy field of the term operations: the REST base, from the dropdown. */
export function taxonomyField(helpText: string) {
  return {
    key: 'taxonomy',
    label: 'Taxonomy',
    dynamic: 'taxonomy_list.id.name',
    required: true,
    helpText,
  } as const;
}

/** The Parent field of the term operations: a term of the chosen taxonomy, from the dropdown. */
export function parentTermField(helpText: string) {
  return {
    key: 'parent',
    label: 'Parent',
    type: 'integer',
    dynamic: 'taxonomy_term_list.id.name',
    required: false,
    helpText,
  } as const;
}
