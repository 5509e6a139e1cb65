// Create Term: a term of any taxonomy (a category, a tag, a genre), with its parent, slug and
// description. The create half of Find or Create Term, and safe under a race and on a replay:
// WordPress refuses a name that exists under the same parent with `term_exists` and the existing
// term's ID, which this step then outputs, with a warning, instead of failing or making a second one.
// A lost answer is settled by looking the term up (settle_write.ts), as every create's is.
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { invalidParamsMessage, reword } from '../connection/errors';
import { Input, optionalId, optionalText, requiredText } from '../zap/input';
import { CreateLookup, Settled, settleCreate } from '../zap/settle_write';
import { needsCapability } from '../connection/messages';
import { callWordPress } from '../connection/request';
import { linkResolver, siteUrlOf } from '../connection/site';
import { TaxonomyInfo, parentTermField, taxonomyField, taxonomyInfo, termsRoute } from '../wordpress/taxonomies';
import {
  TERM_FIELDS,
  TermOutput,
  WPTermItem,
  assertParentAllowed,
  findTerms,
  termWriteOutput,
  toTermOutput,
} from '../wordpress/term_item';
import { TERM_NAME_MAX, existingTermId } from '../wordpress/terms';
import { clip } from '../wordpress/text';

const field = {
  taxonomy: taxonomyField(
    'Where to add the term: Categories, Tags, or a custom taxonomy of the site (such as Genres).',
  ),
  name: {
    key: 'name',
    label: 'Name',
    required: true,
    helpText: 'The name, as plain text. A name that already exists (under the same parent) is not created twice.',
  },
  parent: parentTermField(
    'The term to file it under (hierarchical taxonomies such as Categories). Leave empty for a top-level term.',
  ),
  slug: {
    key: 'slug',
    label: 'Slug',
    required: false,
    helpText:
      'The URL name, e.g. "science-fiction". Default: made from the name. WordPress makes it unique (a slug in use gets "-2").',
  },
  description: {
    key: 'description',
    label: 'Description',
    type: 'text',
    required: false,
    helpText: 'Shown by some themes on the term’s archive page.',
  },
} as const;

const inputFields = defineInputFields(Object.values(field));

const PARAM_LABELS = { name: 'Name', slug: 'Slug', description: 'Description', parent: 'Parent' };

/** What the form asks WordPress to create, checked before any request. */
interface TermInput {
  name: string;
  parent?: number;
  slug?: string;
  description?: string;
}

function readInput(input: Input): TermInput {
  return {
    name: requiredText(input, field.name, { max: TERM_NAME_MAX }),
    parent: optionalId(input, field.parent),
    slug: optionalText(input, field.slug, { max: TERM_NAME_MAX }),
    description: optionalText(input, field.description, { max: 50_000, keepWhitespace: true }),
  };
}

async function perform(z: ZObject, bundle: Bundle): Promise<TermOutput & { warnings: string[] }> {
  const input = bundle.inputData as Input;
  const taxonomy = await taxonomyInfo(z, bundle, requiredText(input, field.taxonomy, { max: 200 }));
  const term = readInput(input);
  assertParentAllowed(taxonomy, term.parent);
  const { saved, warnings } = await createOnce(z, bundle, taxonomy, term);
  return { ...toTermOutput(saved, taxonomy.slug, linkResolver(siteUrlOf(bundle))), warnings };
}

type Saved = { saved: WPTermItem; warnings: string[] };

/** The term created, or the one that already had its name: never a second term of that name. */
async function createOnce(z: ZObject, bundle: Bundle, taxonomy: TaxonomyInfo, term: TermInput): Promise<Saved> {
  const route = termsRoute(taxonomy);
  const json = Object.fromEntries(Object.entries(term).filter(([, value]) => value !== undefined));
  const send = async () =>
    (await callWordPress<WPTermItem>(z, bundle, { method: 'POST', route, query: { _fields: TERM_FIELDS }, json })).data;
  let settled: Settled<WPTermItem>;
  try {
    // An answer lost after the write: the term is looked up by its name before the step ends.
    settled = await settleCreate(send, termLookup(z, bundle, taxonomy, term));
  } catch (err) {
    const existing = existingTermId(err);
    if (existing === undefined) throw createTermError(err, taxonomy, term);
    const found = await callWordPress<WPTermItem>(z, bundle, {
      route: `${route}/${existing}`,
      query: { _fields: TERM_FIELDS },
    });
    return { saved: found.data, warnings: [alreadyThere(taxonomy, term, existing)] };
  }
  if (settled.warning) return { saved: settled.item, warnings: [settled.warning] };
  return settleTwin(z, bundle, taxonomy, term, settled.item);
}

