// Comments through Zapier's runtime against the real WordPress 6.1 of the bench (site "main"): New
// Comment, Create Comment and Update Comment, as the roles that may and may not run them. Every post
// and comment made here carries a per-run stamp and is looked up by its own ID: other tests may be
// commenting on the same site at the same time.
import app from '../../index';
import type { CommentOutput } from '../../src/wordpress/comment';
import { caught, connect, recordRequests, requireWordPress, rest, run, userMessage } from './harness';
import type { UserName } from './harness';

jest.setTimeout(60_000);

const STAMP = `c${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
type Item = Record<string, unknown>;
type Perform = Parameters<typeof run>[0];

function operation(kind: 'triggers' | 'creates', key: string): Perform {
  const op = app[kind]?.[key]?.operation;
  if (!op) throw new Error(`no ${kind} ${key}`);
  return (op as { perform: Perform }).perform;
}

const poll = (input: Item, user: UserName = 'editor') =>
  run<CommentOutput[]>(operation('triggers', 'new_comment'), input, { user });

/** The requests one poll makes, once connected (logging in is not the poll's). */
async function measuredPoll(input: Item, user: UserName = 'editor') {
  await connect('main', user);
  // Turned on first, as Zapier does: a poll without a kept state may walk the IDs deleted comments left.
  await run(operation('triggers', 'new_comment'), input, {
    user,
    meta: { isPopulatingDedupe: true },
    freshCache: true,
  });
  return recordRequests(() => poll(input, user));
}

/** A post made for this run, by Ada, published unless said otherwise. */
async function makePost(title: string, extra: Item = {}): Promise<number> {
  const auth = await connect('main', 'administrator');
  const res = await rest<{ id: number }>(auth, 'wp/v2/posts', {
    method: 'POST',
    body: { title: `${title} ${STAMP}`, status: 'publish', ...extra },
  });
  if (res.status !== 201) throw new Error(`post → ${res.status}: ${JSON.stringify(res.data)}`);
  return res.data.id;
}

/** A comment written straight through the REST API (not the app), as `user`. */
async function makeComment(user: UserName, body: Item): Promise<{ id: number; status: string }> {
  const auth = await connect('main', user);
  const res = await rest<{ id: number; status: string }>(auth, 'wp/v2/comments', { method: 'POST', body });
  if (res.status !== 201) throw new Error(`comment → ${res.status}: ${JSON.stringify(res.data)}`);
  return res.data;
}

/** The comment as WordPress has it now (edit context, as Ada). */
async function stored(id: number): Promise<{ status: number; data: Item }> {
  const auth = await connect('main', 'administrator');
  return rest<Item>(auth, `wp/v2/comments/${id}`, { query: { context: 'edit' } });
}

/** Runs a write as a user who may meet WordPress's flood protection (another test's comment by the
 * same user in the last 15 seconds): once more after the window, as Zapier's retry would. */
async function unflooded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!/posted another one moments ago|comment_flood/.test(userMessage(err))) throw err;
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    return write();
  }
}

const createComment = (input: Item, user: UserName = 'administrator') =>
  run<CommentOutput & { warnings: string[] }>(operation('creates', 'create_comment'), input, { user });
const updateComment = (input: Item, user: UserName = 'editor') =>
  run<CommentOutput & { warnings: string[] }>(operation('creates', 'update_comment'), input, { user });

/** This run's comments on a post whose content holds `words` (as Ada, every status). */
async function commentsWith(postId: number, words: string): Promise<number[]> {
  const auth = await connect('main', 'administrator');
  const res = await rest<Array<{ id: number }>>(auth, 'wp/v2/comments', {
    query: { post: String(postId), search: words, status: 'all', _fields: 'id' },
  });
  return res.data.map((c) => c.id);
}

let post: number;
let approved: { id: number };

beforeAll(async () => {
  await requireWordPress('main');
  post = await makePost('Comments open');
  approved = await makeComment('administrator', {
    post,
    content: `Approved <strong>bold</strong> &amp; plain ${STAMP}`,
  });
});

describe('New Comment', () => {
  it('a moderator polls in one request and gets the post title and link, the email and both dates', async () => {
    const { result, requests } = await measuredPoll({ post });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.path).toMatch(/_embed=up/);
    const mine = result.find((c) => c.id === approved.id);
    expect(mine).toMatchObject({
      post_id: post,
      post_title: `Comments open ${STAMP}`,
      post_link: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8080\/comments-open-/),
      parent_id: null,
      author_name: 'Ada Admin',
      author_email: 'ada.admin@example.com',
      content_text: `Approved bold & plain ${STAMP}`,
      link: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:8080/.+#comment-${approved.id}$`)),
      status: 'approved',
      type: 'comment',
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/),
      date_gmt: expect.stringMatching(/\+00:00$/),
    });
    expect(mine!.content_html).toContain('<strong>bold</strong>');
  });

  it('without a Post filter, also one request, newest first', async () => {
    const { result, requests } = await measuredPoll({});
    expect(requests).toHaveLength(1);
    const dates = result.map((c) => c.date_gmt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(result.map((c) => c.id)).toContain(approved.id);
  });

  it('a user without moderate_comments gets Approved comments without emails', async () => {
    const { result, requests } = await measuredPoll({ post }, 'contributor');
    // Turning the Zap on met the refusal of the edit context (403) and remembered it: one request, in the view context.
    expect(requests).toHaveLength(1);
    expect(requests[0]!.path).toContain('context=view');
    expect(result.find((c) => c.id === approved.id)).toMatchObject({ author_email: null, author_name: 'Ada Admin' });
  });

  it('Awaiting Moderation: a moderator sees the held comments, with the author’s email', async () => {
    // Held by a moderator's hand: a Subscriber's comment would meet WordPress's flood protection
    // whenever another test had one posted in the last 15 seconds.
    const held = await makeComment('administrator', { post, content: `Held question ${STAMP}`, status: 'hold' });
    expect(held.status).toBe('hold');
    const result = await poll({ post, status: 'hold' });
    expect(result.find((c) => c.id === held.id)).toMatchObject({
      status: 'hold',
      author_email: 'ada.admin@example.com',
    });
    expect(result.find((c) => c.id === approved.id)).toBeUndefined();
  });

  it('Awaiting Moderation for an Author names the capability and the roles', async () => {
    const message = userMessage(await caught(() => poll({ post, status: 'hold' }, 'author')));
    expect(message).toMatch(/"moderate_comments" capability \(roles: Editor or Administrator\)/);
    expect(message).toMatch(/Or set Status to Approved\.$/);
  });
});

