// Hidden: the site's categories, 100 per page, for the Categories dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage, pollResult } from './common';
import { TERM_QUERY, termOutputFields, toTermChoice } from './term_choices';

export const categoryList = defineTrigger({
  key: 'category_list',
  noun: 'Category',
  display: { label: 'List Categories', description: 'Lists categories, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) =>
      pollResult(await dropdownPage(z, bundle, 'wp/v2/categories', TERM_QUERY, toTermChoice)),
    sample: { id: 3, name: 'News', slug: 'news', parent: 0, count: 12 },
    outputFields: termOutputFields,
  },
});
