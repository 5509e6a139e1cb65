// The companion plugin (wpjz-companion/) on the bench site `companion`: its status route, the ways
// in (Application Passwords, a JWT from the seed plugin), and the change feed GET wpjz/v1/changes.
import benchConfig from '../wordpress/sites.json';
import { connect } from './harness';
import { recordToken } from './logs';
import {
  API,
  type Feed,
  type FeedEvent,
  basic,
  call,
  createPost,
  feedAfter,
  latestSeq,
  runName,
  sleep,
} from './companion_site';

// The bench is shared by parallel runs on 2 cores: a request may take seconds.
jest.setTimeout(120_000);

const RUN = runName('companion-feed');
const newPost = (title: string, extra: Record<string, unknown> = {}) => createPost(`${RUN} ${title}`, extra);

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
    const auth = await connect('companion', 'editor');
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
    const id = await newPost('feed');
    expect((await call('administrator', 'POST', `/wp/v2/posts/${id}`, { content: 'changed' })).status).toBe(200);
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${id}`)).status).toBe(200);
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${id}?force=true`)).status).toBe(200);
    const backdated = await newPost('backdated', { date_gmt: '2020-02-02T10:00:00' });
    const draft = await newPost('draft then published', { status: 'draft' });
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
    const id = await newPost('scheduled', { status: 'future', date_gmt: when });
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
    const post = await newPost('commented');
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
    const visible = await newPost('visible to all');
    const hidden = await newPost('published then drafted');
    expect((await call('administrator', 'POST', `/wp/v2/posts/${hidden}`, { status: 'draft' })).status).toBe(200);
    const removed = await newPost('published, trashed, deleted');
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${removed}`)).status).toBe(200);
    expect((await call('administrator', 'DELETE', `/wp/v2/posts/${removed}?force=true`)).status).toBe(200);
    const draft = await newPost('a draft, trashed', { status: 'draft' });
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
