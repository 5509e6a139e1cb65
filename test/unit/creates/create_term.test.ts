// Create Term: any taxonomy, with parent, slug and description; never a second term under a race or
// a replay (`term_exists` gives the existing one), and a lost answer settled by the name.
import { TERM_FIELDS } from '../../../src/wordpress/term_item';
import { WP_TAXONOMIES, createPerform, restError, wpGenre } from '../fixtures';
import { appTester, bundle, failsWith, wp } from '../helpers';

const createTerm = createPerform('create_term');
const create = (input: Record<string, unknown>) =>
  appTester(createTerm, bundle(input)) as Promise<Record<string, unknown> & { warnings: string[] }>;

type Body = Record<string, unknown>;
const QUERY = { _fields: TERM_FIELDS };

const genres = () => wp().get('/wp-json/wp/v2/taxonomies').reply(200, WP_TAXONOMIES);
/** A create of "Poetry" in Tags whose answer is lost (a 502), then the tags of that name the lookup finds. */
const lostThenTags = (found: object[]) => {
  wp().post('/wp-json/wp/v2/tags').query(QUERY).reply(502, 'Bad Gateway');
  wp()
    .get('/wp-json/wp/v2/tags')
    .query({ search: 'Poetry', per_page: '100', page: '1', _fields: TERM_FIELDS })
    .reply(200, found);
};

