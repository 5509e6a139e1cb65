// Categories and tags given by ID (a dropdown) or by name (typed or mapped). WordPress's post
// routes take IDs only, so names are turned into IDs first: an unknown name is created, a known one
// reused. Creating is also how a name is looked up: WordPress answers a duplicate with
// `term_exists` and the existing ID, so a step that runs twice never makes a term twice.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isWordPressCode, reword } from '../connection/errors';
import { Field, asId } from '../zap/input';
import { needsCapability } from '../connection/messages';
import { PostTypeInfo, postTypeInfo } from './post_types';
import { Query, callWordPress } from '../connection/request';
import { clip, comparable } from './text';

export type Taxonomy = 'categories' | 'tags';

/** Core's two taxonomies, by their REST base (`wp/v2/categories`), which is also the post's field. */
export const TAXONOMY: Record<
  Taxonomy,
  { slug: string; label: string; one: string; many: string; capability: string }
> = {
  categories: {
    slug: 'category',
    label: 'Categories',
    one: 'category',
    many: 'categories',
    capability: 'manage_categories',
  },
  tags: { slug: 'post_tag', label: 'Tags', one: 'tag', many: 'tags', capability: 'edit_posts' },
};

/**
 * How messages name a taxonomy's terms, by REST base: core's two by name, any other taxonomy as
 * "term" (custom taxonomies take categories' capabilities unless registered otherwise).
 */
export function taxonomyWords(restBase: string): (typeof TAXONOMY)[Taxonomy] {
  return Object.hasOwn(TAXONOMY, restBase)
    ? TAXONOMY[restBase as Taxonomy]
    : { slug: restBase, label: restBase, one: 'term', many: 'terms', capability: 'manage_categories' };
}

/** The Categories or Tags input of posts and post triggers: a dropdown that takes several. */
export function termsField(taxonomy: Taxonomy, helpText: string) {
  const dynamic = taxonomy === 'categories' ? 'category_list.id.name' : 'tag_list.id.name';
  return { key: taxonomy, label: TAXONOMY[taxonomy].label, dynamic, list: true, required: false, helpText } as const;
}

/**
 * Refuses categories or tags for a type that lacks them: WordPress would ignore a filter on them
 * and return every item, and would silently drop them from a write.
 */
export function assertTaxonomies(type: PostTypeInfo, wanted: Taxonomy[]): void {
  for (const taxonomy of lacking(type, wanted)) {
    const { label, many } = TAXONOMY[taxonomy];
    const taxonomies = type.taxonomies ?? [];
    const has = taxonomies.length ? ` (its taxonomies: ${taxonomies.join(', ')})` : '';
    throw new UserInputError(
      `${label}: the post type "${type.slug}" has no ${many}${has}. Clear ${label}, or pick a post type that has them (Posts).`,
      'taxonomy_not_on_type',
    );
  }
}

function lacking(type: PostTypeInfo, wanted: Taxonomy[]): Taxonomy[] {
  const has = type.taxonomies;
  return has ? wanted.filter((taxonomy) => !has.includes(TAXONOMY[taxonomy].slug)) : [];
}

/**
 * The post type, with the taxonomies `wanted` checked. A type that seems to lack one is asked
 * about again before anything is refused: the cached answer may predate a plugin adding it.
 */
export async function typeWithTaxonomies(
  z: ZObject,
  bundle: Bundle,
  postType: string,
  wanted: Taxonomy[],
): Promise<PostTypeInfo> {
  const trustCached = (info: PostTypeInfo) => lacking(info, wanted).length === 0;
  const type = await postTypeInfo(z, bundle, postType, { needTaxonomies: wanted.length > 0, trustCached });
  assertTaxonomies(type, wanted);
  return type;
}

/** What a Categories or Tags field holds: IDs from the dropdown, names typed or mapped. */
export interface TermInput {
  /** Values of digits only: what the dropdown gives, but also a name such as "2024". */
  ids: number[];
  names: string[];
}

/** WordPress keeps term names to 200 characters. */
export const TERM_NAME_MAX = 200;

/**
 * Splits a field's values into possible IDs (digits only, as the dropdown gives them) and names.
 * Which digits are IDs only WordPress can say: `resolveTermIds` asks.
 */
export function classifyTerms(values: string[]): TermInput {
  const ids: number[] = [];
  const names: string[] = [];
  for (const value of values) {
    const id = asId(value);
    // "007" is not how WordPress writes an ID: a name.
    if (id !== undefined && String(id) === value.trim()) {
      if (!ids.includes(id)) ids.push(id);
    } else if (!names.some((name) => comparable(name) === comparable(value))) {
      names.push(value);
    }
  }
  return { ids, names };
}

interface TermExistsData {
  term_id?: number | string;
}

/**
 * The term a creation ran into: WordPress answers a name that exists (under the same parent) with
 * 400 `term_exists` and the existing term's ID, so creating is also a lookup that cannot race.
 */
