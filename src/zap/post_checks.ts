// What a post write is checked for before anything is written (a term, an image, the post): what
// WordPress would otherwise get wrong without a word, and that at most a small request settles. A
// step that failed after its write would be written again by Zapier's Autoreplay.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isWordPressCode } from '../connection/errors';
import type { PostStatus, WPPost } from '../wordpress/post';
import { CLEARED, PostInput, postFields } from './post_form';
import {
  OPTIONAL_POST_PROPERTIES,
  OptionalPostProperty,
  PostTypeInfo,
  postTypeProperties,
  requestForPostType,
} from '../wordpress/post_types';
import { callWordPress } from '../connection/request';
import { SiteZone, siteLocalToUtcMs, siteZone, wordpressDateMs } from '../wordpress/site_time';
import { TAXONOMY, Taxonomy } from '../wordpress/terms';

const F = postFields('create');

/**
 * Everything a write of `input` is checked for; throws what the user must correct. Returns the
 * input as it is to be written: a new post with a Publish Date ahead and no Status is Scheduled,
 * and what changes nothing on the type (Sticky No on a page, emptying what it has not) is left out.
 */
export async function checkPostWrite(
  z: ZObject,
  bundle: Bundle,
  input: PostInput,
  type: PostTypeInfo,
): Promise<PostInput> {
  const image = input.featuredImage && 'id' in input.featuredImage ? input.featuredImage.id : undefined;
  const [supported, status] = await Promise.all([
    onlySupported(z, bundle, input, type),
    settledStatus(z, bundle, input, type),
    image === undefined ? undefined : assertImageInLibrary(z, bundle, image),
  ]);
  return status ? { ...supported, body: { ...supported.body, status } } : supported;
}

// ------------------------------------------------------------------ what the post type supports

/** What the form calls each property a type may lack, and what such a type has none of. */
const PROPERTY: Record<OptionalPostProperty, { label: string; what: string }> = {
  title: { label: F.title.label, what: 'titles' },
  content: { label: F.content.label, what: 'content editor' },
  excerpt: { label: F.excerpt.label, what: 'excerpts' },
  author: { label: F.author.label, what: 'authors' },
  featured_media: { label: F.featured_image.label, what: 'featured images' },
  comment_status: { label: F.comment_status.label, what: 'comments' },
  format: { label: F.format.label, what: 'post formats' },
  sticky: { label: F.sticky.label, what: 'sticky posts (only Posts can be sticky)' },
  meta: { label: F.meta.label, what: 'custom fields' },
};

/** The properties the write gives a value that changes something. */
function propertiesSet(input: PostInput): OptionalPostProperty[] {
  const { body } = input;
  const set: Record<OptionalPostProperty, boolean> = {
    title: body.title !== undefined,
    content: body.content !== undefined,
    excerpt: body.excerpt !== undefined,
    author: body.author !== undefined,
    featured_media: input.featuredImage !== undefined,
    comment_status: body.comment_status !== undefined,
    // Standard is no format and No is not sticky: on a type without either, nothing to refuse.
    format: body.format !== undefined && body.format !== 'standard',
    sticky: body.sticky === true,
    meta: body.meta !== undefined,
  };
  return OPTIONAL_POST_PROPERTIES.filter((property) => set[property]);
}

/**
 * Refuses a value for a property the type does not have: WordPress would ignore it without a word.
 * A refusal never rests on a cached answer alone (the type may have gained support since).
 */
async function onlySupported(z: ZObject, bundle: Bundle, input: PostInput, type: PostTypeInfo): Promise<PostInput> {
  const set = propertiesSet(input);
  const mayChangeNothing = input.body.format === 'standard' || input.body.sticky === false || input.clear.length > 0;
  if (!set.length && !mayChangeNothing) return input;
  const lookup = await postTypeProperties(z, bundle, type);
  let { properties } = lookup;
  const lacking = () => set.filter((property) => properties && !properties.includes(property));
  if (lookup.fromCache && lacking().length)
    ({ properties } = await postTypeProperties(z, bundle, type, { fresh: true }));
  if (!properties) return input;
  const missing = lacking();
  if (missing.length) {
    throw new UserInputError(
      missing
        .map((property) => {
          const { label, what } = PROPERTY[property];
          return `${label}: the post type "${type.slug}" has no ${what}, so WordPress would ignore it. Leave ${label} empty for this post type.`;
        })
        .join(' '),
      'not_supported_by_type',
    );
  }
  return withoutNoOps(input, properties, type);
}

