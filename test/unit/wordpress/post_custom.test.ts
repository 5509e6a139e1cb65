// Create and Update Post with a type's own fields: the schema is read only when the Zap filled one
// in; values are checked before any request that writes; genre names become IDs as categories do.
import { postCustomInputs } from '../../../src/wordpress/post_custom';
import type { PostWriteOutput } from '../../../src/zap/post_write';
import nock from 'nock';
import { BOOK_SCHEMA, PNG, POST_WRITE_QUERY, createPerform, typeSchema, wpPost } from '../fixtures';
import { appTester, bundle, failsWith, wp } from '../helpers';

const create = createPerform('create_post');
const run = (input: Record<string, unknown>) => appTester(create, bundle(input)) as Promise<PostWriteOutput>;

const BOOK_TYPE = { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] };

function bookSite() {
  return wp()
    .get('/wp-json/wp/v2/types/book')
    .query(true)
    .reply(200, BOOK_TYPE)
    .get('/wp-json/wp/v2/books')
    .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
    .reply(200, { schema: { properties: BOOK_SCHEMA } })
    .get('/wp-json/wp/v2/books')
    .query((query) => query._method === 'OPTIONS' && query._fields !== 'schema.properties')
    .reply(200, typeSchema());
}

describe('Create Post with a type’s own fields', () => {
  it('sends typed meta and ACF values, and genre names as IDs, in the one write', async () => {
    const site = bookSite()
      .get('/wp-json/wp/v2/genres')
      .query({ include: '12', per_page: 100, _fields: 'id' })
      .reply(200, [{ id: 12 }])
      .post('/wp-json/wp/v2/genres', { name: 'Solarpunk' })
      .query(true)
      .reply(400, { code: 'term_exists', message: 'exists', data: { status: 400, term_id: 14 } })
      .post('/wp-json/wp/v2/books', {
        title: 'The Seed Vault',
        genres: [12, 14],
        meta: { isbn: '978', pages: 412 },
        acf: { price: 19.99, format: 'ebook', release_date: '20240315' },
      })
      .query(POST_WRITE_QUERY)
      .reply(201, wpPost({ id: 9, type: 'book', meta: { isbn: '978', pages: 412 } }));
    const out = await run({
      post_type: 'book',
      title: 'The Seed Vault',
      genres: ['12', 'Solarpunk'],
      meta__isbn: '978',
      meta__pages: '412',
      acf__price: '19.99',
      acf__format: 'ebook',
      acf__release_date: '2024-03-15',
    });
    expect(out.warnings).toEqual([]);
    expect(site.isDone()).toBe(true);
  });

  it('refuses a wrong value before anything is written, naming the field and the type', async () => {
    const reads = bookSite();
    const { message } = await failsWith(() => run({ post_type: 'book', title: 'x', meta__pages: 'three hundred' }));
    expect(message).toBe('Pages expects a whole number; got "three hundred".');
    expect(reads.pendingMocks().filter((mock) => mock.startsWith('POST'))).toEqual([]);
  });

  it('refuses a field the type does not have (a form loaded for another type): WordPress would ignore it', async () => {
    bookSite();
    const { message } = await failsWith(() => run({ post_type: 'book', title: 'x', moods: 'calm' }));
    expect(message).toMatch(/^The post type "book" has no field "moods" \(any more\)/);
  });

  it('a post with no custom field filled in never reads the schema: one request, as before', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/posts', { title: 'Plain' })
      .query(POST_WRITE_QUERY)
      .reply(201, wpPost({ id: 3 }));
    await run({ post_type: 'post', title: 'Plain', meta__pages: '', genres: [] });
    expect(scope.isDone()).toBe(true);
  });
});

describe('an ACF image given as a link', () => {
  const FILES = 'https://files.example.org';

  it('is downloaded and uploaded first, as Featured Image is, and its media ID sent', async () => {
    nock(FILES).get('/cover.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    const scope = bookSite()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(201, { id: 95 })
      .post('/wp-json/wp/v2/books', { title: 'Covered', acf: { cover: 95 } })
      .query(POST_WRITE_QUERY)
      .reply(201, wpPost({ id: 9, type: 'book' }));
    await run({ post_type: 'book', title: 'Covered', acf__cover: `${FILES}/cover.png` });
    expect(scope.isDone()).toBe(true);
  });

  it('is removed from the media library again when WordPress refuses the post', async () => {
    nock(FILES).get('/cover.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    const scope = bookSite()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(201, { id: 96 })
      .post('/wp-json/wp/v2/books')
      .query(true)
      .reply(403, { code: 'rest_cannot_create', message: 'No.', data: { status: 403 } })
      .delete('/wp-json/wp/v2/media/96')
      .query(true)
      .reply(200, { deleted: true });
    await failsWith(() => run({ post_type: 'book', title: 'Covered', acf__cover: `${FILES}/cover.png` }));
    expect(scope.isDone()).toBe(true);
  });
});

it('the form for books lists Genres, then the meta and ACF fields', async () => {
  bookSite();
  const fields = (await appTester(postCustomInputs as never, bundle({ post_type: 'book' }) as never)) as Array<{
    key: string;
  }>;
  expect(fields.map((field) => field.key)).toEqual([
    'genres',
    'meta__isbn',
    'meta__pages',
    'meta__tags_list',
    'acf__price',
    'acf__in_stock',
    'acf__format',
    'acf__release_date',
    'acf__cover',
    'acf__website',
    'acf__contact',
  ]);
});
