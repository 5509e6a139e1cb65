// The three ways into a site, against the real WordPress: Useful Team's JWT Auth (site "useful"),
// Application Passwords with no plugin ("apppass"), and the seed's plugin beside Application
// Passwords ("seedapp"). Each connects, tests, polls drafts (only an authenticated call sees them),
// creates a post and updates a user the same way; wrong passwords, a regular password where only
// Application Passwords work, and an expiring Useful Team token never answered as nobody.
import { createHmac } from 'node:crypto';
import { connectionLabel, getToken, testConnection } from '../../src/connection/authentication';
import { createPost } from '../../src/creates/create_post';
import { updateUser } from '../../src/creates/update_user';
import type { PostOutput } from '../../src/wordpress/post';
import { newPost } from '../../src/triggers/new_post';
import type { UserOutput } from '../../src/wordpress/user';
import {
  SiteName,
  UserName,
  appTester,
  caught,
  perform,
  recordRequests,
  requireWordPress,
  run,
  sites,
  userMessage,
  users,
} from './harness';
import { recordToken } from './logs';

jest.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

beforeAll(async () => {
  for (const site of ['useful', 'apppass', 'seedapp'] as const) await requireWordPress(site);
});

/** The password each site's users connect with: their own, or their Application Password where only that works. */
function formOn(site: SiteName, user: UserName, password?: string): Record<string, string> {
  const u = users[user];
  return {
    site_url: sites[site].url,
    username: u.username,
    password: password ?? (site === 'apppass' ? u.app_password : u.password),
  };
}

async function connectOn(site: SiteName, user: UserName, password?: string): Promise<Record<string, string>> {
  const form = formOn(site, user, password);
  const session = (await appTester(getToken, { authData: form })) as Record<string, string>;
  recordToken(session.token);
  return { ...form, ...session };
}

const schemes: Array<[SiteName, string]> = [
  ['useful', 'jwt_useful'],
  ['apppass', 'app_password'],
  ['seedapp', 'jwt'],
];

describe.each(schemes)('%s', (site, scheme) => {
  let admin: Record<string, string>;
  let editor: Record<string, string>;

  beforeAll(async () => {
    admin = await connectOn(site, 'administrator');
    editor = await connectOn(site, 'editor');
  });

  it(`connects with the ${scheme} scheme, tests and labels the connection`, async () => {
    expect(admin).toMatchObject({ rest_root: sites[site].rest_root, auth_scheme: scheme });
    expect(Boolean(admin.token)).toBe(scheme !== 'app_password');
    const result = await appTester(testConnection, { authData: editor });
    expect(result).toMatchObject({ username: users.editor.username, email: users.editor.email, roles: ['editor'] });
    const label = connectionLabel.replace(/{{(\w+)}}/g, (_m, key: string) =>
      String((result as unknown as Record<string, unknown>)[key]),
    );
    expect(label).toBe(`Edith Editor @ ${new URL(sites[site].url).host}`);
  });

  it('New Post sees drafts (the calls are authenticated), with no request for logging in', async () => {
    const { result, requests } = await recordRequests(() =>
      run<PostOutput[]>(perform(newPost), { status: 'draft' }, { authData: editor, freshCache: true }),
    );
    expect(result.map((p) => p.title)).toContain('Draft: unfinished thoughts');
    // The poll's own reads (a first poll without a kept state looks back a day), and nothing for logging in.
    expect(requests.every((r) => r.method === 'GET' && r.path.startsWith('/wp-json/wp/v2/posts?'))).toBe(true);
  });

  it('Create Post writes as the connected user, in one request', async () => {
    const { result, requests } = await recordRequests(() =>
      run<PostOutput>(perform(createPost), { title: `E2E ${RUN} ${scheme}`, status: 'draft' }, { authData: editor }),
    );
    expect(result).toMatchObject({ title: `E2E ${RUN} ${scheme}`, status: 'draft', author_name: 'Edith Editor' });
    expect(requests).toHaveLength(1);
  });

  it('Update User works for an Administrator', async () => {
    const sam = await run<UserOutput>(
      perform(updateUser),
      { user_id: '5', first_name: `Sam ${RUN}` },
      { authData: admin },
    );
    expect(sam).toMatchObject({ id: 5, first_name: `Sam ${RUN}` });
  });

  it('renewal cost: one login for a JWT, none at all for an Application Password', async () => {
    if (scheme === 'app_password') {
      const { requests } = await recordRequests(async () => {
        for (let i = 0; i < 5; i += 1) await run(perform(newPost), {}, { authData: editor });
      });
      // Only the polls' own reads of posts: no login, no check, ever.
      expect(requests.every((r) => r.method === 'GET' && r.path.startsWith('/wp-json/wp/v2/posts?'))).toBe(true);
      return;
    }
    const { requests } = await recordRequests(() => appTester(getToken, { authData: editor }));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST' });
    expect(requests[0]?.path).toMatch(/^\/wp-json\/jwt-auth\/v1\/token(\?_envelope=1)?$/);
  });

  it('a wrong password gets a message that says what to do', async () => {
    const message = userMessage(await caught(() => connectOn(site, 'editor', 'not-the-password')));
    expect(message).toMatch(
      scheme === 'app_password'
        ? /Application Password.*profile\.php#application-passwords-section/
        : /password is not correct/,
    );
    expect(message).not.toMatch(/not-the-password|security plugin|<strong>/);
  });
});

