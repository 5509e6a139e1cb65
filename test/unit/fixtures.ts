// WordPress 6.1's answers (shapes copied from the bench), the queries the app sends, and the app's
// performs: the one place every unit test takes its fixtures from.
import { createHmac } from 'node:crypto';
import app from '../../index';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { WPComment } from '../../src/wordpress/comment';
import { POST_EMBED, POST_FIELDS } from '../../src/wordpress/post';
import type { WPPost } from '../../src/wordpress/post';
import { USER_FIELDS } from '../../src/wordpress/user';
import type { WPUser } from '../../src/wordpress/user';
import type { WPTermItem } from '../../src/wordpress/term_item';
import { SITE } from './helpers';

// ---------------------------------------------------------------------------- performs

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;

/** The perform of a trigger, action or search, by key, as Zapier's runtime calls it. */
export function performOf(kind: 'triggers' | 'creates' | 'searches', key: string): Perform {
  const operation = app[kind]?.[key]?.operation as { perform: Perform } | undefined;
  if (!operation) throw new Error(`no ${kind} ${key}`);
  return operation.perform;
}

export const triggerPerform = (key: string) => performOf('triggers', key);
export const createPerform = (key: string) => performOf('creates', key);
export const searchPerform = (key: string) => performOf('searches', key);

// ---------------------------------------------------------------------------- queries

/** What a post read or write asks WordPress to answer with (everything the output needs). */
export const POST_WRITE_QUERY = { _fields: POST_FIELDS, _embed: POST_EMBED };
// Every post read carries `meta` and `acf` now (POST_FIELDS): the write with custom fields asks the same.
export const POST_WRITE_QUERY_META = POST_WRITE_QUERY;
export const USER_WRITE_QUERY = { context: 'edit', _fields: USER_FIELDS };
/** Delete Post's queries: to the trash, for good, and the read back (a trashed item is readable in edit only). */
const DELETE_FIELDS = 'id,type,status,title,slug,link';
export const DELETE_QUERY = {
  trash: { _fields: DELETE_FIELDS },
  force: { force: 'true', _fields: `deleted,previous,${DELETE_FIELDS}` },
  read: { context: 'edit', _fields: DELETE_FIELDS },
};

// ---------------------------------------------------------------------------- posts and media

/** A published post with its author, a category and a tag embedded. */
export function wpPost(overrides: Partial<WPPost> & { id: number }): WPPost {
  const { id } = overrides;
  return {
    date: '2026-03-14T09:30:00',
    date_gmt: '2026-03-14T08:30:00',
    modified: '2026-03-14T10:02:11',
    modified_gmt: '2026-03-14T09:02:11',
    slug: `post-${id}`,
    status: 'publish',
    type: 'post',
    link: `${SITE}/post-${id}/`,
    title: { rendered: `Post ${id}` },
    content: { rendered: `<p>Body of ${id}.</p>\n`, protected: false },
    excerpt: { rendered: `<p>Excerpt of ${id}.</p>\n`, protected: false },
    author: 2,
    featured_media: 0,
    comment_status: 'open',
    ping_status: 'open',
    sticky: false,
    format: 'standard',
    categories: [3],
    tags: [7],
    _embedded: {
      author: [{ id: 2, name: 'Edith Editor', slug: 'edith', link: `${SITE}/author/edith/` }],
      'wp:term': [
        [{ id: 3, name: 'News', slug: 'news', taxonomy: 'category' }],
        [{ id: 7, name: 'Spring', slug: 'spring', taxonomy: 'post_tag' }],
      ],
    },
    ...overrides,
  };
}

/** A post as a write answers it: a draft, linked by ?p=, in Uncategorized. */
export function wpDraft(overrides: Partial<WPPost> & { id: number }): WPPost {
  return wpPost({
    status: 'draft',
    link: `${SITE}/?p=${overrides.id}`,
    categories: [1],
    tags: [],
    _embedded: {
      author: [{ id: 2, name: 'Edith Editor', slug: 'edith', link: `${SITE}/author/edith/` }],
      'wp:term': [[{ id: 1, name: 'Uncategorized', slug: 'uncategorized', taxonomy: 'category' }], []],
    },
    ...overrides,
  });
}

