// The three ways into a site: which one the REST index offers, and logging in with each (and every
// way that fails). The credentials on each request and renewal: scheme_requests.test.ts; answers
// that came back as nobody: scheme_nobody.test.ts.
import nock from 'nock';
import { getToken } from '../../../src/connection/authentication';
import { offerFromIndex } from '../../../src/connection/schemes';
import { REST_ROOT, SITE, appTester, authData, failsWith, wpAsNobody as wp } from '../helpers';
import {
  form,
  authorizeUrl,
  appPasswords,
  seedRoute,
  usefulRoutes,
  namespaces,
  usefulToken,
  USEFUL_TOKEN,
  usefulAnswer,
  envelope,
  usefulRefusal,
  siteOffering,
  usefulLogin,
  appPasswordCheck,
} from './scheme_sites';

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
