// A post's or user's own fields as outputs: `terms__<rest_base>` (names) with `terms__<rest_base>_ids`
// beside them, `meta__<key>` and `acf__<name>` as flat, mappable values (a list stays a list; an
// image or file keeps its media ID and gains `_url`). Read from the item itself and its embeds,
// never from the schema, so a poll pays nothing for them; only the labels the Zap editor shows
// come from the schema (`customOutputFields`).
import type { CustomField, ObjectSchema } from './schema';
import { decodeEntities } from './text';

/** What a REST item carries that this reads. */
export interface CustomParts {
  meta?: Record<string, unknown> | unknown[];
  /** ACF's values; `[]` on items of a type without a field group. */
  acf?: Record<string, unknown> | unknown[];
  _links?: Record<string, Array<{ href?: string; taxonomy?: string }> | undefined>;
  _embedded?: {
    'wp:term'?: Array<Array<{ id?: number; name?: string; taxonomy?: string } | null> | null>;
    'acf:attachment'?: Array<{ id?: number; source_url?: string; code?: string } | null>;
  };
}

export type CustomOutput = {
  terms?: Record<string, string[] | number[]>;
  meta?: Record<string, unknown>;
  acf?: Record<string, unknown>;
};

// Core's two have their own outputs (category_names, tag_names); the block editor's footnotes is no field.
const SKIPPED_TAXONOMIES = new Set(['categories', 'tags']);
const SKIPPED_META = new Set(['footnotes']);

/** The REST base a `wp:term` link names: `…/wp/v2/genres?post=15`, or `?rest_route=/wp/v2/genres&post=15`. */
export function restBaseOf(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    const route = url.searchParams.get('rest_route') ?? url.pathname;
    return route.split('/').filter(Boolean).pop();
  } catch {
    return undefined;
  }
}

function termsOf(item: CustomParts): CustomOutput['terms'] {
  const bases = new Map<string, string>();
  for (const link of item._links?.['wp:term'] ?? []) {
    const base = restBaseOf(link.href);
    if (link.taxonomy && base && !SKIPPED_TAXONOMIES.has(base)) bases.set(link.taxonomy, base);
  }
  if (!bases.size) return undefined;
  const terms: Record<string, string[] | number[]> = {};
  const names: Record<string, string[]> = {};
  const ids: Record<string, number[]> = {};
  for (const base of bases.values()) [names[base], ids[base]] = [[], []];
  for (const term of (item._embedded?.['wp:term'] ?? []).flat()) {
    const base = term?.taxonomy ? bases.get(term.taxonomy) : undefined;
    if (!base || typeof term?.id !== 'number' || ids[base]!.includes(term.id)) continue;
    ids[base]!.push(term.id);
    names[base]!.push(decodeEntities(term.name ?? ''));
  }
  for (const base of bases.values()) Object.assign(terms, { [base]: names[base], [`${base}_ids`]: ids[base] });
  return terms;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

function acfOf(item: CustomParts): Record<string, unknown> | undefined {
  if (!isObject(item.acf)) return undefined;
  const media = new Map<number, string>();
  for (const m of item._embedded?.['acf:attachment'] ?? []) {
    if (m && !m.code && typeof m.id === 'number' && m.source_url) media.set(m.id, m.source_url);
  }
  const acf: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item.acf)) {
    acf[name] = value;
    const url = typeof value === 'number' ? media.get(value) : undefined;
    if (url) acf[`${name}_url`] = url;
  }
  return acf;
}

/** The item's custom taxonomies, meta and ACF values; keys absent where the item has none. */
export function customOutput(item: CustomParts): CustomOutput {
  const out: CustomOutput = {};
  const terms = termsOf(item);
  if (terms) out.terms = terms;
  if (isObject(item.meta)) {
    const meta = Object.fromEntries(Object.entries(item.meta).filter(([key]) => !SKIPPED_META.has(key)));
    if (Object.keys(meta).length) out.meta = meta;
  }
  const acf = acfOf(item);
  if (acf && Object.keys(acf).length) out.acf = acf;
  return out;
}

type OutputType = 'string' | 'integer' | 'number' | 'boolean';

function outputType(field: CustomField): OutputType | undefined {
  const kind = field.kind === 'list' ? field.itemKind : field.kind;
  if (kind === 'integer' || kind === 'media') return 'integer';
  if (kind === 'number' || kind === 'boolean') return kind;
  return undefined;
}

/** The labels the Zap editor shows for a schema's outputs, so it never shows `acf__release_date`. */
export function customOutputFields(schema: ObjectSchema): Array<{ key: string; label: string; type?: OutputType }> {
  const fields: Array<{ key: string; label: string; type?: OutputType }> = [];
  for (const taxonomy of schema.taxonomies) {
    fields.push({ key: `terms__${taxonomy.rest_base}[]`, label: `${taxonomy.label} (Names)` });
    fields.push({ key: `terms__${taxonomy.rest_base}_ids[]`, label: `${taxonomy.label} (IDs)`, type: 'integer' });
  }
  for (const field of schema.fields) {
    const type = outputType(field);
    const key = field.kind === 'list' ? `${field.key}[]` : field.key;
    const label = field.kind === 'media' ? `${field.label} (Media ID)` : field.label;
    fields.push(type ? { key, label, type } : { key, label });
    if (field.kind === 'media') fields.push({ key: `${field.key}_url`, label: `${field.label} URL` });
  }
  return fields;
}