export function existingTermId(err: unknown): number | undefined {
  if (!isWordPressCode(err, 'term_exists')) return undefined;
  // term_id is a string on some versions.
  const id = Number((err.body?.data as TermExistsData | null | undefined)?.term_id);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** A field's term IDs, and what the user should know about how they were found. */
export interface ResolvedTerms {
  ids: number[];
  warnings: string[];
}

/**
 * The IDs for a field's values, in one ordered list: digits that are the ID of a term of this
 * taxonomy as given; other digits, like every name, created or reused by name. Nothing is written
 * before every ID is known, so a category "2024" is not taken for a missing ID and dropped.
 * Digits that had to be created are most likely a dropdown pick deleted since: a warning says so.
 */
export async function resolveTermIds(
  z: ZObject,
  bundle: Bundle,
  taxonomy: string,
  input: TermInput,
  field: Field,
): Promise<ResolvedTerms> {
  const existing = await existingTermIds(z, bundle, taxonomy, input.ids);
  const ids = input.ids.filter((id) => existing.has(id));
  const missingIds = input.ids.filter((id) => !existing.has(id)).map(String);
  const warnings: string[] = [];
  // One at a time: two names that WordPress considers the same ("News", "news") must not race.
  for (const name of [...missingIds, ...input.names]) {
    const { id, created } = await termIdForName(z, bundle, taxonomy, name, field);
    if (!ids.includes(id)) ids.push(id);
    if (created && missingIds.includes(name)) warnings.push(createdFromId(taxonomy, name, field));
  }
  return { ids, warnings };
}

function createdFromId(taxonomy: string, digits: string, field: Field): string {
  const { one } = taxonomyWords(taxonomy);
  return (
    `${field.label}: no ${one} has ID ${digits}, so a ${one} named "${digits}" was created and assigned. ` +
    `If you picked it from the dropdown, it was deleted since: pick the ${one} again.`
  );
}

/** WordPress's largest page, and so the most IDs one `include=` request can confirm. */
const MAX_PER_PAGE = 100;

/** Which of these IDs are terms of the taxonomy: one request for up to 100, none for no IDs. */
async function existingTermIds(z: ZObject, bundle: Bundle, taxonomy: string, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let start = 0; start < ids.length; start += MAX_PER_PAGE) {
    const response = await callWordPress<Array<{ id: number }>>(z, bundle, {
      route: `wp/v2/${taxonomy}`,
      query: { include: ids.slice(start, start + MAX_PER_PAGE).join(','), per_page: MAX_PER_PAGE, _fields: 'id' },
    });
    for (const term of Array.isArray(response.data) ? response.data : []) found.add(term.id);
  }
  return found;
}

async function termIdForName(
  z: ZObject,
  bundle: Bundle,
  taxonomy: string,
  name: string,
  field: Field,
): Promise<{ id: number; created: boolean }> {
  const tax = taxonomyWords(taxonomy);
  try {
    const response = await callWordPress<{ id: number }>(z, bundle, {
      method: 'POST',
      route: `wp/v2/${taxonomy}`,
      query: { _fields: 'id' },
      json: { name },
    });
    return { id: response.data.id, created: true };
  } catch (err) {
    if (!(err instanceof WordPressError)) throw err;
    const existing = existingTermId(err);
    if (existing !== undefined) return { id: existing, created: false };
    if (err.wpCode === 'rest_cannot_create') {
      // Authors may assign categories but not create them; the name may well exist already.
      const found = await findTermByName(z, bundle, taxonomy, name);
      if (found !== undefined) return { id: found, created: false };
      throw new WordPressError(
        `${field.label}: the ${tax.one} "${clip(name)}" does not exist, and ${needsCapability(tax.capability, `create ${tax.many}`).replace(/^The WordPress user/, 'the WordPress user')} ` +
          `Alternatively create the ${tax.one} in WordPress first, or pick an existing one from the dropdown.`,
        err.wpCode,
        err.httpStatus,
        err.body,
      );
    }
    throw reword(err, {
      rest_invalid_param: `${field.label}: WordPress rejected the ${tax.one} name "${clip(name)}". Use a shorter name without HTML.`,
    });
  }
}

/** An existing term with exactly this name (WordPress's search is a substring match). */
async function findTermByName(z: ZObject, bundle: Bundle, taxonomy: string, name: string): Promise<number | undefined> {
  return (await termsNamed(z, bundle, `wp/v2/${taxonomy}`, name))[0]?.id;
}

/**
 * The terms of a taxonomy's route named exactly `name`, as WordPress compares names (case and
 * entities aside), with the `_fields` asked for; `query` narrows further (a `parent`).
 */
export async function termsNamed<T extends { id: number; name: string }>(
  z: ZObject,
  bundle: Bundle,
  route: string,
  name: string,
  options: { fields?: string; query?: Query } = {},
): Promise<T[]> {
  // WordPress stores "A & B" as "A &amp; B" and searches the stored text.
  const stored = name
    .replace(/&(?!amp;|lt;|gt;|#)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  const wanted = comparable(name);
  // A short name ("Art") is part of many others ("Martial Arts"): the exact one may be a page or two in.
  for (let page = 1; page <= MAX_NAME_PAGES; page++) {
    const response = await callWordPress<T[]>(z, bundle, {
      route,
      query: { ...options.query, search: stored, per_page: MAX_PER_PAGE, page, _fields: options.fields ?? 'id,name' },
    });
    const terms = Array.isArray(response.data) ? response.data : [];
    const found = terms.filter((term) => comparable(term.name) === wanted);
    if (found.length || terms.length < MAX_PER_PAGE) return found;
  }
  return [];
}

/** How many pages of near names a lookup by name reads before it gives up (500 terms). */
const MAX_NAME_PAGES = 5;
