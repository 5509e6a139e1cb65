// New Post (Instant): New Post's output, pushed by the companion plugin the moment a post becomes
// visible (published, a scheduled post going live, a draft published, a back-dated insert).
import { defineTrigger } from 'zapier-platform-core';
import { postOutput } from '../wordpress/post';
import { instantOperation, sampleBundle } from './instant';
import { instantPostInputFields, loadDeliveredPost, postHookFilters } from './instant_posts';
import { newPost } from './new_post';
import { pollResult } from './polling';
import { pollPosts } from './post_poll';

export const newPostInstant = defineTrigger({
  key: 'new_post_instant',
  noun: 'Post',
  display: {
    label: 'New Post (Instant)',
    description:
      'Triggers when a post is published, the moment it happens. Needs the WP JWT Zapier Companion plugin on the site; without it, use New Post.',
  },
  operation: {
    type: 'hook',
    inputFields: instantPostInputFields,
    ...instantOperation({
      names: { trigger: 'New Post (Instant)', polling: 'New Post' },
      events: ['post.published'],
      filters: postHookFilters,
      load: loadDeliveredPost,
    }),
    performList: async (z, bundle) => pollResult(await pollPosts(z, sampleBundle(bundle), 'date')),
    sample: postOutput.sample,
    outputFields: newPost.operation.outputFields,
  },
});
