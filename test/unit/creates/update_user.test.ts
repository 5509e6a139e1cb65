// Update User: only the fields filled in, never the username, a new password never shown, and the
// errors of editing a user.
import { USER_WRITE_QUERY, createPerform, restError, wpUser } from '../fixtures';
import { appTester, bundle, wp, failsWith } from '../helpers';
import type { UserOutput } from '../../../src/user';

const updateUser = createPerform('update_user');
const update = (input: Record<string, unknown>) => appTester(updateUser, bundle(input)) as Promise<UserOutput>;
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
