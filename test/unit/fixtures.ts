// WordPress 6.1's answers (shapes copied from the bench) and the app's performs, shared by every
// operation's unit tests.
import app from '../../index';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { WPPost } from '../../src/posts';
import { SITE } from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;

/** The perform of a trigger, action or search, by key, as Zapier's runtime calls it. */
export function performOf(kind: 'triggers' | 'creates' | 'searches', key: string): Perform {
  const operation = app[kind]?.[key]?.operation as { perform: Perform } | undefined;
  if (!operation) throw new Error(`no ${kind} ${key}`);
  return operation.perform;
}

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

/** WordPress's error envelope. */
export function restError(code: string, message: string, status: number, extra: Record<string, unknown> = {}) {
  return { code, message, data: { status, ...extra } };
}
