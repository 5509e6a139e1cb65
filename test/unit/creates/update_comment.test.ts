// Update Comment: only the fields filled in, Trash as WordPress's DELETE without force, and a user
// who may not moderate told so.
import { COMMENT_QUERY } from '../../../src/wordpress/comment';
import { createPerform, restError, wpComment } from '../fixtures';
import { appTester, bundle, failsWith, wp } from '../helpers';

const updateComment = createPerform('update_comment');
const update = (input: Record<string, unknown>) =>
  appTester(updateComment, bundle(input)) as Promise<Record<string, unknown> & { warnings: string[] }>;

type Body = Record<string, unknown>;
const QUERY = { ...COMMENT_QUERY };

describe('Update Comment', () => {
  it('sends only the fields filled in', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/comments/31', (body: Body) => {
        expect(body).toEqual({ status: 'spam' });
        return true;
      })
      .query(QUERY)
      .reply(200, wpComment({ id: 31, status: 'spam' }));
    const out = await update({ comment_id: '31', content: '', status: 'Spam' });
    expect(out).toMatchObject({ id: 31, status: 'spam', warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('edits the text as sent and approves, in one request', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/comments/31', { content: '<p>Fixed typo</p>', status: 'approved' })
      .query(QUERY)
      .reply(200, wpComment({ id: 31, content: { rendered: '<p>Fixed typo</p>\n' } }));
    const out = await update({ comment_id: 31, content: '<p>Fixed typo</p>', status: 'approved' });
    expect(out).toMatchObject({ content_text: 'Fixed typo', status: 'approved', warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('Trash is a DELETE without force: WordPress moves the comment to its trash', async () => {
    const scope = wp()
      .delete('/wp-json/wp/v2/comments/31')
      .query(QUERY)
      .reply(200, wpComment({ id: 31, status: 'trash' }));
    const out = await update({ comment_id: 31, status: 'trash' });
    expect(out).toMatchObject({ id: 31, status: 'trash', warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('a comment already in the trash (a step run again) succeeds, with a warning, and nothing written', async () => {
    wp()
      .delete('/wp-json/wp/v2/comments/31')
      .query(QUERY)
      .reply(410, restError('rest_already_trashed', 'The comment has already been trashed.', 410));
    const read = wp()
      .get('/wp-json/wp/v2/comments/31')
      .query({ ...QUERY, context: 'edit' })
      .reply(200, wpComment({ id: 31, status: 'trash' }));
    const out = await update({ comment_id: 31, status: 'trash' });
    expect(out).toMatchObject({
      status: 'trash',
      warnings: ['Status: comment 31 was already in the trash; nothing was changed.'],
    });
    expect(read.isDone()).toBe(true);
  });

  it('a site without a trash is refused, never deleted for good', async () => {
    wp()
      .delete('/wp-json/wp/v2/comments/31')
      .query(QUERY)
      .reply(
        501,
        restError(
          'rest_trash_not_supported',
          "The comment does not support trashing. Set 'force=true' to delete.",
          501,
        ),
      );
    const { message } = await failsWith(() => update({ comment_id: 31, status: 'trash' }));
    expect(message).toBe(
      'This site keeps no trash for comments (EMPTY_TRASH_DAYS is 0 in wp-config.php), so WordPress can only delete a comment for good, which this action never does. Mark it as Spam instead, or delete it in WordPress.',
    );
  });

  it('nothing filled in: reads the comment instead of rewriting it', async () => {
    const read = wp()
      .get('/wp-json/wp/v2/comments/31')
      .query({ ...QUERY, context: 'edit' })
      .reply(200, wpComment({ id: 31 }));
    const out = await update({ comment_id: 31, content: ' ', status: '' });
    expect(out).toMatchObject({ id: 31, warnings: [] });
    expect(read.isDone()).toBe(true);
  });

  it('a status WordPress did not apply is a warning on the successful step', async () => {
    wp()
      .post('/wp-json/wp/v2/comments/31')
      .query(QUERY)
      .reply(200, wpComment({ id: 31, status: 'hold' }));
    const out = await update({ comment_id: 31, status: 'approved' });
    expect(out.warnings).toEqual([
      'Status: WordPress left the comment Awaiting Moderation instead of Approved (a plugin may have stopped the change). Set the status in WordPress under Comments.',
    ]);
  });

  it.each([
    [
      'post',
      'rest_cannot_edit',
      'Sorry, you are not allowed to edit this comment.',
      { status: 'hold' },
      'The WordPress user this connection uses is not allowed to moderate or edit comment 31: WordPress requires the "moderate_comments" capability (roles: Editor or Administrator). ' +
        'Reconnect with a user that has it, or ask a site administrator to change the role. (An Author may also moderate the comments on their own posts, in WordPress.)',
    ],
    [
      'delete',
      'rest_cannot_delete',
      'Sorry, you are not allowed to delete this comment.',
      { status: 'trash' },
      'The WordPress user this connection uses is not allowed to move comment 31 to the trash: WordPress requires the "moderate_comments" capability (roles: Editor or Administrator). ' +
        'Reconnect with a user that has it, or ask a site administrator to change the role. (An Author may also moderate the comments on their own posts, in WordPress.)',
    ],
    [
      'post',
      'rest_comment_invalid_id',
      'Invalid comment ID.',
      { content: 'x' },
      'Comment: WordPress has no comment 31 (it may have been deleted for good). Pick the comment from the dropdown.',
    ],
  ])('a %s refused with %s says what to do', async (method, code, wpMessage, input, expected) => {
    const status = code === 'rest_comment_invalid_id' ? 404 : 403;
    const scope =
      method === 'delete' ? wp().delete('/wp-json/wp/v2/comments/31') : wp().post('/wp-json/wp/v2/comments/31');
    scope.query(QUERY).reply(status, restError(code, wpMessage, status));
    const { message } = await failsWith(() => update({ comment_id: 31, ...input }));
    expect(message).toBe(expected);
  });

  it('refuses new text for a comment being trashed, before anything is written', async () => {
    const { message } = await failsWith(() => update({ comment_id: 31, content: 'New', status: 'Trash' }));
    expect(message).toMatch(/^Content and Status Trash do not go together/);
  });
});
