// Hidden: recent posts of a post type, 100 per page, for Update Post's Post dropdown. The type comes
// from the action's own Post Type field (Zapier passes the form's values to the dropdown).
import { defineTrigger } from 'zapier-platform-core';
import { isForbiddenStatus } from '../../errors';
import { defineOutput } from '../../output';
import { WPPost, plainTitle } from '../../post';
import { requestForPostType } from '../../post_types';
import { pollResult } from '../polling';
import { dropdownPage } from './paging';

type PostChoice = {
  id: number;
  name: string;
  status: string;
  type: string;
};

const POST_LIST_QUERY = { _fields: 'id,title,status,type,date', orderby: 'date', order: 'desc' } as const;

function toPostChoice(post: Pick<WPPost, 'id' | 'title' | 'status' | 'type'>): PostChoice {
  const title = plainTitle(post) || '(no title)';
  return {
    id: post.id,
    name: post.status === 'publish' ? title : `${title} (${post.status})`,
    status: post.status,
    type: post.type,
  };
}

const output = defineOutput<PostChoice>([
  { key: 'id', label: 'Post ID', type: 'integer', sample: 1234 },
  { key: 'name', label: 'Title', sample: 'What’s new in our spring collection' },
  { key: 'status', label: 'Status', sample: 'publish' },
  { key: 'type', label: 'Post Type', sample: 'post' },
]);

export const postList = defineTrigger({
  key: 'post_list',
  noun: 'Post',
  display: { label: 'List Posts', description: 'Lists recent posts of a post type, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      const postType = (bundle.inputData as { post_type?: string }).post_type;
      const posts = await requestForPostType(z, bundle, postType, async (route) => {
        try {
          // Drafts and pending posts are what people most often update: every status the user may edit.
          return await dropdownPage(z, bundle, route, { ...POST_LIST_QUERY, status: 'any' }, toPostChoice);
        } catch (err) {
          // Without edit_posts only published posts are readable (and none are editable, which
          // Update Post itself will say).
          if (!isForbiddenStatus(err)) throw err;
          return dropdownPage(z, bundle, route, POST_LIST_QUERY, toPostChoice);
        }
      });
      return pollResult(posts);
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