/** A featured image as `_embed` gives it inside a post. */
export const featuredMedia = {
  id: 16,
  source_url: `${SITE}/wp-content/uploads/2026/03/spring.png`,
  alt_text: 'Orange box on blue',
  mime_type: 'image/png',
  media_details: {
    width: 320,
    height: 200,
    sizes: {
      thumbnail: { source_url: `${SITE}/wp-content/uploads/2026/03/spring-150x150.png`, width: 150, height: 150 },
      medium: { source_url: `${SITE}/wp-content/uploads/2026/03/spring-300x188.png`, width: 300, height: 188 },
      full: { source_url: `${SITE}/wp-content/uploads/2026/03/spring.png`, width: 320, height: 200 },
    },
  },
};

/** A tiny valid PNG (1×1). */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);

// ---------------------------------------------------------------------------- users

/** A user in the edit context, with the three avatar sizes WordPress gives. */
export function wpUser(overrides: Partial<WPUser> & { id: number }): WPUser {
  return {
    username: 'jane.doe',
    name: 'Jane Doe',
    first_name: 'Jane',
    last_name: 'Doe',
    email: 'jane.doe@example.org',
    url: '',
    description: '',
    link: `${SITE}/author/jane-doe/`,
    locale: 'en_US',
    nickname: 'jane.doe',
    slug: 'jane-doe',
    roles: ['subscriber'],
    registered_date: '2026-03-14T08:30:00+00:00',
    avatar_urls: {
      '24': 'https://secure.gravatar.com/avatar/x?s=24',
      '48': 'https://secure.gravatar.com/avatar/x?s=48',
      '96': 'https://secure.gravatar.com/avatar/x?s=96',
    },
    ...overrides,
  };
}

// ---------------------------------------------------------------------------- errors

/** WordPress's error envelope. */
export function restError(code: string, message: string, status: number, extra: Record<string, unknown> = {}) {
  return { code, message, data: { status, ...extra } };
}

/** `rest_invalid_param` as WordPress 6.1 words it. */
export function invalidParam(param: string, message: string, code = 'rest_invalid_type') {
  return {
    code: 'rest_invalid_param',
    message: `Invalid parameter(s): ${param}`,
    data: { status: 400, params: { [param]: message }, details: { [param]: { code, message, data: null } } },
  };
}

/** WordPress 6.1's answer to a `status` the user may not read (status 401 inside when anonymous). */
export function forbiddenStatus(innerStatus = 403) {
  return {
    code: 'rest_invalid_param',
    message: 'Invalid parameter(s): status',
    data: {
      status: 400,
      params: { status: 'Status is forbidden.' },
      details: {
        status: { code: 'rest_forbidden_status', message: 'Status is forbidden.', data: { status: innerStatus } },
      },
    },
  };
}

/** `/wp/v2/types` of a site with a custom `book` type, plus the internal types the dropdown hides. */
export const WP_TYPES = {
  post: {
    slug: 'post',
    name: 'Posts',
    rest_base: 'posts',
    rest_namespace: 'wp/v2',
    taxonomies: ['category', 'post_tag'],
  },
  page: { slug: 'page', name: 'Pages', rest_base: 'pages', rest_namespace: 'wp/v2', taxonomies: [] },
  attachment: { slug: 'attachment', name: 'Media', rest_base: 'media', rest_namespace: 'wp/v2', taxonomies: [] },
  wp_block: { slug: 'wp_block', name: 'Reusable blocks', rest_base: 'blocks', rest_namespace: 'wp/v2', taxonomies: [] },
  nav_menu_item: {
    slug: 'nav_menu_item',
    name: 'Navigation Menu Items',
    rest_base: 'menu-items',
    rest_namespace: 'wp/v2',
    taxonomies: ['nav_menu'],
  },
  book: {
    slug: 'book',
    name: 'Books &amp; Novels',
    rest_base: 'books',
    rest_namespace: 'wp/v2',
    taxonomies: ['genre'],
  },
};

/**
 * What `GET <route>?_method=OPTIONS` answers for a type's schema, cut to the properties the writes
 * check (the bench's `book`: title, editor, excerpt, thumbnail, author, custom-fields).
 */
export const BOOK_PROPERTIES = ['id', 'title', 'content', 'excerpt', 'author', 'featured_media', 'meta'];
export function typeSchema(properties: string[] = BOOK_PROPERTIES) {
  return { schema: { properties: Object.fromEntries(properties.map((p) => [p, { type: 'string' }])) } };
}

// ---------------------------------------------------------------------------- comments

