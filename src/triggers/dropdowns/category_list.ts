// Hidden: the site's categories, 100 per page, for the Categories dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { pollResult } from '../polling';
import { dropdownPage } from './paging';
import { TERM_QUERY, termOutput, toTermChoice } from './term_choices';

const output = termOutput({ id: 3, name: 'News', slug: 'news', count: 12 });

export const categoryList = defineTrigger({
  key: 'category_list',
  noun: 'Category',
  display: { label: 'List Categories', description: 'Lists categories, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) =>
      pollResult(await dropdownPage(z, bundle, 'wp/v2/categories', TERM_QUERY, toTermChoice)),
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
