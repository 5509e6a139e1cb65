// New Post and the poll it shares with New or Updated Post: the one request, every option, errors.
import nock from 'nock';
import { POST_EMBED, POST_FIELDS } from '../../../src/wordpress/post';
import { BOOK_SCHEMA, WP_TYPES, forbiddenStatus, restError, triggerPerform, wpPost } from '../fixtures';
import { TOKEN, appTester, authData, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

const newPost = triggerPerform('new_post');
const postTypeList = triggerPerform('post_type_list');

/** The query New Post sends, with what a test changes. */
function pollQuery(overrides: Record<string, string> = {}) {
  return {
    _fields: POST_FIELDS,
    _embed: POST_EMBED,
    per_page: '50',
    page: '1',
    orderby: 'date',
    order: 'desc',
    status: 'publish',
    ignore_sticky: 'true',
    ...overrides,
  };
}

type Out = Array<Record<string, unknown>>;

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

describe('New Post: errors', () => {
  it.each([
    [
      'draft',
      'post',
      /not allowed to read draft posts.*"edit_posts".*Contributor, Author, Editor or Administrator.*Published/s,
    ],
    ['private', 'post', /read private posts/],
    ['future', 'page', /read scheduled items of type "page".*"edit_pages".*Editor or Administrator/s],
    ['pending', 'post', /read pending review posts/],
  ])('a %s status the user may not read (%s) names the capability', async (status, type, message) => {
    wp().get(`/wp-json/wp/v2/${type}s`).query(true).reply(400, forbiddenStatus());
    const text = userMessage(await caught(() => appTester(newPost, bundle({ status, post_type: type }))));
    expect(text).toMatch(message);
    expectCleanMessage(text);
  });

  it('says when WordPress saw the request as anonymous', async () => {
    wp().get('/wp-json/wp/v2/posts').query(true).reply(400, forbiddenStatus(401));
    expect(userMessage(await caught(() => appTester(newPost, bundle({ status: 'draft' }))))).toMatch(
      /anonymous.*Authorization header/s,
    );
  });

  it('says a typed status does not exist', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(400, {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): status',
        data: {
          status: 400,
          params: { status: 'status[0] is not one of publish, future, draft.' },
          details: { status: { code: 'rest_not_in_enum', message: '…', data: null } },
        },
      });
    expect(userMessage(await caught(() => appTester(newPost, bundle({ status: 'published' }))))).toMatch(
      /"published" is not a WordPress post status/,
    );
  });

  it('says a post type does not exist', async () => {
    wp()
      .get('/wp-json/wp/v2/types/recipe')
      .query(true)
      .reply(404, restError('rest_type_invalid', 'Invalid post type.', 404));
    const text = userMessage(await caught(() => appTester(newPost, bundle({ post_type: 'recipe' }), true)));
    expect(text).toMatch(/no post type "recipe".*show_in_rest/s);
  });

  it('says which category, tag or author was deleted when a filtered poll comes back empty', async () => {
    wp().get('/wp-json/wp/v2/posts').query(true).reply(200, []);
    wp()
      .get('/wp-json/wp/v2/categories')
      .query({ include: '3,99', per_page: '100', _fields: 'id' })
      .reply(200, [{ id: 3 }]);
    wp()
      .get('/wp-json/wp/v2/tags')
      .query({ include: '7', per_page: '100', _fields: 'id' })
      .reply(200, [{ id: 7 }]);
    wp()
      .get('/wp-json/wp/v2/users/42')
      .query(true)
      .reply(404, restError('rest_user_invalid_id', 'Invalid user ID.', 404));
    const text = userMessage(
      await caught(() => appTester(newPost, bundle({ categories: ['3', '99'], tags: ['7'], author: '42' }))),
    );
    expect(text).toBe(
      'WordPress has no category 99 (Categories), user 42 (Author): they were probably deleted. Pick the value again from the dropdown, or clear the field.',
    );
  });

  it('an empty poll with filters that all exist is just empty (an author hidden from non-admins exists)', async () => {
    wp().get('/wp-json/wp/v2/posts').query(true).reply(200, []);
    wp()
      .get('/wp-json/wp/v2/categories')
      .query(true)
      .reply(200, [{ id: 3 }]);
    wp()
      .get('/wp-json/wp/v2/users/4')
      .query(true)
      .reply(403, restError('rest_user_cannot_view', 'Sorry, you are not allowed to list users.', 403));
    await expect(appTester(newPost, bundle({ categories: ['3'], author: '4' }))).resolves.toEqual([]);
  });

  it('refuses a category name before sending anything', async () => {
    const err = await caught(() => appTester(newPost, bundle({ categories: ['News'] })));
    expect(userMessage(err)).toBe(
      'Categories: "News" is not an ID. Use a positive whole number such as 42, or pick from the dropdown.',
    );
    expect(JSON.parse(err.message)).toMatchObject({ code: 'invalid_input' });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a category filter on a type without categories (WordPress would ignore it and return everything)', async () => {
    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] });
    const text = userMessage(
      await caught(() => appTester(newPost, bundle({ post_type: 'book', categories: ['3'] }), true)),
    );
    expect(text).toMatch(/"book" has no categories/);
  });

  it("asks about pages' taxonomies before filtering them by tag", async () => {
    wp()
      .get('/wp-json/wp/v2/types/page')
      .query(true)
      .reply(200, { slug: 'page', rest_base: 'pages', rest_namespace: 'wp/v2', taxonomies: ['category', 'post_tag'] });
    const scope = wp()
      .get('/wp-json/wp/v2/pages')
      .query(pollQuery({ tags: '7' }))
      .reply(200, [wpPost({ id: 2, type: 'page' })]);
    await appTester(newPost, bundle({ post_type: 'page', tags: ['7'] }), true);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [200, 'text/html'],
    [403, 'text/html'],
  ])('an HTML page from a firewall (HTTP %s) is named as such', async (status, type) => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(status, '<!DOCTYPE html><html><body>Access denied by Wordfence</body></html>', { 'Content-Type': type });
    const text = userMessage(await caught(() => appTester(newPost, bundle())));
    expect(text).toMatch(/web page instead of REST API data.*firewall/s);
    expectCleanMessage(text);
  });

  it('a stale token makes Zapier log in again', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(403, restError('jwt_auth_invalid_token', 'Expired token', 403));
    expect((await caught(() => appTester(newPost, bundle()))).name).toBe('RefreshAuthError');
  });
});

