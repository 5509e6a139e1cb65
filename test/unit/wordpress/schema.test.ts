import nock from 'nock';
import { kindOf, labelFromKey, postTypeSchema, readSchema, userSchema } from '../../../src/wordpress/schema';
import { BOOK_SCHEMA } from '../fixtures';
import { appTester, authData, bundle, wp } from '../helpers';

describe('reading a schema', () => {
  const schema = readSchema(BOOK_SCHEMA, ['genre']);

  it('finds the type’s own taxonomies by REST base, never categories or tags', () => {
    expect(schema.taxonomies).toEqual([{ rest_base: 'genres', slug: 'genre', label: 'Genres' }]);
  });

  it('types each meta key and ACF field; labels from a short description, else from the key', () => {
    const byKey = Object.fromEntries(schema.fields.map((field) => [field.key, field]));
    expect(Object.keys(byKey)).toEqual([
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
    expect(byKey.meta__pages).toMatchObject({ label: 'Pages', kind: 'integer', source: 'meta', name: 'pages' });
    expect(byKey.meta__isbn).toMatchObject({ label: 'The ISBN-13 of the edition', kind: 'text' });
    expect(byKey.meta__tags_list).toMatchObject({ label: 'Tags List', kind: 'list', itemKind: 'text' });
    expect(byKey.acf__price).toMatchObject({ label: 'Price', kind: 'number', source: 'acf' });
    expect(byKey.acf__in_stock).toMatchObject({ label: 'In Stock', kind: 'boolean' });
    expect(byKey.acf__format).toMatchObject({ kind: 'choice', choices: ['paperback', 'hardcover', 'ebook'] });
    expect(byKey.acf__release_date).toMatchObject({ label: 'Release Date', kind: 'date' });
    expect(byKey.acf__cover).toMatchObject({ kind: 'media' });
    expect(byKey.acf__website).toMatchObject({ kind: 'url' });
    expect(byKey.acf__contact).toMatchObject({ kind: 'email' });
  });

  it('an enum on a plain string is a choice; an object is no input', () => {
    expect(kindOf({ type: 'string', enum: ['a', 'b'] })).toEqual({ kind: 'choice', choices: ['a', 'b'] });
    expect(kindOf({ type: 'object' })).toBeUndefined();
    expect(kindOf({ type: 'array', items: { type: 'integer' } })).toEqual({ kind: 'list', itemKind: 'integer' });
  });

  it('labels keys as people write them', () => {
    expect(labelFromKey('release_date')).toBe('Release Date');
    expect(labelFromKey('in-stock')).toBe('In Stock');
  });

  it('a schema without meta or acf has no fields', () => {
    expect(readSchema({ title: { type: 'object' } })).toEqual({ fields: [], taxonomies: [] });
    expect(readSchema(undefined)).toEqual({ fields: [], taxonomies: [] });
  });
});

describe('asking WordPress, once', () => {
  const run = (fn: typeof postTypeSchema | typeof userSchema, ...args: string[]) =>
    appTester(
      ((z: never, b: never) => (fn as (...a: unknown[]) => unknown)(z, b, ...args)) as never,
      bundle() as never,
    );

  it('reads a custom type’s schema with OPTIONS (as _method), then from the cache', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] })
      .get('/wp-json/wp/v2/books')
      .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
      .reply(200, { schema: { properties: BOOK_SCHEMA } });
    const first = await run(postTypeSchema, 'book');
    const second = await run(postTypeSchema, 'book');
    expect(scope.isDone()).toBe(true);
    expect(second).toEqual(first);
    expect((first as { taxonomies: unknown[] }).taxonomies).toHaveLength(1);
  });

  it('posts need only the OPTIONS request', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
      .reply(200, { schema: { properties: { meta: { type: 'object', properties: {} } } } });
    expect(await run(postTypeSchema, 'post')).toEqual({ fields: [], taxonomies: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('a host that refuses the question gives no custom fields, not a broken form', async () => {
    wp()
      .get('/wp-json/wp/v2/users')
      .query(true)
      .reply(403, { code: 'rest_forbidden', message: 'No.', data: { status: 403 } });
    expect(await run(userSchema)).toEqual({ fields: [], taxonomies: [] });
  });

  it('keeps one answer per site: another site is asked itself', async () => {
    const answer = { schema: { properties: { meta: { type: 'object', properties: { crm_id: { type: 'string' } } } } } };
    wp().get('/wp-json/wp/v2/users').query(true).reply(200, answer);
    nock('https://other.example')
      .get('/wp-json/wp/v2/users')
      .query(true)
      .reply(200, { schema: { properties: {} } });
    const other = bundle(
      {},
      {},
      authData({ site_url: 'https://other.example', rest_root: 'https://other.example/wp-json/' }),
    );
    const mine = await run(userSchema);
    const theirs = await appTester(((z: never, b: never) => userSchema(z, b)) as never, other as never);
    expect((mine as { fields: unknown[] }).fields).toHaveLength(1);
    expect(theirs).toEqual({ fields: [], taxonomies: [] });
    expect(nock.isDone()).toBe(true);
  });
});
