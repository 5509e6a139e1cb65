// Redirects of requests that carry a credential: over every status, way in, kind of credential and
// operation, nothing reaches another origin (another port, another host, https → http); within the
// site's own origin a redirect is followed with the method and body its status calls for.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { getToken, testConnection } from '../../../src/connection/authentication';
import {
  MAX_REDIRECTS,
  carriesCredential,
  keepCredentialsHome,
  nextHop,
  siteAddressAt,
} from '../../../src/connection/redirects';
import { callWordPress } from '../../../src/connection/request';
import { createPerform, triggerPerform } from '../fixtures';
import { PASSWORD, SITE, TOKEN, appTester, authData, bundle, failsWith, wp } from '../helpers';

const STATUSES = [301, 302, 303, 307, 308] as const;
const WAYS_IN = ['jwt', 'jwt_useful', 'app_password'] as const;
type WayIn = (typeof WAYS_IN)[number];

const OTHER_ORIGINS = {
  'another port': 'https://example.com:8443',
  'another host': 'https://www.example.com',
  'https to http': 'http://example.com',
} as const;

interface Hit {
  origin: string;
  method: string;
  path: string;
  authorization?: string;
  cookie?: string;
  body: string;
}

/** Every request any of `origins` received, credential or not (the assertion is that there are none). */
function recordAt(origins: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  for (const origin of origins) {
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const scope = nock(origin).persist();
      scope[method](() => true).reply(function (uri, body) {
        hits.push({
          origin,
          method,
          path: uri,
          authorization: this.req.headers.authorization as string | undefined,
          cookie: this.req.headers.cookie as string | undefined,
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        return [200, { id: 1, token: 'stolen' }];
      });
    }
  }
  return hits;
}

/** The site answers every request with `status`, sending it to the same path at `to`. */
function redirectEverything(status: number, to: string): void {
  for (const method of ['get', 'post'] as const) {
    const scope = wp().persist();
    scope[method](() => true).reply((uri) => [status, '', { Location: `${to}${uri}` }]);
  }
}

function connectedAs(way: WayIn): Record<string, string> {
  return way === 'app_password'
    ? authData({ auth_scheme: way, token: '', password: 'abcd efgh ijkl mnop qrst uvwx' })
    : authData({ auth_scheme: way });
}

const OPERATIONS: Record<string, (auth: Record<string, string>) => Promise<unknown>> = {
  login: (auth) => appTester(getToken, { authData: auth }),
  'connection test': (auth) => appTester(testConnection, bundle({}, {}, auth)),
  'poll (New Post)': (auth) => appTester(triggerPerform('new_post'), bundle({ status: 'publish' }, {}, auth)),
  'write (Create Post)': (auth) =>
    appTester(createPerform('create_post'), bundle({ title: 'Redirected', content: 'Body' }, {}, auth)),
};

describe('a redirect to another origin is never followed with a credential', () => {
  const cases = STATUSES.flatMap((status) =>
    WAYS_IN.flatMap((way) =>
      Object.keys(OPERATIONS).flatMap((operation) =>
        Object.entries(OTHER_ORIGINS).map(([where, origin]) => ({ status, way, operation, where, origin })),
      ),
    ),
  );
  let reached = 0;
  afterAll(() => {
    // The matrix's figure: credential-carrying requests that reached another origin.
    expect(reached).toBe(0);
  });

  it.each(cases)('$status, $way, $operation, to $where', async ({ status, way, operation, where, origin }) => {
    const hits = recordAt(Object.values(OTHER_ORIGINS));
    redirectEverything(status, origin);
    const auth = connectedAs(way);
    const { message } = await failsWith(() => OPERATIONS[operation]!(auth));
    reached += hits.length;
    expect(hits).toEqual([]);
    expect(message).toContain('example.com redirected Zapier');
    if (where === 'https to http') {
      expect(message).toMatch(/from https:\/\/ to plain http:\/\//);
    } else {
      expect(message).toContain(`to ${new URL(origin).host} (HTTP ${status})`);
      expect(message).toContain(`put ${origin} in the Site URL`);
    }
    expect(message).not.toContain(auth.password!);
  });
});

describe('a redirect within the site is followed, with the method and body its status calls for', () => {
  const me = { id: 2, name: 'Edith', username: 'edith', email: 'e@example.com', roles: ['editor'] };

  it.each(STATUSES.flatMap((status) => WAYS_IN.map((way) => ({ status, way }))))(
    'a read after $status, $way: followed, the credential still sent to the site only',
    async ({ status, way }) => {
      const auth = connectedAs(way);
      const sent: Array<string | undefined> = [];
      wp()
        .get('/wp-json/wp/v2/users/me')
        .query(true)
        .reply(status, '', { Location: `${SITE}/wp-json/wp/v2/users/me/?context=edit` });
      wp()
        .get('/wp-json/wp/v2/users/me/')
        .query(true)
        .reply(function () {
          sent.push(String(this.req.headers.authorization));
          return [200, me, { Expires: 'Wed, 11 Jan 1984 05:00:00 GMT' }];
        });
      const result = await appTester(testConnection, bundle({}, {}, auth));
      expect(result).toMatchObject({ id: 2, name: 'Edith' });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(way === 'app_password' ? /^Basic / : /^Bearer /);
    },
  );

  const write = (z: ZObject, b: Bundle) =>
    callWordPress(z, b, { method: 'POST', route: 'wp/v2/posts', json: { title: 'Hello' } }).then((r) => r.data);

  it.each([307, 308])('a write after %i: sent again, same method and body, stored once', async (status) => {
    const bodies: unknown[] = [];
    wp().post('/wp-json/wp/v2/posts').reply(status, '', { Location: '/wp-json/wp/v2/posts/' });
    wp()
      .post('/wp-json/wp/v2/posts/')
      .reply(function (_uri, body) {
        bodies.push(body);
        expect(String(this.req.headers.authorization)).toBe(`Bearer ${TOKEN}`);
        return [201, { id: 7 }];
      });
    await expect(appTester(write, bundle())).resolves.toEqual({ id: 7 });
    expect(bodies).toEqual([{ title: 'Hello' }]);
  });

  it('a write after 303: its result read with a GET, the body not sent again', async () => {
    wp().post('/wp-json/wp/v2/posts').reply(303, '', { Location: '/wp-json/wp/v2/posts/7' });
    const read = wp()
      .get('/wp-json/wp/v2/posts/7')
      .reply(function () {
        expect(this.req.headers['content-type']).toBeUndefined();
        return [200, { id: 7 }];
      });
    await expect(appTester(write, bundle())).resolves.toEqual({ id: 7 });
    expect(read.isDone()).toBe(true);
  });

  it.each([301, 302])(
    'a write after %i: not turned into a read; the step says it was most likely not saved',
    async (status) => {
      wp().post('/wp-json/wp/v2/posts').reply(status, '<html>Moved</html>', { Location: '/wp-json/wp/v2/posts/' });
      const elsewhere = wp().get('/wp-json/wp/v2/posts/').reply(200, []);
      const { message } = await failsWith(() => appTester(write, bundle()));
      expect(message).toContain(`answered this write with a redirect to ${SITE}/wp-json/wp/v2/posts/ (HTTP ${status})`);
      expect(message).toMatch(/most likely not saved: check the site before running the step again/);
      expect(elsewhere.isDone()).toBe(false);
      nock.cleanAll();
    },
  );

  it.each([307, 308])(
    'the login after %i within the site: the password sent again to the site only',
    async (status) => {
      const bodies: unknown[] = [];
      wp().post('/wp-json/jwt-auth/v1/token').reply(status, '', { Location: '/wp-json/jwt-auth/v1/token/' });
      wp()
        .post('/wp-json/jwt-auth/v1/token/')
        .reply(function (_uri, body) {
          bodies.push(body);
          return [200, { token: 'new.token.value' }];
        });
      const result = await appTester(getToken, { authData: authData() });
      expect(result).toMatchObject({ token: 'new.token.value' });
      expect(bodies).toEqual([{ username: 'edith', password: PASSWORD }]);
    },
  );

  it(`stops after ${MAX_REDIRECTS} hops within the site`, async () => {
    const loop = wp()
      .persist()
      .get(/\/wp-json\/wp\/v2\/users\/me/)
      .reply(302, '', { Location: '/wp-json/wp/v2/users/me?again=1' });
    const { message } = await failsWith(() => appTester(testConnection, bundle()));
    expect(message).toMatch(/kept redirecting Zapier \(more than 5 times\)/);
    expect(loop.activeMocks()).toHaveLength(1);
    nock.cleanAll();
  });

  it('a redirect without a Location says so', async () => {
    wp()
      .get(/users\/me/)
      .reply(302, '');
    const { message } = await failsWith(() => appTester(testConnection, bundle()));
    expect(message).toBe(
      'example.com answered HTTP 302 (a redirect) without saying where to. Check the Site URL, and the site’s redirect rules (a plugin, .htaccess).'.replace(
        '’',
        "'",
      ),
    );
  });
});

describe('site discovery, which carries no credential', () => {
  const form = { site_url: 'https://example.com', username: 'edith', password: PASSWORD };

  it('follows a redirect to another origin (a bare domain to www.), and logs in only where WordPress says its API is', async () => {
    wp().get('/').reply(301, '', { Location: 'https://www.example.com/' });
    const www = nock('https://www.example.com');
    www.get('/').reply(200, '<html></html>', { Link: '<https://www.example.com/wp-json/>; rel="https://api.w.org/"' });
    www
      .get('/wp-json/')
      .query(true)
      .reply(200, { namespaces: ['wp/v2', 'jwt-auth/v1'], routes: { '/jwt-auth/v1/token': {} } });
    www.post('/wp-json/jwt-auth/v1/token').reply(200, { token: 'new.token.value' });
    const result = await appTester(getToken, { authData: form });
    expect(result).toMatchObject({ rest_root: 'https://www.example.com/wp-json/', token: 'new.token.value' });
  });

  it('Zapier’s own "Redirecting to disallowed hostname" is said in words, naming the host', async () => {
    wp().get('/').reply(302, '', { Location: 'http://127.0.0.1/' });
    nock('http://127.0.0.1').get('/').reply(200, '<html></html>');
    const { message } = await failsWith(() => appTester(getToken, { authData: form }));
    expect(message).toMatch(/^example\.com redirected Zapier to a local address \(localhost, 127\.0\.0\.1 or ::1\)/);
    expect(message).toContain('put that address in the Site URL');
    expect(message).not.toMatch(/disallowed hostname/);
  });
});

describe('nextHop', () => {
  const from = (method: string, url = 'https://example.com/wp-json/wp/v2/posts') => ({ method, url });
  it('keeps the method and body on 307 and 308, reads on 301, 302 and 303 of a read', () => {
    expect(nextHop(from('POST'), 308, '/x', 0)).toEqual({
      url: 'https://example.com/x',
      method: 'POST',
      keepBody: true,
    });
    expect(nextHop(from('DELETE'), 307, '/x', 0)).toMatchObject({ method: 'DELETE', keepBody: true });
    expect(nextHop(from('GET'), 301, '/x', 0)).toMatchObject({ method: 'GET', keepBody: false });
    expect(nextHop(from('POST'), 303, '/x', 0)).toMatchObject({ method: 'GET', keepBody: false });
  });
  it('compares the whole origin: scheme, host and port', () => {
    for (const to of [
      'https://example.com:444/x',
      'http://example.com/x',
      'https://example.org/x',
      'https://a.example.com/x',
    ]) {
      expect(() => nextHop(from('GET'), 302, to, 0)).toThrow(/redirected Zapier/);
    }
    expect(() => nextHop(from('GET'), 302, 'https://EXAMPLE.com:443/x', 0)).not.toThrow();
  });
});

describe('an http:// site that redirects to https://', () => {
  it('names both origins, and the https:// address for the Site URL', () => {
    const plain = { method: 'GET', url: 'http://example.com/wp-json/wp/v2/users/me' };
    expect(() => nextHop(plain, 301, 'https://example.com/wp-json/wp/v2/users/me', 0)).toThrow(
      /http:\/\/example\.com redirected Zapier to https:\/\/example\.com \(HTTP 301\).*put https:\/\/example\.com in the Site URL/,
    );
  });
});

describe('siteAddressAt', () => {
  it.each([
    ['https://www.example.com/wp-json/wp/v2/posts', 'https://www.example.com'],
    ['https://example.com:8443/blog/wp-json/', 'https://example.com:8443/blog'],
    ['https://example.com/blog/index.php?rest_route=/wp/v2/posts', 'https://example.com/blog'],
    ['https://example.com/login?next=1', 'https://example.com'],
  ])('%s → %s', (target, site) => {
    expect(siteAddressAt(new URL(target))).toBe(site);
  });
});

describe('keepCredentialsHome', () => {
  it.each([
    ['a Bearer token', { headers: { Authorization: 'Bearer x' } }],
    ['an Application Password', { headers: { authorization: 'Basic eA==' } }],
    ['a cookie', { headers: { Cookie: 'wordpress_logged_in=x' } }],
    ['a login body', { method: 'POST' as const, body: '{"username":"a","password":"b"}' }],
  ])('%s: never followed by node-fetch, whatever the caller asked', (_what, request) => {
    const sent = keepCredentialsHome({ url: 'https://example.com/', redirect: 'follow' as const, ...request });
    expect(carriesCredential(sent)).toBe(true);
    expect(sent.redirect).toBe('manual');
  });

  it('a request with nothing secret (site discovery) keeps what it asked', () => {
    const sent = keepCredentialsHome({
      url: 'https://example.com/',
      redirect: 'follow' as const,
      headers: { Accept: '*/*' },
    });
    expect(carriesCredential(sent)).toBe(false);
    expect(sent.redirect).toBe('follow');
  });
});
