// New Media: every file added to the media library once, newest first, with its uploader and the
// post it is attached to, in one request (a burst of any size reaches the Zap across polls).
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, reword, wordpressSaid } from '../connection/errors';
import { Input, optionalId, single } from '../zap/input';
import { MEDIA_QUERY, MediaOutput, WPMediaItem, mediaOutput, toMediaOutput } from '../wordpress/media_item';
import { needsCapability } from '../connection/messages';
import { Query, callWordPress } from '../connection/request';
import { linkResolver, siteUrlOf } from '../connection/site';
import { clip } from '../wordpress/text';
import { NEW_PER_POLL, epochOf, pollById } from './id_poll';
import { pollResult } from './polling';

/** The kinds of file WordPress's `media_type` filter knows: the first part of a MIME type. */
const MEDIA_TYPES = {
  image: 'Images (any kind)',
  video: 'Videos',
  audio: 'Audio',
  application: 'Documents and other files (PDF, Word, ZIP, …)',
  text: 'Text files (plain text, CSV, …)',
} as const;
type MediaType = keyof typeof MEDIA_TYPES;

/**
 * A static list: WordPress's REST API does not say which MIME types a site accepts, and the kinds
 * plus the common types cover what people filter on without a request. Any other MIME type can be
 * typed (`image/heic`).
 */
const FILE_TYPES: Record<string, string> = {
  ...MEDIA_TYPES,
  'image/jpeg': 'JPEG images',
  'image/png': 'PNG images',
  'image/gif': 'GIF images',
  'image/webp': 'WebP images',
  'application/pdf': 'PDF documents',
  'video/mp4': 'MP4 videos',
  'audio/mpeg': 'MP3 audio',
};

const field = {
  file_type: {
    key: 'file_type',
    label: 'File Type',
    choices: FILE_TYPES,
    required: false,
    helpText:
      'Only files of this kind (Images, Videos, Audio, Documents, Text) or of one MIME type (image/jpeg, application/pdf). A MIME type missing from the list can be typed, for example image/heic. Leave empty for every new file.',
  },
  post: {
    key: 'post',
    label: 'Attached to Post',
    type: 'integer',
    dynamic: 'any_post_list.id.name',
    search: 'find_post.id',
    required: false,
    helpText:
      'Only files attached to this post, page or custom post type item (uploaded in its editor, or attached in the media library). Leave empty for every new file.',
  },
} as const;

const inputFields = defineInputFields(Object.values(field));

type FileFilter = { media_type: MediaType } | { mime_type: string } | undefined;

const MIME_TYPE = /^([a-z]+)\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * What File Type asks for: a kind (`image`, or its label `Images (any kind)`), or a MIME type under
 * one of the kinds. WordPress silently ignores any other `mime_type` and answers with every file,
 * so anything else is refused here, before a request.
 */
function fileFilter(input: Input): FileFilter {
  const value = single(field.file_type, input[field.file_type.key]);
  if (value === undefined || value === null || String(value).trim() === '') return undefined;
  const text = String(value).trim().toLowerCase();
  const chosen = Object.entries(FILE_TYPES).find(([key, label]) => key === text || label.toLowerCase() === text)?.[0];
  const type = (chosen ?? text).replace(/\/\*$/, '');
  if (Object.hasOwn(MEDIA_TYPES, type)) return { media_type: type as MediaType };
  const kind = MIME_TYPE.exec(type)?.[1];
  if (kind && Object.hasOwn(MEDIA_TYPES, kind)) return { mime_type: type };
  throw new UserInputError(
    `File Type: "${clip(String(value).trim())}" is neither a kind of file WordPress knows (${Object.keys(MEDIA_TYPES).join(', ')}) nor a MIME type under one of them (such as image/jpeg or application/pdf). Pick one from the dropdown, or type a MIME type.`,
    'invalid_input',
  );
}

/** Whether an item is what the filter asked for (WordPress is asked the same; this is the guarantee). */
function matches(item: WPMediaItem, filter: FileFilter, post: number | undefined): boolean {
  const mime = (item.mime_type ?? '').toLowerCase();
  if (filter && 'media_type' in filter && !mime.startsWith(`${filter.media_type}/`)) return false;
  if (filter && 'mime_type' in filter && mime !== filter.mime_type) return false;
  return post === undefined || item.post === post;
}

/**
 * The edit context gives the caption and description as they were written (in the view context an
 * empty caption comes back as an excerpt of the description); it needs `edit_posts`, and lists only
 * the files the user may edit: every file for an Editor or Administrator, their own for an Author.
 */
function explainPollError(err: unknown, filter: FileFilter): unknown {
  return reword(err, {
    rest_forbidden_context: needsCapability(
      'upload_files',
      'read new files in the media library with their captions and descriptions as written',
    ),
    // The kinds `media_type` takes are the kinds of the MIME types the site allows.
    rest_invalid_param: (e: WordPressError) => {
      const detail = e.body?.data?.details?.media_type;
      if (!detail || !filter || !('media_type' in filter)) return undefined;
      return `File Type: this site accepts no files of the kind "${filter.media_type}", so none can be added.${wordpressSaid({ message: detail.message ?? '' })} Pick another File Type, or leave it empty.`;
    },
  });
}

export async function pollMedia(z: ZObject, bundle: Bundle): Promise<Array<MediaOutput | { id: number }>> {
  const input = bundle.inputData as Input;
  const filter = fileFilter(input);
  const post = optionalId(input, field.post);
  const list = async (extra: Query): Promise<WPMediaItem[]> => {
    const query: Query = { ...MEDIA_QUERY, context: 'edit', ...filter, parent: post, ...extra };
    try {
      const response = await callWordPress<WPMediaItem[]>(z, bundle, { route: 'wp/v2/media', query });
      return Array.isArray(response.data) ? response.data : [];
    } catch (err) {
      throw explainPollError(err, filter);
    }
  };
  const absolute = linkResolver(siteUrlOf(bundle));
  // By ID, the order files were added in: a file imported with an old date is new to the library too.
  return pollById(z, bundle, {
    pageSize: NEW_PER_POLL,
    trigger: 'new_media',
    filters: { filter: filter ?? null, post },
    list,
    dateField: 'date_gmt',
    dateOf: (item) => epochOf(item.date_gmt),
    // Left out only from the output: a walk judges a page full by what WordPress answered.
    render: (found) => found.filter((item) => matches(item, filter, post)).map((item) => toMediaOutput(item, absolute)),
    feedEvents: ['media.created'],
  });
}

export const newMedia = defineTrigger({
  key: 'new_media',
  noun: 'Media',
  display: {
    label: 'New Media',
    description: 'Triggers when a file is added to the media library.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform: async (z, bundle) => pollResult(await pollMedia(z, bundle)),
    sample: mediaOutput.sample,
    outputFields: mediaOutput.outputFields,
  },
});
