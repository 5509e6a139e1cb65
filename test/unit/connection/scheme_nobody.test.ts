// Answers that came back as nobody under Useful Team's plugin or an Application Password, and a
// site whose cache strips WordPress's logged-in headers although the connection is logged in.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { testConnection } from '../../../src/connection/authentication';
import { callWordPress } from '../../../src/connection/request';
import {
  appTester,
  authData,
  bundle,
  caught,
  expectCleanMessage,
  failsWith,
  issuedToken,
  LOGGED_IN_HEADERS as loggedIn,
  wpAsNobody as wp,
} from '../helpers';
import { usefulToken, envelope, usefulRefusal, listPosts } from './scheme_sites';

describe("answers as nobody under Useful Team's plugin", () => {
  const usefulAuth = (token: string, receivedSecondsAgo: number) =>
    authData({
      token,
      auth_scheme: 'jwt_useful',
      token_issued_at: String(Math.floor(Date.now() / 1000) - receivedSecondsAgo),
    });

  it('a poll with an older token answered as nobody: renewed, never returned', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [{ id: 1 }]);
    const err = await caught(() => appTester(listPosts, bundle({}, {}, usefulAuth(usefulToken(300), 300))));
    expect(err.name).toBe('RefreshAuthError');
    expectCleanMessage(err.message);
  });

  /** The poll answered as nobody, and `/users/me` saying nobody is logged in: certain, so asked why. */
  const nobody = () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [{ id: 1 }]);
    wp()
      .get('/wp-json/wp/v2/users/me')
      .query({ _fields: 'id', _envelope: 1 })
      .reply(200, envelope(401, { code: 'rest_not_logged_in', message: 'You are not currently logged in.' }));
  };
  const validate = () => wp().post('/wp-json/jwt-auth/v1/token/validate').query({ _envelope: 1 });

  it('a brand-new token answered as nobody, its header missing at validate: the Authorization header does not reach WordPress', async () => {
    nobody();
    validate().reply(200, usefulRefusal(401, 'jwt_auth_no_auth_header', 'Authorization header not found.'));
    const { message } = await failsWith(() => appTester(listPosts, bundle({}, {}, usefulAuth(usefulToken(5), 5))));
    expect(message).toMatch(/removing the Authorization header/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([
    ['the site re-keyed', 'jwt_auth_invalid_token', 'Signature verification failed'],
    ["the user's password changed", 'jwt_auth_obsolete_token', 'Token is obsolete'],
  ])(
    'a brand-new token answered as nobody because %s: renewed silently, not blamed on the header',
    async (_name, code, said) => {
      nobody();
      validate().reply(200, usefulRefusal(401, code, said));
      const err = await caught(() => appTester(listPosts, bundle({}, {}, usefulAuth(usefulToken(5), 5))));
      expect(err.name).toBe('RefreshAuthError');
      expect(err.message).not.toMatch(/Authorization header|htaccess/);
      expect(nock.pendingMocks()).toEqual([]);
    },
  );

  it('a brand-new token whose user was deleted: says the user is gone', async () => {
    nobody();
    validate().reply(200, usefulRefusal(401, 'jwt_auth_user_not_found', "User doesn't exist"));
    const { message } = await failsWith(() => appTester(listPosts, bundle({}, {}, usefulAuth(usefulToken(5), 5))));
    expect(message).toMatch(/no longer has the WordPress user "edith"/);
    expect(message).not.toMatch(/Authorization header/);
  });

  it('a brand-new token, the plugin deactivated: names the plugin', async () => {
    nobody();
    validate().reply(
      200,
      envelope(404, { code: 'rest_no_route', message: 'No route was found.', data: { status: 404 } }),
    );
    const { message } = await failsWith(() => appTester(listPosts, bundle({}, {}, usefulAuth(usefulToken(5), 5))));
    expect(message).toMatch(/JWT Auth plugin \(Useful Team\).*no longer active.*Activate the plugin again/s);
    expect(message).not.toMatch(/Authorization header/);
  });

  it('an answer with the logged-in headers passes', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [{ id: 1 }], loggedIn);
    await expect(appTester(listPosts, bundle({}, {}, usefulAuth(usefulToken(300), 300)))).resolves.toEqual([{ id: 1 }]);
  });

  it('the seed plugin: an answer with the logged-in headers passes, in one request', async () => {
    const poll = wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [{ id: 1 }], loggedIn);
    await expect(appTester(listPosts, bundle())).resolves.toEqual([{ id: 1 }]);
    expect(poll.isDone()).toBe(true);
  });

  it('the seed plugin: a web page in WordPress’s place is said to be one, not taken for an answer to nobody', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, '<!DOCTYPE html><html><body>Cached page</body></html>', { 'Content-Type': 'text/html' });
    const { message } = await failsWith(() => appTester(listPosts, bundle()));
    expect(message).toMatch(/web page instead of REST API data/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('the seed plugin, the user deleted: a poll answered as nobody says so, once /users/me confirms it', async () => {
    nobody();
    wp()
      .post('/wp-json/jwt-auth/v1/token/validate')
      .reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
    wp()
      .post('/wp-json/jwt-auth/v1/token')
      .reply(403, { code: '[jwt_auth] invalid_username', message: 'Unknown username.', data: { status: 403 } });
    const { message } = await failsWith(() =>
      appTester(listPosts, bundle({}, {}, authData({ token: issuedToken(86_400) }))),
    );
    expect(message).toMatch(/no longer has the WordPress user "edith"/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('the seed plugin deactivated: a poll answered as nobody names the plugin, whatever the age of the token', async () => {
    nobody();
    wp()
      .post('/wp-json/jwt-auth/v1/token/validate')
      .reply(404, { code: 'rest_no_route', message: 'No route.', data: { status: 404 } });
    const { message, err } = await failsWith(() =>
      appTester(listPosts, bundle({}, {}, authData({ token: issuedToken(86_400) }))),
    );
    expect(err.name).not.toBe('RefreshAuthError');
    expect(message).toMatch(/"JWT Authentication for WP REST API" plugin.*no longer active on example\.com/s);
  });

  it('the seed plugin, where the diagnosis cannot tell: says the answer came as nobody and what to run', async () => {
    nobody();
    wp().post('/wp-json/jwt-auth/v1/token/validate').reply(502, 'Bad Gateway');
    const { message } = await failsWith(() => appTester(listPosts, bundle()));
    expect(message).toMatch(/as if nobody were logged in.*Run the connection test/s);
  });

  it('the seed plugin never sees its write second-guessed: a 201 without the headers is the write WordPress stored', async () => {
    const write = wp().post('/wp-json/wp/v2/posts').reply(201, { id: 9 });
    const created = await appTester(
      (z: ZObject, b: Bundle) =>
        callWordPress(z, b, { method: 'POST', route: 'wp/v2/posts', json: { title: 'x' } }).then((r) => r.data),
      bundle(),
    );
    expect(created).toEqual({ id: 9 });
    expect(write.isDone()).toBe(true);
  });

  it('the connection test answered as nobody: Useful Team’s validate route, read in its envelope, names the stripped header', async () => {
    wp().get('/wp-json/wp/v2/users/me').query(true).reply(401, { code: 'rest_not_logged_in' });
    wp()
      .post('/wp-json/jwt-auth/v1/token/validate')
      .query({ _envelope: 1 })
      .reply(200, usefulRefusal(401, 'jwt_auth_no_auth_header', 'Authorization header not found.'));
    const { message } = await failsWith(() => appTester(testConnection, bundle({}, {}, usefulAuth(usefulToken(5), 5))));
    expect(message).toMatch(/removing the Authorization header/);
  });
});

describe('a site whose answers lack the logged-in headers although the connection is logged in', () => {
  const usefulAuth = (secondsAgo: number) =>
    authData({
      token: usefulToken(secondsAgo),
      auth_scheme: 'jwt_useful',
      token_issued_at: String(Math.floor(Date.now() / 1000) - secondsAgo),
    });
  const appAuth = () => authData({ token: '', auth_scheme: 'app_password', token_issued_at: '' });
  const posts = () => wp().get('/wp-json/wp/v2/posts').query({ per_page: 1 });
  const me = (status: number, body: object) =>
    wp().get('/wp-json/wp/v2/users/me').query({ _fields: 'id', _envelope: 1 }).reply(200, envelope(status, body));

  it.each([
    ["Useful Team's plugin, a new token", () => usefulAuth(5)],
    ['Application Passwords', appAuth],
  ])(
    '%s: /users/me says who is logged in, the call is made again and its answer taken; remembered',
    async (_n, auth) => {
      posts().reply(200, [{ id: 1 }]);
      me(200, { id: 2 });
      posts().reply(200, [{ id: 1 }]);
      await expect(appTester(listPosts, bundle({}, {}, auth()))).resolves.toEqual([{ id: 1 }]);
      // Known now: the next call is made again at once, without asking /users/me.
      posts().reply(200, [{ id: 3 }]);
      posts().reply(200, [{ id: 3 }]);
      await expect(appTester(listPosts, bundle({}, {}, auth()))).resolves.toEqual([{ id: 3 }]);
      expect(nock.pendingMocks()).toEqual([]);
    },
  );

  it('an older token on such a site: taken as it comes once the site is known, not renewed every time', async () => {
    posts().reply(200, [{ id: 1 }]);
    me(200, { id: 2 });
    posts().reply(200, [{ id: 1 }]);
    await appTester(listPosts, bundle({}, {}, usefulAuth(5)));
    posts().reply(200, [{ id: 4 }]);
    posts().reply(200, [{ id: 4 }]);
    await expect(appTester(listPosts, bundle({}, {}, usefulAuth(300)))).resolves.toEqual([{ id: 4 }]);
  });

  it.each([
    ["Useful Team's plugin, an older token", () => usefulAuth(300)],
    ["Useful Team's plugin, a new token", () => usefulAuth(5)],
    ['Application Passwords', appAuth],
  ])('%s: a write WordPress accepted without those headers succeeds, sent once, nothing asked', async (_n, auth) => {
    const write = wp().post('/wp-json/wp/v2/posts').once().reply(201, { id: 9 });
    const create = (z: ZObject, b: Bundle) =>
      callWordPress(z, b, { method: 'POST', route: 'wp/v2/posts', json: { title: 'x' } }).then((r) => r.data);
    await expect(appTester(create, bundle({}, {}, auth()))).resolves.toEqual({ id: 9 });
    expect(write.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('where /users/me says nobody is logged in, the diagnosis follows', async () => {
    posts().reply(200, [{ id: 1 }]);
    me(401, { code: 'rest_not_logged_in', message: 'You are not currently logged in.' });
    wp()
      .post('/wp-json/jwt-auth/v1/token/validate')
      .query({ _envelope: 1 })
      .reply(200, usefulRefusal(401, 'jwt_auth_no_auth_header', 'Authorization header not found.'));
    const { message } = await failsWith(() => appTester(listPosts, bundle({}, {}, usefulAuth(5))));
    expect(message).toMatch(/removing the Authorization header/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
