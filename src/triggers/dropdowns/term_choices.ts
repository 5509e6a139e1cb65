// Categories and tags share one dropdown shape: the name, with the whole path of its ancestors for
// nested categories, so that two children with the same name (News › Advanced, Guides › Advanced)
// can be told apart.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineOutput } from '../../wordpress/output';
import { callWordPress } from '../../connection/request';
import { decodeEntities } from '../../wordpress/text';
import { MAX_PER_PAGE } from '../polling';
import { dropdownPage } from './paging';

interface WPTermItem {
  id: number;
  name: string;
  slug: string;
  parent?: number;
  count?: number;
}

type Ancestor = Pick<WPTermItem, 'id' | 'name' | 'parent'>;

export type TermChoice = {
  id: number;
  name: string;
  slug: string;
  parent: number;
  count: number;
};

const SEPARATOR = ' › ';

/**
 * How many `include=` requests a page may add for ancestors that are not on it. Each fetches one more
 * level for every term of the page at once, so this bounds depth, not breadth: a path of up to five
 * levels is always whole; a deeper one whose top is on no page fetched starts with `…`.
 */
const MAX_ANCESTOR_ROUNDS = 4;

// By name, as WordPress's admin searches them. Not by path: WordPress cannot sort on it, and a page
// sorted by path would restart from A on the next page. Same-named terms end up side by side.
const TERM_QUERY = { orderby: 'name', order: 'asc', _fields: 'id,name,slug,parent,count' } as const;

/** Parents that neither the page nor an earlier round holds, and that no earlier round asked for. */
function missingParents(known: Map<number, Ancestor>, asked: Set<number>): number[] {
  const missing = new Set<number>();
  for (const term of known.values()) {
    const parent = term.parent ?? 0;
    if (parent > 0 && !known.has(parent) && !asked.has(parent)) missing.add(parent);
  }
  return [...missing];
}

/**
 * Every ancestor of the page's terms that WordPress still has, one request per level missing from
 * the page (none when the page holds them all, as on a site with 100 categories or fewer).
 */
async function withAncestors(z: ZObject, bundle: Bundle, route: string, page: WPTermItem[]) {
  const known = new Map<number, Ancestor>(page.map((term) => [term.id, term]));
  const asked = new Set<number>();
  for (let round = 0; round < MAX_ANCESTOR_ROUNDS; round++) {
    const missing = missingParents(known, asked);
    if (missing.length === 0) break;
    missing.forEach((id) => asked.add(id));
    // At most one parent per term already known, and a page holds 100: one page of `include=` holds them.
    const response = await callWordPress<Ancestor[]>(z, bundle, {
      route,
      query: { include: missing.join(','), per_page: MAX_PER_PAGE, _fields: 'id,name,parent' },
    });
    for (const term of Array.isArray(response.data) ? response.data : []) known.set(term.id, term);
  }
  return { known, asked };
}

/**
 * `News › Tutorials › Advanced`. A parent WordPress did not return (removed from the database behind
 * WordPress's back) ends the path where it is; one deeper than the rounds reached shows as `…`. The visited set guards against
 * a loop in a damaged table.
 */
function termPath(term: WPTermItem, known: Map<number, Ancestor>, asked: Set<number>): string {
  const names = [decodeEntities(term.name)];
  const visited = new Set([term.id]);
  let parent = term.parent ?? 0;
  while (parent > 0 && !visited.has(parent)) {
    const ancestor = known.get(parent);
    if (!ancestor) {
      if (!asked.has(parent)) names.unshift('…');
      break;
    }
    names.unshift(decodeEntities(ancestor.name));
    visited.add(parent);
    parent = ancestor.parent ?? 0;
  }
  return names.join(SEPARATOR);
}

/** One dropdown page of categories or tags (tags have no parents, so never a second request). */
export async function termChoicesPage(z: ZObject, bundle: Bundle, route: string): Promise<TermChoice[]> {
  const page = await dropdownPage<WPTermItem, WPTermItem>(z, bundle, route, TERM_QUERY, (term) => term);
  const { known, asked } = await withAncestors(z, bundle, route, page);
  return page.map((term) => ({
    id: term.id,
    name: termPath(term, known, asked),
    slug: term.slug,
    parent: term.parent ?? 0,
    count: term.count ?? 0,
  }));
}

/** A category's or tag's choice, with the sample each dropdown shows. */
export function termOutput(sample: TermChoice) {
  return defineOutput<TermChoice>([
    { key: 'id', label: 'ID', type: 'integer', sample: sample.id },
    { key: 'name', label: 'Name', sample: sample.name },
    { key: 'slug', label: 'Slug', sample: sample.slug },
    { key: 'parent', label: 'Parent ID', type: 'integer', sample: sample.parent },
    { key: 'count', label: 'Number of Posts', type: 'integer', sample: sample.count },
  ]);
}
