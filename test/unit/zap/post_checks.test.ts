// checkPostWrite: what a post write settles before anything is written, and with how few requests:
// the status a Publish Date implies, and the fields a post type does not have.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { checkPostWrite } from '../../../src/zap/post_checks';
import { PostInput, WriteMode, readPostInput } from '../../../src/zap/post_form';
import type { PostTypeInfo } from '../../../src/wordpress/post_types';
import { typeSchema } from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

const POST: PostTypeInfo = {
  slug: 'post',
  rest_base: 'posts',
  rest_namespace: 'wp/v2',
  taxonomies: ['category', 'post_tag'],
};
const BOOK: PostTypeInfo = { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] };

/** The input as checkPostWrite returns it, for the form `form` (Create Post unless `mode` says). */
function check(
  form: Record<string, unknown>,
  {
    type = POST,
    mode = 'create',
    clearCache = true,
  }: { type?: PostTypeInfo; mode?: WriteMode; clearCache?: boolean } = {},
): Promise<PostInput> {
  const input = readPostInput({ post_type: type.slug, ...form }, mode);
  const perform = (z: ZObject, b: Bundle) => checkPostWrite(z, b, input, type);
  return appTester(perform as never, bundle(), clearCache) as Promise<PostInput>;
}

async function refusal(...args: Parameters<typeof check>): Promise<string> {
  const message = userMessage(await caught(() => check(...args)));
  expectCleanMessage(message);
  return message;
}

const siteZone = (timezone_string = 'Europe/Berlin', gmt_offset: number | string = 2) =>
  wp().get('/wp-json/').query({ _fields: 'gmt_offset,timezone_string' }).reply(200, { timezone_string, gmt_offset });

afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe('a Publish Date with Status empty', () => {
  const NOW = Date.parse('2026-07-01T12:00:00Z');
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  it.each<[string, string, string | undefined]>([
    ['a zone, a minute ahead', '2026-07-01T12:01:00Z', 'future'],
    ['a zone, 59 seconds ahead', '2026-07-01T12:00:59Z', undefined],
    ['a zone, in the past', '2026-06-01T12:00:00Z', undefined],
    ['no zone, more than 14 hours plus a minute ahead in UTC terms', '2026-07-02 02:01', 'future'],
    ['no zone, more than 12 hours behind', '2026-06-30 23:59', undefined],
  ])('on a new post, %s (%s): status %s, decided without a request', async (_name, date, status) => {
    expect((await check({ title: 'x', date })).body.status).toBe(status);
  });

  it('asks for the site zone only when the date is within its reach of now', async () => {
    siteZone(); // Berlin in July: UTC+2, so 14:30 there is 12:30 UTC, ahead
    expect((await check({ title: 'x', date: '2026-07-01 14:30' })).body.status).toBe('future');
    siteZone();
    expect((await check({ title: 'x', date: '2026-07-01 13:30' })).body.status).toBeUndefined();
  });

  it('keeps a status given: Draft with a date ahead stays a draft', async () => {
    expect((await check({ title: 'x', status: 'draft', date: '2026-08-01T10:00:00Z' })).body.status).toBe('draft');
  });

  it('on an update, sends no status for a date ahead (WordPress keeps the status, and schedules a published post)', async () => {
    expect(
      (await check({ post_id: 42, date: '2026-08-01T10:00:00Z' }, { mode: 'update' })).body.status,
    ).toBeUndefined();
  });

  it("on an update to an earlier date, reads the post's status once: a draft is back-dated, a scheduled post refused", async () => {
    wp().get('/wp-json/wp/v2/posts/42').query({ _fields: 'status' }).reply(200, { status: 'draft' });
    expect((await check({ post_id: 42, date: '2026-06-01T10:00:00Z' }, { mode: 'update' })).body).toMatchObject({
      date_gmt: '2026-06-01T10:00:00',
    });
    wp().get('/wp-json/wp/v2/posts/42').query({ _fields: 'status' }).reply(200, { status: 'future' });
    siteZone();
    expect(await refusal({ post_id: 42, date: '2026-07-01 14:00:30' }, { mode: 'update' })).toBe(
      'Publish Date: 2026-07-01 14:00:30 (site time, Europe/Berlin) is less than a minute from now, and post 42 is scheduled: WordPress would publish it at once. ' +
        'Set Publish Date to a date and time at least a minute ahead to keep it scheduled, or set Status to Published to publish it now with this date.',
    );
  });

  it('Scheduled with a date far enough ahead needs no site zone', async () => {
    expect((await check({ title: 'x', status: 'future', date: '2026-07-03 10:00' })).body.status).toBe('future');
  });
});