/** The input without values that change nothing on this type: they are not sent. */
function withoutNoOps(input: PostInput, properties: OptionalPostProperty[], type: PostTypeInfo): PostInput {
  const has = (property: string): boolean => {
    if (property === 'categories' || property === 'tags') {
      // A type's taxonomies are not always known (pages, without a filter): send, WordPress ignores.
      return !type.taxonomies || type.taxonomies.includes(TAXONOMY[property as Taxonomy].slug);
    }
    return properties.includes(property as OptionalPostProperty);
  };
  const body = { ...input.body };
  if (!has('format')) delete body.format;
  if (!has('sticky')) delete body.sticky;
  return { ...input, body, clear: input.clear.filter((key) => has(CLEARED[key].property)) };
}

// ------------------------------------------------------------------ when the post is published

/** The Publish Date as read: site time (`date`) or UTC (`date_gmt`), at most one of them. */
const datesOf = (input: PostInput): { date?: string; date_gmt?: string } => input.body;

/** WordPress publishes a Scheduled post at once when its time is less than a minute ahead. */
const SCHEDULE_MARGIN_MS = 60_000;

/** Site clocks run from 12 hours behind UTC to 14 ahead: a site-local date is an instant in that span. */
const SITE_SPAN_MS = { behind: 12 * 3_600_000, ahead: 14 * 3_600_000 };

/**
 * Whether the Publish Date is at least a minute ahead, when that holds whatever the site's zone
 * (no request); undefined when only the zone can tell, or there is no date.
 */
function surely(input: PostInput): 'ahead' | 'not ahead' | undefined {
  const { date, date_gmt } = datesOf(input);
  const at = date_gmt ?? date;
  if (at === undefined) return undefined;
  const utc = wordpressDateMs(at);
  const [earliest, latest] =
    date_gmt !== undefined ? [utc, utc] : [utc - SITE_SPAN_MS.ahead, utc + SITE_SPAN_MS.behind];
  if (earliest - Date.now() >= SCHEDULE_MARGIN_MS) return 'ahead';
  if (latest - Date.now() < SCHEDULE_MARGIN_MS) return 'not ahead';
  return undefined;
}

const timing = (ahead: number) => (ahead > 0 ? 'less than a minute from now' : 'in the past');

/**
 * The status the write needs that the form left empty, after refusing what would publish the post
 * at once: Scheduled with a time not ahead; a scheduled post given an earlier date. A new post with
 * a date ahead and no Status is Scheduled (a draft keeps a future date and publishes nothing).
 */
async function settledStatus(
  z: ZObject,
  bundle: Bundle,
  input: PostInput,
  type: PostTypeInfo,
): Promise<PostStatus | undefined> {
  const { status } = input.body;
  const { date, date_gmt } = datesOf(input);
  if (status === 'future') {
    await assertScheduledAhead(z, bundle, input, type);
    return undefined;
  }
  if (status !== undefined || (date === undefined && date_gmt === undefined)) return undefined;
  const isNew = input.postId === undefined;
  const verdict = surely(input);
  if (verdict === 'ahead') return isNew ? 'future' : undefined;
  if (isNew && verdict === 'not ahead') return undefined;
  let time = verdict === undefined ? await scheduledTime(z, bundle, input, type) : undefined;
  if (time && time.when - Date.now() >= SCHEDULE_MARGIN_MS) return isNew ? 'future' : undefined;
  if (isNew || (await storedPost(z, bundle, input, type, 'status')).status !== 'future') return undefined;
  time ??= await scheduledTime(z, bundle, input, type);
  throw new UserInputError(
    `${F.date.label}: ${time.shown} is ${timing(time.when - Date.now())}, and ${type.slug} ${input.postId} is scheduled: WordPress would publish it at once. ` +
      `Set ${F.date.label} to a date and time at least a minute ahead to keep it scheduled, or set Status to Published to publish it now with this date.`,
    'schedule_not_ahead',
  );
}

/**
 * Refuses Scheduled with a time that is not ahead: WordPress would publish the post at once. A
 * date without a zone is the site's time, so only then (and only near now) is the zone asked for.
 */
