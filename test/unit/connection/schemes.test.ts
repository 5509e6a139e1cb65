// The three ways into a site: which one the REST index offers, logging in with each (and every way
// that fails), the credentials on each request, renewal from the token's `exp`, and answers that
// came back as nobody.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { getToken, testConnection } from '../../../src/connection/authentication';
import { callWordPress } from '../../../src/connection/request';
import { INDEX_FIELDS, offerFromIndex, renewalDue } from '../../../src/connection/schemes';
import {
  PASSWORD,
  REST_ROOT,
  SITE,
  appTester,
  authData,
  bundle,
  caught,
  expectCleanMessage,
  failsWith,
  issuedToken,
  userMessage,
  LOGGED_IN_HEADERS as loggedIn,
  // This file says itself which answers carry WordPress's logged-in headers.
  wpAsNobody as wp,
} from '../helpers';

const form = { site_url: SITE, username: 'edith', password: PASSWORD };
const basic = `Basic ${Buffer.from(`edith:${PASSWORD}`).toString('base64')}`;
const authorizeUrl = `${SITE}/wp-admin/authorize-application.php`;
const appPasswords = { 'application-passwords': { endpoints: { authorization: authorizeUrl } } };
const seedRoute = { '/jwt-auth/v1/token': { namespace: 'jwt-auth/v1' } };
const usefulRoutes = { ...seedRoute, '/jwt-auth/v1/token/refresh': { namespace: 'jwt-auth/v1' } };
const namespaces = ['oembed/1.0', 'jwt-auth/v1', 'wp/v2'];