describe('Application Passwords', () => {
  it('a regular password where only Application Passwords work: explains them and links to the profile', async () => {
    const message = userMessage(await caught(() => connectOn('apppass', 'editor', users.editor.password)));
    expect(message).toMatch(/This site has no JWT plugin, so Zapier logs in with an Application Password/);
    expect(message).toContain('http://127.0.0.1:8086/wp-admin/profile.php#application-passwords-section');
  });

  it('an Application Password in the password field also works with the seed plugin (a JWT is issued)', async () => {
    const auth = await connectOn('seedapp', 'editor', users.editor.app_password);
    expect(auth).toMatchObject({ auth_scheme: 'jwt' });
    await expect(appTester(testConnection, { authData: auth })).resolves.toMatchObject({ username: 'edith' });
  });
});

describe("Useful Team's tokens", () => {
  it('an expiring token is renewed before the request, never answered as nobody', async () => {
    const auth = await connectOn('useful', 'shortlived');
    const drafts = (authData: Record<string, string>) =>
      run<PostOutput[]>(perform(newPost), { status: 'draft' }, { authData, freshCache: true });
    expect((await drafts(auth)).map((p) => p.status)).toContain('draft');
    await new Promise((r) => setTimeout(r, 3_500));
    const { result: err, requests } = await recordRequests(() => caught(() => drafts(auth)));
    expect(err.name).toBe('RefreshAuthError');
    expect(requests).toEqual([]); // nothing sent with the expired token
    const { result: renewed, requests: logins } = await recordRequests(() => appTester(getToken, { authData: auth }));
    expect(logins).toHaveLength(1);
    recordToken((renewed as Record<string, string>).token);
    const again = await drafts({ ...auth, ...(renewed as Record<string, string>) });
    expect(again.map((p) => p.status)).toContain('draft');
  });

  it('a token the plugin no longer accepts (re-keyed) is renewed, never returned with public posts only', async () => {
    const auth = await connectOn('useful', 'editor');
    const [head, body] = auth.token.split('.');
    const forged = `${head}.${body}.${createHmac('sha256', 'another-secret').update(`${head}.${body}`).digest('base64url')}`;
    recordToken(forged);
    const stale = { ...auth, token: forged, token_issued_at: String(Math.floor(Date.now() / 1000) - 300) };
    const err = await caught(() => run(perform(newPost), {}, { authData: stale, freshCache: true }));
    expect(err.name).toBe('RefreshAuthError');
  });
});
