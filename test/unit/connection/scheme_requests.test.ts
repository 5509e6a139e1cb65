// The credentials each way in puts on every request, and renewal from the token's `exp`.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { testConnection } from '../../../src/connection/authentication';
import { callWordPress } from '../../../src/connection/request';
import { renewalDue } from '../../../src/connection/schemes';
import {
  appTester,
  authData,
  bundle,
  caught,
  failsWith,
  issuedToken,
  userMessage,
  LOGGED_IN_HEADERS as loggedIn,
  wpAsNobody as wp,
} from '../helpers';
import { basic, usefulToken, envelope, appPasswordCheck, listPosts } from './scheme_sites';

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
