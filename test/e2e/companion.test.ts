// The companion WordPress plugin (wpjz-companion/) through HTTP on the bench site `companion`
// (port 8089: seed JWT plugin + companion, WP_ENVIRONMENT_TYPE local, retries every 1, 2, 4 … s).
// Plain fetch with Application Passwords (and one JWT), and a loopback receiver standing in for
// Zapier's hook URL. Other files may write to the same site: every assertion counts only the
// objects this file created (unique title prefix, IDs).
import { createHmac, randomBytes } from 'node:crypto';
import benchConfig from '../wordpress/sites.json';
import { COMPANION, connect } from './harness';
import { HookReceiver, type HookDelivery as Delivery } from './hook_receiver';
import { recordToken } from './logs';

// The bench is shared by parallel runs on 2 cores: a request may take seconds.
jest.setTimeout(120_000);

// WPJZ_E2E_COMPANION=wp68 runs this file against WordPress 6.8 (harness.ts).
const site = benchConfig.sites[COMPANION];
const API = `${site.url}/wp-json`;
const RUN = `e2e-companion-${Date.now()}-${randomBytes(3).toString('hex')}`;
type Who = 'administrator' | 'subscriber' | 'editor';

function basic(who: Who): string {
  const u = benchConfig.users[who];
  return `Basic ${Buffer.from(`${u.username}:${u.app_password}`).toString('base64')}`;
}

interface Answer<T> {
  status: number;
  body: T;
}

