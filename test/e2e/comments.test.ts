// Comments through Zapier's runtime against the real WordPress 6.1 of the bench (site "main"): New
// Comment, Create Comment and Update Comment, as the roles that may and may not run them. Every post
// and comment made here carries a per-run stamp and is looked up by its own ID: other tests may be
// commenting on the same site at the same time.
import app from '../../index';
import type { CommentOutput } from '../../src/comment';
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
    // The edit context is refused (403), then the view context answers.
    expect(requests).toHaveLength(2);
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
