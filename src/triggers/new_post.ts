// New Post: every newly published post (or page, or custom type item) once, newest first.
import { defineTrigger } from 'zapier-platform-core';
import { postOutput } from '../wordpress/post';
import { postCustomOutputFields } from '../wordpress/post_custom';
import { pollResult } from './polling';
import { pollPosts, postPollInputFields } from './post_poll';

export const newPost = defineTrigger({
  key: 'new_post',
  noun: 'Post',
  display: {
    label: 'New Post',
    description: 'Triggers when a new post is published.',
  },
  operation: {
    type: 'polling',
    inputFields: postPollInputFields,
    // The post ID is the item's id: editing a post later never makes it new again.
    perform: async (z, bundle) => pollResult(await pollPosts(z, bundle, 'date')),
    sample: postOutput.sample,
    outputFields: [...postOutput.outputFields, postCustomOutputFields],
  },
});
