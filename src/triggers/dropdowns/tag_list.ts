// Hidden: the site's tags, 100 per page, for the Tags dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { pollResult } from '../polling';
import { dropdownPage } from './paging';
import { TERM_QUERY, termOutput, toTermChoice } from './term_choices';

const output = termOutput({ id: 7, name: 'Spring', slug: 'spring', count: 4 });

export const tagList = defineTrigger({
  key: 'tag_list',
  noun: 'Tag',
  display: { label: 'List Tags', description: 'Lists tags, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => pollResult(await dropdownPage(z, bundle, 'wp/v2/tags', TERM_QUERY, toTermChoice)),
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
