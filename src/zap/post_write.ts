// Saving a post for Create Post and Update Post, in the order that leaves as little behind as
// possible when something fails, and nothing twice:
//   0. settle what WordPress would get wrong without a word, while nothing is written yet (a step
//      that fails after a write is written again by Zapier's Autoreplay): a date that would publish
//      at once, a field the post type does not have, a featured image ID that is no image
//      (post_checks.ts, which also settles the status a date implies);
//   1. download the featured image, still before any write: a link that fails leaves nothing;
//   2. turn category/tag names into IDs (idempotent: an existing name is reused; digits that are no
//      ID are created as a name, with a warning: a dropdown pick deleted since);
//   3. upload the image (before the post, so the post never goes out without it; if the post then
//      fails, the image is removed again);
//   4. one request, with the fields to empty (Clear These Fields), that also returns everything
//      the output needs (POST_QUERY);
//   5. compare what WordPress applied with what was sent: it silently drops unknown category
//      IDs, an invalid featured image and unregistered custom fields, and publishes a schedule whose
//      date is no longer a minute ahead when the post arrives. The post exists by then,
//      so these are warnings on the successful step, never an error.
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  UserInputError,
  WordPressError,
  invalidParamsMessage,
  reword,
  userMessageOf,
  wordpressSaid,
} from '../connection/errors';
import { DownloadedFile, downloadFile } from './files';
import { deleteMedia, uploadMedia } from './media';
import { needsCapability } from '../connection/messages';
import { defineWriteOutput } from '../wordpress/output';
import { POST_OUTPUT_FIELDS, POST_QUERY, POST_STATUSES, PostOutput, WPPost, toPostOutput } from '../wordpress/post';
import { checkPostWrite } from './post_checks';
import { addCustomValues, removeUploads } from './custom_write';
import { readPostCustom } from '../wordpress/post_custom';
import { CLEARED, PARAM_LABELS, POST_FORM_KEYS, PostInput, postFields } from './post_form';
import { PostTypeInfo, requestForPostType } from '../wordpress/post_types';
import { callWordPress } from '../connection/request';
import { settleCreate, settleUpdate } from './settle_write';
import { siteUrlOf } from '../connection/site';
import { TAXONOMY, Taxonomy, resolveTermIds, typeWithTaxonomies } from '../wordpress/terms';
import { clip, stripTags } from '../wordpress/text';
import { postLookup, postReadBack } from './write_lookups';

const F = postFields('create');

/** The post as every post output gives it, and what WordPress left out although it was sent. */
export type PostWriteOutput = PostOutput & { warnings: string[] };

/** A custom field WordPress dropped, as a warning. */
const metaNotSaved = (key: string) =>
  `${F.meta.label}: WordPress did not save "${clip(key)}", because it is not registered for the REST API. A developer must register it with register_post_meta and show_in_rest => true; until then, set it in WordPress.`;

/** What Create Post and Update Post output. */
export const postWriteOutput = defineWriteOutput<PostOutput>(POST_OUTPUT_FIELDS, metaNotSaved('source_id'));

/**
 * Creates the post, or updates `postId`, with everything the form asked for. `warnings` has one
 * sentence per thing WordPress left out (empty when everything was applied).
 */
