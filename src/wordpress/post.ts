// A WordPress post (any post type) as the REST API gives it, and as our triggers, actions and
// searches output it: plain text beside HTML, absolute links, ISO-8601 dates with offsets, and
// author, featured image and term names resolved from `_embed` in the same request.
import { CustomOutput, CustomParts, customOutput } from './custom_output';
import { ImageSizes, WPMedia, imageSizes } from './media_item';
import { OutputField, defineOutput } from './output';
import type { Rendered, WPEmbeddedAuthor } from './rest_shapes';
import { shareText, toHashtag } from './share_text';
import { LinkResolver, linkResolver } from '../connection/site';
import { decodeEntities, gmtToIso, htmlToText, localToIso, stripTags } from './text';

/** The statuses a Zap writes, finds or watches, with the names WordPress's admin gives them. */
export const POST_STATUSES = {
  publish: 'Published',
  draft: 'Draft',
  pending: 'Pending Review',
  private: 'Private',
  future: 'Scheduled',
} as const;
export type PostStatus = keyof typeof POST_STATUSES;

/** A status as WordPress's admin names it (`Scheduled`); a status a plugin added keeps its slug. */
export function statusLabel(status: string): string {
  return Object.hasOwn(POST_STATUSES, status) ? POST_STATUSES[status as PostStatus] : status;
}

/** A status as a sentence names it: `scheduled`, `draft`; an unknown one quoted. */
export function statusWords(status: string): string {
  return Object.hasOwn(POST_STATUSES, status) ? statusLabel(status).toLowerCase() : `"${status}"`;
}

export interface WPTerm {
  id: number;
  name: string;
  slug: string;
  taxonomy: string;
  link?: string;
}

export interface WPPost extends CustomParts {
  id: number;
  date: string | null;
  date_gmt: string | null;
  modified: string;
  modified_gmt: string;
  slug: string;
  status: string;
  type: string;
  link: string;
  title?: Rendered;
  content?: Rendered;
  excerpt?: Rendered;
  author?: number;
  featured_media?: number;
  comment_status?: string;
  ping_status?: string;
  format?: string;
  sticky?: boolean;
  categories?: number[];
  tags?: number[];
  meta?: Record<string, unknown>;
  _embedded?: CustomParts['_embedded'] & {
    author?: WPEmbeddedAuthor[];
    'wp:featuredmedia'?: WPMedia[];
    'wp:term'?: WPTerm[][];
  };
}

/**
 * Only what the output needs. Real sites add kilobytes per post (SEO plugins' `yoast_head`),
 * which `_fields` keeps off the wire; `_links` must stay or WordPress embeds nothing.
 */
export const POST_FIELDS = [
  'id',
  'date',
  'date_gmt',
  'modified',
  'modified_gmt',
  'slug',
  'status',
  'type',
  'link',
  'title',
  'content',
  'excerpt',
  'author',
  'featured_media',
  'comment_status',
  'ping_status',
  'format',
  'sticky',
  'categories',
  'tags',
  'meta',
  'acf',
  '_links',
  '_embedded',
].join(',');

export const POST_EMBED = 'author,wp:featuredmedia,wp:term,acf:attachment';

/** Query arguments that make WordPress answer with everything `toPostOutput` needs, in one request. */
export const POST_QUERY = { _fields: POST_FIELDS, _embed: POST_EMBED } as const;

export type PostOutput = {
  id: number;
  post_id: number;
  type: string;
  status: string;
  slug: string;
  link: string | null;
  title: string;
  title_html: string;
  content_html: string;
  content_text: string;
  excerpt_html: string;
  excerpt_text: string;
  date: string | null;
  date_gmt: string | null;
  modified: string | null;
  modified_gmt: string | null;
  author_id: number | null;
  author_name: string | null;
  author_link: string | null;
  featured_image_id: number | null;
  featured_image_url: string | null;
  featured_image_alt: string | null;
  featured_image_sizes: ImageSizes;
  categories: number[];
  category_names: string[];
  tags: number[];
  tag_names: string[];
  /** Names of the post's terms in every taxonomy, custom ones included (a book's genres). */
  term_names: string[];
  hashtags: string;
  /** Title, link and hashtags, within X's 280 characters (see share_text.ts). */
  share_text: string;
  format: string | null;
  sticky: boolean;
  comment_status: string | null;
  ping_status: string | null;
  /** WordPress hides the content and excerpt of a password-protected post: they come out empty. */
  password_protected: boolean;
} & CustomOutput;

