// The fault matrix: every write through a proxy that breaks its answer (or its request) in 15
// ways, on the real WordPress. After each step, WordPress is asked how many items it stored, and
// the step's outcome is checked against that: stored once at most, and a message that is true (a
// success only when the item exists; "not stored" only when it does not; a Zapier retry only for
// what came before the write).
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CRITICAL_ERROR, Fault, FaultProxy, MAINTENANCE } from './fault-proxy';
import { app, connect, perform, requireWordPress, rest, run, sites, userMessage, users } from './harness';

jest.setTimeout(120_000);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);
/** The time limit for these steps: short, so the two timeout faults cost seconds, not minutes. */
const TIMEOUT_MS = 3_000;

const proxy = new FaultProxy(sites.main.url);
let direct: Record<string, string>;
let viaProxy: Record<string, string>;
let files = '';
let fileServer: http.Server;
let postId = 0;
let userId = 0;
let updatePostId = 0;
let commentId = 0;
const run36 = Date.now().toString(36);

beforeAll(async () => {
  await requireWordPress('main');
  const origin = await proxy.start();
  direct = await connect('main', 'administrator', true);
  viaProxy = {
    ...direct,
    site_url: origin,
    rest_root: `${origin}/wp-json/`,
    rest_root_for: new URL(origin).toString(),
  };
  fileServer = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG));
  await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
  files = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
  const post = await rest<{ id: number }>(direct, 'wp/v2/posts', {
    method: 'POST',
    body: { title: `lost-answers-target-${run36}`, status: 'publish', comment_status: 'open' },
  });
  postId = post.data.id;
  const other = await rest<{ id: number }>(direct, 'wp/v2/posts', {
    method: 'POST',
    body: { title: `lost-answers-update-${run36}`, status: 'draft' },
  });
  updatePostId = other.data.id;
  const comment = await rest<{ id: number }>(direct, 'wp/v2/comments', {
    method: 'POST',
    body: { post: postId, content: `lost-answers-comment-${run36}` },
  });
  commentId = comment.data.id;
  const user = await rest<{ id: number }>(direct, 'wp/v2/users', {
    method: 'POST',
    body: { username: `lost-${run36}`, email: `lost-${run36}@example.com`, password: `Pw-${run36}-x9!` },
  });
  userId = user.data.id;
  process.env.WP_REQUEST_TIMEOUT_MS = String(TIMEOUT_MS);
});

