// New Comment: one request with the post embedded, newest first, the moderation queues for
// moderators only, and the author's email only where WordPress shows it.
import { COMMENT_FIELDS, commentOutput, toCommentOutput } from '../../../src/wordpress/comment';
import { restError, triggerPerform, wpComment } from '../fixtures';
import { SITE, appTester, bundle, failsWith, wp } from '../helpers';

const newComment = triggerPerform('new_comment');
const publishedPostList = triggerPerform('published_post_list');
const commentList = triggerPerform('comment_list');
type Out = Array<Record<string, unknown>>;

/** The query New Comment sends, with what a test changes. */
function pollQuery(overrides: Record<string, string> = {}) {
  return {
    _fields: COMMENT_FIELDS,
    _embed: 'up',
    status: 'approve',
    orderby: 'id',
    order: 'desc',
    per_page: '50',
    page: '1',
    context: 'edit',
    ...overrides,
  };
}

const FORBIDDEN_CONTEXT = restError('rest_forbidden_context', 'Sorry, you are not allowed to edit comments.', 403);

describe('New Comment: the request', () => {
  it('makes one request for a moderator: newest first, the post embedded, emails in the edit context', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/comments')
      .query(pollQuery())
      .reply(200, [
        wpComment({ id: 11, date_gmt: '2026-03-14T10:15:42' }),
        wpComment({ id: 12, date_gmt: '2026-03-14T10:15:42' }),
        wpComment({ id: 13, date_gmt: '2026-03-15T09:00:00', date: '2026-03-15T10:00:00' }),
      ]);
    const result = (await appTester(newComment, bundle())) as Out;
    // Ordering plugins may reorder: the output is by ID, newest first.
    expect(result.map((c) => c.id)).toEqual([13, 12, 11]);
    expect(result[0]).toEqual({
      id: 13,
      post_id: 8,
      post_title: 'Post “8”',
      post_link: `${SITE}/post-8/`,
      parent_id: null,
      author_id: 7,
      author_name: 'Jane & Co',
      author_url: 'https://janedoe.example.org',
      author_email: 'jane.doe@example.org',
      content_html: '<p>Comment 13 &amp; more.<br />\nSecond line.</p>\n',
      content_text: 'Comment 13 & more.\nSecond line.',
      link: `${SITE}/post-8/#comment-13`,
      status: 'approved',
      type: 'comment',
      date: '2026-03-15T10:00:00+01:00',
      date_gmt: '2026-03-15T09:00:00+00:00',
    });
    expect(scope.isDone()).toBe(true);
    // `_links` must be there or WordPress embeds nothing.
    expect(COMMENT_FIELDS.split(',')).toEqual(expect.arrayContaining(['_links', '_embedded']));
  });

  it('filters by post, and asks for only a few while the trigger is tested', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/comments')
      .query(pollQuery({ post: '8', per_page: '3' }))
      .reply(200, [wpComment({ id: 11 })]);
    await appTester(newComment, bundle({ post: '8' }, { isLoadingSample: true }));
    expect(scope.isDone()).toBe(true);
  });

  it('without moderate_comments, Approved comments come in the view context: no emails, nothing refused', async () => {
    wp().get('/wp-json/wp/v2/comments').query(pollQuery()).reply(403, FORBIDDEN_CONTEXT);
    const { author_email: _hidden, ...viewed } = wpComment({ id: 11 });
    const view = wp()
      .get('/wp-json/wp/v2/comments')
      .query(pollQuery({ context: 'view' }))
      .reply(200, [viewed]);
    const [comment] = (await appTester(newComment, bundle())) as Out;
    expect(comment).toMatchObject({ id: 11, author_email: null, author_name: 'Jane & Co' });
    expect(view.isDone()).toBe(true);
    // The refusal is remembered: the next poll is one request, in the view context.
    const next = wp()
      .get('/wp-json/wp/v2/comments')
      .query(pollQuery({ context: 'view' }))
      .reply(200, [viewed]);
    await appTester(newComment, bundle());
    expect(next.isDone()).toBe(true);
  });

  it.each([
    ['hold', 'awaiting moderation'],
    ['spam', 'marked as spam'],
  ])(
    'Status %s without moderate_comments names the capability and the roles, not a bare 403',
    async (status, words) => {
      wp().get('/wp-json/wp/v2/comments').query(pollQuery({ status })).reply(403, FORBIDDEN_CONTEXT);
      const { message } = await failsWith(() => appTester(newComment, bundle({ status })));
      expect(message).toBe(
        `The WordPress user this connection uses is not allowed to read comments that are ${words}: WordPress requires the "moderate_comments" capability (roles: Editor or Administrator). ` +
          'Reconnect with a user that has it, or ask a site administrator to change the role. (An Author may also moderate the comments on their own posts, in WordPress.) Or set Status to Approved.',
      );
    },
  );

  it('Awaiting Moderation as a moderator: the held comments, with their status', async () => {
    wp()
      .get('/wp-json/wp/v2/comments')
      .query(pollQuery({ status: 'hold' }))
      .reply(200, [wpComment({ id: 21, status: 'hold', parent: 20 })]);
    const [comment] = (await appTester(newComment, bundle({ status: 'Awaiting Moderation' }))) as Out;
    expect(comment).toMatchObject({ id: 21, status: 'hold', parent_id: 20 });
  });

  it('a post the user may not read is named', async () => {
    wp()
      .get('/wp-json/wp/v2/comments')
      .query(pollQuery({ post: '9' }))
      .reply(
        403,
        restError('rest_cannot_read_post', 'Sorry, you are not allowed to read the post for this comment.', 403),
      );
    const { message } = await failsWith(() => appTester(newComment, bundle({ post: 9 })));
    expect(message).toMatch(
      /^Post: the WordPress user this connection uses may not read post 9 .*cannot read its comments/,
    );
  });
});

