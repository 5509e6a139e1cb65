// Delete Post: moves an item of any post type to the trash (WordPress's DELETE without `force`), or
// deletes it for good (`force=true`). Deleting is safe to repeat only if a repeat cannot fail: an
// item already in the trash is a success with a warning, and a delete whose answer was lost (the
// connection cut, a 5xx, a garbled answer) is settled by reading the item back, as every update's
// is (settle_write.ts): never a failed step that Autoreplay would run again against an item that
// is gone.
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isWordPressCode, reword, wordpressSaid } from '../connection/errors';
import { Input, optionalBoolean, requiredId } from '../zap/input';
import { defineWriteOutput } from '../wordpress/output';
import { WPPost, plainTitle } from '../wordpress/post';
import { normalizePostType, postTypeField, requestForPostType } from '../wordpress/post_types';
import { UpdateLookup, settleUpdate } from '../zap/settle_write';
import { postIdField } from '../zap/post_form';
import { callWordPress } from '../connection/request';
import { linkResolver, siteUrlOf } from '../connection/site';

const field = {
  post_type: postTypeField('The type of the item to delete: Posts, Pages or a custom post type. Default: Posts.'),
  post_id: postIdField('delete'),
  force: {
    key: 'force',
    label: 'Delete Permanently',
    choices: { no: 'No', yes: 'Yes' },
    default: 'no',
    required: false,
    helpText:
      'No (default): the item moves to the trash, where it can be restored until WordPress empties the trash (after 30 days). ' +
      'Yes: it is deleted for good at once, with its revisions and custom fields; this cannot be undone.',
  },
} as const;

const inputFields = defineInputFields(Object.values(field));

/** What the step outputs: the item as it was last seen, and where it is now. */
export interface DeletedPost {
  id: number;
  type: string;
  title: string;
  slug: string;
  link: string | null;
  /** `trash`, or `deleted` once it is gone for good. */
  status: string;
  deleted_permanently: boolean;
  warnings: string[];
}

const output = defineWriteOutput<Omit<DeletedPost, 'warnings'>>(
  [
    { key: 'id', label: 'Post ID', type: 'integer', sample: 1234 },
    { key: 'type', label: 'Post Type', sample: 'book' },
    { key: 'title', label: 'Title', sample: 'The Left Hand of Darkness' },
    { key: 'slug', label: 'Slug', sample: 'the-left-hand-of-darkness__trashed' },
    { key: 'link', label: 'Link', sample: 'https://example.com/?post_type=book&p=1234' },
    { key: 'status', label: 'Status (trash or deleted)', sample: 'trash' },
    { key: 'deleted_permanently', label: 'Deleted Permanently', type: 'boolean', sample: false },
  ],
  'Post: book 1234 was already in the trash; nothing was changed.',
);

const FIELDS = 'id,type,status,title,slug,link';

/** What DELETE with `force=true` answers: the item as it was before. */
interface ForceDeleted {
  deleted?: boolean;
  previous?: WPPost;
}

async function perform(z: ZObject, bundle: Bundle): Promise<DeletedPost> {
  const input = bundle.inputData as Input;
  const id = requiredId(input, field.post_id);
  const force = optionalBoolean(input, field.force) ?? false;
  const postType = normalizePostType(input.post_type as string | undefined);
  const what = `${postType} ${id}`;
  const toOutput = outputFor(bundle, id, postType, force);
  return requestForPostType(z, bundle, postType, async (collection) => {
    const route = `${collection}/${id}`;
    const send = async () => {
      if (force) {
        const answer = await callWordPress<ForceDeleted>(z, bundle, {
          method: 'DELETE',
          route,
          // `_fields` cuts both the answer and the item inside it: both sets of names are needed.
          query: { force: true, _fields: `deleted,previous,${FIELDS}` },
        });
        return toOutput(answer.data?.previous, [], 'deleted');
      }
      const answer = await callWordPress<WPPost>(z, bundle, { method: 'DELETE', route, query: { _fields: FIELDS } });
      return toOutput(answer.data, [], 'trash');
    };
    try {
      const settled = await settleUpdate(send, deleteReadBack(z, bundle, route, what, force, toOutput));
      return settled.warning ? { ...settled.item, warnings: [settled.warning] } : settled.item;
    } catch (err) {
      if (force || !isWordPressCode(err, 'rest_already_trashed')) throw deleteError(err, postType, what);
      const warning = `Post: ${what} was already in the trash; nothing was changed.`;
      const post = await readBack(z, bundle, route);
      return post ? toOutput(post, [warning], 'trash') : toOutput(undefined, [warning], 'deleted');
    }
  });
}