/** A JWT as Useful Team's plugin issues it: `exp` 10 minutes after `iat` by default, the user ID an integer. */
function usefulToken(secondsAgo: number, lifetime = 600): string {
  const iat = Math.floor(Date.now() / 1000) - secondsAgo;
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'HS256' })}.${part({ iss: SITE, iat, nbf: iat, exp: iat + lifetime, data: { user: { id: 2 } } })}.c2ln`;
}
const USEFUL_TOKEN = usefulToken(0);

function usefulAnswer(token = USEFUL_TOKEN) {
  return {
    success: true,
    statusCode: 200,
    code: 'jwt_auth_valid_credential',
    message: 'Credential is valid',
    data: {
      token,
      id: 2,
      email: 'edith@example.com',
      nicename: 'edith',
      firstName: 'Edith',
      lastName: 'Editor',
      displayName: 'Edith Editor',
    },
  };
}

/** WordPress's `?_envelope` form of an answer: always HTTP 200. */
function envelope(status: number, body: object) {
  return { body, status, headers: { Allow: 'POST' } };
}

function usefulRefusal(status: number, code: string, message: string) {
  return envelope(status, { success: false, statusCode: status, code, message, data: [] });
}

/** A first connection: the home page names the root, the index says what the site offers. */
function siteOffering(index: object) {
  wp()
    .get('/')
    .reply(200, '', { Link: `<${REST_ROOT}>; rel="https://api.w.org/"` });
  return wp()
    .get('/wp-json/')
    .query({ _fields: INDEX_FIELDS })
    .reply(200, { namespaces, authentication: [], ...index });
}

const usefulLogin = () =>
  wp().post('/wp-json/jwt-auth/v1/token', { username: 'edith', password: PASSWORD }).query({ _envelope: 1 });
const appPasswordCheck = () =>
  wp().get('/wp-json/wp/v2/users/me').query({ _fields: 'id', _envelope: 1 }).matchHeader('authorization', basic);

const listPosts = (z: ZObject, b: Bundle) =>
  callWordPress<unknown[]>(z, b, { route: 'wp/v2/posts', query: { per_page: 1 } }).then((r) => r.data);

describe('what the REST index offers', () => {
  it.each([
    ['the seed plugin', { routes: seedRoute, authentication: [] }, { scheme: 'jwt' }],
    [
      "Useful Team's plugin (it alone has /token/refresh)",
      { routes: usefulRoutes, authentication: [] },
      { scheme: 'jwt_useful' },
    ],
    [
      'Application Passwords only',
      { routes: {}, authentication: appPasswords },
      { scheme: 'app_password', appPasswordsUrl: authorizeUrl },
    ],
    [
      'the seed plugin first, beside Application Passwords',
      { routes: seedRoute, authentication: appPasswords },
      { scheme: 'jwt', appPasswordsUrl: authorizeUrl },
    ],
    ['nothing (plain http, no plugin)', { routes: {}, authentication: [] }, {}],
    ["discovery's probe, without routes: the namespace", { authentication: [] }, { scheme: 'jwt' }],
  ])('%s', (_name, index, offer) => {
    expect(offerFromIndex({ namespaces, ...index })).toEqual(expect.objectContaining(offer));
    expect(offerFromIndex({ namespaces, ...index })?.scheme).toBe((offer as { scheme?: string }).scheme);
  });

  it('is no offer when the answer is not an index', () => {
    expect(offerFromIndex({ code: 'rest_cannot_access' })).toBeUndefined();
    expect(offerFromIndex('<html>')).toBeUndefined();
  });
});

describe("connecting with Useful Team's JWT Auth", () => {
  it('reads its envelope and keeps the scheme; a renewal is one login request', async () => {
    const index = siteOffering({ routes: usefulRoutes });
    usefulLogin()
      .matchHeader('authorization', (v) => v === undefined)
      .reply(200, envelope(200, usefulAnswer()));
    const session = (await appTester(getToken, { authData: form })) as Record<string, string>;
    expect(session).toMatchObject({ token: USEFUL_TOKEN, rest_root: REST_ROOT, auth_scheme: 'jwt_useful' });
    expect(index.isDone()).toBe(true);
    // Renewal: only the login is mocked, so any other request would fail the test.
    const renewed = usefulToken(0, 601);
    usefulLogin().reply(200, envelope(200, usefulAnswer(renewed)));
    await expect(appTester(getToken, { authData: { ...form, ...session } })).resolves.toMatchObject({
      token: renewed,
      auth_scheme: 'jwt_useful',
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('knows it from the login answer when the index cannot be read', async () => {
    wp()
      .get('/')
      .reply(200, '', { Link: `<${REST_ROOT}>; rel="https://api.w.org/"` });
    wp().get('/wp-json/').query(true).reply(401, { code: 'rest_cannot_access', message: 'Logged-in users only.' });
    wp().post('/wp-json/jwt-auth/v1/token').reply(200, usefulAnswer());
    await expect(appTester(getToken, { authData: form })).resolves.toMatchObject({ auth_scheme: 'jwt_useful' });
  });

  // Its refusals (HTTP 401, 500), read through WordPress's envelope: [code, status, its message, ours].
  const refusals: Array<[string, number, string, RegExp]> = [
    [
      'incorrect_password',
      401,
      'Error: The password you entered for the username edith is incorrect. Lost your password?',
      /password is not correct.*Application Password/,
    ],
    [
      'invalid_username',
      401,
      'Error: The username edith is not registered on this site.',
      /does not know that username/,
    ],
    [
      'invalid_email',
      401,
      'Unknown email address. Check again or try your username.',
      /does not know that username or email/,
    ],
    ['empty_username', 401, 'Error: The username field is empty.', /Username field is empty/],
    ['empty_password', 401, 'Error: The password field is empty.', /Password field is empty/],
    ['jwt_auth_bad_config', 500, 'JWT is not configured properly.', /JWT_AUTH_SECRET_KEY is missing/],
  ];
  it.each(refusals)('%s gets its own message', async (code, status, said, expected) => {
    siteOffering({ routes: usefulRoutes });
    usefulLogin().reply(200, usefulRefusal(status, code, said));
    const { message } = await failsWith(() => appTester(getToken, { authData: form }));
    expect(message).toMatch(expected);
    expect(message).not.toMatch(/security plugin/);
  });

  it('a 401 that is not in the envelope came from in front of WordPress', async () => {
    siteOffering({ routes: usefulRoutes });
    usefulLogin().reply(401, 'Unauthorized');
    const { message } = await failsWith(() => appTester(getToken, { authData: form }));
    expect(message).toMatch(/refused the login request with HTTP 401 before the JWT plugin could answer/);
  });

  it('renewing after the user was deleted says so', async () => {
    usefulLogin().reply(
      200,
      usefulRefusal(401, 'invalid_username', 'Error: The username edith is not registered on this site.'),
    );
    const auth = authData({ token: USEFUL_TOKEN, auth_scheme: 'jwt_useful', rest_root_for: `${SITE}/` });
    const { message } = await failsWith(() => appTester(getToken, { authData: auth }));
    expect(message).toMatch(/no longer has the WordPress user "edith"/);
  });
});

describe('two-factor and security plugins at the token route', () => {
  it.each([
    [
      'the seed plugin',
      seedRoute,
      () => wp().post('/wp-json/jwt-auth/v1/token'),
      (code: string, message: string): [number, object] => [
        403,
        { code: `[jwt_auth] ${code}`, message, data: { status: 403 } },
      ],
    ],
    [
      "Useful Team's",
      usefulRoutes,
      usefulLogin,
      (code: string, message: string): [number, object] => [200, usefulRefusal(401, code, message)],
    ],
  ] as const)('under %s: recommends an Application Password, with the link', async (_name, routes, login, answer) => {
    siteOffering({ routes, authentication: appPasswords });
    const [status, body] = answer(
      'invalid_application_credentials',
      '<strong>Error:</strong> API login for user disabled.',
    );
    login().reply(status, body);
    const { message } = await failsWith(() => appTester(getToken, { authData: form }));
    expect(message).toMatch(/two-factor or security plugin.*Application Password/);
    expect(message).toContain(authorizeUrl);
    expect(message).toContain('API login for user disabled');
    expect(message).not.toMatch(/<strong>/);
  });

  it('knows one by its words, and links to the profile where the index names no authorisation URL', async () => {
    siteOffering({ routes: seedRoute });
    wp()
      .post('/wp-json/jwt-auth/v1/token')
      .reply(403, {
        code: '[jwt_auth] wfls_twofactor_required',
        message: 'Please provide an authentication code.',
        data: { status: 403 },
      });
    const { message } = await failsWith(() => appTester(getToken, { authData: form }));
    expect(message).toContain(`${SITE}/wp-admin/profile.php#application-passwords-section`);
  });
});

