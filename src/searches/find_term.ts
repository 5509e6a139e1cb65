// Find Term: a term of any taxonomy (a category, a tag, a genre) by exact name or slug, optionally
// under a parent. Also the search half of Find or Create Term: the name must match as WordPress
// compares names (case and entities aside), never as a substring, or a new term would be filed
// under a near one.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../connection/errors';
import { Input, optionalId, optionalText, requiredText } from '../zap/input';
import { linkResolver, siteUrlOf } from '../connection/site';
import { parentTermField, taxonomyField, taxonomyInfo } from '../wordpress/taxonomies';
import { TermOutput, TermSearch, findTerms, termOutput, toTermOutput } from '../wordpress/term_item';
import { TERM_NAME_MAX } from '../wordpress/terms';

const field = {
  taxonomy: taxonomyField('Where to look: Categories, Tags, or a custom taxonomy of the site (such as Genres).'),
  name: {
    key: 'name',
    label: 'Name',
    required: false,
    helpText: 'Find the term with exactly this name (upper/lower case does not matter).',
  },
  slug: {
    key: 'slug',
    label: 'Slug',
    required: false,
    helpText: 'Find the term with exactly this slug (its URL name, e.g. "science-fiction").',
  },
  parent: parentTermField(
    'Only a term directly under this one (hierarchical taxonomies such as Categories): the same name may exist under several parents.',
  ),
} as const;

const inputFields = defineInputFields(Object.values(field));

/** Reads Find Term's inputs (Name or Slug, and Parent). */
function readSearch(input: Input): TermSearch {
  const name = optionalText(input, field.name, { max: TERM_NAME_MAX });
  const slug = optionalText(input, field.slug, { max: TERM_NAME_MAX });
  const parent = optionalId(input, field.parent);
  if (name === undefined && slug === undefined) {
    throw new UserInputError('Fill in Name or Slug: Find Term looks for a term with exactly that name or slug.');
  }
  return { name, slug, parent };
}

async function perform(z: ZObject, bundle: Bundle): Promise<TermOutput[]> {
  const input = bundle.inputData as Input;
  const value = requiredText(input, field.taxonomy, { max: 200 });
  const search = readSearch(input);
  const taxonomy = await taxonomyInfo(z, bundle, value);
  const terms = await findTerms(z, bundle, taxonomy, search);
  const resolve = linkResolver(siteUrlOf(bundle));
  // The oldest first: where one name exists under several parents, the same term each run.
  return [...terms].sort((a, b) => a.id - b.id).map((term) => toTermOutput(term, taxonomy.slug, resolve));
}

export const findTerm = defineSearch({
  key: 'find_term',
  noun: 'Term',
  display: {
    label: 'Find Term',
    description:
      'Finds a category, tag or term of a custom taxonomy (such as a genre) by exact name or slug, optionally under a parent.',
  },
  operation: {
    inputFields,
    perform,
    sample: termOutput.sample,
    outputFields: termOutput.outputFields,
  },
});
