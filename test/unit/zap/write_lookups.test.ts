// Every write through each fault class (nock): the write is sent once, a healthy write is one
// request, and a lost answer is settled by a lookup (creates) or a read back (updates) before the
// step ends: found is a success with a warning, not found says not stored and that a replay is safe.
import nock from 'nock';
import { COMMENT_QUERY } from '../../../src/wordpress/comment';
import { MEDIA_QUERY } from '../../../src/wordpress/media_item';
import {
  PNG,
  POST_WRITE_QUERY,
  USER_WRITE_QUERY,
  createPerform,
  restError,
  wpComment,
  wpPost,
  wpUser,
} from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

const FILES = 'https://files.example.org';
const now = () => new Date().toISOString().slice(0, 19);
const siteClock = () => ({ Date: new Date().toUTCString() });

interface Write {
  key: string;
  input: Record<string, unknown>;
  /** The write's own request. */
  write: () => nock.Interceptor;
  /** WordPress's answer to a healthy write. */
  answer: object;
  /** The lookup's answers: the item there (`true`) or not. */
  lookup: (there: boolean) => nock.Scope[];
  update?: boolean;
  what: string;
}

const media = {
  id: 88,
  source_url: 'https://example.com/wp-content/uploads/2026/12/spring-1.png',
  title: { rendered: 'spring' },
};
const writes: Write[] = [
  {
    key: 'create_post',
    input: { title: 'A<B & C>D', status: 'publish' },
    write: () => wp().post('/wp-json/wp/v2/posts').query(POST_WRITE_QUERY),
    answer: wpPost({ id: 500, title: { rendered: 'A&lt;B &amp; C&gt;D' } }),
    what: 'the post "A<B & C>D"',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/posts')
        .query((q) => q.orderby === 'id' && q.context === 'edit')
        .reply(
          200,
          there
            ? [
                { id: 501, title: { raw: 'Another', rendered: 'Another' }, slug: '', author: 2, modified_gmt: now() },
                // WordPress kept the markup-like text for an editor; the title is matched as sent.
                { id: 500, title: { raw: 'A<B & C>D', rendered: 'A&lt;B' }, slug: '', author: 2, modified_gmt: now() },
                // The same title from a run an hour ago is not this one.
                {
                  id: 400,
                  title: { raw: 'A<B & C>D', rendered: 'x' },
                  slug: '',
                  author: 2,
                  modified_gmt: '2020-01-01T00:00:00',
                },
              ]
            : [],
          siteClock(),
        ),
      ...(there
        ? [
            wp()
              .get('/wp-json/wp/v2/posts/500')
              .query(POST_WRITE_QUERY)
              .reply(200, wpPost({ id: 500 })),
          ]
        : []),
    ],
  },
  {
    key: 'upload_media',
    input: { file: `${FILES}/spring.png` },
    write: () => wp().post('/wp-json/wp/v2/media').query(MEDIA_QUERY),
    answer: media,
    what: 'the file spring.png',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/media')
        .query((q) => q.orderby === 'id')
        .reply(200, there ? [{ id: 88, source_url: media.source_url, date_gmt: now() }] : [], siteClock()),
      ...(there ? [wp().get('/wp-json/wp/v2/media/88').query(MEDIA_QUERY).reply(200, media)] : []),
    ],
  },
  {
    key: 'create_comment',
    input: { post: 8, content: 'Great & <b>true</b>' },
    write: () => wp().post('/wp-json/wp/v2/comments').query(COMMENT_QUERY),
    answer: wpComment({ id: 31 }),
    what: 'the comment on post 8',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/comments')
        .query((q) => q.post === '8' && q.context === 'edit' && q.status === 'all')
        .reply(
          200,
          there ? [{ id: 31, parent: 0, content: { raw: 'Great & <b>true</b>' }, date_gmt: now() }] : [],
          siteClock(),
        ),
      ...(there
        ? [
            wp()
              .get('/wp-json/wp/v2/comments/31')
              .query(COMMENT_QUERY)
              .reply(200, wpComment({ id: 31 })),
          ]
        : []),
    ],
  },
  {
    key: 'update_user',
    update: true,
    input: { user_id: 5, description: 'New bio & more' },
    write: () => wp().post('/wp-json/wp/v2/users/5', { description: 'New bio & more' }).query(USER_WRITE_QUERY),
    answer: wpUser({ id: 5, description: 'New bio & more' }),
    what: 'user 5',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/users/5')
        .query(USER_WRITE_QUERY)
        .reply(200, wpUser({ id: 5, description: there ? 'New bio & more' : 'Old bio' })),
    ],
  },
  {
    key: 'create_user',
    input: { username: 'zoe', email: 'zoe@example.org' },
    write: () => wp().post('/wp-json/wp/v2/users').query(USER_WRITE_QUERY),
    answer: wpUser({ id: 9, username: 'zoe' }),
    what: 'the user "zoe"',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/users')
        .query((q) => q.search === 'zoe' && q.context === 'edit')
        .reply(
          200,
          there
            ? [wpUser({ id: 9, username: 'zoe', email: 'zoe@example.org', registered_date: `${now()}+00:00` })]
            : [],
          siteClock(),
        ),
    ],
  },
  {
    key: 'update_post',
    update: true,
    input: { post_id: 42, title: 'Fresh title' },
    write: () => wp().post('/wp-json/wp/v2/posts/42', { title: 'Fresh title' }).query(POST_WRITE_QUERY),
    answer: wpPost({ id: 42, title: { rendered: 'Fresh title' } }),
    what: 'post 42',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/posts/42')
        .query({ ...POST_WRITE_QUERY, context: 'edit' })
        .reply(200, wpPost({ id: 42, title: { raw: there ? 'Fresh title' : 'Old title', rendered: 'x' } })),
    ],
  },
  {
    key: 'update_comment',
    update: true,
    input: { comment_id: 31, content: 'Edited & <b>new</b>', status: 'Spam' },
    write: () => wp().post('/wp-json/wp/v2/comments/31').query(COMMENT_QUERY),
    answer: wpComment({ id: 31, status: 'spam' }),
    what: 'comment 31',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/comments/31')
        .query({ ...COMMENT_QUERY, context: 'edit' })
        .reply(
          200,
          wpComment({
            id: 31,
            status: there ? 'spam' : 'approved',
            content: { raw: there ? 'Edited & <b>new</b>' : 'Old', rendered: 'x' },
          }),
        ),
    ],
  },
  {
    key: 'update_comment',
    update: true,
    input: { comment_id: 32, status: 'Trash' },
    write: () => wp().delete('/wp-json/wp/v2/comments/32').query(COMMENT_QUERY),
    answer: wpComment({ id: 32, status: 'trash' }),
    what: 'comment 32',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/comments/32')
        .query({ ...COMMENT_QUERY, context: 'edit' })
        .reply(200, wpComment({ id: 32, status: there ? 'trash' : 'approved' })),
    ],
  },
];

