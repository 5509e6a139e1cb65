// What a post looks like to a Zap, through New Post: text beside HTML, absolute links, names of
// terms, author and image, ISO dates with offsets. Shapes as WordPress 6.1 sends them.
import { isPasswordProtected, toPostOutput } from '../../../src/wordpress/post';
import type { WPPost } from '../../../src/wordpress/post';
import { featuredMedia, triggerPerform, wpPost } from '../fixtures';
import { SITE, appTester, authData, bundle, wp } from '../helpers';

const newPost = triggerPerform('new_post');

async function outputOf(post: WPPost, auth = authData()): Promise<Record<string, unknown>> {
  wp().get(/.*/).query(true).reply(200, [post]);
  const [out] = (await appTester(newPost, bundle({}, {}, auth))) as Array<Record<string, unknown>>;
  return out;
}

describe('post output', () => {
  it('maps everything a social or CRM Zap needs', async () => {
    const out = await outputOf(
      wpPost({
        id: 8,
        featured_media: 16,
        categories: [2, 4],
        tags: [9, 10],
        _embedded: {
          author: [{ id: 2, name: 'Edith Editor', link: 'https://example.com/author/edith/' }],
          'wp:featuredmedia': [featuredMedia],
          'wp:term': [
            [
              { id: 2, name: 'News', slug: 'news', taxonomy: 'category' },
              { id: 4, name: 'Tips &amp; Tricks', slug: 'tips', taxonomy: 'category' },
            ],
            [
              { id: 9, name: 'Open Source', slug: 'open-source', taxonomy: 'post_tag' },
              { id: 10, name: 'REST API', slug: 'rest-api', taxonomy: 'post_tag' },
            ],
          ],
        },
      }),
    );
    expect(out).toMatchObject({
      id: 8,
      post_id: 8,
      type: 'post',
      status: 'publish',
      link: 'https://example.com/post-8/',
      date: '2026-03-14T09:30:00+01:00',
      date_gmt: '2026-03-14T08:30:00+00:00',
      modified: '2026-03-14T10:02:11+01:00',
      modified_gmt: '2026-03-14T09:02:11+00:00',
      author_id: 2,
      author_name: 'Edith Editor',
      author_link: 'https://example.com/author/edith/',
      featured_image_id: 16,
      featured_image_url: 'https://example.com/wp-content/uploads/2026/03/spring.png',
      featured_image_alt: 'Orange box on blue',
      featured_image_sizes: {
        thumbnail: 'https://example.com/wp-content/uploads/2026/03/spring-150x150.png',
        medium: 'https://example.com/wp-content/uploads/2026/03/spring-300x188.png',
        large: 'https://example.com/wp-content/uploads/2026/03/spring.png', // no large size: the full image
        full: 'https://example.com/wp-content/uploads/2026/03/spring.png',
      },
      categories: [2, 4],
      category_names: ['News', 'Tips & Tricks'],
      tags: [9, 10],
      tag_names: ['Open Source', 'REST API'],
      term_names: ['News', 'Tips & Tricks', 'Open Source', 'REST API'],
      hashtags: '#OpenSource #RESTAPI',
      share_text: 'Post 8 https://example.com/post-8/ #OpenSource #RESTAPI',
      format: 'standard',
      sticky: false,
      comment_status: 'open',
      content_html: '<p>Body of 8.</p>\n',
      content_text: 'Body of 8.',
      excerpt_text: 'Excerpt of 8.',
    });
  });

  it('decodes entities in titles (&#8217; and friends) and keeps the HTML beside', async () => {
    const out = await outputOf(
      wpPost({ id: 5, title: { rendered: 'Tom &amp; Jerry&#8217;s guide to R&amp;D &#8220;quotes&#8221;' } }),
    );
    expect(out.title).toBe('Tom & Jerry’s guide to R&D “quotes”');
    expect(out.title_html).toBe('Tom &amp; Jerry&#8217;s guide to R&amp;D &#8220;quotes&#8221;');
  });

  it('keeps unicode and emoji titles, and decodes a percent-encoded slug', async () => {
    const out = await outputOf(
      wpPost({
        id: 6,
        title: { rendered: 'Launch day 🚀 — Grüße, こんにちは' },
        slug: '%e3%81%93%e3%82%93%e3%81%ab%e3%81%a1%e3%81%af',
      }),
    );
    expect(out.title).toBe('Launch day 🚀 — Grüße, こんにちは');
    expect(out.slug).toBe('こんにちは');
  });

  it('an empty excerpt and no featured image give empty text and nulls, not errors', async () => {
    const out = await outputOf(wpPost({ id: 7, excerpt: { rendered: '', protected: false }, featured_media: 0 }));
    expect(out).toMatchObject({
      excerpt_html: '',
      excerpt_text: '',
      featured_image_id: null,
      featured_image_url: null,
      featured_image_alt: null,
      featured_image_sizes: { thumbnail: null, medium: null, large: null, full: null },
    });
  });

  it('a private post: the status says private, the plain title drops WordPress\'s "Private: " prefix', async () => {
    const out = await outputOf(wpPost({ id: 12, status: 'private', title: { rendered: 'Private: Staff memo' } }));
    expect(out).toMatchObject({ status: 'private', title: 'Staff memo', title_html: 'Private: Staff memo' });
  });

  it('a title that really starts with "Private:" keeps it when WordPress says so (edit context)', async () => {
    const out = await outputOf(
      wpPost({ id: 12, status: 'private', title: { rendered: 'Private: Private: plans', raw: 'Private: plans' } }),
    );
    expect(out.title).toBe('Private: plans');
  });

  it('WordPress 6.8 renders a private title without the prefix: the title is kept whole', async () => {
    const out = await outputOf(wpPost({ id: 12, status: 'private', title: { rendered: 'Staff memo' } }));
    expect(out).toMatchObject({ status: 'private', title: 'Staff memo', title_html: 'Staff memo' });
    // Edit context on 6.8: raw and rendered agree, so a title that starts "Private:" keeps it.
    const own = await outputOf(
      wpPost({ id: 12, status: 'private', title: { rendered: 'Private: plans', raw: 'Private: plans' } }),
    );
    expect(own.title).toBe('Private: plans');
  });

  it("a scheduled post keeps its future date with the site's offset", async () => {
    const out = await outputOf(
      wpPost({
        id: 20,
        status: 'future',
        date: '2030-01-01T10:00:00',
        date_gmt: '2030-01-01T09:00:00',
        link: 'https://example.com/?p=20',
      }),
    );
    expect(out).toMatchObject({
      status: 'future',
      date: '2030-01-01T10:00:00+01:00',
      date_gmt: '2030-01-01T09:00:00+00:00',
      link: 'https://example.com/?p=20',
    });
  });

  it("a custom type's own taxonomies (a book's genres) come out as term names", async () => {
    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] });
    wp()
      .get('/wp-json/wp/v2/books')
      .query(true)
      .reply(200, [
        wpPost({
          id: 14,
          type: 'book',
          categories: undefined,
          tags: undefined,
          _embedded: { 'wp:term': [[{ id: 20, name: 'Science Fiction', slug: 'sf', taxonomy: 'genre' }]] },
        }),
      ]);
    const [book] = (await appTester(newPost, bundle({ post_type: 'book' }), true)) as Array<Record<string, unknown>>;
    expect(book).toMatchObject({
      type: 'book',
      categories: [],
      category_names: [],
      tag_names: [],
      term_names: ['Science Fiction'],
      author_name: null,
    });
  });

  it('makes a relative permalink absolute against a site in a sub-folder', async () => {
    const out = await outputOf(
      wpPost({ id: 5, link: '/blog/?p=5' }),
      authData({ site_url: 'https://example.com/blog', rest_root: 'https://example.com/blog/index.php?rest_route=/' }),
    );
    expect(out.link).toBe('https://example.com/blog/?p=5');
  });

  it('an author WordPress refuses to embed (no published posts, reader not admin) gives a null name', async () => {
    const out = await outputOf(
      wpPost({ id: 5, _embedded: { author: [{ id: 2, name: '', code: 'rest_user_cannot_view' }] } }),
    );
    expect(out).toMatchObject({ author_id: 2, author_name: null });
  });
});

