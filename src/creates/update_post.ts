// Update Post: changes only the fields filled in; empty fields keep WordPress's values.
import { defineCreate } from 'zapier-platform-core';
import { postInputFields, writePost } from '../post_fields';
import { postOutputFields, postSample } from '../posts';

export const updatePost = defineCreate({
  key: 'update_post',
  noun: 'Post',
  display: {
    label: 'Update Post',
    description: 'Updates an existing post, page or custom post type item. Only the fields you fill in are changed.',
  },
  operation: {
    inputFields: postInputFields('update'),
    perform: (z, bundle) => writePost(z, bundle, 'update'),
    sample: { ...postSample },
    outputFields: [...postOutputFields],
  },
});
