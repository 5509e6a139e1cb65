// Connections that WordPress quietly answers as nobody, against the real WordPress: the user
// deleted, the JWT plugin deactivated, a token re-keyed moments after it was issued, under the seed
// plugin (site "main") and Useful Team's (site "useful"). A poll of published posts, which WordPress
// answers to nobody with the public posts, must say why instead; a token a renewal cures is renewed.
//
// "The plugin deactivated" is played without touching the shared bench: the connection's REST root
// is pointed at site "inactive" (both JWT plugins installed there, neither active), so the token
// reaches a WordPress that has no jwt-auth/v1 routes and ignores it, as a deactivated plugin's does.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { getToken, testConnection } from '../../src/connection/authentication';
import { findPost } from '../../src/searches/find_post';
import { newPost } from '../../src/triggers/new_post';
import { recordToken } from './logs';
import {
  SiteName,
  appTester,
  caught,
  connect,
  perform,
  recordRequests,
  requireWordPress,
  rest,
  run,
  sites,
  userMessage,
} from './harness';

jest.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const now = () => String(Math.floor(Date.now() / 1000));

beforeAll(async () => {
  for (const site of ['main', 'useful', 'inactive'] as const) await requireWordPress(site);
});

/** A throwaway editor on `site`, connected, then deleted by an administrator. */
async function deletedUser(site: SiteName): Promise<Record<string, string>> {
  const admin = await connect(site, 'administrator');
  const username = `nobody${site}${RUN}`;
  const password = `Nobody-${RUN}-pass-5521`;
  const created = await rest<{ id: number }>(admin, 'wp/v2/users', {
    method: 'POST',
    body: { username, password, email: `${username}@example.com`, roles: ['editor'] },
  });
  expect(created.status).toBe(201);
  const form = { site_url: sites[site].url, username, password };
  const auth: Record<string, string> = {
    ...form,
    ...((await appTester(getToken, { authData: form })) as Record<string, string>),
  };
  recordToken(auth.token);
  const me = await rest<{ id: number }>(admin, 'wp/v2/users/me');
  const deleted = await rest(admin, `wp/v2/users/${created.data.id}`, {
    method: 'DELETE',
    query: { force: 'true', reassign: String(me.data.id) },
  });
  expect(deleted.status).toBe(200);
  return auth;
}

/** A connection whose token reaches a WordPress where no JWT plugin is active. */
async function pluginDeactivated(site: SiteName): Promise<Record<string, string>> {
  const auth = await connect(site, 'editor', true);
  return { ...auth, rest_root: sites.inactive.rest_root, token_issued_at: now() };
}

describe.each<[SiteName, RegExp]>([
  ['main', /"JWT Authentication for WP REST API" plugin this connection logs in with is no longer active/],
  ['useful', /JWT Auth plugin \(Useful Team\) this connection logs in with is no longer active/],
])('site "%s"', (site, pluginGone) => {
  it('a healthy poll of published posts pays no request for the check', async () => {
    const auth = await connect(site, 'editor');
    await run<unknown[]>(
      perform(newPost),
      {},
      { authData: auth, meta: { isPopulatingDedupe: true }, freshCache: true },
    );
    const { result, requests } = await recordRequests(() => run<unknown[]>(perform(newPost), {}, { authData: auth }));
    expect(Array.isArray(result)).toBe(true);
    // Only the poll's own reads (its indexes, and the posts they found): no check.
    expect(requests.length).toBeLessThanOrEqual(3);
    for (const request of requests) expect(request.path.split('?')[0]).toBe('/wp-json/wp/v2/posts');
  });

  describe('the connected user deleted', () => {
    let auth: Record<string, string>;
    beforeAll(async () => {
      auth = await deletedUser(site);
    });
    const gone = () => new RegExp(`no longer has the WordPress user "${auth.username}".*Reconnect`, 's');

    it('New Post (Published) says so, instead of returning the public posts', async () => {
      const message = userMessage(await caught(() => run(perform(newPost), {}, { authData: auth, freshCache: true })));
      expect(message).toMatch(gone());
      expect(message).not.toMatch(/Authorization header/);
    });

    it('Find Post with Status Draft says so too', async () => {
      const err = await caught(() =>
        run(perform(findPost), { title: `x ${RUN}`, status: 'draft' }, { authData: auth }),
      );
      expect(userMessage(err)).toMatch(gone());
    });
  });

  describe('the plugin deactivated', () => {
    it('New Post (Published) names the plugin, instead of returning the public posts', async () => {
      const auth = await pluginDeactivated(site);
      const err = await caught(() => run(perform(newPost), {}, { authData: auth, freshCache: true }));
      expect(err.name).not.toBe('RefreshAuthError');
      expect(userMessage(err)).toMatch(pluginGone);
      expect(userMessage(err)).not.toMatch(/Authorization header|htaccess/);
    });

    it.each(['draft', 'private'])(
      'Find Post with Status %s names it too, not "Status is forbidden"',
      async (status) => {
        const auth = await pluginDeactivated(site);
        const message = userMessage(
          await caught(() => run(perform(findPost), { title: `x ${RUN}`, status }, { authData: auth })),
        );
        expect(message).toMatch(pluginGone);
        expect(message).not.toMatch(/Status is forbidden|Correct this field/);
      },
    );
  });
});

