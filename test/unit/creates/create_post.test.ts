// Create Post: every input, how it maps to WordPress's arguments, terms by name, the featured
// image, and every error (WordPress's and the input's).
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
import {
  PASSWORD,
  TOKEN,
  appTester,
  authData,
  bundle,
  caught,
  expectCleanMessage,
  readForm,
  userMessage,
  wp,
} from '../helpers';

const createPost = createPerform('create_post');
const run = (input: Record<string, unknown>) => appTester(createPost, bundle(input)) as Promise<PostWriteOutput>;
const fails = async (input: Record<string, unknown>) => {
  const message = userMessage(await caught(() => run(input)));
  expectCleanMessage(message);
  return message;
};

type Body = Record<string, unknown>;

/** Expects one POST /wp/v2/posts with exactly this body; answers with the post. */
function expectCreate(
  body: Body,
  answer: Partial<Parameters<typeof wpDraft>[0]> = {},
  query: Record<string, string> = POST_WRITE_QUERY,
  route = '/wp-json/wp/v2/posts',
) {
  return wp()
    .post(route, (sent: Body) => {
      expect(sent).toEqual(body);
      return true;
    })
    .query(query)
    .matchHeader('authorization', `Bearer ${TOKEN}`)
    .matchHeader('content-type', /application\/json/)
    .reply(201, wpDraft({ id: 500, ...answer }));
}

/** WordPress refusing the post write. */
const refuse = (status: number, body: unknown) =>
  wp()
    .post('/wp-json/wp/v2/posts')
    .query(true)
    .reply(status, body as nock.Body);

