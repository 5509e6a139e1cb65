// Fault injection: a proxy in front of the real WordPress breaks chosen requests; the app must
// report each failure clearly, and a write must never happen twice.
import { getToken, testConnection } from '../../src/connection/authentication';
import { CRITICAL_ERROR, FaultProxy, MAINTENANCE } from './fault-proxy';
import app from '../../index';
import { appTester, caught, connect, requireWordPress, rest, run, sites, userMessage, users } from './harness';

jest.setTimeout(60_000);

const proxy = new FaultProxy(sites.main.url);
let viaProxy: Record<string, string>;

beforeAll(async () => {
  await requireWordPress('main');
  const origin = await proxy.start();
  const direct = await connect('main', 'editor', true);
  // Everything through the proxy: the token's issuer is the site's home URL, not the host asked.
  viaProxy = {
    ...direct,
    site_url: origin,
    rest_root: `${origin}/wp-json/`,
    rest_root_for: new URL(origin).toString(),
  };
});
afterEach(() => proxy.clear());
afterAll(() => proxy.close());

function expectClean(message: string) {
  expect(message).toBeTruthy();
  expect(message).not.toMatch(/undefined|\[object Object\]|^\s+at /m);
  expect(message).not.toContain(users.editor.password);
  expect(message).not.toContain(viaProxy.token);
}

describe('connection test through a failing network', () => {
  const cases: Array<[string, Parameters<FaultProxy['inject']>[1], RegExp]> = [
    ['connection reset', { kind: 'reset-before' }, /cut off before it answered/],
    ['502 without a body', { kind: 'status', status: 502 }, /failed with HTTP 502 and no explanation/],
    ['500 with WordPress’s envelope', CRITICAL_ERROR, /failed with HTTP 500 \(internal_server_error\).*critical error/],
    ['an HTML challenge page with 200', { kind: 'html' }, /web page instead of REST API data/],
    ['truncated JSON', { kind: 'truncate' }, /not valid JSON/],
  ];
  it.each(cases)('%s', async (_name, fault, expected) => {
    proxy.inject(/users\/me/, fault);
    const message = userMessage(await caught(() => appTester(testConnection, { authData: viaProxy })));
    expect(message).toMatch(expected);
    expectClean(message);
  });

  it('429 with Retry-After becomes Zapier’s throttle with that delay', async () => {
    proxy.inject(/users\/me/, { kind: 'status', status: 429, body: '', headers: { 'Retry-After': '17' } });
    const err = await caught(() => appTester(testConnection, { authData: viaProxy }));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 17 });
  });

  it('503 with Retry-After (maintenance) is throttled too', async () => {
    proxy.inject(/users\/me/, {
      kind: 'status',
      status: 503,
      body: '<html>Briefly unavailable for scheduled maintenance.</html>',
      headers: { 'Retry-After': '600', 'Content-Type': 'text/html' },
    });
    const err = await caught(() => appTester(testConnection, { authData: viaProxy }));
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err)).toMatch(/temporarily unavailable \(HTTP 503\)/);
  });

  it('a site slower than the time limit gets a timeout message, not a hang', async () => {
    process.env.WP_REQUEST_TIMEOUT_MS = '500';
    try {
      proxy.inject(/users\/me/, { kind: 'delay', ms: 2_000 });
      const message = userMessage(await caught(() => appTester(testConnection, { authData: viaProxy })));
      expect(message).toMatch(/did not answer in time/);
    } finally {
      delete process.env.WP_REQUEST_TIMEOUT_MS;
    }
  });

  it('a slow but timely site still works', async () => {
    proxy.inject(/users\/me/, { kind: 'delay', ms: 300 });
    await expect(appTester(testConnection, { authData: viaProxy })).resolves.toMatchObject({
      username: users.editor.username,
    });
  });
});

