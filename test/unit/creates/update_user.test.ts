// Update User: only the fields filled in, never the username, a new password never shown, and the
// errors of editing a user.
import nock from 'nock';
import app from '../../../index';
import { USER_WRITE_QUERY, createPerform, restError, wpUser } from '../fixtures';
import { appTester, bundle, wp, failsWith } from '../helpers';
import type { UserWriteOutput } from '../../../src/zap/user_write';

const updateUser = createPerform('update_user');
const update = (input: Record<string, unknown>) => appTester(updateUser, bundle(input)) as Promise<UserWriteOutput>;
const NEW_PASSWORD = 'N3w "pässwörd" 🚀 &';

type Body = Record<string, unknown>;

describe('Update User', () => {
  it('sends only filled-in fields to /users/{id}', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/users/42', (body: Body) => {
        expect(body).toEqual({ first_name: 'Zoé', roles: ['editor'] });
        return true;
      })
      .query(USER_WRITE_QUERY)
      .reply(200, wpUser({ id: 42, first_name: 'Zoé', roles: ['editor'] }));
    const out = await update({
      user_id: '42',
      first_name: 'Zoé',
      last_name: '',
      email: '  ',
      name: null,
      roles: ['editor'],
      password: '',
      meta: {},
    });
    expect(scope.isDone()).toBe(true);
    expect(out).toMatchObject({ id: 42, first_name: 'Zoé', roles: ['editor'] });
  });

  it('never sends a username, even if one is mapped', async () => {
    wp()
      .post('/wp-json/wp/v2/users/42', { nickname: 'zo' })
      .query(true)
      .reply(200, wpUser({ id: 42 }));
    await update({ user_id: '42', username: 'renamed', nickname: 'zo' });
  });

  it('sends a new password but never shows it', async () => {
    wp()
      .post('/wp-json/wp/v2/users/42', { password: NEW_PASSWORD })
      .query(true)
      .reply(200, wpUser({ id: 42 }));
    const out = await update({ user_id: 42, password: NEW_PASSWORD });
    expect(JSON.stringify(out)).not.toContain(NEW_PASSWORD);
  });

  it('reports a custom field WordPress did not save as a warning on the updated user, never an error', async () => {
    wp()
      .post('/wp-json/wp/v2/users/42', { password: NEW_PASSWORD, meta: { crm_id: '42' } })
      .query(USER_WRITE_QUERY)
      .reply(200, { ...wpUser({ id: 42 }), meta: {} });
    const out = await update({ user_id: 42, password: NEW_PASSWORD, meta: { crm_id: '42' } });
    expect(out).toMatchObject({ id: 42 });
    expect(out.warnings).toEqual([
      'Custom Fields: WordPress did not save "crm_id", because it is not registered for the REST API for users. A developer must register it with register_meta and show_in_rest => true; until then, set it in WordPress.',
    ]);
    expect(JSON.stringify(out)).not.toContain(NEW_PASSWORD);
  });

  it('with nothing filled in, reads the user', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/users/42')
      .query(USER_WRITE_QUERY)
      .reply(200, wpUser({ id: 42 }));
    await update({ user_id: '42' });
    expect(scope.isDone()).toBe(true);
  });

  it.each<[string, number, RegExp]>([
    [
      'rest_user_invalid_id',
      404,
      /^User: WordPress has no user with ID 42 \(the user may have been deleted\)\. Pick the user from the dropdown, or find it with Find User\.$/,
    ],
    [
      'rest_cannot_edit',
      403,
      /not allowed to edit user 42: WordPress requires the "edit_users" capability .*only an Administrator may edit an Administrator/,
    ],
    ['rest_cannot_edit_roles', 403, /change user roles/],
    [
      'rest_user_invalid_email',
      400,
      /^Email: WordPress refused taken@example\.org: it is not a valid address, or another user already has it/,
    ],
    ['rest_user_invalid_argument', 400, /The username cannot be changed/],
  ])('%s has a specific message', async (code, status, expected) => {
    wp()
      .post('/wp-json/wp/v2/users/42')
      .query(true)
      .reply(status, restError(code, 'WordPress text.', status));
    expect((await failsWith(() => update({ user_id: '42', email: 'taken@example.org' }))).message).toMatch(expected);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no user', { first_name: 'x' }, /^User: is required/],
    ['a negative user', { user_id: -1, first_name: 'x' }, /^User: "-1" is not an ID/],
    ['an email as user', { user_id: 'zoe@example.org' }, /^User: "zoe@example\.org" is not an ID/],
  ])('refuses %s before any request', async (_name, input, expected) => {
    expect((await failsWith(() => update(input))).message).toMatch(expected);
  });
});

