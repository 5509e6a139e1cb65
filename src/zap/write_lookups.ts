// How each write's item is found again after its answer was lost (settle_write.ts), by what the
// write sent: a post by its title (or content) among the type's newest, a comment by its post and
// content, a media item by its file name, a user by username and email. An update reads the item
// back and names the fields that do not hold what was sent. Each costs requests only after a lost
// answer, never on a healthy write.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isWordPressCode } from '../connection/errors';
import { COMMENT_QUERY, WPComment } from '../wordpress/comment';
import { MEDIA_QUERY, WPMediaItem } from '../wordpress/media_item';
import { WPPost } from '../wordpress/post';
import { Query, callWordPress } from '../connection/request';
import { CreateLookup, UpdateLookup } from './settle_write';
import type { WPUser } from '../wordpress/user';
import { clip, comparableTitle, stripTags } from '../wordpress/text';

/** The newest items a lookup reads: a lost answer is seconds old, and only a busy site writes more meanwhile. */
const NEWEST = 50;
const NEWEST_FIRST = { orderby: 'id', order: 'desc', per_page: NEWEST } as const;

/** Text as sent and as WordPress stored it (raw), equal, or equal once tags, entities and typography are set aside. */
export function sameText(sent: string, stored: string | undefined): boolean {
  if (stored === undefined) return false;
  if (sent.trim() === stored.trim()) return true;
  return comparableTitle(stripTags(sent)) === comparableTitle(stripTags(stored));
}

type Raw = { raw?: string; rendered: string };
const rawOf = (text: Raw | undefined) => text?.raw ?? text?.rendered;

/** Create Post: `body` as sent to `route` (the type's collection); the found post read with `query`. */
export function postLookup(
  z: ZObject,
  bundle: Bundle,
  route: string,
  body: Record<string, unknown>,
  query: Query,
): CreateLookup<WPPost> {
  const title = typeof body.title === 'string' ? body.title : undefined;
  const content = typeof body.content === 'string' ? body.content : undefined;
  const what = title !== undefined ? `the post "${clip(stripTags(title))}"` : 'the post';
  // A post given a date is stored with it as both its date and its modified date: no creation time.
  const dated = body.date !== undefined || body.date_gmt !== undefined;
  return {
    what,
    where: `the ${route.split('/').pop() ?? 'posts'} list in WordPress (search for ${title !== undefined ? `"${clip(stripTags(title))}"` : 'the newest'}, drafts included)`,
    find: async () => {
      const response = await callWordPress<Array<WPPost & { title?: Raw; content?: Raw }>>(z, bundle, {
        route,
        query: {
          ...NEWEST_FIRST,
          context: 'edit',
          status: 'publish,future,draft,pending,private',
          _fields: `id,title,slug,author,modified_gmt${title === undefined ? ',content' : ''}`,
        },
      });
      const matches = (response.data ?? []).filter(
        (post) =>
          (title !== undefined ? sameText(title, rawOf(post.title)) : sameText(content ?? '', rawOf(post.content))) &&
          (body.author === undefined || post.author === body.author) &&
          (typeof body.slug !== 'string' || post.slug === body.slug || post.slug.startsWith(`${body.slug}-`)),
      );
      return {
        items: matches.map((post) => ({ item: post, madeGmt: dated ? undefined : post.modified_gmt })),
        response,
      };
    },
    read: async (post) => (await callWordPress<WPPost>(z, bundle, { route: `${route}/${post.id}`, query })).data,
  };
}

const POST_COMPARED = [
  'status',
  'slug',
  'author',
  'featured_media',
  'comment_status',
  'ping_status',
  'format',
  'sticky',
] as const;

/** Update Post: the post at `target` read back (with `query`, in the edit context) against `body`. */
export function postReadBack(
  z: ZObject,
  bundle: Bundle,
  target: string,
  body: Record<string, unknown>,
  query: Query,
  labels: Record<string, string>,
): UpdateLookup<WPPost> {
  const id = target.split('/').pop() ?? '';
  return {
    what: `post ${id}`,
    where: `post ${id} in WordPress`,
    readBack: async () => {
      const post = (await callWordPress<WPPost>(z, bundle, { route: target, query: { ...query, context: 'edit' } }))
        .data;
      const differing: string[] = [];
      for (const key of ['title', 'content', 'excerpt'] as const) {
        if (typeof body[key] === 'string' && !sameText(body[key] as string, rawOf(post[key])))
          differing.push(labels[key] ?? key);
      }
      for (const key of POST_COMPARED) {
        if (body[key] === undefined) continue;
        // A schedule whose time came is published: the update was applied all the same.
        const applied = key === 'status' && body.status === 'future' && post.status === 'publish';
        if (!applied && post[key] !== body[key]) differing.push(labels[key] ?? key);
      }
      for (const key of ['categories', 'tags'] as const) {
        const sent = body[key] as number[] | undefined;
        // WordPress drops IDs it does not have (reported as warnings): it keeps none that was not sent.
        if (sent && (post[key] ?? []).some((term) => !sent.includes(term))) differing.push(labels[key] ?? key);
      }
      return { item: post, differing };
    },
  };
}