describe('login through a failing network', () => {
  it('a 500 on the token route says the server is failing', async () => {
    proxy.inject(/jwt-auth\/v1\/token$/, { kind: 'status', status: 500, body: '' });
    const message = userMessage(await caught(() => appTester(getToken, { authData: viaProxy })));
    expect(message).toMatch(/could not log in right now \(HTTP 500\)/);
    expectClean(message);
  });

  it('a reset on the token route says the connection was cut off', async () => {
    proxy.inject(/jwt-auth\/v1\/token$/, { kind: 'reset-before' });
    const message = userMessage(await caught(() => appTester(getToken, { authData: viaProxy })));
    expect(message).toMatch(/cut off/);
    expectClean(message);
  });
});

describe('writes through a failing network', () => {
  const createPost = () => {
    const op = app.creates?.create_post?.operation as { perform: unknown } | undefined;
    if (!op) throw new Error('no create_post');
    return op.perform as never;
  };
  async function countTitled(title: string): Promise<number> {
    const res = await rest<Array<{ title: { rendered: string } }>>(viaProxy, 'wp/v2/posts', {
      query: { search: title, per_page: '20', _fields: 'title', status: 'publish,draft' },
    });
    return res.data.filter((p) => p.title.rendered === title).length;
  }

  it('a Create Post reset before reaching WordPress, then retried, makes exactly one post', async () => {
    const title = `fault-retry-${Date.now().toString(36)}`;
    proxy.inject(/POST \/wp-json\/wp\/v2\/posts/, { kind: 'reset-before' });
    const message = userMessage(
      await caught(() => run(createPost(), { title, status: 'publish' }, { authData: viaProxy })),
    );
    // Looked up at once: not there, and a reset before any answer may leave WordPress running.
    expect(message).toMatch(/cut off before any answer came.*was not there yet.*before running the step again/s);
    expect(await countTitled(title)).toBe(0);
    await run(createPost(), { title, status: 'publish' }, { authData: viaProxy }); // Zapier's replay
    expect(await countTitled(title)).toBe(1);
    expect(proxy.seen.filter((r) => r.method === 'POST' && r.reachedWordPress)).toHaveLength(1);
  });

  it('a Create Post whose answer is lost is looked up and found: a success with a warning, sent once', async () => {
    const title = `fault-lost-${Date.now().toString(36)}`;
    proxy.inject(/POST \/wp-json\/wp\/v2\/posts/, { kind: 'reset-after' });
    const out = await run<{ id: number; warnings: string[] }>(
      createPost(),
      { title, status: 'publish' },
      { authData: viaProxy },
    );
    expect(out.warnings[0]).toMatch(/^WordPress's answer was lost .* the post ".*" is there \(ID \d+\)/);
    expect(await countTitled(title)).toBe(1);
    expect(proxy.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a gateway 503 with Retry-After on Create Post is no throttle (it may come after the write): looked up, not stored', async () => {
    const title = `fault-503-${Date.now().toString(36)}`;
    proxy.inject(/POST \/wp-json\/wp\/v2\/posts/, {
      kind: 'status',
      status: 503,
      body: '',
      headers: { 'Retry-After': '30' },
    });
    const err = await caught(() => run(createPost(), { title, status: 'publish' }, { authData: viaProxy }));
    expect(err.name).not.toBe('ThrottledError');
    expect(userMessage(err)).toMatch(/is not there, so WordPress did not store it\. Running the step again is safe\./);
    expect(await countTitled(title)).toBe(0);
    expect(proxy.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('WordPress’s own maintenance 503 on Create Post is throttled: it comes before any write', async () => {
    const title = `fault-maint-${Date.now().toString(36)}`;
    proxy.inject(/POST \/wp-json\/wp\/v2\/posts/, MAINTENANCE);
    const err = await caught(() => run(createPost(), { title, status: 'publish' }, { authData: viaProxy }));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 600 });
    expect(await countTitled(title)).toBe(0);
  });
});
