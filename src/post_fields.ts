// Create Post and Update Post: one field list, one reader, one write. They differ only in that an
// update names its post and sends nothing the user left empty (empty means "keep WordPress's
// value"), while a create needs something to publish.
//
// Order of a write, chosen so a failure leaves as little behind as possible and nothing twice:
//   1. read and check every input (no request);
//   2. turn category/tag names into IDs (idempotent: an existing name is reused);
//   3. upload the featured image (before the post, so a failed download never leaves a post
//      without its image; if the post then fails, the image is removed again);
//   4. one POST that also returns everything the output needs (POST_QUERY);
//   5. compare what WordPress applied with what was sent: it silently drops unknown category
//      IDs, an invalid featured image and unregistered custom fields.
import { defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  Field,
  Input,
  WordPressDate,
  clip,
  optionalBoolean,
  optionalChoice,
  optionalDate,
  optionalDict,
  optionalId,
  optionalList,
  optionalText,
  parseId,
  requiredId,
} from './input';
import { DownloadedFile, deleteMedia, downloadFile, uploadMedia } from './media';
import { POST_FIELDS, POST_QUERY, PostOutput, WPPost, plainTitle, toPostOutput } from './posts';
import { PostTypeInfo, normalizePostType, postTypeInfo, requestForPostType } from './post_types';
import { invalidParamMessage, readJson, reworded, withoutSecrets, wordpressSaid, writeJson } from './requests';
import { TERM_NAME_MAX, TAXONOMY, Taxonomy, TermInput, classifyTerms, resolveTermIds } from './terms';
import { UserInputError, WordPressError, needsCapability, siteUrlOf, stripTags } from './wordpress';

export type WriteMode = 'create' | 'update';

export const POST_STATUSES = {
  publish: 'Published',
  draft: 'Draft',
  pending: 'Pending Review',
  private: 'Private',
  future: 'Scheduled',
} as const;
export type PostStatus = keyof typeof POST_STATUSES;

export const POST_FORMATS = {
  standard: 'Standard',
  aside: 'Aside',
  chat: 'Chat',
  gallery: 'Gallery',
  link: 'Link',
  image: 'Image',
  quote: 'Quote',
  status: 'Status',
  video: 'Video',
  audio: 'Audio',
} as const;

export const COMMENT_STATUSES = { open: 'Open', closed: 'Closed' } as const;

/** The fields as messages name them (labels as the Zap editor shows them). */
export const F = {
  post_id: { key: 'post_id', label: 'Post' },
  post_type: { key: 'post_type', label: 'Post Type' },
  title: { key: 'title', label: 'Title' },
  content: { key: 'content', label: 'Content' },
  excerpt: { key: 'excerpt', label: 'Excerpt' },
  status: { key: 'status', label: 'Status' },
  date: { key: 'date', label: 'Publish Date' },
  slug: { key: 'slug', label: 'Slug' },
  author: { key: 'author', label: 'Author' },
  categories: { key: 'categories', label: 'Categories' },
  tags: { key: 'tags', label: 'Tags' },
  featured_image: { key: 'featured_image', label: 'Featured Image' },
  format: { key: 'format', label: 'Format' },
  sticky: { key: 'sticky', label: 'Sticky' },
  comment_status: { key: 'comment_status', label: 'Comments' },
  meta: { key: 'meta', label: 'Custom Fields' },
} satisfies Record<string, Field>;

/** WordPress parameter → field label, for `rest_invalid_param`. */
const PARAM_LABELS: Record<string, string> = {
  title: F.title.label,
  content: F.content.label,
  excerpt: F.excerpt.label,
  status: F.status.label,
  date: F.date.label,
  date_gmt: F.date.label,
  slug: F.slug.label,
  author: F.author.label,
  categories: F.categories.label,
  tags: F.tags.label,
  featured_media: F.featured_image.label,
  format: F.format.label,
  sticky: F.sticky.label,
  comment_status: F.comment_status.label,
  meta: F.meta.label,
};

