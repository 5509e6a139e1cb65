// Find User: exact email and username (never a substring match), search text, permissions.
import nock from 'nock';
import type { UserOutput } from '../../../src/wordpress/user';
import { USER_WRITE_QUERY, restError, searchPerform, wpUser } from '../fixtures';
import { appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

const findUser = searchPerform('find_user');
const run = (input: Record<string, unknown>) => appTester(findUser, bundle(input)) as Promise<UserOutput[]>;
const ids = (users: UserOutput[]) => users.map((u) => u.id);
const query = (search: string, extra: Record<string, string> = {}) => ({
  ...USER_WRITE_QUERY,
  search,
  per_page: '100',
  page: '1',
  orderby: 'id',
  order: 'asc',
  ...extra,
});

describe('Find User', () => {
  it('by email: an exact match only, upper/lower case ignored', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query(query('Jane.Doe@Example.org'))
      .reply(200, [
        wpUser({ id: 1, email: 'notjane.doe@example.org' }),
        wpUser({ id: 2, email: 'jane.doe@example.org.uk' }),
        wpUser({ id: 3, email: 'jane.doe@example.org' }),
      ]);
    expect(ids(await run({ email: ' Jane.Doe@Example.org ' }))).toEqual([3]);
    expect(scope.isDone()).toBe(true);
  });

  it('by email: only substring matches is nothing found', async () => {
    wp()
      .get('/wp-json/wp/v2/users')
      .query(true)
      .reply(200, [wpUser({ id: 1, email: 'xjane@example.org' })]);
    expect(await run({ email: 'jane@example.org' })).toEqual([]);
  });

  it('by username: exact, and reads further pages when the first is full of near matches', async () => {
    const near = Array.from({ length: 100 }, (_, i) => wpUser({ id: 100 + i, username: `ann${i}` }));
    wp().get('/wp-json/wp/v2/users').query(query('ann')).reply(200, near);
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query(query('ann', { page: '2' }))
      .reply(200, [wpUser({ id: 7, username: 'Ann' })]);
    expect(ids(await run({ username: 'ann' }))).toEqual([7]);
    expect(scope.isDone()).toBe(true);
  });

  it('by username with an "@": searches its longest piece without one (WordPress would search emails only), keeps the exact login', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query(query('example.org'))
      .reply(200, [
        wpUser({ id: 3, username: 'jo@example.org.uk', email: 'jo@mail.test' }),
        wpUser({ id: 4, username: 'Jo@Example.org', email: 'other@mail.test' }),
      ]);
    expect(ids(await run({ username: 'jo@example.org' }))).toEqual([4]);
    expect(scope.isDone()).toBe(true);
  });

  it('by a username of only "@": no search text, every page read for the exact login', async () => {
    const { search: _none, ...withoutSearch } = query('');
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query(withoutSearch)
      .reply(200, [wpUser({ id: 5, username: '@@' })]);
    expect(ids(await run({ username: '@@' }))).toEqual([5]);
    expect(scope.isDone()).toBe(true);
  });

  it('by email and username: both must match', async () => {
    wp()
      .get('/wp-json/wp/v2/users')
      .query(true)
      .reply(200, [wpUser({ id: 3, email: 'a@b.co', username: 'other' })]);
    expect(await run({ email: 'a@b.co', username: 'zoe' })).toEqual([]);
  });

  it('by search text: as WordPress ranks it, a few', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/users')
      .query(query('doe', { per_page: '10' }))
      .reply(200, [wpUser({ id: 3 }), wpUser({ id: 4 })]);
    expect(ids(await run({ search: 'doe' }))).toEqual([3, 4]);
    expect(scope.isDone()).toBe(true);
  });

  it('maps users to the New User shape', async () => {
    wp()
      .get('/wp-json/wp/v2/users')
      .query(true)
      .reply(200, [wpUser({ id: 3, first_name: 'Zoë &amp; Co', roles: ['editor'] })]);
    expect((await run({ email: 'jane.doe@example.org' }))[0]).toMatchObject({
      id: 3,
      first_name: 'Zoë & Co',
      role: 'editor',
      avatar_url: 'https://secure.gravatar.com/avatar/x?s=96',
    });
  });

  it('without list_users (not an administrator) says what is needed', async () => {
    wp()
      .get('/wp-json/wp/v2/users')
      .query(true)
      .reply(403, restError('rest_forbidden_context', 'Sorry, you are not allowed to edit users.', 403));
    const message = userMessage(await caught(() => run({ email: 'a@b.co' })));
    expect(message).toMatch(
      /not allowed to look up users by email or username: WordPress requires the "list_users" capability \(roles: Administrator\)/,
    );
    expectCleanMessage(message);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['nothing', {}, /^Fill in Email, Username or Search Text/],
    ['whitespace', { email: ' ', username: '', search: '\t' }, /^Fill in Email, Username or Search Text/],
    ['a bad email', { email: 'jane' }, /^Email: "jane" is not an email address/],
    ['a list of emails', { email: ['a@b.co', 'c@d.co'] }, /^Email: expects one value, got a list of 2/],
  ])('refuses %s before any request', async (_name, input, expected) => {
    expect(userMessage(await caught(() => run(input)))).toMatch(expected);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
