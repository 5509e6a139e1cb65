// The connection: finding the REST root and logging in for a token, renewal that reuses it, and
// what messages show of the Site URL. Every way the login fails: login_failures.test.ts; the
// connection test: connection_test.test.ts.
import authentication, { getToken } from '../../../src/connection/authentication';
import {
  PASSWORD,
  REST_ROOT,
  SITE,
  TOKEN,
  appTester,
  authData,
  caught,
  expectCleanMessage,
  issuedToken,
  userMessage,
  wp,
} from '../helpers';
import nock from 'nock';
import { INDEX_FIELDS } from '../../../src/connection/schemes';
import {
  form,
  tokenBody,
  seedIndex,
  apiLink,
  receivedNow,
  advertises,
  loginError,
  probesPastHomeAndWpJson,
} from './login_sites';

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
});