// Limits that keep a mistake (a whole document mapped into the title) from reaching the database,
// which would fail with an unhelpful "could not insert post". Columns: title and excerpt are TEXT,
// content LONGTEXT but bounded by PHP's post_max_size (8 MB by default).
const LIMITS = { title: 10_000, content: 5_000_000, excerpt: 50_000, slug: 200 };

/** The input fields of Create Post (`create`) and Update Post (`update`). */
export function postInputFields(mode: WriteMode) {
  const update = mode === 'update';
  const keep = update ? ' Leave empty to keep the current value.' : '';
  return defineInputFields([
    {
      key: 'post_type',
      label: 'Post Type',
      dynamic: 'post_type_list.id.name',
      default: 'post',
      required: false,
      helpText: update
        ? 'The type of the post to update: Posts, Pages or a custom post type. Default: Posts.'
        : 'Posts, Pages or a custom post type (any type the site exposes to the REST API). Default: Posts.',
    },
    ...(update
      ? [
          {
            key: 'post_id',
            label: 'Post',
            dynamic: 'post_list.id.name',
            search: 'find_post.id',
            required: true,
            helpText: 'The post to update: pick it, or map a Post ID (for example from Find Post or New Post).',
          } as const,
        ]
      : []),
    { key: 'title', label: 'Title', required: false, helpText: `The title, as plain text.${keep}` },
    {
      key: 'content',
      label: 'Content',
      type: 'text',
      required: false,
      helpText: `The body as HTML (plain text works too). Sent exactly as given; WordPress may remove HTML the connected user's role may not post (scripts, for instance).${keep}`,
    },
    {
      key: 'excerpt',
      label: 'Excerpt',
      type: 'text',
      required: false,
      helpText: `A short summary shown in lists and feeds.${keep}`,
    },
    {
      key: 'status',
      label: 'Status',
      choices: Object.entries(POST_STATUSES).map(([value, label]) => ({ value, label, sample: value })),
      required: false,
      helpText:
        (update ? 'Leave empty to keep the current status. ' : 'Default: Draft. ') +
        'Published and Scheduled need an Author or higher; a Contributor can choose Pending Review, and an editor publishes it. ' +
        'Scheduled needs a Publish Date in the future (Published with a future date schedules too).',
    },
    {
      key: 'date',
      label: 'Publish Date',
      type: 'datetime',
      required: false,
      helpText: `When the post is (or was) published. A date in the future schedules the post. A date without a time zone is read in the site's time zone.${keep}`,
    },
    {
      key: 'slug',
      label: 'Slug',
      required: false,
      helpText: `The URL name, e.g. "spring-collection". WordPress makes it unique and URL-safe.${update ? keep : ' Default: made from the title.'}`,
    },
    {
      key: 'author',
      label: 'Author',
      dynamic: 'author_list.id.name',
      required: false,
      helpText: `Default: the connected user. Setting another author needs an Editor or Administrator.${keep}`,
    },
    {
      key: 'categories',
      label: 'Categories',
      dynamic: 'category_list.id.name',
      list: true,
      required: false,
      helpText:
        'Pick categories, or type or map names (several separated by commas): a name that does not exist yet is created (that needs an Editor or Administrator), an existing one is reused. ' +
        `A value of digits only is taken as a category ID.${update ? " Replaces the post's categories; leave empty to keep them." : ''}`,
    },
    {
      key: 'tags',
      label: 'Tags',
      dynamic: 'tag_list.id.name',
      list: true,
      required: false,
      helpText:
        'Pick tags, or type or map names (several separated by commas): new names are created, existing ones reused. ' +
        `A value of digits only is taken as a tag ID.${update ? " Replaces the post's tags; leave empty to keep them." : ''}`,
    },
    {
      key: 'featured_image',
      label: 'Featured Image',
      type: 'file',
      required: false,
      helpText:
        'An image file from an earlier step, or a public link to an image (https://…). It is uploaded to the media library with the post title as its title and alt text, and set as the featured image. ' +
        `The ID of an image already in the media library works too.${keep}`,
    },
    {
      key: 'format',
      label: 'Format',
      choices: Object.entries(POST_FORMATS).map(([value, label]) => ({ value, label, sample: value })),
      required: false,
      helpText: `The post format, for themes that style them. Posts only, unless a custom type supports formats.${keep}`,
    },
    {
      key: 'sticky',
      label: 'Sticky',
      type: 'boolean',
      required: false,
      helpText: `Keep the post at the top of the blog's front page (Posts only).${keep}`,
    },
    {
      key: 'comment_status',
      label: 'Comments',
      choices: Object.entries(COMMENT_STATUSES).map(([value, label]) => ({ value, label, sample: value })),
      required: false,
      helpText: `Whether visitors may comment. Default: the site's setting.${keep}`,
    },
    {
      key: 'meta',
      label: 'Custom Fields',
      dict: true,
      required: false,
      helpText:
        'Custom field (post meta) keys and values. WordPress accepts only keys registered for the REST API (register_post_meta with show_in_rest); any other key is reported as not saved.',
    },
  ]);
}