/**
 * Maps a REST post (fetched with POST_QUERY) to our output. Links are resolved against the Site
 * URL; a poll passes one resolver for all its posts, so the URL is parsed once.
 */
export function toPostOutput(post: WPPost, site: string | LinkResolver): PostOutput {
  const absolute = typeof site === 'string' ? linkResolver(site) : site;
  const embedded = post._embedded ?? {};
  const author = embedded.author?.find((a) => !a.code && a.id === post.author);
  const media = embedded['wp:featuredmedia']?.find((m) => !m.code && m.id === post.featured_media);
  const terms = (embedded['wp:term'] ?? []).flat().filter((t): t is WPTerm => !!t && typeof t.id === 'number');
  const namesOf = (ids: number[] | undefined, taxonomy: string): string[] =>
    (ids ?? [])
      .map((id) => terms.find((t) => t.id === id && t.taxonomy === taxonomy)?.name)
      .filter((n): n is string => !!n)
      .map(decodeEntities);
  const titleHtml = post.title?.rendered ?? '';
  const excerptHtml = post.excerpt?.rendered ?? '';
  const tagNames = namesOf(post.tags, 'post_tag');
  const termNames = [...new Set(terms.map((t) => decodeEntities(t.name)))];
  const fullUrl = media?.source_url ?? null;
  const title = plainTitle(post);
  const link = absolute(post.link);
  const hashtags = tagNames.map(toHashtag).filter(Boolean);
  return {
    id: post.id,
    post_id: post.id,
    type: post.type,
    status: post.status,
    slug: decodeURIComponentSafe(post.slug),
    link,
    title,
    title_html: titleHtml,
    content_html: post.content?.rendered ?? '',
    content_text: htmlToText(post.content?.rendered),
    excerpt_html: excerptHtml,
    excerpt_text: htmlToText(excerptHtml),
    date: localToIso(post.date, post.date_gmt),
    date_gmt: gmtToIso(post.date_gmt),
    modified: localToIso(post.modified, post.modified_gmt),
    modified_gmt: gmtToIso(post.modified_gmt),
    author_id: post.author || null,
    author_name: author ? stripTags(author.name) : null,
    author_link: author?.link ?? null,
    featured_image_id: post.featured_media || null,
    featured_image_url: fullUrl,
    featured_image_alt: media ? (media.alt_text ?? '') : null,
    featured_image_sizes: imageSizes(media),
    categories: post.categories ?? [],
    category_names: namesOf(post.categories, 'category'),
    tags: post.tags ?? [],
    tag_names: tagNames,
    term_names: termNames,
    hashtags: hashtags.join(' '),
    share_text: shareText(title, link, hashtags),
    format: post.format ?? null,
    sticky: post.sticky ?? false,
    comment_status: post.comment_status ?? null,
    ping_status: post.ping_status ?? null,
    password_protected: isPasswordProtected(post),
    ...customOutput(post),
  };
}

/** WordPress marks the content and excerpt of a post with a password `protected` (and empties them). */
export function isPasswordProtected(post: Pick<WPPost, 'content' | 'excerpt'>): boolean {
  return !!(post.content?.protected || post.excerpt?.protected);
}

const PRIVATE_PREFIX = 'Private: ';

/**
 * The title as plain text. WordPress 6.1 renders a private post's title as "Private: …" in every REST
 * context, which is not the title anyone wrote; the status field already says it is private. 6.8
 * renders it without the prefix (seen on the bench), so the prefix is dropped only where it is there.
 * Only WordPress's English default prefix is known here: translated sites keep theirs.
 */
