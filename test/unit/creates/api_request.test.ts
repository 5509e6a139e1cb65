// API Request: any route under the REST root with the connection's login, every method; the answer's
// status, safe headers and JSON; the same renewal and messages as every step; nothing sent to
// another origin; a write never throttled, and an unknown outcome a success flagged as such.
import { createPerform, restError } from '../fixtures';
import { PASSWORD, TOKEN, appTester, authData, bundle, caught, expectCleanMessage, failsWith, wp } from '../helpers';
import { LOST_WITHOUT_SUCCESS } from '../zap/lost_answer_cases';

const apiRequest = createPerform('api_request');
const call = (input: Record<string, unknown>, auth = authData()) =>
  appTester(apiRequest, bundle(input, {}, auth)) as Promise<Record<string, unknown> & { warnings: string[] }>;

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=UTF-8' };

describe('API Request', () => {
  it('GET with a query: the list as items, safe headers only, the login sent to the site', async () => {
    const scope = wp()
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .get('/wp-json/wc/v3/products')
      .query({ per_page: '2', status: 'publish' })
      .reply(200, [{ id: 794, name: 'Premium Quality' }], {
        ...JSON_HEADERS,
        'X-WP-Total': '1',
        'X-WC-TotalPages': '1',
        'X-WP-Nonce': '0123456789',
        'Set-Cookie': 'wordpress_logged_in_abc=edith%7C123; path=/',
        'X-Session-Id': 'abc',
        Link: '<https://example.com/wp-json/wc/v3/products?page=2>; rel="next"',
        Server: 'Apache',
      });
    const out = await call({ method: 'GET', path: 'wc/v3/products?per_page=2', query: { status: 'publish' } });
    expect(out).toEqual({
      status: 200,
      headers: {
        // WordPress's no-cache headers for a logged-in user (helpers' LOGGED_IN_HEADERS) are safe to show.
        'cache-control': 'no-cache, must-revalidate, max-age=0',
        expires: 'Wed, 11 Jan 1984 05:00:00 GMT',
        'content-type': 'application/json; charset=UTF-8',
        'x-wp-total': '1',
        'x-wc-totalpages': '1',
        link: '<https://example.com/wp-json/wc/v3/products?page=2>; rel="next"',
      },
      items: [{ id: 794, name: 'Premium Quality' }],
      outcome_unknown: false,
      warnings: [],
    });
    expect(scope.isDone()).toBe(true);
  });

  it('POST sends the Body as JSON, and gives the object as data', async () => {
    const scope = wp()
      .post('/wp-json/wc/v3/products', { name: 'Premium Quality', regular_price: '21.99', tags: [{ id: 3 }] })
      .reply(201, { id: 795, name: 'Premium Quality', status: 'publish' }, JSON_HEADERS);
    const out = await call({
      method: 'POST',
      path: '/wp-json/wc/v3/products',
      body: '{"name": "Premium Quality", "regular_price": "21.99", "tags": [{"id": 3}]}',
    });
    expect(out).toMatchObject({ status: 201, data: { id: 795, status: 'publish' }, warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('%s reaches WordPress as that method', async (method) => {
    const scope = wp()
      .intercept('/wp-json/wc/v3/products/795', method)
      .query({ force: 'true' })
      .reply(200, { id: 795 }, JSON_HEADERS);
    expect(await call({ method, path: 'wc/v3/products/795', query: { force: 'true' } })).toMatchObject({
      status: 200,
      data: { id: 795 },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('plain permalinks: the route goes in rest_route, the query after it', async () => {
    const root = 'https://example.com/blog/index.php?rest_route=/';
    const scope = wp()
      .get('/blog/index.php')
      .query({ rest_route: '/wc/v3/orders', status: 'processing' })
      .reply(200, [], JSON_HEADERS);
    const out = await call({ path: 'wc/v3/orders', query: { status: 'processing' } }, authData({ rest_root: root }));
    expect(out).toMatchObject({ status: 200, items: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('another origin is refused before any request, and the login goes nowhere', async () => {
    const { message } = await failsWith(() =>
      call({ method: 'POST', path: 'https://evil.example/wp-json/wc/v3/products', body: '{"a": 1}' }),
    );
    expect(message).toMatch(/^Path points to evil\.example, not to this connection's site \(example\.com\)/);
  });

  it.each([
    [{ method: 'GET', path: 'wc/v3/products', body: '{"a": 1}' }, /^Body is filled in but Method is GET/],
    [{ method: 'POST', path: 'wc/v3/products', body: '{name: 1}' }, /^Body is not valid JSON \(near character 2\)/],
    [
      { method: 'POST', path: 'wp/v2/users', body: 'password=hunter2-secret' },
      /^Body is not valid JSON \((?!.*hunter2)/,
    ],
    [{ method: 'POST', path: 'wc/v3/products', body: '[1, 2]' }, /^Body must be a JSON object .* got a list\.$/],
    [
      { method: 'POST', path: 'wc/v3/products', body: '"hunter2-secret"' },
      /^Body must be a JSON object .* got string\.$/,
    ],
    [{ method: 'GET', path: 'wp/v2/posts', query: { _method: 'DELETE' } }, /^Query: "_method" would change/],
    [{ method: 'FETCH', path: 'wp/v2/posts' }, /^Method: /],
  ])('refuses before any request: %j', async (input, expected) => {
    expect((await failsWith(() => call(input))).message).toMatch(expected);
  });

  it('a route no plugin serves is named, with the method', async () => {
    wp()
      .get('/wp-json/wc/v3/products')
      .reply(404, restError('rest_no_route', 'No route was found matching the URL and request method.', 404));
    const { message } = await failsWith(() => call({ path: 'wc/v3/products' }));
    expect(message).toBe(
      'Path: the site\'s REST API has no route wc/v3/products for GET. WordPress said: "No route was found matching the URL and request method". Check the spelling and the method in the route\'s documentation, and that the plugin that serves it is active (its routes start with its namespace, such as wc/v3).',
    );
  });

  it('a stale token is renewed as on every step (RefreshAuthError)', async () => {
    wp()
      .get('/wp-json/wc/v3/products')
      .reply(403, restError('jwt_auth_invalid_token', 'Expired token', 403));
    const err = await caught(() => call({ path: 'wc/v3/products' }));
    expect((err as Error).name).toBe('RefreshAuthError');
  });

  describe('a write whose outcome is unknown succeeds, flagged, and says where to check (never a failed step Autoreplay would send again)', () => {
    const product = () => wp().post('/wp-json/wc/v3/products');
    const post = () => call({ method: 'POST', path: 'wc/v3/products', body: '{"name": "Premium Quality"}' });
    const unknownAfter = (reason: string) =>
      `The answer to this POST to wc/v3/products was lost: ${reason}. WordPress may or may not have saved the change, and API Request cannot look it up, so this step did not fail (a failed step can be replayed, sending the change twice): its Outcome Unknown is true. Check the site for the change before sending it again; to act on it in the Zap, add a Filter or Paths step on Outcome Unknown.`;

    it.each(LOST_WITHOUT_SUCCESS)('after %s', async (_name, reply, reason) => {
      const scope = reply(product());
      const out = await post();
      expect(scope.isDone()).toBe(true);
      expect(out).toMatchObject({ headers: {}, data: null, outcome_unknown: true });
      expect(out.warnings).toHaveLength(1);
      expect(out.warnings[0]).toMatch(reason);
      expect(out.warnings[0]).toMatch(
        /Outcome Unknown is true\. Check the site for the change before sending it again/,
      );
      expectCleanMessage(out.warnings[0]);
    });

    it('the status that came back is the output’s, and none when nothing came', async () => {
      wp().put('/wp-json/wc/v3/products/7').reply(503, 'Service Unavailable', { 'Retry-After': '30' });
      expect(await call({ method: 'PUT', path: 'wc/v3/products/7', body: '{}' })).toEqual({
        status: 503,
        headers: {},
        data: null,
        outcome_unknown: true,
        warnings: [
          expect.stringMatching(
            /^The answer to this PUT to wc\/v3\/products\/7 was lost: the site answered HTTP 503 instead/,
          ),
        ],
      });
      wp().delete('/wp-json/wc/v3/products/7').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
      expect(await call({ method: 'DELETE', path: 'wc/v3/products/7' })).toMatchObject({
        status: null,
        outcome_unknown: true,
      });
    });

    it('a 429 after a write: unknown too, never Zapier’s throttle, and says a 429 is usually a refusal', async () => {
      product().reply(429, 'Too Many Requests', { 'Retry-After': '17' });
      const out = await post();
      expect(out).toMatchObject({ status: 429, outcome_unknown: true });
      expect(out.warnings).toEqual([
        unknownAfter(
          'example.com answered with HTTP 429 and asked Zapier to wait (a 429 usually means the change was refused before it ran, but API Request cannot look it up)',
        ),
      ]);
    });

    it('the token and password never reach the warning', async () => {
      product().replyWithError({ code: 'ECONNRESET', message: `socket hang up ${TOKEN} ${PASSWORD}` });
      const out = await post();
      expect(JSON.stringify(out)).not.toContain(TOKEN);
      expect(JSON.stringify(out)).not.toContain(PASSWORD);
      expect(out.warnings).toEqual([unknownAfter('the connection was cut off before any answer came')]);
    });

    it('a refusal in WordPress’s envelope is no unknown: it fails with its message (nothing was written)', async () => {
      product().reply(400, restError('rest_invalid_param', 'Invalid parameter(s): name', 400));
      const { err } = await failsWith(post);
      expect(err.name).not.toBe('ThrottledError');
    });
  });

  it('a read answered 429 stays Zapier’s throttle (nothing was written)', async () => {
    wp().get('/wp-json/wc/v3/products').reply(429, 'Too Many Requests', { 'Retry-After': '17' });
    const err = await caught(() => call({ path: 'wc/v3/products' }));
    expect((err as Error).name).toBe('ThrottledError');
  });

  it('a write answered 2xx with a body that is not JSON: a success with a warning, never a failed step', async () => {
    wp().post('/wp-json/forms/v1/entries').reply(200, '{"id": 12, "sta', JSON_HEADERS);
    const out = await call({ method: 'POST', path: 'forms/v1/entries', body: '{"email": "a@b.c"}' });
    expect(out).toMatchObject({ status: 200, data: null, outcome_unknown: false });
    expect(out.warnings).toEqual([expect.stringMatching(/^WordPress answered HTTP 200 \(success\) but not with JSON/)]);
  });

  it('a route that echoes the login: the token and password never reach the output', async () => {
    wp()
      .get('/wp-json/debug/v1/echo')
      .reply(200, { authorization: `Bearer ${TOKEN}`, password: PASSWORD }, JSON_HEADERS);
    const out = await call({ path: 'debug/v1/echo' });
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(out.data).toEqual({ authorization: 'Bearer [hidden]', password: '[hidden]' });
  });
});