const perform = (key: string) => createPerform(key);
const runWrite = (w: Write) =>
  appTester(perform(w.key), bundle(w.input)) as Promise<Record<string, unknown> & { warnings: string[] }>;
const file = () => nock(FILES).get('/spring.png').reply(200, PNG, { 'Content-Type': 'image/png' });

type Reply = (i: nock.Interceptor) => nock.Scope;
const HTML_PAGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>x</body></html>';
/** Faults after which WordPress may have stored the write, each with the reason the step gives. */
const LOST: Array<[string, Reply, RegExp]> = [
  [
    'a gateway 503 with Retry-After',
    (i) => i.reply(503, '', { 'Retry-After': '30' }),
    /the site answered HTTP 503 instead of WordPress's answer/,
  ],
  ['a 502 web page', (i) => i.reply(502, HTML_PAGE, { 'Content-Type': 'text/html' }), /HTTP 502 with an error page/],
  [
    'a 200 web page from a cache',
    (i) => i.reply(200, HTML_PAGE, { 'Content-Type': 'text/html' }),
    /HTTP 200 with a web page \(from a cache, firewall or proxy\)/,
  ],
  ['an empty 200', (i) => i.reply(200, '', { 'Content-Type': 'application/json' }), /HTTP 200 with nothing/],
  ['a 200 of null', (i) => i.reply(200, 'null', { 'Content-Type': 'application/json' }), /HTTP 200 with nothing/],
  [
    'a cut-off answer',
    (i) => i.reply(201, '{"id":500,"title":{"rend', { 'Content-Type': 'application/json' }),
    /arrived cut off or garbled/,
  ],
  [
    'WordPress’s critical error',
    (i) =>
      i.reply(500, restError('internal_server_error', '<p>There has been a critical error on this website.</p>', 500)),
    /HTTP 500 \(internal_server_error\)/,
  ],
  [
    'a reset before any answer',
    (i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
    /cut off before any answer came/,
  ],
  [
    'a timeout',
    (i) => i.replyWithError({ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }),
    /no answer came within 25 seconds/,
  ],
  ['a gateway timeout (504)', (i) => i.reply(504, ''), /HTTP 504/],
];
/** Where WordPress may still be running the request: an item not found yet is no proof. */
const MAY_STILL_RUN = new Set(['a reset before any answer', 'a timeout', 'a gateway timeout (504)']);

describe.each(writes)('$key $input', (w) => {
  beforeEach(() => {
    if (w.key === 'upload_media') file();
  });

  it('a healthy write is exactly one request, with no warning about a lost answer', async () => {
    const scope = w.write().reply(201, w.answer);
    const out = await runWrite(w);
    expect(scope.isDone()).toBe(true);
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
  const post = writes[0];

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
    writes[2].write().reply(502, '');
    wp()
      .get('/wp-json/wp/v2/comments')
      .query((q) => q.context === 'edit')
      .reply(403, restError('rest_forbidden_context', 'Sorry, you are not allowed to edit comments.', 403));
    wp()
      .get('/wp-json/wp/v2/comments')
      .query((q) => q.context === undefined && q.post === '8')
      .reply(200, [], siteClock());
    const message = userMessage(await caught(() => runWrite(writes[2])));
    expect(message).toMatch(
      /could not tell whether WordPress stored the comment on post 8: this WordPress user sees only approved comments, and the comment may be held for moderation\. Check the comments of post 8/,
    );
  });
});
