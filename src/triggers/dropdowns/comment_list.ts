// Hidden: recent comments, newest first, 100 per page, for Update Comment's Comment dropdown and
// Create Comment's Reply To (there limited to the comments of the action's own Post field, which
// Zapier passes to the dropdown).
import { defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { commentStatusLabel } from '../../wordpress/comment';
import type { WPComment } from '../../wordpress/comment';
import { isWordPressCode } from '../../connection/errors';
import { asId } from '../../zap/input';
import { defineOutput } from '../../wordpress/output';
import { Query } from '../../connection/request';
import { clip, htmlToText, stripTags } from '../../wordpress/text';
import { pollResult } from '../polling';
import { dropdownPage } from './paging';

type CommentSummary = Pick<WPComment, 'id' | 'post' | 'author_name' | 'content' | 'status'>;

type CommentChoice = {
  id: number;
  name: string;
  post_id: number;
  status: string;
};

/** `Jane Doe: Love the linen line & the colours! Will it… (Awaiting Moderation)` */
function toChoice(comment: CommentSummary): CommentChoice {
  const author = stripTags(comment.author_name ?? '') || 'Anonymous';
  const words = htmlToText(comment.content?.rendered).replace(/\s+/g, ' ');
  const remark = comment.status === 'approved' ? '' : ` (${commentStatusLabel(comment.status)})`;
  return {
    id: comment.id,
    name: `${author}: ${clip(words, 60) || '(empty)'}${remark}`,
    post_id: comment.post,
    status: comment.status,
  };
}

const LIST_QUERY = { _fields: 'id,post,author_name,content,status', orderby: 'date_gmt', order: 'desc' } as const;

/**
 * Approved and held comments: the ones people reply to and moderate. Any status but Approved needs
 * `edit_posts`; a user without it (403 `rest_forbidden_param`) gets the approved ones.
 */
async function commentsPage(z: ZObject, bundle: Bundle, post: number | undefined): Promise<CommentChoice[]> {
  const query: Query = { ...LIST_QUERY, post };
  try {
    return await dropdownPage(z, bundle, 'wp/v2/comments', { ...query, status: 'all' }, toChoice);
  } catch (err) {
    if (!isWordPressCode(err, 'rest_forbidden_param')) throw err;
    return dropdownPage(z, bundle, 'wp/v2/comments', query, toChoice);
  }
}

const output = defineOutput<CommentChoice>([
  { key: 'id', label: 'Comment ID', type: 'integer', sample: 231 },
  { key: 'name', label: 'Comment', sample: 'Jane Doe: Love the linen line & the colours! (Awaiting Moderation)' },
  { key: 'post_id', label: 'Post ID', type: 'integer', sample: 1234 },
  { key: 'status', label: 'Status', sample: 'hold' },
]);

export const commentList = defineTrigger({
  key: 'comment_list',
  noun: 'Comment',
  display: { label: 'List Comments', description: 'Lists recent comments, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      // A Post picked from the dropdown, or mapped; anything else lists every post's comments.
      const post = asId((bundle.inputData as { post?: unknown }).post);
      return pollResult(await commentsPage(z, bundle, post));
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
