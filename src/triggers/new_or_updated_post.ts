// New or Updated Post: a post once when it is published and again after every change.
import { defineTrigger } from 'zapier-platform-core';
import { PostOutput, postOutput } from '../wordpress/post';
import { postCustomOutputFields } from '../wordpress/post_custom';
import { changeId } from './post_changes';
import { pollPosts, postPollInputFields } from './post_poll';

/** A post as this trigger outputs it: `id` names the version, `post_id` the post. */
type PostChangeOutput = Omit<PostOutput, 'id'> & { id: string };

export const newOrUpdatedPost = defineTrigger({
  key: 'new_or_updated_post',
  noun: 'Post',
  display: {
    label: 'New or Updated Post',
    description: 'Triggers when a post is published or updated.',
  },
  operation: {
    type: 'polling',
    inputFields: postPollInputFields,
    perform: async (z, bundle) => {
      const posts = await pollPosts(z, bundle, 'modified');
      // A Zap being turned on also gets stubs (id only) of versions it must not fire for later.
      return posts.map((post) => ({ ...post, id: changeId(post) }));
    },
    sample: { ...postOutput.sample, id: changeId(postOutput.sample) } satisfies PostChangeOutput,
    outputFields: [
      ...postOutput.outputFields.map((field) =>
        field.key === 'id' ? { key: 'id', label: 'Change ID (Post ID and Modified Date)' } : field,
      ),
      postCustomOutputFields,
    ],
  },
});