describe('fields the post type does not have', () => {
  const schema = (properties: string[]) =>
    wp()
      .get('/wp-json/wp/v2/books')
      .query({ _method: 'OPTIONS', _fields: /schema\.properties\.id\.type/ })
      .reply(200, typeSchema(properties));

  it('refuses each one, naming the field and the type, before anything is written', async () => {
    schema(['id', 'title', 'content']);
    expect(
      await refusal(
        { title: 'x', excerpt: 'e', featured_image: 'https://files.example.org/a.png', format: 'aside' },
        { type: BOOK },
      ),
    ).toBe(
      'Excerpt: the post type "book" has no excerpts, so WordPress would ignore it. Leave Excerpt empty for this post type. ' +
        'Featured Image: the post type "book" has no featured images, so WordPress would ignore it. Leave Featured Image empty for this post type. ' +
        'Format: the post type "book" has no post formats, so WordPress would ignore it. Leave Format empty for this post type.',
    );
  });

  it('asks once per site and type, then answers from the cache', async () => {
    schema(['id', 'title', 'content', 'excerpt']);
    await check({ title: 'x', excerpt: 'e' }, { type: BOOK });
    await check({ title: 'y', excerpt: 'f' }, { type: BOOK, clearCache: false });
  });

  it('asks again before refusing on a cached answer: the type may support it by now', async () => {
    schema(['id', 'title']);
    await check({ title: 'x' }, { type: BOOK });
    schema(['id', 'title', 'excerpt']);
    expect((await check({ title: 'x', excerpt: 'e' }, { type: BOOK, clearCache: false })).body.excerpt).toBe('e');
  });

  it('leaves out a value that changes nothing: Sticky No and Format Standard where the type has neither', async () => {
    schema(['id', 'title']);
    const { body } = await check({ title: 'x', sticky: false, format: 'standard' }, { type: BOOK });
    expect(body).not.toHaveProperty('sticky');
    expect(body).not.toHaveProperty('format');
    // On a post they are real values: No unsticks, Standard removes a format.
    expect((await check({ title: 'x', sticky: false, format: 'standard' })).body).toMatchObject({
      sticky: false,
      format: 'standard',
    });
  });

  it('refuses nothing when WordPress does not say (an old site, a host that refuses the question)', async () => {
    wp().get('/wp-json/wp/v2/books').query(true).reply(200, {});
    expect((await check({ title: 'x', format: 'aside' }, { type: BOOK })).body.format).toBe('aside');
    wp()
      .get('/wp-json/wp/v2/books')
      .query(true)
      .reply(403, { code: 'forbidden', message: 'No.', data: { status: 403 } });
    expect((await check({ title: 'x', format: 'aside' }, { type: BOOK })).body.format).toBe('aside');
  });

  it('drops from Clear These Fields what the type does not have, and keeps the rest', async () => {
    schema(['id', 'title', 'content']);
    const { clear } = await check(
      { post_id: 8, clear_fields: ['content', 'excerpt', 'featured_image', 'tags', 'categories'] },
      { type: BOOK, mode: 'update' },
    );
    expect(clear).toEqual(['content']);
  });
});
