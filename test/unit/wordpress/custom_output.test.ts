import { customOutput, customOutputFields, restBaseOf } from '../../../src/wordpress/custom_output';
import { readSchema } from '../../../src/wordpress/schema';
import { BOOK_SCHEMA } from '../fixtures';

const links = {
  'wp:term': [
    { taxonomy: 'category', href: 'https://example.com/wp-json/wp/v2/categories?post=7' },
    { taxonomy: 'genre', href: 'https://example.com/wp-json/wp/v2/genres?post=7' },
    { taxonomy: 'mood', href: 'https://example.com/?rest_route=/wp/v2/moods&post=7' },
  ],
};

describe('a REST item’s own fields as outputs', () => {
  it('gives each custom taxonomy’s names with the IDs beside them; categories keep their own outputs', () => {
    const out = customOutput({
      _links: links,
      _embedded: {
        'wp:term': [
          [{ id: 1, name: 'News', taxonomy: 'category' }],
          [
            { id: 12, name: 'Sci-Fi &amp; Fantasy', taxonomy: 'genre' },
            { id: 14, name: 'Solarpunk', taxonomy: 'genre' },
          ],
          [],
        ],
      },
    });
    expect(out.terms).toEqual({
      genres: ['Sci-Fi & Fantasy', 'Solarpunk'],
      genres_ids: [12, 14],
      moods: [],
      moods_ids: [],
    });
  });

  it('meta and ACF values stay flat and mappable: a list stays a list, an image gains its URL', () => {
    const out = customOutput({
      meta: { isbn: '978', pages: 412, footnotes: '', tags_list: ['a', 'b'] },
      acf: { price: 19.99, release_date: '20240315', cover: 55 },
      _embedded: { 'acf:attachment': [{ id: 55, source_url: 'https://example.com/c.png' }] },
    });
    expect(out).toEqual({
      meta: { isbn: '978', pages: 412, tags_list: ['a', 'b'] },
      acf: { price: 19.99, release_date: '20240315', cover: 55, cover_url: 'https://example.com/c.png' },
    });
  });

  it('adds nothing to items without custom fields (ACF’s `[]`, core’s footnotes)', () => {
    expect(customOutput({ meta: { footnotes: '' }, acf: [] })).toEqual({});
    expect(customOutput({ meta: [] })).toEqual({});
  });

  it('reads the REST base from pretty and plain permalink links', () => {
    expect(restBaseOf('https://example.com/wp-json/wp/v2/genres?post=7')).toBe('genres');
    expect(restBaseOf('https://example.com/blog/index.php?rest_route=/wp/v2/genres&post=7')).toBe('genres');
    expect(restBaseOf('not a url')).toBeUndefined();
  });
});

it('labels the outputs from the schema', () => {
  const fields = customOutputFields(readSchema(BOOK_SCHEMA, ['genre']));
  expect(fields).toEqual(
    expect.arrayContaining([
      { key: 'terms__genres[]', label: 'Genres (Names)' },
      { key: 'terms__genres_ids[]', label: 'Genres (IDs)', type: 'integer' },
      { key: 'meta__pages', label: 'Pages', type: 'integer' },
      { key: 'meta__tags_list[]', label: 'Tags List' },
      { key: 'acf__price', label: 'Price', type: 'number' },
      { key: 'acf__release_date', label: 'Release Date' },
      { key: 'acf__cover', label: 'Cover (Media ID)', type: 'integer' },
      { key: 'acf__cover_url', label: 'Cover URL' },
    ]),
  );
  expect(fields.every((field) => !/__/.test(field.label))).toBe(true);
});

it('is something Zapier’s cache keeps (polls cache renders): plain JSON, nothing undefined, no shared references', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ensureJSONEncodable = require('zapier-platform-core/src/tools/ensure-json-encodable') as (v: unknown) => void;
  const out = customOutput({
    meta: { isbn: '978', pages: 412, list: ['a'] },
    acf: { price: 19.99, cover: 55, release_date: null },
    _links: { 'wp:term': [{ taxonomy: 'genre', href: 'https://example.com/wp-json/wp/v2/genres?post=7' }] },
    _embedded: {
      'wp:term': [[{ id: 12, name: 'Solarpunk', taxonomy: 'genre' }]],
      'acf:attachment': [{ id: 55, source_url: 'https://example.com/c.png' }],
    },
  });
  expect(() => ensureJSONEncodable(out)).not.toThrow();
});
