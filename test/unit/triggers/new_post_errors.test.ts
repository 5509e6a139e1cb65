// New Post's errors: anonymous answers, statuses and types that do not exist, filter values that
// were deleted (named, in the right number), refusals before any request.
import nock from 'nock';
import { forbiddenStatus, restError, wpPost } from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';
import { newPost, pollQuery } from './new_post_steps';

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
