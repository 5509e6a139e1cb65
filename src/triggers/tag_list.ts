// Hidden: the site's tags, 100 per page, for the Tags dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage, pollResult } from './common';
import { TERM_QUERY, termOutputFields, toTermChoice } from './term_choices';

export const tagList = defineTrigger({
  key: 'tag_list',
  noun: 'Tag',
  display: { label: 'List Tags', description: 'Lists tags, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => pollResult(await dropdownPage(z, bundle, 'wp/v2/tags', TERM_QUERY, toTermChoice)),
    sample: { id: 7, name: 'Spring', slug: 'spring', parent: 0, count: 4 },
    outputFields: termOutputFields,
  },
});