/** What the form asks for, checked, before any request. */
export interface PostInput {
  postType: string;
  postId?: number;
  /** Fields sent as they are. */
  body: {
    title?: string;
    content?: string;
    excerpt?: string;
    status?: PostStatus;
    slug?: string;
    author?: number;
    format?: string;
    sticky?: boolean;
    comment_status?: string;
    meta?: Record<string, string>;
  } & Partial<WordPressDate>;
  categories?: TermInput;
  tags?: TermInput;
  featuredImage?: { url: string } | { id: number };
}

export function readPostInput(input: Input, mode: WriteMode): PostInput {
  const postType = normalizePostType(optionalText(input, F.post_type, { max: 20 }));
  if (!/^[a-z0-9_-]+$/.test(postType)) {
    throw new UserInputError(`Post Type: "${clip(postType)}" is not a post type name. Pick one from the dropdown.`);
  }
  const terms = (field: Field) => {
    const values = optionalList(input, field, { splitCommas: true, maxItemLength: TERM_NAME_MAX });
    return values ? classifyTerms(values) : undefined;
  };
  const date = optionalDate(input, F.date);
  const body: PostInput['body'] = {
    title: optionalText(input, F.title, { max: LIMITS.title }),
    // HTML is kept byte for byte: whitespace can matter (<pre>), so only all-blank counts as empty.
    content: optionalText(input, F.content, { max: LIMITS.content, keepWhitespace: true }),
    excerpt: optionalText(input, F.excerpt, { max: LIMITS.excerpt, keepWhitespace: true }),
    status: optionalChoice(input, F.status, POST_STATUSES),
    ...(date ?? {}),
    slug: optionalText(input, F.slug, { max: LIMITS.slug }),
    author: optionalId(input, F.author),
    format: optionalChoice(input, F.format, POST_FORMATS),
    sticky: optionalBoolean(input, F.sticky),
    comment_status: optionalChoice(input, F.comment_status, COMMENT_STATUSES),
    meta: optionalDict(input, F.meta),
  };
  const parsed: PostInput = {
    postType,
    postId: mode === 'update' ? requiredId(input, F.post_id) : undefined,
    body,
    categories: terms(F.categories),
    tags: terms(F.tags),
    featuredImage: readFeaturedImage(input),
  };
  if (mode === 'create') {
    if (body.title === undefined && body.content === undefined && body.excerpt === undefined) {
      throw new UserInputError(
        'Title, Content and Excerpt are all empty: WordPress needs at least one of them to create a post. Fill in the Title.',
      );
    }
    if (body.status === 'future' && !date) {
      throw new UserInputError(
        'Status is Scheduled but Publish Date is empty: fill in the date and time to publish at (in the future).',
      );
    }
  }
  if (body.sticky !== undefined && postType !== 'post') {
    throw new UserInputError(
      `Sticky: only Posts can be sticky, not "${postType}". Leave Sticky empty for this post type.`,
    );
  }
  return parsed;
}

