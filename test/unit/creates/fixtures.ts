// Shared by the action and search unit tests: performs by key, WordPress 6.1's answers (shapes
// copied from the bench), and the queries our writes send.
import { POST_EMBED, POST_FIELDS } from '../../../src/posts';
import type { WPPost } from '../../../src/posts';
import { USER_FIELDS } from '../../../src/users';
import type { WPUser } from '../../../src/users';
import { performOf, wpPost as basePost } from '../fixtures';
import { SITE } from '../helpers';

export const createPerform = (key: string) => performOf('creates', key);
export const searchPerform = (key: string) => performOf('searches', key);

export { SITE } from '../helpers';
export { restError } from '../fixtures';

/** What a post write asks WordPress to answer with. */
export const POST_WRITE_QUERY = { _fields: POST_FIELDS, _embed: POST_EMBED };
export const POST_WRITE_QUERY_META = { _fields: `${POST_FIELDS},meta`, _embed: POST_EMBED };
export const USER_WRITE_QUERY = { context: 'edit', _fields: USER_FIELDS };

/** A post as a write answers it: a draft, linked by ?p=, in Uncategorized. */
export function wpPost(overrides: Partial<WPPost> & { id: number }): WPPost {
  return basePost({
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
