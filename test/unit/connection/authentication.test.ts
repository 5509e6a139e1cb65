// The connection: finding the REST root, logging in for a token (and every way that fails), and
// the connection test.
import authentication, { connectionLabel, getToken, testConnection } from '../../../src/connection/authentication';
import {
  LOGGED_IN_HEADERS,
  PASSWORD,
  REST_ROOT,
  SITE,
  TOKEN,
  appTester,
  authData,
  bundle,
  caught,
  expectCleanMessage,
  failsWith,
  issuedToken,
  userMessage,
  wp,
} from '../helpers';
import { restError } from '../fixtures';
import nock from 'nock';
import { INDEX_FIELDS } from '../../../src/connection/schemes';

const form = { site_url: 'example.com/wp-admin/', username: 'edith', password: PASSWORD };
const tokenBody = {
  token: TOKEN,
  user_email: 'edith@example.com',
  user_nicename: 'edith',
  user_display_name: 'Edith Editor',
};
/** The REST index as INDEX_FIELDS cuts it, on a site with the seed's plugin. */
const seedIndex = {
  namespaces: ['oembed/1.0', 'jwt-auth/v1', 'wp/v2'],
  authentication: [],
  routes: { '/jwt-auth/v1/token': { namespace: 'jwt-auth/v1', methods: ['POST'] } },
};
const apiLink = { Link: `<${REST_ROOT}>; rel="https://api.w.org/"` };
/** When Zapier received the token: epoch seconds, as the string every computed field is. */
const receivedNow = expect.stringMatching(/^\d{10}$/) as unknown;

/** A page of a site (its home by default) that advertises `root` in its Link header. */
function advertises(origin: string, root: string, path = '/') {
  return nock(origin)
    .get(path)
    .reply(200, '', { Link: `<${root}>; rel="https://api.w.org/"` });
}

function loginError(code: string, message: string) {
  return { code, message, data: { status: 403 } };
}

/**
 * A home page (HTML) that names no REST root and a `/wp-json/` that is an HTML 404: discovery then
 * asks `?rest_route=/`, whose answer the caller gives.
 */
function probesPastHomeAndWpJson(home: string) {
  wp().get('/').reply(200, home, { 'Content-Type': 'text/html' });
  wp().get('/wp-json/').reply(404, '<html>Not found</html>', { 'Content-Type': 'text/html' });
  return wp().get('/index.php').query({ rest_route: '/' });
}