afterAll(async () => {
  delete process.env.WP_REQUEST_TIMEOUT_MS;
  await proxy.close();
  await new Promise<void>((resolve) => fileServer.close(() => resolve()));
  const made = await rest<Array<{ id: number }>>(direct, 'wp/v2/users', {
    query: { search: `lost-create-user-${run36}`, _fields: 'id', per_page: '100' },
  });
  for (const { id } of [{ id: userId }, ...made.data]) {
    await rest(direct, `wp/v2/users/${id}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
  }
  for (const id of [postId, updatePostId])
    await rest(direct, `wp/v2/posts/${id}`, { method: 'DELETE', query: { force: 'true' } });
  // The matrix, for the record (the run's report quotes it): one line per step.
  const lines = matrix.map((r) => `${r.write} | ${r.fault} | stored ${r.stored} | ${r.outcome} | ${r.said}`);
  writeFileSync(join(tmpdir(), 'wpjz-lost-answers-matrix.txt'), `${lines.join('\n')}\n`);
});

interface Write {
  key: string;
  /** The write's own request, as "METHOD path" (the proxy breaks only that one). */
  pattern: () => RegExp;
  input: (marker: string) => Record<string, unknown>;
  /** How many items (or applied updates) WordPress holds with this marker. */
  stored: (marker: string) => Promise<number>;
  update?: boolean;
}

const writes: Write[] = [
  {
    key: 'create_post',
    pattern: () => /^POST \/wp-json\/wp\/v2\/posts\?/,
    input: (marker) => ({ title: marker, status: 'publish' }),
    stored: async (marker) => {
      const res = await rest<Array<{ title: { raw: string } }>>(direct, 'wp/v2/posts', {
        query: { search: marker, status: 'publish,draft', context: 'edit', _fields: 'title', per_page: '20' },
      });
      return res.data.filter((p) => p.title.raw === marker).length;
    },
  },
  {
    key: 'upload_media',
    pattern: () => /^POST \/wp-json\/wp\/v2\/media\?/,
    input: (marker) => ({ file: `${files}/${marker}.png`, title: marker }),
    stored: async (marker) => {
      const res = await rest<Array<{ source_url: string }>>(direct, 'wp/v2/media', {
        query: { search: marker, _fields: 'source_url', per_page: '20' },
      });
      return res.data.filter((m) => m.source_url.includes(marker)).length;
    },
  },
  {
    key: 'create_comment',
    pattern: () => /^POST \/wp-json\/wp\/v2\/comments\?/,
    input: (marker) => ({ post: postId, content: marker }),
    stored: async (marker) => {
      const res = await rest<Array<{ content: { raw: string } }>>(direct, 'wp/v2/comments', {
        query: {
          post: String(postId),
          search: marker,
          status: 'all',
          context: 'edit',
          _fields: 'content',
          per_page: '20',
        },
      });
      return res.data.filter((c) => c.content.raw === marker).length;
    },
  },
  {
    key: 'update_user',
    update: true,
    pattern: () => new RegExp(`^POST /wp-json/wp/v2/users/${userId}\\?`),
    input: (marker) => ({ user_id: userId, description: marker }),
    stored: async (marker) => {
      const res = await rest<{ description: string }>(direct, `wp/v2/users/${userId}`, { query: { context: 'edit' } });
      return res.data.description === marker ? 1 : 0;
    },
  },
  {
    key: 'create_user',
    pattern: () => /^POST \/wp-json\/wp\/v2\/users\?/,
    input: (marker) => ({ username: marker, email: `${marker}@example.com` }),
    stored: async (marker) => {
      const res = await rest<Array<{ username: string }>>(direct, 'wp/v2/users', {
        query: { search: marker, context: 'edit', _fields: 'username' },
      });
      return res.data.filter((u) => u.username === marker).length;
    },
  },
  {
    key: 'update_post',
    update: true,
    pattern: () => new RegExp(`^POST /wp-json/wp/v2/posts/${updatePostId}\\?`),
    input: (marker) => ({ post_id: updatePostId, title: marker }),
    stored: async (marker) => {
      const res = await rest<{ title: { raw: string } }>(direct, `wp/v2/posts/${updatePostId}`, {
        query: { context: 'edit' },
      });
      return res.data.title.raw === marker ? 1 : 0;
    },
  },
  {
    key: 'update_comment',
    update: true,
    pattern: () => new RegExp(`^POST /wp-json/wp/v2/comments/${commentId}\\?`),
    input: (marker) => ({ comment_id: commentId, content: marker }),
    stored: async (marker) => {
      const res = await rest<{ content: { raw: string } }>(direct, `wp/v2/comments/${commentId}`, {
        query: { context: 'edit' },
      });
      return res.data.content.raw === marker ? 1 : 0;
    },
  },
];

type Outcome = 'found' | 'not stored' | 'not there yet' | 'throttled';
const faults: Array<[string, Fault, Outcome]> = [
  ['reset before WordPress', { kind: 'reset-before' }, 'not there yet'],
  ['reset after WordPress', { kind: 'reset-after' }, 'found'],
  ['reset mid-answer', { kind: 'reset-mid' }, 'found'],
  ['timeout before WordPress', { kind: 'delay', ms: TIMEOUT_MS * 2 }, 'not there yet'],
  ['timeout after WordPress', { kind: 'delay-after', ms: TIMEOUT_MS * 2 }, 'found'],
  [
    'gateway 503 with Retry-After after the write',
    { kind: 'status', status: 503, body: '', headers: { 'Retry-After': '30' }, afterWordPress: true },
    'found',
  ],
  ['502 web page after the write', { kind: 'html', status: 502, afterWordPress: true }, 'found'],
  ['200 web page from a cache after the write', { kind: 'html', status: 200, afterWordPress: true }, 'found'],
  ['empty 200 after the write', { kind: 'status', status: 200, body: '', afterWordPress: true }, 'found'],
  ['null 200 after the write', { kind: 'status', status: 200, body: 'null', afterWordPress: true }, 'found'],
  ['answer cut in half', { kind: 'truncate' }, 'found'],
  ['critical error after the write', { ...CRITICAL_ERROR, afterWordPress: true } as Fault, 'found'],
  ['502 web page before WordPress', { kind: 'html', status: 502 }, 'not stored'],
  ['WordPress maintenance 503', MAINTENANCE, 'throttled'],
  ['429 with Retry-After', { kind: 'status', status: 429, body: '', headers: { 'Retry-After': '17' } }, 'throttled'],
];

const matrix: Array<{ write: string; fault: string; stored: number; outcome: string; said: string }> = [];

/** What the step said, as one of the outcomes, or `untrue: …` when it contradicts what WordPress stored. */
function judge(write: Write, stored: number, result: unknown, err: unknown): string {
  if (err === undefined) {
    const warnings = (result as { warnings?: string[] }).warnings ?? [];
    const said = warnings.some((w) => /^WordPress's answer was lost/.test(w));
    return stored === 1 && said
      ? 'found'
      : `untrue: success with ${stored} stored, warnings ${JSON.stringify(warnings)}`;
  }
  const name = (err as Error).name;
  const message = userMessage(err);
  if (name === 'ThrottledError') return stored === 0 ? 'throttled' : `untrue: throttled after a write (${message})`;
  if (/did not store it|did not apply the change/.test(message))
    return stored === 0 ? 'not stored' : `untrue: ${message}`;
  if (/was not there yet/.test(message) && !write.update) return stored === 0 ? 'not there yet' : `untrue: ${message}`;
  return `unexpected: ${message}`;
}

describe.each(writes)('$key through a broken answer', (write) => {
  it.each(faults)('%s', async (fault, injected, expected) => {
    const marker = `lost-${write.key.replace('_', '-')}-${run36}-${matrix.length}`.toLowerCase();
    proxy.clear();
    proxy.inject(write.pattern(), injected);
    const started = Date.now();
    let result: unknown;
    let err: unknown;
    try {
      result = await run(perform(app.creates![write.key]), write.input(marker), { authData: viaProxy });
    } catch (e) {
      err = e ?? new Error('empty error');
    }
    const seconds = (Date.now() - started) / 1000;
    const stored = await write.stored(marker);
    const outcome = judge(write, stored, result, err);
    const said = err === undefined ? ((result as { warnings?: string[] }).warnings ?? []).join(' ') : userMessage(err);
    matrix.push({ write: write.key, fault, stored, outcome, said });
    // The write went out once: the app never sends it again by itself.
    expect(proxy.seen.filter((r) => write.pattern().test(`${r.method} ${r.url}`))).toHaveLength(1);
    expect(stored).toBeLessThanOrEqual(1);
    // An update whose request never arrived is "not applied", which is the same truth.
    expect(outcome).toBe(write.update && expected === 'not there yet' ? 'not stored' : expected);
    if (err !== undefined) expect(userMessage(err)).not.toMatch(/undefined|\[object Object\]|TypeError/);
    if (err !== undefined) expect(userMessage(err)).not.toContain(users.administrator.password);
    // A reset mid-answer is reported at once, not after the time limit.
    if (fault === 'reset mid-answer') expect(seconds).toBeLessThan(TIMEOUT_MS / 1000);
  });
});
