// Messages that say what really happened, against the real WordPress (site "main"): a status the
// user may not read, a role nobody has on New User, a role that does not exist versus one the
// connected user may not give, and server failures that Zapier does not retry.
import { newUser } from '../../src/triggers/new_user';
import { findPost } from '../../src/searches/find_post';
import { updateUser } from '../../src/creates/update_user';
import { CRITICAL_ERROR, FaultProxy } from './fault-proxy';
import { caught, connect, recordRequests, requireWordPress, rest, run, sites, userMessage, users } from './harness';

jest.setTimeout(60_000);

const perform = (op: { operation: object }) => (op.operation as { perform: unknown }).perform as never;

function expectClean(message: string) {
  expect(message).toBeTruthy();
  expect(message).not.toMatch(/undefined|\[object Object\]|^\s+at /m);
  for (const user of Object.values(users)) expect(message).not.toContain(user.password);
}

beforeAll(() => requireWordPress('main'));

describe('Find Post with a Status the connected user may not read', () => {
  it('a subscriber asking for drafts learns the capability and the roles, not "Status is forbidden"', async () => {
    const message = userMessage(
      await caught(() => run(perform(findPost), { title: 'Hello world!', status: 'draft' }, { user: 'subscriber' })),
    );
    expect(message).toMatch(
      /not allowed to read draft posts: WordPress requires the "edit_posts" capability \(roles: Contributor, Author, Editor or Administrator\)/,
    );
    expect(message).toMatch(/Or set Status to Published\.$/);
    expect(message).not.toMatch(/Status is forbidden/);
    expectClean(message);
  });

  it('with Any Status the same subscriber still finds published posts', async () => {
    const found = await run<Array<{ status: string }>>(perform(findPost), { search: 'a' }, { user: 'subscriber' });
    expect(found.length).toBeGreaterThan(0);
    for (const post of found) expect(post.status).toBe('publish');
  });
});

describe('New User with a role nobody has', () => {
  const role = 'Nobody Has This Role';

  it('while the trigger is tested, is refused with the roles that exist', async () => {
    const { result, requests } = await recordRequests(() =>
      caught(() => run(perform(newUser), { role }, { meta: { isLoadingSample: true } })),
    );
    const message = userMessage(result);
    expect(message).toMatch(/^Role: no user has the role "nobody_has_this_role"/);
    // The bench's users hold the standard five: all are named, as slugs to type.
    expect(message).toMatch(/subscriber, contributor, author, editor, administrator/);
    expect(message).toMatch(/skip this test/);
    expectClean(message);
    // The poll (with the label made a slug), then one request for the roles.
    const users = requests.filter((r) => r.path.includes('/wp/v2/users'));
    expect(users).toHaveLength(2);
    expect(users[0].path).toContain('roles=nobody_has_this_role');
  });

  it('a live poll is empty, without a second request (the Zap may be waiting for the first user)', async () => {
    const { result, requests } = await recordRequests(() => run(perform(newUser), { role }));
    expect(result).toEqual([]);
    expect(requests.filter((r) => r.path.includes('/wp/v2/users'))).toHaveLength(1);
  });

  it('a role that exists is not refused: editors are found', async () => {
    const found = await run<Array<{ roles: string[] }>>(
      perform(newUser),
      { role: 'Editor' },
      {
        meta: { isLoadingSample: true },
      },
    );
    expect(found.length).toBeGreaterThan(0);
    for (const user of found) expect(user.roles).toContain('editor');
  });
});

describe('Update User: a role that does not exist, and one the connected user may not give', () => {
  async function ownId(user: 'administrator' | 'editor'): Promise<string> {
    const me = await rest<{ id: number }>(await connect('main', user), 'wp/v2/users/me', { query: { _fields: 'id' } });
    return String(me.data.id);
  }

  it('an administrator giving a role the site does not have: the role is unknown', async () => {
    const message = userMessage(
      await caught(async () =>
        run(perform(updateUser), { user_id: await ownId('administrator'), roles: ['no_such_role'] }),
      ),
    );
    expect(message).toMatch(/^Roles: the role "no_such_role" does not exist on this site\./);
    expectClean(message);
  });

  it('an administrator giving their own account a role without edit_users: a permission, not an unknown role', async () => {
    const id = await ownId('administrator');
    // WordPress stops at "editor" before writing anything; "administrator" is listed as well so that
    // even a WordPress that wrote would only add roles, never take the bench's administrator away.
    const message = userMessage(
      await caught(() => run(perform(updateUser), { user_id: id, roles: ['editor', 'administrator'] })),
    );
    expect(message).toMatch(
      /^The WordPress user this connection uses is not allowed to give one of the roles "editor", "administrator"\. WordPress said: "Sorry, you are not allowed to give users that role"\./,
    );
    expect(message).toMatch(/To change your own role, connect as another Administrator/);
    expect(message).not.toMatch(/does not exist|does not know/);
    expectClean(message);
    const admin = await rest<{ roles: string[] }>(await connect('main', 'administrator'), `wp/v2/users/${id}`, {
      query: { context: 'edit', _fields: 'roles' },
    });
    expect(admin.data.roles).toEqual(['administrator']);
  });

  it('an editor giving any role: the capability it takes (promote_users), not an unknown role', async () => {
    const message = userMessage(
      await caught(async () =>
        run(perform(updateUser), { user_id: await ownId('editor'), roles: ['author'] }, { user: 'editor' }),
      ),
    );
    expect(message).toMatch(/not allowed to change user roles: WordPress requires the "promote_users" capability/);
    expect(message).not.toMatch(/does not exist|does not know/);
    expectClean(message);
  });
});

