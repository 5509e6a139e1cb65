// Files into the media library: fetched from a URL (a public link or a Zapier file from an earlier
// step), then sent to WordPress as raw bytes. Used by Upload Media and by Create/Update Post's
// featured image.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clip } from './input';
import { Query, reword, wordpressSaid, wpUrl } from './requests';
import {
  UserInputError,
  WordPressMiddlewareData,
  htmlToText,
  needsCapability,
  networkErrorMessage,
  safeUrl,
  stripTags,
  wpRequest,
} from './wordpress';
import type { WPMedia } from './posts';

/** Larger files rarely get through PHP's upload limits, and would not fit a Zapier step's memory. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface DownloadedFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** Where it came from, safe to show (no query string). */
  source: string;
}

const EXTENSION_FOR: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

const TYPE_FOR_EXTENSION: Record<string, string> = {
  ...Object.fromEntries(Object.entries(EXTENSION_FOR).map(([type, ext]) => [ext, type])),
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  m4v: 'video/mp4',
};

/** What the first bytes say, for servers that answer `application/octet-stream` or nothing. */
function sniff(bytes: Buffer): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = bytes.subarray(8, 12).toString('latin1');
    if (brand.startsWith('avif')) return 'image/avif';
    if (brand.startsWith('heic') || brand.startsWith('mif1')) return 'image/heic';
    return 'video/mp4';
  }
  return undefined;
}

function extensionOf(name: string): string | undefined {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name);
  return m?.[1]?.toLowerCase();
}

/** The file name a `Content-Disposition` header gives, `filename*` (RFC 5987) first. */
export function filenameFromDisposition(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const value = (plain?.[2] ?? plain?.[1])?.trim();
  return value || undefined;
}

/**
 * A file name WordPress takes in `Content-Disposition: attachment; filename="…"`: ASCII only
 * (`filename*=` is refused with 400), accents folded, anything else a dash, and an extension that
 * matches the content type (WordPress decides what a file is by its extension and refuses a file
 * without one).
 */
export function safeFilename(name: string | undefined, contentType: string, fallback: string): string {
  const ascii = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
  const given = (name ?? '').split(/[\\/]/).pop() ?? '';
  const givenExt = extensionOf(given);
  const expectedExt = EXTENSION_FOR[contentType];
  // Keep the given extension when it means the same type (photo.jpeg for image/jpeg).
  const ext =
    givenExt && (!expectedExt || TYPE_FOR_EXTENSION[givenExt] === contentType)
      ? givenExt
      : (expectedExt ?? givenExt ?? 'bin');
  const stemSource = givenExt ? given.slice(0, -(givenExt.length + 1)) : given;
  const stem = (ascii(stemSource) || ascii(fallback) || 'file').slice(0, 80).replace(/[-.]+$/, '');
  return `${stem}.${ext}`;
}

/** A URL the user gave for a file, checked before anything is fetched. */
export function parseFileUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UserInputError(
      `${label}: "${clip(value)}" is not a URL. Map a file from an earlier step, or enter a public link to the file (https://…).`,
      'invalid_file_url',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserInputError(`${label}: "${clip(value)}" must be an http:// or https:// link.`, 'invalid_file_url');
  }
  return url;
}

/**
 * Downloads a file for upload. The request goes through the app's middlewares only for the
 * Bearer token (added when the file lives on the site itself); its answer is judged here, so a
 * failure names the URL and the reason instead of reading as a WordPress error.
 */
