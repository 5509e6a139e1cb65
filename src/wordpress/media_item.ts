// A media item as WordPress gives it and as the app outputs it: Upload Media and New Media output
// the same, and a post's featured image uses its sizes.
import { OutputField, defineOutput } from './output';
import type { WPEmbeddedAuthor, WPEmbeddedPost } from './rest_shapes';
import { LinkResolver, linkResolver } from '../connection/site';
import { decodeEntities, gmtToIso, htmlToText, localToIso, stripTags } from './text';

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

/** Only what the output needs; `_links` must stay or WordPress embeds nothing. */
export const MEDIA_FIELDS = [
  'id',
  'date',
  'date_gmt',
  'modified',
  'modified_gmt',
  'slug',
  'link',
  'title',
  'caption',
  'description',
  'alt_text',
  'media_type',
  'mime_type',
  'media_details',
  'post',
  'source_url',
  'author',
  '_links',
  '_embedded',
].join(',');

/**
 * The uploader, and the post the file is attached to. WordPress links an attachment to its post
 * (`wp:attached-to`) from 6.9 on; older versions have no such link and embed only the uploader.
 */
export const MEDIA_EMBED = 'author,wp:attached-to';

/** Query arguments that make WordPress answer with everything `toMediaOutput` needs, in one request. */
export const MEDIA_QUERY = { _fields: MEDIA_FIELDS, _embed: MEDIA_EMBED } as const;

/** The media item as WordPress returns it with MEDIA_QUERY. */
export interface WPMediaItem extends WPMedia {
  date?: string;
  date_gmt?: string;
  modified?: string;
  modified_gmt?: string;
  slug?: string;
  link?: string;
  caption?: { rendered: string; raw?: string };
  description?: { rendered: string; raw?: string };
  media_type?: string;
  post?: number | null;
  author?: number;
  _embedded?: { author?: WPEmbeddedAuthor[]; 'wp:attached-to'?: WPEmbeddedPost[] };
}

export type MediaOutput = {
  id: number;
  media_id: number;
  title: string;
  slug: string | null;
  link: string | null;
  url: string | null;
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
  post_title: string | null;
  author_id: number | null;
  author_name: string | null;
  date: string | null;
  date_gmt: string | null;
  modified: string | null;
  modified_gmt: string | null;
};

/**
 * A media item as every operation outputs it. Links are resolved against the Site URL; a poll
 * passes one resolver for all its items.
 */
export function toMediaOutput(media: WPMediaItem, site: string | LinkResolver): MediaOutput {
  const absolute = typeof site === 'string' ? linkResolver(site) : site;
  const embedded = media._embedded ?? {};
  const uploader = embedded.author?.find((a) => !a.code && a.id === media.author);
  // An embedded post the user may not read comes as an error object (rest_forbidden).
  const post = embedded['wp:attached-to']?.find((p) => !p.code && p.id === media.post);
  return {
    id: media.id,
    media_id: media.id,
    // As written (`"q"`, not WordPress's texturized `“q”`): the edit context gives the raw title.
    title: writtenText(media.title),
    slug: media.slug ?? null,
    link: absolute(media.link),
    url: absolute(media.source_url),
    source_url: media.source_url ?? null,
    mime_type: media.mime_type ?? null,
    media_type: media.media_type ?? null,
    // WordPress stores the alt text escaped (`a &lt; b`) when it holds a `<`.
    alt_text: decodeEntities(media.alt_text ?? ''),
    caption: writtenText(media.caption),
    description: writtenText(media.description),
    width: media.media_details?.width ?? null,
    height: media.media_details?.height ?? null,
    filesize: media.media_details?.filesize ?? null,
    sizes: imageSizes(media),
    post_id: media.post || null,
    post_title: post ? stripTags(post.title?.rendered ?? '') : null,
    author_id: media.author || null,
    author_name: uploader ? stripTags(uploader.name) : null,
    date: localToIso(media.date, media.date_gmt),
    date_gmt: gmtToIso(media.date_gmt),
    modified: localToIso(media.modified, media.modified_gmt),
    modified_gmt: gmtToIso(media.modified_gmt),
  };
}

/**
 * A caption or description as it was written: `raw`, which WordPress gives in its answer to an
 * upload (it answers in edit context). `rendered` is the fallback only: for an empty caption it
 * is an excerpt WordPress made of the description, and a description has the image in front. Text
 * without tags comes back exactly (an Author's `&` and `<`, stored as entities, decoded); HTML
 * becomes plain text.
 */
function writtenText(field: { rendered: string; raw?: string } | undefined): string {
  if (field?.raw === undefined) return htmlToText(field?.rendered);
  return /<[a-z!/]/i.test(field.raw) ? htmlToText(field.raw) : decodeEntities(field.raw);
}

/** What Upload Media and New Media output, field by field (Upload Media adds its warnings). */
export const MEDIA_OUTPUT_FIELDS: OutputField[] = [
  { key: 'id', label: 'Media ID', type: 'integer', sample: 88 },
  { key: 'media_id', label: 'Media ID (plain)', type: 'integer', sample: 88 },
  { key: 'title', label: 'Title', sample: 'Spring collection' },
  { key: 'slug', label: 'Slug', sample: 'spring-collection' },
  { key: 'link', label: 'Attachment Page URL', sample: 'https://example.com/spring-collection/' },
  { key: 'url', label: 'File URL', sample: 'https://example.com/wp-content/uploads/2026/03/spring.jpg' },
  {
    key: 'source_url',
    label: 'File URL (as WordPress Gives It)',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring.jpg',
  },
  { key: 'mime_type', label: 'MIME Type', sample: 'image/jpeg' },
  { key: 'media_type', label: 'Media Type (image or file)', sample: 'image' },
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
  { key: 'post_title', label: 'Attached to Post Title', sample: 'What’s new in our spring collection' },
  { key: 'author_id', label: 'Uploaded By (User ID)', type: 'integer', sample: 2 },
  { key: 'author_name', label: 'Uploaded By (Name)', sample: 'Edith Editor' },
  { key: 'date', label: 'Upload Date (Site Time)', type: 'datetime', sample: '2026-03-14T09:30:00+01:00' },
  { key: 'date_gmt', label: 'Upload Date (UTC)', type: 'datetime', sample: '2026-03-14T08:30:00+00:00' },
  { key: 'modified', label: 'Modified Date (Site Time)', type: 'datetime', sample: '2026-03-14T09:31:05+01:00' },
  { key: 'modified_gmt', label: 'Modified Date (UTC)', type: 'datetime', sample: '2026-03-14T08:31:05+00:00' },
];

/** What New Media outputs. */
export const mediaOutput = defineOutput<MediaOutput>(MEDIA_OUTPUT_FIELDS);
