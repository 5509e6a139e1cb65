// New Post and the poll it shares with New or Updated Post: the one request and every option.
// Errors: new_post_errors.test.ts; password-protected posts and a type's own taxonomies:
// new_post_filters.test.ts.
import { POST_EMBED, POST_FIELDS } from '../../../src/wordpress/post';
import { WP_TYPES, restError, wpPost } from '../fixtures';
import { TOKEN, appTester, authData, bundle, wp } from '../helpers';
import { newPost, postTypeList, pollQuery, Out } from './new_post_steps';

describe('New Post: the request', () => {
  it('makes one request: newest first by date, sticky ignored, only the fields and embeds the output needs', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(pollQuery())
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, [wpPost({ id: 12, date_gmt: '2026-03-15T08:00:00' }), wpPost({ id: 11 })]);
    const result = (await appTester(newPost, bundle())) as Out;
    expect(result.map((p) => p.id)).toEqual([12, 11]);
    expect(scope.isDone()).toBe(true);
    // `_links` must be there or WordPress embeds nothing; heavy SEO fields must not.
    expect(POST_FIELDS.split(',')).toEqual(expect.arrayContaining(['_links', '_embedded']));
    expect(POST_FIELDS).not.toMatch(/yoast/);
    // Registered meta and ACF values are outputs: small, and absent on sites without them.
    expect(POST_FIELDS.split(',')).toEqual(expect.arrayContaining(['meta', 'acf']));
    expect(POST_EMBED).toBe('author,wp:featuredmedia,wp:term,acf:attachment');
  });

  it.each([
    [{ limit: 20 }, '20'],
    [{ limit: 500 }, '100'],
    [{ limit: -1 }, '50'],
    [{ isLoadingSample: true }, '3'],
    [{ isLoadingSample: true, limit: 2 }, '2'],
  ])('asks for the right number of posts with meta %j', async (meta, perPage) => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(pollQuery({ per_page: perPage }))
      .reply(200, []);
    await expect(appTester(newPost, bundle({}, meta))).resolves.toEqual([]);
  });

  it('sorts newest first even when a plugin reorders the query (sticky or custom order)', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [
        wpPost({ id: 9, sticky: true, date_gmt: '2020-01-15T09:00:00' }),
        wpPost({ id: 30, date_gmt: '2026-03-15T08:00:00' }),
        wpPost({ id: 31, date_gmt: '2026-03-15T08:00:00' }),
      ]);
    const result = (await appTester(newPost, bundle())) as Out;
    expect(result.map((p) => p.id)).toEqual([31, 30, 9]);
  });

  it('passes status, categories, tags and author; lists and comma-separated strings both work', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(pollQuery({ status: 'draft', categories: '3,4', tags: '7,9', author: '2' }))
      .reply(200, [wpPost({ id: 5, status: 'draft' })]);
    const result = (await appTester(
      newPost,
      bundle({ status: ' Draft ', categories: ['3', '4', '3'], tags: '7, 9', author: '2' }),
    )) as Out;
    expect(result).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it.each(['future', 'private', 'pending'])('reads %s posts', async (status) => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(pollQuery({ status }))
      .reply(200, [wpPost({ id: 5, status })]);
    const [post] = (await appTester(newPost, bundle({ status }))) as Out;
    expect(post.status).toBe(status);
  });

  it('polls pages at /pages without asking WordPress for the route', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/pages')
      .query(pollQuery())
      .reply(200, [wpPost({ id: 2, type: 'page', categories: undefined, tags: undefined })]);
    const [page] = (await appTester(newPost, bundle({ post_type: 'page' }))) as Out;
    expect(page).toMatchObject({ id: 2, type: 'page', categories: [], tags: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('looks a custom type up once, then polls it with one request (cached rest_base)', async () => {
    const lookup = wp()
      .get('/wp-json/wp/v2/types/book')
      .query({ _fields: 'slug,rest_base,rest_namespace,taxonomies' })
      .once()
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] });
    const books = wp()
      .get('/wp-json/wp/v2/books')
      .query(pollQuery())
      .twice()
      .reply(200, [wpPost({ id: 14, type: 'book' })]);
    await appTester(newPost, bundle({ post_type: 'book' }), true);
    await appTester(newPost, bundle({ post_type: 'book' }));
    expect(lookup.isDone() && books.isDone()).toBe(true);
  });

  it('after the Post Type dropdown was loaded, a custom type needs no lookup at all', async () => {
    wp().get('/wp-json/wp/v2/types').reply(200, WP_TYPES);
    await appTester(postTypeList, bundle(), true);
    const books = wp().get('/wp-json/wp/v2/books').query(true).reply(200, []);
    await appTester(newPost, bundle({ post_type: 'book' }));
    expect(books.isDone()).toBe(true);
  });

  it("uses a custom type's own namespace", async () => {
    wp()
      .get('/wp-json/wp/v2/types/product')
      .query(true)
      .reply(200, { slug: 'product', rest_base: 'products', rest_namespace: 'shop/v1', taxonomies: [] });
    const scope = wp().get('/wp-json/shop/v1/products').query(true).reply(200, []);
    await appTester(newPost, bundle({ post_type: 'product' }), true);
    expect(scope.isDone()).toBe(true);
  });

  it('notices a changed rest_base (404 rest_no_route), asks again and retries once', async () => {
    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: [] });
    wp().get('/wp-json/wp/v2/books').query(true).reply(200, []);
    await appTester(newPost, bundle({ post_type: 'book' }), true);
    wp()
      .get('/wp-json/wp/v2/books')
      .query(true)
      .reply(404, restError('rest_no_route', 'No route was found matching the URL and request method.', 404));
    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'library', rest_namespace: 'wp/v2', taxonomies: [] });
    wp()
      .get('/wp-json/wp/v2/library')
      .query(true)
      .reply(200, [wpPost({ id: 14, type: 'book' })]);
    const result = (await appTester(newPost, bundle({ post_type: 'book' }))) as Out;
    expect(result.map((p) => p.id)).toEqual([14]);
  });

  it('works on a site in a sub-folder with plain permalinks (?rest_route= then &)', async () => {
    const rest_root = 'https://example.com/blog/index.php?rest_route=/';
    const scope = wp()
      .get('/blog/index.php')
      .query({ rest_route: '/wp/v2/posts', ...pollQuery() })
      .reply(200, [wpPost({ id: 5, link: 'https://example.com/blog/?p=5' })]);
    const [post] = (await appTester(
      newPost,
      bundle({}, {}, authData({ site_url: 'https://example.com/blog', rest_root })),
    )) as Out;
    expect(post.link).toBe('https://example.com/blog/?p=5');
    expect(scope.isDone()).toBe(true);
  });
});
