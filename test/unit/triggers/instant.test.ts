// The instant triggers (companion plugin): a signed delivery fires its object once, with the polling
// twin's output; a forged, replayed or repeated delivery fires nothing.
import app from '../../../index';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { POST_QUERY, toPostOutput } from '../../../src/wordpress/post';
import { USER_QUERY, toUserOutput } from '../../../src/wordpress/user';
import { COMMENT_QUERY, toCommentOutput } from '../../../src/wordpress/comment';
import { BOOK_SCHEMA, restError, signed, wpComment, wpPost, wpUser } from '../fixtures';
import { SITE, appTester, bundle, userMessage, caught, wp } from '../helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const operation = (key: string) =>
  app.triggers![key].operation as unknown as { perform: Perform; performSubscribe: Perform; performList: Perform };

const HOOKS = [
  { id: 7, secret: '7'.repeat(64), event: 'post.published' },
  { id: 8, secret: '8'.repeat(64), event: 'post.updated' },
];

function delivery(hook: number, seq: number, objectType: string, objectId: number, event: string, subtype?: string) {
  return { id: `${hook}-${seq}`, hook_id: hook, seq, event, object_type: objectType, object_id: objectId, subtype };
}

/** A hook run as Zapier makes it: the Zap's inputs and subscription, and the request it received. */
function hookBundle(input: Record<string, unknown>, body: object, secret = HOOKS[0].secret) {
  const now = Math.floor(Date.now() / 1000);
  return { ...bundle(input), subscribeData: { id: '7,8', hooks: HOOKS }, rawRequest: signed(body, secret, now) };
}

describe('New Post (Instant)', () => {
  const perform = operation('new_post_instant').perform;

  it('fires a delivered post with New Post output, once however often it is delivered', async () => {
    const post = wpPost({ id: 45 });
    const read = wp().get('/wp-json/wp/v2/posts/45').query(POST_QUERY).once().reply(200, post);
    const run = hookBundle({}, delivery(7, 12, 'post', 45, 'post.published', 'post'));
    expect(await appTester(perform, run)).toEqual([toPostOutput(post, SITE)]);
    expect(read.isDone()).toBe(true);
    // The plugin delivers again when Zapier's answer was lost: nothing fires, nothing is asked.
    expect(await appTester(perform, run)).toEqual([]);
  });

  it('refuses a forged delivery without reading anything', async () => {
    const run = hookBundle({}, delivery(7, 13, 'post', 45, 'post.published'), 'f'.repeat(64));
    const err = await caught(() => appTester(perform, run));
    expect(err.name).toBe('HaltedError');
    expect(userMessage(err)).toMatch(/not signed with the secret of this Zap's subscription/);
  });

  it('fires nothing for a post that no longer matches the Zap or was deleted since', async () => {
    wp()
      .get('/wp-json/wp/v2/posts/46')
      .query(POST_QUERY)
      .reply(200, wpPost({ id: 46, categories: [4] }));
    expect(
      await appTester(perform, hookBundle({ categories: '3' }, delivery(7, 14, 'post', 46, 'post.published'))),
    ).toEqual([]);
    wp()
      .get('/wp-json/wp/v2/posts/47')
      .query(POST_QUERY)
      .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
    expect(await appTester(perform, hookBundle({}, delivery(7, 15, 'post', 47, 'post.published')))).toEqual([]);
  });

  it('subscribes to published posts of the type, with the category filter', async () => {
    const subscribed = wp()
      .post('/wp-json/wpjz/v1/hooks', {
        event: 'post.published',
        target_url: 'https://hooks.zapier.com/x',
        filters: { post_type: 'post', status: 'publish', terms: { category: [3] } },
      })
      .reply(201, { id: 7, secret: HOOKS[0].secret, event: 'post.published' });
    const result = await appTester(operation('new_post_instant').performSubscribe, {
      ...bundle({ categories: '3' }),
      targetUrl: 'https://hooks.zapier.com/x',
    });
    expect(result).toEqual({ id: '7', hooks: [HOOKS[0]] });
    expect(subscribed.isDone()).toBe(true);
  });
});

describe('New Post (Instant): filters on the type’s own taxonomies', () => {
  const bookType = () =>
    wp()
      .get('/wp-json/wp/v2/types/book')
      .query(true)
      .reply(200, { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] })
      .get('/wp-json/wp/v2/books')
      .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
      .reply(200, { schema: { properties: BOOK_SCHEMA } });
  const withGenre = (id: number, genre: number) =>
    wpPost({
      id,
      type: 'book',
      _embedded: { 'wp:term': [[{ id: genre, name: `Genre ${genre}`, slug: `g${genre}`, taxonomy: 'genre' }]] },
    });

  it('subscribes with the genre filter under its taxonomy, as the plugin checks terms', async () => {
    bookType();
    const subscribed = wp()
      .post('/wp-json/wpjz/v1/hooks', {
        event: 'post.published',
        target_url: 'https://hooks.zapier.com/x',
        filters: { post_type: 'book', status: 'publish', terms: { genre: [12, 14] } },
      })
      .reply(201, { id: 7, secret: HOOKS[0].secret, event: 'post.published' });
    await appTester(operation('new_post_instant').performSubscribe, {
      ...bundle({ post_type: 'book', genres: ['12', '14'] }),
      targetUrl: 'https://hooks.zapier.com/x',
    });
    expect(subscribed.isDone()).toBe(true);
  });

  it('fires a delivered book in one of the genres, and nothing for a book that left them', async () => {
    bookType();
    wp().get('/wp-json/wp/v2/books/61').query(POST_QUERY).reply(200, withGenre(61, 14));
    wp().get('/wp-json/wp/v2/books/62').query(POST_QUERY).reply(200, withGenre(62, 99));
    const input = { post_type: 'book', genres: ['12', '14'] };
    const fired = (await appTester(
      operation('new_post_instant').perform,
      hookBundle(input, delivery(7, 30, 'post', 61, 'post.published', 'book')),
    )) as Array<{ id: number }>;
    expect(fired.map((post) => post.id)).toEqual([61]);
    expect(
      await appTester(
        operation('new_post_instant').perform,
        hookBundle(input, delivery(7, 31, 'post', 62, 'post.published', 'book')),
      ),
    ).toEqual([]);
  });
});