async function call<T = Record<string, unknown>>(
  who: Who | null,
  method: string,
  route: string,
  body?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (who) headers.Authorization = basic(who);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${API}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

interface FeedEvent {
  seq: number;
  event: string;
  object_type: string;
  object_id: number;
  subtype: string;
  status: string;
  time_gmt: string;
}
interface Feed {
  events: FeedEvent[];
  next: number;
  more: boolean;
  oldest_seq: number;
  latest_seq: number;
  gap?: boolean;
}

async function latestSeq(): Promise<number> {
  const status = await call<{ latest_seq: number }>('administrator', 'GET', '/wpjz/v1/status');
  return status.body.latest_seq;
}

/** Every event after a cursor the user may see, following `next` until the feed says there is no more. */
async function feedAfter(who: Who, after: number, types = ''): Promise<{ events: FeedEvent[]; next: number }> {
  const events: FeedEvent[] = [];
  let cursor = after;
  for (let page = 0; page < 50; page++) {
    const res = await call<Feed>(who, 'GET', `/wpjz/v1/changes?after=${cursor}&limit=500&types=${types}`);
    expect(res.status).toBe(200);
    events.push(...res.body.events);
    cursor = res.body.next;
    if (!res.body.more) break;
  }
  return { events, next: cursor };
}

async function createPost(title: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await call<{ id: number }>('administrator', 'POST', '/wp/v2/posts', {
    title: `${RUN} ${title}`,
    status: 'publish',
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An ordinary request to the site: it starts retries that are due. */
const pokeSite = () => call('subscriber', 'GET', '/wpjz/v1/status');

async function subscribe(
  who: Who,
  event: string,
  target: string,
  filters?: unknown,
): Promise<Answer<{ id: number; secret: string; event: string; code?: string }>> {
  return call(who, 'POST', '/wpjz/v1/hooks', { event, target_url: target, filters });
}

function verify(secret: string, d: Delivery, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const header = String(d.headers['x-wpjz-signature'] ?? '');
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || Math.abs(nowSeconds - Number(m[1])) > 300) return false;
  return createHmac('sha256', secret).update(`${m[1]}.${d.body}`).digest('hex') === m[2];
}

const hooksToDelete: number[] = [];
afterAll(async () => {
  for (const id of hooksToDelete) await call('administrator', 'DELETE', `/wpjz/v1/hooks/${id}`);
});

describe('companion plugin: status and ways in', () => {
  test('status names the plugin, its version and events; the namespace is in the REST index', async () => {
    const res = await call<Record<string, unknown>>('subscriber', 'GET', '/wpjz/v1/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ plugin: 'wpjz-companion', version: '1.0.0' });
    expect(res.body.events).toEqual([
      'post.published',
      'post.updated',
      'post.trashed',
      'post.deleted',
      'user.created',
      'user.updated',
      'user.deleted',
      'comment.created',
      'comment.status_changed',
      'media.created',
    ]);
    expect(Number(res.body.latest_seq)).toBeGreaterThanOrEqual(Number(res.body.oldest_seq) - 1);
    const index = await call<{ namespaces: string[] }>(null, 'GET', '/');
    expect(index.body.namespaces).toContain('wpjz/v1');
    const anonymous = await call<{ code: string }>(null, 'GET', '/wpjz/v1/status');
    expect(anonymous.status).toBe(401);
  });

  test('the app connects to a site that runs the companion as to any other', async () => {
    const auth = await connect(COMPANION, 'editor');
    expect(auth.token).toEqual(expect.any(String));
  });

  test('a JWT from the seed plugin works as well as an Application Password', async () => {
    const u = benchConfig.users.editor;
    const token = await fetch(`${API}/jwt-auth/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: u.username, password: u.password }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    recordToken(token.token);
    const res = await fetch(`${API}/wpjz/v1/changes?after=0&limit=1`, {
      headers: { Authorization: `Bearer ${token.token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Feed).events).toHaveLength(1);
  });
});

describe('companion plugin: the change feed', () => {
  test('post events in order, once each, with the cursor; an idle poll keeps it', async () => {
    const before = await latestSeq();
    const id = await createPost('feed');
    expect((await call('administrator', 'POST', `/wp/v2/posts/${id}`, { content: 'changed' })).status).toBe(200);
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${id}`)).status).toBe(200);
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${id}?force=true`)).status).toBe(200);
    const backdated = await createPost('backdated', { date_gmt: '2020-02-02T10:00:00' });
    const draft = await createPost('draft then published', { status: 'draft' });
    expect((await call('administrator', 'POST', `/wp/v2/posts/${draft}`, { status: 'publish' })).status).toBe(200);

    const { events, next } = await feedAfter('administrator', before);
    const mine = events.filter((e) => [id, backdated, draft].includes(e.object_id) && e.object_type === 'post');
    expect(mine.map((e) => [e.event, e.object_id])).toEqual([
      ['post.published', id],
      ['post.updated', id],
      ['post.trashed', id],
      ['post.deleted', id],
      ['post.published', backdated],
      ['post.published', draft],
    ]);
    expect(mine[0]).toMatchObject({ subtype: 'post', status: 'publish' });
    expect(mine[0].time_gmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(next).toBeGreaterThanOrEqual(mine[mine.length - 1].seq);

    const idle = await call<Feed>('administrator', 'GET', `/wpjz/v1/changes?after=${next}`);
    expect(idle.body.events.filter((e) => [id, backdated, draft].includes(e.object_id))).toEqual([]);

    const typed = await feedAfter('administrator', before, 'post.deleted');
    expect(typed.events.every((e) => e.event === 'post.deleted')).toBe(true);
    expect(typed.events.map((e) => e.object_id)).toContain(id);
    expect(typed.next).toBeGreaterThanOrEqual(next);

    const limited = await call<Feed>('administrator', 'GET', `/wpjz/v1/changes?after=${before}&limit=1`);
    expect(limited.body.events).toHaveLength(1);
    expect(limited.body.next).toBe(limited.body.events[0].seq);
    expect(limited.body.more).toBe(true);

    const bad = await call<{ code: string }>('administrator', 'GET', '/wpjz/v1/changes?types=post.exploded');
    expect([bad.status, bad.body.code]).toEqual([400, 'wpjz_bad_types']);
  });

  test('a scheduled post going live is one post.published, when WP-Cron publishes it', async () => {
    const before = await latestSeq();
    // WordPress publishes at once a post scheduled less than a minute ahead.
    const when = new Date(Date.now() + 75_000).toISOString().slice(0, 19);
    const id = await createPost('scheduled', { status: 'future', date_gmt: when });
    const live = async () => (await call<{ status: string }>('administrator', 'GET', `/wp/v2/posts/${id}`)).body.status;
    expect(await live()).toBe('future');
    let status = 'future';
    for (let i = 0; i < 150 && status !== 'publish'; i++) {
      await sleep(1000);
      status = await live(); // Each request also lets WordPress start WP-Cron once the post is due.
    }
    expect(status).toBe('publish');
    const { events } = await feedAfter('administrator', before);
    expect(events.filter((e) => e.object_id === id && e.object_type === 'post').map((e) => e.event)).toEqual([
      'post.published',
    ]);
  }, 240_000);

  test('users: created, updated (email, role, names) once per request, deleted', async () => {
    const before = await latestSeq();
    const login = `${RUN}-user`.replace(/[^a-z0-9-]/g, '');
    const created = await call<{ id: number }>('administrator', 'POST', '/wp/v2/users', {
      username: login,
      email: `${login}@example.com`,
      password: 'E2e-Companion-pass-1',
      roles: ['subscriber'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const changes = [
      { email: `${login}.changed@example.com` },
      { roles: ['author'] },
      { first_name: 'Changed', last_name: 'Name' },
      { description: 'Bio' },
    ];
    for (const change of changes) {
      expect((await call('administrator', 'POST', `/wp/v2/users/${id}`, change)).status).toBe(200);
    }
    expect((await call('administrator', 'DELETE', `/wp/v2/users/${id}?force=true&reassign=1`)).status).toBe(200);
    const { events } = await feedAfter('administrator', before);
    const mine = events.filter((e) => e.object_type === 'user' && e.object_id === id);
    expect(mine.map((e) => e.event)).toEqual([
      'user.created',
      'user.updated',
      'user.updated',
      'user.updated',
      'user.updated',
      'user.deleted',
    ]);
    expect(mine[0].subtype).toBe('subscriber');
    expect(mine[2].subtype).toBe('author');
  });

  test('comments and media', async () => {
    const before = await latestSeq();
    const post = await createPost('commented');
    const comment = await call<{ id: number }>('administrator', 'POST', '/wp/v2/comments', {
      post,
      content: `${RUN} a comment`,
    });
    expect(comment.status).toBe(201);
    expect((await call('administrator', 'POST', `/wp/v2/comments/${comment.body.id}`, { status: 'hold' })).status).toBe(
      200,
    );
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const media = await fetch(`${API}/wp/v2/media`, {
      method: 'POST',
      headers: {
        Authorization: basic('administrator'),
        'Content-Type': 'image/png',
        'Content-Disposition': `attachment; filename="${RUN}.png"`,
      },
      body: png,
    });
    expect(media.status).toBe(201);
    const mediaId = ((await media.json()) as { id: number }).id;
    const { events } = await feedAfter('administrator', before);
    const forComment = events.filter((e) => e.object_type === 'comment' && e.object_id === comment.body.id);
    expect(forComment.map((e) => [e.event, e.status])).toEqual([
      ['comment.created', 'approved'],
      ['comment.status_changed', 'hold'],
    ]);
    expect(events.filter((e) => e.object_id === mediaId).map((e) => [e.event, e.object_type])).toEqual([
      ['media.created', 'media'],
    ]);
  });

  test('a subscriber sees published posts but not drafts, held comments or other users', async () => {
    const before = await latestSeq();
    const visible = await createPost('visible to all');
    const hidden = await createPost('published then drafted');
    expect((await call('administrator', 'POST', `/wp/v2/posts/${hidden}`, { status: 'draft' })).status).toBe(200);
    const removed = await createPost('published, trashed, deleted');
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${removed}`)).status).toBe(200);
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${removed}?force=true`)).status).toBe(200);
    const draft = await createPost('a draft, trashed', { status: 'draft' });
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${draft}`)).status).toBe(200);
    const login = `${RUN}-seen`.replace(/[^a-z0-9-]/g, '');
    const user = await call<{ id: number }>('administrator', 'POST', '/wp/v2/users', {
      username: login,
      email: `${login}@example.com`,
      password: 'E2e-Companion-pass-2',
    });
    expect(user.status).toBe(201);
    const sam = await call<{ id: number }>('subscriber', 'GET', '/wp/v2/users/me');
    expect((await call('subscriber', 'POST', '/wp/v2/users/me', { description: `${RUN}` })).status).toBe(200);

    const admin = await feedAfter('administrator', before);
    const subscriber = await feedAfter('subscriber', before);
    const ids = (f: { events: FeedEvent[] }, type: string) =>
      f.events.filter((e) => e.object_type === type).map((e) => `${e.event}:${e.object_id}`);
    expect(ids(admin, 'post')).toEqual(
      expect.arrayContaining([`post.published:${visible}`, `post.published:${hidden}`, `post.updated:${hidden}`]),
    );
    expect(ids(subscriber, 'post')).toContain(`post.published:${visible}`);
    expect(ids(subscriber, 'post')).not.toContain(`post.published:${hidden}`);
    expect(ids(subscriber, 'post')).not.toContain(`post.updated:${hidden}`);
    // A post trashed or deleted is judged as it was before: a published one, yes; a draft, no.
    expect(ids(admin, 'post')).toEqual(
      expect.arrayContaining([`post.trashed:${removed}`, `post.deleted:${removed}`, `post.trashed:${draft}`]),
    );
    expect(ids(subscriber, 'post')).toEqual(
      expect.arrayContaining([`post.trashed:${removed}`, `post.deleted:${removed}`]),
    );
    expect(ids(subscriber, 'post')).not.toContain(`post.trashed:${draft}`);
    expect(ids(admin, 'user')).toContain(`user.created:${user.body.id}`);
    // Only the subscriber's own user events.
    expect(ids(subscriber, 'user')).toEqual([`user.updated:${sam.body.id}`]);
    // The cursor moves past what the subscriber may not see.
    expect(subscriber.next).toBe(admin.next);
    await call('administrator', 'DELETE', `/wp/v2/users/${user.body.id}?force=true&reassign=1`);
  });
});

describe('companion plugin: REST hooks', () => {
  const receiver = new HookReceiver(pokeSite);
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  test('subscribe, publish: a signed delivery within 5 s; unsubscribe: no more', async () => {
    const hook = await subscribe('administrator', 'post.published', receiver.url(), { post_type: 'post' });
    expect(hook.status).toBe(201);
    expect(hook.body.event).toBe('post.published');
    expect(hook.body.secret).toMatch(/^[0-9a-f]{64}$/);
    hooksToDelete.push(hook.body.id);
    const listed = await call<Array<{ id: number; target_url: string }>>('administrator', 'GET', '/wpjz/v1/hooks');
    expect(listed.body.find((h) => h.id === hook.body.id)).toMatchObject({ target_url: receiver.url() });
    expect(JSON.stringify(listed.body)).not.toContain(hook.body.secret);

    const id = await createPost('instant');
    const published = Date.now(); // WordPress has answered the save.
    expect(await receiver.until(() => receiver.forPost(id).length > 0, 5000)).toBe(true);
    const [d] = receiver.forPost(id);
    console.info(`companion: delivery ${d.at - published} ms after the publish request returned`);
    expect(d.at - published).toBeLessThan(5000);
    expect(d.json).toMatchObject({
      id: `${hook.body.id}-${d.json.seq}`,
      hook_id: hook.body.id,
      event: 'post.published',
      object_type: 'post',
      object_id: id,
      subtype: 'post',
    });
    expect(d.headers['content-type']).toBe('application/json');
    expect(d.headers['user-agent']).toBe('wpjz-companion/1.0.0');
    expect(verify(hook.body.secret, d)).toBe(true);
    // What a receiver refuses: another body, another secret, a replay after 5 minutes.
    expect(verify(hook.body.secret, { ...d, body: d.body.replace(String(id), String(id + 1)) })).toBe(false);
    expect(verify('0'.repeat(64), d)).toBe(false);
    expect(verify(hook.body.secret, d, Math.floor(Date.now() / 1000) + 301)).toBe(false);

    // A page is no post.published to a hook filtered on posts.
    const page = await call<{ id: number }>('administrator', 'POST', '/wp/v2/pages', {
      title: `${RUN} page`,
      status: 'publish',
    });
    const deleted = await call<{ deleted: boolean; id: number }>(
      'administrator',
      'DELETE',
      `/wpjz/v1/hooks/${hook.body.id}`,
    );
    expect(deleted.body).toEqual({ deleted: true, id: hook.body.id });
    const again = await call<{ code: string }>('administrator', 'DELETE', `/wpjz/v1/hooks/${hook.body.id}`);
    expect([again.status, again.body.code]).toEqual([404, 'wpjz_hook_not_found']);
    const after = await createPost('after unsubscribe');
    await sleep(3000);
    expect(receiver.forPost(after)).toEqual([]);
    expect(receiver.deliveries.filter((x) => x.json.object_id === page.body.id)).toEqual([]);
    expect(receiver.forPost(id)).toHaveLength(1);
  });

  test('receiver down, then up: each event delivered once', async () => {
    const down = new HookReceiver(pokeSite);
    await down.start();
    const port = down.port;
    const hook = await subscribe('administrator', 'post.published', down.url());
    expect(hook.status).toBe(201);
    hooksToDelete.push(hook.body.id);
    await down.stop(); // Connections to the port are now refused.
    const ids = [await createPost('while down 1'), await createPost('while down 2'), await createPost('while down 3')];
    await sleep(4000); // Several attempts fail meanwhile (waits of 1, 2, 4 s on the bench).
    await down.start(port);
    const all = () => ids.every((id) => down.forPost(id).length > 0);
    expect(await down.until(all, 60000, true)).toBe(true);
    await down.until(() => false, 4000, true); // Any duplicate would arrive now.
    for (const id of ids) {
      expect(down.forPost(id)).toHaveLength(1);
      expect(verify(hook.body.secret, down.forPost(id)[0])).toBe(true);
    }
    await down.stop();
  });

  test('a burst of 40 posts, 8 at a time: each delivered once and in the feed once, in seq order', async () => {
    const burst = new HookReceiver(pokeSite);
    await burst.start();
    const hook = await subscribe('administrator', 'post.published', burst.url());
    expect(hook.status).toBe(201);
    hooksToDelete.push(hook.body.id);
    const before = await latestSeq();
    const ids: number[] = [];
    const queue = Array.from({ length: 40 }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) ids.push(await createPost(`burst ${i}`));
      }),
    );
    const all = () => ids.every((id) => burst.forPost(id).length > 0);
    expect(await burst.until(all, 60000, true)).toBe(true);
    await burst.until(() => false, 3000);
    expect(ids.map((id) => burst.forPost(id).length)).toEqual(ids.map(() => 1));
    expect(burst.deliveries.every((d) => verify(hook.body.secret, d))).toBe(true);
    const { events } = await feedAfter('administrator', before, 'post.published');
    const mine = events.filter((e) => ids.includes(e.object_id));
    expect(mine.map((e) => e.object_id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    const seqs = mine.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await burst.stop();
  });

  test('a 410 from the target removes the subscription', async () => {
    const gone = new HookReceiver(pokeSite);
    gone.status = 410;
    await gone.start();
    const hook = await subscribe('administrator', 'post.published', gone.url());
    expect(hook.status).toBe(201);
    hooksToDelete.push(hook.body.id);
    const id = await createPost('to a gone target');
    expect(await gone.until(() => gone.forPost(id).length > 0, 5000)).toBe(true);
    await sleep(500);
    const listed = await call<Array<{ id: number }>>('administrator', 'GET', '/wpjz/v1/hooks');
    expect(listed.body.map((h) => h.id)).not.toContain(hook.body.id);
    await gone.stop();
  });

  test("a hook delivers only what its owner may read: a subscriber's hook gets approved comments, not held ones", async () => {
    const own = new HookReceiver(pokeSite);
    await own.start();
    const hook = await subscribe('subscriber', 'comment.created', own.url());
    expect(hook.status).toBe(201);
    hooksToDelete.push(hook.body.id);
    const post = await createPost('comments for a subscriber hook');
    const comment = async (status: string) =>
      (
        await call<{ id: number }>('administrator', 'POST', '/wp/v2/comments', {
          post,
          content: `${RUN} ${status}`,
          status,
        })
      ).body.id;
    const held = await comment('hold');
    const approved = await comment('approved');
    const got = (id: number) =>
      own.deliveries.filter((d) => d.json.object_type === 'comment' && d.json.object_id === id);
    expect(await own.until(() => got(approved).length > 0, 10000)).toBe(true);
    await own.until(() => false, 2000);
    expect(got(held)).toEqual([]);
    expect(got(approved)).toHaveLength(1);
    await own.stop();
  });

  test('who may subscribe, and to where', async () => {
    const users = await subscribe('subscriber', 'user.created', receiver.url());
    expect([users.status, users.body.code]).toEqual([403, 'wpjz_cannot_subscribe']);
    const drafts = await subscribe('subscriber', 'post.updated', receiver.url(), { status: 'draft' });
    expect([drafts.status, drafts.body.code]).toEqual([403, 'wpjz_cannot_subscribe']);
    const posts = await subscribe('subscriber', 'post.published', receiver.url());
    expect(posts.status).toBe(201);
    hooksToDelete.push(posts.body.id);
    // Only the owner or an administrator may delete a hook.
    const editor = await call<{ code: string }>('editor', 'DELETE', `/wpjz/v1/hooks/${posts.body.id}`);
    expect(editor.status).toBe(404);
    // Private, metadata and non-https targets are refused before anything is sent (IP literals: no DNS either).
    for (const target of [
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/hook',
      'https://192.168.1.1/hook',
      // Plain http to a public address (a documentation range: an IP literal, so no DNS query either).
      'http://198.51.100.7/hooks/standard/1/x/',
      'https://user:pw@127.0.0.1/hook',
      'not a url',
    ]) {
      const res = await subscribe('administrator', 'post.published', target);
      expect([target, res.status, res.body.code]).toEqual([target, 400, 'wpjz_bad_target']);
    }
    const badEvent = await subscribe('administrator', 'post.exploded', receiver.url());
    expect([badEvent.status, badEvent.body.code]).toEqual([400, 'wpjz_bad_event']);
    const badFilter = await subscribe('administrator', 'user.created', receiver.url(), { post_type: 'post' });
    expect([badFilter.status, badFilter.body.code]).toEqual([400, 'wpjz_bad_filters']);
  });
});