export function plainTitle(post: Pick<WPPost, 'status' | 'title'>): string {
  const title = stripTags(post.title?.rendered ?? '');
  const raw = post.title?.raw;
  if (
    post.status === 'private' &&
    title.startsWith(PRIVATE_PREFIX) &&
    (raw === undefined || stripTags(raw) !== title)
  ) {
    return title.slice(PRIVATE_PREFIX.length);
  }
  return title;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What every operation that returns a post outputs, field by field (the writes add their warnings). */
export const POST_OUTPUT_FIELDS: OutputField[] = [
  { key: 'id', label: 'Post ID', type: 'integer', sample: 1234 },
  { key: 'post_id', label: 'Post ID (plain)', type: 'integer', sample: 1234 },
  { key: 'type', label: 'Post Type', sample: 'post' },
  { key: 'status', label: 'Status', sample: 'publish' },
  { key: 'slug', label: 'Slug', sample: 'whats-new-in-our-spring-collection' },
  {
    key: 'link',
    label: 'Permalink (URL)',
    sample: 'https://example.com/2026/03/14/whats-new-in-our-spring-collection/',
  },
  { key: 'title', label: 'Title (Plain Text)', sample: 'What’s new in our spring collection' },
  { key: 'title_html', label: 'Title (HTML)', sample: 'What&#8217;s new in our spring collection' },
  {
    key: 'content_html',
    label: 'Content (HTML)',
    sample:
      '<p>Fresh colours, lighter fabrics &amp; a new <strong>linen</strong> line.</p>\n<p>Available from Monday.</p>',
  },
  {
    key: 'content_text',
    label: 'Content (Plain Text)',
    sample: 'Fresh colours, lighter fabrics & a new linen line.\n\nAvailable from Monday.',
  },
  {
    key: 'excerpt_html',
    label: 'Excerpt (HTML)',
    sample: '<p>Fresh colours, lighter fabrics &amp; a new linen line.</p>\n',
  },
  { key: 'excerpt_text', label: 'Excerpt (Plain Text)', sample: 'Fresh colours, lighter fabrics & a new linen line.' },
  { key: 'date', label: 'Publish Date (Site Time)', type: 'datetime', sample: '2026-03-14T09:30:00+01:00' },
  { key: 'date_gmt', label: 'Publish Date (UTC)', type: 'datetime', sample: '2026-03-14T08:30:00+00:00' },
  { key: 'modified', label: 'Modified Date (Site Time)', type: 'datetime', sample: '2026-03-14T10:02:11+01:00' },
  { key: 'modified_gmt', label: 'Modified Date (UTC)', type: 'datetime', sample: '2026-03-14T09:02:11+00:00' },
  { key: 'author_id', label: 'Author ID', type: 'integer', sample: 2 },
  { key: 'author_name', label: 'Author Name', sample: 'Edith Editor' },
  { key: 'author_link', label: 'Author Page URL', sample: 'https://example.com/author/edith/' },
  { key: 'featured_image_id', label: 'Featured Image ID', type: 'integer', sample: 88 },
  {
    key: 'featured_image_url',
    label: 'Featured Image URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring.jpg',
  },
  { key: 'featured_image_alt', label: 'Featured Image Alt Text', sample: 'Linen shirts on a rail' },
  {
    key: 'featured_image_sizes__thumbnail',
    label: 'Featured Image Thumbnail URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring-150x150.jpg',
  },
  {
    key: 'featured_image_sizes__medium',
    label: 'Featured Image Medium URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring-300x200.jpg',
  },
  {
    key: 'featured_image_sizes__large',
    label: 'Featured Image Large URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring-1024x683.jpg',
  },
  {
    key: 'featured_image_sizes__full',
    label: 'Featured Image Full-Size URL',
    sample: 'https://example.com/wp-content/uploads/2026/03/spring.jpg',
  },
  { key: 'categories[]', label: 'Category IDs', type: 'integer', sample: [3] },
  { key: 'category_names[]', label: 'Category Names', sample: ['News'] },
  { key: 'tags[]', label: 'Tag IDs', type: 'integer', sample: [7, 9] },
  { key: 'tag_names[]', label: 'Tag Names', sample: ['Spring', 'Open Source'] },
  { key: 'term_names[]', label: 'Term Names (Every Taxonomy)', sample: ['News', 'Spring', 'Open Source'] },
  { key: 'hashtags', label: 'Tags as Hashtags', sample: '#Spring #OpenSource' },
  {
    key: 'share_text',
    label: 'Share Text (Title, Link, Hashtags; Fits an X Post)',
    sample:
      'What’s new in our spring collection https://example.com/2026/03/14/whats-new-in-our-spring-collection/ #Spring #OpenSource',
  },
  { key: 'format', label: 'Format', sample: 'standard' },
  { key: 'sticky', label: 'Sticky', type: 'boolean', sample: false },
  { key: 'comment_status', label: 'Comment Status', sample: 'open' },
  { key: 'ping_status', label: 'Ping Status', sample: 'open' },
  { key: 'password_protected', label: 'Password Protected', type: 'boolean', sample: false },
];

/** What every operation that returns a post outputs. */
export const postOutput = defineOutput<PostOutput>(POST_OUTPUT_FIELDS);
