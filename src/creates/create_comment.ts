// Create Comment: a comment, or a reply to one, posted as the connected WordPress user; output as
// New Comment gives it, with warnings for what WordPress did not do as asked (the comment exists
// then: never a failed step, which Zapier's Autoreplay would post a second time).
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  COMMENT_QUERY,
  commentContentField,
  CommentOutput,
  commentPostField,
  commentStatusField,
  commentWriteOutput,
  LIVE_COMMENT_STATUSES,
  MAX_COMMENT_CONTENT,
  statusNotApplied,
  toCommentOutput,
  WPComment,
} from '../wordpress/comment';
import { UserInputError, isWordPressCode, reword } from '../connection/errors';
import { Input, optionalChoice, optionalId, requiredId, requiredText } from '../zap/input';
import { commentMessages as say, commentRef, postRef } from '../connection/messages';
import { callWordPress } from '../connection/request';
import { Settled, settleCreate } from '../zap/settle_write';
import { siteUrlOf } from '../connection/site';
import { commentLookup } from '../zap/write_lookups';

const field = {
  post: commentPostField(
    true,
    'The post (or page, or custom post type item) to comment on. It must be published and open to comments.',
  ),
  content: commentContentField(true),
  parent: {
    key: 'parent',
    label: 'Reply To',
    type: 'integer',
    dynamic: 'comment_list.id.name',
    required: false,
    helpText:
      'A comment on the same post to reply to (the list shows the comments of the Post chosen above). Leave empty for a comment of its own.',
  },
  status: commentStatusField(
    LIVE_COMMENT_STATUSES,
    'Editors and Administrators only (the "moderate_comments" capability). Leave empty and WordPress decides, by the site\'s discussion settings: a moderator\'s comment is approved, others may be held for moderation.',
  ),
} as const;

const inputFields = defineInputFields(Object.values(field));

/** A Zapier retry after WordPress's flood window (15 seconds), with jitter so retries do not flood again. */
const floodDelay = () => 20 + Math.floor(Math.random() * 10);

/**
 * WordPress stores a reply to a comment that does not exist, or that sits on another post, without a
 * word (6.1 checks neither): so the parent is read first, while nothing is written. A parent the user
 * may not read (another user's held comment) exists: WordPress is left to judge it.
 */
async function checkParent(z: ZObject, bundle: Bundle, parent: number, post: number): Promise<void> {
  let comment: Pick<WPComment, 'id' | 'post' | 'status'>;
  try {
    comment = (
      await callWordPress<WPComment>(z, bundle, {
        route: `wp/v2/comments/${parent}`,
        query: { _fields: 'id,post,status' },
      })
    ).data;
  } catch (err) {
    if (isWordPressCode(err, 'rest_comment_invalid_id', 'rest_post_invalid_id')) {
      throw new UserInputError(say.noParent(commentRef(parent), postRef(post)), 'invalid_parent');
    }
    if (isWordPressCode(err, 'rest_cannot_read', 'rest_cannot_read_post', 'rest_forbidden_context')) return;
    throw err;
  }
  if (comment.post !== post) {
    throw new UserInputError(
      say.parentElsewhere(commentRef(parent), postRef(comment.post), postRef(post)),
      'invalid_parent',
    );
  }
  if (comment.status === 'spam' || comment.status === 'trash') {
    throw new UserInputError(say.parentRemoved(commentRef(parent), comment.status), 'invalid_parent');
  }
}

/** Our message for a WordPress refusal of the comment; a flood becomes a retry Zapier makes by itself. */
function createCommentError(z: ZObject, err: unknown, post: number, parent: number | undefined): unknown {
  if (isWordPressCode(err, 'comment_flood')) {
    const delay = floodDelay();
    return new z.errors.ThrottledError(say.flood(delay), delay);
  }
  return reword(err, {
    rest_comment_invalid_post_id: say.noPost(postRef(post)),
    rest_post_invalid_id: say.noPost(postRef(post)),
    rest_comment_closed: say.closed(postRef(post)),
    comment_closed: say.closed(postRef(post)),
    rest_comment_draft_post: say.unpublishedPost(postRef(post), 'a draft'),
    rest_comment_trash_post: say.unpublishedPost(postRef(post), 'in the trash'),
    rest_cannot_read_post: say.postUnreadable(postRef(post)),
    rest_comment_invalid_parent: parent === undefined ? '' : say.noParent(commentRef(parent), postRef(post)),
    rest_comment_invalid_status:
      say.moderationNeeded('set the status of a new comment') +
      " Or leave Status empty: WordPress then applies the site's discussion settings.",
  });
}

async function perform(z: ZObject, bundle: Bundle): Promise<CommentOutput & { warnings: string[] }> {
  const input = bundle.inputData as Input;
  const post = requiredId(input, field.post);
  const content = requiredText(input, field.content, { max: MAX_COMMENT_CONTENT, keepWhitespace: true });
  const parent = optionalId(input, field.parent);
  const status = optionalChoice(input, field.status, LIVE_COMMENT_STATUSES);
  if (parent !== undefined) await checkParent(z, bundle, parent, post);
  const write = async () =>
    (
      await callWordPress<WPComment>(z, bundle, {
        method: 'POST',
        route: 'wp/v2/comments',
        query: COMMENT_QUERY,
        json: { post, content, ...(parent !== undefined && { parent }), ...(status && { status }) },
      })
    ).data;
  let settled: Settled<WPComment>;
  try {
    // An answer lost after the write: the comment is looked up before the step ends.
    settled = await settleCreate(write, commentLookup(z, bundle, { post, content, parent }));
  } catch (err) {
    throw createCommentError(z, err, post, parent);
  }
  const comment = settled.item;
  const warnings = [...(settled.warning ? [settled.warning] : []), ...statusNotApplied(status, comment)];
  if (!status && comment.status === 'hold') {
    warnings.push(
      "Status: WordPress holds this comment for moderation, as the site's discussion settings ask; it shows on the site once an Editor or Administrator approves it.",
    );
  }
  return { ...toCommentOutput(comment, siteUrlOf(bundle)), warnings };
}

export const createComment = defineCreate({
  key: 'create_comment',
  noun: 'Comment',
  display: {
    label: 'Create Comment',
    description: 'Creates a comment, or a reply to one, on a post, posted as the connected WordPress user.',
  },
  operation: {
    inputFields,
    perform,
    sample: commentWriteOutput.sample,
    outputFields: commentWriteOutput.outputFields,
  },
});
