// Find Term: any taxonomy by its REST base (or slug or name typed), an exact name among near ones,
// a slug, a parent; categories and tags without a taxonomy lookup, others looked up once a day.
import { TERM_FIELDS } from '../../../src/wordpress/term_item';
import { WP_TAXONOMIES, searchPerform, wpGenre } from '../fixtures';
import { appTester, bundle, failsWith, wp } from '../helpers';

const findTerm = searchPerform('find_term');
const find = (input: Record<string, unknown>) =>
  appTester(findTerm, bundle(input)) as Promise<Array<Record<string, unknown>>>;

const byName = (search: string, extra: Record<string, string> = {}) => ({
  ...extra,
  search,
  per_page: '100',
  page: '1',
  _fields: TERM_FIELDS,
});

describe('Find Term', () => {
  it('finds a genre by exact name: the taxonomy looked up once, near names left out', async () => {
    const taxonomies = wp().get('/wp-json/wp/v2/taxonomies').once().reply(200, WP_TAXONOMIES);
    wp()
      .get('/wp-json/wp/v2/genres')
      .query(byName('Science Fiction'))
      .twice()
      .reply(200, [
        wpGenre({ id: 14, name: 'Science Fiction Classics' }),
        wpGenre({ id: 12, name: 'science fiction', slug: 'science-fiction', parent: 3, count: 7 }),
      ]);
    const found = await find({ taxonomy: 'genres', name: 'Science Fiction' });
    expect(found).toEqual([
      {
        id: 12,
        name: 'science fiction',
        slug: 'science-fiction',
        taxonomy: 'genre',
        description: '',
        parent: 3,
        count: 7,
        link: 'https://example.com/genre/science-fiction/',
      },
    ]);
    // The second run takes the taxonomy from Zapier's cache.
    expect(await find({ taxonomy: 'genres', name: 'Science Fiction' })).toHaveLength(1);
    expect(taxonomies.isDone()).toBe(true);
  });

  it('categories and tags need no taxonomy lookup; names with & are searched as WordPress stores them', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/categories')
      .query(byName('Tips &amp; Tricks'))
      .reply(200, [{ id: 5, name: 'Tips &amp; Tricks', slug: 'tips-tricks', taxonomy: 'category', parent: 0 }]);
    const [term] = await find({ taxonomy: 'categories', name: 'Tips & Tricks' });
    expect(term).toMatchObject({ id: 5, name: 'Tips & Tricks', taxonomy: 'category' });
    expect(scope.isDone()).toBe(true);
  });

  it('takes a taxonomy typed as its slug or its name, and uses its own namespace', async () => {
    wp().get('/wp-json/wp/v2/taxonomies').reply(200, WP_TAXONOMIES);
    const scope = wp()
      .get('/wp-json/events/v1/venues')
      .query({ slug: 'main-hall', _fields: TERM_FIELDS })
      .twice()
      .reply(200, [{ id: 31, name: 'Main Hall', slug: 'main-hall', taxonomy: 'venue' }]);
    expect(await find({ taxonomy: 'venue', slug: 'main-hall' })).toMatchObject([{ id: 31, parent: 0 }]);
    expect(await find({ taxonomy: 'Venues & Halls', slug: 'main-hall' })).toMatchObject([{ id: 31 }]);
    expect(scope.isDone()).toBe(true);
  });

  it('by slug and name together: both must match', async () => {
    wp()
      .get('/wp-json/wp/v2/tags')
      .query({ slug: 'spring', _fields: TERM_FIELDS })
      .reply(200, [{ id: 7, name: 'Spring', slug: 'spring', taxonomy: 'post_tag' }]);
    expect(await find({ taxonomy: 'tags', slug: 'spring', name: 'Autumn' })).toEqual([]);
  });

  it('under a parent: asks WordPress for that parent’s children only; several matches, oldest first', async () => {
    wp().get('/wp-json/wp/v2/taxonomies').reply(200, WP_TAXONOMIES);
    wp()
      .get('/wp-json/wp/v2/genres')
      .query(byName('Advanced', { parent: '3' }))
      .reply(200, [wpGenre({ id: 40, name: 'Advanced', parent: 3 }), wpGenre({ id: 21, name: 'Advanced', parent: 3 })]);
    const found = await find({ taxonomy: 'genres', name: 'Advanced', parent: '3' });
    expect(found.map((term) => term.id)).toEqual([21, 40]);
  });

  it('finds an exact name on a later page of near names', async () => {
    const near = Array.from({ length: 100 }, (_, i) => ({ id: 100 + i, name: `Art ${i}`, slug: `art-${i}` }));
    wp().get('/wp-json/wp/v2/tags').query(byName('Art')).reply(200, near);
    wp()
      .get('/wp-json/wp/v2/tags')
      .query({ ...byName('Art'), page: '2' })
      .reply(200, [{ id: 9, name: 'Art', slug: 'art' }]);
    expect(await find({ taxonomy: 'tags', name: 'Art' })).toMatchObject([{ id: 9 }]);
  });

  it('refuses before any request: no name or slug, a parent on tags, no taxonomy', async () => {
    expect((await failsWith(() => find({ taxonomy: 'tags' }))).message).toBe(
      'Fill in Name or Slug: Find Term looks for a term with exactly that name or slug.',
    );
    expect((await failsWith(() => find({ taxonomy: 'tags', name: 'x', parent: 3 }))).message).toBe(
      'Parent: Tags (tags) is not hierarchical, so its terms have no parent. Leave Parent empty.',
    );
    expect((await failsWith(() => find({ name: 'x' }))).message).toMatch(/^Taxonomy: is required/);
  });

  it('a taxonomy missing from the cached list is asked for again (a plugin added it since)', async () => {
    const { genre, ...before } = WP_TAXONOMIES;
    wp().get('/wp-json/wp/v2/taxonomies').reply(200, before);
    wp().get('/wp-json/events/v1/venues').query({ slug: 'hall', _fields: TERM_FIELDS }).reply(200, []);
    expect(await find({ taxonomy: 'venues', slug: 'hall' })).toEqual([]);
    const again = wp()
      .get('/wp-json/wp/v2/taxonomies')
      .reply(200, { ...before, genre });
    wp()
      .get('/wp-json/wp/v2/genres')
      .query(byName('Poetry'))
      .reply(200, [wpGenre({ id: 8, name: 'Poetry' })]);
    expect(await find({ taxonomy: 'genres', name: 'Poetry' })).toMatchObject([{ id: 8 }]);
    expect(again.isDone()).toBe(true);
  });

  it('a taxonomy the site does not have is named with the ones it has', async () => {
    wp().get('/wp-json/wp/v2/taxonomies').reply(200, WP_TAXONOMIES);
    const { message } = await failsWith(() => find({ taxonomy: 'authors', name: 'x' }));
    expect(message).toBe(
      'Taxonomy: the site has no taxonomy "authors" in its REST API (it may have been removed, or registered without show_in_rest). ' +
        'Pick one from the dropdown; the site has: Categories (categories), Tags (tags), Genres (genres), Venues & Halls (venues).',
    );
  });
});