describe('New or Updated Post (Instant)', () => {
  it('names each version as New or Updated Post does, and subscribes to both events', async () => {
    const post = wpPost({ id: 45 });
    wp().get('/wp-json/wp/v2/posts/45').query(POST_QUERY).reply(200, post);
    const run = hookBundle({}, delivery(8, 20, 'post', 45, 'post.updated', 'post'), HOOKS[1].secret);
    const [fired] = (await appTester(operation('new_or_updated_post_instant').perform, run)) as Array<{ id: string }>;
    expect(fired.id).toBe('45-2026-03-14T09:02:11+00:00');
    for (const [id, event] of [
      [7, 'post.published'],
      [8, 'post.updated'],
    ] as const) {
      wp()
        .post('/wp-json/wpjz/v1/hooks', (body: { event: string }) => body.event === event)
        .reply(201, { id, secret: `${id}`.repeat(64), event });
    }
    const subscription = await appTester(operation('new_or_updated_post_instant').performSubscribe, {
      ...bundle(),
      targetUrl: 'https://hooks.zapier.com/x',
    });
    expect(subscription).toEqual({ id: '7,8', hooks: HOOKS });
  });
});

describe('New User (Instant) and User Updated (Instant)', () => {
  const user = wpUser({ id: 42 });

  it('fires a new user with New User output, and leaves out other roles', async () => {
    wp().get('/wp-json/wp/v2/users/42').query(USER_QUERY).twice().reply(200, user);
    const fired = await appTester(
      operation('new_user_instant').perform,
      hookBundle({}, delivery(7, 30, 'user', 42, 'user.created')),
    );
    expect(fired).toEqual([toUserOutput(user, SITE)]);
    const other = hookBundle({ role: 'editor' }, delivery(7, 31, 'user', 42, 'user.created'));
    expect(await appTester(operation('new_user_instant').perform, other)).toEqual([]);
  });

  it('fires every change of a user as its own item', async () => {
    wp().get('/wp-json/wp/v2/users/42').query(USER_QUERY).twice().reply(200, user);
    const perform = operation('user_updated_instant').perform;
    const first = (await appTester(perform, hookBundle({}, delivery(7, 40, 'user', 42, 'user.updated')))) as object[];
    const second = (await appTester(perform, hookBundle({}, delivery(7, 41, 'user', 42, 'user.updated')))) as object[];
    expect(first).toEqual([{ ...toUserOutput(user, SITE), id: '42-40', user_id: 42, change_seq: 40 }]);
    expect(second).toEqual([expect.objectContaining({ id: '42-41', user_id: 42, email: 'jane.doe@example.org' })]);
  });

  it('says which capability is missing when the user cannot be read with an email', async () => {
    wp()
      .get('/wp-json/wp/v2/users/42')
      .query(USER_QUERY)
      .reply(403, restError('rest_forbidden_context', 'Sorry, you are not allowed to edit this user.', 403));
    const err = await caught(() =>
      appTester(operation('new_user_instant').perform, hookBundle({}, delivery(7, 32, 'user', 42, 'user.created'))),
    );
    expect(userMessage(err)).toMatch(/list_users/);
  });
});

describe('New Comment (Instant)', () => {
  const perform = operation('new_comment_instant').perform;

  it('fires a comment once, when it reaches the watched status', async () => {
    const held = wpComment({ id: 231, status: 'hold' });
    const approved = wpComment({ id: 231 });
    wp()
      .get('/wp-json/wp/v2/comments/231')
      .query({ ...COMMENT_QUERY, context: 'edit' })
      .reply(200, held);
    expect(await appTester(perform, hookBundle({}, delivery(7, 50, 'comment', 231, 'comment.created')))).toEqual([]);
    wp()
      .get('/wp-json/wp/v2/comments/231')
      .query({ ...COMMENT_QUERY, context: 'edit' })
      .reply(200, approved);
    const run = hookBundle({}, delivery(7, 51, 'comment', 231, 'comment.status_changed'));
    expect(await appTester(perform, run)).toEqual([toCommentOutput(approved, SITE)]);
    // Unapproved and approved again: not new, and not asked about.
    expect(await appTester(perform, hookBundle({}, delivery(7, 53, 'comment', 231, 'comment.status_changed')))).toEqual(
      [],
    );
  });
});
