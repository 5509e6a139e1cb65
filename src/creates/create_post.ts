// Create Post: a post, page or custom-type item, with terms by name and a featured image from a
// file, in one step; output as the New Post trigger gives it, so later steps can use any of it.
import { defineCreate } from 'zapier-platform-core';
import { postInputFields, writePost } from '../post_fields';
import { postOutputFields, postSample } from '../posts';

export const createPost = defineCreate({
  key: 'create_post',
  noun: 'Post',
  display: {
    label: 'Create Post',
    description:
      'Creates a post, page or custom post type item, with categories and tags (new names are created), a featured image and custom fields.',
  },
  operation: {
    inputFields: postInputFields('create'),
    perform: (z, bundle) => writePost(z, bundle, 'create'),
    sample: { ...postSample },
    outputFields: [...postOutputFields],
  },
});
