// Create Post: categories and tags by name (created, reused, refused), and what WordPress dropped
// or did not save, as warnings.
import nock from 'nock';
import { POST_WRITE_QUERY_META, restError, wpDraft } from '../fixtures';
import { expectCleanMessage, wp } from '../helpers';
import { run, fails, expectCreate } from './create_post_steps';

describe('Create Post: categories and tags by name', () => {
  it('creates a missing name, reuses an existing one through term_exists, and keeps IDs as given', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/categories', { name: 'Brand New' })
      .query({ _fields: 'id' })
      .reply(201, { id: 40 })
      .post('/wp-json/wp/v2/categories', { name: 'News' })
      .query({ _fields: 'id' })
      .reply(
        400,
        restError('term_exists', 'A term with the name provided already exists with this parent.', 400, { term_id: 3 }),
      )
      .post('/wp-json/wp/v2/tags', { name: 'Open Source' })
      .query({ _fields: 'id' })
      .reply(201, { id: 41 })
      .post('/wp-json/wp/v2/tags', { name: 'Spring' })
      .query({ _fields: 'id' })
      .reply(
        400,
        restError('term_exists', 'A term with the name provided already exists in this taxonomy.', 400, { term_id: 7 }),
      );
    wp()
      .get('/wp-json/wp/v2/categories')
      .query({ include: '5', per_page: '100', _fields: 'id' })
      .reply(200, [{ id: 5 }]);
    const post = expectCreate(
      { title: 'x', categories: [5, 40, 3], tags: [41, 7] },
      { categories: [5, 40, 3], tags: [41, 7] },
    );
    const out = await run({ title: 'x', categories: ['5', 'Brand New', 'News'], tags: ['Open Source, Spring'] });
    expect(scope.isDone()).toBe(true);
    expect(post.isDone()).toBe(true);
    // Names created or reused are what was asked for: no warning.
    expect(out.warnings).toEqual([]);
  });

  it('says when a dropdown ID no longer exists and a term named after it was created, before other warnings', async () => {
    wp().get('/wp-json/wp/v2/categories').query({ include: '17', per_page: '100', _fields: 'id' }).reply(200, []);
    const create = wp().post('/wp-json/wp/v2/categories', { name: '17' }).query(true).reply(201, { id: 80 });
    expectCreate(
      { title: 'x', categories: [80], meta: { lost: 'a' } },
      { categories: [80], meta: {} },
      POST_WRITE_QUERY_META,
    );
    const out = await run({ title: 'x', categories: ['17'], meta: { lost: 'a' } });
    expect(create.isDone()).toBe(true);
    expect(out.warnings).toEqual([
      'Categories: no category has ID 17, so a category named "17" was created and assigned. If you picked it from the dropdown, it was deleted since: pick the category again.',
      expect.stringMatching(/^Custom Fields: WordPress did not save "lost"/),
    ]);
  });

  it('no warning when digits that are no ID name an existing term (term_exists)', async () => {
    wp().get('/wp-json/wp/v2/tags').query(true).reply(200, []);
    wp()
      .post('/wp-json/wp/v2/tags', { name: '2024' })
      .query(true)
      .reply(
        400,
        restError('term_exists', 'A term with the name provided already exists in this taxonomy.', 400, {
          term_id: 12,
        }),
      );
    expectCreate({ title: 'x', tags: [12] }, { tags: [12] });
    expect((await run({ title: 'x', tags: ['2024'] })).warnings).toEqual([]);
  });

  it('asks once per name: duplicates in any case or with entities are one term', async () => {
    const scope = wp().post('/wp-json/wp/v2/tags', { name: 'A & B' }).query(true).reply(201, { id: 50 });
    const post = expectCreate({ title: 'x', tags: [50] }, { tags: [50] });
    await run({ title: 'x', tags: ['A & B', 'a &amp; b', ' A  &  B '] });
    expect(scope.isDone()).toBe(true);
    expect(post.isDone()).toBe(true);
  });

  it('creates names with unicode and emoji', async () => {
    const scope = wp().post('/wp-json/wp/v2/tags', { name: 'Émoji 🚀' }).query(true).reply(201, { id: 51 });
    expectCreate({ title: 'x', tags: [51] }, { tags: [51] });
    await run({ title: 'x', tags: 'Émoji 🚀' });
    expect(scope.isDone()).toBe(true);
  });

  it('reads term_id also when WordPress gives it as text', async () => {
    wp()
      .post('/wp-json/wp/v2/tags')
      .query(true)
      .reply(400, restError('term_exists', 'exists', 400, { term_id: '7' }));
    const post = expectCreate({ title: 'x', tags: [7] }, { tags: [7] });
    await run({ title: 'x', tags: ['Spring'] });
    expect(post.isDone()).toBe(true);
  });

  it('an author who may not create categories still gets an existing one by exact name', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/categories', { name: 'Tips & Tricks' })
      .query(true)
      .reply(403, restError('rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.', 403))
      .get('/wp-json/wp/v2/categories')
      .query({ search: 'Tips &amp; Tricks', per_page: '100', page: '1', _fields: 'id,name' })
      .reply(200, [
        { id: 8, name: 'Tips &amp; Tricks for pros' },
        { id: 9, name: 'tips &amp; tricks' },
      ]);
    expectCreate({ title: 'x', categories: [9] }, { categories: [9] });
    await run({ title: 'x', categories: ['Tips & Tricks'] });
    expect(scope.isDone()).toBe(true);
  });

  it('says a category is missing and cannot be created, before creating the post', async () => {
    wp()
      .post('/wp-json/wp/v2/categories')
      .query(true)
      .reply(403, restError('rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.', 403))
      .get('/wp-json/wp/v2/categories')
      .query(true)
      .reply(200, []);
    const message = await fails({ title: 'x', categories: ['Secret'] });
    expect(message).toMatch(
      /^Categories: the category "Secret" does not exist, and the WordPress user this connection uses is not allowed to create categories: WordPress requires the "manage_categories" capability \(roles: Editor or Administrator\)/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses names longer than WordPress keeps, before any request', async () => {
    expect(await fails({ title: 'x', tags: ['x'.repeat(201)] })).toMatch(
      /^Tags: "x{60}…" is 201 characters long; at most 200 are allowed\.$/,
    );
  });

  it('reports category and tag IDs WordPress dropped (deleted after the lookup) as warnings, never an error', async () => {
    expectCreate(
      { title: 'Dropped', categories: [3, 999], tags: [998, 997] },
      { title: { rendered: 'Dropped' }, categories: [3], tags: [] },
    );
    // The IDs existed when checked, and were deleted before the write.
    wp()
      .get('/wp-json/wp/v2/categories')
      .query(true)
      .reply(200, [{ id: 3 }, { id: 999 }]);
    wp()
      .get('/wp-json/wp/v2/tags')
      .query(true)
      .reply(200, [{ id: 998 }, { id: 997 }]);
    const out = await run({ title: 'Dropped', categories: '3,999', tags: [998, 997] });
    expect(out).toMatchObject({ id: 500, title: 'Dropped' });
    expect(out.warnings).toEqual([
      'Categories: WordPress did not add category 999, because the site has no category with this ID. Pick Categories from the dropdown, and add them with Update Post or in WordPress.',
      'Tags: WordPress did not add tags 998, 997, because the site has no tag with these IDs. Pick Tags from the dropdown, and add them with Update Post or in WordPress.',
    ]);
  });

  it('reports each custom field WordPress did not save (not registered for REST) as a warning', async () => {
    expectCreate(
      { title: 'x', meta: { wpjz_source: 'a', secret_key: 'b', other: 'c' } },
      { meta: { wpjz_source: 'a' } },
      POST_WRITE_QUERY_META,
    );
    const out = await run({ title: 'x', meta: { wpjz_source: 'a', secret_key: 'b', other: 'c' } });
    expect(out.warnings).toEqual([
      'Custom Fields: WordPress did not save "secret_key", because it is not registered for the REST API. A developer must register it with register_post_meta and show_in_rest => true; until then, set it in WordPress.',
      'Custom Fields: WordPress did not save "other", because it is not registered for the REST API. A developer must register it with register_post_meta and show_in_rest => true; until then, set it in WordPress.',
    ]);
    for (const warning of out.warnings) expectCleanMessage(warning);
  });

  it('has no warnings when WordPress applied everything', async () => {
    expectCreate({ title: 'x', meta: { wpjz_source: 'a' } }, { meta: { wpjz_source: 'a' } }, POST_WRITE_QUERY_META);
    expect((await run({ title: 'x', meta: { wpjz_source: 'a' } })).warnings).toEqual([]);
  });

  it('reports fields the post type does not support as warnings, where WordPress did not say before the write', async () => {
    wp().get('/wp-json/wp/v2/types/book').query(true).reply(200, { slug: 'book', rest_base: 'books', taxonomies: [] });
    // A site before WordPress 5.3 filters only top-level _fields: the answer has no schema.
    wp()
      .get('/wp-json/wp/v2/books')
      .query({ _method: 'OPTIONS', _fields: /schema/ })
      .reply(200, {});
    const answer = wpDraft({ id: 500, type: 'book' });
    delete answer.format;
    delete answer.comment_status;
    wp().post('/wp-json/wp/v2/books').query(true).reply(201, answer);
    const out = await run({ post_type: 'book', title: 'x', format: 'aside', comment_status: 'closed' });
    expect(out.warnings).toEqual([
      'Format: WordPress ignored it, because the post type "book" does not support it. Leave Format empty for this post type.',
      'Comments: WordPress ignored it, because the post type "book" does not support it. Leave Comments empty for this post type.',
    ]);
  });
});