describe('Create Comment', () => {
  it('posts as the connected user, in one request, with the post’s title in the output', async () => {
    await connect('main', 'administrator');
    const content = `<p>Great post &amp; <a href="https://example.org/">a link</a> ${STAMP}-create</p>`;
    const { result, requests } = await recordRequests(() => createComment({ post, content }));
    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({
      post_id: post,
      post_title: `Comments open ${STAMP}`,
      author_name: 'Ada Admin',
      author_email: 'ada.admin@example.com',
      content_text: `Great post & a link ${STAMP}-create`,
      status: 'approved',
      warnings: [],
    });
    expect((await stored(result.id)).data).toMatchObject({ post, status: 'approved' });
  });

  it('a reply, held by a moderator, and the Reply To dropdown lists the post’s comments', async () => {
    const choices = await run<Array<{ id: number; name: string }>>(operation('triggers', 'comment_list'), { post });
    expect(choices.map((c) => c.id)).toContain(approved.id);
    const reply = await createComment(
      { post, content: `Reply ${STAMP}`, parent: approved.id, status: 'hold' },
      'editor',
    );
    expect(reply).toMatchObject({ parent_id: approved.id, status: 'hold', warnings: [] });
  });

  it('a Subscriber’s comment: posted, held by the site’s rules, and the step says so', async () => {
    const out = await unflooded(() => createComment({ post, content: `Subscriber asks ${STAMP}` }, 'subscriber'));
    expect(out).toMatchObject({ author_name: 'Sam Subscriber', author_email: null, status: 'hold' });
    expect(out.warnings).toEqual([expect.stringMatching(/^Status: WordPress holds this comment for moderation/)]);
  });

  it('the same comment twice: WordPress’s duplicate check, in words', async () => {
    const content = `Said once ${STAMP}`;
    await createComment({ post, content });
    const message = userMessage(await caught(() => createComment({ post, content })));
    expect(message).toMatch(/^WordPress already has this exact comment from this user on this post/);
    expect(await commentsWith(post, `Said once ${STAMP}`)).toHaveLength(1);
  });

  it('a missing post, a draft and a post closed to comments each get their own message', async () => {
    const draft = await makePost('Draft', { status: 'draft' });
    const closed = await makePost('Closed', { comment_status: 'closed' });
    const say = async (postId: number) =>
      userMessage(await caught(() => createComment({ post: postId, content: `Nowhere ${STAMP}` })));
    expect(await say(99_999_999)).toBe(
      'Post: WordPress has no post 99999999 (it may have been deleted). Pick the post from the dropdown.',
    );
    expect(await say(draft)).toBe(
      `Post: post ${draft} is a draft, and WordPress takes comments only on posts that are published. Publish it first, or pick another post.`,
    );
    expect(await say(closed)).toBe(
      `Post: comments are closed on post ${closed}. Open them on the post in WordPress (Discussion: Allow comments), or pick another post.`,
    );
  });

  it('a missing parent, or one on another post, is refused before anything is written (WordPress would store it)', async () => {
    const other = await makePost('Other');
    const elsewhere = await makeComment('administrator', { post: other, content: `Elsewhere ${STAMP}` });
    const missing = userMessage(
      await caught(() => createComment({ post, content: `Orphan ${STAMP}`, parent: 99_999_999 })),
    );
    expect(missing).toBe(
      `Reply To: WordPress has no comment 99999999 (it may have been deleted). Pick the comment from the dropdown, which lists the comments of post ${post}, or leave Reply To empty.`,
    );
    const wrongPost = userMessage(
      await caught(() => createComment({ post, content: `Orphan ${STAMP}`, parent: elsewhere.id })),
    );
    expect(wrongPost).toMatch(
      new RegExp(`^Reply To: comment ${elsewhere.id} belongs to post ${other}, not to post ${post}`),
    );
    expect(await commentsWith(post, `Orphan ${STAMP}`)).toEqual([]);
  });

  it('Status from a user who may not moderate is refused, and nothing is posted', async () => {
    const message = userMessage(
      await caught(() => createComment({ post, content: `Author status ${STAMP}`, status: 'approved' }, 'author')),
    );
    expect(message).toMatch(/not allowed to set the status of a new comment: .*"moderate_comments" capability/);
    expect(await commentsWith(post, `Author status ${STAMP}`)).toEqual([]);
  });

  it('flooding: a Contributor’s second comment within 15 seconds is handed back to Zapier to retry', async () => {
    await unflooded(() => createComment({ post, content: `First of two ${STAMP}` }, 'contributor'));
    const err = await caught(() => createComment({ post, content: `Second of two ${STAMP}` }, 'contributor'));
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err)).toMatch(/flood protection .* Zapier will retry in \d+ seconds\.$/);
    expect(await commentsWith(post, `Second of two ${STAMP}`)).toEqual([]);
  });
});

