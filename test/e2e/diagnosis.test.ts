// What the user reads when a connection that worked stops working, against the real WordPress: the
// Authorization header stripped after connecting (site "stripped"), and the connected user deleted
// (site "main", a throwaway user). Zapier's renewal is played as Zapier plays it: on a
// RefreshAuthError, the session perform once, then the step once more. Also: a Site URL that is a
// post renews in one request and labels the site.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connectionLabel, getToken, testConnection } from '../../src/connection/authentication';
import { createPost } from '../../src/creates/create_post';
import { newPost } from '../../src/triggers/new_post';
import { OUTPUT_LOG, recordToken } from './logs';
import {
  SiteName,
  appTester,
  caught,
  connect,
  formFor,
  perform,
  recordRequests,
  requireWordPress,
  rest,
  run,
  sites,
  userMessage,
  users,
} from './harness';

jest.setTimeout(60_000);

type Perform = Parameters<typeof run>[0];
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const HTACCESS = 'RewriteRule ^(.*) - [E=HTTP_AUTHORIZATION:%1]';

beforeAll(async () => {
  await requireWordPress('main');
  await requireWordPress('stripped');
});

/**
 * The same token as if WordPress had issued it an hour ago, signed with the site's secret (the bench's
 * plugin checks the signature and the claims, as the real one does).
 */
/** When Zapier received a token an hour ago, by its own clock (the computed `token_issued_at`). */
const anHourAgo = () => String(Math.floor(Date.now() / 1000) - 3600);

