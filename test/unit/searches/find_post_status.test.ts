// Find Post with a Status the connected user may not read: the capability named, or, answered as
// nobody, the cause diagnosed.
import nock from 'nock';
import { forbiddenStatus, restError } from '../fixtures';
import { caught, expectCleanMessage, userMessage, wp } from '../helpers';
import { run } from './find_post_steps';

describe('Find Post: a Status the connected user may not read', () => {
  it.each<[string, string | undefined, string, RegExp]>([
    [
      'draft',
      undefined,
      'posts',
      /not allowed to read draft posts: WordPress requires the "edit_posts" capability \(roles: Contributor, Author, Editor or Administrator\)/,
    ],
    [
      'private',
      'page',
      'pages',
      /not allowed to read private items of type "page": WordPress requires the "edit_pages" capability \(roles: Editor or Administrator\)/,
    ],
  ])(
    'Status %s (%s) names the capability and the roles, as the triggers do',
    async (status, postType, route, expected) => {
      const scope = wp()
        .get(`/wp-json/wp/v2/${route}`)
        .query((q) => q.status === status)
        .reply(400, forbiddenStatus());
      const err = await caught(() => run({ slug: 'x', status, post_type: postType }));
      const message = userMessage(err);
      expect(message).toMatch(expected);
      expect(message).toMatch(/Or set Status to Published\.$/);
      expect(message).not.toMatch(/Status is forbidden/);
      expectCleanMessage(message);
      // One request: an explicit status is never swapped for another behind the user's back.
      expect(scope.isDone()).toBe(true);
    },
  );

  it.each(['draft', 'private'])(
    'Status %s refused as to nobody, cause unknown: the draft poll’s words, never "Status is forbidden"',
    async (status) => {
      wp().get('/wp-json/wp/v2/posts').query(true).reply(400, forbiddenStatus(401));
      wp().post('/wp-json/jwt-auth/v1/token/validate').reply(502, 'Bad Gateway');
      const message = userMessage(await caught(() => run({ title: 'Board minutes', status })));
      expect(message).toMatch(
        new RegExp(`treated the request as anonymous, so it refuses ${status} posts.*connection test`, 's'),
      );
      expect(message).not.toMatch(/capability|Status is forbidden|Correct this field/);
      expectCleanMessage(message);
    },
  );

  it.each<[string, () => void, RegExp]>([
    [
      'the plugin deactivated',
      () =>
        wp()
          .post('/wp-json/jwt-auth/v1/token/validate')
          .reply(404, restError('rest_no_route', 'No route was found matching the URL and request method.', 404)),
      /"JWT Authentication for WP REST API" plugin.*no longer active on example\.com/s,
    ],
    [
      'the user deleted',
      () => {
        wp()
          .post('/wp-json/jwt-auth/v1/token/validate')
          .reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
        wp()
          .post('/wp-json/jwt-auth/v1/token')
          .reply(403, restError('[jwt_auth] invalid_username', 'Unknown username.', 403));
      },
      /no longer has the WordPress user "edith"/,
    ],
  ])(
    'Status Draft refused as to nobody, %s: the same diagnosis as New Post’s draft poll',
    async (_name, cause, said) => {
      wp().get('/wp-json/wp/v2/posts').query(true).reply(400, forbiddenStatus(401));
      cause();
      const message = userMessage(await caught(() => run({ title: 'Board minutes', status: 'draft' })));
      expect(message).toMatch(said);
      expectCleanMessage(message);
      expect(nock.pendingMocks()).toEqual([]);
    },
  );
});
