// The triggers on the plain site (a sub-folder with plain permalinks), and a firewall answering a
// poll in WordPress's place, through Zapier's runtime against the real WordPress of the bench.
import { FaultProxy, throughProxy } from './fault-proxy';
import { caught, connect, recordRequests, run, sites, userMessage } from './harness';
import { STAMP, create, ours, poll, trigger, turnOn, usePollingBench } from './trigger_polls';

usePollingBench();

jest.setTimeout(60_000);

describe('the plain site (sub-folder, plain permalinks)', () => {
  it('New Post: ?rest_route= requests only, links under /blog/', async () => {
    const post = await create<{ id: number }>(
      'wp/v2/posts',
      { title: `E2E ${STAMP} plain`, status: 'publish' },
      'plain',
    );
    await connect('plain', 'editor'); // the login is not part of a poll
    await turnOn('new_post', {}, { site: 'plain', user: 'editor', freshCache: true });
    const post2 = await create<{ id: number }>(
      'wp/v2/posts',
      { title: `E2E ${STAMP} plain, after turning on`, status: 'publish' },
      'plain',
    );
    const { result, requests } = await recordRequests(() => poll('new_post', {}, { site: 'plain', user: 'editor' }));
    expect(requests.length).toBeLessThanOrEqual(3);
    for (const request of requests) {
      expect(request.host).toBe('127.0.0.1:8082');
      expect(decodeURIComponent(request.path)).toMatch(/^\/blog\/index\.php\?rest_route=\/wp\/v2\/posts&/);
    }
    const mine = ours(result).find((p) => p.id === post2.id)!;
    expect(mine).toMatchObject({ id: post2.id });
    expect(post.id).toBeLessThan(post2.id);
    expect(mine.link).toMatch(/^http:\/\/127\.0\.0\.1:8082\/blog\/\?p=\d+$/);
    expect(sites.plain.rest_root).toContain('rest_route=');
  });

  it('books, users and dropdowns work there too', async () => {
    const books = await poll('new_post', { post_type: 'book' }, { site: 'plain', user: 'editor' });
    expect(books.map((b) => b.title)).toEqual(expect.arrayContaining(['Persuasion']));
    const users = await poll('new_user', {}, { site: 'plain' });
    expect(users.length).toBeGreaterThan(0);
    expect(users[0]).toHaveProperty('email');
    expect((await poll('category_list', {}, { site: 'plain' })).map((c) => c.name)).toContain('News');
  });
});

describe("a firewall answering in WordPress's place", () => {
  const proxy = new FaultProxy(sites.main.url);
  let viaProxy: Record<string, string>;

  beforeAll(async () => {
    viaProxy = throughProxy(await connect('main', 'editor'), await proxy.start());
  });
  afterAll(() => proxy.close());

  it.each([200, 403])('an HTML page with HTTP %s on the poll gets a message that names it', async (status) => {
    proxy.inject(/wp\/v2\/posts/, { kind: 'html', status });
    const message = userMessage(await caught(() => run(trigger('new_post'), {}, { authData: viaProxy })));
    expect(message).toMatch(/web page instead of REST API data.*firewall/s);
    expect(message).not.toContain(viaProxy.token);
  });
});
