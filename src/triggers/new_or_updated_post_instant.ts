// New or Updated Post (Instant): New or Updated Post's output, pushed by the companion plugin when a
// post becomes visible and after each change WordPress saves to a published post.
import { defineTrigger } from 'zapier-platform-core';
import type { PostOutput } from '../wordpress/post';
import { instantOperation, sampleBundle } from './instant';
import { instantPostInputFields, loadDeliveredPost, postHookFilters } from './instant_posts';
import { newOrUpdatedPost } from './new_or_updated_post';
import { changeId } from './post_changes';
import { pollPosts } from './post_poll';

type PostChangeOutput = Omit<PostOutput, 'id'> & { id: string };

const asChange = (post: PostOutput): PostChangeOutput => ({ ...post, id: changeId(post) });

export const newOrUpdatedPostInstant = defineTrigger({
  key: 'new_or_updated_post_instant',
  noun: 'Post',
  display: {
    label: 'New or Updated Post (Instant)',
    description:
      'Triggers when a post is published or updated, the moment it happens. Needs the WP JWT Zapier Companion plugin on the site; without it, use New or Updated Post.',
  },
  operation: {
    type: 'hook',
    inputFields: instantPostInputFields,
    ...instantOperation({
      names: { trigger: 'New or Updated Post (Instant)', polling: 'New or Updated Post' },
      events: ['post.published', 'post.updated'],
      filters: postHookFilters,
      load: async (z, bundle, delivery) => (await loadDeliveredPost(z, bundle, delivery)).map(asChange),
    }),
    // A sample is always rendered in full; only a Zap being turned on gets stubs.
    performList: async (z, bundle) =>
      (await pollPosts(z, sampleBundle(bundle), 'modified'))
        .filter((post): post is PostOutput => 'title' in post)
        .map(asChange),
    sample: newOrUpdatedPost.operation.sample,
    outputFields: newOrUpdatedPost.operation.outputFields,
  },
});