type ToOutput = (post: WPPost | undefined, warnings: string[], status: 'trash' | 'deleted') => DeletedPost;

function outputFor(bundle: Bundle, id: number, postType: string, force: boolean): ToOutput {
  const resolve = linkResolver(siteUrlOf(bundle));
  return (post, warnings, status) => ({
    id: post?.id ?? id,
    type: post?.type ?? postType,
    title: post ? plainTitle(post) : '',
    slug: post?.slug ?? '',
    link: status === 'deleted' ? null : resolve(post?.link),
    status,
    deleted_permanently: force && status === 'deleted',
    warnings,
  });
}

/** The item as WordPress has it now (edit context: a trashed item is readable only there), or undefined when gone. */
async function readBack(z: ZObject, bundle: Bundle, route: string): Promise<WPPost | undefined> {
  try {
    return (await callWordPress<WPPost>(z, bundle, { route, query: { context: 'edit', _fields: FIELDS } })).data;
  } catch (err) {
    if (isWordPressCode(err, 'rest_post_invalid_id')) return undefined;
    throw err;
  }
}

/**
 * A delete whose answer was lost, settled as an update is (settle_write.ts): the item read back is
 * gone, or in the trash when the trash was asked for, or still in place, so nothing was changed.
 */
function deleteReadBack(
  z: ZObject,
  bundle: Bundle,
  route: string,
  what: string,
  force: boolean,
  toOutput: ToOutput,
): UpdateLookup<DeletedPost> {
  return {
    what,
    where: `${what} in WordPress (its list, Trash included)`,
    replaySafe: 'a delete run again finds the item in the trash or gone, and changes nothing more',
    readBack: async () => {
      const post = await readBack(z, bundle, route);
      if (!post) return { item: toOutput(undefined, [], 'deleted'), differing: [], shows: 'it is deleted' };
      if (!force && post.status === 'trash')
        return { item: toOutput(post, [], 'trash'), differing: [], shows: 'it is in the trash' };
      return { item: toOutput(post, [], 'trash'), differing: [`Status ("${post.status}")`] };
    },
  };
}

/** Our message for WordPress's refusal to delete. */
function deleteError(err: unknown, type: string, what: string): unknown {
  return reword(err, {
    rest_post_invalid_id: `Post: WordPress has no ${what} (it may have been deleted for good already, or it is another post type: check Post Type).`,
    rest_cannot_delete: (e) =>
      `The WordPress user this connection uses is not allowed to delete ${what}. Authors may delete their own posts, Contributors only their own unpublished ones; deleting other users' items needs an Editor or Administrator.${wordpressSaid(e.body)}`,
    rest_trash_not_supported: `Post: this site keeps no trash for ${type === 'post' ? 'posts' : `"${type}" items`} (EMPTY_TRASH_DAYS is 0 in wp-config.php, or the post type does not support it), so WordPress can only delete ${what} for good. Set Delete Permanently to Yes to delete it for good.`,
  });
}

export const deletePost = defineCreate({
  key: 'delete_post',
  noun: 'Post',
  display: {
    label: 'Delete Post',
    description:
      'Deletes a post, page or custom post type item: moves it to the trash, or deletes it for good with Delete Permanently.',
  },
  operation: {
    inputFields,
    perform,
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
