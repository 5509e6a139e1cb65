// A post type's own fields in the Zap editor and at run time: its taxonomies beyond categories and
// tags (keyed by REST base, names or IDs as for categories), its registered meta and its ACF
// fields (custom_fields.ts). The forms read the schema once per Post Type chosen (cached); a run
// reads it only when the Zap filled in a field the form does not list itself, so a write or a poll
// on a site without custom fields costs what it did.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../connection/errors';
import { CustomValues, customFieldInputs, hasCustomInput, readCustomValues } from '../zap/custom_fields';
import { customOutputFields } from './custom_output';
import { Input, isBlank, optionalIds, optionalList } from '../zap/input';
import { normalizePostType } from './post_types';
import { CustomTaxonomy, ObjectSchema, postTypeSchema } from './schema';
import { TERM_NAME_MAX, TermInput, classifyTerms } from './terms';

type Mode = 'write' | 'filter';

/** The term input of a custom taxonomy: the dropdown lists its terms with their paths. */
export function taxonomyInput(taxonomy: CustomTaxonomy, mode: Mode) {
  return {
    key: taxonomy.rest_base,
    label: taxonomy.label,
    dynamic: 'term_list.id.name',
    list: true,
    required: false,
    helpText:
      mode === 'filter'
        ? `Only items with any of these ${taxonomy.label.toLowerCase()}.`
        : `Pick terms, or type or map names (several separated by commas): a name that does not exist yet is created, an existing one reused. Digits only (such as 12) are a term ID when a term of ${taxonomy.label} has that ID, otherwise a name. On an update, replaces the item's terms; leave empty to keep them.`,
  } as const;
}

const postTypeOf = (bundle: Bundle) => normalizePostType(String(bundle.inputData?.post_type ?? ''));

/** Create Post's and Update Post's inputs for the chosen Post Type: taxonomies, then custom fields. */
export async function postCustomInputs(z: ZObject, bundle: Bundle) {
  const schema = await postTypeSchema(z, bundle, postTypeOf(bundle));
  return [...schema.taxonomies.map((taxonomy) => taxonomyInput(taxonomy, 'write')), ...customFieldInputs(schema)];
}

/** The triggers' and Find Post's filters for the chosen Post Type's own taxonomies. */
export async function postTaxonomyFilters(z: ZObject, bundle: Bundle) {
  const schema = await postTypeSchema(z, bundle, postTypeOf(bundle));
  return schema.taxonomies.map((taxonomy) => taxonomyInput(taxonomy, 'filter'));
}

/** What a write's custom inputs hold, checked: term values per taxonomy, and meta and ACF values. */
export interface PostCustomInput {
  terms: Array<{ taxonomy: CustomTaxonomy; input: TermInput }>;
  values: CustomValues;
}

/**
 * Reads the custom inputs of a write, before any write: undefined (and no request) when the Zap
 * filled in none. A value in a field the type no longer has is refused, naming it.
 */
export async function readPostCustom(
  z: ZObject,
  bundle: Bundle,
  postType: string,
  knownKeys: ReadonlySet<string>,
): Promise<PostCustomInput | undefined> {
  const input = (bundle.inputData ?? {}) as Input;
  if (!hasCustomInput(input, knownKeys)) return undefined;
  const schema = await postTypeSchema(z, bundle, postType);
  refuseUnknown(input, knownKeys, schema, postType);
  const terms = schema.taxonomies.flatMap((taxonomy) => {
    const field = { key: taxonomy.rest_base, label: taxonomy.label };
    const values = optionalList(input, field, { splitCommas: true, maxItemLength: TERM_NAME_MAX });
    return values ? [{ taxonomy, input: classifyTerms(values) }] : [];
  });
  return { terms, values: readCustomValues(input, schema) };
}

/**
 * The terms a Zap filters on in the type's own taxonomies, each with its taxonomy; none (and no
 * request) when the Zap filled in no field of the type's own.
 */
export async function readTaxonomyFilterTerms(
  z: ZObject,
  bundle: Bundle,
  postType: string,
  knownKeys: ReadonlySet<string>,
): Promise<Array<{ taxonomy: CustomTaxonomy; ids: number[] }>> {
  const input = (bundle.inputData ?? {}) as Input;
  if (!hasCustomInput(input, knownKeys)) return [];
  const schema = await postTypeSchema(z, bundle, postType);
  refuseUnknown(input, knownKeys, { fields: [], taxonomies: schema.taxonomies }, postType);
  return schema.taxonomies
    .map((taxonomy) => ({ taxonomy, ids: optionalIds(input, { key: taxonomy.rest_base, label: taxonomy.label }) }))
    .filter((filter) => filter.ids.length > 0);
}

/** The filters of a poll or a search on the type's own taxonomies, as query arguments (`genres=12,14`). */
export async function readTaxonomyFilters(
  z: ZObject,
  bundle: Bundle,
  postType: string,
  knownKeys: ReadonlySet<string>,
): Promise<Record<string, string>> {
  const terms = await readTaxonomyFilterTerms(z, bundle, postType, knownKeys);
  return Object.fromEntries(terms.map(({ taxonomy, ids }) => [taxonomy.rest_base, ids.join(',')]));
}

/** A filled-in field the schema does not know: WordPress would ignore it without a word. */
function refuseUnknown(input: Input, knownKeys: ReadonlySet<string>, schema: ObjectSchema, postType: string): void {
  const known = new Set([...schema.fields.map((f) => f.key), ...schema.taxonomies.map((t) => t.rest_base)]);
  const filled = Object.keys(input).filter((key) => !knownKeys.has(key) && !known.has(key) && !isBlank(input[key]));
  if (filled.length) {
    throw new UserInputError(
      `The post type "${postType}" has no field ${filled.map((key) => `"${key}"`).join(', ')} (any more): WordPress would ignore it. Reload the form (pick the Post Type again) and fill in the fields it shows.`,
      'unknown_custom_field',
    );
  }
}

/** The labels of the chosen Post Type's own outputs (taxonomies, meta, ACF), for the Zap editor. */
export async function postCustomOutputFields(z: ZObject, bundle: Bundle) {
  return customOutputFields(await postTypeSchema(z, bundle, postTypeOf(bundle)));
}