describe('share_text', () => {
  it('is the plain title (entities decoded, no "Private: "), the absolute link and the hashtags', () => {
    const post = wpPost({
      id: 12,
      status: 'private',
      link: '/?p=12',
      title: { rendered: 'Private: Tom &amp; Jerry&#8217;s <em>plans</em>' },
      tags: [9, 10],
      _embedded: {
        'wp:term': [
          [],
          [
            { id: 9, name: 'Open Source', slug: 'open-source', taxonomy: 'post_tag' },
            { id: 10, name: 'open-source', slug: 'open-source-2', taxonomy: 'post_tag' },
          ],
        ],
      },
    });
    expect(toPostOutput(post, SITE).share_text).toBe('Tom & Jerry’s plans https://example.com/?p=12 #OpenSource');
  });

  it('cuts a long title at a word so that the link always fits in 280', () => {
    const words = Array(60).fill('Frühling').join(' '); // 8 letters and a space: 28 words (251) and "…" fit in 256
    const out = toPostOutput(wpPost({ id: 13, title: { rendered: words } }), SITE);
    expect(out.share_text).toBe(`${Array(28).fill('Frühling').join(' ')}… https://example.com/post-13/`);
    expect(out.hashtags).toBe('#Spring');
  });
});

describe('password_protected', () => {
  const hidden = { rendered: '', protected: true };

  it('is true when WordPress marks the content or the excerpt protected (a type without an editor has only one)', () => {
    expect(toPostOutput(wpPost({ id: 1, content: hidden, excerpt: hidden }), SITE).password_protected).toBe(true);
    const noContent = wpPost({ id: 2, excerpt: hidden });
    delete noContent.content;
    expect(isPasswordProtected(noContent)).toBe(true);
  });

  it('is false for an ordinary post, and for a type that has neither content nor excerpt', () => {
    expect(toPostOutput(wpPost({ id: 3 }), SITE).password_protected).toBe(false);
    const bare = wpPost({ id: 4 });
    delete bare.content;
    delete bare.excerpt;
    expect(toPostOutput(bare, SITE).password_protected).toBe(false);
  });
});
