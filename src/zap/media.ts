// The media library's writes: a downloaded file uploaded as a new item, an item removed again.
// Used by Upload Media and Create/Update Post's featured image; the item itself is media_item.ts.
import { randomBytes } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isWordPressCode, reword, wordpressSaid } from '../connection/errors';
import type { DownloadedFile } from './files';
import { MEDIA_QUERY, WPMediaItem } from '../wordpress/media_item';
import { needsCapability } from '../connection/messages';
import { callWordPress, urlFor } from '../connection/request';
import { Settled, settleCreate } from './settle_write';
import { mediaLookup } from './write_lookups';

/** What an upload may set besides the file itself. */
export interface MediaFields {
  title?: string;
  alt_text?: string;
  caption?: string;
  description?: string;
  /** The post the file is attached to. */
  post?: number;
}

const ROUTE = 'wp/v2/media';

/**
 * Uploads bytes as a new media item with its texts, in one request: a multipart form, the texts
 * in fields beside the file (in the URL, long texts would pass Apache's 8 KB request line). A file
 * larger than the site's PHP form limits (`upload_max_filesize`, `post_max_size`) is refused
 * before anything is stored; it goes again as a raw upload, which those limits do not cover, when
 * the texts fit in its URL. `warning` is set when the answer was lost and the item found.
 */
export async function uploadMedia(
  z: ZObject,
  bundle: Bundle,
  file: DownloadedFile,
  fields: MediaFields,
): Promise<Settled<WPMediaItem>> {
  const texts = { ...fields, title: fields.title ?? file.title };
  const send = async () => {
    try {
      return await sendForm(z, bundle, file, texts);
    } catch (err) {
      if (!refusedByFormLimits(err)) throw err;
      return await sendRaw(z, bundle, file, texts);
    }
  };
  try {
    // An answer lost after the upload: the file is looked up before the step ends.
    return await settleCreate(send, mediaLookup(z, bundle, file.filename));
  } catch (err) {
    throw uploadError(err, file, fields.post);
  }
}

async function sendForm(z: ZObject, bundle: Bundle, file: DownloadedFile, texts: MediaFields): Promise<WPMediaItem> {
  const form = formData(file, texts);
  const response = await callWordPress<WPMediaItem>(z, bundle, {
    method: 'POST',
    route: ROUTE,
    query: MEDIA_QUERY,
    headers: { 'Content-Type': form.contentType },
    bytes: form.body,
  });
  return response.data;
}

/**
 * A multipart/form-data body: a part per text, then the file in the part WordPress reads (`file`),
 * whose ASCII name needs no escaping. The boundary is 128 random bits: no file or text holds it.
 */
function formData(file: DownloadedFile, texts: MediaFields): { body: Buffer; contentType: string } {
  const boundary = `wpjz-${randomBytes(16).toString('hex')}`;
  const head = (disposition: string, type?: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`,
    );
  const parts = Object.entries(texts)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .flatMap(([name, value]) => [head(`name="${name}"`), Buffer.from(`${value}\r\n`, 'utf8')]);
  const body = Buffer.concat([
    ...parts,
    head(`name="file"; filename="${file.filename}"`, file.contentType),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * How WordPress answers a form PHP would not take: over `post_max_size` PHP drops the whole form
 * (WordPress then finds no file, and no raw upload headers either); over `upload_max_filesize` it
 * drops the file, and WordPress passes on PHP's reason.
 */
function refusedByFormLimits(err: unknown): boolean {
  if (isWordPressCode(err, 'rest_upload_no_content_disposition', 'rest_upload_no_data')) return true;
  return isWordPressCode(err, 'rest_upload_unknown_error') && /upload_max_filesize/.test(err.body?.message ?? '');
}

/** Apache refuses a request line over 8,190 bytes (414): what a URL may take, with room to spare. */
const RAW_URL_BUDGET = 8000;

/** The raw upload: the bytes as the body, the texts in the query string. */
async function sendRaw(z: ZObject, bundle: Bundle, file: DownloadedFile, texts: MediaFields): Promise<WPMediaItem> {
  const query = { ...texts, ...MEDIA_QUERY };
  if (urlFor(bundle, ROUTE, query).length > RAW_URL_BUDGET) {
    throw new UserInputError(
      `The file from ${file.source} (${sizeOf(file.bytes.length)}) is larger than the site's PHP upload limits ` +
        '(upload_max_filesize or post_max_size; WordPress shows them as "Maximum upload file size" under Media → Add New), ' +
        'and its title, alt text, caption and description together are too long to send with it another way. ' +
        `Shorten those texts, or ask the site's host to raise upload_max_filesize and post_max_size above ${sizeOf(file.bytes.length)}.`,
      'upload_too_large',
    );
  }
  const response = await callWordPress<WPMediaItem>(z, bundle, {
    method: 'POST',
    route: ROUTE,
    query,
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.filename}"` },
    bytes: file.bytes,
  });
  return response.data;
}

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** WordPress's refusals of an upload, in words that name the file. */
function uploadError(err: unknown, file: DownloadedFile, post: number | undefined): unknown {
  const refusedType = (e: WordPressError) =>
    `WordPress refused the file ${file.filename} (${file.contentType}) from ${file.source}: this file type is not allowed on the site, or the uploads folder is not writable.${wordpressSaid(e.body)} Upload an allowed type (JPEG, PNG, GIF, WebP, PDF, …).`;
  return reword(
    err,
    {
      rest_cannot_create: needsCapability('upload_files', 'upload files to the media library'),
      rest_cannot_edit: (e) =>
        `WordPress refused to attach the file to post ${post ?? ''}: the post does not exist, or this WordPress user may not edit it.${wordpressSaid(e.body)} Pick another post, or leave the post empty.`,
      // The raw upload's and the form's word for a file WordPress would not store.
      rest_upload_sideload_error: refusedType,
      rest_upload_unknown_error: refusedType,
      // The file is never empty (downloadFile refuses that): something on the way dropped it.
      rest_upload_no_data: `WordPress received the file from ${file.source} (${sizeOf(file.bytes.length)}) without its data: a limit in front of WordPress (PHP, a proxy or a firewall) dropped it. Ask the site's host to allow uploads of this size.`,
      // WordPress 6.8+: an image type the server's image editor cannot resize (GD: BMP, TIFF, ICO,
      // HEIC) is refused before upload, where 6.1 stored it without its sizes.
      rest_upload_image_type_not_supported: (e) =>
        `The site's web server cannot make the resized copies WordPress needs of ${file.filename} (${file.contentType}) from ${file.source}, so WordPress (6.8 and later) refused it.${wordpressSaid(e.body)} Convert the image to JPEG, PNG or WebP before uploading, or ask the site's host to add an image library that reads it (such as Imagick).`,
      rest_upload_file_too_big: (e) =>
        `The file from ${file.source} is larger than the site allows.${wordpressSaid(e.body)}`,
      rest_upload_limited_space: (e) =>
        `The site has no room left for the file from ${file.source}.${wordpressSaid(e.body)} Free some space in the media library, or ask the network administrator for more upload space.`,
    },
    // A refused file is the file's fault, not the server's (WordPress says 500).
    { rest_upload_sideload_error: 400, rest_upload_unknown_error: 400 },
  );
}

/** Deletes a media item we uploaded for a post that then failed; reports whether it worked. */
export async function deleteMedia(z: ZObject, bundle: Bundle, id: number): Promise<boolean> {
  try {
    await callWordPress(z, bundle, { method: 'DELETE', route: `wp/v2/media/${id}`, query: { force: 'true' } });
    return true;
  } catch {
    return false;
  }
}