describe('Create Post: inputs and mapping', () => {
  it('sends every field in one request and returns the post in the trigger shape', async () => {
    const scope = expectCreate(
      {
        title: 'Hello',
        content: '<p>Hi <b>there</b></p>',
        excerpt: 'Short',
        status: 'publish',
        date_gmt: '2026-05-01T08:00:00',
        slug: 'hello',
        author: 3,
        categories: [3, 4],
        tags: [7],
        format: 'aside',
        sticky: true,
        comment_status: 'closed',
      },
      {
        status: 'publish',
        title: { rendered: 'Hello' },
        categories: [3, 4],
        tags: [7],
        sticky: true,
        format: 'aside',
        comment_status: 'closed',
        author: 3,
      },
    );
    // Digits are IDs once WordPress confirms terms with those IDs exist.
    wp()
      .get('/wp-json/wp/v2/categories')
      .query({ include: '3,4', per_page: '100', _fields: 'id' })
      .reply(200, [{ id: 3 }, { id: 4 }]);
    wp()
      .get('/wp-json/wp/v2/tags')
      .query({ include: '7', per_page: '100', _fields: 'id' })
      .reply(200, [{ id: 7 }]);
    const out = await run({
      title: '  Hello  ',
      content: '<p>Hi <b>there</b></p>',
      excerpt: 'Short',
      status: 'publish',
      date: '2026-05-01T10:00:00+02:00',
      slug: 'hello',
      author: '3',
      categories: ['3', '4'],
      tags: ['7'],
      format: 'aside',
      sticky: 'true',
      comment_status: 'closed',
    });
    expect(scope.isDone()).toBe(true);
    expect(out).toMatchObject({
      id: 500,
      post_id: 500,
      title: 'Hello',
      status: 'publish',
      sticky: true,
      format: 'aside',
      comment_status: 'closed',
    });
  });

  it('sends only what was filled in: empty strings, whitespace, nulls and empty lists are not sent', async () => {
    const scope = expectCreate({ title: 'Only a title' });
    await run({
      title: 'Only a title',
      content: '',
      excerpt: '   ',
      status: null,
      date: '',
      slug: ' ',
      author: '',
      categories: [],
      tags: [''],
      featured_image: '',
      format: '',
      sticky: '',
      comment_status: undefined,
      meta: {},
    });
    expect(scope.isDone()).toBe(true);
  });

  it('keeps HTML content exactly as sent: entities, unicode, emoji, comments, surrounding whitespace', async () => {
    const content =
      '\n<!-- wp:paragraph --><p>Caf&eacute; “quoted” &amp; ünïcödé 🚀 &lt;tag&gt;</p><!-- /wp:paragraph -->\n  ';
    const scope = expectCreate({ title: 'Ünïcode 🚀 &amp; “quotes”', content });
    await run({ title: 'Ünïcode 🚀 &amp; “quotes”', content });
    expect(scope.isDone()).toBe(true);
  });

  it('passes Zapier-style {{curlies}} in user text to WordPress unchanged', async () => {
    const content = 'Use {{bundle.inputData.name}} and {{process.env.X}} in a Zap';
    const scope = wp()
      .post(
        '/wp-json/wp/v2/posts',
        (raw: Body) => raw.content === content && raw.title === '{{bundle.authData.password}}',
      )
      .query(POST_WRITE_QUERY)
      .reply(201, wpDraft({ id: 501 }));
    await run({ title: '{{bundle.authData.password}}', content });
    expect(scope.isDone()).toBe(true);
  });

  it('accepts very long content (1 MB)', async () => {
    const content = `<p>${'Lorem ipsum dolor sit amet. '.repeat(40_000)}</p>`;
    const scope = expectCreate({ title: 'Long', content });
    await run({ title: 'Long', content });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['2026-05-01T10:00:00Z', { date_gmt: '2026-05-01T10:00:00' }],
    ['2026-05-01T10:00:00.123+02:00', { date_gmt: '2026-05-01T08:00:00' }],
    ['2026-05-01T10:00:00-0530', { date_gmt: '2026-05-01T15:30:00' }],
    ['2026-05-01 10:00', { date: '2026-05-01T10:00:00' }],
    ['2026-05-01', { date: '2026-05-01T00:00:00' }],
    ['1777629600', { date_gmt: '2026-05-01T10:00:00' }],
    ['1777629600000', { date_gmt: '2026-05-01T10:00:00' }],
    ['Fri, 01 May 2026 10:00:00 GMT', { date_gmt: '2026-05-01T10:00:00' }],
    ['Fri, 01 May 2026 12:00:00 +0200', { date_gmt: '2026-05-01T10:00:00' }],
    ['May 1, 2026 10:00', { date: '2026-05-01T10:00:00' }],
    // A zone abbreviation is never read as site time.
    ['Fri, 01 May 2026 10:00:00 EDT', { date_gmt: '2026-05-01T14:00:00' }],
    ['2026-05-01 10:00 CEST', { date_gmt: '2026-05-01T08:00:00' }],
    ['2026-05-01 10:00 pm est', { date_gmt: '2026-05-02T03:00:00' }],
    ['2026-05-01 10:00 UTC+5:30', { date_gmt: '2026-05-01T04:30:00' }],
    ['2026-05-01 10:00 America/New_York', { date_gmt: '2026-05-01T14:00:00' }],
  ])('reads the date %s as %j', async (date, expected) => {
    const scope = expectCreate({ title: 'Dated', ...expected });
    await run({ title: 'Dated', date });
    expect(scope.isDone()).toBe(true);
  });

  it('accepts labels for choice fields and yes/no for Sticky', async () => {
    const scope = expectCreate(
      { title: 'x', status: 'pending', format: 'quote', comment_status: 'open', sticky: false },
      { status: 'pending', format: 'quote' },
    );
    await run({ title: 'x', status: 'Pending Review', format: 'Quote', comment_status: 'OPEN', sticky: 'no' });
    expect(scope.isDone()).toBe(true);
  });

  it('sends custom fields and asks for meta back to check they were saved', async () => {
    const scope = expectCreate(
      { title: 'x', meta: { wpjz_source: 'zapier', empty: '' } },
      { meta: { wpjz_source: 'zapier', empty: '' } },
      POST_WRITE_QUERY_META,
    );
    await run({ title: 'x', meta: { ' wpjz_source ': 'zapier', empty: '' } });
    expect(scope.isDone()).toBe(true);
  });

  it('accepts custom fields given as a JSON object in text', async () => {
    const scope = expectCreate(
      { title: 'x', meta: { wpjz_source: '5' } },
      { meta: { wpjz_source: '5' } },
      POST_WRITE_QUERY_META,
    );
    await run({ title: 'x', meta: '{"wpjz_source": 5}' });
    expect(scope.isDone()).toBe(true);
  });

  it('creates pages at /pages without asking WordPress about the type', async () => {
    const scope = expectCreate({ title: 'About' }, { type: 'page' }, POST_WRITE_QUERY, '/wp-json/wp/v2/pages');
    const out = await run({ post_type: 'page', title: 'About' });
    expect(out.type).toBe('page');
    expect(scope.isDone()).toBe(true);
  });

  it("looks up a custom type's route, and refuses categories it does not have before writing anything", async () => {
    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] });
    const schema = wp()
      .get('/wp-json/wp/v2/books')
      .query((query) => query._method === 'OPTIONS')
      .reply(200, typeSchema());
    const scope = expectCreate({ title: 'A book' }, { type: 'book' }, POST_WRITE_QUERY, '/wp-json/wp/v2/books');
    await run({ post_type: 'book', title: 'A book' });
    expect(schema.isDone() && scope.isDone()).toBe(true);

    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] });
    expect(await fails({ post_type: 'book', title: 'A book', tags: ['Spring'] })).toBe(
      'Tags: the post type "book" has no tags (its taxonomies: genre). Clear Tags, or pick a post type that has them (Posts).',
    );
  });

  it('names an unknown post type', async () => {
    wp()
      .get('/wp-json/wp/v2/types/nope')
      .query(true)
      .reply(404, restError('rest_type_invalid', 'Invalid post type.', 404));
    expect(await fails({ post_type: 'nope', title: 'x' })).toMatch(/^WordPress has no post type "nope"/);
  });

  it('works on a plain-permalink site (?rest_route=)', async () => {
    const scope = wp()
      .post('/blog/index.php', { title: 'x' })
      .query({ rest_route: '/wp/v2/posts', ...POST_WRITE_QUERY })
      .reply(201, wpDraft({ id: 3 }));
    const auth = authData({
      site_url: 'https://example.com/blog',
      rest_root: 'https://example.com/blog/index.php?rest_route=/',
    });
    await appTester(createPost, { ...bundle({ title: 'x' }), authData: auth });
    expect(scope.isDone()).toBe(true);
  });
});

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