describe('New Comment: the output', () => {
  it('a comment whose post cannot be embedded still comes out, without the post title and link', () => {
    const comment = wpComment({
      id: 5,
      author: 0,
      _embedded: { up: [{ code: 'rest_forbidden', title: undefined }] },
    });
    expect(toCommentOutput(comment, SITE)).toMatchObject({
      id: 5,
      post_title: null,
      post_link: null,
      author_id: null,
    });
  });

  it('makes a relative link absolute', () => {
    expect(toCommentOutput(wpComment({ id: 5, link: '/post-8/#comment-5' }), SITE).link).toBe(
      `${SITE}/post-8/#comment-5`,
    );
  });

  it('the sample has exactly the keys the mapping produces', () => {
    expect(Object.keys(toCommentOutput(wpComment({ id: 1 }), SITE)).sort()).toEqual(
      Object.keys(commentOutput.sample).sort(),
    );
  });
});

describe('the comment dropdowns', () => {
  it('Post: published items of every type, newest first, in one request through the search route', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/search')
      .query({ type: 'post', _fields: 'id,title,subtype', per_page: '100', page: '1' })
      .reply(200, [
        { id: 9, title: 'Don&#8217;t miss it', subtype: 'post' },
        { id: 2, title: 'About us', subtype: 'page' },
        { id: 4, title: '', subtype: 'book_review' },
      ]);
    const choices = (await appTester(publishedPostList, bundle())) as Out;
    expect(choices.map((c) => c.name)).toEqual(['Don’t miss it', 'About us (Page)', '(no title) (Book Review)']);
    expect(scope.isDone()).toBe(true);
  });

  it('Comment: approved and held comments of the chosen post, named by author, words and status', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/comments')
      .query({
        _fields: 'id,post,author_name,content,status',
        orderby: 'date_gmt',
        order: 'desc',
        post: '8',
        status: 'all',
        per_page: '100',
        page: '1',
      })
      .reply(200, [wpComment({ id: 3, status: 'hold' }), wpComment({ id: 2 })]);
    const choices = (await appTester(commentList, bundle({ post: '8' }))) as Out;
    expect(choices).toEqual([
      { id: 3, name: 'Jane & Co: Comment 3 & more. Second line. (Awaiting Moderation)', post_id: 8, status: 'hold' },
      { id: 2, name: 'Jane & Co: Comment 2 & more. Second line.', post_id: 8, status: 'approved' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('Comment: a user who may list only approved comments (a Subscriber) gets those', async () => {
    wp()
      .get('/wp-json/wp/v2/comments')
      .query((q) => q.status === 'all')
      .reply(403, restError('rest_forbidden_param', 'Query parameter not permitted: status', 403));
    const approved = wp()
      .get('/wp-json/wp/v2/comments')
      .query((q) => q.status === undefined && q.post === undefined)
      .reply(200, [wpComment({ id: 2 })]);
    const choices = (await appTester(commentList, bundle())) as Out;
    expect(choices.map((c) => c.id)).toEqual([2]);
    expect(approved.isDone()).toBe(true);
  });
});
