// What a post write is checked for before anything is written (a term, an image, the post): what
// WordPress would otherwise get wrong without a word, and that one small request settles. A step
// that failed after its write would be written again by Zapier's Autoreplay.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isWordPressCode } from './errors';
import type { WPPost } from './post';
import { PostInput, postFields } from './post_form';
import { PostTypeInfo, requestForPostType } from './post_types';
import { callWordPress } from './request';
import { SiteZone, siteLocalToUtcMs, siteZone, wordpressDateMs } from './site_time';

const F = postFields('create');

/** Everything a write of `input` is checked for; throws what the user must correct. */
export async function checkPostWrite(z: ZObject, bundle: Bundle, input: PostInput, type: PostTypeInfo): Promise<void> {
  const image = input.featuredImage && 'id' in input.featuredImage ? input.featuredImage.id : undefined;
  await Promise.all([
    assertScheduledAhead(z, bundle, input, type),
    image === undefined ? undefined : assertImageInLibrary(z, bundle, image),
  ]);
}

/** The Publish Date as read: site time (`date`) or UTC (`date_gmt`), at most one of them. */
const datesOf = (input: PostInput): { date?: string; date_gmt?: string } => input.body;

/** WordPress publishes a Scheduled post at once when its time is less than a minute ahead. */
const SCHEDULE_MARGIN_MS = 60_000;

/**
 * Refuses Scheduled with a time that is not ahead: WordPress would publish the post at once. A
 * date without a zone is the site's time, so only then is the site's zone asked for.
 */
async function assertScheduledAhead(z: ZObject, bundle: Bundle, input: PostInput, type: PostTypeInfo): Promise<void> {
  const { status } = input.body;
  const { date, date_gmt } = datesOf(input);
  const keepsDate = date === undefined && date_gmt === undefined;
  // Create Post refuses Scheduled without a date itself.
  if (status !== 'future' || (keepsDate && input.postId === undefined)) return;
  const { when, shown } = await scheduledTime(z, bundle, input, type);
  const ahead = when - Date.now();
  if (ahead >= SCHEDULE_MARGIN_MS) return;
  const timing = ahead > 0 ? 'less than a minute from now' : 'in the past';
  const what = keepsDate
    ? `Status is Scheduled but ${F.date.label} is empty, and ${type.slug} ${input.postId} is dated ${shown}, ${timing}`
    : `${F.date.label}: ${shown} is ${timing}`;
  throw new UserInputError(
    `${what}: with Status Scheduled, WordPress would publish the ${type.slug} at once instead of scheduling it. ` +
      `${keepsDate ? `Fill in ${F.date.label} with` : `Set ${F.date.label} to`} a date and time at least a minute ahead, or set Status to Published to publish it now.`,
    'schedule_not_ahead',
  );
}

/** When a Scheduled write would publish, and that time in words: the date given, or the stored one. */
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
  const stored = await storedDateGmt(z, bundle, input, type);
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

/** The date the post to update has now (WordPress keeps it when Publish Date is empty). */
async function storedDateGmt(
  z: ZObject,
  bundle: Bundle,
  input: PostInput,
  type: PostTypeInfo,
): Promise<string | null | undefined> {
  const read = async (route: string) => {
    const target = `${route}/${input.postId}`;
    return (await callWordPress<Pick<WPPost, 'date_gmt'>>(z, bundle, { route: target, query: { _fields: 'date_gmt' } }))
      .data.date_gmt;
  };
  return requestForPostType(z, bundle, input.postType, read, { info: type });
}

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