describe('New Post: a deleted filter value, one or several, in the right number', () => {
  it.each<[string[], number[], string]>([
    [['99'], [], 'WordPress has no category 99 (Categories): it was probably deleted.'],
    // One field naming two IDs was "it was" before: the count is of values, not of fields.
    [['98', '99'], [], 'WordPress has no categories 98, 99 (Categories): they were probably deleted.'],
    [['3', '99'], [3], 'WordPress has no category 99 (Categories): it was probably deleted.'],
  ])('categories %j, of which %j exist', async (asked, existing, expected) => {
    wp().get('/wp-json/wp/v2/posts').query(true).reply(200, []);
    wp()
      .get('/wp-json/wp/v2/categories')
      .query({ include: asked.join(','), per_page: '100', _fields: 'id' })
      .reply(
        200,
        existing.map((id) => ({ id })),
      );
    const text = userMessage(await caught(() => appTester(newPost, bundle({ categories: asked }))));
    expect(text.startsWith(expected)).toBe(true);
  });
});

describe('New Post: password-protected posts', () => {
  // What WordPress 6.x answers for a published post with a password (seen on the bench): the same
  // post, its content and excerpt emptied and marked `protected`.
  const hidden = { rendered: '', protected: true };
  const posts = () => [
    wpPost({ id: 22, date_gmt: '2026-03-15T10:00:00' }),
    wpPost({ id: 21, date_gmt: '2026-03-15T09:00:00', content: hidden, excerpt: hidden }),
    wpPost({ id: 20, date_gmt: '2026-03-15T08:00:00' }),
  ];

  it('leaves them out by default, with the same single request', async () => {
    const scope = wp().get('/wp-json/wp/v2/posts').query(pollQuery()).reply(200, posts());
    const result = (await appTester(newPost, bundle())) as Out;
    expect(result.map((p) => [p.id, p.password_protected])).toEqual([
      [22, false],
      [20, false],
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it.each(['yes', 'Yes', 'true', true])('includes them with Include Password-Protected Posts = %j', async (value) => {
    wp().get('/wp-json/wp/v2/posts').query(pollQuery()).reply(200, posts());
    const result = (await appTester(newPost, bundle({ include_protected: value }))) as Out;
    expect(result.map((p) => [p.id, p.password_protected])).toEqual([
      [22, false],
      [21, true],
      [20, false],
    ]);
    expect(result[1]).toMatchObject({ content_html: '', content_text: '', excerpt_text: '' });
  });

  it.each(['no', 'No', '', false])('leaves them out with %j', async (value) => {
    wp().get('/wp-json/wp/v2/posts').query(pollQuery()).reply(200, posts());
    const result = (await appTester(newPost, bundle({ include_protected: value }))) as Out;
    expect(result.map((p) => p.id)).toEqual([22, 20]);
  });

  it('names the field when its value is neither yes nor no, before any request', async () => {
    const message = userMessage(await caught(() => appTester(newPost, bundle({ include_protected: 'sometimes' }))));
    expectCleanMessage(message);
    expect(message).toMatch(/^Include Password-Protected Posts: "sometimes" is not yes or no/);
  });
});

describe('New Post: filters on the type’s own taxonomies', () => {
  it('sends a genre filter as WordPress names it (genres=12,14), with the schema read once', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] })
      .get('/wp-json/wp/v2/books')
      .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
      .reply(200, { schema: { properties: BOOK_SCHEMA } })
      .get('/wp-json/wp/v2/books')
      .query(pollQuery({ genres: '12,14' }))
      .reply(200, [wpPost({ id: 12, type: 'book' })]);
    const result = (await appTester(newPost, bundle({ post_type: 'book', genres: ['12', '14'] }))) as Out;
    expect(result.map((p) => p.id)).toEqual([12]);
    expect(scope.isDone()).toBe(true);
  });
});
