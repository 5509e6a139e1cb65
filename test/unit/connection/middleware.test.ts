// The middlewares every request passes through: the Bearer token (only to the site), a stale token
// renewed, throttling, and answers that are not WordPress's translated into messages.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import app from '../../../index';
import { jsonAfterNotice } from '../../../src/connection/middleware';
import { callWordPress } from '../../../src/connection/request';
import { POST_WRITE_QUERY, createPerform, wpDraft } from '../fixtures';
import { TOKEN, appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

describe('middlewares', () => {
  const get = (route: string) => (z: ZObject, bundle: Bundle) =>
    callWordPress<unknown>(z, bundle, { route }).then((r) => r.data);

  it('sends the Bearer token with a capital B to the site, resolving relative routes', async () => {
    wp().get('/wp-json/wp/v2/posts').matchHeader('authorization', `Bearer ${TOKEN}`).reply(200, []);
    await expect(appTester(get('wp/v2/posts'), bundle())).resolves.toEqual([]);
  });

  it('never sends the token to another host', async () => {
    nock('https://images.example.net')
      .get('/a.png')
      .matchHeader('authorization', (v) => v === undefined)
      .reply(200, {});
    await expect(appTester(get('https://images.example.net/a.png'), bundle())).resolves.toEqual({});
  });

  it.each(['jwt_auth_invalid_token', 'jwt_auth_bad_iss', 'jwt_auth_bad_request'])(
    'turns 403 %s into RefreshAuthError',
    async (code) => {
      wp()
        .get('/wp-json/wp/v2/posts')
        .reply(403, { code, message: 'Expired token', data: { status: 403 } });
      const err = await caught(() => appTester(get('wp/v2/posts'), bundle()));
      expect(err.name).toBe('RefreshAuthError');
    },
  );

  it('translates 429 with Retry-After into a throttle with that delay', async () => {
    wp().get('/wp-json/wp/v2/posts').reply(429, 'Too many', { 'Retry-After': '42' });
    const err = await caught(() => appTester(get('wp/v2/posts'), bundle()));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toEqual({ message: expect.stringMatching(/retry in 42 seconds/), delay: 42 });
  });

  it.each([
    [500, '', /failed with HTTP 500 and no explanation/],
    [502, '<html><body>Bad gateway</body></html>', /web page instead of REST API data/],
    [404, '<html><body>Not Found</body></html>', /"not found" web page.*reconnect/],
  ])('explains HTTP %s', async (status, body, expected) => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .reply(status, body, body ? { 'Content-Type': 'text/html' } : {});
    const message = userMessage(await caught(() => appTester(get('wp/v2/posts'), bundle())));
    expect(message).toMatch(expected);
    expectCleanMessage(message);
  });

  it('rejects a 200 that is a web page or truncated JSON', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .reply(200, '<!DOCTYPE html><html>Maintenance</html>', { 'Content-Type': 'text/html' });
    expect(userMessage(await caught(() => appTester(get('wp/v2/posts'), bundle())))).toMatch(/web page instead/);
    wp().get('/wp-json/wp/v2/posts').reply(200, '[{"id":1,"title":', { 'Content-Type': 'application/json' });
    expect(userMessage(await caught(() => appTester(get('wp/v2/posts'), bundle())))).toMatch(/not valid JSON/);
  });

  describe('a write WordPress accepted, with text printed before its JSON', () => {
    const createPost = createPerform('create_post');
    // WP_DEBUG_DISPLAY on: PHP prints the notice (HTML errors) before the REST server's JSON.
    const NOTICE =
      '<br />\n<b>Notice</b>:  Function _load_textdomain_just_in_time was called <strong>incorrectly</strong>. ' +
      'Translation loading was triggered too early. in <b>/var/www/html/wp-includes/functions.php</b> on line <b>6114</b><br />\n';
    const post = wpDraft({ id: 500, title: { rendered: 'Hello' } });
    const created = (body: string, headers: Record<string, string>) =>
      wp().post('/wp-json/wp/v2/posts').query(POST_WRITE_QUERY).reply(201, body, headers);

    it.each([
      ['application/json (output buffered)', { 'Content-Type': 'application/json; charset=UTF-8' }],
      ['text/html (headers already sent)', { 'Content-Type': 'text/html; charset=UTF-8' }],
    ])('Create Post succeeds with the post (%s): no second write by Autoreplay', async (_name, headers) => {
      const scope = created(NOTICE + JSON.stringify(post), headers);
      const out = (await appTester(createPost, bundle({ title: 'Hello' }))) as Record<string, unknown>;
      expect(scope.isDone()).toBe(true);
      expect(out).toMatchObject({ id: 500, post_id: 500, title: 'Hello', status: 'draft' });
    });

    it('a plain-text notice and a stray echo before the JSON are skipped too', async () => {
      created(
        `\nDeprecated: Creation of dynamic property X::$y in /x.php on line 3\nhello [debug]\n${JSON.stringify(post)}`,
        {
          'Content-Type': 'application/json',
        },
      );
      await expect(appTester(createPost, bundle({ title: 'Hello' }))).resolves.toMatchObject({ id: 500 });
    });

    it('an answer cut off (after a notice or not) is no answer: the post is looked up and found, never written twice', async () => {
      for (const body of [JSON.stringify(post).slice(0, 200), NOTICE + JSON.stringify(post).slice(0, 200)]) {
        const write = created(body, { 'Content-Type': 'application/json' });
        const now = new Date().toISOString().slice(0, 19);
        const lookup = wp()
          .get('/wp-json/wp/v2/posts')
          .query(true)
          .reply(
            200,
            [{ id: 500, title: { raw: 'Hello', rendered: 'Hello' }, slug: '', author: 2, modified_gmt: now }],
            {
              Date: new Date().toUTCString(),
            },
          );
        const read = wp().get('/wp-json/wp/v2/posts/500').query(POST_WRITE_QUERY).reply(200, post);
        const out = (await appTester(createPost, bundle({ title: 'Hello' }))) as { id: number; warnings: string[] };
        expect(out.id).toBe(500);
        expect(out.warnings[0]).toMatch(
          /^WordPress's answer was lost \(WordPress's answer \(HTTP 201\) arrived cut off or garbled\), so Zapier looked on the site: the post "Hello" is there \(ID 500\)/,
        );
        expect(write.isDone() && lookup.isDone() && read.isDone()).toBe(true);
      }
    });

    it('a read with a notice before its JSON still fails (nothing was written; trying again is safe)', async () => {
      wp()
        .get('/wp-json/wp/v2/posts')
        .reply(200, NOTICE + JSON.stringify([post]), { 'Content-Type': 'application/json' });
      expect(userMessage(await caught(() => appTester(get('wp/v2/posts'), bundle())))).toMatch(
        /not valid JSON.*Try again/,
      );
    });

    it('never takes an inner object of a cut-off answer for the whole', () => {
      const inner = '{"id":500,"title":{"rendered":"<p>x</p>"},"meta":{"a":1}';
      expect(jsonAfterNotice(inner)).toBeUndefined();
      expect(jsonAfterNotice(`  ${inner}`)).toBeUndefined();
      // Cut off right after `{}` inside the rendered content: that `{}` is no answer.
      expect(jsonAfterNotice(`${NOTICE}{"id":500,"content":{"rendered":"<p>{}`)).toBeUndefined();
      expect(jsonAfterNotice('<!DOCTYPE html><html><style>body{margin:0}</style>[maintenance]</html>')).toBeUndefined();
      expect(jsonAfterNotice(`${NOTICE}"just a string"`)).toBeUndefined();
      expect(jsonAfterNotice(`${NOTICE}[{"id":1}]`)).toEqual([{ id: 1 }]);
    });
  });

  it('explains a connection reset', async () => {
    wp().get('/wp-json/wp/v2/posts').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    expect(userMessage(await caught(() => appTester(get('wp/v2/posts'), bundle())))).toMatch(/cut off/);
  });

  it('is wired into the app definition', () => {
    expect(app.beforeRequest).toHaveLength(1);
    expect(app.afterResponse).toHaveLength(1);
    expect(app.authentication?.type).toBe('session');
  });
});
