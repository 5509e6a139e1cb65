// Create User, Update User and Find User through Zapier's runtime against the real WordPress (site
// "main"), as the roles that may and may not run them. Every user has a unique name per run.
import { createUser } from '../../src/creates/create_user';
import { updateUser } from '../../src/creates/update_user';
import { findUser } from '../../src/searches/find_user';
import type { UserOutput } from '../../src/wordpress/user';
import { caught, connect, perform, requireWordPress, rest, run, sites, userMessage, users } from './harness';
import type { UserName } from './harness';
import { RUN, expectClean } from './action_files';

beforeAll(() => requireWordPress('main'));

jest.setTimeout(60_000);

describe('Users', () => {
  const username = `e2e_${RUN}`;
  const email = `e2e.${RUN}@example.com`;
  const password = `E2E-pass-${RUN}-✓`;
  let created: UserOutput;

  it('creates a user as an administrator, with names, roles and a password that works', async () => {
    created = await run<UserOutput>(perform(createUser), {
      username,
      email,
      password,
      first_name: 'Zoë',
      last_name: "O'Brien-Nørgaard",
      name: 'Zoë 🚀',
      url: 'zoe.example.org',
      description: 'Gärtnerin & Bäckerin',
      roles: ['author'],
    });
    expect(created).toMatchObject({
      username,
      email,
      first_name: 'Zoë',
      last_name: "O'Brien-Nørgaard",
      name: 'Zoë 🚀',
      url: 'https://zoe.example.org',
      roles: ['author'],
      description: 'Gärtnerin & Bäckerin',
    });
    expect(JSON.stringify(created)).not.toContain(password);
    const login = await fetch(`${sites.main.url}/wp-json/jwt-auth/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
  });

  it('generates a password when none is given, and does not show it', async () => {
    const user = await run<UserOutput>(perform(createUser), { username: `${username}_gen`, email: `gen.${email}` });
    expect(user.roles).toEqual(['subscriber']);
    expect(Object.keys(user)).not.toContain('password');
  });

  it("says a duplicate username or email is the input's fault", async () => {
    let err = await caught(() => run(perform(createUser), { username, email: `other.${email}`, password }));
    expect(userMessage(err)).toBe(
      `Username: a WordPress user named "${username}" already exists. Choose another username, or use Find or Create User to reuse the existing one.`,
    );
    err = await caught(() =>
      run(perform(createUser), { username: `${username}_2`, email: email.toUpperCase(), password }),
    );
    expect(userMessage(err)).toMatch(/^Email: .* already belongs to another WordPress user/);
    err = await caught(() => run(perform(createUser), { username: `${username} ñ 🚀`, email: `x.${email}`, password }));
    expect(userMessage(err)).toMatch(
      /Username \(username\): This username is invalid because it uses illegal characters/,
    );
    expectClean(userMessage(err));
  });

  it.each<[UserName, RegExp]>([
    ['editor', /not allowed to create users.*create_users.*Administrator/],
    ['author', /not allowed to create users/],
  ])('refuses Create User as %s', async (role, expected) => {
    const err = await caught(() =>
      run(
        perform(createUser),
        { username: `${username}_${role}`, email: `${role}.${email}`, password },
        { user: role },
      ),
    );
    expect(userMessage(err)).toMatch(expected);
    expectClean(userMessage(err));
  });

  it('updates only the fields filled in, and roles', async () => {
    const updated = await run<UserOutput>(perform(updateUser), {
      user_id: String(created.id),
      first_name: 'Zoé',
      last_name: '',
      roles: ['editor'],
    });
    expect(updated).toMatchObject({
      first_name: 'Zoé',
      last_name: "O'Brien-Nørgaard",
      name: 'Zoë 🚀',
      email,
      roles: ['editor'],
    });
  });

  it('refuses an editor editing an administrator, an author changing roles, an unknown user, a taken email', async () => {
    let err = await caught(() => run(perform(updateUser), { user_id: '1', first_name: 'x' }, { user: 'editor' }));
    expect(userMessage(err)).toMatch(/not allowed to edit user 1.*edit_users/);
    const me = await connect('main', 'author');
    const self = await rest<{ id: number }>(me, 'wp/v2/users/me', { query: { _fields: 'id' } });
    err = await caught(() =>
      run(perform(updateUser), { user_id: self.data.id, roles: ['editor'] }, { user: 'author' }),
    );
    expect(userMessage(err)).toMatch(/not allowed to change user roles.*promote_users.*Or leave Roles empty/);
    err = await caught(() => run(perform(updateUser), { user_id: '987654', first_name: 'x' }));
    expect(userMessage(err)).toMatch(/^User: WordPress has no user with ID 987654/);
    err = await caught(() => run(perform(updateUser), { user_id: created.id, email: users.editor.email }));
    expect(userMessage(err)).toMatch(
      /^Email: WordPress refused edith\.editor@example\.com: .*another user already has it/,
    );
  });

  it('finds users by exact email (any case), exact username and search text; a partial email finds nobody', async () => {
    const byEmail = await run<UserOutput[]>(perform(findUser), { email: email.toUpperCase() });
    expect(byEmail.map((u) => u.id)).toEqual([created.id]);
    expect(await run(perform(findUser), { email: email.replace('@example.com', '@example.co') })).toEqual([]);
    expect(await run(perform(findUser), { email: email.slice(1) })).toEqual([]);
    const byUsername = await run<UserOutput[]>(perform(findUser), { username });
    expect(byUsername.map((u) => u.id)).toEqual([created.id]);
    const bySearch = await run<UserOutput[]>(perform(findUser), { search: RUN });
    expect(bySearch.map((u) => u.id)).toContain(created.id);
  });

  it('an author may update their own profile', async () => {
    const me = await connect('main', 'author');
    const self = await rest<{ id: number }>(me, 'wp/v2/users/me', { query: { _fields: 'id' } });
    const updated = await run<UserOutput>(
      perform(updateUser),
      { user_id: self.data.id, description: `Bio ${RUN}` },
      { user: 'author' },
    );
    expect(updated.description).toBe(`Bio ${RUN}`);
  });

  it('Find User needs an administrator', async () => {
    const err = await caught(() => run(perform(findUser), { email }, { user: 'editor' }));
    expect(userMessage(err)).toMatch(/not allowed to look up users by email or username.*list_users.*Administrator/);
  });
});
