// A WordPress comment as the REST API gives it, and as New Comment, Create Comment and Update
// Comment output it: plain text beside HTML, absolute links, ISO-8601 dates with offsets, and the
// post's title and link embedded in the same request (`_embed=up`).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheGet, cacheSet } from '../connection/cache';
import { isWordPressCode } from '../connection/errors';
import { OutputField, defineOutput, defineWriteOutput } from './output';
import type { Rendered, WPEmbeddedPost } from './rest_shapes';
import { Query, WordPressCall, callWordPress } from '../connection/request';
import { LinkResolver, authDataOf, linkResolver } from '../connection/site';
import { gmtToIso, htmlToText, localToIso, stripTags } from './text';

/** The statuses a comment has, in WordPress's REST words, with the names its admin screens give them. */
export const COMMENT_STATUSES = {
  approved: 'Approved',
  hold: 'Awaiting Moderation',
  spam: 'Spam',
  trash: 'Trash',
} as const;
export type CommentStatus = keyof typeof COMMENT_STATUSES;

/** The statuses a comment can be watched in or given: Trash is neither an event nor a state to create. */
export const LIVE_COMMENT_STATUSES: Record<Exclude<CommentStatus, 'trash'>, string> = {
  approved: COMMENT_STATUSES.approved,
  hold: COMMENT_STATUSES.hold,
  spam: COMMENT_STATUSES.spam,
};

/** The Post dropdown of the comment operations: published items of every type. */
export function commentPostField<R extends boolean>(required: R, helpText: string) {
  return {
    key: 'post',
    label: 'Post',
    type: 'integer',
    dynamic: 'published_post_list.id.name',
    required,
    helpText,
  } as const;
}

/** A status as WordPress's admin names it; one a plugin added keeps its slug. */
export function commentStatusLabel(status: string): string {
  return Object.hasOwn(COMMENT_STATUSES, status) ? COMMENT_STATUSES[status as CommentStatus] : status;
}

export interface WPComment {
  id: number;
  post: number;
  parent: number;
  author: number;
  author_name: string;
  /** Edit context only: needs `moderate_comments`. */
  author_email?: string;
  author_url: string;
  date: string;
  date_gmt: string;
  content?: Rendered;
  link: string;
  status: string;
  type: string;
  _embedded?: { up?: WPEmbeddedPost[] };
}

/** Only what the output needs; `_links` must stay or WordPress embeds nothing. */
export const COMMENT_FIELDS = [
  'id',
  'post',
  'parent',
  'author',
  'author_name',
  'author_email',
  'author_url',
  'date',
  'date_gmt',
  'content',
  'link',
  'status',
  'type',
  '_links',
  '_embedded',
].join(',');

/**
 * Query arguments that make WordPress answer with everything `toCommentOutput` needs, the post's
 * title and link included, in one request. Embedded items take no `_fields` (WordPress 6.1 filters
 * only the top level), so each comment carries its post's embed view.
 */
export const COMMENT_QUERY = { _fields: COMMENT_FIELDS, _embed: 'up' } as const;

export type CommentOutput = {
  id: number;
  post_id: number;
  post_title: string | null;
  post_link: string | null;
  parent_id: number | null;
  author_id: number | null;
  author_name: string;
  author_url: string;
  author_email: string | null;
  content_html: string;
  content_text: string;
  link: string | null;
  status: string;
  type: string;
  date: string | null;
  date_gmt: string | null;
};

/** A comment as we output it; a poll passes one link resolver for all its comments. */
export function toCommentOutput(comment: WPComment, site: string | LinkResolver): CommentOutput {
  const absolute = typeof site === 'string' ? linkResolver(site) : site;
  const post = comment._embedded?.up?.find((p) => !p.code && p.id === comment.post);
  return {
    id: comment.id,
    post_id: comment.post,
    post_title: post ? stripTags(post.title?.rendered ?? '') : null,
    post_link: post ? absolute(post.link) : null,
    parent_id: comment.parent || null,
    author_id: comment.author || null,
    author_name: stripTags(comment.author_name ?? ''),
    author_url: comment.author_url ?? '',
    author_email: comment.author_email || null,
    content_html: comment.content?.rendered ?? '',
    content_text: htmlToText(comment.content?.rendered),
    link: absolute(comment.link),
    status: comment.status,
    type: comment.type,
    date: localToIso(comment.date, comment.date_gmt),
    date_gmt: gmtToIso(comment.date_gmt),
  };
}

/** How long a connection refused the edit context is remembered: roles change rarely. */
const NO_EDIT_CONTEXT_SECONDS = 24 * 3600;

function noEditContextKey(bundle: Bundle): string | undefined {
  const auth = authDataOf(bundle);
  return auth.rest_root ? `wp-comments-view-only:${auth.rest_root}:${(auth.username ?? '').toLowerCase()}` : undefined;
}

