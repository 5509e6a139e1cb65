// The media library: a downloaded file uploaded as a new item, an item removed again, and media
// as the app outputs it. Used by Upload Media and by Create/Update Post's featured image.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { reword, wordpressSaid } from './errors';
import type { DownloadedFile } from './files';
import { needsCapability } from './messages';
import { defineOutput } from './output';
import { callWordPress } from './request';
import { htmlToText, stripTags } from './text';

/** A media item as `_embed` gives it inside a post (`wp:featuredmedia`). */
export interface WPMedia {
  id: number;
  source_url?: string;
  alt_text?: string;
  mime_type?: string;
  title?: { rendered: string; raw?: string };
  media_details?: {
    width?: number;
    height?: number;
    filesize?: number;
    sizes?: Record<string, { source_url: string; width: number; height: number; mime_type?: string }>;
  };
  /** An embedded error (e.g. rest_forbidden) instead of the media item. */
  code?: string;
}

/** The sizes people post, each falling back to the full image when WordPress made none that small. */
export interface ImageSizes {
  thumbnail: string | null;
  medium: string | null;
  large: string | null;
  full: string | null;
}

export function imageSizes(media: WPMedia | undefined): ImageSizes {
  const sizes = media?.media_details?.sizes ?? {};
  const first = (...names: string[]) => names.map((name) => sizes[name]?.source_url).find(Boolean) ?? null;
  const full = media?.source_url ?? null;
  return {
    thumbnail: first('thumbnail'),
    medium: first('medium', 'medium_large') ?? full,
    large: first('large', '1536x1536') ?? full,
    full: first('full') ?? full,
  };
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
  try {
    const response = await callWordPress<WPMediaItem>(z, bundle, {
      method: 'POST',
      route: 'wp/v2/media',
      query: { ...fields, _fields: MEDIA_FIELDS },
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
      },
      bytes: file.bytes,
    });
    return response.data;
  } catch (err) {
    throw reword(
      err,
      {
        rest_cannot_create: needsCapability('upload_files', 'upload files to the media library'),
        rest_cannot_edit: (e) =>
          `WordPress refused to attach the file to post ${fields.post ?? ''}: the post does not exist, or this WordPress user may not edit it.${wordpressSaid(e.body)} Pick another post, or leave the post empty.`,
        rest_upload_sideload_error: (e) =>
          `WordPress refused the file ${file.filename} (${file.contentType}) from ${file.source}: this file type is not allowed on the site, or the uploads folder is not writable.${wordpressSaid(e.body)} Upload an allowed type (JPEG, PNG, GIF, WebP, PDF, …).`,
        rest_upload_no_data: `WordPress received no file data from ${file.source}. Check that the file is not empty.`,
        rest_upload_file_too_big: (e) =>
          `The file from ${file.source} is larger than the site allows.${wordpressSaid(e.body)}`,
      },
      // A refused file type is the file's fault, not the server's (WordPress says 500).
      { rest_upload_sideload_error: 400 },
    );
  }
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

export type MediaOutput = {
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
  sizes: ImageSizes;
  post_id: number | null;
};

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
    sizes: imageSizes(media),
    post_id: media.post || null,
  };
}

/** What Upload Media outputs. */
export const mediaOutput = defineOutput<MediaOutput>([
  { key: 'id', label: 'Media ID', type: 'integer', sample: 88 },
  { key: 'media_id', label: 'Media ID (plain)', type: 'integer', sample: 88 },
  { key: 'title', label: 'Title', sample: 'Spring collection' },
  { key: 'slug', label: 'Slug', sample: 'spring-collection' },
  { key: 'link', label: 'Attachment Page URL', sample: 'https://example.com/spring-collection/' },
  { key: 'source_url', label: 'File URL', sample: 'https://example.com/wp-content/uploads/2026/03/spring.jpg' },
  { key: 'mime_type', label: 'MIME Type', sample: 'image/jpeg' },
  { key: 'media_type', label: 'Media Type', sample: 'image' },
  { key: 'alt_text', label: 'Alt Text', sample: 'Linen shirts on a rail' },
  { key: 'caption', label: 'Caption', sample: 'Our new linen line.' },
  { key: 'description', label: 'Description', sample: 'Photographed in the Berlin store.' },
  { key: 'width', label: 'Width (px)', type: 'integer', sample: 1600 },
  { key: 'height', label: 'Height (px)', type: 'integer', sample: 1067 },
  { key: 'filesize', label: 'File Size (bytes)', type: 'integer', sample: 245760 },
  {
    key: 'sizes__thumbnail',
    label: 'Thumbnail URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring-150x150.jpg',
  },
  {
    key: 'sizes__medium',
    label: 'Medium Size URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring-300x200.jpg',
  },
  {
    key: 'sizes__large',
    label: 'Large Size URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring-1024x683.jpg',
  },
  { key: 'sizes__full', label: 'Full Size URL', sample: 'https://example.com/wp-content/uploads/2026/03/spring.jpg' },
  { key: 'post_id', label: 'Attached to Post ID', type: 'integer', sample: 1234 },
]);
