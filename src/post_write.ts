// Saving a post for Create Post and Update Post, in the order that leaves as little behind as
// possible when something fails, and nothing twice:
//   1. turn category/tag names into IDs (idempotent: an existing name is reused);
//   2. upload the featured image (before the post, so a failed download never leaves a post
//      without its image; if the post then fails, the image is removed again);
//   3. one request that also returns everything the output needs (POST_QUERY);
//   4. compare what WordPress applied with what was sent: it silently drops unknown category
//      IDs, an invalid featured image and unregistered custom fields.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, invalidParamsMessage, reword, userMessageOf, wordpressSaid } from './errors';
import { DownloadedFile, downloadFile } from './files';
import { deleteMedia, uploadMedia } from './media';
import { needsCapability } from './messages';
import { POST_FIELDS, POST_QUERY, POST_STATUSES, WPPost } from './post';
import { PARAM_LABELS, PostInput, postFields } from './post_form';
import { PostTypeInfo, postTypeInfo, requestForPostType } from './post_types';
import { callWordPress } from './request';
import { TAXONOMY, Taxonomy, assertTaxonomies, resolveTermIds } from './terms';
import { clip, stripTags } from './text';

const F = postFields('create');

export interface SavedPost {
  post: WPPost;
  type: PostTypeInfo;
  /** What WordPress left out although it was sent, in words (empty when everything was applied). */
  notApplied: string[];
}

/** Creates the post, or updates `postId`, with everything the form asked for. */
export async function savePost(z: ZObject, bundle: Bundle, input: PostInput): Promise<SavedPost> {
  const taxonomies = (['categories', 'tags'] as Taxonomy[]).filter((taxonomy) => input[taxonomy]);
  const type = await postTypeInfo(z, bundle, input.postType, { needTaxonomies: taxonomies.length > 0 });
  assertTaxonomies(type, taxonomies);

  const body: Record<string, unknown> = Object.fromEntries(
    Object.entries(input.body).filter(([, value]) => value !== undefined),
  );
  for (const taxonomy of taxonomies) {
    body[taxonomy] = await resolveTermIds(z, bundle, taxonomy, input[taxonomy]!, F[taxonomy]);
  }
  let uploaded: number | undefined;
  if (input.featuredImage && 'id' in input.featuredImage) body.featured_media = input.featuredImage.id;
  if (input.featuredImage && 'url' in input.featuredImage) {
    const file = await downloadImage(z, bundle, input, input.featuredImage.url);
    // Alt text and the media title are plain text (WordPress strips tags from them anyway).
    const text = input.body.title === undefined ? undefined : stripTags(input.body.title) || undefined;
    uploaded = (await uploadMedia(z, bundle, file, { title: text, alt_text: text })).id;
    body.featured_media = uploaded;
  }

  const query = input.body.meta ? { ...POST_QUERY, _fields: `${POST_FIELDS},meta` } : POST_QUERY;
  let post: WPPost;
  try {
    post = await requestForPostType(
      z,
      bundle,
      input.postType,
      async (route) => {
        const target = input.postId === undefined ? route : `${route}/${input.postId}`;
        // Nothing to change: a POST would still bump the modified date, so read instead.
        const nothingToChange = input.postId !== undefined && Object.keys(body).length === 0;
        const call = nothingToChange ? {} : { method: 'POST' as const, json: body };
        return (await callWordPress<WPPost>(z, bundle, { route: target, query, ...call })).data;
      },
      { info: type },
    );
  } catch (err) {
    throw await withImageCleanup(z, bundle, postWriteError(err, input), uploaded);
  }
  return { post, type, notApplied: notApplied(body, post) };
}

async function downloadImage(z: ZObject, bundle: Bundle, input: PostInput, url: string): Promise<DownloadedFile> {
  const fallback = input.body.slug ?? input.body.title ?? 'featured-image';
  const file = await downloadFile(z, bundle, url, F.featured_image.label, fallback);
  if (!file.contentType.startsWith('image/')) {
    throw new UserInputError(
      `${F.featured_image.label}: ${file.source} is ${file.contentType}, not an image. A featured image must be an image file (JPEG, PNG, GIF or WebP).`,
      'not_an_image',
    );
  }
  return file;
}

/**
 * The post failed after its image was uploaded: remove the image (a retry uploads it again) and
 * say so. Not after a network failure: the post may exist with the image.
 */
