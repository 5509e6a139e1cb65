// Redirects in front of the real WordPress (test/e2e/redirector.ts): a site on 127.0.0.1 that
// answers with 301, 302, 303, 307 or 308, to another port, another host name or its own origin.
// Over every status, way in (seed JWT plugin, Useful Team's JWT Auth, Application Passwords) and
// operation (login, connection test, poll, write), no request that carries a credential reaches
// another origin; within the site's origin reads follow, and a write is stored once or not at all.
import { getToken, testConnection } from '../../src/connection/authentication';
import { createPost } from '../../src/creates/create_post';
import type { PostOutput } from '../../src/wordpress/post';
import { newPost } from '../../src/triggers/new_post';
import { Redirector, RedirectTarget } from './redirector';
import { SiteName, appTester, caught, perform, requireWordPress, run, sites, userMessage, users } from './harness';
import { recordToken } from './logs';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const STATUSES = [301, 302, 303, 307, 308];
const WAYS_IN: Array<[SiteName, string]> = [
  ['main', 'jwt'],
  ['useful', 'jwt_useful'],
  ['apppass', 'app_password'],
];
const OTHER_ORIGINS: RedirectTarget[] = ['another port', 'another host'];

type Operation = (auth: Record<string, string>, label: string) => Promise<unknown>;
const OPERATIONS: Record<string, Operation> = {
  login: (auth) => appTester(getToken, { authData: auth }),
  'connection test': (auth) => appTester(testConnection, { authData: auth }),
  'poll (New Post)': (auth) => run(perform(newPost), { status: 'draft' }, { authData: auth, freshCache: true }),
  'write (Create Post)': (auth, label) =>
    run<PostOutput>(
      perform(createPost),
      { title: `E2E redirect ${RUN} ${label}`, status: 'draft' },
      { authData: auth },
    ),
};

/** Credential-carrying requests that reached another origin, over the whole matrix: must stay 0. */
let reachedOtherOrigin = 0;
let cases = 0;

afterAll(() => {
  console.log(
    `redirect matrix: ${cases} cases, ${reachedOtherOrigin} credential-carrying requests reached another origin`,
  );
  expect(reachedOtherOrigin).toBe(0);
});

async function connectOn(site: SiteName): Promise<Record<string, string>> {
  const u = users.editor;
  const form = {
    site_url: sites[site].url,
    username: u.username,
    password: site === 'apppass' ? u.app_password : u.password,
  };
  const session = (await appTester(getToken, { authData: form })) as Record<string, string>;
  recordToken(session.token);
  return { ...form, ...session };
}

/** A direct call to the bench as the connection's user (a token, or the Application Password). */
async function direct(auth: Record<string, string>, route: string, method = 'GET'): Promise<unknown> {
  const credential =
    auth.auth_scheme === 'app_password'
      ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
      : `Bearer ${auth.token}`;
  const res = await fetch(`${auth.rest_root}${route}`, { method, headers: { Authorization: credential } });
  return res.json();
}

/** Posts titled exactly `title` (drafts included), as WordPress stored them. */
async function stored(auth: Record<string, string>, title: string): Promise<number> {
  const query = new URLSearchParams({ search: title, status: 'draft', context: 'edit', _fields: 'id,title' });
  const posts = (await direct(auth, `wp/v2/posts?${query.toString()}`)) as Array<{ title: { raw: string } }>;
  return posts.filter((p) => p.title.raw === title).length;
}

describe.each(WAYS_IN)('through a redirecting site in front of %s (%s)', (site, scheme) => {
  let bench: Record<string, string>;
  let viaSite: Record<string, string>;
  let redirector: Redirector;

  beforeAll(async () => {
    await requireWordPress(site);
    bench = await connectOn(site);
    redirector = new Redirector(sites[site].url, [users.editor.password, users.editor.app_password]);
    const origin = await redirector.start();
    viaSite = {
      ...bench,
      site_url: origin,
      rest_root: `${origin}/wp-json/`,
      rest_root_for: new URL(origin).toString(),
    };
  });
  afterEach(() => redirector.clear());
  afterAll(() => redirector.close());

  const crossCases = STATUSES.flatMap((status) =>
    OTHER_ORIGINS.flatMap((to) => Object.keys(OPERATIONS).map((operation) => ({ status, to, operation }))),
  );
  it.each(crossCases)(
    '$status to $to, $operation: refused, nothing credential-bearing leaves',
    async ({ status, to, operation }) => {
      redirector.redirect(status, to);
      const message = userMessage(await caught(() => OPERATIONS[operation]!(viaSite, `${scheme} ${status} ${to}`)));
      cases += 1;
      reachedOtherOrigin += redirector.foreign.filter((r) => r.credential).length;
      expect(redirector.foreign).toEqual([]);
      expect(message).toContain(`${new URL(viaSite.site_url).host} redirected Zapier to`);
      expect(message).toContain(`(HTTP ${status})`);
      expect(message).not.toContain(users.editor.password);
      expect(message).not.toContain(users.editor.app_password);
    },
  );

  it.each(STATUSES)('%i within the site: the connection test and a poll follow it', async (status) => {
    redirector.redirect(status, 'same origin', /^GET /);
    await expect(appTester(testConnection, { authData: viaSite })).resolves.toMatchObject({
      username: users.editor.username,
    });
    const posts = await OPERATIONS['poll (New Post)']!(viaSite, '');
    expect(Array.isArray(posts)).toBe(true);
    expect(redirector.forwarded.some((r) => r.startsWith('GET /wp-json/wp/v2/users/me'))).toBe(true);
    expect(redirector.foreign).toEqual([]);
  });

  it.each([307, 308])('a write after %i within the site: sent again there, stored once', async (status) => {
    redirector.redirect(status, 'same origin', /^POST \/wp-json\/wp\/v2\/posts/);
    const title = `E2E redirect ${RUN} ${scheme} same ${status}`;
    const post = await run<PostOutput>(perform(createPost), { title, status: 'draft' }, { authData: viaSite });
    expect(post.title).toBe(title);
    expect(await stored(bench, title)).toBe(1);
    await direct(bench, `wp/v2/posts/${post.id}?force=true`, 'DELETE');
  });

  it.each([301, 302])('a write after %i within the site: refused, not stored, and the step says so', async (status) => {
    redirector.redirect(status, 'same origin', /^POST \/wp-json\/wp\/v2\/posts/);
    const title = `E2E redirect ${RUN} ${scheme} same ${status}`;
    const message = userMessage(
      await caught(() => run(perform(createPost), { title, status: 'draft' }, { authData: viaSite })),
    );
    expect(message).toMatch(new RegExp(`answered this write with a redirect to .* \\(HTTP ${status}\\)`));
    expect(message).toMatch(/most likely not saved/);
    expect(await stored(bench, title)).toBe(0);
  });
});
