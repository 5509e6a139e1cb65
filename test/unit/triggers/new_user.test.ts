// New User: newest registrations first, edit context, a clear refusal without list_users.
import { USER_FIELDS } from '../../../src/wordpress/user';
import { restError, triggerPerform } from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, failsWith, userMessage, wp } from '../helpers';

const newUser = triggerPerform('new_user');
type Out = Array<Record<string, unknown>>;

const user = (id: number, registered: string, extra: Record<string, unknown> = {}) => ({
  id,
  username: `user${id}`,
  name: `User &amp; ${id}`,
  first_name: 'Jane',
  last_name: 'O&#8217;Doe',
  email: `user${id}@example.com`,
  roles: ['subscriber'],
  registered_date: registered,
  link: `https://example.com/author/user${id}/`,
  avatar_urls: { '24': 'https://gravatar.example/a?s=24', '96': 'https://gravatar.example/a?s=96' },
  ...extra,
});

describe('New User', () => {
  it('asks for the newest users by ID in the edit context, in one request', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query({
        context: 'edit',
        _fields: USER_FIELDS,
        orderby: 'id',
        order: 'desc',
        per_page: '90',
        page: '1',
      })
      .reply(200, [
        user(11, '2026-03-14T08:30:00+00:00'),
        user(12, '2026-03-14T08:30:00+00:00'),
        user(13, '2026-03-15T08:30:00+00:00'),
      ]);
    const result = (await appTester(newUser, bundle())) as Out;
    // By ID, newest first: user IDs only grow.
    expect(result.map((u) => u.id)).toEqual([13, 12, 11]);
    expect(result[0]).toMatchObject({
      email: 'user13@example.com',
      name: 'User & 13',
      last_name: 'O’Doe',
      role: 'subscriber',
      avatar_url: 'https://gravatar.example/a?s=96',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('filters by role, and returns only a few for a sample', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query((q) => q.roles === 'customer' && q.per_page === '3')
      .reply(200, [user(21, '2026-03-14T08:30:00+00:00', { roles: ['customer'] })]);
    await appTester(newUser, bundle({ role: 'customer' }, { isLoadingSample: true }));
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['rest_forbidden_context', 'Sorry, you are not allowed to edit users.'],
    ['rest_forbidden_orderby', 'Sorry, you are not allowed to order users by this parameter.'],
  ])('without list_users (%s) names the capability and the role, not a bare 403', async (code, wpMessage) => {
    wp()
      .get('/wp-json/wp/v2/users')
      .query(true)
      .reply(403, restError(code, wpMessage, 403));
    const text = userMessage(await caught(() => appTester(newUser, bundle())));
    expect(text).toMatch(/"list_users" capability \(roles: Administrator\)/);
    expect(text).toMatch(/new subscribers would never trigger/);
    expectCleanMessage(text);
  });
});

describe('New User: a role the site does not have', () => {
  const RECENT_ROLES_QUERY = {
    context: 'edit',
    orderby: 'registered_date',
    order: 'desc',
    per_page: '100',
    _fields: 'roles',
  };
  const pollFor = (role: string) =>
    wp()
      .get('/wp-json/wp/v2/users')
      .query((q) => q.roles === role && q._fields === USER_FIELDS);

  it('sends a typed or mapped label as the slug, as Create User does', async () => {
    const scope = pollFor('shop_manager').reply(200, [user(5, '2026-03-14T08:30:00+00:00')]);
    await appTester(newUser, bundle({ role: '  Shop Manager ' }));
    expect(scope.isDone()).toBe(true);
  });

  it('while the trigger is tested, refuses a role nobody has that is neither standard nor seen, naming the roles that exist', async () => {
    const poll = pollFor('custmer').reply(200, []);
    const roles = wp()
      .get('/wp-json/wp/v2/users')
      .query(RECENT_ROLES_QUERY)
      .reply(200, [{ roles: ['customer'] }, { roles: ['administrator'] }]);
    const { message, err } = await failsWith(() =>
      appTester(newUser, bundle({ role: 'custmer' }, { isLoadingSample: true })),
    );
    expect(message).toBe(
      'Role: no user has the role "custmer", and it is not among the roles Zapier can see on this site: ' +
        'subscriber, contributor, author, editor, administrator, customer. Pick a role from the dropdown, or type the slug of one of these. ' +
        'If "custmer" is a custom role that no user has yet, skip this test: the Zap triggers once a user with that role registers.',
    );
    expect(JSON.parse(err.message).code).toBe('unknown_role');
    expect(poll.isDone() && roles.isDone()).toBe(true);
  });

  it('several roles, mapped as one text: each made a slug, sent together, and only the unknown ones named', async () => {
    pollFor('editor,custmer,shop_managr').reply(200, []);
    wp()
      .get('/wp-json/wp/v2/users')
      .query(RECENT_ROLES_QUERY)
      .reply(200, [{ roles: ['customer'] }]);
    const { message } = await failsWith(() =>
      appTester(newUser, bundle({ role: 'Editor, custmer, Shop Managr' }, { isLoadingSample: true })),
    );
    expect(message).toMatch(
      /^Role: no user has the roles "custmer", "shop_managr", and they are not among the roles Zapier can see on this site: subscriber, contributor, author, editor, administrator, customer\. /,
    );
    expect(message).toMatch(/If one of them is a custom role that no user has yet, skip this test/);
  });

  it.each(['editor', 'customer'])(
    'while the trigger is tested, a role that exists but nobody has (%s) is an empty result, not an error',
    async (role) => {
      pollFor(role).reply(200, []);
      wp()
        .get('/wp-json/wp/v2/users')
        .query(RECENT_ROLES_QUERY)
        .reply(200, [{ roles: ['customer'] }]);
      await expect(appTester(newUser, bundle({ role }, { isLoadingSample: true }))).resolves.toEqual([]);
    },
  );

  it('a live poll never refuses (a Zap may wait for the first user of a new role) and spends no extra request', async () => {
    // No nock for the roles request: nock refuses any request not listed, so a second one fails the test.
    const poll = pollFor('custmer').times(2).reply(200, []);
    await expect(appTester(newUser, bundle({ role: 'custmer' }))).resolves.toEqual([]);
    // Turning the Zap on fills Zapier's dedupe list with a poll: that must not fail either.
    await expect(appTester(newUser, bundle({ role: 'custmer' }, { isPopulatingDedupe: true }))).resolves.toEqual([]);
    expect(poll.isDone()).toBe(true);
  });

  it('a tested poll that finds users never looks the roles up', async () => {
    const poll = pollFor('custmer').reply(200, [user(7, '2026-03-14T08:30:00+00:00', { roles: ['custmer'] })]);
    const result = (await appTester(newUser, bundle({ role: 'custmer' }, { isLoadingSample: true }))) as Out;
    expect(result.map((u) => u.id)).toEqual([7]);
    expect(poll.isDone()).toBe(true);
  });
});