export async function savePost(z: ZObject, bundle: Bundle, form: PostInput): Promise<PostWriteOutput> {
  const taxonomies = (['categories', 'tags'] as Taxonomy[]).filter((taxonomy) => form[taxonomy]);
  const type = await typeWithTaxonomies(z, bundle, form.postType, taxonomies);
  const custom = await readPostCustom(z, bundle, form.postType, POST_FORM_KEYS);
  let input: PostInput;
  try {
    input = await checkPostWrite(z, bundle, form, type);
  } catch (err) {
    throw postWriteError(err, form, form);
  }

  const body: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(input.body).filter(([, value]) => value !== undefined)),
    ...Object.fromEntries(input.clear.map((key) => [CLEARED[key].property, CLEARED[key].value])),
  };
  const image = input.featuredImage;
  const file = image && 'url' in image ? await downloadImage(z, bundle, input, image.url) : undefined;
  const stepWarnings: string[] = [];
  for (const taxonomy of taxonomies) {
    const terms = await resolveTermIds(z, bundle, taxonomy, input[taxonomy]!, F[taxonomy]);
    body[taxonomy] = terms.ids;
    stepWarnings.push(...terms.warnings);
  }
  for (const { taxonomy, input: values } of custom?.terms ?? []) {
    const field = { key: taxonomy.rest_base, label: taxonomy.label };
    const terms = await resolveTermIds(z, bundle, taxonomy.rest_base, values, field);
    body[taxonomy.rest_base] = terms.ids;
    stepWarnings.push(...terms.warnings);
  }
  let uploaded: number | undefined;
  if (image && 'id' in image) body.featured_media = image.id;
  // Alt text and the media title are plain text (WordPress strips tags from them anyway).
  const title = input.body.title === undefined ? undefined : stripTags(input.body.title) || undefined;
  if (file) {
    const upload = await uploadMedia(z, bundle, file, { title, alt_text: title });
    uploaded = upload.item.id;
    body.featured_media = uploaded;
    if (upload.warning) stepWarnings.push(upload.warning);
  }
  const customUploads = custom ? await addCustomValues(z, bundle, custom.values, body, title) : [];

  let post: WPPost;
  let lost: string | undefined;
  try {
    ({ item: post, warning: lost } = await requestForPostType(
      z,
      bundle,
      input.postType,
      async (route) => {
        const target = input.postId === undefined ? route : `${route}/${input.postId}`;
        // Nothing to change: a POST would still bump the modified date, so read instead.
        const query = POST_QUERY;
        if (input.postId !== undefined && Object.keys(body).length === 0) {
          return { item: (await callWordPress<WPPost>(z, bundle, { route: target, query })).data };
        }
        const write = async () =>
          (await callWordPress<WPPost>(z, bundle, { route: target, query, method: 'POST', json: body })).data;
        // An answer lost after the write: the post is looked up (or read back) before the step ends.
        return input.postId === undefined
          ? settleCreate(write, postLookup(z, bundle, route, body, query))
          : settleUpdate(write, postReadBack(z, bundle, target, body, query, PARAM_LABELS));
      },
      { info: type },
    ));
  } catch (err) {
    await removeUploads(z, bundle, err, customUploads);
    throw await withImageCleanup(z, bundle, postWriteError(err, input, form), uploaded);
  }
  const output = toPostOutput(post, siteUrlOf(bundle));
  // An emptied excerpt is shown empty, not as the one WordPress renders from the content instead.
  if (input.clear.includes('excerpt') && post.excerpt?.raw === '')
    Object.assign(output, { excerpt_html: '', excerpt_text: '' });
  const warnings = [...(lost ? [lost] : []), ...stepWarnings, ...notApplied(body, post, type, uploaded)];
  return { ...output, warnings };
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

/** Our message for a WordPress refusal of the post write (`form`: the input before the checks settled it). */
function postWriteError(err: unknown, input: PostInput, form: PostInput): unknown {
  const type = input.postType;
  const status = input.body.status ? POST_STATUSES[input.body.status] : undefined;
  const emptied = input.clear.filter((key) => key === 'title' || key === 'content' || key === 'excerpt');
  return reword(err, {
    rest_cannot_create: needsCapability(
      type === 'page' ? 'edit_pages' : 'edit_posts',
      `create ${type === 'post' ? 'posts' : `"${type}" items`}`,
    ),
    rest_cannot_publish: (e) =>
      form.body.status === undefined && input.body.status === 'future'
        ? `${F.date.label}: a date at least a minute ahead schedules the post, and the WordPress user this connection uses may not schedule posts; that needs an Author, Editor or Administrator. To save it with this date, set Status to Draft or Pending Review.${wordpressSaid(e.body)}`
        : `Status: the WordPress user this connection uses may not ${status === 'Private' ? 'create private posts' : 'publish or schedule posts'} (${status ?? 'Published'}); that needs an Author, Editor or Administrator.` +
          ` A Contributor can still submit the post for review: set Status to Pending Review, and an editor publishes it.${wordpressSaid(e.body)}`,
    rest_cannot_edit: (e) =>
      `Post: the WordPress user this connection uses may not edit ${type} ${input.postId ?? ''}. Authors and Contributors can edit only their own posts (Contributors only until they are published); Editors and Administrators can edit all.${wordpressSaid(e.body)}`,
    rest_cannot_edit_others: `Author: only Editors and Administrators may make another user the author. Leave Author empty to publish as the connected user, or reconnect as an Editor.`,
    rest_cannot_assign_sticky: needsCapability('edit_others_posts', 'make posts sticky') + ' Or leave Sticky empty.',
    rest_cannot_assign_term: needsCapability('edit_posts', 'assign these categories or tags'),
    rest_post_invalid_id: `Post: WordPress has no ${type} with ID ${input.postId ?? ''} (it may have been deleted, or it is another post type: check Post Type).`,
    rest_invalid_author: `Author: WordPress has no user with ID ${input.body.author ?? ''}. Pick the author from the dropdown.`,
    empty_content: emptied.length
      ? `Title, Content and Excerpt would all be empty: WordPress needs at least one of them. Take ${emptied.map((key) => F[key].label).join(' or ')} out of Clear These Fields, or fill in the Title.`
      : 'Title, Content and Excerpt are all empty: WordPress needs at least one of them. Fill in the Title.',
    rest_invalid_param: (e) => e.body && invalidParamsMessage(e.body, PARAM_LABELS),
    rest_missing_callback_param: (e) => e.body && invalidParamsMessage(e.body, PARAM_LABELS),
  });
}

