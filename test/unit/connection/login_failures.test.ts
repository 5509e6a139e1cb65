// The login for a token, every way it fails: WordPress's refusals, plain http, a site that is not
// WordPress or cannot be reached, missing fields.
import { getToken } from '../../../src/connection/authentication';
import { TOKEN, appTester, authData, caught, expectCleanMessage, userMessage, wp } from '../helpers';
import nock from 'nock';
import { form, tokenBody, advertises, loginError, probesPastHomeAndWpJson } from './login_sites';

describe('getToken (session perform)', () => {
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