describe('Create Term', () => {
  it('creates a genre under a parent, with slug and description, in one request after the taxonomy', async () => {
    genres();
    const scope = wp()
      .post('/wp-json/wp/v2/genres', (body: Body) => {
        expect(body).toEqual({ name: 'Space Opera', parent: 12, slug: 'space-opera', description: 'Big ships.' });
        return true;
      })
      .query(QUERY)
      .reply(201, wpGenre({ id: 30, name: 'Space Opera', parent: 12, description: 'Big ships.' }));
    const twins = wp()
      .get('/wp-json/wp/v2/genres')
      .query({ parent: '12', search: 'Space Opera', per_page: '100', page: '1', _fields: TERM_FIELDS })
      .reply(200, [wpGenre({ id: 30, name: 'Space Opera', parent: 12 })]);
    const out = await create({
      taxonomy: 'genres',
      name: ' Space Opera ',
      parent: '12',
      slug: 'space-opera',
      description: 'Big ships.',
    });
    expect(out).toEqual({
      id: 30,
      name: 'Space Opera',
      slug: 'space-opera',
      taxonomy: 'genre',
      description: 'Big ships.',
      parent: 12,
      count: 0,
      link: 'https://example.com/genre/space-opera/',
      warnings: [],
    });
    expect(scope.isDone()).toBe(true);
    expect(twins.isDone()).toBe(true);
  });

  it('two steps creating one name at the same moment: the older term is kept, the copy made here removed', async () => {
    wp().post('/wp-json/wp/v2/tags').query(QUERY).reply(201, { id: 41, name: 'Race', slug: 'race-2' });
    wp()
      .get('/wp-json/wp/v2/tags')
      .query({ search: 'Race', per_page: '100', page: '1', _fields: TERM_FIELDS })
      .reply(200, [
        { id: 41, name: 'Race', slug: 'race-2' },
        { id: 40, name: 'Race', slug: 'race' },
      ]);
    const removed = wp()
      .delete('/wp-json/wp/v2/tags/41')
      .query({ force: 'true', _fields: 'deleted' })
      .reply(200, { deleted: true });
    const out = await create({ taxonomy: 'tags', name: 'Race' });
    expect(out).toMatchObject({
      id: 40,
      slug: 'race',
      warnings: [
        'Tags: another step created "Race" at the same moment (term 40); that term is used, and the copy made here (term 41) was removed again.',
      ],
    });
    expect(removed.isDone()).toBe(true);
  });

  it('the copy cannot be removed: kept, and the warning says the name is there twice', async () => {
    wp().post('/wp-json/wp/v2/tags').query(QUERY).reply(201, { id: 41, name: 'Race', slug: 'race-2' });
    wp()
      .get('/wp-json/wp/v2/tags')
      .query(true)
      .reply(200, [
        { id: 40, name: 'Race', slug: 'race' },
        { id: 41, name: 'Race', slug: 'race-2' },
      ]);
    wp()
      .delete('/wp-json/wp/v2/tags/41')
      .query(true)
      .reply(403, restError('rest_cannot_delete', 'Sorry, you are not allowed to delete this term.', 403));
    const out = await create({ taxonomy: 'tags', name: 'Race' });
    expect(out).toMatchObject({
      id: 41,
      warnings: [expect.stringMatching(/the site now has it twice; .* Delete one/)],
    });
  });

  it('a name that exists (a race, or a replay): the existing term, with a warning, nothing created', async () => {
    wp()
      .post('/wp-json/wp/v2/tags', { name: 'Spring', description: 'New.' })
      .query(QUERY)
      .reply(
        400,
        restError('term_exists', 'A term with the name provided already exists in this taxonomy.', 400, {
          term_id: '7',
        }),
      );
    wp()
      .get('/wp-json/wp/v2/tags/7')
      .query(QUERY)
      .reply(200, { id: 7, name: 'Spring', slug: 'spring', taxonomy: 'post_tag', count: 4 });
    const out = await create({ taxonomy: 'tags', name: 'Spring', description: 'New.' });
    expect(out).toMatchObject({
      id: 7,
      count: 4,
      warnings: [
        'Tags: "Spring" already existed (term 7), so nothing was created; this is that term. Its Description was left as it was.',
      ],
    });
  });

  it('an answer lost after the create: the term is found by its name under its parent, with a warning', async () => {
    genres();
    wp().post('/wp-json/wp/v2/genres').query(QUERY).replyWithError({ code: 'ECONNRESET' });
    wp()
      .get('/wp-json/wp/v2/genres')
      .query({ parent: '0', search: 'Poetry', per_page: '100', page: '1', _fields: TERM_FIELDS })
      .reply(200, [wpGenre({ id: 8, name: 'Poetry' })]);
    expect(await create({ taxonomy: 'genres', name: 'Poetry' })).toMatchObject({
      id: 8,
      warnings: [
        'WordPress\'s answer was lost (the connection was cut off before any answer came), so Zapier looked on the site: the term "Poetry" in Genres is there (ID 8), either stored by this step or there already (nothing on it says when it was made); either way there is one, not two.',
      ],
    });
  });

  it('an answer lost and no such term: nothing was saved, and the error says what happened', async () => {
    lostThenTags([]);
    const { message } = await failsWith(() => create({ taxonomy: 'tags', name: 'Poetry' }));
    expect(message).toBe(
      'The answer to this step was lost: the site answered HTTP 502 instead of WordPress\'s answer. Zapier then looked on the site: the term "Poetry" in Tags is not there, so WordPress did not store it. Running the step again is safe.',
    );
  });

  it('an answer lost and two terms of the name (a race): cannot tell which, and says where to check', async () => {
    lostThenTags([
      { id: 9, name: 'Poetry', slug: 'poetry-2', taxonomy: 'post_tag' },
      { id: 7, name: 'Poetry', slug: 'poetry', taxonomy: 'post_tag' },
    ]);
    const { message } = await failsWith(() => create({ taxonomy: 'tags', name: 'Poetry' }));
    expect(message).toMatch(
      /Zapier could not tell whether WordPress stored the term "Poetry" in Tags: 2 items on the site match it \(IDs 7, 9\) and cannot be told apart\. Check Tags in WordPress \(search for "Poetry"\) before running the step again/,
    );
  });

  it.each([
    [
      'a parent that does not exist',
      restError('rest_term_invalid', 'Parent term does not exist.', 400),
      'Parent: Categories (categories) has no term with ID 99 (it may have been deleted). Pick the parent from the dropdown, or leave Parent empty.',
    ],
    [
      'a slug another term has (WordPress answers 500)',
      { code: 'duplicate_term_slug', message: 'The slug “news” is already in use by another term.', data: null },
      'Slug: another term in Categories (categories) already uses the slug "news". Choose another slug, or leave Slug empty and WordPress makes one from the name.',
    ],
  ])('%s is named', async (_, body, expected) => {
    const status = body.data ? 400 : 500;
    wp().post('/wp-json/wp/v2/categories').query(QUERY).reply(status, body);
    const { message, err } = await failsWith(() =>
      create({ taxonomy: 'categories', name: 'Daily', parent: 99, slug: 'news' }),
    );
    expect(message).toBe(expected);
    expect(JSON.parse(err.message)).toMatchObject({ status: 400 });
  });

  it('a user who may not create terms is told the capability', async () => {
    wp()
      .post('/wp-json/wp/v2/categories')
      .query(QUERY)
      .reply(403, restError('rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.', 403));
    const { message } = await failsWith(() => create({ taxonomy: 'categories', name: 'Daily' }));
    expect(message).toMatch(/not allowed to create terms in Categories \(categories\): .*"manage_categories"/);
  });

  it('refuses before any request: no name, a parent on tags', async () => {
    expect((await failsWith(() => create({ taxonomy: 'tags', name: ' ' }))).message).toMatch(/^Name: is required/);
    expect((await failsWith(() => create({ taxonomy: 'tags', name: 'x', parent: 4 }))).message).toMatch(
      /^Parent: Tags \(tags\) is not hierarchical/,
    );
  });
});
