// The connection, through Zapier's runtime, against the real WordPress and its failure variants.
import { connectionLabel, getToken, testConnection } from '../../src/connection/authentication';
import { callWordPress } from '../../src/connection/request';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  UserName,
  appTester,
  caught,
  connect,
  formFor,
  recordRequests,
  requireWordPress,
  sites,
  userMessage,
  users,
} from './harness';

jest.setTimeout(60_000);

beforeAll(async () => {
  for (const site of ['main', 'stripped', 'plain', 'inactive', 'nosecret'] as const) await requireWordPress(site);
});

function expectNoSecrets(text: string, auth?: Record<string, string>) {
  for (const user of Object.values(users)) expect(text).not.toContain(user.password);
  if (auth?.token) expect(text).not.toContain(auth.token);
}

describe('connecting to the main site', () => {
  const roles: UserName[] = ['administrator', 'editor', 'author', 'contributor', 'subscriber', 'awkward'];
  it.each(roles)('connects as %s, tests and labels the connection', async (role) => {
    const auth = await connect('main', role, true);
    expect(auth.rest_root).toBe(sites.main.rest_root);
    expect(auth.token.split('.')).toHaveLength(3);
    const result = await appTester(testConnection, { authData: auth });
    expect(result).toMatchObject({
      username: users[role].username,
      email: users[role].email,
      roles: [users[role].role],
    });
    const label = connectionLabel.replace(/{{(\w+)}}/g, (_m, key: string) =>
      String((result as unknown as Record<string, unknown>)[key]),
    );
    expect(label).toBe(`${users[role].display_name} @ 127.0.0.1:8080`);
  });

  it('accepts the email address as the username, and the site URL as people paste it', async () => {
    const computed = await appTester(getToken, {
      authData: { ...formFor('main', 'editor'), username: users.editor.email, site_url: '127.0.0.1:8080/wp-admin/' },
    });
    expect(computed).toMatchObject({ rest_root: sites.main.rest_root });
  });

  it('logs in again with one request when the stored REST root is known (renewal)', async () => {
    const auth = await connect('main', 'editor');
    const { requests } = await recordRequests(() => appTester(getToken, { authData: auth }));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/wp-json/jwt-auth/v1/token' });
  });

  it('renews after a real expiry: the stale token is refused, a new login is accepted', async () => {
    const auth = await connect('main', 'shortlived', true);
    const listPosts = (z: ZObject, bundle: Bundle) =>
      callWordPress<unknown[]>(z, bundle, { route: 'wp/v2/posts', query: { per_page: 1, _fields: 'id' } }).then(
        (r) => r.data,
      );
    await expect(appTester(listPosts, { authData: auth })).resolves.toHaveLength(1);
    await new Promise((r) => setTimeout(r, 4_500));
    const err = await caught(() => appTester(listPosts, { authData: auth }));
    expect(err.name).toBe('RefreshAuthError');
    // What Zapier does on RefreshAuthError: run the session perform with the stored fields, retry.
    const renewed = await appTester(getToken, { authData: auth });
    await expect(
      appTester(listPosts, { authData: { ...auth, ...(renewed as Record<string, string>) } }),
    ).resolves.toHaveLength(1);
  });

  it('says the password is wrong, without echoing it or WordPress HTML', async () => {
    const err = await caught(() =>
      appTester(getToken, { authData: { ...formFor('main', 'editor'), password: 'not-the-password' } }),
    );
    const message = userMessage(err);
    expect(message).toMatch(/password is not correct/);
    expect(message).not.toMatch(/not-the-password|<strong>|<a /);
  });

  it('says the username is unknown', async () => {
    const err = await caught(() =>
      appTester(getToken, { authData: { ...formFor('main', 'editor'), username: 'nobody-here' } }),
    );
    expect(userMessage(err)).toMatch(/does not know that username/);
  });
});

describe('site variants', () => {
  it('plain permalinks in a sub-folder: finds ?rest_route= and works end to end', async () => {
    const auth = await connect('plain', 'editor', true);
    expect(auth.rest_root).toBe(sites.plain.rest_root);
    const result = await appTester(testConnection, { authData: auth });
    expect(result).toMatchObject({ username: users.editor.username, site: '127.0.0.1:8082/blog' });
  });

  it('Authorization header stripped by Apache: names the cause and the .htaccess fix', async () => {
    const auth = await connect('stripped', 'editor', true); // the token route itself works
    const err = await caught(() => appTester(testConnection, { authData: auth }));
    const message = userMessage(err);
    expect(message).toMatch(/removing the Authorization header/);
    expect(message).toContain('RewriteRule ^(.*) - [E=HTTP_AUTHORIZATION:%1]');
    expectNoSecrets(message, auth);
  });

  it('plugin inactive: says to install and activate it', async () => {
    const err = await caught(() => appTester(getToken, { authData: formFor('inactive', 'editor') }));
    expect(userMessage(err)).toMatch(/JWT Authentication for WP REST API" plugin is not installed or not active/);
  });

  it('secret key missing: says to define JWT_AUTH_SECRET_KEY', async () => {
    const err = await caught(() => appTester(getToken, { authData: formFor('nosecret', 'editor') }));
    expect(userMessage(err)).toMatch(/JWT_AUTH_SECRET_KEY is missing/);
  });

  it('nothing listening: says the connection was refused', async () => {
    const err = await caught(() =>
      appTester(getToken, { authData: { ...formFor('main', 'editor'), site_url: 'http://127.0.0.1:9' } }),
    );
    expect(userMessage(err)).toMatch(/refused the connection/);
  });

  it('a page inside the site: finds the canonical REST root the API itself names', async () => {
    const computed = await appTester(getToken, {
      authData: { ...formFor('main', 'editor'), site_url: 'http://127.0.0.1:8080/wp-content/' },
    });
    expect(computed).toMatchObject({ rest_root: sites.main.rest_root });
  });

  it('not a WordPress site: says so', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>My shop</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const err = await caught(() =>
        appTester(getToken, { authData: { ...formFor('main', 'editor'), site_url: `http://127.0.0.1:${port}` } }),
      );
      expect(userMessage(err)).toMatch(/does not advertise a WordPress REST API/);
    } finally {
      server.close();
    }
  });
});