/** A comment in the edit context with its post embedded (`_embed=up`), as WordPress 6.1 answers it. */
export function wpComment(overrides: Partial<WPComment> & { id: number }): WPComment {
  const post = overrides.post ?? 8;
  return {
    post,
    parent: 0,
    author: 7,
    author_name: 'Jane &amp; Co',
    author_email: 'jane.doe@example.org',
    author_url: 'https://janedoe.example.org',
    date: '2026-03-14T11:15:42',
    date_gmt: '2026-03-14T10:15:42',
    content: { rendered: `<p>Comment ${overrides.id} &amp; more.<br />\nSecond line.</p>\n` },
    link: `${SITE}/post-${post}/#comment-${overrides.id}`,
    status: 'approved',
    type: 'comment',
    _embedded: {
      up: [{ id: post, link: `${SITE}/post-${post}/`, title: { rendered: `Post &#8220;${post}&#8221;` } }],
    },
    ...overrides,
  };
}

// ---------------------------------------------------------------------------- companion plugin

/** A request as the companion plugin signs its deliveries (`X-WPJZ-Signature`), headers as Zapier passes them. */
export function signed(body: object | string, secret: string, t: number, header = 'Http-X-Wpjz-Signature') {
  const content = typeof body === 'string' ? body : JSON.stringify(body);
  const v1 = createHmac('sha256', secret).update(`${t}.${content}`).digest('hex');
  return { headers: { [header]: `t=${t},v1=${v1}` }, content };
}

// ---------------------------------------------------------------------------- taxonomies and terms

/** `/wp/v2/taxonomies` (view context), with the internal ones the app hides. */
export const WP_TAXONOMIES = {
  category: {
    name: 'Categories',
    slug: 'category',
    hierarchical: true,
    rest_base: 'categories',
    rest_namespace: 'wp/v2',
    types: ['post'],
  },
  post_tag: {
    name: 'Tags',
    slug: 'post_tag',
    hierarchical: false,
    rest_base: 'tags',
    rest_namespace: 'wp/v2',
    types: ['post'],
  },
  nav_menu: {
    name: 'Navigation Menus',
    slug: 'nav_menu',
    hierarchical: false,
    rest_base: 'menus',
    rest_namespace: 'wp/v2',
    types: ['nav_menu_item'],
  },
  genre: {
    name: 'Genres',
    slug: 'genre',
    hierarchical: true,
    rest_base: 'genres',
    rest_namespace: 'wp/v2',
    types: ['book'],
  },
  venue: {
    name: 'Venues &amp; Halls',
    slug: 'venue',
    hierarchical: false,
    rest_base: 'venues',
    rest_namespace: 'events/v1',
    types: ['event'],
  },
};

/** A genre as `/wp/v2/genres?_fields=TERM_FIELDS` gives it. */
export function wpGenre(overrides: Partial<WPTermItem> & { id: number; name: string }): WPTermItem {
  const slug = overrides.slug ?? overrides.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    slug,
    taxonomy: 'genre',
    description: '',
    parent: 0,
    count: 0,
    link: `${SITE}/genre/${slug}/`,
    ...overrides,
  };
}

/** `OPTIONS /wp/v2/books` as WordPress with ACF answers it (types only, as the contracts record them). */
export const BOOK_SCHEMA = {
  title: { type: 'object' },
  genres: {
    description: 'The terms assigned to the post in the genre taxonomy.',
    type: 'array',
    items: { type: 'integer' },
  },
  categories: {
    description: 'The terms assigned to the post in the category taxonomy.',
    type: 'array',
    items: { type: 'integer' },
  },
  meta: {
    type: 'object',
    properties: {
      isbn: { type: 'string', description: 'The ISBN-13 of the edition.' },
      pages: { type: 'integer', description: 'Pages' },
      footnotes: { type: 'string', description: '' },
      tags_list: { type: 'array', items: { type: 'string' } },
    },
  },
  acf: {
    type: 'object',
    properties: {
      price: { type: ['number', 'null'] },
      in_stock: { type: ['boolean', 'null'], default: false },
      format: {
        type: ['string', 'array', 'int', 'null'],
        items: { enum: ['paperback', 'hardcover', 'ebook'] },
        maxItems: 1,
      },
      release_date: { type: ['string', 'null'], description: 'A `Ymd` formatted date string.' },
      cover: { type: ['number', 'object', 'null'] },
      website: { type: ['string', 'null'], format: 'uri' },
      contact: { type: ['string', 'null'], format: 'email' },
      group: { type: ['object', 'null'] },
    },
  },
};
