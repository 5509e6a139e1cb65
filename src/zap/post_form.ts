// The form of Create Post and Update Post: one list of fields, and one reader that checks what
// the Zap gives before any request. An update names its post and leaves empty fields alone
// (empty means "keep WordPress's value"); a create needs something to publish.
import { defineInputFields } from 'zapier-platform-core';
import { clearFieldsField, readClearFields } from './clear_fields';
import { UserInputError } from '../connection/errors';
import { WordPressDate, optionalDate } from './dates';
import {
  Field,
  Input,
  choicesOf,
  customFieldsField,
  optionalBoolean,
  optionalChoice,
  optionalDict,
  optionalId,
  optionalList,
  optionalText,
  parseId,
  requiredId,
} from './input';
import { POST_STATUSES, PostStatus } from '../wordpress/post';
import { postCustomInputs } from '../wordpress/post_custom';
import { authorField, normalizePostType, postTypeField } from '../wordpress/post_types';
import { TERM_NAME_MAX, TermInput, classifyTerms, termsField } from '../wordpress/terms';
import { clip } from '../wordpress/text';

export type WriteMode = 'create' | 'update';

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

// Limits that keep a mistake (a whole document mapped into the title) from reaching the database,
// which would fail with an unhelpful "could not insert post". Columns: title and excerpt are TEXT,
// content LONGTEXT but bounded by PHP's post_max_size (8 MB by default).
const LIMITS = { title: 10_000, content: 5_000_000, excerpt: 50_000, slug: 200 };

/**
 * The fields of Create Post (`create`) and Update Post (`update`), by key. Their labels are how
 * messages name them.
 */
export function postFields(mode: WriteMode) {
  return { ...textFields(mode), ...detailFields(mode) };
}

const keepValue = (mode: WriteMode) => (mode === 'update' ? ' Leave empty to keep the current value.' : '');

const DATE_HELP_CREATE =
  'A date at least a minute ahead schedules the post (with Status empty or Scheduled); with Status Draft it stays a draft.';
const DATE_HELP_UPDATE =
  'With Status empty the post keeps its status, except that WordPress schedules a published post given a date at least a minute ahead (it leaves the site until then). A scheduled post given an earlier date is refused: WordPress would publish it at once; set Status to Published for that.';

/** The post a write acts on: picked from the dropdown, or mapped (Find Post finds it). */
export function postIdField(verb: 'update' | 'delete') {
  return {
    key: 'post_id',
    label: 'Post',
    type: 'integer',
    dynamic: 'post_list.id.name',
    search: 'find_post.id',
    required: true,
    helpText: `The ${verb === 'update' ? 'post' : 'item'} to ${verb}: pick it, or map a Post ID (for example from Find Post or New Post).`,
  } as const;
}

/** What the post says and when: type, title, content, excerpt, status, date, slug. */
function textFields(mode: WriteMode) {
  const update = mode === 'update';
  const keep = keepValue(mode);
  return {
    post_type: postTypeField(
      update
        ? 'The type of the post to update: Posts, Pages or a custom post type. Default: Posts.'
        : 'Posts, Pages or a custom post type (any type the site exposes to the REST API). Default: Posts.',
    ),
    post_id: postIdField('update'),
    title: { key: 'title', label: 'Title', required: false, helpText: `The title, as plain text.${keep}` },
    content: {
      key: 'content',
      label: 'Content',
      type: 'text',
      required: false,
      helpText: `The body as HTML (plain text works too). Sent exactly as given; WordPress may remove HTML the connected user's role may not post (scripts, for instance).${keep}`,
    },
    excerpt: {
      key: 'excerpt',
      label: 'Excerpt',
      type: 'text',
      required: false,
      helpText: `A short summary shown in lists and feeds.${keep}`,
    },
    status: {
      key: 'status',
      label: 'Status',
      choices: choicesOf(POST_STATUSES),
      required: false,
      helpText:
        (update
          ? 'Leave empty to keep the current status. '
          : 'Default: Draft, or Scheduled when Publish Date is at least a minute ahead. ') +
        'Published and Scheduled need an Author or higher; a Contributor can choose Pending Review, and an editor publishes it. ' +
        `Scheduled needs a Publish Date at least a minute ahead${update ? " (or the post's own date, when that is ahead)" : ''}: WordPress publishes a post scheduled for an earlier time at once, so that is refused. Published with a future date schedules too.`,
    },
    date: {
      key: 'date',
      label: 'Publish Date',
      type: 'datetime',
      required: false,
      helpText:
        `When the post is (or was) published. ${update ? DATE_HELP_UPDATE : DATE_HELP_CREATE} ` +
        `A date without a time zone is read in the site's time zone; a zone may be an offset (+05:30), a name (America/New_York) or an abbreviation such as EST or CET (IST, BST, AST, GST, SST and ECT stand for several zones and are refused).${keep}`,
    },
    slug: {
      key: 'slug',
      label: 'Slug',
      required: false,
      helpText: `The URL name, e.g. "spring-collection". WordPress makes it unique and URL-safe.${update ? keep : ' Default: made from the title.'}`,
    },
  } as const;
}

