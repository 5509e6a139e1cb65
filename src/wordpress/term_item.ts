// A term of any taxonomy as Find Term and Create Term output it: WordPress's term, with its name and
// description as plain text (WordPress stores `&` as `&amp;`); and finding one by exact name or slug.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../connection/errors';
import { defineOutput, defineWriteOutput } from './output';
import { Query, callWordPress } from '../connection/request';
import type { LinkResolver } from '../connection/site';
import { TaxonomyInfo, termsRoute } from './taxonomies';
import { termsNamed } from './terms';
import { comparable, decodeEntities } from './text';

/** A term as `/wp/v2/<rest_base>` gives it with TERM_FIELDS (`parent` only on hierarchical taxonomies). */
export interface WPTermItem {
  id: number;
  name: string;
  slug: string;
  taxonomy?: string;
  description?: string;
  parent?: number;
  count?: number;
  link?: string;
}

/** What term reads and writes ask WordPress to answer with. */
export const TERM_FIELDS = 'id,name,slug,taxonomy,description,parent,count,link';

export type TermOutput = {
  id: number;
  name: string;
  slug: string;
  taxonomy: string;
  description: string;
  parent: number;
  count: number;
  link: string | null;
};

const TERM_OUTPUT_FIELDS = [
  { key: 'id', label: 'Term ID', type: 'integer' as const, sample: 12 },
  { key: 'name', label: 'Name', sample: 'Science Fiction' },
  { key: 'slug', label: 'Slug', sample: 'science-fiction' },
  { key: 'taxonomy', label: 'Taxonomy', sample: 'genre' },
  { key: 'description', label: 'Description', sample: 'Books set in possible futures.' },
  { key: 'parent', label: 'Parent ID', type: 'integer' as const, sample: 4 },
  { key: 'count', label: 'Number of Items', type: 'integer' as const, sample: 7 },
  { key: 'link', label: 'Link', sample: 'https://example.com/genre/fiction/science-fiction/' },
];

export const termOutput = defineOutput<TermOutput>(TERM_OUTPUT_FIELDS);

export const termWriteOutput = defineWriteOutput<TermOutput>(
  TERM_OUTPUT_FIELDS,
  'Genres: "Science Fiction" already existed (term 12), so nothing was created; this is that term.',
);

export function toTermOutput(term: WPTermItem, taxonomy: string, resolve: LinkResolver): TermOutput {
  return {
    id: term.id,
    name: decodeEntities(term.name ?? ''),
    slug: term.slug ?? '',
    taxonomy: term.taxonomy ?? taxonomy,
    description: decodeEntities(term.description ?? ''),
    parent: term.parent ?? 0,
    count: term.count ?? 0,
    link: resolve(term.link),
  };
}

/** What the search looks for, checked before any request. */
export interface TermSearch {
  name?: string;
  slug?: string;
  parent?: number;
}

/**
 * Terms matching the search exactly: by slug (one request: WordPress filters on it), else by name.
 * A parent on a flat taxonomy (tags) is refused: WordPress would ignore it.
 */
export async function findTerms(
  z: ZObject,
  bundle: Bundle,
  taxonomy: TaxonomyInfo,
  search: TermSearch,
): Promise<WPTermItem[]> {
  assertParentAllowed(taxonomy, search.parent);
  const route = termsRoute(taxonomy);
  const query: Query = search.parent === undefined ? {} : { parent: search.parent };
  if (search.slug !== undefined) {
    const response = await callWordPress<WPTermItem[]>(z, bundle, {
      route,
      query: { ...query, slug: search.slug, _fields: TERM_FIELDS },
    });
    const terms = Array.isArray(response.data) ? response.data : [];
    const name = search.name;
    return name === undefined ? terms : terms.filter((term) => comparable(term.name) === comparable(name));
  }
  return termsNamed<WPTermItem>(z, bundle, route, search.name ?? '', { fields: TERM_FIELDS, query });
}

/** Tags and other flat taxonomies have no parents. */
export function assertParentAllowed(taxonomy: TaxonomyInfo, parent: number | undefined): void {
  if (parent === undefined || taxonomy.hierarchical) return;
  throw new UserInputError(
    `Parent: ${taxonomy.name} (${taxonomy.rest_base}) is not hierarchical, so its terms have no parent. Leave Parent empty.`,
    'taxonomy_not_hierarchical',
  );
}
