// New Comment (Instant): New Comment's output, pushed by the companion plugin the moment a comment
// is posted, or reaches the watched status later (a held comment approved).
import { defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheRead, cacheSet } from '../connection/cache';
import {
  COMMENT_QUERY,
  CommentOutput,
  LIVE_COMMENT_STATUSES,
  WPComment,
  commentOutput,
  readWithEmails,
  toCommentOutput,
} from '../wordpress/comment';
import type { Delivery } from '../connection/companion';
import { Input, optionalId } from '../zap/input';
import { authDataOf, linkResolver, siteUrlOf } from '../connection/site';
import { instantOperation, sampleBundle } from './instant';
import { newCommentInputFields, pollComments } from './new_comment';
import { pollResult } from './polling';

type WatchedStatus = keyof typeof LIVE_COMMENT_STATUSES;

function watched(bundle: Bundle): { status: WatchedStatus; post?: number } {
  const input = bundle.inputData as Input & { status?: string };
  const status = (input.status ?? '').trim() || 'approved';
  return {
    status: status in LIVE_COMMENT_STATUSES ? (status as WatchedStatus) : 'approved',
    post: optionalId(input, { key: 'post', label: 'Post' }),
  };
}

/** Like New Comment, a comment fires once: approved, unapproved and approved again is not new. */
const FIRED_SECONDS = 30 * 24 * 3600;

function firedKey(bundle: Bundle, comment: number): string | undefined {
  const root = authDataOf(bundle).rest_root;
  const hooks = (bundle.subscribeData as { id?: string } | undefined)?.id;
  return root && hooks ? `wpjz-comment-fired:${root}:${hooks}:${comment}` : undefined;
}

async function loadDeliveredComment(z: ZObject, bundle: Bundle, delivery: Delivery): Promise<CommentOutput[]> {
  const { status, post } = watched(bundle);
  if (delivery.object_type !== 'comment') return [];
  const key = firedKey(bundle, delivery.object_id);
  if ((await cacheRead<{ at: number }>(z, key, (value) => typeof value.at === 'number')).value) return [];
  const comment = await readWithEmails<WPComment>(z, bundle, {
    route: `wp/v2/comments/${delivery.object_id}`,
    query: { ...COMMENT_QUERY },
  });
  if (!comment || typeof comment !== 'object' || comment.status !== status) return [];
  if (post !== undefined && comment.post !== post) return [];
  await cacheSet(z, key, { at: Date.now() }, FIRED_SECONDS);
  return [toCommentOutput(comment, linkResolver(siteUrlOf(bundle)))];
}

export const newCommentInstant = defineTrigger({
  key: 'new_comment_instant',
  noun: 'Comment',
  display: {
    label: 'New Comment (Instant)',
    description:
      'Triggers when a comment is posted (or approved, when watching approved comments), the moment it happens. Needs the WP JWT Zapier Companion plugin on the site; without it, use New Comment.',
  },
  operation: {
    type: 'hook',
    inputFields: newCommentInputFields,
    ...instantOperation({
      names: { trigger: 'New Comment (Instant)', polling: 'New Comment' },
      events: ['comment.created', 'comment.status_changed'],
      filters: () => ({}),
      load: loadDeliveredComment,
    }),
    performList: async (z, bundle) => pollResult(await pollComments(z, sampleBundle(bundle))),
    sample: commentOutput.sample,
    outputFields: commentOutput.outputFields,
  },
});
