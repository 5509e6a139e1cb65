// Create Comment: one request as the connected user, the reply's parent checked before writing, and
// each of WordPress's refusals in words that say what to do.
import { COMMENT_QUERY } from '../../../src/wordpress/comment';
import { createPerform, restError, wpComment } from '../fixtures';
import { appTester, bundle, failsWith, userMessage, caught, wp } from '../helpers';

const createComment = createPerform('create_comment');
const create = (input: Record<string, unknown>) =>
  appTester(createComment, bundle(input)) as Promise<Record<string, unknown> & { warnings: string[] }>;

type Body = Record<string, unknown>;
const QUERY = { ...COMMENT_QUERY };

describe('Create Comment', () => {
  it('posts the content as sent, in one request that also brings the post’s title and link', async () => {
    const html = '  <p>Love it &amp; <a href="https://example.org">more</a></p>\n';
    const scope = wp()
      .post('/wp-json/wp/v2/comments', (body: Body) => {
        expect(body).toEqual({ post: 8, content: html });
        return true;
      })
      .query(QUERY)
      .reply(201, wpComment({ id: 31 }));
    const out = await create({ post: '8', content: html, parent: '', status: '' });
    expect(out).toMatchObject({ id: 31, post_id: 8, post_title: 'Post “8”', status: 'approved', warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('a reply: the parent is read first (on the same post, not spam or trash), then the comment is posted', async () => {
    const parent = wp()
      .get('/wp-json/wp/v2/comments/30')
      .query({ _fields: 'id,post,status' })
      .reply(200, { id: 30, post: 8, status: 'approved' });
    const write = wp()
      .post('/wp-json/wp/v2/comments', { post: 8, content: 'Thanks!', parent: 30, status: 'hold' })
      .query(QUERY)
      .reply(201, wpComment({ id: 32, parent: 30, status: 'hold' }));
    const out = await create({ post: 8, content: 'Thanks!', parent: 30, status: 'Awaiting Moderation' });
    expect(out).toMatchObject({ id: 32, parent_id: 30, status: 'hold', warnings: [] });
    expect(parent.isDone() && write.isDone()).toBe(true);
  });

  it.each([
    [
      'does not exist',
      404,
      restError('rest_comment_invalid_id', 'Invalid comment ID.', 404),
      'Reply To: WordPress has no comment 99 (it may have been deleted). Pick the comment from the dropdown, which lists the comments of post 8, or leave Reply To empty.',
    ],
    [
      'is on another post',
      200,
      { id: 99, post: 5, status: 'approved' },
      'Reply To: comment 99 belongs to post 5, not to post 8, and a reply must be on the same post. Pick the comment from the dropdown, which lists the comments of post 8, or leave Reply To empty.',
    ],
    [
      'is spam',
      200,
      { id: 99, post: 8, status: 'spam' },
      'Reply To: comment 99 is in the spam, where a reply would never show. Restore it in WordPress first, or leave Reply To empty.',
    ],
  ])('a parent that %s is refused before anything is written', async (_case, status, answer, expected) => {
    wp().get('/wp-json/wp/v2/comments/99').query(true).reply(status, answer);
    // No POST is mocked: nock would fail the write.
    const { message } = await failsWith(() => create({ post: 8, content: 'Reply', parent: 99 }));
    expect(message).toBe(expected);
  });

  it('a parent the user may not read (another user’s held comment) is left to WordPress', async () => {
    wp()
      .get('/wp-json/wp/v2/comments/30')
      .query(true)
      .reply(403, restError('rest_cannot_read', 'Sorry, you are not allowed to read this comment.', 403));
    const write = wp()
      .post('/wp-json/wp/v2/comments', { post: 8, content: 'Reply', parent: 30 })
      .query(QUERY)
      .reply(201, wpComment({ id: 33, parent: 30 }));
    await create({ post: 8, content: 'Reply', parent: 30 });
    expect(write.isDone()).toBe(true);
  });

  it('says when WordPress holds the comment for moderation, on the successful step', async () => {
    wp()
      .post('/wp-json/wp/v2/comments')
      .query(QUERY)
      .reply(201, { ...wpComment({ id: 34, status: 'hold' }), author_email: undefined });
    const out = await create({ post: 8, content: 'First comment' });
    expect(out.author_email).toBeNull();
    expect(out.warnings).toEqual([
      "Status: WordPress holds this comment for moderation, as the site's discussion settings ask; it shows on the site once an Editor or Administrator approves it.",
    ]);
  });

  it('a status WordPress did not apply is a warning, never an error', async () => {
    wp()
      .post('/wp-json/wp/v2/comments')
      .query(QUERY)
      .reply(201, wpComment({ id: 35, status: 'hold' }));
    const out = await create({ post: 8, content: 'Hi', status: 'approved' });
    expect(out.warnings).toEqual([
      'Status: WordPress left the comment Awaiting Moderation instead of Approved (a plugin may have stopped the change). Set the status in WordPress under Comments.',
    ]);
  });

  it.each([
    [
      'rest_comment_closed',
      403,
      'Sorry, comments are closed for this item.',
      'Post: comments are closed on post 8. Open them on the post in WordPress (Discussion: Allow comments), or pick another post.',
    ],
    [
      'comment_duplicate',
      409,
      'Duplicate comment detected; it looks as though you&#8217;ve already said that!',
      'WordPress already has this exact comment from this user on this post, and refuses to post it twice. If an earlier run posted it, there is nothing to do; otherwise change the Content.',
    ],
    [
      'rest_comment_invalid_post_id',
      403,
      'Sorry, you are not allowed to create this comment without a post.',
      'Post: WordPress has no post 8 (it may have been deleted). Pick the post from the dropdown.',
    ],
    [
      'rest_comment_draft_post',
      403,
      'Sorry, you are not allowed to create a comment on this post.',
      'Post: post 8 is a draft, and WordPress takes comments only on posts that are published. Publish it first, or pick another post.',
    ],
    [
      'rest_comment_invalid_status',
      403,
      "Sorry, you are not allowed to edit 'status' for comments.",
      'The WordPress user this connection uses is not allowed to set the status of a new comment: WordPress requires the "moderate_comments" capability (roles: Editor or Administrator). ' +
        'Reconnect with a user that has it, or ask a site administrator to change the role. (An Author may also moderate the comments on their own posts, in WordPress.) ' +
        "Or leave Status empty: WordPress then applies the site's discussion settings.",
    ],
    [
      'comment_content_column_length',
      400,
      'Comment field exceeds maximum length allowed.',
      'Content: the comment is longer than WordPress can store (65,525 bytes: as many characters of plain English, fewer of other scripts). WordPress said: "Comment field exceeds maximum length allowed". Shorten it.',
    ],
    [
      'rest_comment_invalid_parent',
      400,
      'Invalid parent comment ID.',
      'Reply To: WordPress has no comment 30 (it may have been deleted). Pick the comment from the dropdown, which lists the comments of post 8, or leave Reply To empty.',
    ],
  ])('%s gets its own message', async (code, status, wpMessage, expected) => {
    wp().get('/wp-json/wp/v2/comments/30').query(true).reply(200, { id: 30, post: 8, status: 'approved' });
    wp()
      .post('/wp-json/wp/v2/comments')
      .query(QUERY)
      .reply(status, restError(code, wpMessage, status));
    const { message } = await failsWith(() =>
      create({
        post: 8,
        content: 'Hi',
        parent: code === 'rest_comment_invalid_parent' ? 30 : undefined,
        status: code === 'rest_comment_invalid_status' ? 'hold' : undefined,
      }),
    );
    expect(message).toBe(expected);
  });

  it('flooding: Zapier is asked to retry after WordPress’s 15 seconds, since nothing was written', async () => {
    wp()
      .post('/wp-json/wp/v2/comments')
      .query(QUERY)
      .reply(400, restError('comment_flood', 'You are posting comments too quickly. Slow down.', 400));
    const err = await caught(() => create({ post: 8, content: 'Again' }));
    expect(err.name).toBe('ThrottledError');
    const { delay } = JSON.parse(err.message) as { delay: number };
    expect(delay).toBeGreaterThanOrEqual(20);
    expect(userMessage(err)).toMatch(
      /^WordPress refused the comment because this user posted another one moments ago .*Zapier will retry in \d+ seconds\.$/,
    );
  });

  it.each([
    [{ content: 'Hi' }, 'Post: is required. Pick one from the dropdown, or map an ID from an earlier step.'],
    [{ post: 8, content: '   ' }, 'Content: is required. Fill it in or map a value from an earlier step.'],
    [{ post: 8, content: 'Hi', status: 'trash' }, 'Status: "trash" is not one of: approved, hold, spam.'],
  ])('refuses %j before sending anything', async (input, expected) => {
    const { message } = await failsWith(() => create(input));
    expect(message).toBe(expected);
  });
});
