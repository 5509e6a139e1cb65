// Categories and tags share one dropdown shape: the name, with its parent for nested categories.
import { defineOutput } from '../../output';
import { decodeEntities } from '../../text';

interface WPTermItem {
  id: number;
  name: string;
  slug: string;
  parent?: number;
  count?: number;
}

type TermChoice = {
  id: number;
  name: string;
  slug: string;
  parent: number;
  count: number;
};

/** `News › Releases` when the parent is on the same page of 100 (terms come sorted by name). */
export function toTermChoice(term: WPTermItem, _index: number, page: WPTermItem[]): TermChoice {
  const parent = term.parent ? page.find((t) => t.id === term.parent) : undefined;
  const name = decodeEntities(term.name);
  return {
    id: term.id,
    name: parent ? `${decodeEntities(parent.name)} › ${name}` : name,
    slug: term.slug,
    parent: term.parent ?? 0,
    count: term.count ?? 0,
  };
}

export const TERM_QUERY = { orderby: 'name', order: 'asc', _fields: 'id,name,slug,parent,count' } as const;

/** A category's or tag's choice, with the sample each dropdown shows. */
export function termOutput(sample: { id: number; name: string; slug: string; count: number }) {
  return defineOutput<TermChoice>([
    { key: 'id', label: 'ID', type: 'integer', sample: sample.id },
    { key: 'name', label: 'Name', sample: sample.name },
    { key: 'slug', label: 'Slug', sample: sample.slug },
    { key: 'parent', label: 'Parent ID', type: 'integer', sample: 0 },
    { key: 'count', label: 'Number of Posts', type: 'integer', sample: sample.count },
  ]);
}
