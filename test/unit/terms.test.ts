// Categories and tags by ID or by name: a value of digits only is an ID only when a term has that
// ID; otherwise it is a name like any other ("2024"), created or reused. Run through Create Post.
import nock from 'nock';
import { classifyTerms } from '../../src/terms';
import { POST_WRITE_QUERY, createPerform, restError, wpDraft } from './fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from './helpers';

const createPost = createPerform('create_post');
const run = (input: Record<string, unknown>) => appTester(createPost, bundle(input));

/** The one POST of the post itself, with exactly these categories and tags. */
function expectPost(terms: { categories?: number[]; tags?: number[] }) {
  return wp()
    .post('/wp-json/wp/v2/posts', (sent: Record<string, unknown>) => {
      expect(sent).toEqual({ title: 'x', ...terms });
      return true;
    })
    .query(POST_WRITE_QUERY)
    .reply(201, wpDraft({ id: 500, ...terms }));
}

/** WordPress's answer to `include=`: the terms among these IDs that exist. */
function existing(taxonomy: 'categories' | 'tags', asked: number[], found: number[]) {
  return wp()
    .get(`/wp-json/wp/v2/${taxonomy}`)
    .query({ include: asked.join(','), per_page: '100', _fields: 'id' })
    .reply(
      200,
      found.map((id) => ({ id })),
    );
}

describe('terms: IDs and names', () => {
  it('classifies digits as possible IDs, everything else (and "007") as names, each once', () => {
    expect(classifyTerms(['5', '2024', 'News', 'news', '007', '5', ' 12 '])).toEqual({
      ids: [5, 2024, 12],
      names: ['News', '007'],
    });
  });

  it('a category "2024" that is no category ID is created as a name and assigned', async () => {
    const check = existing('categories', [2024], []);
    const create = wp()
      .post('/wp-json/wp/v2/categories', { name: '2024' })
      .query({ _fields: 'id' })
      .reply(201, { id: 60 });
    const post = expectPost({ categories: [60] });
    await run({ title: 'x', categories: ['2024'] });
    expect([check.isDone(), create.isDone(), post.isDone()]).toEqual([true, true, true]);
  });

  it('digits that are IDs are kept, other digits and names are reused by name, one check per field', async () => {
    const scope = existing('categories', [5, 2024], [5])
      .post('/wp-json/wp/v2/categories', { name: '2024' })
      .query(true)
      .reply(400, restError('term_exists', 'A term with the name provided already exists.', 400, { term_id: 61 }))
      .post('/wp-json/wp/v2/categories', { name: 'News' })
      .query(true)
      .reply(201, { id: 3 });
    const tags = existing('tags', [7], [7]);
    const post = expectPost({ categories: [5, 61, 3], tags: [7] });
    await run({ title: 'x', categories: ['5', '2024', 'News'], tags: '7' });
    expect([scope.isDone(), tags.isDone(), post.isDone()]).toEqual([true, true, true]);
  });

  it('names only: no ID check', async () => {
    const create = wp().post('/wp-json/wp/v2/tags', { name: 'Spring' }).query(true).reply(201, { id: 8 });
    const post = expectPost({ tags: [8] });
    await run({ title: 'x', tags: ['Spring'] });
    expect([create.isDone(), post.isDone()]).toEqual([true, true]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('checks more than 100 IDs 100 at a time', async () => {
    const many = Array.from({ length: 101 }, (_, i) => i + 1);
    const first = existing('tags', many.slice(0, 100), many.slice(0, 100));
    const rest = existing('tags', [101], [101]);
    const post = expectPost({ tags: many });
    await run({ title: 'x', tags: many.map(String) });
    expect([first.isDone(), rest.isDone(), post.isDone()]).toEqual([true, true, true]);
  });

  it('a failed ID check fails the step before anything is written', async () => {
    wp()
      .get('/wp-json/wp/v2/categories')
      .query(true)
      .reply(500, restError('internal_server_error', 'There has been a critical error on this website.', 500));
    const create = wp().post('/wp-json/wp/v2/categories').query(true).reply(201, { id: 60 });
    const post = expectPost({ categories: [60] });
    const message = userMessage(await caught(() => run({ title: 'x', categories: ['2024', 'News'] })));
    expectCleanMessage(message);
    expect([create.isDone(), post.isDone()]).toEqual([false, false]);
  });
});
