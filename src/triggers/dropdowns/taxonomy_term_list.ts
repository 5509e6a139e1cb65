// Hidden: the terms of the taxonomy chosen in the same form (Zapier passes the form's values to the
// dropdown), 100 per page, each with its whole path, for the Parent dropdown of the term operations.
import { defineTrigger } from 'zapier-platform-core';
import { taxonomyInfo, termsRoute } from '../../wordpress/taxonomies';
import { pollResult } from '../polling';
import { termChoicesPage, termOutput } from './term_choices';

const output = termOutput({ id: 4, name: 'Fiction › Science Fiction', slug: 'science-fiction', parent: 3, count: 7 });

export const taxonomyTermList = defineTrigger({
  key: 'taxonomy_term_list',
  noun: 'Term',
  display: {
    label: 'List Terms of a Taxonomy',
    description: 'Lists the terms of a taxonomy, for dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      const value = (bundle.inputData as { taxonomy?: unknown }).taxonomy;
      // No taxonomy chosen yet: nothing to list (an error would show in the form).
      if (typeof value !== 'string' || !value.trim()) return [];
      const taxonomy = await taxonomyInfo(z, bundle, value);
      return pollResult(await termChoicesPage(z, bundle, termsRoute(taxonomy)));
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
