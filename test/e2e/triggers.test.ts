// New Post through Zapier's runtime against the real WordPress 6.1 of the bench: what fires, in what
// order, with what output, and how many HTTP requests a steady-state poll really makes; posts, pages
// and books. Content made here carries a per-run stamp; seed content is only read. New or Updated
// Post, New User and dropdowns: trigger_users_dropdowns.test.ts; the plain site and a firewall:
// trigger_sites.test.ts.
import { caught, connect, recordRequests, rest, userMessage } from './harness';
import {
  Item,
  STAMP,
  create,
  expectNewestFirst,
  gmtSecondsAgo,
  ours,
  poll,
  rendered,
  termId,
  turnOn,
  usePollingBench,
} from './trigger_polls';

usePollingBench();

jest.setTimeout(60_000);

describe('New Post on the main site', () => {
  let featured: { id: number };
  let created: Array<{ id: number }> = [];
  let news: number;
  let automation: number;

  beforeAll(async () => {
    const auth = await connect('main', 'administrator');
    const seed = await rest<Array<{ featured_media: number }>>(auth, 'wp/v2/posts', {
      query: { slug: 'a-post-with-a-featured-image', _fields: 'featured_media' },
    });
    featured = { id: seed.data[0].featured_media };
    news = await termId('categories', 'News');
    automation = await termId('tags', 'Automation');
    // Three posts a second apart (oldest first), the newest with everything a social post maps.
    created = [];
    for (const [i, title] of [
      `E2E ${STAMP} first`,
      `E2E ${STAMP} second`,
      `E2E ${STAMP} Tom's “launch” 🚀 & Grüße`,
    ].entries()) {
      created.push(
        await create<{ id: number }>('wp/v2/posts', {
          title,
          content: '<!-- wp:paragraph --><p>Hello <strong>world</strong> &amp; friends.</p><!-- /wp:paragraph -->',
          excerpt: i === 2 ? 'Short &amp; sweet.' : '',
          status: 'publish',
          date_gmt: gmtSecondsAgo(30 - i),
          categories: [news],
          tags: [automation],
          featured_media: i === 2 ? featured.id : 0,
        }),
      );
    }
  });

  it('fires each new post once, newest first, with everything a social post needs', async () => {
    const result = await poll('new_post');
    expectNewestFirst(result, 'date_gmt');
    const mine = ours(result);
    expect(mine.map((p) => p.id)).toEqual([...created].reverse().map((p) => p.id));
    const [newest] = mine;
    expect(newest).toMatchObject({
      post_id: created[2].id,
      type: 'post',
      status: 'publish',
      title: `E2E ${STAMP} Tom’s “launch” 🚀 & Grüße`,
      excerpt_text: 'Short & sweet.',
      content_text: 'Hello world & friends.',
      author_id: 1,
      author_name: 'Ada Admin',
      category_names: ['News'],
      tag_names: ['Automation'],
      hashtags: '#Automation',
      featured_image_id: featured.id,
      featured_image_alt: 'Orange box on blue: the bench logo',
      sticky: false,
      format: 'standard',
      comment_status: 'open',
    });
    expect(newest.title_html).toContain('&#8217;'); // WordPress texturizes; the plain title is decoded
    expect(newest.link).toMatch(/^http:\/\/127\.0\.0\.1:8080\/e2e-/);
    expect(newest.featured_image_url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/wp-content\/uploads\/.+\.png$/);
    expect((newest.featured_image_sizes as Item).thumbnail).toMatch(/-150x150\.png$/);
    // Europe/Berlin: the site-local date carries the offset, the UTC one +00:00.
    expect(newest.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
    expect(newest.date_gmt).toMatch(/\+00:00$/);
    // An empty excerpt: WordPress makes one from the content.
    expect(mine[2].excerpt_text).toContain('Hello world');
  });

  it('turning a Zap on reads the newest 50 in full and the IDs of the rest; later polls are two small requests', async () => {
    const first = await recordRequests(() => turnOn('new_post', {}, { freshCache: true }));
    const paths = first.requests.map((r) => decodeURIComponent(r.path));
    const full = paths.find((path) => path.includes('_embed'));
    expect(full).toMatch(/^\/wp-json\/wp\/v2\/posts\?/);
    expect(full).toMatch(/_fields=[^&]*_links/);
    expect(full).toContain('ignore_sticky=true');
    expect(paths.some((path) => path.includes('orderby=id') && /_fields=id(&|$)/.test(path))).toBe(true);
    expect(JSON.stringify(first.result)).not.toContain('yoast');
    expect(rendered(first.result)).toHaveLength(50);
    // Nothing new: an index of IDs and one of recent dates, neither with content or embeds.
    const steady = await recordRequests(() => poll('new_post'));
    expect(steady.requests.length).toBeLessThanOrEqual(2);
    for (const request of steady.requests) expect(decodeURIComponent(request.path)).not.toContain('_embed');
  });

  it('loading a sample returns just a few; meta.limit is respected', async () => {
    expect(await poll('new_post', {}, { meta: { isLoadingSample: true } })).toHaveLength(3);
    expect(rendered(await turnOn('new_post', {}, { meta: { limit: 7 }, freshCache: true }))).toHaveLength(7);
  });

  it('a sticky post does not jump the queue', async () => {
    const sticky = await create<{ id: number }>('wp/v2/posts', {
      title: `E2E ${STAMP} old sticky`,
      status: 'publish',
      sticky: true,
      date_gmt: '2019-05-01T10:00:00',
    });
    const result = await poll('new_post', {}, { meta: { limit: 10 }, freshCache: true });
    expect(result.map((p) => p.id)).not.toContain(sticky.id);
    expectNewestFirst(result, 'date_gmt');
  });

  it('filters by category, tag and author', async () => {
    const result = await poll('new_post', { categories: [String(news)], tags: [String(automation)], author: '1' });
    expect(ours(result).map((p) => p.id)).toEqual([...created].reverse().map((p) => p.id));
    for (const post of result) {
      expect(post.categories).toContain(news);
      expect(post.tags).toContain(automation);
      expect(post.author_id).toBe(1);
    }
  });

  it('reads private, scheduled and draft posts for an editor; the private title has no "Private: " prefix', async () => {
    const memo = await create<{ id: number }>('wp/v2/posts', { title: `E2E ${STAMP} private memo`, status: 'private' });
    const later = await create<{ id: number; status: string }>('wp/v2/posts', {
      title: `E2E ${STAMP} scheduled`,
      status: 'publish',
      date_gmt: '2031-01-01T09:00:00',
    });
    expect(later.status).toBe('future');
    const draft = await create<{ id: number }>('wp/v2/posts', { title: `E2E ${STAMP} draft`, status: 'draft' });

    const [priv] = ours(await poll('new_post', { status: 'private' }, { user: 'editor' }));
    expect(priv).toMatchObject({ id: memo.id, status: 'private', title: `E2E ${STAMP} private memo` });
    expect(priv.title_html).toMatch(/^Private: /);
    const [future] = ours(await poll('new_post', { status: 'future' }, { user: 'editor' }));
    expect(future).toMatchObject({ id: later.id, status: 'future', date: '2031-01-01T10:00:00+01:00' });
    expect(ours(await poll('new_post', { status: 'draft' }, { user: 'editor' })).map((p) => p.id)).toContain(draft.id);
  });

  it('a subscriber asking for drafts learns which capability and role it takes', async () => {
    const message = userMessage(await caught(() => poll('new_post', { status: 'draft' }, { user: 'subscriber' })));
    expect(message).toMatch(
      /not allowed to read draft posts.*"edit_posts" capability \(roles: Contributor, Author, Editor or Administrator\)/s,
    );
  });

  it('names a post type that does not exist, a deleted category and a status that does not exist', async () => {
    expect(userMessage(await caught(() => poll('new_post', { post_type: 'recipe' })))).toMatch(/no post type "recipe"/);
    const auth = await connect('main', 'administrator');
    const gone = await create<{ id: number }>('wp/v2/categories', { name: `E2E ${STAMP} doomed` });
    await rest(auth, `wp/v2/categories/${gone.id}`, { method: 'DELETE', query: { force: 'true' } });
    expect(userMessage(await caught(() => poll('new_post', { categories: [String(gone.id)] })))).toBe(
      `WordPress has no category ${gone.id} (Categories): it was probably deleted. Pick the value again from the dropdown, or clear the field.`,
    );
    expect(userMessage(await caught(() => poll('new_post', { status: 'published' })))).toMatch(
      /"published" is not a WordPress post status/,
    );
    expect(
      userMessage(await caught(() => poll('new_post', { post_type: 'book', categories: [String(news)] }))),
    ).toMatch(/"book" has no categories/);
  });
});

describe('New Post for pages and the book custom post type', () => {
  it('a page fires with requests to /pages only', async () => {
    const page = await create<{ id: number }>('wp/v2/pages', {
      title: `E2E ${STAMP} page`,
      status: 'publish',
      content: '<p>About us.</p>',
    });
    const { result, requests } = await recordRequests(() => poll('new_post', { post_type: 'page' }));
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(request.path.split('?')[0]).toBe('/wp-json/wp/v2/pages');
    expect(ours(result)[0]).toMatchObject({
      id: page.id,
      type: 'page',
      content_text: 'About us.',
      categories: [],
      format: null,
    });
  });

  it('a book fires with its genre; after the first poll (or the dropdown) each poll is two requests at most', async () => {
    const genre = await termId('genres', 'Science Fiction');
    const book = await create<{ id: number }>('wp/v2/books', {
      title: `E2E ${STAMP} Dune`,
      status: 'publish',
      genres: [genre],
      excerpt: 'Spice.',
    });
    await turnOn('new_post', { post_type: 'book' });
    const steady = await recordRequests(() => poll('new_post', { post_type: 'book' }));
    expect(steady.requests.map((r) => r.path.split('?')[0])).toEqual(['/wp-json/wp/v2/books', '/wp-json/wp/v2/books']);
    expect(ours(steady.result)[0]).toMatchObject({
      id: book.id,
      type: 'book',
      term_names: ['Science Fiction'],
      category_names: [],
      excerpt_text: 'Spice.',
    });
  });
});