/**
 * A comment read in the edit context, which alone shows the author's email and needs
 * `moderate_comments`; a user without it (403 `rest_forbidden_context`) gets the view context, and
 * the refusal is remembered for a day so that each poll stays one request.
 */
export async function readWithEmails<T>(
  z: ZObject,
  bundle: Bundle,
  call: WordPressCall & { query: Query },
): Promise<T> {
  const key = noEditContextKey(bundle);
  const viewOnly = await cacheGet<{ at: number }>(z, key, (value) => typeof value.at === 'number');
  if (!viewOnly) {
    try {
      return (await callWordPress<T>(z, bundle, { ...call, query: { ...call.query, context: 'edit' } })).data;
    } catch (err) {
      if (!isWordPressCode(err, 'rest_forbidden_context')) throw err;
      await cacheSet(z, key, { at: Date.now() }, NO_EDIT_CONTEXT_SECONDS);
    }
  }
  return (await callWordPress<T>(z, bundle, { ...call, query: { ...call.query, context: 'view' } })).data;
}

/** What every operation that returns a comment outputs, field by field (the writes add their warnings). */
export const COMMENT_OUTPUT_FIELDS: OutputField[] = [
  { key: 'id', label: 'Comment ID', type: 'integer', sample: 231 },
  { key: 'post_id', label: 'Post ID', type: 'integer', sample: 1234 },
  { key: 'post_title', label: 'Post Title (Plain Text)', sample: 'What’s new in our spring collection' },
  {
    key: 'post_link',
    label: 'Post Permalink (URL)',
    sample: 'https://example.com/2026/03/14/whats-new-in-our-spring-collection/',
  },
  { key: 'parent_id', label: 'Parent Comment ID (Reply To)', type: 'integer', sample: 230 },
  { key: 'author_id', label: 'Author User ID', type: 'integer', sample: 7 },
  { key: 'author_name', label: 'Author Name', sample: 'Jane Doe' },
  { key: 'author_url', label: 'Author Website', sample: 'https://janedoe.example.org' },
  { key: 'author_email', label: 'Author Email (Editors and Administrators Only)', sample: 'jane.doe@example.com' },
  {
    key: 'content_html',
    label: 'Content (HTML)',
    sample: '<p>Love the linen line &amp; the colours!<br />\nWill it come in navy?</p>\n',
  },
  {
    key: 'content_text',
    label: 'Content (Plain Text)',
    sample: 'Love the linen line & the colours!\nWill it come in navy?',
  },
  {
    key: 'link',
    label: 'Comment URL',
    sample: 'https://example.com/2026/03/14/whats-new-in-our-spring-collection/#comment-231',
  },
  { key: 'status', label: 'Status', sample: 'approved' },
  { key: 'type', label: 'Type', sample: 'comment' },
  { key: 'date', label: 'Date (Site Time)', type: 'datetime', sample: '2026-03-14T11:15:42+01:00' },
  { key: 'date_gmt', label: 'Date (UTC)', type: 'datetime', sample: '2026-03-14T10:15:42+00:00' },
];

/** What New Comment outputs. */
export const commentOutput = defineOutput<CommentOutput>(COMMENT_OUTPUT_FIELDS);

/** What Create Comment and Update Comment output. */
export const commentWriteOutput = defineWriteOutput<CommentOutput>(
  COMMENT_OUTPUT_FIELDS,
  'Status: WordPress kept the comment Awaiting Moderation instead of Approved. Approve it in WordPress under Comments.',
);

// ---------------------------------------------------------------------------- writing comments

/**
 * `comment_content` is a TEXT column: 65,525 bytes once WordPress has taken its margin
 * (wp_get_comment_fields_max_lengths). Counted in characters here; WordPress counts the bytes.
 */
export const MAX_COMMENT_CONTENT = 65_525;

/** The fields Create Comment and Update Comment share; only required-ness and help differ. */
export function commentContentField(required: boolean) {
  return {
    key: 'content',
    label: 'Content',
    type: 'text',
    required,
    helpText:
      'The comment, as HTML or plain text: sent as it is. WordPress keeps only the HTML its comment rules allow (links, bold, italics, quotes…) unless the connected user may post unfiltered HTML (Editors and Administrators).',
  } as const;
}

export function commentStatusField(statuses: Partial<Record<CommentStatus, string>>, helpText: string) {
  return { key: 'status', label: 'Status', choices: statuses, required: false, helpText } as const;
}

/** The comment WordPress answered a write with, and what it did not apply although it was asked. */
export function statusNotApplied(asked: CommentStatus | undefined, comment: WPComment): string[] {
  if (!asked || comment.status === asked) return [];
  return [
    `Status: WordPress left the comment ${commentStatusLabel(comment.status)} instead of ${commentStatusLabel(asked)} (a plugin may have stopped the change). Set the status in WordPress under Comments.`,
  ];
}
