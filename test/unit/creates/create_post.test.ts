// Create Post: every input, how it maps to WordPress's arguments, custom post types and pages (terms
// by name, scheduling, the featured image and refusals are in the create_post_*.test.ts beside it).
import { POST_WRITE_QUERY, POST_WRITE_QUERY_META, restError, typeSchema, wpDraft } from '../fixtures';
import { appTester, authData, bundle, wp } from '../helpers';
import { createPost, run, fails, Body, expectCreate } from './create_post_steps';

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
