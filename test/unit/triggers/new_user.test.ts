// New User: newest registrations first, edit context, a clear refusal without list_users.
import { USER_FIELDS } from '../../../src/user';
import { restError, triggerPerform } from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

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
  it('asks for the newest registrations in the edit context, in one request', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query({
        context: 'edit',
        _fields: USER_FIELDS,
        orderby: 'registered_date',
        order: 'desc',
        per_page: '100',
        page: '1',
      })
      .reply(200, [
        user(11, '2026-03-14T08:30:00+00:00'),
        user(12, '2026-03-14T08:30:00+00:00'),
        user(13, '2026-03-15T08:30:00+00:00'),
      ]);
    const result = (await appTester(newUser, bundle())) as Out;
    // Same-second registrations: the higher ID registered later.
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
      .reply(200, []);
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
