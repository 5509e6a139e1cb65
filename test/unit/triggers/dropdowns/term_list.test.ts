// The dropdown of a post type's own taxonomies (a book's genres), for Create and Update Post.
import { BOOK_SCHEMA, triggerPerform } from '../../fixtures';
import { appTester, bundle, wp } from '../../helpers';

type Out = Array<Record<string, unknown>>;
const run = (inputData: Record<string, unknown>) =>
  appTester(triggerPerform('term_list'), bundle(inputData, { isFillingDynamicDropdown: true })) as Promise<Out>;

const schemaWith = (properties: Record<string, unknown>) =>
  wp()
    .get('/wp-json/wp/v2/types/book')
    .query(true)
    .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre', 'mood'] })
    .get('/wp-json/wp/v2/books')
    .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
    .reply(200, { schema: { properties } });

it("lists the form's Post Type's genres with their paths", async () => {
  schemaWith(BOOK_SCHEMA)
    .get('/wp-json/wp/v2/genres')
    .query((q) => q.page === '1' && q.orderby === 'name')
    .reply(200, [
      { id: 4, name: 'Fiction', slug: 'fiction', parent: 0, count: 2 },
      { id: 12, name: 'Fantasy', slug: 'fantasy', parent: 4, count: 1 },
    ]);
  expect((await run({ post_type: 'book' })).map((choice) => [choice.id, choice.name])).toEqual([
    [4, 'Fiction'],
    [12, 'Fiction › Fantasy'],
  ]);
});

it('names the taxonomy in front of each term when the type has several', async () => {
  const mood = {
    description: 'The terms assigned to the post in the mood taxonomy.',
    type: 'array',
    items: { type: 'integer' },
  };
  schemaWith({ ...BOOK_SCHEMA, moods: mood })
    .get('/wp-json/wp/v2/genres')
    .query(true)
    .reply(200, [{ id: 4, name: 'Fiction', slug: 'fiction', parent: 0, count: 2 }])
    .get('/wp-json/wp/v2/moods')
    .query(true)
    .reply(200, [{ id: 30, name: 'Calm', slug: 'calm', parent: 0, count: 2 }]);
  expect((await run({ post_type: 'book' })).map((choice) => choice.name)).toEqual(['Genres: Fiction', 'Moods: Calm']);
});

it('a type without taxonomies of its own lists nothing', async () => {
  wp()
    .get('/wp-json/wp/v2/pages')
    .query(true)
    .reply(200, { schema: { properties: {} } });
  expect(await run({ post_type: 'page' })).toEqual([]);
});
