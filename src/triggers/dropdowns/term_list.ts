// Hidden: the terms of the form's Post Type's own taxonomies (a book's genres), 100 per page per
// taxonomy, each with its whole path, for the taxonomy inputs post_custom.ts adds. A dropdown is
// not told which input it serves, so a type with several taxonomies lists each term with its
// taxonomy's name in front (IDs are unique across taxonomies).
import { defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { normalizePostType } from '../../wordpress/post_types';
import { postTypeSchema } from '../../wordpress/schema';
import { pollResult } from '../polling';
import { TermChoice, termChoicesPage, termOutput } from './term_choices';

const output = termOutput({ id: 12, name: 'Fiction › Fantasy', slug: 'fantasy', parent: 4, count: 7 });

async function perform(z: ZObject, bundle: Bundle): Promise<TermChoice[]> {
  const schema = await postTypeSchema(z, bundle, normalizePostType(String(bundle.inputData?.post_type ?? '')));
  const several = schema.taxonomies.length > 1;
  const choices: TermChoice[] = [];
  for (const taxonomy of schema.taxonomies) {
    const page = await termChoicesPage(z, bundle, `wp/v2/${taxonomy.rest_base}`);
    choices.push(...(several ? page.map((term) => ({ ...term, name: `${taxonomy.label}: ${term.name}` })) : page));
  }
  return choices;
}

export const termList = defineTrigger({
  key: 'term_list',
  noun: 'Term',
  display: {
    label: 'List Terms',
    description: "Lists the terms of a post type's own taxonomies, for dropdowns.",
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => pollResult(await perform(z, bundle)),
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