async function withImageCleanup(
  z: ZObject,
  bundle: Bundle,
  error: unknown,
  uploaded: number | undefined,
): Promise<unknown> {
  if (uploaded === undefined || !(error instanceof WordPressError)) return error;
  const removed = await deleteMedia(z, bundle, uploaded);
  const note = removed
    ? ' The featured image uploaded for it has been removed from the media library again.'
    : ` The featured image was uploaded (media ID ${uploaded}) and is still in the media library; delete it there, or enter ${uploaded} as the Featured Image when you run this again.`;
  return new WordPressError(`${userMessageOf(error)}${note}`, error.wpCode, error.httpStatus, error.body);
}

/** Our message for a WordPress refusal of the post write. */
function postWriteError(err: unknown, input: PostInput): unknown {
  const type = input.postType;
  const status = input.body.status ? POST_STATUSES[input.body.status] : undefined;
  return reword(err, {
    rest_cannot_create: needsCapability(
      type === 'page' ? 'edit_pages' : 'edit_posts',
      `create ${type === 'post' ? 'posts' : `"${type}" items`}`,
    ),
    rest_cannot_publish: (e) =>
      `Status: the WordPress user this connection uses may not ${status === 'Private' ? 'create private posts' : 'publish or schedule posts'} (${status ?? 'Published'}); that needs an Author, Editor or Administrator.` +
      ` A Contributor can still submit the post for review: set Status to Pending Review, and an editor publishes it.${wordpressSaid(e.body)}`,
    rest_cannot_edit: (e) =>
      `Post: the WordPress user this connection uses may not edit ${type} ${input.postId ?? ''}. Authors and Contributors can edit only their own posts (Contributors only until they are published); Editors and Administrators can edit all.${wordpressSaid(e.body)}`,
    rest_cannot_edit_others: `Author: only Editors and Administrators may make another user the author. Leave Author empty to publish as the connected user, or reconnect as an Editor.`,
    rest_cannot_assign_sticky: needsCapability('edit_others_posts', 'make posts sticky') + ' Or leave Sticky empty.',
    rest_cannot_assign_term: needsCapability('edit_posts', 'assign these categories or tags'),
    rest_post_invalid_id: `Post: WordPress has no ${type} with ID ${input.postId ?? ''} (it may have been deleted, or it is another post type: check Post Type).`,
    rest_invalid_author: `Author: WordPress has no user with ID ${input.body.author ?? ''}. Pick the author from the dropdown.`,
    empty_content: 'Title, Content and Excerpt are all empty: WordPress needs at least one of them. Fill in the Title.',
    rest_invalid_param: (e) => e.body && invalidParamsMessage(e.body, PARAM_LABELS),
    rest_missing_callback_param: (e) => e.body && invalidParamsMessage(e.body, PARAM_LABELS),
  });
}

/** What WordPress left out of a write although it was sent (it reports none of these). */
export function notApplied(body: Record<string, unknown>, post: WPPost): string[] {
  const missing: string[] = [];
  for (const taxonomy of ['categories', 'tags'] as Taxonomy[]) {
    const sent = body[taxonomy] as number[] | undefined;
    if (!sent) continue;
    const applied = post[taxonomy];
    const lost = applied ? sent.filter((id) => !applied.includes(id)) : sent;
    if (lost.length) {
      missing.push(
        `${F[taxonomy].label} ${lost.join(', ')} (no ${TAXONOMY[taxonomy].one} with ${lost.length > 1 ? 'these IDs' : 'this ID'}; pick from the dropdown)`,
      );
    }
  }
  const media = body.featured_media as number | undefined;
  if (media !== undefined && post.featured_media !== media) {
    missing.push(
      post.featured_media === undefined
        ? `${F.featured_image.label} (this post type has no featured images)`
        : `${F.featured_image.label} (media ID ${media} does not exist or is not an image)`,
    );
  }
  const meta = body.meta as Record<string, string> | undefined;
  const lostMeta = Object.keys(meta ?? {}).filter((key) => !post.meta || !(key in post.meta));
  if (lostMeta.length) {
    missing.push(
      `${F.meta.label} ${lostMeta.map((k) => `"${clip(k)}"`).join(', ')} (not registered for the REST API; a developer must register ${lostMeta.length > 1 ? 'them' : 'it'} with register_post_meta and show_in_rest => true)`,
    );
  }
  for (const key of ['format', 'sticky', 'comment_status'] as const) {
    if (body[key] !== undefined && post[key] === undefined) {
      missing.push(`${F[key].label} (this post type does not support it)`);
    }
  }
  return missing;
}
