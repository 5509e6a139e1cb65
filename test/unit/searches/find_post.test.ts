// Find Post: by ID, slug and search words; status; what "nothing found" is. By exact title:
// find_post_title.test.ts; a Status the user may not read: find_post_status.test.ts.
import nock from 'nock';
import { POST_WRITE_QUERY, forbiddenStatus, restError, wpDraft } from '../fixtures';
import { caught, expectCleanMessage, userMessage, wp } from '../helpers';
import { run, ids, listQuery } from './find_post_steps';

describe('Find Post', () => {
  it('by ID: one request, the post in the trigger shape', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts/42')
      .query(POST_WRITE_QUERY)
      .reply(200, wpDraft({ id: 42 }));
    const found = await run({ post_id: '42' });
    expect(scope.isDone()).toBe(true);
    expect(ids(found)).toEqual([42]);
    expect(found[0]).toMatchObject({ post_id: 42, title: 'Post 42', category_names: ['Uncategorized'] });
  });

  it('by ID: an unknown ID, or one of another status, finds nothing', async () => {
    wp()
      .get('/wp-json/wp/v2/posts/42')
      .query(true)
      .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
    expect(await run({ post_id: 42 })).toEqual([]);
    wp()
      .get('/wp-json/wp/v2/posts/43')
      .query(true)
      .reply(200, wpDraft({ id: 43, status: 'draft' }));
    expect(await run({ post_id: 43, status: 'publish' })).toEqual([]);
  });

  it('by ID: a post the user may not read says so', async () => {
    wp()
      .get('/wp-json/wp/v2/posts/42')
      .query(true)
      .reply(403, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 403));
    const message = userMessage(await caught(() => run({ post_id: 42 })));
    expect(message).toMatch(/^Post ID: post 42 exists but the connected WordPress user may not read it/);
    expectCleanMessage(message);
  });

  it('by slug, within any status by default', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(listQuery({ slug: 'hello-world', per_page: '10', orderby: 'date' }))
      .reply(200, [wpDraft({ id: 5, slug: 'hello-world' })]);
    expect(ids(await run({ slug: 'hello-world' }))).toEqual([5]);
    expect(scope.isDone()).toBe(true);
  });

  it('by search words: WordPress relevance order, a few results', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(listQuery({ search: 'spring linen', per_page: '10', orderby: 'relevance' }))
      .reply(200, [wpDraft({ id: 3 }), wpDraft({ id: 1 })]);
    expect(ids(await run({ search: 'spring linen' }))).toEqual([3, 1]);
    expect(scope.isDone()).toBe(true);
  });

  it('finds a private post by its title without WordPress\'s "Private:" prefix', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [wpDraft({ id: 4, status: 'private', title: { rendered: 'Private: Board minutes' } })]);
    expect(ids(await run({ title: 'Board minutes' }))).toEqual([4]);
  });

  it('falls back to published posts for a user who may not list other statuses', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(listQuery({ slug: 'x', per_page: '10', orderby: 'date' }))
      .reply(400, forbiddenStatus());
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(listQuery({ slug: 'x', per_page: '10', orderby: 'date', status: 'publish' }))
      .reply(200, [wpDraft({ id: 2, status: 'publish' })]);
    expect(ids(await run({ slug: 'x' }))).toEqual([2]);
    expect(scope.isDone()).toBe(true);
  });

  it('searches pages and custom types on their routes', async () => {
    const scope = wp().get('/wp-json/wp/v2/pages').query(true).reply(200, []);
    expect(await run({ post_type: 'page', slug: 'about' })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['nothing to search by', { status: 'publish' }, /^Fill in at least one of Post ID, Slug, Title or Search Text/],
    ['only whitespace', { slug: ' ', title: '\n', search: '' }, /^Fill in at least one of/],
    ['a bad ID', { post_id: 'abc' }, /^Post ID: "abc" is not an ID/],
    [
      'a bad status',
      { slug: 'x', status: 'deleted' },
      /^Status: "deleted" is not one of: any, publish, draft, pending, private, future\.$/,
    ],
  ])('refuses %s before any request', async (_name, input, expected) => {
    const message = userMessage(await caught(() => run(input)));
    expect(message).toMatch(expected);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
