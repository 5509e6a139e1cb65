// Hidden: recent posts of a post type, 100 per page, for Update Post's Post dropdown. The type comes
// from the action's own Post Type field (Zapier passes the form's values to the dropdown).
import { defineTrigger } from 'zapier-platform-core';
import { WPPost, plainTitle } from '../posts';
import { requestForPostType } from '../post_types';
import { dropdownPage, isForbiddenStatus, pollResult } from './common';

export interface PostChoice {
  id: number;
  name: string;
  status: string;
  type: string;
}

type PostListInput = { post_type?: string };

const POST_LIST_FIELDS = 'id,title,status,type,date';

function toPostChoice(post: Pick<WPPost, 'id' | 'title' | 'status' | 'type'>): PostChoice {
  const title = plainTitle(post) || '(no title)';
  return {
    id: post.id,
    name: post.status === 'publish' ? title : `${title} (${post.status})`,
    status: post.status,
    type: post.type,
  };
}

export const postList = defineTrigger({
  key: 'post_list',
  noun: 'Post',
  display: { label: 'List Posts', description: 'Lists recent posts of a post type, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      const input = bundle.inputData as PostListInput;
      const posts = await requestForPostType(z, input.post_type, bundle, async (route) => {
        const query = { _fields: POST_LIST_FIELDS, orderby: 'date', order: 'desc' };
        try {
          // Drafts and pending posts are what people most often update: every status the user may edit.
          return await dropdownPage(z, bundle, route, { ...query, status: 'any' }, toPostChoice);
        } catch (err) {
          // Without edit_posts only published posts are readable (and none are editable, which
          // Update Post itself will say).
          if (!isForbiddenStatus(err)) throw err;
          return dropdownPage(z, bundle, route, query, toPostChoice);
        }
      });
      return pollResult(posts);
    },
    sample: {
      id: 1234,
      name: 'What’s new in our spring collection',
      status: 'publish',
      type: 'post',
    } satisfies PostChoice,
    outputFields: [
      { key: 'id', label: 'Post ID', type: 'integer' },
      { key: 'name', label: 'Title' },
      { key: 'status', label: 'Status' },
      { key: 'type', label: 'Post Type' },
    ],
  },
});