/** What the post belongs to and how it shows: author, terms, image, format, sticky, comments, meta. */
function detailFields(mode: WriteMode) {
  const update = mode === 'update';
  const keep = keepValue(mode);
  return {
    author: authorField(`Default: the connected user. Setting another author needs an Editor or Administrator.${keep}`),
    categories: termsField(
      'categories',
      'Pick categories, or type or map names (several separated by commas): a name that does not exist yet is created (that needs an Editor or Administrator), an existing one is reused. ' +
        `Digits only (such as 12) are a category ID when a category has that ID, otherwise a name (such as 2024).${update ? " Replaces the post's categories; leave empty to keep them." : ''}`,
    ),
    tags: termsField(
      'tags',
      'Pick tags, or type or map names (several separated by commas): new names are created, existing ones reused. ' +
        `Digits only (such as 12) are a tag ID when a tag has that ID, otherwise a name (such as 2024).${update ? " Replaces the post's tags; leave empty to keep them." : ''}`,
    ),
    featured_image: {
      key: 'featured_image',
      label: 'Featured Image',
      type: 'file',
      required: false,
      helpText:
        'An image file from an earlier step, or a public link to an image (https://…). It is uploaded to the media library with the post title as its title and alt text, and set as the featured image. ' +
        `The ID of an image already in the media library works too.${keep}`,
    },
    format: {
      key: 'format',
      label: 'Format',
      choices: choicesOf(POST_FORMATS),
      required: false,
      helpText: `The post format, for themes that style them. Posts only, unless a custom type supports formats (Standard is no format, and changes nothing on other types).${keep}`,
    },
    sticky: {
      key: 'sticky',
      label: 'Sticky',
      type: 'boolean',
      required: false,
      helpText: `Keep the post at the top of the blog's front page (Posts only: No changes nothing on other types).${keep}`,
    },
    comment_status: {
      key: 'comment_status',
      label: 'Comments',
      choices: choicesOf(COMMENT_STATUSES),
      required: false,
      helpText: `Whether visitors may comment. Default: the site's setting.${keep}`,
    },
    meta: customFieldsField(
      'Custom field (post meta) keys and values. WordPress accepts only keys registered for the REST API (register_post_meta with show_in_rest); any other key is reported as not saved.',
    ),
  } as const;
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
  /** Fields to empty (Update Post's Clear These Fields); never also among the values above. */
  clear: ClearablePostField[];
}

/** The fields Update Post can empty, as Clear These Fields lists them. */
const CLEARABLE = ['title', 'content', 'excerpt', 'categories', 'tags', 'featured_image'] as const;
export type ClearablePostField = (typeof CLEARABLE)[number];

/** What WordPress takes to empty each one: the REST property, and its empty value. */
export const CLEARED: Record<ClearablePostField, { property: string; value: '' | [] | 0 }> = {
  title: { property: 'title', value: '' },
  content: { property: 'content', value: '' },
  excerpt: { property: 'excerpt', value: '' },
  categories: { property: 'categories', value: [] },
  tags: { property: 'tags', value: [] },
  featured_image: { property: 'featured_media', value: 0 },
};

/**
 * The form of Create Post (`create`) or Update Post (`update`), in the order the Zap editor shows
 * it: the type's own taxonomies and custom fields (post_custom.ts) follow the fields every type has.
 */
export function postInputFields(mode: WriteMode) {
  const { post_id, ...field } = postFields(mode);
  const { post_type, ...rest } = field;
  return defineInputFields(
    mode === 'update'
      ? [post_type, post_id, ...Object.values(rest), postCustomInputs, CLEAR_FIELD]
      : [...Object.values(field), postCustomInputs],
  );
}

const F = postFields('create');
const CLEARABLE_LABELS = Object.fromEntries(CLEARABLE.map((key) => [key, F[key].label])) as Record<
  ClearablePostField,
  string
>;

const CLEAR_FIELD = clearFieldsField(
  CLEARABLE_LABELS,
  "Fields to empty on the post. An empty field above keeps the post's value (Zapier sends the fields a Zap does not map as empty), so pick here what to remove. " +
    'The featured image is only taken off the post: it stays in the media library. WordPress files a post that has no category under the default category (Uncategorized) the next time it is saved. ' +
    'Title, Content and Excerpt cannot all be empty. WordPress does not let the slug, date, author or status be emptied; set Format to Standard to remove a format, and give a custom field an empty value to empty it.',
);

/** The keys of the fields every post type has: any other key filled in is one of the type's own. */
export const POST_FORM_KEYS: ReadonlySet<string> = new Set([...Object.keys(postFields('update')), CLEAR_FIELD.key]);

/** WordPress's parameter names, as the fields that set them are labelled (for `rest_invalid_param`). */
export const PARAM_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.values(F).map((field) => [field.key, field.label])),
  date_gmt: F.date.label,
  featured_media: F.featured_image.label,
};

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
    clear: [],
  };
  if (mode === 'update') {
    const filled: Record<ClearablePostField, unknown> = {
      title: body.title,
      content: body.content,
      excerpt: body.excerpt,
      categories: parsed.categories,
      tags: parsed.tags,
      featured_image: parsed.featuredImage,
    };
    parsed.clear = readClearFields(input, CLEARABLE_LABELS, (key) => filled[key] !== undefined);
  }
  return parsed;
}

/** A file URL (uploaded first), or the ID of an image already in the media library. */
function readFeaturedImage(input: Input): PostInput['featuredImage'] {
  const text = optionalText(input, F.featured_image, { max: 8192 });
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? { id: parseId(F.featured_image, text) } : { url: text };
}
