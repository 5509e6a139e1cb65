// Every write through each fault class (nock): the write is sent once, a healthy write is one
// request, and a lost answer is settled by a lookup (creates) or a read back (updates, deletes)
// before the step ends: found is a success with a warning, not found says not stored and that a
// replay is safe. The writes are in create_cases.ts and update_cases.ts.
import { restError } from '../fixtures';
import { caught, expectCleanMessage, userMessage, wp } from '../helpers';
import { CREATES, createComment, createPost } from './create_cases';
import { LOST, MAY_STILL_RUN, file, now, runWrite, siteClock } from './lost_answer_cases';
import { UPDATES } from './update_cases';

const writes = [...CREATES, ...UPDATES];

describe.each(writes)('$key $input', (w) => {
  beforeEach(() => {
    if (w.key === 'upload_media') file();
  });

  it('a healthy write is sent once, looks nothing up, and warns of no lost answer', async () => {
    const scope = w.write().reply(201, w.answer);
    const after = w.after?.();
    const out = await runWrite(w);
    expect(scope.isDone() && (after?.isDone() ?? true)).toBe(true);
    // nock refuses any request it was not told of: there was no other.
    expect(out.warnings.filter((x) => /answer was lost/.test(x))).toEqual([]);
  });

  it.each(LOST)('after %s, the item is found: a success with a warning, sent once', async (_name, reply, reason) => {
    const write = reply(w.write());
    const lookups = w.lookup(true);
    const out = await runWrite(w);
    expect(write.isDone() && lookups.every((s) => s.isDone())).toBe(true);
    expect(out.warnings[0]).toMatch(/^WordPress's answer was lost \(/);
    expect(out.warnings[0]).toMatch(reason);
    expect(out.warnings[0]).toContain(w.what);
  });

  it.each(LOST)('after %s, an item not there is said so', async (name, reply, reason) => {
    reply(w.write());
    w.lookup(false);
    const err = await caught(() => runWrite(w));
    const message = userMessage(err);
    expectCleanMessage(message);
    expect(err.name).not.toBe('ThrottledError');
    expect(message).toMatch(reason);
    if (w.update) {
      expect(message).toMatch(/WordPress did not apply the change\. Running the step again is safe/);
    } else if (MAY_STILL_RUN.has(name)) {
      expect(message).toMatch(
        /was not there yet, but WordPress may still be working on the request.*before running the step again, so nothing is written twice\.$/,
      );
    } else {
      expect(message).toContain(
        `${w.what} is not there, so WordPress did not store it. Running the step again is safe.`,
      );
    }
  });

  it('WordPress’s maintenance answer (before any write) is Zapier’s throttle, with no lookup', async () => {
    w.write().reply(
      503,
      {
        code: 'wp_die',
        message: 'Briefly unavailable for scheduled maintenance. Check back in a minute.',
        data: { status: 503 },
      },
      { 'Retry-After': '600' },
    );
    const err = await caught(() => runWrite(w));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 600 });
  });

  it('a 429 is Zapier’s throttle, with no lookup', async () => {
    w.write().reply(429, '', { 'Retry-After': '17' });
    const err = await caught(() => runWrite(w));
    expect(err.name).toBe('ThrottledError');
  });
});

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