function issuedAnHourAgo(token: string, site: SiteName): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
  const iat = Math.floor(Date.now() / 1000) - 3_600;
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode({ ...claims, iat, nbf: iat })}`;
  const signature = createHmac('sha256', sites[site].jwt_secret ?? '')
    .update(unsigned)
    .digest('base64url');
  const old = `${unsigned}.${signature}`;
  recordToken(old);
  return old;
}

/**
 * A step as Zapier runs it: on a RefreshAuthError, the session perform with the stored fields, then
 * the step once more; a second RefreshAuthError would be Zapier's generic "connection expired".
 */
async function asZapierRuns(step: Perform, input: Record<string, unknown>, auth: Record<string, string>) {
  let renewals = 0;
  const attempt = async (authData: Record<string, string>): Promise<Error> => {
    const err = await caught(() => run(step, input, { authData }));
    if (err.name !== 'RefreshAuthError' || renewals > 0) return err;
    renewals += 1;
    const renewal = await appTester(getToken, { authData }).then(
      (computed) => computed as Record<string, string>,
      (loginErr: Error) => loginErr,
    );
    if (renewal instanceof Error) return renewal;
    recordToken(renewal.token);
    return attempt({ ...authData, ...renewal });
  };
  const err = await attempt(auth);
  return { err, renewals };
}

describe('the Authorization header stripped after connecting (site "stripped")', () => {
  const title = `diagnosis ${RUN} stripped`;

  it('a write with a token just issued gets the .htaccess message, not a renewal: two requests in all', async () => {
    const auth = await connect('stripped', 'editor', true);
    const { result: err, requests } = await recordRequests(() =>
      caught(() => run(perform(createPost), { title }, { authData: auth })),
    );
    expect(err.name).not.toBe('RefreshAuthError');
    const message = userMessage(err);
    expect(message).toMatch(/removing the Authorization header/);
    expect(message).toContain(HTACCESS);
    expect(message).not.toContain(auth.token);
    // The refused write, then /token/validate: no login, no loop.
    expect(requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /wp-json/wp/v2/posts',
      'POST /wp-json/jwt-auth/v1/token/validate',
    ]);
  });

  it('with a token from an hour ago: Zapier renews once, and the retry gets the same message', async () => {
    const auth = await connect('stripped', 'editor');
    const { err, renewals } = await asZapierRuns(
      perform(createPost),
      { title },
      {
        ...auth,
        token: issuedAnHourAgo(auth.token, 'stripped'),
        token_issued_at: anHourAgo(),
      },
    );
    expect(renewals).toBe(1);
    expect(err.name).not.toBe('RefreshAuthError');
    expect(userMessage(err)).toContain(HTACCESS);
  });
});

describe('the connected user deleted on the site (site "main")', () => {
  const username = `gone${RUN}`;
  const password = `Gone-${RUN}-pass-4821`;
  let admin: Record<string, string>;
  let userId: number | undefined;
  let auth: Record<string, string>;

  beforeAll(async () => {
    admin = await connect('main', 'administrator');
    const created = await rest<{ id: number }>(admin, 'wp/v2/users', {
      method: 'POST',
      body: { username, password, email: `${username}@example.com`, roles: ['editor'] },
    });
    expect(created.status).toBe(201);
    userId = created.data.id;
    const form = { site_url: sites.main.url, username, password };
    auth = { ...form, ...((await appTester(getToken, { authData: form })) as Record<string, string>) };
    recordToken(auth.token);
    // Connected and working, then deleted by an administrator.
    await expect(appTester(testConnection, { authData: auth })).resolves.toMatchObject({ username });
    const me = await rest<{ id: number }>(admin, 'wp/v2/users/me');
    const deleted = await rest(admin, `wp/v2/users/${userId}`, {
      method: 'DELETE',
      query: { force: 'true', reassign: String(me.data.id) },
    });
    expect(deleted.status).toBe(200);
    userId = undefined;
  });

  afterAll(async () => {
    if (userId)
      await rest(admin, `wp/v2/users/${userId}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
  });

  const gone = new RegExp(`no longer has the WordPress user "${username}".*Reconnect`, 's');

  it('the connection test says the user no longer exists', async () => {
    const message = userMessage(await caught(() => appTester(testConnection, { authData: auth })));
    expect(message).toMatch(gone);
    expect(message).not.toMatch(/Authorization header/);
  });

  it('a draft poll says so too', async () => {
    const message = userMessage(await caught(() => run(perform(newPost), { status: 'draft' }, { authData: auth })));
    expect(message).toMatch(gone);
  });

  it('a write says so too, without a renewal', async () => {
    const err = await caught(() => run(perform(createPost), { title: `diagnosis ${RUN} gone` }, { authData: auth }));
    expect(err.name).not.toBe('RefreshAuthError');
    expect(userMessage(err)).toMatch(gone);
  });

  it('with a token from an hour ago: the renewal itself says the user no longer exists', async () => {
    const { err, renewals } = await asZapierRuns(
      perform(createPost),
      { title: `diagnosis ${RUN} gone` },
      {
        ...auth,
        token: issuedAnHourAgo(auth.token, 'main'),
        token_issued_at: anHourAgo(),
      },
    );
    expect(renewals).toBe(1);
    expect(userMessage(err)).toMatch(gone);
  });

  it("never logs this user's password (the diagnosis logs in with it), which the run's secret scan does not know", () => {
    const log = readFileSync(OUTPUT_LOG, 'utf8');
    expect(log).toContain('jwt-auth/v1/token/validate');
    expect(log).not.toContain(password);
  });
});

describe('a Site URL that is a post, or a host alias', () => {
  it.each([
    ['a post', `${sites.main.url}/hello-world/`],
    ['a feed on a host alias', 'http://localhost:8080/feed/'],
  ])('%s: renewal costs one request, and the label shows the site', async (_name, siteUrl) => {
    const form = { ...formFor('main', 'editor'), site_url: siteUrl };
    const auth: Record<string, string> = { ...form, ...((await appTester(getToken, { authData: form })) as object) };
    recordToken(auth.token);
    expect(auth.rest_root).toBe(sites.main.rest_root);

    const { result: renewed, requests } = await recordRequests(() => appTester(getToken, { authData: auth }));
    recordToken((renewed as Record<string, string>).token);
    expect(requests).toEqual([expect.objectContaining({ method: 'POST', path: '/wp-json/jwt-auth/v1/token' })]);

    const result = (await appTester(testConnection, { authData: auth })) as unknown as Record<string, string>;
    const label = connectionLabel.replace(/{{(\w+)}}/g, (_m, key: string) => String(result[key]));
    expect(label).toBe(`${users.editor.display_name} @ 127.0.0.1:8080`);
  });
});
