// Delete Post: to the trash by default, for good with Delete Permanently, any post type; a repeat
// never fails, and a delete whose answer was lost is settled by reading the item back (every fault
// class: unit/zap/write_lookups.test.ts).
import { DELETE_QUERY, WP_TYPES, createPerform, restError, wpPost } from '../fixtures';
import { appTester, bundle, failsWith, wp } from '../helpers';

const deletePost = createPerform('delete_post');
const run = (input: Record<string, unknown>) =>
  appTester(deletePost, bundle(input)) as Promise<Record<string, unknown> & { warnings: string[] }>;

const { trash: TRASH_QUERY, force: FORCE_QUERY, read: READ_QUERY } = DELETE_QUERY;

const trashed = (id: number, type = 'post') =>
  wpPost({ id, type, status: 'trash', slug: `post-${id}__trashed`, link: `https://example.com/?p=${id}` });

describe('Delete Post', () => {
  it('moves a post to the trash by default, in one request', async () => {
    const scope = wp().delete('/wp-json/wp/v2/posts/42').query(TRASH_QUERY).reply(200, trashed(42));
    const out = await run({ post_id: '42' });
    expect(out).toEqual({
      id: 42,
      type: 'post',
      title: 'Post 42',
      slug: 'post-42__trashed',
      link: 'https://example.com/?p=42',
      status: 'trash',
      deleted_permanently: false,
      warnings: [],
    });
    expect(scope.isDone()).toBe(true);
  });

  it('deletes for good with Delete Permanently, on a custom post type’s own route', async () => {
    wp().get('/wp-json/wp/v2/types/book').query(true).reply(200, WP_TYPES.book);
    const scope = wp()
      .delete('/wp-json/wp/v2/books/7')
      .query(FORCE_QUERY)
      .reply(200, { deleted: true, previous: wpPost({ id: 7, type: 'book', title: { rendered: 'Dune &amp; Co' } }) });
    const out = await run({ post_type: 'book', post_id: 7, force: 'yes' });
    expect(out).toMatchObject({
      id: 7,
      type: 'book',
      title: 'Dune & Co',
      link: null,
      status: 'deleted',
      deleted_permanently: true,
      warnings: [],
    });
    expect(scope.isDone()).toBe(true);
  });

  it('an item already in the trash is a success with a warning (a step run again)', async () => {
    wp()
      .delete('/wp-json/wp/v2/posts/42')
      .query(TRASH_QUERY)
      .reply(410, restError('rest_already_trashed', 'The post has already been deleted.', 410));
    const read = wp().get('/wp-json/wp/v2/posts/42').query(READ_QUERY).reply(200, trashed(42));
    const out = await run({ post_id: 42, force: false });
    expect(out).toMatchObject({
      status: 'trash',
      deleted_permanently: false,
      warnings: ['Post: post 42 was already in the trash; nothing was changed.'],
    });
    expect(read.isDone()).toBe(true);
  });

  it('a post ID that does not exist gets a clear message', async () => {
    wp()
      .delete('/wp-json/wp/v2/posts/999')
      .query(TRASH_QUERY)
      .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
    const { message } = await failsWith(() => run({ post_id: 999 }));
    expect(message).toBe(
      'Post: WordPress has no post 999 (it may have been deleted for good already, or it is another post type: check Post Type).',
    );
  });

  it('a user who may not delete is told who may', async () => {
    wp()
      .delete('/wp-json/wp/v2/posts/42')
      .query(TRASH_QUERY)
      .reply(403, restError('rest_cannot_delete', 'Sorry, you are not allowed to delete this post.', 403));
    const { message } = await failsWith(() => run({ post_id: 42 }));
    expect(message).toMatch(/^The WordPress user this connection uses is not allowed to delete post 42\. .*Editor/);
  });

  it('a site without a trash: refused, never deleted for good unless asked', async () => {
    wp()
      .delete('/wp-json/wp/v2/posts/42')
      .query(TRASH_QUERY)
      .reply(
        501,
        restError('rest_trash_not_supported', "The post does not support trashing. Set 'force=true' to delete.", 501),
      );
    const { message } = await failsWith(() => run({ post_id: 42 }));
    expect(message).toMatch(/keeps no trash for posts .* Set Delete Permanently to Yes/);
  });

  it('refuses a missing or invalid Post before any request', async () => {
    expect((await failsWith(() => run({ post_id: '' }))).message).toMatch(/^Post: is required/);
    expect((await failsWith(() => run({ post_id: 'abc' }))).message).toMatch(/^Post: "abc" is not an ID/);
    expect((await failsWith(() => run({ post_id: 4, force: 'maybe' }))).message).toMatch(
      /^Delete Permanently: "maybe" is not yes or no/,
    );
  });

  describe('a delete whose answer is lost is settled by reading the item back', () => {
    it('the connection cut after a trash: the item is in the trash, so the step succeeds', async () => {
      wp().delete('/wp-json/wp/v2/posts/42').query(TRASH_QUERY).replyWithError({ code: 'ECONNRESET' });
      wp().get('/wp-json/wp/v2/posts/42').query(READ_QUERY).reply(200, trashed(42));
      const out = await run({ post_id: 42 });
      expect(out).toMatchObject({
        id: 42,
        status: 'trash',
        warnings: [
          "WordPress's answer was lost (the connection was cut off before any answer came), so Zapier read post 42 back: it is in the trash.",
        ],
      });
    });

    it('a 502 after a permanent delete: the item is gone, so the step succeeds', async () => {
      wp().delete('/wp-json/wp/v2/posts/42').query(FORCE_QUERY).reply(502, 'Bad Gateway');
      wp()
        .get('/wp-json/wp/v2/posts/42')
        .query(READ_QUERY)
        .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
      const out = await run({ post_id: 42, force: true });
      expect(out).toMatchObject({
        id: 42,
        type: 'post',
        status: 'deleted',
        deleted_permanently: true,
        warnings: [
          "WordPress's answer was lost (the site answered HTTP 502 instead of WordPress's answer), so Zapier read post 42 back: it is deleted.",
        ],
      });
    });

    it('a garbled success answer: read back, the item is gone', async () => {
      wp().delete('/wp-json/wp/v2/posts/42').query(FORCE_QUERY).reply(200, '{"deleted":true,"prev');
      wp()
        .get('/wp-json/wp/v2/posts/42')
        .query(READ_QUERY)
        .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
      expect(await run({ post_id: 42, force: true })).toMatchObject({ status: 'deleted' });
    });

    it('the item is still in place: nothing was changed, and the message says it is safe to run again', async () => {
      wp().delete('/wp-json/wp/v2/posts/42').query(TRASH_QUERY).reply(500, 'Internal Server Error');
      wp()
        .get('/wp-json/wp/v2/posts/42')
        .query(READ_QUERY)
        .reply(200, wpPost({ id: 42 }));
      const { message } = await failsWith(() => run({ post_id: 42 }));
      expect(message).toBe(
        'The answer to this step was lost: the site answered HTTP 500 instead of WordPress\'s answer. Zapier read post 42 back, and Status ("publish") does not have the new value: WordPress did not apply the change. Running the step again is safe (a delete run again finds the item in the trash or gone, and changes nothing more).',
      );
    });

    it('the read fails too: the error says so, and that a delete run again changes nothing more', async () => {
      wp().delete('/wp-json/wp/v2/posts/42').query(TRASH_QUERY).replyWithError({ code: 'ECONNRESET' });
      wp().get('/wp-json/wp/v2/posts/42').query(READ_QUERY).replyWithError({ code: 'ECONNRESET' });
      const { message } = await failsWith(() => run({ post_id: 42 }));
      expect(message).toMatch(
        /^The answer to this step was lost: the connection was cut off before any answer came\. Zapier could not read post 42 back to check it: looking it up failed too \(.*\)\. Running the step again is safe: a delete run again finds the item in the trash or gone, and changes nothing more\.$/,
      );
    });
  });
});
