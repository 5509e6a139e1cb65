// New Comment: every new comment once, newest first, with its post's title and link from the same
// request (a burst of any size reaches the Zap across polls). Approved comments by default; the
// moderation queues (Awaiting Moderation, Spam) for Editors and Administrators.
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  COMMENT_QUERY,
  CommentOutput,
  commentOutput,
  CommentStatus,
  commentPostField,
  LIVE_COMMENT_STATUSES,
  readWithEmails,
  toCommentOutput,
  WPComment,
} from '../wordpress/comment';
import { reword } from '../connection/errors';
import { Input, optionalChoice, optionalId } from '../zap/input';
import { commentMessages, postRef } from '../connection/messages';
import { Query, callWordPress } from '../connection/request';
import { linkResolver, siteUrlOf } from '../connection/site';
import { epochOf, pollById } from './id_poll';
import { pollResult } from './polling';

/**
 * The newest page an idle poll reads. Each comment carries its post's embed view (with SEO plugins,
 * kilobytes): a burst beyond 50 is walked in the same poll, up to Zapier's 100 new items.
 */
export const COMMENTS_PER_POLL = 50;

const WATCHED = LIVE_COMMENT_STATUSES;

const field = {
  post: commentPostField(
    false,
    'Only comments on this post (or page, or custom post type item). Leave empty for comments on every post.',
  ),
  status: {
    key: 'status',
    label: 'Status',
    choices: WATCHED,
    default: 'approved',
    required: false,
    helpText:
      'Default: Approved, the comments visitors see. Awaiting Moderation and Spam are the moderation queues: they need an Editor or Administrator (the "moderate_comments" capability).',
  },
} as const;

export const newCommentInputFields = defineInputFields(Object.values(field));

/**
 * The moderation queues need `moderate_comments`: asked in the edit context, which needs that very
 * capability, so a user without it is refused in the same request (403 `rest_forbidden_context`).
 * An Author asking in the view context would get the held comments of their own posts only, silently.
 */
function explainPollError(err: unknown, status: CommentStatus, post: number | undefined): unknown {
  return reword(err, {
    rest_forbidden_context:
      commentMessages.moderationNeeded(
        `read comments that are ${status === 'spam' ? 'marked as spam' : 'awaiting moderation'}`,
      ) + ' Or set Status to Approved.',
    rest_cannot_read_post: commentMessages.postUnreadable(postRef(post), 'so Zapier cannot read its comments either'),
  });
}

export async function pollComments(z: ZObject, bundle: Bundle): Promise<Array<CommentOutput | { id: number }>> {
  const input = bundle.inputData as Input;
  const status = optionalChoice(input, field.status, WATCHED) ?? 'approved';
  const post = optionalId(input, field.post);
  const list = async (extra: Query): Promise<WPComment[]> => {
    const query: Query = {
      ...COMMENT_QUERY,
      // The list filter's word for approved is `approve` (WP_Comment_Query), its answers say `approved`.
      status: status === 'approved' ? 'approve' : status,
      post,
      ...extra,
    };
    try {
      const comments =
        status === 'approved'
          ? await readWithEmails<WPComment[]>(z, bundle, { route: 'wp/v2/comments', query })
          : (
              await callWordPress<WPComment[]>(z, bundle, {
                route: 'wp/v2/comments',
                query: { ...query, context: 'edit' },
              })
            ).data;
      return Array.isArray(comments) ? comments : [];
    } catch (err) {
      throw explainPollError(err, status, post);
    }
  };
  const absolute = linkResolver(siteUrlOf(bundle));
  // Comment IDs only grow: a comment imported with an old date is new too. The comment ID is the
  // item's id, so a comment edited later is not new again.
  return pollById(z, bundle, {
    pageSize: COMMENTS_PER_POLL,
    trigger: 'new_comment',
    filters: { status, post },
    list,
    dateField: 'date_gmt',
    dateOf: (comment) => epochOf(comment.date_gmt),
    render: (found) => found.map((comment) => toCommentOutput(comment, absolute)),
    feedEvents: ['comment.created', 'comment.status_changed'],
  });
}

export const newComment = defineTrigger({
  key: 'new_comment',
  noun: 'Comment',
  display: {
    label: 'New Comment',
    description: 'Triggers when a new comment is posted.',
  },
  operation: {
    type: 'polling',
    inputFields: newCommentInputFields,
    perform: async (z, bundle) => pollResult(await pollComments(z, bundle)),
    sample: commentOutput.sample,
    outputFields: commentOutput.outputFields,
  },
});
