// Shared by the action and search unit tests: performs by key, WordPress 6.1's answers (shapes
// copied from the bench), and the queries our writes send.
import app from '../../../index';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { POST_EMBED, POST_FIELDS } from '../../../src/posts';
import type { WPPost } from '../../../src/posts';
import { USER_FIELDS } from '../../../src/users';
import type { WPUser } from '../../../src/users';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;

export function createPerform(key: string): Perform {
  const create = app.creates?.[key];
  if (!create) throw new Error(`no create ${key}`);
  return (create.operation as { perform: Perform }).perform;
}

export function searchPerform(key: string): Perform {
  const search = app.searches?.[key];
  if (!search) throw new Error(`no search ${key}`);
  return (search.operation as { perform: Perform }).perform;
}

export const SITE = 'https://example.com';

/** What a post write asks WordPress to answer with. */
export const POST_WRITE_QUERY = { _fields: POST_FIELDS, _embed: POST_EMBED };
export const POST_WRITE_QUERY_META = { _fields: `${POST_FIELDS},meta`, _embed: POST_EMBED };
export const USER_WRITE_QUERY = { context: 'edit', _fields: USER_FIELDS };

export function wpPost(overrides: Partial<WPPost> & { id: number }): WPPost {
  const { id } = overrides;
  return {
    date: '2026-03-14T09:30:00',
    date_gmt: '2026-03-14T08:30:00',
    modified: '2026-03-14T10:02:11',
    modified_gmt: '2026-03-14T09:02:11',
    slug: `post-${id}`,
    status: 'draft',
    type: 'post',
    link: `${SITE}/?p=${id}`,
    title: { rendered: `Post ${id}` },
    content: { rendered: `<p>Body of ${id}.</p>\n`, protected: false },
    excerpt: { rendered: `<p>Excerpt of ${id}.</p>\n`, protected: false },
    author: 2,
    featured_media: 0,
    comment_status: 'open',
    ping_status: 'open',
    sticky: false,
    format: 'standard',
    categories: [1],
    tags: [],
    _embedded: {
      author: [{ id: 2, name: 'Edith Editor', slug: 'edith', link: `${SITE}/author/edith/` }],
      'wp:term': [[{ id: 1, name: 'Uncategorized', slug: 'uncategorized', taxonomy: 'category' }], []],
    },
    ...overrides,
  };
}

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
      '96': 'https://secure.gravatar.com/avatar/x?s=96',
    },
    ...overrides,
  };
}

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

/** A tiny valid PNG (1×1). */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);
