// What a site says about its own fields. WordPress describes each collection route to an OPTIONS
// request: every property's type, enum and description, including registered meta (`meta`) and,
// where ACF shows a field group in the REST API, `acf`; a post type's own taxonomies are
// properties too, named by their REST base. REST carries no labels for ACF fields, so labels come
// from the description when it reads like one, else from the key (`release_date` → "Release Date").
// Read once and kept in Zapier's cache, so a form load asks at most once and a poll never asks.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheGet, cacheSet } from '../connection/cache';
import { UserInputError, WordPressError } from '../connection/errors';
import { postTypeInfo, requestForPostType } from './post_types';
import { callWordPress } from '../connection/request';
import { authDataOf } from '../connection/site';

/** How a field is filled in and checked. */
export type FieldKind =
  'text' | 'integer' | 'number' | 'boolean' | 'choice' | 'date' | 'url' | 'email' | 'media' | 'list';
export type ItemKind = 'text' | 'integer' | 'number' | 'boolean';

/** A registered meta key or an ACF field, as forms and outputs use it. */
export interface CustomField {
  /** Where WordPress keeps it: `meta` or `acf`, the REST property the value goes under. */
  source: 'meta' | 'acf';
  /** Its key under that property (`isbn`, `release_date`). */
  name: string;
  /** The form's and the output's key: `meta__isbn`, `acf__release_date`. */
  key: string;
  label: string;
  kind: FieldKind;
  /** For `choice`: the values WordPress accepts. */
  choices?: string[];
  /** For `list`: what each item is. */
  itemKind?: ItemKind;
  description?: string;
}

/** A taxonomy of the type beyond categories and tags: its REST base is the post's property. */
export interface CustomTaxonomy {
  rest_base: string;
  /** The taxonomy's name (`genre`), as WordPress's own description of the property gives it. */
  slug: string;
  label: string;
}

export interface ObjectSchema {
  fields: CustomField[];
  taxonomies: CustomTaxonomy[];
}

/** One property of a REST schema, as far as forms need it. */
export interface SchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  items?: { type?: string | string[]; enum?: unknown[] };
  format?: string;
  description?: string;
  properties?: Record<string, SchemaProperty>;
  readonly?: boolean;
}

// Ten minutes: a field added in ACF shows up in the Zap editor soon, and a form load (which asks
// again every time Post Type changes) still pays at most once.
const CACHE_TTL_SECONDS = 10 * 60;