describe('Update Comment', () => {
  let target: number;

  beforeAll(async () => {
    target = (await makeComment('administrator', { post, content: `To moderate ${STAMP}`, status: 'hold' })).id;
  });

  it('approves and edits in one request, and the Comment dropdown offers the held comment', async () => {
    const choices = await run<Array<{ id: number; name: string }>>(
      operation('triggers', 'comment_list'),
      {},
      {
        user: 'editor',
      },
    );
    expect(choices.find((c) => c.id === target)?.name).toMatch(/\(Awaiting Moderation\)$/);
    await connect('main', 'editor');
    const { result, requests } = await recordRequests(() =>
      updateComment({ comment_id: target, content: `Moderated <em>text</em> ${STAMP}`, status: 'approved' }),
    );
    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({
      id: target,
      status: 'approved',
      content_text: `Moderated text ${STAMP}`,
      warnings: [],
    });
  });

  it('Spam, then Trash (moved to the trash, not deleted), then Trash again: nothing to do, said as a warning', async () => {
    expect((await updateComment({ comment_id: target, status: 'spam' })).status).toBe('spam');
    const trashed = await updateComment({ comment_id: target, status: 'trash' });
    expect(trashed).toMatchObject({ status: 'trash', warnings: [] });
    expect((await stored(target)).data).toMatchObject({ id: target, status: 'trash' });
    const again = await updateComment({ comment_id: target, status: 'trash' });
    expect(again).toMatchObject({
      status: 'trash',
      warnings: [`Status: comment ${target} was already in the trash; nothing was changed.`],
    });
  });

  it('a Contributor who may not moderate is told so; an unknown comment is named', async () => {
    const refused = userMessage(
      await caught(() => updateComment({ comment_id: approved.id, status: 'spam' }, 'contributor')),
    );
    expect(refused).toMatch(
      new RegExp(
        `^The WordPress user this connection uses is not allowed to moderate or edit comment ${approved.id}: .*"moderate_comments" capability \\(roles: Editor or Administrator\\)`,
      ),
    );
    expect((await stored(approved.id)).data).toMatchObject({ status: 'approved' });
    const unknown = userMessage(await caught(() => updateComment({ comment_id: 99_999_999, status: 'hold' })));
    expect(unknown).toBe(
      'Comment: WordPress has no comment 99999999 (it may have been deleted for good). Pick the comment from the dropdown.',
    );
  });

  it('an Author may moderate the comments on their own posts', async () => {
    const auth = await connect('main', 'author');
    const own = await rest<{ id: number }>(auth, 'wp/v2/posts', {
      method: 'POST',
      body: { title: `Author's own ${STAMP}`, status: 'publish' },
    });
    const comment = await makeComment('administrator', { post: own.data.id, content: `On the author's post ${STAMP}` });
    const out = await updateComment({ comment_id: comment.id, status: 'hold' }, 'author');
    // WordPress answers a change in the edit context to whoever may make it: the email comes too.
    expect(out).toMatchObject({ status: 'hold', author_email: 'ada.admin@example.com', warnings: [] });
  });
});
