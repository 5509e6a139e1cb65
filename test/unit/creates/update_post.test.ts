// Update Post: the same fields and builder as Create Post; here what differs: the post ID, the
// route, "only what was filled in", and the errors of editing.
import nock from 'nock';
import type { PostWriteOutput } from '../../../src/zap/post_write';
import {
  PNG,
  POST_WRITE_QUERY,
  POST_WRITE_QUERY_META,
  createPerform,
  invalidParam,
  restError,
  typeSchema,
  wpDraft,
} from '../fixtures';
import { TOKEN, appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';
import app from '../../../index';

const updatePost = createPerform('update_post');
const run = (input: Record<string, unknown>) => appTester(updatePost, bundle(input)) as Promise<PostWriteOutput>;
/** WordPress's answers about the custom type `book`: its route, and the fields its schema has. */
function bookType(properties?: string[]) {
  wp()
    .get('/wp-json/wp/v2/types/book')
    .query(true)
    .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] });
  wp()
    .get('/wp-json/wp/v2/books')
    .query({ _method: 'OPTIONS', _fields: /schema/ })
    .reply(200, typeSchema(properties));
}

/** With Zapier's cache emptied first: what a type supports is asked for again. */
const runFresh = (input: Record<string, unknown>) =>
  appTester(updatePost, bundle(input), true) as Promise<PostWriteOutput>;
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

  it('does not require a title (unlike Create Post), nor a date for a post whose date is ahead', async () => {
    const stored = wp()
      .get('/wp-json/wp/v2/posts/42')
      .query({ _fields: 'date_gmt' })
      .reply(200, { date_gmt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 19) });
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', { status: 'future' })
      .query(true)
      .reply(200, wpDraft({ id: 42, status: 'future' }));
    await run({ post_id: '42', status: 'future' });
    expect(stored.isDone() && scope.isDone()).toBe(true);
  });

  it("refuses Scheduled without a date when the post's own date has passed (WordPress would publish it at once)", async () => {
    wp().get('/wp-json/wp/v2/pages/42').query({ _fields: 'date_gmt' }).reply(200, { date_gmt: '2026-03-14T08:30:00' });
    expect(await fails({ post_type: 'page', post_id: '42', status: 'future' })).toBe(
      'Status is Scheduled but Publish Date is empty, and page 42 is dated 2026-03-14 08:30:00 UTC, in the past: with Status Scheduled, WordPress would publish the page at once instead of scheduling it. ' +
        'Fill in Publish Date with a date and time at least a minute ahead, or set Status to Published to publish it now.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses Scheduled with a past Publish Date before writing, and asks nothing about the post', async () => {
    expect(await fails({ post_id: '42', status: 'future', date: '2020-01-01T00:00:00Z' })).toMatch(
      /^Publish Date: 2020-01-01 00:00:00 UTC is in the past: with Status Scheduled, WordPress would publish the post at once/,
    );
  });

  it('names a post that does not exist when reading its date', async () => {
    wp()
      .get('/wp-json/wp/v2/posts/42')
      .query(true)
      .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
    expect(await fails({ post_id: '42', status: 'future' })).toMatch(/^Post: WordPress has no post with ID 42 /);
  });

  it('updates pages and custom types on their own routes', async () => {
    const page = wp()
      .post('/wp-json/wp/v2/pages/7', { excerpt: 'x' })
      .query(true)
      .reply(200, wpDraft({ id: 7, type: 'page' }));
    await run({ post_type: 'page', post_id: '7', excerpt: 'x' });
    expect(page.isDone()).toBe(true);
    bookType();
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

  it('reports dropped values as warnings on the updated post, never an error', async () => {
    wp()
      .post('/wp-json/wp/v2/posts/42', { excerpt: 'x', meta: { crm_id: '7' } })
      .query(POST_WRITE_QUERY_META)
      .reply(200, { ...wpDraft({ id: 42 }), meta: {} });
    const out = await run({ post_id: '42', excerpt: 'x', meta: { crm_id: '7' } });
    expect(out).toMatchObject({ id: 42 });
    expect(out.warnings).toEqual([
      'Custom Fields: WordPress did not save "crm_id", because it is not registered for the REST API. A developer must register it with register_post_meta and show_in_rest => true; until then, set it in WordPress.',
    ]);
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

describe('Update Post: a Publish Date without a Status', () => {
  const NOW = Date.parse('2026-07-01T12:00:00Z');
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  it('sends a date ahead as it is, and no status: the post keeps its own (WordPress schedules a published one)', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', { date: '2026-08-01T10:00:00' })
      .query(POST_WRITE_QUERY)
      .reply(200, wpDraft({ id: 42, status: 'future' }));
    expect((await run({ post_id: '42', date: '2026-08-01 10:00' })).status).toBe('future');
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an earlier date for a scheduled post (WordPress would publish it at once), after one small read', async () => {
    const stored = wp().get('/wp-json/wp/v2/posts/42').query({ _fields: 'status' }).reply(200, { status: 'future' });
    expect(await fails({ post_id: '42', date: '2026-06-01T10:00:00Z' })).toBe(
      'Publish Date: 2026-06-01 10:00:00 UTC is in the past, and post 42 is scheduled: WordPress would publish it at once. ' +
        'Set Publish Date to a date and time at least a minute ahead to keep it scheduled, or set Status to Published to publish it now with this date.',
    );
    expect(stored.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('back-dates a post that is not scheduled', async () => {
    wp().get('/wp-json/wp/v2/posts/42').query({ _fields: 'status' }).reply(200, { status: 'publish' });
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', { date_gmt: '2026-06-01T10:00:00' })
      .query(POST_WRITE_QUERY)
      .reply(200, wpDraft({ id: 42, status: 'publish' }));
    await run({ post_id: '42', date: '2026-06-01T10:00:00Z' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('Update Post: Clear These Fields', () => {
  it('is a multiple choice of the fields WordPress lets be emptied, on Update Post only', () => {
    const fields = (key: string) =>
      (app.creates![key]!.operation.inputFields as Array<{ key: string; list?: boolean; choices?: unknown }>).find(
        (field) => field.key === 'clear_fields',
      );
    expect(fields('update_post')).toMatchObject({ label: 'Clear These Fields', list: true, required: false });
    expect((fields('update_post')!.choices as Array<{ value: string }>).map((c) => c.value)).toEqual([
      'title',
      'content',
      'excerpt',
      'categories',
      'tags',
      'featured_image',
    ]);
    expect(fields('create_post')).toBeUndefined();
  });

  it('sends the empty value of each listed field, and the output shows them emptied, with no warning', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', (body: Record<string, unknown>) => {
        expect(body).toEqual({ title: 'Kept', excerpt: '', categories: [], tags: [], featured_media: 0 });
        return true;
      })
      .query(POST_WRITE_QUERY)
      // WordPress renders an excerpt from the content when the stored one is empty.
      .reply(
        200,
        wpDraft({
          id: 42,
          excerpt: { raw: '', rendered: '<p>Made from the content</p>' },
          categories: [],
          tags: [],
          featured_media: 0,
        }),
      );
    const out = await run({
      post_id: '42',
      title: 'Kept',
      excerpt: '',
      tags: [],
      clear_fields: ['excerpt', 'categories', 'tags', 'featured_image'],
    });
    expect(scope.isDone()).toBe(true);
    expect(out).toMatchObject({
      excerpt_html: '',
      excerpt_text: '',
      categories: [],
      tags: [],
      featured_image_id: null,
      featured_image_url: null,
      warnings: [],
    });
  });

  it('takes labels typed or mapped, separated by commas, in any case', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/posts/42', { content: '', featured_media: 0 })
      .query(true)
      .reply(200, wpDraft({ id: 42, featured_media: 0 }));
    await run({ post_id: '42', clear_fields: 'content, FEATURED IMAGE' });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a field both filled in and listed, and an unknown field, before any request', async () => {
    expect(await fails({ post_id: '42', excerpt: 'New', clear_fields: ['excerpt'] })).toBe(
      'Excerpt is filled in and also listed in Clear These Fields: a field can be set or emptied, not both. Leave Excerpt empty to empty it, or take it out of Clear These Fields.',
    );
    expect(await fails({ post_id: '42', tags: 'News', clear_fields: ['Tags'] })).toMatch(
      /^Tags is filled in and also listed/,
    );
    expect(await fails({ post_id: '42', clear_fields: ['slug'] })).toBe(
      'Clear These Fields: "slug" is not a field this action can empty. Pick from: Title, Content, Excerpt, Categories, Tags, Featured Image.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('leaves out what the post type does not have: nothing to empty there', async () => {
    bookType(['id', 'title', 'content']);
    const scope = wp()
      .post('/wp-json/wp/v2/books/8', { content: '' })
      .query(true)
      .reply(200, wpDraft({ id: 8, type: 'book' }));
    const out = await runFresh({
      post_type: 'book',
      post_id: '8',
      clear_fields: ['content', 'excerpt', 'featured_image', 'tags'],
    });
    expect(scope.isDone()).toBe(true);
    expect(out.warnings).toEqual([]);
  });

  it('says which listed fields left the post with no title, content or excerpt', async () => {
    wp()
      .post('/wp-json/wp/v2/posts/42')
      .query(true)
      .reply(400, restError('empty_content', 'Content, title, and excerpt are empty.', 400));
    expect(await fails({ post_id: '42', clear_fields: ['title', 'content'] })).toBe(
      'Title, Content and Excerpt would all be empty: WordPress needs at least one of them. Take Title or Content out of Clear These Fields, or fill in the Title.',
    );
  });
});

describe('Update Post: fields the post type does not have', () => {
  it('refuses Format on a page before writing, and leaves Sticky No and Format Standard out', async () => {
    expect(await fails({ post_type: 'page', post_id: '7', format: 'aside', sticky: 'no' })).toBe(
      'Format: the post type "page" has no post formats, so WordPress would ignore it. Leave Format empty for this post type.',
    );
    expect(nock.pendingMocks()).toEqual([]);
    const scope = wp()
      .post('/wp-json/wp/v2/pages/7', { title: 'x' })
      .query(true)
      .reply(200, wpDraft({ id: 7, type: 'page' }));
    await run({ post_type: 'page', post_id: '7', title: 'x', format: 'standard', sticky: false });
    expect(scope.isDone()).toBe(true);
  });
});
