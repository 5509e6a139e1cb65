// Categories and tags given by ID (a dropdown) or by name (typed or mapped). WordPress's post
// routes take IDs only, so names are turned into IDs first: an unknown name is created, a known one
// reused. Creating is also how a name is looked up: WordPress answers a duplicate with
// `term_exists` and the existing ID, so a step that runs twice never makes a term twice.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { Field, clip } from './input';
import { readJson, reword, writeJson } from './requests';
import { WordPressError, decodeEntities, needsCapability } from './wordpress';

export type Taxonomy = 'categories' | 'tags';

export const TAXONOMY: Record<Taxonomy, { slug: string; one: string; many: string; capability: string }> = {
  categories: { slug: 'category', one: 'category', many: 'categories', capability: 'manage_categories' },
  tags: { slug: 'post_tag', one: 'tag', many: 'tags', capability: 'edit_posts' },
};

/** What a Categories or Tags field holds: IDs from the dropdown, names typed or mapped. */
export interface TermInput {
  ids: number[];
  names: string[];
}

/** WordPress keeps term names to 200 characters. */
export const TERM_NAME_MAX = 200;

/**
 * Splits a field's values into IDs and names. A value of digits only is an ID (which is what the
 * dropdown gives); a name that is only digits cannot be told apart, so it has to be picked from
 * the dropdown.
 */
export function classifyTerms(values: string[]): TermInput {
  const ids: number[] = [];
  const names: string[] = [];
  for (const value of values) {
    if (/^\d+$/.test(value) && Number(value) > 0 && Number.isSafeInteger(Number(value))) {
      if (!ids.includes(Number(value))) ids.push(Number(value));
    } else if (!names.some((n) => sameName(n, value))) {
      names.push(value);
    }
  }
  return { ids, names };
}

/** How WordPress compares names for `term_exists`: case and entities do not matter. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => decodeEntities(s).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

interface TermExistsData {
  term_id?: number;
}

/** The IDs for a field's values: IDs as given, names created or reused, in one ordered list. */
export async function resolveTermIds(
  z: ZObject,
  bundle: Bundle,
  taxonomy: Taxonomy,
  input: TermInput,
  field: Field,
): Promise<number[]> {
  const ids = [...input.ids];
  // One at a time: two names that WordPress considers the same ("News", "news") must not race.
  for (const name of input.names) {
    const id = await termIdForName(z, bundle, taxonomy, name, field);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function termIdForName(
  z: ZObject,
  bundle: Bundle,
  taxonomy: Taxonomy,
  name: string,
  field: Field,
): Promise<number> {
  const tax = TAXONOMY[taxonomy];
  try {
    const response = await writeJson<{ id: number }>(z, bundle, `wp/v2/${taxonomy}`, { name }, { _fields: 'id' });
    return response.data.id;
  } catch (err) {
    if (!(err instanceof WordPressError)) throw err;
    if (err.wpCode === 'term_exists') {
      const existing = (err.body?.data as TermExistsData | null | undefined)?.term_id;
      if (typeof existing === 'number' && existing > 0) return existing;
      // term_id is a string on some versions.
      const asNumber = Number(existing);
      if (Number.isSafeInteger(asNumber) && asNumber > 0) return asNumber;
    }
    if (err.wpCode === 'rest_cannot_create') {
      // Authors may assign categories but not create them; the name may well exist already.
      const found = await findTermByName(z, bundle, taxonomy, name);
      if (found !== undefined) return found;
      throw new WordPressError(
        `${field.label}: the ${tax.one} "${clip(name)}" does not exist, and ${needsCapability(tax.capability, `create ${tax.many}`).replace(/^The WordPress user/, 'the WordPress user')} ` +
          `Alternatively create the ${tax.one} in WordPress first, or pick an existing one from the dropdown.`,
        err.wpCode,
        err.httpStatus,
        err.body,
      );
    }
    return reword(err, {
      rest_invalid_param: `${field.label}: WordPress rejected the ${tax.one} name "${clip(name)}". Use a shorter name without HTML.`,
    });
  }
}

/** An existing term with exactly this name (WordPress's search is a substring match). */
export async function findTermByName(
  z: ZObject,
  bundle: Bundle,
  taxonomy: Taxonomy,
  name: string,
): Promise<number | undefined> {
  // WordPress stores "A & B" as "A &amp; B" and searches the stored text.
  const stored = name
    .replace(/&(?!amp;|lt;|gt;|#)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  const response = await readJson<Array<{ id: number; name: string }>>(z, bundle, `wp/v2/${taxonomy}`, {
    search: stored,
    per_page: 100,
    _fields: 'id,name',
  });
  return (Array.isArray(response.data) ? response.data : []).find((term) => sameName(term.name, name))?.id;
}