/** A file URL (uploaded first), or the ID of an image already in the media library. */
function readFeaturedImage(input: Input): PostInput['featuredImage'] {
  const text = optionalText(input, F.featured_image, { max: 8192 });
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? { id: parseId(F.featured_image, text) } : { url: text };
}

/** Everything sent to WordPress, once term names and the image have become IDs. */
export function postBody(
  parsed: PostInput,
  resolved: { categories?: number[]; tags?: number[]; featuredMedia?: number },
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.body)) if (value !== undefined) body[key] = value;
  if (resolved.categories) body.categories = resolved.categories;
  if (resolved.tags) body.tags = resolved.tags;
  if (resolved.featuredMedia !== undefined) body.featured_media = resolved.featuredMedia;
  return body;
}

/** Create Post and Update Post. */
export async function writePost(z: ZObject, bundle: Bundle, mode: WriteMode): Promise<PostOutput> {
  return withoutSecrets(bundle, [], () => writePostUnsafe(z, bundle, mode));
}

async function writePostUnsafe(z: ZObject, bundle: Bundle, mode: WriteMode): Promise<PostOutput> {
  const parsed = readPostInput(bundle.inputData as Input, mode);
  const needTaxonomies = !!(parsed.categories || parsed.tags);
  const info = await postTypeInfo(z, parsed.postType, bundle, { needTaxonomies });
  checkTaxonomies(parsed, info);

  const categories =
    parsed.categories && (await resolveTermIds(z, bundle, 'categories', parsed.categories, F.categories));
  const tags = parsed.tags && (await resolveTermIds(z, bundle, 'tags', parsed.tags, F.tags));

  let uploaded: number | undefined;
  let featuredMedia: number | undefined;
  if (parsed.featuredImage && 'id' in parsed.featuredImage) featuredMedia = parsed.featuredImage.id;
  if (parsed.featuredImage && 'url' in parsed.featuredImage) {
    const file = await downloadImage(z, parsed, parsed.featuredImage.url);
    // Alt text and the media title are plain text (WordPress strips tags from them anyway).
    const text = parsed.body.title === undefined ? undefined : stripTags(parsed.body.title) || undefined;
    const media = await uploadMedia(z, bundle, file, { title: text, alt_text: text });
    uploaded = featuredMedia = media.id;
  }

  const body = postBody(parsed, { categories, tags, featuredMedia });
  const query = parsed.body.meta ? { ...POST_QUERY, _fields: `${POST_FIELDS},meta` } : { ...POST_QUERY };
  let post: WPPost;
  try {
    post = await requestForPostType(
      z,
      parsed.postType,
      bundle,
      async (route) => {
        const target = mode === 'update' ? `${route}/${parsed.postId}` : route;
        if (mode === 'update' && Object.keys(body).length === 0) {
          // Nothing to change: a POST would still bump the modified date, so read instead.
          return (await readJson<WPPost>(z, bundle, target, query)).data;
        }
        return (await writeJson<WPPost>(z, bundle, target, body, query)).data;
      },
      { info },
    );
  } catch (err) {
    throw await withImageCleanup(z, bundle, postWriteError(err, parsed), uploaded);
  }

  const missing = notApplied(body, post);
  if (missing.length) {
    const what =
      mode === 'create'
        ? `WordPress created the ${info.slug} (ID ${post.id}, "${clip(plainTitle(post) || '(no title)')}")`
        : `WordPress updated ${info.slug} ${post.id}`;
    const advice =
      mode === 'create'
        ? `The post exists, so running this step again would create a second one: correct it with Update Post (Post ID ${post.id}) or in WordPress.`
        : 'Correct the values and run the step again.';
    throw new UserInputError(`${what}, but did not apply: ${missing.join('; ')}. ${advice}`, 'partially_applied');
  }
  return toPostOutput(post, siteUrlOf(bundle));
}

