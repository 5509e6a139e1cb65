// Categories and tags by ID or by name: a value of digits only is an ID only when a term has that
// ID; otherwise it is a name like any other ("2024"), created or reused. Run through Create Post.
import nock from 'nock';
import type { PostWriteOutput } from '../../../src/zap/post_write';
import { classifyTerms } from '../../../src/wordpress/terms';
import { POST_WRITE_QUERY, createPerform, restError, wpDraft } from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

const createPost = createPerform('create_post');
const run = (input: Record<string, unknown>) => appTester(createPost, bundle(input)) as Promise<PostWriteOutput>;

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
    const out = await run({ title: 'x', categories: ['2024'] });
    expect([check.isDone(), create.isDone(), post.isDone()]).toEqual([true, true, true]);
    // It may as well be a dropdown pick deleted since: the step says what it did.
    expect(out.warnings).toEqual([
      'Categories: no category has ID 2024, so a category named "2024" was created and assigned. If you picked it from the dropdown, it was deleted since: pick the category again.',
    ]);
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
    const out = await run({ title: 'x', categories: ['5', '2024', 'News'], tags: '7' });
    expect([scope.isDone(), tags.isDone(), post.isDone()]).toEqual([true, true, true]);
    // "2024" reused through term_exists is a real term of that name, and "News" a name: no warning.
    expect(out.warnings).toEqual([]);
  });

  it('warns for each digits value created as a new term, per field, and not for a name created', async () => {
    existing('categories', [17], []);
    existing('tags', [4, 9], [4]);
    const create = wp()
      .post('/wp-json/wp/v2/categories', { name: '17' })
      .query(true)
      .reply(201, { id: 70 })
      .post('/wp-json/wp/v2/tags', { name: '9' })
      .query(true)
      .reply(201, { id: 71 })
      .post('/wp-json/wp/v2/tags', { name: 'Brand New' })
      .query(true)
      .reply(201, { id: 72 });
    const post = expectPost({ categories: [70], tags: [4, 71, 72] });
    const out = await run({ title: 'x', categories: ['17'], tags: ['4', '9', 'Brand New'] });
    expect([create.isDone(), post.isDone()]).toEqual([true, true]);
    expect(out.warnings).toEqual([
      'Categories: no category has ID 17, so a category named "17" was created and assigned. If you picked it from the dropdown, it was deleted since: pick the category again.',
      'Tags: no tag has ID 9, so a tag named "9" was created and assigned. If you picked it from the dropdown, it was deleted since: pick the tag again.',
    ]);
    for (const warning of out.warnings) expectCleanMessage(warning);
  });

  it('no warning for digits an author may not create but that exist by that name', async () => {
    existing('categories', [2024], []);
    const scope = wp()
      .post('/wp-json/wp/v2/categories', { name: '2024' })
      .query(true)
      .reply(403, restError('rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.', 403))
      .get('/wp-json/wp/v2/categories')
      .query({ search: '2024', per_page: '100', page: '1', _fields: 'id,name' })
      .reply(200, [{ id: 62, name: '2024' }]);
    const post = expectPost({ categories: [62] });
    const out = await run({ title: 'x', categories: ['2024'] });
    expect([scope.isDone(), post.isDone()]).toEqual([true, true]);
    expect(out.warnings).toEqual([]);
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
