// Kept-alive connections against the real Apache (KeepAliveTimeout 5 s): the event loop blocked
// past that timeout between two operations, as a long synchronous task does and as Zapier's
// freezing of a warm container does, must not send the next request on the socket Apache closed.
// On a poll and on a write; the write is stored once. Node 22 itself drops a socket past the
// `Keep-Alive: timeout=5` hint that Apache sends; a server that sends no hint (nginx by default) is
// stood in for by a proxy that closes idle connections after 5 s without one.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createPost } from '../../src/creates/create_post';
import type { PostOutput } from '../../src/wordpress/post';
import { newUser } from '../../src/triggers/new_user';
import { forward, readBody } from './fault-proxy';
import { RunOptions, connect, perform, requireWordPress, rest, run, sites } from './harness';

jest.setTimeout(90_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
/** Past Apache's default KeepAliveTimeout (5 s). */
const BLOCKED_MS = 6_500;

/** Blocks the event loop: nothing is read from any socket meanwhile, as in a frozen process. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

type Perform = (z: never, bundle: never) => Promise<unknown>;

/** One run (one `z`) doing `first`, a blocked loop, then `second`. */
const blockedBetween =
  (first: Perform, second: Perform): Perform =>
  async (z, bundle) => {
    const before = await first(z, bundle);
    blockEventLoop(BLOCKED_MS);
    return [before, await second(z, bundle)];
  };

/** A keep-alive server in front of the bench that sends no timeout hint and closes a connection idle for 5 s. */
function hintlessProxy(target: string): http.Server {
  const idle = new Map<Socket, NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    clearTimeout(idle.get(req.socket));
    void readBody(req)
      .then((body) => forward(new URL(target), req.method ?? 'GET', req.url ?? '/', req.headers, body))
      .then((upstream) => {
        const headers = { ...upstream.headers };
        for (const name of ['content-length', 'transfer-encoding', 'keep-alive', 'connection']) delete headers[name];
        res.writeHead(upstream.status, headers);
        res.end(upstream.body);
        res.on('finish', () =>
          idle.set(
            req.socket,
            setTimeout(() => req.socket.destroy(), 5_000),
          ),
        );
      })
      .catch(() => req.socket.destroy());
  });
  // No timeout of Node's own, so no `Keep-Alive: timeout=…` header: the closing is the timer's.
  server.keepAliveTimeout = 0;
  return server;
}

const proxy = hintlessProxy(sites.main.url);
let viaProxy: Record<string, string>;

beforeAll(async () => {
  await requireWordPress('main');
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const admin = await connect('main', 'administrator');
  viaProxy = { ...admin, site_url: origin, rest_root: `${origin}/wp-json/`, rest_root_for: new URL(origin).toString() };
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

/** Two Create Posts in one run with the event loop blocked between them (`options`: who, and where): each stored once. */
async function createTwiceStoredOnce(options: RunOptions): Promise<void> {
  const titles = [`E2E keepalive ${RUN} first`, `E2E keepalive ${RUN} second`];
  const create =
    (title: string): Perform =>
    (z, bundle) =>
      (perform(createPost) as Perform)(z, { ...(bundle as object), inputData: { title, status: 'draft' } } as never);
  const [first, second] = await run<PostOutput[]>(blockedBetween(create(titles[0]!), create(titles[1]!)), {}, options);
  expect([first?.title, second?.title]).toEqual(titles);
  const editor = await connect('main', 'administrator');
  for (const title of titles) {
    const { data } = await rest<Array<{ id: number; title: { raw: string } }>>(editor, 'wp/v2/posts', {
      query: { search: title, status: 'draft', context: 'edit', _fields: 'id,title' },
    });
    const same = data.filter((p) => p.title.raw === title);
    expect(same).toHaveLength(1);
    await rest(editor, `wp/v2/posts/${same[0]!.id}`, { method: 'DELETE', query: { force: 'true' } });
  }
}

describe('a blocked event loop between two operations, at a server that sends no keep-alive hint', () => {
  it('New User polls before and after, in one run: both answered', async () => {
    const poll = perform(newUser) as Perform;
    const [before, after] = await run<unknown[][]>(blockedBetween(poll, poll), {}, { authData: viaProxy });
    expect(Array.isArray(before)).toBe(true);
    expect(Array.isArray(after)).toBe(true);
  });

  it('Create Post before and after, in one run: each stored once', () => createTwiceStoredOnce({ authData: viaProxy }));
});

describe('a blocked event loop between two operations, at Apache (Node 20 reuses its closed socket)', () => {
  it('New User polls before and after, in one run: both answered', async () => {
    const poll = perform(newUser) as Perform;
    const [before, after] = await run<unknown[][]>(blockedBetween(poll, poll), {}, { user: 'administrator' });
    expect(Array.isArray(before)).toBe(true);
    expect(Array.isArray(after)).toBe(true);
  });

  it('New User polls in two runs with the loop blocked between (a frozen warm container): both answered', async () => {
    await run(perform(newUser), {}, { user: 'administrator' });
    blockEventLoop(BLOCKED_MS);
    await expect(run(perform(newUser), {}, { user: 'administrator' })).resolves.toEqual(expect.any(Array));
  });

  it('Create Post before and after, in one run: each stored once', () => createTwiceStoredOnce({ user: 'editor' }));
});
