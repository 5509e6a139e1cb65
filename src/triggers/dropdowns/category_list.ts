// Hidden: the site's categories, 100 per page, each with its whole path, for the Categories dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { pollResult } from '../polling';
import { termChoicesPage, termOutput } from './term_choices';

const output = termOutput({ id: 9, name: 'News › Tutorials › Advanced', slug: 'advanced', parent: 4, count: 12 });

export const categoryList = defineTrigger({
  key: 'category_list',
  noun: 'Category',
  display: { label: 'List Categories', description: 'Lists categories, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => pollResult(await termChoicesPage(z, bundle, 'wp/v2/categories')),
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