export async function downloadFile(
  z: ZObject,
  rawUrl: string,
  label: string,
  fallbackName: string,
): Promise<DownloadedFile> {
  const url = parseFileUrl(rawUrl, label);
  const source = safeUrl(url.toString());
  const failed = (why: string) =>
    new UserInputError(`${label}: could not download ${source}: ${why}`, 'file_download_failed');
  let response;
  try {
    response = await z.request({
      url: url.toString(),
      method: 'GET',
      raw: true,
      skipThrowForStatus: true,
      middlewareData: { passThrough: true } satisfies WordPressMiddlewareData,
    });
  } catch (err) {
    throw failed(networkErrorMessage(err, url.toString()) ?? `${(err as Error).message}.`);
  }
  if (response.status >= 400) {
    const reason =
      response.status === 404
        ? 'not found'
        : response.status === 401 || response.status === 403
          ? 'access denied; the link must be public'
          : 'the server refused';
    throw failed(
      `the server answered HTTP ${response.status} (${reason}). Check that the link is public and points to the file itself.`,
    );
  }
  const declared = Number(response.getHeader('content-length'));
  if (Number.isFinite(declared) && declared > MAX_FILE_BYTES) {
    throw failed(
      `the file is ${(declared / 1024 / 1024).toFixed(0)} MB; at most ${MAX_FILE_BYTES / 1024 / 1024} MB can be uploaded.`,
    );
  }
  const bytes = await response.buffer();
  if (bytes.length === 0) throw failed('the file is empty.');
  if (bytes.length > MAX_FILE_BYTES) {
    throw failed(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  }
  const headerType = (response.getHeader('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const nameGiven = filenameFromDisposition(response.getHeader('content-disposition')) ?? lastPathSegment(url);
  const extType = nameGiven ? TYPE_FOR_EXTENSION[extensionOf(nameGiven) ?? ''] : undefined;
  const generic = !headerType || headerType === 'application/octet-stream' || headerType === 'binary/octet-stream';
  const contentType = (generic ? (sniff(bytes) ?? extType) : headerType) ?? 'application/octet-stream';
  if (contentType === 'text/html' && !sniff(bytes)) {
    throw failed(
      'the link leads to a web page, not to a file. Use the direct link to the file (for an image, "Copy image address").',
    );
  }
  return { bytes, contentType, filename: safeFilename(nameGiven, contentType, fallbackName), source };
}

function lastPathSegment(url: URL): string | undefined {
  const segment = url.pathname.split('/').filter(Boolean).pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** What an upload may set besides the file itself. */
export interface MediaFields {
  title?: string;
  alt_text?: string;
  caption?: string;
  description?: string;
  /** The post the file is attached to. */
  post?: number;
}

export const MEDIA_FIELDS =
  'id,date_gmt,slug,link,title,caption,description,alt_text,media_type,mime_type,media_details,post,source_url';

/** The media item as WordPress returns it with MEDIA_FIELDS. */
export interface WPMediaItem extends WPMedia {
  date_gmt?: string;
  slug?: string;
  link?: string;
  caption?: { rendered: string; raw?: string };
  description?: { rendered: string; raw?: string };
  media_type?: string;
  post?: number | null;
  media_details?: WPMedia['media_details'] & { filesize?: number };
}

/**
 * Uploads bytes as a new media item. The other fields go in the query string of the same request
 * (WordPress reads them there for a raw upload), so one request makes the complete item.
 */
export async function uploadMedia(
  z: ZObject,
  bundle: Bundle,
  file: DownloadedFile,
  fields: MediaFields,
): Promise<WPMediaItem> {
  const query: Query = { ...fields, _fields: MEDIA_FIELDS };
  try {
    const response = await wpRequest<WPMediaItem>(z, {
      url: wpUrl(bundle, 'wp/v2/media', query),
      method: 'POST',
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        Accept: 'application/json',
      },
      body: file.bytes,
    });
    return response.data;
  } catch (err) {
    return reword(
      err,
      {
        rest_cannot_create: needsCapability('upload_files', 'upload files to the media library'),
        rest_cannot_edit: (e) =>
          `WordPress refused to attach the file to post ${fields.post ?? ''}: the post does not exist, or this WordPress user may not edit it.${wordpressSaid(e)} Pick another post, or leave the post empty.`,
        rest_upload_sideload_error: (e) =>
          `WordPress refused the file ${file.filename} (${file.contentType}) from ${file.source}: this file type is not allowed on the site, or the uploads folder is not writable.${wordpressSaid(e)} Upload an allowed type (JPEG, PNG, GIF, WebP, PDF, …).`,
        rest_upload_no_data: `WordPress received no file data from ${file.source}. Check that the file is not empty.`,
        rest_upload_file_too_big: (e) =>
          `The file from ${file.source} is larger than the site allows.${wordpressSaid(e)}`,
      },
      // A refused file type is the file's fault, not the server's (WordPress says 500).
      { rest_upload_sideload_error: 400 },
    );
  }
}

/** Deletes a media item we uploaded for a post that then failed; reports whether it worked. */
export async function deleteMedia(z: ZObject, bundle: Bundle, id: number): Promise<boolean> {
  try {
    await wpRequest(z, { url: wpUrl(bundle, `wp/v2/media/${id}`, { force: 'true' }), method: 'DELETE' });
    return true;
  } catch {
    return false;
  }
}

export interface MediaOutput {
  id: number;
  media_id: number;
  title: string;
  slug: string | null;
  link: string | null;
  source_url: string | null;
  mime_type: string | null;
  media_type: string | null;
  alt_text: string;
  caption: string;
  description: string;
  width: number | null;
  height: number | null;
  filesize: number | null;
  sizes: { thumbnail: string | null; medium: string | null; large: string | null; full: string | null };
  post_id: number | null;
}

function sizeUrl(media: WPMediaItem, ...names: string[]): string | null {
  for (const name of names) {
    const url = media.media_details?.sizes?.[name]?.source_url;
    if (url) return url;
  }
  return null;
}

export function toMediaOutput(media: WPMediaItem): MediaOutput {
  const full = media.source_url ?? null;
  return {
    id: media.id,
    media_id: media.id,
    title: stripTags(media.title?.rendered ?? ''),
    slug: media.slug ?? null,
    link: media.link ?? null,
    source_url: full,
    mime_type: media.mime_type ?? null,
    media_type: media.media_type ?? null,
    alt_text: media.alt_text ?? '',
    caption: htmlToText(media.caption?.rendered),
    // WordPress renders the description with the image itself in front: the text is what was written.
    description: htmlToText(media.description?.raw ?? media.description?.rendered),
    width: media.media_details?.width ?? null,
    height: media.media_details?.height ?? null,
    filesize: media.media_details?.filesize ?? null,
    sizes: {
      thumbnail: sizeUrl(media, 'thumbnail'),
      medium: sizeUrl(media, 'medium', 'medium_large') ?? full,
      large: sizeUrl(media, 'large', '1536x1536') ?? full,
      full: sizeUrl(media, 'full') ?? full,
    },
    post_id: media.post || null,
  };
}

export const mediaOutputFields = [
  { key: 'id', label: 'Media ID', type: 'integer' },
  { key: 'media_id', label: 'Media ID (plain)', type: 'integer' },
  { key: 'title', label: 'Title' },
  { key: 'slug', label: 'Slug' },
  { key: 'link', label: 'Attachment Page URL' },
  { key: 'source_url', label: 'File URL' },
  { key: 'mime_type', label: 'MIME Type' },
  { key: 'media_type', label: 'Media Type' },
  { key: 'alt_text', label: 'Alt Text' },
  { key: 'caption', label: 'Caption' },
  { key: 'description', label: 'Description' },
  { key: 'width', label: 'Width (px)', type: 'integer' },
  { key: 'height', label: 'Height (px)', type: 'integer' },
  { key: 'filesize', label: 'File Size (bytes)', type: 'integer' },
  { key: 'sizes__thumbnail', label: 'Thumbnail URL' },
  { key: 'sizes__medium', label: 'Medium Size URL' },
  { key: 'sizes__large', label: 'Large Size URL' },
  { key: 'sizes__full', label: 'Full Size URL' },
  { key: 'post_id', label: 'Attached to Post ID', type: 'integer' },
] as const;

export const mediaSample: MediaOutput = {
  id: 88,
  media_id: 88,
  title: 'Spring collection',
  slug: 'spring-collection',
  link: 'https://example.com/spring-collection/',
  source_url: 'https://example.com/wp-content/uploads/2026/03/spring.jpg',
  mime_type: 'image/jpeg',
  media_type: 'image',
  alt_text: 'Linen shirts on a rail',
  caption: 'Our new linen line.',
  description: 'Photographed in the Berlin store.',
  width: 1600,
  height: 1067,
  filesize: 245760,
  sizes: {
    thumbnail: 'https://example.com/wp-content/uploads/2026/03/spring-150x150.jpg',
    medium: 'https://example.com/wp-content/uploads/2026/03/spring-300x200.jpg',
    large: 'https://example.com/wp-content/uploads/2026/03/spring-1024x683.jpg',
    full: 'https://example.com/wp-content/uploads/2026/03/spring.jpg',
  },
  post_id: 1234,
};
