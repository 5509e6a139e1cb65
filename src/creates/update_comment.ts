// Update Comment: moderation (approve, hold, spam, trash) and edits. Only the fields filled in are
// sent; Trash moves the comment to WordPress's trash (never deletes it for good). Output as New
// Comment gives it, with warnings for what WordPress did not do as asked.
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  COMMENT_QUERY,
  COMMENT_STATUSES,
  CommentOutput,
  MAX_COMMENT_CONTENT,
  WPComment,
  commentContentField,
  commentStatusField,
  commentWriteOutput,
  readWithEmails,
  statusNotApplied,
  toCommentOutput,
} from '../wordpress/comment';
import { UserInputError, isWordPressCode, reword } from '../connection/errors';
import { Input, optionalChoice, optionalText, requiredId } from '../zap/input';
import { commentMessages as say, commentRef } from '../connection/messages';
import { callWordPress } from '../connection/request';
import { UpdateLookup, settleUpdate } from '../zap/settle_write';
import { siteUrlOf } from '../connection/site';
import { commentReadBack } from '../zap/write_lookups';

const field = {
  comment_id: {
    key: 'comment_id',
    label: 'Comment',
    type: 'integer',
    dynamic: 'comment_list.id.name',
    required: true,
    helpText: 'The comment to change: pick it, or map a Comment ID from an earlier step (New Comment gives one).',
  },
  content: { ...commentContentField(false), helpText: 'The new text. Leave empty to keep the comment’s text.' },
  status: commentStatusField(
    COMMENT_STATUSES,
    'Approve, hold, mark as spam, or move to the trash (WordPress empties its trash after 30 days; until then the comment can be restored there). Needs an Editor or Administrator, or the Author of the post. Leave empty to keep the status.',
  ),
} as const;

const inputFields = defineInputFields(Object.values(field));

/** Our message for a WordPress refusal of the change. */
function updateCommentError(err: unknown, id: number): unknown {
  return reword(err, {
    rest_comment_invalid_id: say.noComment(commentRef(id)),
    rest_cannot_edit: say.moderationNeeded(`moderate or edit ${commentRef(id)}`),
    rest_cannot_delete: say.moderationNeeded(`move ${commentRef(id)} to the trash`),
    rest_post_invalid_id: `Comment: ${commentRef(id)} belongs to a post that no longer exists, so WordPress will not change it. Delete it in WordPress instead.`,
  });
}

/**
 * Trash is WordPress's DELETE without `force`: the comment moves to the trash (where its site keeps
 * one) and comes back with status `trash`. Sending `status: trash` instead would delete it for good on
 * a site without a trash, where DELETE refuses (501 `rest_trash_not_supported`).
 */
async function trash(
  z: ZObject,
  bundle: Bundle,
  id: number,
  readBack: (sent: { status: string }) => UpdateLookup<WPComment>,
): Promise<{ comment: WPComment; warnings: string[] }> {
  const route = `wp/v2/comments/${id}`;
  try {
    const send = async () =>
      (await callWordPress<WPComment>(z, bundle, { method: 'DELETE', route, query: COMMENT_QUERY })).data;
    // An answer lost after the write: the comment is read back before the step ends.
    const { item, warning } = await settleUpdate(send, readBack({ status: 'trash' }));
    return { comment: item, warnings: warning ? [warning] : [] };
  } catch (err) {
    // Already where it was asked to go (a step run again): the outcome stands, nothing is written.
    if (!isWordPressCode(err, 'rest_already_trashed')) throw err;
    const comment = await readWithEmails<WPComment>(z, bundle, { route, query: COMMENT_QUERY });
    return { comment, warnings: [`Status: ${commentRef(id)} was already in the trash; nothing was changed.`] };
  }
}

async function perform(z: ZObject, bundle: Bundle): Promise<CommentOutput & { warnings: string[] }> {
  const input = bundle.inputData as Input;
  const id = requiredId(input, field.comment_id);
  const content = optionalText(input, field.content, { max: MAX_COMMENT_CONTENT, keepWhitespace: true });
  const status = optionalChoice(input, field.status, COMMENT_STATUSES);
  if (status === 'trash' && content !== undefined) {
    throw new UserInputError(
      'Content and Status Trash do not go together: a comment in the trash shows nowhere, so its new text would never be seen. Leave Content empty to trash the comment, or pick another Status to edit it.',
    );
  }
  const route = `wp/v2/comments/${id}`;
  const readBack = (sent: { content?: string; status?: string }) =>
    commentReadBack(id, sent, () => readWithEmails<WPComment>(z, bundle, { route, query: COMMENT_QUERY }));
  let comment: WPComment;
  let warnings: string[] = [];
  let lost: string | undefined;
  try {
    if (status === 'trash') {
      ({ comment, warnings } = await trash(z, bundle, id, readBack));
    } else if (content === undefined && status === undefined) {
      // Nothing to change: a POST would still rewrite the comment (its IP address among others), so read.
      comment = await readWithEmails<WPComment>(z, bundle, { route, query: COMMENT_QUERY });
    } else {
      const json = { ...(content !== undefined && { content }), ...(status && { status }) };
      const send = async () =>
        (await callWordPress<WPComment>(z, bundle, { method: 'POST', route, query: COMMENT_QUERY, json })).data;
      ({ item: comment, warning: lost } = await settleUpdate(send, readBack(json)));
    }
  } catch (err) {
    throw updateCommentError(err, id);
  }
  if (!warnings.length) warnings = statusNotApplied(status, comment);
  return { ...toCommentOutput(comment, siteUrlOf(bundle)), warnings: lost ? [lost, ...warnings] : warnings };
}

export const updateComment = defineCreate({
  key: 'update_comment',
  noun: 'Comment',
  display: {
    label: 'Update Comment',
    description:
      "Updates a comment's text or status: approve it, hold it for moderation, mark it as spam or move it to the trash. Only the fields you fill in are changed.",
  },
  operation: {
    inputFields,
    perform,
    sample: commentWriteOutput.sample,
    outputFields: commentWriteOutput.outputFields,
  },
});
