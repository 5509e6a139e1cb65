// New Post: password-protected posts left out or included, and filters on the type's own taxonomies.
import { BOOK_SCHEMA, wpPost } from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';
import { newPost, pollQuery, Out } from './new_post_steps';

describe('New Post: password-protected posts', () => {
  // What WordPress 6.x answers for a published post with a password (seen on the bench): the same
  // post, its content and excerpt emptied and marked `protected`.
  const hidden = { rendered: '', protected: true };
  const posts = () => [
    wpPost({ id: 22, date_gmt: '2026-03-15T10:00:00' }),
    wpPost({ id: 21, date_gmt: '2026-03-15T09:00:00', content: hidden, excerpt: hidden }),
    wpPost({ id: 20, date_gmt: '2026-03-15T08:00:00' }),
  ];

  it('leaves them out by default, with the same single request', async () => {
    const scope = wp().get('/wp-json/wp/v2/posts').query(pollQuery()).reply(200, posts());
    const result = (await appTester(newPost, bundle())) as Out;
    expect(result.map((p) => [p.id, p.password_protected])).toEqual([
      [22, false],
      [20, false],
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it.each(['yes', 'Yes', 'true', true])('includes them with Include Password-Protected Posts = %j', async (value) => {
    wp().get('/wp-json/wp/v2/posts').query(pollQuery()).reply(200, posts());
    const result = (await appTester(newPost, bundle({ include_protected: value }))) as Out;
    expect(result.map((p) => [p.id, p.password_protected])).toEqual([
      [22, false],
      [21, true],
      [20, false],
    ]);
    expect(result[1]).toMatchObject({ content_html: '', content_text: '', excerpt_text: '' });
  });

  it.each(['no', 'No', '', false])('leaves them out with %j', async (value) => {
    wp().get('/wp-json/wp/v2/posts').query(pollQuery()).reply(200, posts());
    const result = (await appTester(newPost, bundle({ include_protected: value }))) as Out;
    expect(result.map((p) => p.id)).toEqual([22, 20]);
  });

  it('names the field when its value is neither yes nor no, before any request', async () => {
    const message = userMessage(await caught(() => appTester(newPost, bundle({ include_protected: 'sometimes' }))));
    expectCleanMessage(message);
    expect(message).toMatch(/^Include Password-Protected Posts: "sometimes" is not yes or no/);
  });
});

describe('New Post: filters on the type’s own taxonomies', () => {
  it('sends a genre filter as WordPress names it (genres=12,14), with the schema read once', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] })
      .get('/wp-json/wp/v2/books')
      .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
      .reply(200, { schema: { properties: BOOK_SCHEMA } })
      .get('/wp-json/wp/v2/books')
      .query(pollQuery({ genres: '12,14' }))
      .reply(200, [wpPost({ id: 12, type: 'book' })]);
    const result = (await appTester(newPost, bundle({ post_type: 'book', genres: ['12', '14'] }))) as Out;
    expect(result.map((p) => p.id)).toEqual([12]);
    expect(scope.isDone()).toBe(true);
  });
});