/**
 * What WordPress left out of a write although it was sent (it reports none of these): one sentence
 * each, saying what to do. The post exists by now, so these are warnings on the step, never errors.
 */
function notApplied(body: Record<string, unknown>, post: WPPost, type: PostTypeInfo, uploaded?: number): string[] {
  const warnings = lostTerms(body, post);
  // The date was checked a minute ahead before the download and upload; those may have eaten it.
  if (body.status === 'future' && post.status === 'publish') {
    warnings.push(
      `Status: WordPress published the post at once instead of scheduling it, because its ${F.date.label} was less than a minute ahead when it arrived. Unpublish it or set a new date in WordPress if it should not be public yet.`,
    );
  }
  const media = body.featured_media as number | undefined;
  if (media !== undefined && post.featured_media !== media) {
    const kept = media === uploaded ? ` The uploaded image stays in the media library as media ID ${media}.` : '';
    warnings.push(
      post.featured_media === undefined
        ? `${F.featured_image.label}: WordPress did not set it, because the post type "${type.slug}" has no featured images. Leave ${F.featured_image.label} empty for this post type.${kept}`
        : `${F.featured_image.label}: WordPress did not set media ID ${media}, because it does not exist or is not an image. Pick an image from the media library, and set it with Update Post or in WordPress.${kept}`,
    );
  }
  const meta = body.meta as Record<string, string> | undefined;
  const lostMeta = Object.keys(meta ?? {}).filter((key) => !post.meta || !(key in post.meta));
  warnings.push(...lostMeta.map(metaNotSaved));
  for (const key of ['format', 'sticky', 'comment_status'] as const) {
    if (body[key] !== undefined && post[key] === undefined) {
      warnings.push(
        `${F[key].label}: WordPress ignored it, because the post type "${type.slug}" does not support it. Leave ${F[key].label} empty for this post type.`,
      );
    }
  }
  return warnings;
}

/** Category and tag IDs WordPress dropped because no such term exists. */
function lostTerms(body: Record<string, unknown>, post: WPPost): string[] {
  const warnings: string[] = [];
  for (const taxonomy of ['categories', 'tags'] as Taxonomy[]) {
    const sent = body[taxonomy] as number[] | undefined;
    const applied = post[taxonomy] ?? [];
    const lost = (sent ?? []).filter((id) => !applied.includes(id));
    if (!lost.length) continue;
    const { one, many } = TAXONOMY[taxonomy];
    const label = F[taxonomy].label;
    warnings.push(
      `${label}: WordPress did not add ${lost.length > 1 ? many : one} ${lost.join(', ')}, because the site has no ${one} with ${lost.length > 1 ? 'these IDs' : 'this ID'}. Pick ${label} from the dropdown, and add them with Update Post or in WordPress.`,
    );
  }
  return warnings;
}