/** Create Comment: the comment sent to `post` (a reply to `parent`); the found one read with COMMENT_QUERY. */
export function commentLookup(
  z: ZObject,
  bundle: Bundle,
  sent: { post: number; content: string; parent?: number },
): CreateLookup<WPComment> {
  const where = `the comments of post ${sent.post} in WordPress (Comments, including Pending)`;
  return {
    what: `the comment on post ${sent.post}`,
    where,
    find: async () => {
      const query: Query = { ...NEWEST_FIRST, post: sent.post, _fields: 'id,content,parent,date_gmt' };
      let response;
      let hidden: string | undefined;
      try {
        response = await callWordPress<WPComment[]>(z, bundle, {
          route: 'wp/v2/comments',
          query: { ...query, context: 'edit', status: 'all' },
        });
      } catch (err) {
        if (!isWordPressCode(err, 'rest_forbidden_context', 'rest_forbidden_param', 'rest_invalid_param')) throw err;
        // Only moderators see comments held for moderation, where a new comment may well be.
        hidden = 'this WordPress user sees only approved comments, and the comment may be held for moderation';
        response = await callWordPress<WPComment[]>(z, bundle, { route: 'wp/v2/comments', query });
      }
      const matches = (response.data ?? []).filter(
        (comment) =>
          (comment.parent ?? 0) === (sent.parent ?? 0) && sameText(sent.content, rawOf(comment.content as Raw)),
      );
      return { items: matches.map((comment) => ({ item: comment, madeGmt: comment.date_gmt })), response, hidden };
    },
    read: async (comment) =>
      (await callWordPress<WPComment>(z, bundle, { route: `wp/v2/comments/${comment.id}`, query: COMMENT_QUERY })).data,
  };
}

/** Update Comment: the comment `read` back against the content and status sent (Trash is status `trash`). */
export function commentReadBack(
  id: number,
  sent: { content?: string; status?: string },
  read: () => Promise<WPComment>,
): UpdateLookup<WPComment> {
  return {
    what: `comment ${id}`,
    where: `comment ${id} in WordPress (Comments)`,
    readBack: async () => {
      const comment = await read();
      const differing: string[] = [];
      if (sent.content !== undefined && !sameText(sent.content, rawOf(comment.content as Raw)))
        differing.push('Content');
      if (sent.status !== undefined && comment.status !== sent.status) differing.push('Status');
      return { item: comment, differing };
    },
  };
}

/** Upload Media: the file stored as `filename` (WordPress adds `-1`, `-scaled` and the like); read with MEDIA_QUERY. */
export function mediaLookup(z: ZObject, bundle: Bundle, filename: string): CreateLookup<WPMediaItem> {
  const dot = filename.lastIndexOf('.');
  const stem = dot > 0 ? filename.slice(0, dot) : filename;
  const ext = dot > 0 ? filename.slice(dot) : '';
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '-');
  const stored = new RegExp(`^${escape(stem)}(-\\d+)?(-scaled|-rotated)?${escape(ext)}$`, 'i');
  return {
    what: `the file ${filename}`,
    where: `the Media Library in WordPress (search for "${clip(stem)}")`,
    find: async () => {
      const response = await callWordPress<WPMediaItem[]>(z, bundle, {
        route: 'wp/v2/media',
        query: { ...NEWEST_FIRST, _fields: 'id,source_url,date_gmt' },
      });
      const matches = (response.data ?? []).filter((item) =>
        stored.test(decodeURIComponent((item.source_url ?? '').split('/').pop() ?? '')),
      );
      return { items: matches.map((item) => ({ item, madeGmt: item.date_gmt })), response };
    },
    read: async (item) =>
      (await callWordPress<WPMediaItem>(z, bundle, { route: `wp/v2/media/${item.id}`, query: MEDIA_QUERY })).data,
  };
}

/** Create User: the user by username (and email), registered no earlier than the request. */
export function userLookup(
  z: ZObject,
  bundle: Bundle,
  sent: { username: string; email?: string },
  query: Query,
): CreateLookup<WPUser> {
  return {
    what: `the user "${clip(sent.username)}"`,
    where: `Users in WordPress (search for "${clip(sent.username)}")`,
    find: async () => {
      const response = await callWordPress<WPUser[]>(z, bundle, {
        route: 'wp/v2/users',
        query: { ...query, search: sent.username, per_page: 100 },
      });
      const matches = (response.data ?? []).filter(
        (user) =>
          user.username?.toLowerCase() === sent.username.toLowerCase() &&
          (sent.email === undefined || user.email?.toLowerCase() === sent.email.toLowerCase()),
      );
      return { items: matches.map((user) => ({ item: user, madeGmt: user.registered_date })), response };
    },
  };
}

const USER_COMPARED = ['email', 'first_name', 'last_name', 'name', 'nickname', 'url', 'description', 'locale'] as const;

/** Update User: the user read back against `body` (the password cannot be read, so it is not compared). */
export function userReadBack(
  z: ZObject,
  bundle: Bundle,
  route: string,
  body: Record<string, unknown>,
  query: Query,
  labels: Record<string, string>,
): UpdateLookup<WPUser> {
  const id = route.split('/').pop() ?? '';
  return {
    what: `user ${id}`,
    where: `user ${id} in WordPress (Users)`,
    readBack: async () => {
      const user = (await callWordPress<WPUser>(z, bundle, { route, query })).data;
      const differing: string[] = [];
      for (const key of USER_COMPARED) {
        const sent = body[key];
        if (typeof sent !== 'string') continue;
        const same =
          key === 'email' ? sent.toLowerCase() === (user.email ?? '').toLowerCase() : sameText(sent, user[key]);
        if (!same && !(sent === '' && !user[key])) differing.push(labels[key] ?? key);
      }
      const roles = body.roles as string[] | undefined;
      if (roles && [...roles].sort().join() !== [...(user.roles ?? [])].sort().join())
        differing.push(labels.roles ?? 'roles');
      const meta = (body.meta ?? {}) as Record<string, unknown>;
      // Custom fields WordPress does not return were never saved (a warning on success): only the others count.
      const lostMeta = Object.keys(meta).filter(
        (key) => user.meta && key in user.meta && String(user.meta[key]) !== String(meta[key]),
      );
      if (lostMeta.length) differing.push(labels.meta ?? 'meta');
      return { item: user, differing };
    },
  };
}