describe('Update User: a role WordPress does not have, and a role the connected user may not give', () => {
  it('400 "The role X does not exist": an unknown role, named', async () => {
    wp()
      .post('/wp-json/wp/v2/users/1')
      .query(true)
      .reply(400, restError('rest_user_invalid_role', 'The role no_such_role does not exist.', 400));
    const { message } = await failsWith(() => update({ user_id: '1', roles: 'No Such Role' }));
    expect(message).toBe(
      'Roles: the role "no_such_role" does not exist on this site. WordPress said: "The role no_such_role does not exist". ' +
        "Pick roles from the dropdown, or type a role's slug (for example shop_manager).",
    );
  });

  // 403 in practice: WordPress says 401 only to a visitor who is not logged in, and a visitor is
  // refused earlier (rest_cannot_edit_roles).
  it.each([403])(
    '%i "not allowed to give users that role": a permission, with the way out, never "unknown role"',
    async (status) => {
      wp()
        .post('/wp-json/wp/v2/users/1')
        .query(true)
        .reply(
          status,
          restError('rest_user_invalid_role', 'Sorry, you are not allowed to give users that role.', status),
        );
      const { message, err } = await failsWith(() => update({ user_id: '1', roles: ['editor', 'author'] }));
      expect(message).toMatch(
        /^The WordPress user this connection uses is not allowed to give one of the roles "editor", "author"\. WordPress said: "Sorry, you are not allowed to give users that role"\./,
      );
      expect(message).toMatch(/an Administrator cannot demote themselves/);
      expect(message).toMatch(/To change your own role, connect as another Administrator/);
      expect(message).not.toMatch(/does not exist|does not know/);
      expect(JSON.parse(err.message).status).toBe(status);
    },
  );
});

describe('Update User: Clear These Fields', () => {
  it('lists the fields WordPress lets be emptied (not the nickname or display name: it puts the username back)', () => {
    const field = (app.creates!.update_user!.operation.inputFields as Array<{ key: string; choices?: unknown }>).find(
      (f) => f.key === 'clear_fields',
    );
    expect((field?.choices as Array<{ value: string; label: string }>).map((c) => c.label)).toEqual([
      'First Name',
      'Last Name',
      'Website',
      'Biographical Info',
    ]);
    const create = app.creates!.create_user!.operation.inputFields as Array<{ key: string }>;
    expect(create.map((f) => f.key)).not.toContain('clear_fields');
  });

  it('sends each listed field empty, beside the ones filled in; the output shows them empty', async () => {
    const scope = wp()
      .post('/wp-json/wp/v2/users/42', (body: Body) => {
        expect(body).toEqual({ last_name: 'Kept', first_name: '', url: '', description: '' });
        return true;
      })
      .query(USER_WRITE_QUERY)
      .reply(200, wpUser({ id: 42, first_name: '', last_name: 'Kept', url: '', description: '' }));
    const out = await update({
      user_id: '42',
      first_name: '',
      last_name: 'Kept',
      clear_fields: 'First Name, website, description',
    });
    expect(scope.isDone()).toBe(true);
    expect(out).toMatchObject({ first_name: '', last_name: 'Kept', url: '', description: '', warnings: [] });
  });

  it('refuses a field both filled in and listed, before any request', async () => {
    const { message } = await failsWith(() =>
      update({ user_id: '42', url: 'https://example.org', clear_fields: ['url'] }),
    );
    expect(message).toBe(
      'Website is filled in and also listed in Clear These Fields: a field can be set or emptied, not both. Leave Website empty to empty it, or take it out of Clear These Fields.',
    );
    const unknown = await failsWith(() => update({ user_id: '42', clear_fields: ['Nickname'] }));
    expect(unknown.message).toBe(
      'Clear These Fields: "Nickname" is not a field this action can empty. Pick from: First Name, Last Name, Website, Biographical Info.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });
});
