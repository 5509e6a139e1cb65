// Hidden: recent posts of a post type, 100 per page, for Update Post's Post dropdown. The type comes
// from the action's own Post Type field (Zapier passes the form's values to the dropdown).
import { defineTrigger } from 'zapier-platform-core';
import { pollResult } from '../polling';
import { editablePostsPage, postChoiceOutput, toPostChoice } from './post_choices';

const output = postChoiceOutput({
  id: 1234,
  name: 'What’s new in our spring collection (Scheduled)',
  status: 'future',
  type: 'post',
});

export const postList = defineTrigger({
  key: 'post_list',
  noun: 'Post',
  display: { label: 'List Posts', description: 'Lists recent posts of a post type, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      const postType = (bundle.inputData as { post_type?: string }).post_type;
      const posts = await editablePostsPage(z, bundle, postType);
      return pollResult(posts.map((post) => toPostChoice(post)));
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