describe("Useful Team's plugin: a token issued moments ago that the site no longer accepts (re-keyed)", () => {
  it('is renewed silently, and the renewed poll returns the posts: never the .htaccess message', async () => {
    const auth = await connect('useful', 'editor', true);
    const [head, body] = auth.token.split('.');
    const forged = `${head}.${body}.${createHmac('sha256', 'another-secret').update(`${head}.${body}`).digest('base64url')}`;
    recordToken(forged);
    const rekeyed = { ...auth, token: forged, token_issued_at: now() };
    const err = await caught(() => run(perform(newPost), {}, { authData: rekeyed, freshCache: true }));
    expect(err.name).toBe('RefreshAuthError');
    expect(err.message).not.toMatch(/Authorization header|htaccess/);
    // Zapier then logs in again and runs the step once more.
    const renewed = { ...rekeyed, ...((await appTester(getToken, { authData: rekeyed })) as Record<string, string>) };
    recordToken(renewed.token);
    await expect(run(perform(newPost), {}, { authData: renewed, freshCache: true })).resolves.toEqual(
      expect.any(Array),
    );
  });
});

describe('a user with no role on the site (what a multisite member of another site reads as)', () => {
  // The bench has no multisite network: WordPress's "No role for this site" on a single site gives
  // the same `"roles": []` from /users/me, and the same 403 on the edit context.
  const username = `norole${RUN}`;
  const password = `Norole-${RUN}-pass-3318`;
  let admin: Record<string, string>;
  let userId: number | undefined;

  beforeAll(async () => {
    admin = await connect('main', 'administrator');
    const created = await rest<{ id: number }>(admin, 'wp/v2/users', {
      method: 'POST',
      body: { username, password, email: `${username}@example.com`, roles: ['subscriber'] },
    });
    expect(created.status).toBe(201);
    userId = created.data.id;
    const roles = execFileSync('php', ['scripts/wordpress/set_role.php', 'main', username, ''], { encoding: 'utf8' });
    expect(roles.trim()).toBe('');
  });

  afterAll(async () => {
    if (userId)
      await rest(admin, `wp/v2/users/${userId}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
  });

  it('logs in, but is refused at the connection test, naming the sub-site URL and adding the user as fixes', async () => {
    const form = { site_url: sites.main.url, username, password };
    const auth: Record<string, string> = {
      ...form,
      ...((await appTester(getToken, { authData: form })) as Record<string, string>),
    };
    recordToken(auth.token);
    const { result: err, requests } = await recordRequests(() =>
      caught(() => appTester(testConnection, { authData: auth })),
    );
    const message = userMessage(err);
    expect(message).toMatch(new RegExp(`"${username}" is not a member of 127\\.0\\.0\\.1:8080`));
    expect(message).toMatch(/sub-site this user belongs to in Site URL/);
    expect(message).toMatch(/add the user to this site/);
    expect(message).not.toContain(password);
    // users/me (and the companion plugin's status beside it), then the one check that tells a super
    // admin (who needs no role) apart.
    expect(requests.map((r) => r.path.split('?')[0]).sort()).toEqual([
      '/wp-json/wp/v2/posts',
      '/wp-json/wp/v2/users/me',
      '/wp-json/wpjz/v1/status',
    ]);
  });

  it('with a role again, connects in one request (and the companion plugin asked beside it)', async () => {
    execFileSync('php', ['scripts/wordpress/set_role.php', 'main', username, 'editor']);
    const form = { site_url: sites.main.url, username, password };
    const auth: Record<string, string> = {
      ...form,
      ...((await appTester(getToken, { authData: form })) as Record<string, string>),
    };
    recordToken(auth.token);
    const { result, requests } = await recordRequests(() => appTester(testConnection, { authData: auth }));
    expect(result).toMatchObject({ username, roles: ['editor'] });
    expect(requests.map((r) => r.path.split('?')[0]).sort()).toEqual([
      '/wp-json/wp/v2/users/me',
      '/wp-json/wpjz/v1/status',
    ]);
  });
});