async function assertScheduledAhead(z: ZObject, bundle: Bundle, input: PostInput, type: PostTypeInfo): Promise<void> {
  const { date, date_gmt } = datesOf(input);
  const keepsDate = date === undefined && date_gmt === undefined;
  // Create Post refuses Scheduled without a date itself.
  if ((keepsDate && input.postId === undefined) || surely(input) === 'ahead') return;
  const { when, shown } = await scheduledTime(z, bundle, input, type);
  const ahead = when - Date.now();
  if (ahead >= SCHEDULE_MARGIN_MS) return;
  const what = keepsDate
    ? `Status is Scheduled but ${F.date.label} is empty, and ${type.slug} ${input.postId} is dated ${shown}, ${timing(ahead)}`
    : `${F.date.label}: ${shown} is ${timing(ahead)}`;
  throw new UserInputError(
    `${what}: with Status Scheduled, WordPress would publish the ${type.slug} at once instead of scheduling it. ` +
      `${keepsDate ? `Fill in ${F.date.label} with` : `Set ${F.date.label} to`} a date and time at least a minute ahead, or set Status to Published to publish it now.`,
    'schedule_not_ahead',
  );
}

/** When a write would publish, and that time in words: the date given, or the stored one. */
async function scheduledTime(
  z: ZObject,
  bundle: Bundle,
  input: PostInput,
  type: PostTypeInfo,
): Promise<{ when: number; shown: string }> {
  const { date, date_gmt } = datesOf(input);
  if (date_gmt !== undefined) return { when: wordpressDateMs(date_gmt), shown: `${readable(date_gmt)} UTC` };
  if (date !== undefined) {
    const zone = await siteZone(z, bundle);
    return { when: siteLocalToUtcMs(date, zone), shown: `${readable(date)} (site time${zoneName(zone)})` };
  }
  const stored = (await storedPost(z, bundle, input, type, 'date_gmt')).date_gmt;
  // No date of its own (WordPress shims one for drafts): WordPress would date it now.
  if (!stored) return { when: Date.now(), shown: 'now' };
  return { when: wordpressDateMs(stored), shown: `${readable(stored)} UTC` };
}

/** `2026-03-14 09:30:00` from WordPress's `2026-03-14T09:30:00`. */
const readable = (date: string) => date.replace('T', ' ');

function zoneName(zone: SiteZone): string {
  if (zone.timezone_string) return `, ${zone.timezone_string}`;
  const hours = Number(zone.gmt_offset ?? 0);
  return Number.isFinite(hours) ? `, UTC${hours < 0 ? '' : '+'}${hours}` : '';
}

/** One field of the post to update as it is now (WordPress keeps what the write leaves out). */
async function storedPost<K extends 'date_gmt' | 'status'>(
  z: ZObject,
  bundle: Bundle,
  input: PostInput,
  type: PostTypeInfo,
  field: K,
): Promise<Partial<Pick<WPPost, K>>> {
  const read = async (route: string) =>
    (await callWordPress<Pick<WPPost, K>>(z, bundle, { route: `${route}/${input.postId}`, query: { _fields: field } }))
      .data ?? {};
  return requestForPostType(z, bundle, input.postType, read, { info: type });
}

// ------------------------------------------------------------------ the featured image

/**
 * Refuses a featured image ID that is not an image in the media library: WordPress would save the
 * post without it and say nothing. One small request.
 */
async function assertImageInLibrary(z: ZObject, bundle: Bundle, id: number): Promise<void> {
  let mediaType: string | undefined;
  try {
    const route = `wp/v2/media/${id}`;
    mediaType = (
      await callWordPress<{ media_type?: string }>(z, bundle, { route, query: { _fields: 'id,media_type' } })
    ).data.media_type;
  } catch (err) {
    if (isWordPressCode(err, 'rest_post_invalid_id')) {
      throw new UserInputError(
        `${F.featured_image.label}: the media library has no item with ID ${id} (it may have been deleted). Enter the ID of an image in the media library, or map an image file or link instead.`,
        'media_not_found',
      );
    }
    // Not allowed to look (an image attached to another user's private post): WordPress may still
    // accept it, and the comparison after the write says if it did not.
    if (err instanceof WordPressError && err.httpStatus === 403) return;
    throw err;
  }
  // WordPress's media types are `image` and `file` (everything else: documents, audio, video).
  if (mediaType !== undefined && mediaType !== 'image') {
    throw new UserInputError(
      `${F.featured_image.label}: media ID ${id} is a file, not an image, and a featured image must be an image. Enter the ID of an image in the media library, or map an image file or link instead.`,
      'not_an_image',
    );
  }
}
