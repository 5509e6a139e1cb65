// What the Post dropdowns share: one page of a type's items in every status the user may edit, and
// how each item reads in a dropdown (`Spring launch (Scheduled)`, with WordPress's admin words).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { statusParamDetail } from '../../connection/errors';
import { defineOutput } from '../../wordpress/output';
import { WPPost, plainTitle, statusLabel } from '../../wordpress/post';
import { PostTypeInfo, requestForPostType } from '../../wordpress/post_types';
import { dropdownPage } from './paging';

/** What a dropdown needs of an item: `_fields` keeps the rest (content, SEO fields) off the wire. */
export type PostSummary = Pick<WPPost, 'id' | 'title' | 'status' | 'type' | 'date'>;

export type PostChoice = {
  id: number;
  name: string;
  status: string;
  type: string;
};

const POST_LIST_QUERY = { _fields: 'id,title,status,type,date', orderby: 'date', order: 'desc' } as const;

/**
 * Every status the user may edit, trash left out. Media has its own: `any` is not among them (400
 * `rest_not_in_enum`: "inherit, private, and trash").
 */
function editableStatuses(postType: string): string {
  return postType === 'attachment' ? 'inherit,private' : 'any';
}

/** Statuses an item's name does not mention: a published post, a media item (which inherits its post's). */
const UNREMARKABLE_STATUSES = new Set(['publish', 'inherit']);

/**
 * One dropdown page of a type's items, newest first. Drafts and pending posts are what people most
 * often update or attach files to, so every status the user may edit; a user who may not (no
 * edit_posts), or a type whose statuses are its own, gets what the type lists by default.
 */
export async function editablePostsPage(
  z: ZObject,
  bundle: Bundle,
  postType: string | undefined,
  info?: PostTypeInfo,
): Promise<PostSummary[]> {
  const summary = (post: PostSummary) => post;
  return requestForPostType(
    z,
    bundle,
    postType,
    async (route, type) => {
      try {
        const query = { ...POST_LIST_QUERY, status: editableStatuses(type.slug) };
        return await dropdownPage(z, bundle, route, query, summary);
      } catch (err) {
        if (!statusParamDetail(err)) throw err;
        return dropdownPage(z, bundle, route, POST_LIST_QUERY, summary);
      }
    },
    { info },
  );
}

/** WordPress's admin word for a status (Scheduled, Pending Review); a status of a plugin keeps its slug. */
/** `Title`, `Title (Scheduled)`, or with the type's name: `About us (Page)`, `Dune (Book, Draft)`. */
export function toPostChoice(post: PostSummary, typeName?: string): PostChoice {
  const title = plainTitle(post) || '(no title)';
  const remarks = [typeName, UNREMARKABLE_STATUSES.has(post.status) ? undefined : statusLabel(post.status)];
  const remark = remarks.filter(Boolean).join(', ');
  return {
    id: post.id,
    name: remark ? `${title} (${remark})` : title,
    status: post.status,
    type: post.type,
  };
}

/** The choice's output, with the sample each dropdown shows. */
export function postChoiceOutput(sample: PostChoice) {
  return defineOutput<PostChoice>([
    { key: 'id', label: 'Post ID', type: 'integer', sample: sample.id },
    { key: 'name', label: 'Title', sample: sample.name },
    { key: 'status', label: 'Status', sample: sample.status },
    { key: 'type', label: 'Post Type', sample: sample.type },
  ]);
}