/**
 * The term a lost answer may have left, by its name under its parent. Terms carry no time they were
 * made, so one that was there already counts too: WordPress would have answered with that one
 * (`term_exists`), so the step's output is the same.
 */
function termLookup(z: ZObject, bundle: Bundle, taxonomy: TaxonomyInfo, term: TermInput): CreateLookup<WPTermItem> {
  const name = clip(term.name);
  return {
    what: `the term "${name}" in ${taxonomy.name}`,
    where: `${taxonomy.name} in WordPress (search for "${name}")`,
    find: async () => ({ items: (await namesakes(z, bundle, taxonomy, term)).map((item) => ({ item })) }),
  };
}

/** Terms of the same name under the same parent, the oldest first. */
async function namesakes(z: ZObject, bundle: Bundle, taxonomy: TaxonomyInfo, term: TermInput) {
  const parent = taxonomy.hierarchical ? (term.parent ?? 0) : undefined;
  const terms = await findTerms(z, bundle, taxonomy, { name: term.name, parent });
  return terms.sort((a, b) => a.id - b.id);
}

/**
 * WordPress checks the name before it inserts, so two steps creating one name at the same moment
 * can both pass the check: the second gets a slug with `-2` and the name twice. Asked once after
 * the create (one request): where an older term has the name, that one is kept and the copy made
 * here removed, as WordPress itself does when the slugs are equal.
 */
async function settleTwin(
  z: ZObject,
  bundle: Bundle,
  taxonomy: TaxonomyInfo,
  term: TermInput,
  created: WPTermItem,
): Promise<Saved> {
  const [oldest] = await namesakes(z, bundle, taxonomy, term);
  if (!oldest || oldest.id >= created.id) return { saved: created, warnings: [] };
  const name = clip(term.name);
  try {
    await callWordPress(z, bundle, {
      method: 'DELETE',
      route: `${termsRoute(taxonomy)}/${created.id}`,
      query: { force: true, _fields: 'deleted' },
    });
  } catch {
    return {
      saved: created,
      warnings: [
        `${taxonomy.name}: another step created "${name}" at the same moment (term ${oldest.id}), so the site now has it twice; the copy made here (term ${created.id}) could not be removed. Delete one of them in WordPress.`,
      ],
    };
  }
  return {
    saved: oldest,
    warnings: [
      `${taxonomy.name}: another step created "${name}" at the same moment (term ${oldest.id}); that term is used, and the copy made here (term ${created.id}) was removed again.`,
    ],
  };
}

function alreadyThere(taxonomy: TaxonomyInfo, term: TermInput, id: number): string {
  const kept = [term.slug !== undefined && 'Slug', term.description !== undefined && 'Description'].filter(Boolean);
  return (
    `${taxonomy.name}: "${clip(term.name)}" already existed (term ${id}), so nothing was created; this is that term.` +
    (kept.length
      ? ` Its ${kept.join(' and ')} ${kept.length > 1 ? 'were left as they were' : 'was left as it was'}.`
      : '')
  );
}

/** Our message for WordPress's refusal to create the term. */
function createTermError(err: unknown, taxonomy: TaxonomyInfo, term: TermInput): unknown {
  const where = `${taxonomy.name} (${taxonomy.rest_base})`;
  return reword(
    err,
    {
      // Flat taxonomies (tags) let anyone who may assign terms create them; hierarchical ones need edit_terms.
      rest_cannot_create: `${needsCapability(taxonomy.hierarchical ? 'manage_categories' : 'edit_posts', `create terms in ${where}`)} (A custom taxonomy's plugin may require another capability.) Or create the term in WordPress first; Find Term then finds it.`,
      rest_term_invalid: `Parent: ${where} has no term with ID ${term.parent ?? ''} (it may have been deleted). Pick the parent from the dropdown, or leave Parent empty.`,
      duplicate_term_slug: `Slug: another term in ${where} already uses the slug "${clip(term.slug ?? '')}". Choose another slug, or leave Slug empty and WordPress makes one from the name.`,
      empty_term_name: `Name: "${clip(term.name)}" holds no text once WordPress removes its HTML. Enter the name as plain text.`,
      rest_invalid_param: (e) => e.body && invalidParamsMessage(e.body, PARAM_LABELS),
    },
    // wp_insert_term's refusals reach the REST API without a status, so WordPress answers them with 500.
    { duplicate_term_slug: 400, empty_term_name: 400 },
  );
}

export const createTerm = defineCreate({
  key: 'create_term',
  noun: 'Term',
  display: {
    label: 'Create Term',
    description:
      'Creates a category, tag or term of a custom taxonomy (such as a genre), with its parent, slug and description; a name that exists is not created twice.',
  },
  operation: {
    inputFields,
    perform,
    sample: termWriteOutput.sample,
    outputFields: termWriteOutput.outputFields,
  },
});