function checkTaxonomies(parsed: PostInput, info: PostTypeInfo): void {
  if (!info.taxonomies) return;
  for (const taxonomy of ['categories', 'tags'] as Taxonomy[]) {
    if (parsed[taxonomy] && !info.taxonomies.includes(TAXONOMY[taxonomy].slug)) {
      throw new UserInputError(
        `${F[taxonomy].label}: the post type "${info.slug}" has no ${TAXONOMY[taxonomy].many}${info.taxonomies.length ? ` (its taxonomies: ${info.taxonomies.join(', ')})` : ''}. Leave ${F[taxonomy].label} empty for this post type.`,
      );
    }
  }
}

async function downloadImage(z: ZObject, parsed: PostInput, url: string): Promise<DownloadedFile> {
  const fallback = parsed.body.slug ?? parsed.body.title ?? 'featured-image';
  const file = await downloadFile(z, url, F.featured_image.label, fallback);
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
  return new WordPressError(`${error.message}${note}`, error.wpCode, error.httpStatus, error.body);
}

/** Our message for a WordPress refusal of the post write. */
function postWriteError(err: unknown, parsed: PostInput): unknown {
  const type = parsed.postType;
  const status = parsed.body.status ? POST_STATUSES[parsed.body.status] : undefined;
  return reworded(err, {
    rest_cannot_create: needsCapability(
      type === 'page' ? 'edit_pages' : 'edit_posts',
      `create ${type === 'post' ? 'posts' : `"${type}" items`}`,
    ),
    rest_cannot_publish: (e) =>
      `Status: the WordPress user this connection uses may not ${status === 'Private' ? 'create private posts' : 'publish or schedule posts'} (${status ?? 'Published'}); that needs an Author, Editor or Administrator.` +
      ` A Contributor can still submit the post for review: set Status to Pending Review, and an editor publishes it.${wordpressSaid(e)}`,
    rest_cannot_edit: (e) =>
      `Post: the WordPress user this connection uses may not edit ${type} ${parsed.postId ?? ''}. Authors and Contributors can edit only their own posts (Contributors only until they are published); Editors and Administrators can edit all.${wordpressSaid(e)}`,
    rest_cannot_edit_others: `Author: only Editors and Administrators may make another user the author. Leave Author empty to publish as the connected user, or reconnect as an Editor.`,
    rest_cannot_assign_sticky: needsCapability('edit_others_posts', 'make posts sticky') + ' Or leave Sticky empty.',
    rest_cannot_assign_term: needsCapability('edit_posts', 'assign these categories or tags'),
    rest_post_invalid_id: `Post: WordPress has no ${type} with ID ${parsed.postId ?? ''} (it may have been deleted, or it is another post type: check Post Type).`,
    rest_invalid_author: `Author: WordPress has no user with ID ${parsed.body.author ?? ''}. Pick the author from the dropdown.`,
    empty_content: 'Title, Content and Excerpt are all empty: WordPress needs at least one of them. Fill in the Title.',
    rest_invalid_param: (e) => invalidParamMessage(e, PARAM_LABELS),
    rest_missing_callback_param: (e) => invalidParamMessage(e, PARAM_LABELS),
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
  if (meta) {
    const keys = Object.keys(meta).filter((key) => !post.meta || !(key in post.meta));
    if (keys.length) {
      missing.push(
        `${F.meta.label} ${keys.map((k) => `"${clip(k)}"`).join(', ')} (not registered for the REST API; a developer must register ${keys.length > 1 ? 'them' : 'it'} with register_post_meta and show_in_rest => true)`,
      );
    }
  }
  for (const key of ['format', 'sticky', 'comment_status'] as const) {
    if (body[key] !== undefined && post[key] === undefined) {
      missing.push(`${F[key].label} (this post type does not support it)`);
    }
  }
  return missing;
}
