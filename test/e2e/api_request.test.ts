// API Request against the real WordPress 6.1 of the bench: a GET with a query (pretty and plain
// permalinks), a POST that creates a book and a PATCH that changes it, a route no plugin serves,
// and paths to another origin or out of the REST root refused without a single request. Everything
// made here carries a per-run stamp and is deleted afterwards.
import type { ApiRequestOutput } from '../../src/creates/api_request';
import { apiRequest } from '../../src/creates/api_request';
import { FaultProxy, throughProxy } from './fault-proxy';
import { caught, connect, perform, recordRequests, requireWordPress, rest, run, sites, userMessage } from './harness';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const made: number[] = [];

beforeAll(async () => {
  await requireWordPress('main');
  await requireWordPress('plain');
});

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const id of made) await rest(auth, `wp/v2/books/${id}`, { method: 'DELETE', query: { force: 'true' } });
});

describe('API Request', () => {
  it('GET with a query: the list as items, the paging headers, no cookie or nonce', async () => {
    await connect('main', 'administrator');
    const { result: out, requests } = await recordRequests(() =>
      run<ApiRequestOutput>(
        perform(apiRequest),
        { method: 'GET', path: 'wp/v2/users?per_page=2', query: { context: 'edit', _fields: 'id,username' } },
        { user: 'administrator' },
      ),
    );
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /wp-json/wp/v2/users?per_page=2&context=edit&_fields=id%2Cusername',
    ]);
    expect(out.status).toBe(200);
    expect(out.items).toHaveLength(2);
    expect(out.items![0]).toEqual({ id: expect.any(Number), username: expect.any(String) });
    expect(Number(out.headers['x-wp-total'])).toBeGreaterThanOrEqual(2);
    expect(out.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(out.headers).filter((name) => /cookie|nonce|auth/i.test(name))).toEqual([]);
  });

  it('GET on a site with plain permalinks (?rest_route=)', async () => {
    const out = await run<ApiRequestOutput>(
      perform(apiRequest),
      { path: '/wp/v2/types/post', query: { _fields: 'slug,rest_base' } },
      { site: 'plain', user: 'editor' },
    );
    expect(out).toMatchObject({ status: 200, data: { slug: 'post', rest_base: 'posts' }, warnings: [] });
  });

  it('POST creates a book, PATCH changes it, DELETE removes it, each as the connected user', async () => {
    const created = await run<ApiRequestOutput>(
      perform(apiRequest),
      {
        method: 'POST',
        path: 'wp/v2/books',
        query: { _fields: 'id,title,status,author' },
        body: JSON.stringify({ title: `API book ${RUN}`, status: 'draft' }),
      },
      { user: 'editor' },
    );
    const book = created.data as { id: number; title: { raw: string }; status: string; author: number };
    made.push(book.id);
    expect(created.status).toBe(201);
    expect(book).toMatchObject({ title: { raw: `API book ${RUN}` }, status: 'draft' });
    const { data: me } = await rest<{ id: number }>(await connect('main', 'editor'), 'wp/v2/users/me');
    expect(book.author).toBe(me.id);

    const changed = await run<ApiRequestOutput>(
      perform(apiRequest),
      { method: 'PATCH', path: `wp/v2/books/${book.id}`, body: '{"status": "pending"}', query: { _fields: 'status' } },
      { user: 'editor' },
    );
    expect(changed).toMatchObject({ status: 200, data: { status: 'pending' } });

    const removed = await run<ApiRequestOutput>(
      perform(apiRequest),
      { method: 'DELETE', path: `wp/v2/books/${book.id}`, query: { force: 'true', _fields: 'deleted' } },
      { user: 'editor' },
    );
    expect(removed).toMatchObject({ status: 200, data: { deleted: true } });
  });

  it('a route no plugin serves is named with its method', async () => {
    const err = await caught(() => run(perform(apiRequest), { path: `wc/v3/products` }, { user: 'editor' }));
    expect(userMessage(err)).toMatch(/^Path: the site's REST API has no route wc\/v3\/products for GET\./);
  });

  it.each([
    [
      'https://example.org/wp-json/wp/v2/posts',
      /^Path points to example\.org, not to this connection's site \(127\.0\.0\.1:8080\)/,
    ],
    ['http://127.0.0.1:8081/wp-json/wp/v2/posts', /^Path points to 127\.0\.0\.1:8081/],
    ['//example.org/wp-json/wp/v2/posts', /^Path points to example\.org/],
    ['../wp-login.php', /"\." or "\.\." part/],
    ['wp/v2/%2e%2e/%2e%2e/wp-login.php', /"\." or "\.\." part/],
    ['wp%2Fv2/posts', /encoded slash/],
  ])('refuses %s without sending anything', async (path, expected) => {
    const auth = await connect('main', 'editor');
    const { result: err, requests } = await recordRequests(() =>
      caught(() => run(perform(apiRequest), { method: 'POST', path, body: '{"title": "x"}' }, { authData: auth })),
    );
    expect(userMessage(err)).toMatch(expected);
    expect(requests).toEqual([]);
  });
});

describe('a write through API Request whose outcome is unknown (through the fault proxy)', () => {
  const proxy = new FaultProxy(sites.main.url);
  let viaProxy: Record<string, string>;

  beforeAll(async () => {
    viaProxy = throughProxy(await connect('main', 'editor'), await proxy.start());
  });
  afterEach(() => proxy.clear());
  afterAll(() => proxy.close());

  const booksTitled = async (title: string) => {
    const { data } = await rest<Array<{ id: number }>>(await connect('main', 'administrator'), 'wp/v2/books', {
      query: { search: title, status: 'any', _fields: 'id', context: 'edit' },
    });
    made.push(...data.map((book) => book.id));
    return data.length;
  };

  const post = (title: string) =>
    run<ApiRequestOutput>(
      perform(apiRequest),
      { method: 'POST', path: 'wp/v2/books', body: JSON.stringify({ title }) },
      { authData: viaProxy },
    );

  it('a 503 with Retry-After is not Zapier’s throttle (which would send it again): a success with Outcome Unknown', async () => {
    proxy.inject(/POST \/wp-json\/wp\/v2\/books/, {
      kind: 'status',
      status: 503,
      body: '',
      headers: { 'Retry-After': '30' },
    });
    const out = await post(`API 503 ${RUN}`);
    expect(out).toMatchObject({ status: 503, outcome_unknown: true });
    expect(out.warnings).toEqual([
      expect.stringMatching(
        /^The answer to this POST to wp\/v2\/books was lost: the site answered HTTP 503 instead of WordPress's answer\. WordPress may or may not have saved the change/,
      ),
    ]);
    expect(proxy.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('an answer lost after WordPress saved it: a success with Outcome Unknown, sent once, one book', async () => {
    const title = `API lost ${RUN}`;
    proxy.inject(/POST \/wp-json\/wp\/v2\/books/, { kind: 'reset-after' });
    const out = await post(title);
    expect(out).toMatchObject({ status: null, outcome_unknown: true });
    expect(out.warnings).toEqual([expect.stringMatching(/Outcome Unknown is true\. Check the site for the change/)]);
    expect(proxy.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await booksTitled(title)).toBe(1);
  });
});
