// REST answers as WordPress 6.1 gives them (shapes copied from the bench), for the trigger tests.
import app from '../../../index';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { WPPost } from '../../../src/posts';

/** The perform of a trigger, by key, as Zapier's runtime calls it. */
export function perform(key: string) {
  const trigger = app.triggers?.[key];
  if (!trigger) throw new Error(`no trigger ${key}`);
  return (trigger.operation as { perform: (z: ZObject, bundle: Bundle) => Promise<unknown> }).perform;
}

const SITE = 'https://example.com';

/** A published post with author, featured image, a category and tags embedded. */
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

export function restError(code: string, message: string, status: number, extra: Record<string, unknown> = {}) {
  return { code, message, data: { status, ...extra } };
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
