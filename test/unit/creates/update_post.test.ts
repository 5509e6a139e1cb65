// Update Post: the same fields and builder as Create Post; here what differs: the post ID, the
// route, "only what was filled in", and the errors of editing.
import nock from 'nock';
import type { PostOutput } from '../../../src/post';
import { PNG, POST_WRITE_QUERY, createPerform, invalidParam, restError, wpDraft } from '../fixtures';
import { TOKEN, appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

const updatePost = createPerform('update_post');
const run = (input: Record<string, unknown>) => appTester(updatePost, bundle(input)) as Promise<PostOutput>;
const fails = async (input: Record<string, unknown>) => {
  const message = userMessage(await caught(() => run(input)));
  expectCleanMessage(message);
  return message;
};

describe('Update Post', () => {
  it('POSTs only the filled-in fields to /posts/{id}, with the output query', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', (body: Record<string, unknown>) => {
        expect(body).toEqual({ title: 'New title', status: 'publish' });
        return true;
      })
      .query(POST_WRITE_QUERY)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, wpDraft({ id: 42, title: { rendered: 'New title' }, status: 'publish' }));
    const out = await run({
      post_id: '42',
      title: 'New title',
      content: '',
      excerpt: '  ',
      status: 'publish',
      date: '',
      categories: [],
      tags: [''],
      meta: {},
      featured_image: '',
    });
    expect(scope.isDone()).toBe(true);
    expect(out).toMatchObject({ id: 42, title: 'New title', status: 'publish' });
  });

  it('with nothing filled in, reads the post instead of writing (no modified-date bump)', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts/42')
      .query(POST_WRITE_QUERY)
      .reply(200, wpDraft({ id: 42 }));
    expect((await run({ post_id: 42 })).id).toBe(42);
    expect(scope.isDone()).toBe(true);
  });

  it('does not require a title (unlike Create Post), nor a date for an already scheduled post', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', { status: 'future' })
      .query(true)
      .reply(200, wpDraft({ id: 42, status: 'future' }));
    await run({ post_id: '42', status: 'future' });
    expect(scope.isDone()).toBe(true);
  });

  it('updates pages and custom types on their own routes', async () => {
    const page = wp()
      .post('/wp-json/wp/v2/pages/7', { excerpt: 'x' })
      .query(true)
      .reply(200, wpDraft({ id: 7, type: 'page' }));
    await run({ post_type: 'page', post_id: '7', excerpt: 'x' });
    expect(page.isDone()).toBe(true);
    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] });
    const book = wp()
      .post('/wp-json/wp/v2/books/8', { title: 'x' })
      .query(true)
      .reply(200, wpDraft({ id: 8, type: 'book' }));
    await run({ post_type: 'book', post_id: '8', title: 'x' });
    expect(book.isDone()).toBe(true);
  });

  it('replaces terms (names resolved first) and the featured image (uploaded first)', async () => {
    wp().post('/wp-json/wp/v2/tags', { name: 'Fresh' }).query(true).reply(201, { id: 60 });
    nock('https://files.example.org').get('/new.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 61 });
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', { tags: [60], featured_media: 61 })
      .query(true)
      .reply(200, wpDraft({ id: 42, tags: [60], featured_media: 61 }));
    await run({ post_id: '42', tags: ['Fresh'], featured_image: 'https://files.example.org/new.png' });
    expect(scope.isDone()).toBe(true);
  });

  it('reports dropped values as an update, not a creation', async () => {
    wp()
      .post('/wp-json/wp/v2/posts/42')
      .query(true)
      .reply(200, wpDraft({ id: 42, categories: [1] }));
    expect(await fails({ post_id: '42', categories: ['77'] })).toBe(
      'WordPress updated post 42, but did not apply: Categories 77 (no category with this ID; pick from the dropdown). Correct the values and run the step again.',
    );
  });

  it.each<[string, number, RegExp]>([
    [
      'rest_post_invalid_id',
      404,
      /^Post: WordPress has no post with ID 42 \(it may have been deleted, or it is another post type: check Post Type\)\.$/,
    ],
    [
      'rest_cannot_edit',
      403,
      /^Post: the WordPress user this connection uses may not edit post 42\. Authors and Contributors can edit only their own posts/,
    ],
    ['rest_cannot_publish', 403, /Pending Review/],
    ['rest_cannot_edit_others', 403, /^Author: only Editors and Administrators/],
  ])('%s has a specific message', async (code, status, expected) => {
    wp()
      .post('/wp-json/wp/v2/posts/42')
      .query(true)
      .reply(status, restError(code, 'WordPress text.', status));
    expect(await fails({ post_id: '42', title: 'x' })).toMatch(expected);
  });

  it('names the field of a rest_invalid_param', async () => {
    wp()
      .post('/wp-json/wp/v2/posts/42')
      .query(true)
      .reply(400, invalidParam('status', 'status is not one of publish, future.', 'rest_not_in_enum'));
    expect(await fails({ post_id: '42', title: 'x' })).toBe(
      'WordPress rejected the input. Status (status): status is not one of publish, future. Correct this field and try again.',
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a missing post', { title: 'x' }, /^Post: is required\. Pick one from the dropdown/],
    ['an empty post', { post_id: '  ', title: 'x' }, /^Post: is required/],
    ['a negative post ID', { post_id: '-5', title: 'x' }, /^Post: "-5" is not an ID/],
    ['a post title instead of an ID', { post_id: 'Hello world', title: 'x' }, /^Post: "Hello world" is not an ID/],
    ['a huge post ID', { post_id: '99999999999999999999', title: 'x' }, /^Post: "99999999999999999999" is not an ID/],
    ['an invalid date', { post_id: '1', date: '2026-13-01' }, /^Publish Date: "2026-13-01" is not a date/],
  ])('refuses %s before any request', async (_name, input, expected) => {
    expect(await fails(input)).toMatch(expected);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