/** `release_date` → "Release Date". */
export function labelFromKey(key: string): string {
  return key
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

// ACF describes every date picker the same way; that says how to send it, not what it is.
const ACF_DATE_DESCRIPTION = /\bYmd\b/;

/** A description short enough to be a label ("Pages") is one; a sentence stays help text. */
function labelOf(name: string, description: string | undefined): string {
  const text = (description ?? '').trim().replace(/\.$/, '');
  return text && text.length <= 40 && !ACF_DATE_DESCRIPTION.test(text) ? text : labelFromKey(name);
}

const typesOf = (type: string | string[] | undefined) => (Array.isArray(type) ? type : type ? [type] : []);

function itemKindOf(type: string | string[] | undefined): ItemKind {
  const types = typesOf(type);
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  return 'text';
}

/** The kind of input a property needs, or undefined for one a Zap cannot fill (an object). */
export function kindOf(property: SchemaProperty): Pick<CustomField, 'kind' | 'choices' | 'itemKind'> | undefined {
  const types = typesOf(property.type).filter((type) => type !== 'null');
  const choices = (property.enum ?? property.items?.enum ?? []).filter(
    (value): value is string | number => typeof value === 'string' || typeof value === 'number',
  );
  // ACF's select is `["string","array","int","null"]` with its choices under `items`.
  if (choices.length && (types.includes('string') || !types.length))
    return { kind: 'choice', choices: choices.map(String) };
  if (property.format === 'uri') return { kind: 'url' };
  if (property.format === 'email') return { kind: 'email' };
  if (property.format === 'date' || ACF_DATE_DESCRIPTION.test(property.description ?? '')) return { kind: 'date' };
  // ACF's image and file fields: an attachment ID, or the attachment itself in other formats.
  if (types.includes('number') && types.includes('object')) return { kind: 'media' };
  if (types.length === 1 && types[0] === 'array') return { kind: 'list', itemKind: itemKindOf(property.items?.type) };
  if (types.includes('boolean')) return { kind: 'boolean' };
  if (types.includes('integer')) return { kind: 'integer' };
  if (types.includes('number')) return { kind: 'number' };
  if (types.includes('string')) return { kind: 'text' };
  return undefined;
}

function fieldsUnder(properties: Record<string, SchemaProperty>, source: 'meta' | 'acf'): CustomField[] {
  const fields: CustomField[] = [];
  for (const [name, property] of Object.entries(properties[source]?.properties ?? {})) {
    // Core registers `footnotes` for the block editor: not something a Zap writes.
    if (property.readonly || (source === 'meta' && name === 'footnotes')) continue;
    const kind = kindOf(property);
    if (!kind) continue;
    const description = property.description?.trim() || undefined;
    fields.push({ source, name, key: `${source}__${name}`, label: labelOf(name, description), description, ...kind });
  }
  return fields;
}

// WordPress's controller names each taxonomy property "The terms assigned to the post in the
// <name> taxonomy." (English sites; elsewhere the REST base stands in for the name).
const TAXONOMY_DESCRIPTION = /in the (\S+) taxonomy/;
const CORE_TAXONOMIES = new Set(['categories', 'tags']);

function taxonomiesIn(properties: Record<string, SchemaProperty>, taxonomySlugs: string[]): CustomTaxonomy[] {
  const found: CustomTaxonomy[] = [];
  for (const [restBase, property] of Object.entries(properties)) {
    const items = typesOf(property.items?.type);
    if (CORE_TAXONOMIES.has(restBase) || !typesOf(property.type).includes('array') || !items.includes('integer'))
      continue;
    const slug = TAXONOMY_DESCRIPTION.exec(property.description ?? '')?.[1] ?? restBase;
    // Other integer lists (a plugin's) are no taxonomy: the type's own list says which are.
    if (taxonomySlugs.length && !taxonomySlugs.includes(slug)) continue;
    found.push({ rest_base: restBase, slug, label: labelFromKey(restBase) });
  }
  return found;
}

/** The custom fields and taxonomies in a route's schema (`schema.properties`). */
export function readSchema(properties: Record<string, SchemaProperty> | undefined, taxonomySlugs: string[] = []) {
  const all = properties ?? {};
  return {
    fields: [...fieldsUnder(all, 'meta'), ...fieldsUnder(all, 'acf')],
    taxonomies: taxonomiesIn(all, taxonomySlugs),
  } satisfies ObjectSchema;
}

const isSchema = (value: Partial<ObjectSchema>) => Array.isArray(value.fields) && Array.isArray(value.taxonomies);

function cacheKey(bundle: Pick<Bundle, 'authData'>, object: string): string | undefined {
  const root = authDataOf(bundle).rest_root;
  return root ? `wp-schema:${root}:${object}` : undefined;
}

/**
 * A route's schema properties. Sent as a GET with `_method=OPTIONS`, as post_types.ts does: some
 * hosts answer the OPTIONS verb themselves.
 */
async function readProperties(
  z: ZObject,
  bundle: Bundle,
  route: string,
): Promise<Record<string, SchemaProperty> | undefined> {
  const response = await callWordPress<{ schema?: { properties?: Record<string, SchemaProperty> } }>(z, bundle, {
    route,
    query: { _method: 'OPTIONS', _fields: 'schema.properties' },
  });
  return response.data?.schema?.properties;
}

async function cachedSchema(
  z: ZObject,
  bundle: Bundle,
  object: string,
  read: () => Promise<ObjectSchema>,
): Promise<ObjectSchema> {
  const key = cacheKey(bundle, object);
  const cached = await cacheGet<ObjectSchema>(z, key, isSchema);
  if (cached) return cached;
  let schema: ObjectSchema;
  try {
    schema = await read();
  } catch (err) {
    // A type gone, or a host refusing the question: no custom fields, rather than a broken form.
    if (err instanceof WordPressError || err instanceof UserInputError) return { fields: [], taxonomies: [] };
    throw err;
  }
  // Zapier's cache refuses a value holding `undefined` (an absent description): store it as JSON has it.
  await cacheSet(z, key, JSON.parse(JSON.stringify(schema)) as ObjectSchema, CACHE_TTL_SECONDS);
  return schema;
}

/** A post type's registered meta, ACF fields and own taxonomies: one request, then the cache. */
export async function postTypeSchema(z: ZObject, bundle: Bundle, postType: string): Promise<ObjectSchema> {
  return cachedSchema(z, bundle, `type:${postType}`, async () => {
    const type = await postTypeInfo(z, bundle, postType);
    const properties = await requestForPostType(z, bundle, postType, (route) => readProperties(z, bundle, route), {
      info: type,
    });
    return readSchema(properties, type.taxonomies ?? []);
  });
}

/** The users' registered meta and ACF user fields. */
export async function userSchema(z: ZObject, bundle: Bundle): Promise<ObjectSchema> {
  return cachedSchema(z, bundle, 'users', async () => readSchema(await readProperties(z, bundle, 'wp/v2/users')));
}
