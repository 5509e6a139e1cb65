// Create User: fields, mapping, the generated password, and WordPress's errors.
import nock from 'nock';
import { USER_FIELDS } from '../../../src/wordpress/user';
import type { UserWriteOutput } from '../../../src/zap/user_write';
import { USER_WRITE_QUERY, createPerform, invalidParam, restError, wpUser } from '../fixtures';
import { PASSWORD, TOKEN, appTester, bundle, wp, failsWith } from '../helpers';

const createUser = createPerform('create_user');
const create = (input: Record<string, unknown>) => appTester(createUser, bundle(input)) as Promise<UserWriteOutput>;
const NEW_PASSWORD = 'N3w "pässwörd" 🚀 &';

type Body = Record<string, unknown>;

describe('Create User', () => {
  it('sends every field in one request with the user output query, and never echoes the password', async () => {
    let sent: Body = {};
    const scope = wp()
      .post('/wp-json/wp/v2/users', (body: Body) => {
        sent = body;
        return true;
      })
      .query(USER_WRITE_QUERY)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(
        201,
        wpUser({ id: 77, username: 'zoe', email: 'zoe@example.org', first_name: 'Zoë', roles: ['author', 'editor'] }),
      );
    const asTyped = {
      email: 'zoe@example.org',
      password: NEW_PASSWORD,
      first_name: 'Zoë',
      last_name: "O'Brien",
      name: 'Zoë 🚀',
      nickname: 'zo',
      description: 'Gärtnerin & <b>Bäckerin</b>',
    };
    const out = await create({ ...asTyped, username: ' zoe ', url: 'zoe.example.org', roles: ['Author', 'editor'] });
    expect(scope.isDone()).toBe(true);
    // Sent as typed, but for the trimmed username, the completed URL and role slugs.
    expect(sent).toEqual({
      ...asTyped,
      username: 'zoe',
      url: 'https://zoe.example.org',
      roles: ['author', 'editor'],
    });
    expect(out).toMatchObject({
      id: 77,
      username: 'zoe',
      first_name: 'Zoë',
      roles: ['author', 'editor'],
      role: 'author',
    });
    expect(JSON.stringify(out)).not.toContain(NEW_PASSWORD);
  });

  it('generates a long random password when none is given, and it appears nowhere in the output', async () => {
    let sent: Body = {};
    wp()
      .post('/wp-json/wp/v2/users', (body: Body) => ((sent = body), true))
      .query(true)
      .reply(201, wpUser({ id: 78 }));
    const out = await create({ username: 'zoe', email: 'zoe@example.org', password: '   ' });
    expect(typeof sent.password).toBe('string');
    expect((sent.password as string).length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(out)).not.toContain(sent.password as string);
    expect(Object.keys(sent).sort()).toEqual(['email', 'password', 'username']);
  });

  it('sends custom fields and reports each key WordPress did not save as a warning on the created user, never an error', async () => {
    wp()
      .post('/wp-json/wp/v2/users', {
        username: 'zoe',
        email: 'zoe@example.org',
        password: NEW_PASSWORD,
        meta: { crm_id: '42', plan: 'gold' },
      })
      .query({ context: 'edit', _fields: USER_FIELDS })
      .reply(201, { ...wpUser({ id: 79, username: 'zoe' }), meta: { plan: 'gold', persisted_preferences: [] } });
    const out = await create({
      username: 'zoe',
      email: 'zoe@example.org',
      password: NEW_PASSWORD,
      meta: { crm_id: 42, plan: 'gold' },
    });
    expect(out).toMatchObject({ id: 79, username: 'zoe' });
    expect(out.warnings).toEqual([
      'Custom Fields: WordPress did not save "crm_id", because it is not registered for the REST API for users. A developer must register it with register_meta and show_in_rest => true; until then, set it in WordPress.',
    ]);
    expect(JSON.stringify(out)).not.toContain(NEW_PASSWORD);
  });

  it('has no warnings when WordPress saved everything', async () => {
    wp()
      .post('/wp-json/wp/v2/users')
      .query(true)
      .reply(201, wpUser({ id: 80 }));
    expect((await create({ username: 'zoe', email: 'zoe@example.org' })).warnings).toEqual([]);
  });

  it.each<[string, number, unknown, RegExp, number]>([
    [
      'existing_user_login',
      500,
      { code: 'existing_user_login', message: 'Sorry, that username already exists!', data: null },
      /^Username: a WordPress user named "zoe" already exists\. Choose another username, or use Find or Create User/,
      400,
    ],
    [
      'existing_user_email',
      500,
      { code: 'existing_user_email', message: 'Sorry, that email address is already used!', data: null },
      /^Email: zoe@example\.org already belongs to another WordPress user\. Use another email, or use Find or Create User/,
      400,
    ],
    [
      'rest_cannot_create_user',
      403,
      restError('rest_cannot_create_user', 'Sorry, you are not allowed to create new users.', 403),
      /not allowed to create users: WordPress requires the "create_users" capability \(roles: Administrator\)/,
      403,
    ],
    [
      'rest_cannot_edit_roles',
      403,
      restError('rest_cannot_edit_roles', 'no', 403),
      /not allowed to change user roles: .*"promote_users".* Or leave Roles empty\.$/,
      403,
    ],
    [
      'rest_user_invalid_role',
      400,
      restError('rest_user_invalid_role', 'The role bogus does not exist.', 400),
      /^Roles: the role "bogus" does not exist on this site\. WordPress said: "The role bogus does not exist"\. Pick roles from the dropdown, or type a role's slug \(for example shop_manager\)\.$/,
      400,
    ],
    [
      'rest_user_invalid_email',
      400,
      restError('rest_user_invalid_email', 'Invalid email address.', 400),
      /^Email: WordPress refused zoe@example\.org: it is not a valid address, or another user already has it/,
      400,
    ],
    [
      'rest_user_invalid_password',
      400,
      restError('rest_user_invalid_password', 'Passwords cannot contain the "\\" character.', 400),
      /^Password: WordPress refused the password\. WordPress said: "Passwords cannot contain the "\\" character"\.$/,
      400,
    ],
  ])(
    '%s (HTTP %i) becomes a message a Zapier user understands',
    async (_code, status, body, expected, expectedStatus) => {
      wp()
        .post('/wp-json/wp/v2/users')
        .query(true)
        .reply(status, body as nock.Body);
      const { message, err } = await failsWith(() =>
        create({ username: 'zoe', email: 'zoe@example.org', password: NEW_PASSWORD, roles: 'bogus' }),
      );
      expect(message).toMatch(expected);
      expect(message).not.toMatch(/server|HTTP 500/i);
      expect(JSON.parse(err.message).status).toBe(expectedStatus);
    },
  );

  it('names the field of a rest_invalid_param (username with illegal characters, bad email)', async () => {
    wp()
      .post('/wp-json/wp/v2/users')
      .query(true)
      .reply(
        400,
        invalidParam(
          'username',
          'This username is invalid because it uses illegal characters. Please enter a valid username.',
          'rest_user_invalid_username',
        ),
      );
    expect((await failsWith(() => create({ username: '🚀', email: 'zoe@example.org' }))).message).toBe(
      'WordPress rejected the input. Username (username): This username is invalid because it uses illegal characters. Please enter a valid username. Correct this field and try again.',
    );
  });

  it('never shows the password, even if WordPress quotes it', async () => {
    wp()
      .post('/wp-json/wp/v2/users')
      .query(true)
      .reply(
        400,
        restError(
          'rest_user_invalid_password',
          `The password ${NEW_PASSWORD} is weak; token ${TOKEN}; ${PASSWORD}`,
          400,
        ),
      );
    const { message, err } = await failsWith(() =>
      create({ username: 'zoe', email: 'zoe@example.org', password: NEW_PASSWORD }),
    );
    expect(message).not.toContain(NEW_PASSWORD);
    expect(err.message).not.toContain(JSON.stringify(NEW_PASSWORD).slice(1, -1));
    expect(message).toContain('[hidden]');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no username', { email: 'a@b.co' }, /^Username: is required/],
    ['a whitespace username', { username: '  ', email: 'a@b.co' }, /^Username: is required/],
    [
      'a giant username',
      { username: 'u'.repeat(61), email: 'a@b.co' },
      /^Username: is 61 characters long; WordPress accepts at most 60/,
    ],
    ['no email', { username: 'zoe' }, /^Email: is required/],
    ['a bad email', { username: 'zoe', email: 'zoe at example' }, /^Email: "zoe at example" is not an email address/],
    ['a giant email', { username: 'zoe', email: `${'a'.repeat(95)}@b.com` }, /^Email: is 101 characters long/],
    [
      'a bad website',
      { username: 'zoe', email: 'a@b.co', url: 'javascript:alert(1)' },
      /^Website: "javascript:alert\(1\)" must start with http:\/\/ or https:\/\//,
    ],
    [
      'a website with spaces',
      { username: 'zoe', email: 'a@b.co', url: 'http://exa mple.com' },
      /^Website: "http:\/\/exa mple\.com" is not a web address/,
    ],
    ['a bad role', { username: 'zoe', email: 'a@b.co', roles: ['<script>'] }, /^Roles: "<script>" is not a role name/],
    [
      'a backslash password (not quoted)',
      { username: 'zoe', email: 'a@b.co', password: 'se\\cret' },
      /^Password: WordPress does not allow the backslash character/,
    ],
    [
      'an object as first name',
      { username: 'zoe', email: 'a@b.co', first_name: { a: 1 } },
      /^First Name: expects text, got an object\.$/,
    ],
    [
      'a giant display name',
      { username: 'zoe', email: 'a@b.co', name: 'n'.repeat(251) },
      /^Display Name: is 251 characters long/,
    ],
  ])('refuses %s before any request', async (_name, input, expected) => {
    const { message } = await failsWith(() => create(input));
    expect(message).toMatch(expected);
    expect(message).not.toContain('se\\cret');
    expect(nock.pendingMocks()).toEqual([]);
  });
});
