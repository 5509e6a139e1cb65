// Hidden: the site's tags, 100 per page, for the Tags dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { pollResult } from '../polling';
import { termChoicesPage, termOutput } from './term_choices';

const output = termOutput({ id: 7, name: 'Spring', slug: 'spring', parent: 0, count: 4 });

export const tagList = defineTrigger({
  key: 'tag_list',
  noun: 'Tag',
  display: { label: 'List Tags', description: 'Lists tags, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => pollResult(await termChoicesPage(z, bundle, 'wp/v2/tags')),
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
