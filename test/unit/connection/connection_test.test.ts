// The connection test: one read of the user, the companion plugin beside it, a user with no role,
// answers as anonymous diagnosed, and the connection's label.
import { connectionLabel, testConnection } from '../../../src/connection/authentication';
import {
  LOGGED_IN_HEADERS,
  REST_ROOT,
  SITE,
  TOKEN,
  appTester,
  authData,
  bundle,
  caught,
  expectCleanMessage,
  failsWith,
  userMessage,
  wp,
} from '../helpers';
import { restError } from '../fixtures';
import nock from 'nock';
import { tokenBody, loginError } from './login_sites';

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
