// The middlewares every request passes through: the Bearer token (only to the site), a stale token
// renewed, throttling, and answers that are not WordPress's translated into messages.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import app from '../../index';
import { callWordPress } from '../../src/request';
import { TOKEN, appTester, bundle, caught, expectCleanMessage, userMessage, wp } from './helpers';

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