describe('a server failure Zapier does not retry', () => {
  const proxy = new FaultProxy(sites.main.url);
  let viaProxy: Record<string, string>;

  beforeAll(async () => {
    const origin = await proxy.start();
    const direct = await connect('main', 'administrator');
    viaProxy = { ...direct, site_url: origin, rest_root: `${origin}/wp-json/` };
  });
  afterEach(() => proxy.clear());
  afterAll(() => proxy.close());

  it('a failed read says to try again in a few minutes, never "Zapier will retry"', async () => {
    proxy.inject(/GET \/wp-json\/wp\/v2\/posts/, { kind: 'status', status: 502 });
    const message = userMessage(
      await caught(() => run(perform(findPost), { search: 'hello' }, { authData: viaProxy })),
    );
    expect(message).toMatch(/failed with HTTP 502 and no explanation\..*try again in a few minutes/);
    expect(message).not.toMatch(/retry/i);
  });

  it('a failed write is read back before the step ends: an update that holds the values sent succeeds, with a warning', async () => {
    proxy.inject(/POST \/wp-json\/wp\/v2\/users/, CRITICAL_ERROR);
    // The nickname it already has: a write, yet nothing would change even if the fault missed.
    const me = await rest<{ id: number; nickname: string }>(viaProxy, 'wp/v2/users/me', {
      query: { context: 'edit', _fields: 'id,nickname' },
    });
    const out = await run<{ id: number; warnings: string[] }>(
      perform(updateUser),
      { user_id: String(me.data.id), nickname: me.data.nickname },
      { authData: viaProxy },
    );
    expect(proxy.seen.filter((r) => r.method === 'POST').map((r) => r.fault)).toEqual(['status']);
    expect(out.warnings).toEqual([
      `WordPress's answer was lost (the site answered HTTP 500 (internal_server_error) instead of WordPress's answer), so Zapier read user ${me.data.id} back: it has the new values.`,
    ]);
  });

  it('a write whose success answer arrives cut off is read back, never "try again"', async () => {
    proxy.inject(/POST \/wp-json\/wp\/v2\/users/, { kind: 'truncate' });
    const me = await rest<{ id: number; nickname: string }>(viaProxy, 'wp/v2/users/me', {
      query: { context: 'edit', _fields: 'id,nickname' },
    });
    const out = await run<{ id: number; warnings: string[] }>(
      perform(updateUser),
      { user_id: String(me.data.id), nickname: me.data.nickname },
      { authData: viaProxy },
    );
    // WordPress did save it (the proxy forwarded the write and cut only the answer).
    expect(proxy.seen.filter((r) => r.method === 'POST' && r.reachedWordPress)).toHaveLength(1);
    expect(out.warnings[0]).toMatch(
      /^WordPress's answer was lost \(WordPress's answer \(HTTP 200\) arrived cut off or garbled\)/,
    );
  });

  it('a write whose success answer arrives after a PHP notice succeeds with WordPress’s answer (one write)', async () => {
    const notice =
      '<br />\n<b>Notice</b>:  Undefined index: x in <b>/var/www/html/wp-content/plugins/p.php</b> on line <b>3</b><br />\n';
    proxy.inject(/POST \/wp-json\/wp\/v2\/users/, { kind: 'prepend', text: notice });
    const me = await rest<{ id: number; nickname: string }>(viaProxy, 'wp/v2/users/me', {
      query: { context: 'edit', _fields: 'id,nickname' },
    });
    const out = await run<{ id: number; nickname: string }>(
      perform(updateUser),
      { user_id: String(me.data.id), nickname: me.data.nickname },
      { authData: viaProxy },
    );
    expect(proxy.seen.filter((r) => r.method === 'POST').map((r) => r.fault)).toEqual(['prepend']);
    expect(out).toMatchObject({ id: me.data.id, nickname: me.data.nickname });
  });
});