describe('getToken (session perform)', () => {
  it('discovers the REST root from the Link header and exchanges the login for a token, without any Bearer', async () => {
    const home = wp()
      .get('/')
      .reply(200, '<html></html>', { ...apiLink, 'Content-Type': 'text/html' });
    const index = wp().get('/wp-json/').query({ _fields: INDEX_FIELDS }).reply(200, seedIndex);
    const token = wp()
      .post('/wp-json/jwt-auth/v1/token', { username: 'edith', password: PASSWORD })
      .matchHeader('authorization', (v) => v === undefined)
      .reply(200, tokenBody);
    const result = await appTester(getToken, { authData: { ...form, token: 'stale-token', rest_root: '' } });
    expect(result).toEqual({
      auth_scheme: 'jwt',
      token: TOKEN,
      rest_root: REST_ROOT,
      rest_root_for: `${SITE}/`,
      token_issued_at: receivedNow,
    });
    expect(home.isDone() && index.isDone() && token.isDone()).toBe(true);
  });

  it('uses ?rest_route= and & for a sub-folder site with plain permalinks', async () => {
    const root = `${SITE}/blog/index.php?rest_route=/`;
    wp()
      .get('/blog/')
      .reply(200, '', { Link: `<${root}>; rel="https://api.w.org/"` });
    wp().post('/blog/index.php').query({ rest_route: '/jwt-auth/v1/token' }).reply(200, tokenBody);
    const result = await appTester(getToken, { authData: { ...form, site_url: 'https://example.com/blog/' } });
    expect(result).toEqual({
      auth_scheme: 'jwt',
      token: TOKEN,
      rest_root: root,
      rest_root_for: `${SITE}/blog`,
      token_issued_at: receivedNow,
    });
  });

  it('finds the root in the HTML link tag when a cache drops the header', async () => {
    wp().get('/').reply(200, `<html><head><link rel="https://api.w.org/" href="${REST_ROOT}" /></head></html>`, {
      'Content-Type': 'text/html',
    });
    wp().post('/wp-json/jwt-auth/v1/token').reply(200, tokenBody);
    await expect(appTester(getToken, { authData: form })).resolves.toMatchObject({
      token: TOKEN,
      rest_root: REST_ROOT,
    });
  });

  it('falls back to probing /wp-json/ then ?rest_route=/', async () => {
    probesPastHomeAndWpJson('<html>no hints</html>').reply(200, { namespaces: ['wp/v2', 'jwt-auth/v1'] });
    wp().post('/index.php').query({ rest_route: '/jwt-auth/v1/token' }).reply(200, tokenBody);
    await expect(appTester(getToken, { authData: form })).resolves.toMatchObject({
      token: TOKEN,
      rest_root: `${SITE}/index.php?rest_route=/`,
    });
  });

  it('reuses the stored REST root on renewal (one request) and never sends the old token', async () => {
    const token = wp()
      .post('/wp-json/jwt-auth/v1/token')
      .matchHeader('authorization', (v) => v === undefined)
      .reply(200, { ...tokenBody, token: 'new.token.value' });
    const result = await appTester(getToken, { authData: authData() });
    expect(result).toEqual({
      auth_scheme: 'jwt',
      token: 'new.token.value',
      rest_root: REST_ROOT,
      rest_root_for: `${SITE}/`,
      token_issued_at: receivedNow,
    });
    expect(token.isDone()).toBe(true);
  });

  it('records when Zapier received the token by its own clock, not the site’s iat (a slow site clock)', async () => {
    // The site's clock 10 minutes slow: its iat says the new token is 10 minutes old.
    const skewed = issuedToken(600);
    wp()
      .post('/wp-json/jwt-auth/v1/token')
      .reply(200, { ...tokenBody, token: skewed });
    const before = Math.floor(Date.now() / 1000);
    const result = (await appTester(getToken, { authData: authData() })) as Record<string, string>;
    const after = Math.floor(Date.now() / 1000);
    expect(result.token).toBe(skewed);
    expect(Number(result.token_issued_at)).toBeGreaterThanOrEqual(before);
    expect(Number(result.token_issued_at)).toBeLessThanOrEqual(after);
  });

  it('declares token_issued_at a computed field, so Zapier keeps it with the token', () => {
    expect(authentication.fields).toContainEqual(
      expect.objectContaining({ key: 'token_issued_at', type: 'string', computed: true }),
    );
  });

  // Site URLs that are not the home page; WordPress names the same root for each: [Site URL, REST root].
  const notTheHome: Array<[string, string]> = [
    ['https://example.com/hello-world/', REST_ROOT],
    ['https://example.com/feed/', REST_ROOT],
    ['https://example.com/wp-content/uploads/2024/05/', REST_ROOT],
    ['example.com', 'https://www.example.com/wp-json/'],
  ];
  it.each(notTheHome)('renews %s in one request, reusing the root found for it', async (siteUrl, root) => {
    const discovered = new URL(siteUrl.includes('//') ? siteUrl : `https://${siteUrl}`);
    advertises(discovered.origin, root, discovered.pathname);
    nock(new URL(root).origin).post('/wp-json/jwt-auth/v1/token').twice().reply(200, tokenBody);
    const connected = (await appTester(getToken, { authData: { ...form, site_url: siteUrl } })) as Record<
      string,
      string
    >;
    expect(connected).toMatchObject({ rest_root: root });
    // Renewal: only the token route is mocked now, so any rediscovery would fail the test.
    const renewed = await appTester(getToken, { authData: { ...form, site_url: siteUrl, ...connected } });
    expect(renewed).toEqual({ ...connected, token_issued_at: receivedNow });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('looks again when the Site URL was changed to another site', async () => {
    advertises('https://other.example', 'https://other.example/wp-json/');
    nock('https://other.example').post('/wp-json/jwt-auth/v1/token').reply(200, tokenBody);
    const moved = authData({ site_url: 'https://other.example', rest_root_for: `${SITE}/` });
    await expect(appTester(getToken, { authData: moved })).resolves.toEqual({
      auth_scheme: 'jwt',
      token: TOKEN,
      rest_root: 'https://other.example/wp-json/',
      rest_root_for: 'https://other.example/',
      token_issued_at: receivedNow,
    });
  });

  it('a connection from before rest_root_for rediscovers once for a post URL, then remembers it', async () => {
    advertises(SITE, REST_ROOT, '/hello-world/');
    wp().post('/wp-json/jwt-auth/v1/token').reply(200, tokenBody);
    const old = authData({ site_url: `${SITE}/hello-world` });
    await expect(appTester(getToken, { authData: old })).resolves.toEqual({
      auth_scheme: 'jwt',
      token: TOKEN,
      rest_root: REST_ROOT,
      rest_root_for: `${SITE}/hello-world`,
      token_issued_at: receivedNow,
    });
  });

  it.each([
    ['[jwt_auth] invalid_username', 'The username <strong>edith</strong> is not registered on this site.'],
    ['[jwt_auth] invalid_email', 'Unknown email address. Check again or try your username.'],
  ])('renewing after the user was deleted (%s) says the user no longer exists', async (code, said) => {
    wp().post('/wp-json/jwt-auth/v1/token').reply(403, loginError(code, said));
    const message = userMessage(await caught(() => appTester(getToken, { authData: authData() })));
    expect(message).toMatch(/example\.com no longer has the WordPress user "edith".*Reconnect/s);
    expectCleanMessage(message);
  });

  it('names only the host in messages, never the rest of the Site URL (where a password may be pasted)', async () => {
    wp().get('/s3cret-Pass/').reply(200, '', apiLink);
    wp().post('/wp-json/jwt-auth/v1/token').reply(503, 'busy');
    const message = userMessage(
      await caught(() =>
        appTester(getToken, { authData: { ...form, site_url: 'https://example.com/s3cret-Pass?x=hunter2' } }),
      ),
    );
    expect(message).toMatch(/^example\.com could not log in right now/);
    expect(message).not.toMatch(/s3cret|hunter2/);
  });

  it('looks for the REST root again when the stored one no longer answers', async () => {
    wp().post('/wp-json/jwt-auth/v1/token').reply(404, '<html>gone</html>', { 'Content-Type': 'text/html' });
    wp()
      .get('/')
      .reply(200, '', { Link: `<${SITE}/index.php?rest_route=/>; rel="https://api.w.org/"` });
    wp().post('/index.php').query({ rest_route: '/jwt-auth/v1/token' }).reply(200, tokenBody);
    await expect(appTester(getToken, { authData: authData() })).resolves.toEqual({
      auth_scheme: 'jwt',
      token: TOKEN,
      rest_root: `${SITE}/index.php?rest_route=/`,
      rest_root_for: `${SITE}/`,
      token_issued_at: receivedNow,
    });
  });

  // What the token route answers, and what the user must read: [situation, status, body, headers, message].
  const failures: Array<[string, number, string | object, Record<string, string>, RegExp]> = [
    [
      'plugin missing',
      404,
      {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      },
      {},
      /plugin is not installed or not active.*Install and activate it/,
    ],
    [
      'secret missing',
      403,
      loginError('jwt_auth_bad_config', 'JWT is not configured properly, please contact the admin'),
      {},
      /JWT_AUTH_SECRET_KEY is missing/,
    ],
    [
      'unknown user',
      403,
      loginError(
        '[jwt_auth] invalid_username',
        '<strong>Error:</strong> The username <strong>edith</strong> is not registered on this site. If you are unsure of your username, try your email address instead.',
      ),
      {},
      /does not know that username/,
    ],
    [
      'wrong password',
      403,
      loginError(
        '[jwt_auth] incorrect_password',
        '<strong>Error:</strong> The password you entered for the username <strong>edith</strong> is incorrect. <a href="https://example.com/wp-login.php?action=lostpassword">Lost your password?</a>',
      ),
      {},
      /password is not correct/,
    ],
    [
      'unknown email',
      403,
      loginError('[jwt_auth] invalid_email', 'Unknown email address. Check again or try your username.'),
      {},
      /does not know that username or email/,
    ],
    [
      'HTML from a firewall',
      200,
      '<!DOCTYPE html><html><body>Checking your browser…</body></html>',
      { 'Content-Type': 'text/html' },
      /web page instead of REST API data/,
    ],
    [
      'HTTP 401 from a security plugin',
      401,
      {
        code: 'rest_cannot_access',
        message: 'Only authenticated users can access the REST API.',
        data: { status: 401 },
      },
      {},
      /refused the login request with HTTP 401/,
    ],
    ['server error', 502, 'Bad Gateway', {}, /could not log in right now \(HTTP 502\)/],
    ['rate limited', 429, 'slow down', { 'Retry-After': '30' }, /could not log in right now \(HTTP 429\)/],
  ];
  it.each(failures)('%s gets its own message', async (_name, status, body, headers, expected) => {
    wp().post('/wp-json/jwt-auth/v1/token').reply(status, body, headers);
    // A first connection (no token yet), the root already found: renewing would read an unknown user as a deleted one.
    const err = await caught(() => appTester(getToken, { authData: authData({ token: '' }) }));
    const message = userMessage(err);
    expect(message).toMatch(expected);
    expectCleanMessage(message);
    expect(message).not.toMatch(/<strong>|<a /);
  });

  it('refuses to send a password over plain http to a remote host, before any request', async () => {
    const err = await caught(() => appTester(getToken, { authData: { ...form, site_url: 'http://example.com' } }));
    expect(userMessage(err)).toMatch(/unencrypted/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('sends it when the user opted in', async () => {
    advertises('http://example.com', 'http://example.com/wp-json/');
    nock('http://example.com').post('/wp-json/jwt-auth/v1/token').reply(200, tokenBody);
    await expect(
      appTester(getToken, { authData: { ...form, site_url: 'http://example.com', allow_http: 'yes' } }),
    ).resolves.toMatchObject({ token: TOKEN });
  });

  it('refuses an advertised http REST root on an https site (downgrade) unless opted in', async () => {
    wp().get('/').reply(200, '', { Link: '<http://example.com/wp-json/>; rel="https://api.w.org/"' });
    const err = await caught(() => appTester(getToken, { authData: form }));
    expect(userMessage(err)).toMatch(/unencrypted/);
  });

  it('says when the site is not WordPress', async () => {
    const shop = '<html><body>Welcome to my shop</body></html>';
    probesPastHomeAndWpJson(shop).reply(200, shop, { 'Content-Type': 'text/html' });
    const message = userMessage(await caught(() => appTester(getToken, { authData: form })));
    expect(message).toMatch(/does not advertise a WordPress REST API/);
    expectCleanMessage(message);
  });

  it('says when the REST API is switched off', async () => {
    wp().get('/').reply(200, '<html></html>', { 'Content-Type': 'text/html' });
    wp()
      .get('/wp-json/')
      .reply(401, {
        code: 'rest_cannot_access',
        message: 'DRA: Only authenticated users can access the REST API.',
        data: { status: 401 },
      });
    const message = userMessage(await caught(() => appTester(getToken, { authData: form })));
    expect(message).toMatch(/REST API .* is switched off|limited to logged-in users/);
  });

  it('says when the site cannot be reached', async () => {
    wp().get('/').replyWithError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND example.com' });
    const message = userMessage(await caught(() => appTester(getToken, { authData: form })));
    expect(message).toMatch(/Could not find example.com/);
  });

  it('asks for missing fields by name', async () => {
    expect(userMessage(await caught(() => appTester(getToken, { authData: { ...form, username: ' ' } })))).toMatch(
      /Username/,
    );
    expect(userMessage(await caught(() => appTester(getToken, { authData: { ...form, password: '' } })))).toMatch(
      /Password/,
    );
    expect(userMessage(await caught(() => appTester(getToken, { authData: { ...form, site_url: '' } })))).toMatch(
      /Site URL/,
    );
  });
});

describe('testConnection', () => {
  const me = () =>
    wp().get('/wp-json/wp/v2/users/me').query({ context: 'edit', _fields: 'id,name,username,email,roles' });
  const anonymous = { code: 'rest_not_logged_in', message: 'You are not currently logged in.', data: { status: 401 } };
  const validate = () =>
    wp().post('/wp-json/jwt-auth/v1/token/validate').matchHeader('authorization', `Bearer ${TOKEN}`);

  describe('a user with no role on the site (multisite: a member of another site only)', () => {
    const noRole = { id: 7, name: 'Nora', username: 'nora', email: 'nora@example.com', roles: [] };
    const editContext = () => wp().get('/wp-json/wp/v2/posts').query({ context: 'edit', per_page: 1, _fields: 'id' });

    it('is refused at the connection test, naming the sub-site URL and adding the user as fixes', async () => {
      me().reply(200, noRole);
      editContext().reply(
        403,
        restError('rest_forbidden_context', 'Sorry, you are not allowed to edit posts in this post type.', 403),
      );
      const { message } = await failsWith(() => appTester(testConnection, bundle()));
      expect(message).toMatch(/"nora" is not a member of example\.com/);
      expect(message).toMatch(/sub-site.*Site URL/s);
      expect(message).toMatch(/add the user to this site/);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a super admin, who needs no role, connects', async () => {
      me().reply(200, noRole);
      editContext().reply(200, [{ id: 1 }]);
      await expect(appTester(testConnection, bundle())).resolves.toMatchObject({ username: 'nora', roles: [] });
    });
  });

  const companion = () => wp().get('/wp-json/wpjz/v1/status');

  it('reads the user in the edit context, and asks for the companion plugin beside it', async () => {
    me()
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, { id: 2, name: 'Edith &amp; Co', username: 'edith', email: 'edith@example.com', roles: ['editor'] });
    companion().reply(404, { code: 'rest_no_route', message: 'No route was found.', data: { status: 404 } });
    const result = await appTester(testConnection, bundle());
    expect(result).toEqual({
      id: 2,
      name: 'Edith & Co',
      username: 'edith',
      email: 'edith@example.com',
      roles: ['editor'],
      site: 'example.com',
      companion_plugin: 'not active',
      companion_label: '',
    });
  });

  it('names the companion plugin and its version where it is active', async () => {
    me().reply(200, { id: 2, name: 'Edith', username: 'edith', email: 'edith@example.com', roles: ['editor'] });
    companion()
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, { plugin: 'wpjz-companion', version: '1.0.0', events: [], oldest_seq: 1, latest_seq: 9 });
    const result = await appTester(testConnection, bundle());
    expect(result).toMatchObject({ companion_plugin: '1.0.0', companion_label: ' · Companion 1.0.0' });
  });

  it('passes the test when the companion plugin cannot be asked', async () => {
    me().reply(200, { id: 2, name: 'Edith', username: 'edith', email: 'edith@example.com', roles: ['editor'] });
    companion().reply(500, '<html>oops</html>', { 'Content-Type': 'text/html' });
    const result = await appTester(testConnection, bundle());
    expect(result).toMatchObject({ id: 2, companion_plugin: 'not active' });
  });

  it.each([
    ['a post', `${SITE}/hello-world/?utm=x`, REST_ROOT, 'example.com'],
    ['a host alias', 'example.com', 'https://www.example.com/wp-json/', 'www.example.com'],
    [
      'a sub-folder with plain permalinks',
      `${SITE}/blog/feed/`,
      `${SITE}/blog/index.php?rest_route=/`,
      'example.com/blog',
    ],
  ])('labels the site, not the page pasted as Site URL (%s)', async (_name, siteUrl, root, label) => {
    const origin = new URL(root).origin;
    nock(origin)
      .get((uri) => /users(\/|%2F)me/.test(uri))
      .reply(200, { id: 2, name: 'Edith', username: 'edith', roles: ['editor'] }, LOGGED_IN_HEADERS);
    const result = await appTester(testConnection, bundle({}, {}, authData({ site_url: siteUrl, rest_root: root })));
    expect(result).toMatchObject({ site: label });
  });

  it('answered as anonymous with the header stripped: names the cause and gives the .htaccess fix', async () => {
    me().reply(401, anonymous);
    validate().reply(403, {
      code: 'jwt_auth_no_auth_header',
      message: 'Authorization header not found.',
      data: { status: 403 },
    });
    const message = userMessage(await caught(() => appTester(testConnection, bundle())));
    expect(message).toMatch(/removing the Authorization header/);
    expect(message).toContain('RewriteRule ^(.*) - [E=HTTP_AUTHORIZATION:%1]');
    expectCleanMessage(message);
  });

  it('answered as anonymous with a valid token whose user was deleted: says the user no longer exists', async () => {
    me().reply(401, anonymous);
    validate().reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
    wp()
      .post('/wp-json/jwt-auth/v1/token')
      .reply(
        403,
        loginError(
          '[jwt_auth] invalid_username',
          'The username <strong>edith</strong> is not registered on this site.',
        ),
      );
    const message = userMessage(await caught(() => appTester(testConnection, bundle())));
    expect(message).toMatch(/no longer has the WordPress user "edith".*Reconnect/s);
    expect(message).not.toMatch(/Authorization header/);
    expectCleanMessage(message);
  });

  it('answered as anonymous although token and user are fine: the header is dropped for that route', async () => {
    me().reply(401, anonymous);
    validate().reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
    wp().post('/wp-json/jwt-auth/v1/token').reply(200, tokenBody);
    const message = userMessage(await caught(() => appTester(testConnection, bundle())));
    expect(message).toMatch(/answered https:\/\/example\.com\/wp-json\/wp\/v2\/users\/me as if nobody were logged in/);
    expectCleanMessage(message);
  });

  it('asks Zapier to renew an expired token', async () => {
    me().reply(403, { code: 'jwt_auth_invalid_token', message: 'Expired token', data: { status: 403 } });
    const err = await caught(() => appTester(testConnection, bundle()));
    expect(err.name).toBe('RefreshAuthError');
    expectCleanMessage(err.message);
  });

  it('labels the connection with who and where, from the test output', () => {
    expect(connectionLabel).toBe('{{name}} @ {{site}}{{companion_label}}');
  });
});
