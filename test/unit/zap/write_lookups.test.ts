// Every create through each fault class (fault_matrix.ts), and a lookup that cannot tell: several
// items match, the lookup fails too, or the user cannot see the item. The writes are in
// create_cases.ts; the updates and deletes are in read_backs.test.ts.
import { restError } from '../fixtures';
import { caught, expectCleanMessage, userMessage, wp } from '../helpers';
import { CREATES, createComment, createPost } from './create_cases';
import { faultMatrix } from './fault_matrix';
import { now, runWrite, siteClock } from './lost_answer_cases';

faultMatrix(CREATES);

describe('a lookup that cannot tell', () => {
  const post = createPost;

  it('two items that match it: says so, with their IDs, and where to check', async () => {
    post.write().reply(502, '');
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(
        200,
        [
          { id: 502, title: { raw: 'A<B & C>D' }, slug: '', author: 2, modified_gmt: now() },
          { id: 500, title: { raw: 'A<B & C>D' }, slug: '', author: 2, modified_gmt: now() },
        ],
        siteClock(),
      );
    const message = userMessage(await caught(() => runWrite(post)));
    expect(message).toMatch(
      /Zapier could not tell whether WordPress stored the post "A<B & C>D": 2 items on the site match it \(IDs 502, 500\) and cannot be told apart\. Check the posts list in WordPress/,
    );
  });

  it('a lookup that fails too: says so, in a few words', async () => {
    post.write().reply(502, '');
    wp().get('/wp-json/wp/v2/posts').query(true).reply(500, '');
    const message = userMessage(await caught(() => runWrite(post)));
    expectCleanMessage(message);
    expect(message).toMatch(
      /could not tell whether WordPress stored the post "A<B & C>D": looking it up failed too \(WordPress at example\.com failed with HTTP 500/,
    );
  });

  it('a comment by a user who sees only approved comments: held for moderation is possible, so it cannot tell', async () => {
    createComment.write().reply(502, '');
    wp()
      .get('/wp-json/wp/v2/comments')
      .query((q) => q.context === 'edit')
      .reply(403, restError('rest_forbidden_context', 'Sorry, you are not allowed to edit comments.', 403));
    wp()
      .get('/wp-json/wp/v2/comments')
      .query((q) => q.context === undefined && q.post === '8')
      .reply(200, [], siteClock());
    const message = userMessage(await caught(() => runWrite(createComment)));
    expect(message).toMatch(
      /could not tell whether WordPress stored the comment on post 8: this WordPress user sees only approved comments, and the comment may be held for moderation\. Check the comments of post 8/,
    );
  });
});