describe('connecting with an Application Password', () => {
  it('checks it with Basic auth in one request and keeps no token', async () => {
    siteOffering({ routes: {}, authentication: appPasswords });
    appPasswordCheck().reply(200, envelope(200, { id: 2 }));
    const session = await appTester(getToken, { authData: form });
    expect(session).toEqual({
      token: '',
      token_issued_at: '',
      auth_scheme: 'app_password',
      rest_root: REST_ROOT,
      rest_root_for: `${SITE}/`,
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a regular password: explains Application Passwords and links to where one is created', async () => {
    siteOffering({ routes: {}, authentication: appPasswords });
    appPasswordCheck().reply(
      200,
      envelope(401, { code: 'rest_not_logged_in', message: 'You are not currently logged in.', data: { status: 401 } }),
    );
    const { message } = await failsWith(() => appTester(getToken, { authData: form }));
    expect(message).toMatch(
      /did not accept "edith" with that password.*Application Password.*not the one you log in to wp-admin with/,
    );
    expect(message).toContain(`${SITE}/wp-admin/profile.php#application-passwords-section`);
  });

  it('neither a JWT plugin nor Application Passwords: says how to get either, without a login request', async () => {
    siteOffering({ routes: {}, authentication: [] });
    const { message } = await failsWith(() => appTester(getToken, { authData: form }));
    expect(message).toMatch(/plugin is not installed or not active.*does not offer Application Passwords.*https:\/\//s);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('the credentials on every request', () => {
  const appAuth = () => authData({ token: '', auth_scheme: 'app_password' });

  it('Application Passwords: Basic with the username and password, to the site only, and no token', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .matchHeader('authorization', basic)
      .reply(200, [{ id: 1 }], loggedIn);
    nock('https://images.example.net')
      .get('/a.png')
      .matchHeader('authorization', (v) => v === undefined)
      .reply(200, {});
    await expect(appTester(listPosts, bundle({}, {}, appAuth()))).resolves.toEqual([{ id: 1 }]);
    const image = (z: ZObject, b: Bundle) => callWordPress(z, b, { route: 'https://images.example.net/a.png' });
    await appTester(image, bundle({}, {}, appAuth()));
  });

  it('the connection test is the same request under every scheme', async () => {
    wp()
      .get('/wp-json/wp/v2/users/me')
      .query(true)
      .matchHeader('authorization', basic)
      .reply(
        200,
        { id: 2, name: 'Edith Editor', username: 'edith', email: 'e@example.com', roles: ['editor'] },
        loggedIn,
      );
    await expect(appTester(testConnection, bundle({}, {}, appAuth()))).resolves.toMatchObject({
      name: 'Edith Editor',
      site: 'example.com',
    });
  });

  it('Application Passwords: a 401 later (revoked) is explained at once, never left to a renewal', async () => {
    wp().get('/wp-json/wp/v2/posts').query(true).reply(401, { code: 'rest_not_logged_in' });
    appPasswordCheck().reply(200, envelope(401, { code: 'rest_not_logged_in', message: 'x', data: { status: 401 } }));
    const { message, err } = await failsWith(() => appTester(listPosts, bundle({}, {}, appAuth())));
    expect(err.name).not.toBe('RefreshAuthError');
    expect(message).toMatch(/no longer accepts this connection’s Application Password for "edith"/);
  });

  it('Application Passwords: a poll answered as nobody (public posts only) fails instead of passing', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [{ id: 1 }]);
    const { message } = await failsWith(() => appTester(listPosts, bundle({}, {}, appAuth())));
    expect(message).toMatch(/no longer accepts this connection’s Application Password/);
  });
});

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

describe('renewal from the token’s exp', () => {
  const now = Date.now();
  const received = (secondsAgo: number) => String(Math.floor(now / 1000) - secondsAgo);

  it('renews within a minute of exp, by Zapier’s clock', () => {
    expect(renewalDue({ token_issued_at: received(541) }, { iat: 0, exp: 600 }, now)).toBe(true);
    expect(renewalDue({ token_issued_at: received(530) }, { iat: 0, exp: 600 }, now)).toBe(false);
    // A site clock an hour slow: its iat and exp are old, Zapier received the token a second ago.
    const iat = Math.floor(now / 1000) - 3_600;
    expect(renewalDue({ token_issued_at: received(1) }, { iat, exp: iat + 600 }, now)).toBe(false);
  });

  it('a short-lived token: a quarter of its lifetime, so a new one is never renewed at once', () => {
    expect(renewalDue({ token_issued_at: received(0) }, { iat: 0, exp: 3 }, now)).toBe(false);
    expect(renewalDue({ token_issued_at: received(3) }, { iat: 0, exp: 3 }, now)).toBe(true);
  });

  it('without exp, or from before token_issued_at: by the claims alone', () => {
    expect(renewalDue({}, { iat: 0 }, now)).toBe(false);
    const iat = Math.floor(now / 1000) - 590;
    expect(renewalDue({}, { iat, exp: iat + 600 }, now)).toBe(true);
  });

  it.each([
    ['the seed plugin', 'jwt', issuedToken(7 * 86_400 - 30)],
    ["Useful Team's", 'jwt_useful', usefulToken(570)],
  ])('under %s: a token about to expire is renewed before the request is sent', async (_name, scheme, token) => {
    const auth = authData({ token, auth_scheme: scheme, token_issued_at: '' });
    const err = await caught(() => appTester(listPosts, bundle({}, {}, auth)));
    expect(err.name).toBe('RefreshAuthError');
    expect(userMessage(err)).toMatch(/about to expire/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