describe('Create Post: Scheduled needs a time ahead, checked before anything is written', () => {
  const NOW = Date.parse('2026-07-01T12:00:00Z');
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  /** The REST index, asked for the site's time zone only. */
  const siteZone = (zone: { timezone_string: string; gmt_offset: number | string }) =>
    wp().get('/wp-json/').query({ _fields: 'gmt_offset,timezone_string' }).once().reply(200, zone);

  it('refuses a past date with a zone without asking for the site zone, and creates no term', async () => {
    expect(await fails({ title: 'x', status: 'future', date: '2026-06-30T10:00:00Z', tags: ['Fresh'] })).toBe(
      'Publish Date: 2026-06-30 10:00:00 UTC is in the past: with Status Scheduled, WordPress would publish the post at once instead of scheduling it. ' +
        'Set Publish Date to a date and time at least a minute ahead, or set Status to Published to publish it now.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a time less than a minute ahead (WordPress publishes that at once too)', async () => {
    expect(await fails({ title: 'x', status: 'Scheduled', date: '2026-07-01T12:00:30Z' })).toMatch(
      /^Publish Date: 2026-07-01 12:00:30 UTC is less than a minute from now: with Status Scheduled, WordPress would publish the post at once/,
    );
  });

  it('schedules a time with a zone a minute or more ahead, without asking for the site zone', async () => {
    const scope = expectCreate({ title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:00' }, { status: 'future' });
    const out = await run({ title: 'x', status: 'future', date: '2026-07-01T14:01:00+02:00' });
    expect(out).toMatchObject({ status: 'future', warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('warns when WordPress published a schedule at once (the minute ran out during a slow step)', async () => {
    const scope = expectCreate(
      { title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:10' },
      { status: 'publish', date_gmt: '2026-07-01T12:01:10' },
    );
    const out = await run({ title: 'x', status: 'future', date: '2026-07-01T12:01:10Z' });
    expect(scope.isDone()).toBe(true);
    expect(out.status).toBe('publish');
    expect(out.warnings).toEqual([
      'Status: WordPress published the post at once instead of scheduling it, because its Publish Date was less than a minute ahead when it arrived. Unpublish it or set a new date in WordPress if it should not be public yet.',
    ]);
  });

  it("reads a date without a zone in the site's named zone at that date (summer time), with one request", async () => {
    // In July Berlin is UTC+2: 13:30 there is 11:30 UTC, past; today's offset (1 in winter) would say 12:30, ahead.
    const zone = siteZone({ timezone_string: 'Europe/Berlin', gmt_offset: 1 });
    expect(await fails({ title: 'x', status: 'future', date: '2026-07-01 13:30' })).toMatch(
      /^Publish Date: 2026-07-01 13:30:00 \(site time, Europe\/Berlin\) is in the past: /,
    );
    expect(zone.isDone()).toBe(true);
  });

  it('reads a date without a zone with a fixed offset when the site has no named zone', async () => {
    siteZone({ timezone_string: '', gmt_offset: '-5' });
    expect(await fails({ title: 'x', status: 'future', date: '2026-07-01 06:59' })).toMatch(
      /^Publish Date: 2026-07-01 06:59:00 \(site time, UTC-5\) is in the past/,
    );
    siteZone({ timezone_string: '', gmt_offset: '-5' });
    const scope = expectCreate({ title: 'x', status: 'future', date: '2026-07-01T08:00:00' }, { status: 'future' });
    await run({ title: 'x', status: 'future', date: '2026-07-01 08:00' });
    expect(scope.isDone()).toBe(true);
  });

  it('schedules a post with a Publish Date at least a minute ahead and Status empty', async () => {
    const scope = expectCreate({ title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:00' }, { status: 'future' });
    expect((await run({ title: 'x', date: '2026-07-01T12:01:00Z' })).status).toBe('future');
    expect(scope.isDone()).toBe(true);
  });

  it('warns as well when a schedule implied by the date alone was published at once', async () => {
    expectCreate({ title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:00' }, { status: 'publish' });
    expect((await run({ title: 'x', date: '2026-07-01T12:01:00Z' })).warnings).toEqual([
      expect.stringMatching(/^Status: WordPress published the post at once instead of scheduling it/),
    ]);
  });

  it('saves a draft with a Publish Date less than a minute ahead or past and Status empty (nothing publishes)', async () => {
    const scope = expectCreate({ title: 'x', date_gmt: '2026-07-01T12:00:30' });
    await run({ title: 'x', date: '2026-07-01T12:00:30Z' });
    expect(scope.isDone()).toBe(true);
  });

  it('says why a Contributor cannot create a post whose date schedules it', async () => {
    refuse(
      403,
      restError('rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.', 403),
    );
    expect(await fails({ title: 'x', date: '2026-08-01T10:00:00Z' })).toBe(
      'Publish Date: a date at least a minute ahead schedules the post, and the WordPress user this connection uses may not schedule posts; that needs an Author, Editor or Administrator. ' +
        'To save it with this date, set Status to Draft or Pending Review. WordPress said: "Sorry, you are not allowed to publish posts in this post type".',
    );
  });

  it('checks nothing for other statuses: a past date with Published is a back-dated post', async () => {
    const scope = expectCreate({ title: 'x', status: 'publish', date: '2020-01-01T10:00:00' }, { status: 'publish' });
    // Published asked and given: no word about scheduling.
    expect((await run({ title: 'x', status: 'publish', date: '2020-01-01 10:00' })).warnings).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('Create Post: featured image', () => {
  const FILES = 'https://files.example.org';

  it('downloads the file (without the token), uploads it with name, type, title and alt text, then creates the post', async () => {
    const download = nock(FILES, { badheaders: ['authorization'] })
      .get('/images/Spring%20Sale%20%C3%A9t%C3%A9.PNG')
      .query({ sig: 'abc' })
      .reply(200, PNG, { 'Content-Type': 'image/png' });
    const upload = wp()
      .post('/wp-json/wp/v2/media', (body: string) => {
        const { fields, file } = readForm(body);
        return (
          fields.title === 'Spring & Summer 🚀' &&
          fields.alt_text === 'Spring & Summer 🚀' &&
          file?.type === 'image/png' &&
          file.filename === 'Spring-Sale-ete.png'
        );
      })
      .query((q) => typeof q._fields === 'string')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(201, { id: 88, source_url: `https://example.com/wp-content/uploads/Spring-Sale-ete.png` });
    const post = expectCreate(
      { title: 'Spring &amp; <em>Summer</em> 🚀', featured_media: 88 },
      {
        featured_media: 88,
        _embedded: {
          'wp:featuredmedia': [
            {
              id: 88,
              source_url: 'https://example.com/wp-content/uploads/Spring-Sale-ete.png',
              alt_text: 'Spring & Summer 🚀',
            },
          ],
        },
      },
    );
    const out = await run({
      title: 'Spring &amp; <em>Summer</em> 🚀',
      featured_image: `${FILES}/images/Spring%20Sale%20%C3%A9t%C3%A9.PNG?sig=abc`,
    });
    expect(download.isDone() && upload.isDone() && post.isDone()).toBe(true);
    expect(out).toMatchObject({ featured_image_id: 88, featured_image_alt: 'Spring & Summer 🚀' });
  });

  it('sends the token when the file is on the site itself (a private upload)', async () => {
    const download = wp()
      .get('/wp-content/uploads/a.jpg')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, Buffer.from([0xff, 0xd8, 0xff, 0xe0]), { 'Content-Type': 'image/jpeg' });
    wp()
      .post('/wp-json/wp/v2/media', (body: string) => readForm(body).file?.filename === 'a.jpg')
      .query(true)
      .reply(201, { id: 89 });
    expectCreate({ title: 'x', featured_media: 89 }, { featured_media: 89 });
    await run({ title: 'x', featured_image: `${'https://example.com'}/wp-content/uploads/a.jpg` });
    expect(download.isDone()).toBe(true);
  });

  it('names the file from Content-Disposition, sniffs the type of an octet-stream, and adds the extension', async () => {
    nock(FILES).get('/hydrate/abc').reply(200, PNG, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': "attachment; filename*=UTF-8''M%C3%BCnchen%20%F0%9F%9A%80",
    });
    const upload = wp()
      .post('/wp-json/wp/v2/media', (body: string) => {
        const { file } = readForm(body);
        return file?.type === 'image/png' && file.filename === 'Munchen.png';
      })
      .query(true)
      .reply(201, { id: 90 });
    expectCreate({ title: 'x', featured_media: 90 }, { featured_media: 90 });
    await run({ title: 'x', featured_image: `${FILES}/hydrate/abc` });
    expect(upload.isDone()).toBe(true);
  });

  it('falls back to the slug or title for a file name made only of symbols', async () => {
    nock(FILES).get('/%F0%9F%9A%80').reply(200, PNG, { 'Content-Type': 'image/png' });
    const upload = wp()
      .post('/wp-json/wp/v2/media', (body: string) => readForm(body).file?.filename === 'my-post.png')
      .query(true)
      .reply(201, { id: 91 });
    expectCreate({ title: 'x', slug: 'my-post', featured_media: 91 }, { featured_media: 91 });
    await run({ title: 'x', slug: 'my-post', featured_image: `${FILES}/%F0%9F%9A%80` });
    expect(upload.isDone()).toBe(true);
  });

  it('checks a media library ID is an image before writing, then uses it as it is', async () => {
    const check = wp()
      .get('/wp-json/wp/v2/media/77')
      .query({ _fields: 'id,media_type' })
      .reply(200, { id: 77, media_type: 'image' });
    const post = expectCreate({ title: 'x', featured_media: 77 }, { featured_media: 77 });
    const out = await run({ title: 'x', featured_image: '77' });
    expect(check.isDone() && post.isDone()).toBe(true);
    expect(out).toMatchObject({ featured_image_id: 77, warnings: [] });
  });

  it('refuses a media ID that does not exist, before anything is written', async () => {
    wp()
      .get('/wp-json/wp/v2/media/77')
      .query(true)
      .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
    expect(await fails({ title: 'x', featured_image: '77', tags: ['Fresh'] })).toBe(
      'Featured Image: the media library has no item with ID 77 (it may have been deleted). Enter the ID of an image in the media library, or map an image file or link instead.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a media ID that is a file, not an image, before anything is written', async () => {
    wp().get('/wp-json/wp/v2/media/78').query(true).reply(200, { id: 78, media_type: 'file' });
    expect(await fails({ title: 'x', featured_image: '78' })).toMatch(
      /^Featured Image: media ID 78 is a file, not an image, and a featured image must be an image\. Enter the ID of an image/,
    );
  });

  it('a media ID the user may not look at is sent; if WordPress drops it, that is a warning', async () => {
    wp()
      .get('/wp-json/wp/v2/media/79')
      .query(true)
      .reply(403, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 403));
    expectCreate({ title: 'x', featured_media: 79 }, { featured_media: 0 });
    const out = await run({ title: 'x', featured_image: '79' });
    expect(out.warnings).toEqual([
      'Featured Image: WordPress did not set media ID 79, because it does not exist or is not an image. Pick an image from the media library, and set it with Update Post or in WordPress.',
    ]);
  });

  it('an uploaded image on a type without featured images is a warning that names the media ID left in the library', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 95 });
    const answer = wpDraft({ id: 500, type: 'page' });
    delete answer.featured_media;
    wp().post('/wp-json/wp/v2/pages').query(true).reply(201, answer);
    const out = await run({ post_type: 'page', title: 'x', featured_image: `${FILES}/a.png` });
    expect(out.warnings).toEqual([
      'Featured Image: WordPress did not set it, because the post type "page" has no featured images. Leave Featured Image empty for this post type. The uploaded image stays in the media library as media ID 95.',
    ]);
  });

  it.each([
    [404, 'the server answered HTTP 404 (not found)'],
    // Zapier turns a 401 into an empty RefreshAuthError before the app reads it: still named.
    [401, 'the server answered HTTP 401 (access denied; the link must be public)'],
    [403, 'the server answered HTTP 403 (access denied; the link must be public)'],
    [500, 'the server answered HTTP 500 (the server refused)'],
  ])('a download answered %i names the URL (without its query) and creates nothing', async (status, why) => {
    nock(FILES).get('/x.png').query(true).reply(status, 'nope');
    expect(await fails({ title: 'x', featured_image: `${FILES}/x.png?token=s3cret` })).toBe(
      `Featured Image: could not download ${FILES}/x.png: ${why}. Check that the link is public and points to the file itself.`,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('downloads before any write: a link that fails creates no category or tag', async () => {
    nock(FILES).get('/gone.png').reply(404, 'nope');
    const tag = wp().post('/wp-json/wp/v2/tags').query(true).reply(201, { id: 70 });
    expect(await fails({ title: 'x', tags: ['Brand new'], featured_image: `${FILES}/gone.png` })).toMatch(
      /^Featured Image: could not download/,
    );
    expect(tag.isDone()).toBe(false);
  });

  it('a download that cannot connect says why', async () => {
    nock(FILES).get('/x.png').replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/x.png` })).toMatch(
      /^Featured Image: could not download https:\/\/files\.example\.org\/x\.png: files\.example\.org refused the connection/,
    );
  });

  it('refuses a web page, a non-image, an empty file, a non-URL and a non-http URL', async () => {
    nock(FILES).get('/page').reply(200, '<!doctype html><html></html>', { 'Content-Type': 'text/html; charset=utf-8' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/page` })).toMatch(/leads to a web page, not to a file/);
    nock(FILES).get('/doc.pdf').reply(200, '%PDF-1.4', { 'Content-Type': 'application/pdf' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/doc.pdf` })).toBe(
      `Featured Image: ${FILES}/doc.pdf is application/pdf, not an image. A featured image must be an image file (JPEG, PNG, GIF or WebP).`,
    );
    nock(FILES).get('/empty.png').reply(200, '', { 'Content-Type': 'image/png' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/empty.png` })).toMatch(/the file is empty/);
    expect(await fails({ title: 'x', featured_image: 'just some text' })).toMatch(
      /^Featured Image: "just some text" is not a URL/,
    );
    expect(await fails({ title: 'x', featured_image: 'ftp://files.example.org/a.png' })).toMatch(
      /must be an http:\/\/ or https:\/\/ link/,
    );
  });

  it('refuses a file larger than the limit from its Content-Length', async () => {
    nock(FILES)
      .get('/huge.png')
      .reply(200, PNG, { 'Content-Type': 'image/png', 'Content-Length': String(200 * 1024 * 1024) });
    expect(await fails({ title: 'x', featured_image: `${FILES}/huge.png` })).toMatch(
      /the file is 200 MB; at most 100 MB can be uploaded/,
    );
  });

  it('a refused upload (file type) names the file and creates no post', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(500, restError('rest_upload_unknown_error', 'Sorry, you are not allowed to upload this file type.', 500));
    const err = await caught(() => run({ title: 'x', featured_image: `${FILES}/a.png` }));
    expect(userMessage(err)).toMatch(
      /^WordPress refused the file a\.png \(image\/png\) from https:\/\/files\.example\.org\/a\.png: this file type is not allowed/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a user without upload_files is told so', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(403, restError('rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.', 403));
    expect(await fails({ title: 'x', featured_image: `${FILES}/a.png` })).toMatch(
      /not allowed to upload files to the media library: WordPress requires the "upload_files" capability/,
    );
  });

  it('when the post then fails, removes the uploaded image and says so', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 92 });
    wp()
      .post('/wp-json/wp/v2/posts')
      .query(true)
      .reply(
        403,
        restError('rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.', 403),
      );
    const cleanup = wp().delete('/wp-json/wp/v2/media/92').query({ force: 'true' }).reply(200, { deleted: true });
    const message = await fails({ title: 'x', status: 'publish', featured_image: `${FILES}/a.png` });
    expect(message).toMatch(
      /^Status: .*Pending Review.*The featured image uploaded for it has been removed from the media library again\.$/,
    );
    expect(cleanup.isDone()).toBe(true);
  });

  it('when the cleanup fails too, gives the media ID to reuse', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 93 });
    wp().post('/wp-json/wp/v2/posts').query(true).reply(400, invalidParam('slug', 'slug is not of type string.'));
    wp()
      .delete('/wp-json/wp/v2/media/93')
      .query(true)
      .reply(403, restError('rest_cannot_delete', 'no', 403));
    expect(await fails({ title: 'x', featured_image: `${FILES}/a.png` })).toMatch(
      /^WordPress rejected the input\. Slug \(slug\): .* uploaded \(media ID 93\) and is still in the media library; .* enter 93 as the Featured Image/,
    );
  });

  it('after a network failure on the post, keeps the image (the post may exist) and warns about running twice', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 94 });
    wp().post('/wp-json/wp/v2/posts').query(true).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    // The post is looked up: not there yet, but a reset before any answer may leave WordPress running.
    wp().get('/wp-json/wp/v2/posts').query(true).reply(200, []);
    const message = await fails({ title: 'x', featured_image: `${FILES}/a.png` });
    expect(message).toMatch(/the post "x" was not there yet, but WordPress may still be working on the request/);
    expect(message).toMatch(/before running the step again, so nothing is written twice/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('Create Post: WordPress refusals', () => {
  it('rest_cannot_publish tells a contributor to use Pending Review', async () => {
    refuse(
      403,
      restError('rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.', 403),
    );
    expect(await fails({ title: 'x', status: 'publish' })).toBe(
      'Status: the WordPress user this connection uses may not publish or schedule posts (Published); that needs an Author, Editor or Administrator. ' +
        'A Contributor can still submit the post for review: set Status to Pending Review, and an editor publishes it. WordPress said: "Sorry, you are not allowed to publish posts in this post type".',
    );
  });

  it('rest_cannot_publish for Private says private', async () => {
    refuse(
      403,
      restError('rest_cannot_publish', 'Sorry, you are not allowed to create private posts in this post type.', 403),
    );
    expect(await fails({ title: 'x', status: 'private' })).toMatch(
      /^Status: .* may not create private posts \(Private\)/,
    );
  });

  it.each([
    [
      'rest_cannot_create',
      403,
      /^The WordPress user this connection uses is not allowed to create posts: WordPress requires the "edit_posts" capability \(roles: Contributor, Author, Editor or Administrator\)/,
    ],
    ['rest_cannot_edit_others', 403, /^Author: only Editors and Administrators may make another user the author/],
    ['rest_cannot_assign_sticky', 403, /make posts sticky.*Or leave Sticky empty/],
    ['rest_cannot_assign_term', 403, /assign these categories or tags/],
    ['rest_invalid_author', 400, /^Author: WordPress has no user with ID 9\./],
    ['empty_content', 400, /^Title, Content and Excerpt are all empty/],
    ['rest_post_exists', 400, /rest_post_exists/],
    ['db_insert_error', 500, /HTTP 500 \(db_insert_error\)/],
  ])('%s (HTTP %i) has a specific message', async (code, status, expected) => {
    refuse(status, restError(code, 'WordPress text.', status));
    expect(await fails({ title: 'x', author: '9' })).toMatch(expected);
  });

  it('rest_cannot_create for a page names the capability for pages', async () => {
    wp()
      .post('/wp-json/wp/v2/pages')
      .query(true)
      .reply(403, restError('rest_cannot_create', 'no', 403));
    expect(await fails({ post_type: 'page', title: 'x' })).toMatch(
      /not allowed to create "page" items: WordPress requires the "edit_pages" capability \(roles: Editor or Administrator\)/,
    );
  });

  it('rest_invalid_param names the field by its label and says what was wrong', async () => {
    refuse(400, invalidParam('date', 'Invalid date.', 'rest_invalid_date'));
    expect(await fails({ title: 'x' })).toBe(
      'WordPress rejected the input. Publish Date (date): Invalid date. Correct this field and try again.',
    );
    refuse(400, invalidParam('categories', 'categories[0] is not of type integer.'));
    expect(await fails({ title: 'x' })).toBe(
      'WordPress rejected the input. Categories (categories): categories[0] is not of type integer. Correct this field and try again.',
    );
    refuse(400, invalidParam('meta', 'meta.wpjz_source is not of type integer.'));
    expect(await fails({ title: 'x' })).toMatch(
      /^WordPress rejected the input\. Custom Fields \(meta\): meta\.wpjz_source is not of type integer\./,
    );
  });

  it('the token and password never appear, even when WordPress echoes input', async () => {
    refuse(400, restError('rest_invalid_param', `Bad ${TOKEN} ${PASSWORD}`, 400));
    const message = await fails({ title: 'x' });
    expect(message).not.toContain(TOKEN);
  });
});

describe('Create Post: bad input is refused before any request, naming the field', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['nothing to publish', {}, /^Title, Content and Excerpt are all empty/],
    ['only whitespace', { title: '   ', content: '\n\t ', excerpt: ' ' }, /^Title, Content and Excerpt are all empty/],
    [
      'a giant title',
      { title: 'x'.repeat(10_001) },
      /^Title: is 10,001 characters long; WordPress accepts at most 10,000 here\. Shorten it\.$/,
    ],
    ['giant content', { content: 'x'.repeat(5_000_001) }, /^Content: is 5,000,001 characters long/],
    ['an object as title', { title: { a: 1 } }, /^Title: expects text, got an object\.$/],
    ['a list of titles', { title: ['a', 'b'] }, /^Title: expects one value, got a list of 2\.$/],
    [
      'an unknown status',
      { title: 'x', status: 'published!' },
      /^Status: "published!" is not one of: publish, draft, pending, private, future\.$/,
    ],
    ['scheduled without a date', { title: 'x', status: 'future' }, /^Status is Scheduled but Publish Date is empty/],
    ['an invalid date', { title: 'x', date: 'next blursday' }, /^Publish Date: "next blursday" is not a date/],
    ['an impossible date', { title: 'x', date: '2026-02-30' }, /^Publish Date: "2026-02-30" is not a date/],
    [
      'a zone abbreviation that stands for several zones',
      { title: 'x', date: '2026-12-01 10:00 IST' },
      /^Publish Date: "2026-12-01 10:00 IST" ends in IST, which stands for several time zones \(India \+05:30, Ireland \+01:00, Israel \+02:00\)\. Write the offset instead, for example 2026-12-01 10:00 \+05:30/,
    ],
    [
      'an impossible time',
      { title: 'x', date: '2026-02-03T25:00:00' },
      /^Publish Date: "2026-02-03T25:00:00" is not a date/,
    ],
    [
      'a date out of range',
      { title: 'x', date: '1900-01-01' },
      /^Publish Date: "1900-01-01" is outside the years WordPress can store/,
    ],
    [
      'a negative author',
      { title: 'x', author: '-3' },
      /^Author: "-3" is not an ID\. Use a positive whole number such as 42/,
    ],
    ['a zero author', { title: 'x', author: 0 }, /^Author: "0" is not an ID/],
    ['a fractional author', { title: 'x', author: 2.5 }, /^Author: "2\.5" is not an ID/],
    ['a name as author', { title: 'x', author: 'Edith' }, /^Author: "Edith" is not an ID/],
    ['a bad format', { title: 'x', format: 'poem' }, /^Format: "poem" is not one of: standard, aside/],
    [
      'a bad comment status',
      { title: 'x', comment_status: 'maybe' },
      /^Comments: "maybe" is not one of: open, closed\.$/,
    ],
    ['a bad sticky', { title: 'x', sticky: 'perhaps' }, /^Sticky: "perhaps" is not yes or no/],
    [
      'sticky on a page',
      { title: 'x', post_type: 'page', sticky: true },
      /^Sticky: the post type "page" has no sticky posts \(only Posts can be sticky\), so WordPress would ignore it\. Leave Sticky empty for this post type\.$/,
    ],
    [
      'a format on a page',
      { title: 'x', post_type: 'page', format: 'Aside' },
      /^Format: the post type "page" has no post formats, so WordPress would ignore it\. Leave Format empty for this post type\.$/,
    ],
    ['a bad post type', { title: 'x', post_type: 'my type!' }, /^Post Type: "my type!" is not a post type name/],
    ['a meta list', { title: 'x', meta: ['a'] }, /^Custom Fields: expects key\/value pairs, got a list\.$/],
    [
      'meta as broken JSON',
      { title: 'x', meta: '{nope' },
      /^Custom Fields: expects key\/value pairs \(or a JSON object/,
    ],
    ['a meta value without key', { title: 'x', meta: { ' ': 'value' } }, /^Custom Fields: has a value without a key/],
    [
      'a nested meta value',
      { title: 'x', meta: { a: { b: 1 } } },
      /^Custom Fields: the value of "a" must be text, got an object\.$/,
    ],
    ['an object in tags', { title: 'x', tags: [{ id: 1 }] }, /^Tags: expects text or IDs, got an object\.$/],
    [
      'a giant slug',
      { title: 'x', slug: 's'.repeat(201) },
      /^Slug: is 201 characters long; WordPress accepts at most 200/,
    ],
  ])('%s', async (_name, input, expected) => {
    expect(await fails(input)).toMatch(expected);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
