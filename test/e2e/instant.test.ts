// The instant triggers against the real companion plugin on the bench site `companion` (port 8089),
// with a loopback receiver standing in for Zapier's hook URL: subscribe through the app, make the
// event in WordPress, hand what the receiver got to the trigger's perform as Zapier would.
import type { Bundle } from 'zapier-platform-core';
import { randomBytes } from 'node:crypto';
import { HookReceiver, type HookDelivery } from './hook_receiver';
import { COMPANION, app, appTester, caught, connect, rest, userMessage } from './harness';

jest.setTimeout(120_000);

const RUN = `e2e-instant-${Date.now()}-${randomBytes(3).toString('hex')}`;
type Op = { performSubscribe: Fn; performUnsubscribe: Fn; perform: Fn; performList: Fn };
type Fn = (z: never, bundle: never) => unknown;
const op = (key: string) => app.triggers![key].operation as unknown as Op;

/** What Zapier hands a hook's perform: the raw body, and the headers named `Http-…`. */
function received(d: HookDelivery): NonNullable<Bundle['rawRequest']> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(d.headers)) {
    headers[`Http-${name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())}`] =
      String(value);
  }
  return { method: 'POST', headers, content: d.body };
}

const receiver = new HookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

async function subscribeTo(key: string, auth: Record<string, string>, inputData: Record<string, unknown> = {}) {
  const base = { authData: auth, inputData, targetUrl: receiver.url(`/${key}`), meta: {} };
  const subscribeData = (await appTester(op(key).performSubscribe as never, base as never)) as {
    id: string;
    hooks: Array<{ id: number }>;
  };
  return { ...base, subscribeData };
}

/** What the receiver got for one Zap's hooks about one object. */
function deliveriesFor(zap: { subscribeData: { hooks: Array<{ id: number }> } }, type: string, id: number) {
  const hooks = new Set(zap.subscribeData.hooks.map((hook) => hook.id));
  return receiver.forObject(type, id).filter((d) => hooks.has(d.json.hook_id));
}

describe('instant triggers through the companion plugin', () => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = await connect(COMPANION, 'administrator');
  });

  test('New Post (Instant): subscribe, publish, receive within 5 s, verify, perform; replays and forgeries fire nothing', async () => {
    const zap = await subscribeTo('new_post_instant', admin);
    expect(zap.subscribeData.hooks).toHaveLength(1);
    const created = await rest<{ id: number }>(admin, 'wp/v2/posts', {
      method: 'POST',
      body: { title: `${RUN} published`, status: 'publish', content: 'Hello' },
    });
    const id = created.data.id;
    const started = Date.now();
    expect(await receiver.until(() => deliveriesFor(zap, 'post', id).length > 0, 5000)).toBe(true);
    const latency = Date.now() - started;
    const [delivery] = deliveriesFor(zap, 'post', id);
    const fire = (rawRequest: Bundle['rawRequest']) =>
      appTester(op('new_post_instant').perform as never, { ...zap, rawRequest } as never, false);
    const fired = (await fire(received(delivery))) as Array<{ id: number; title: string; status: string }>;
    expect(fired).toEqual([expect.objectContaining({ id, title: `${RUN} published`, status: 'publish' })]);
    // The same delivery again (the plugin retries when Zapier's answer is lost): nothing fires.
    expect(await fire(received(delivery))).toEqual([]);
    // Another body under the same signature: refused.
    const forged = {
      ...received(delivery),
      content: delivery.body.replace(`"object_id":${id}`, `"object_id":${id - 1}`),
    };
    const err = await caught(() => fire(forged));
    expect(err.name).toBe('HaltedError');
    expect(userMessage(err)).toMatch(/not signed with the secret/);
    // Unsubscribed: the next post is delivered to nobody.
    await appTester(op('new_post_instant').performUnsubscribe as never, zap as never);
    const after = await rest<{ id: number }>(admin, 'wp/v2/posts', {
      method: 'POST',
      body: { title: `${RUN} after unsubscribe`, status: 'publish' },
    });
    await new Promise((r) => setTimeout(r, 2500));
    expect(receiver.forPost(after.data.id)).toEqual([]);
    expect(latency).toBeLessThan(5000);
  });

  test('User Updated (Instant): an email change fires with the new email; New User (Instant) fires for a new user', async () => {
    const updates = await subscribeTo('user_updated_instant', admin);
    const news = await subscribeTo('new_user_instant', admin);
    const login = `${RUN}-user`.slice(0, 50);
    const user = await rest<{ id: number }>(admin, 'wp/v2/users', {
      method: 'POST',
      body: { username: login, email: `${login}@example.com`, password: `Pw-${RUN}`, roles: ['subscriber'] },
    });
    const id = user.data.id;
    try {
      await rest(admin, `wp/v2/users/${id}`, { method: 'POST', body: { email: `changed-${login}@example.com` } });
      const got = (event: string) => receiver.forObject('user', id).filter((d) => d.json.event === event);
      expect(await receiver.until(() => got('user.created').length > 0 && got('user.updated').length > 0, 8000)).toBe(
        true,
      );
      const [created] = got('user.created');
      const fired = (await appTester(
        op('new_user_instant').perform as never,
        { ...news, rawRequest: received(created) } as never,
        false,
      )) as Array<{ id: number; role: string }>;
      expect(fired).toEqual([expect.objectContaining({ id, role: 'subscriber' })]);
      const [updated] = got('user.updated');
      const changed = (await appTester(
        op('user_updated_instant').perform as never,
        { ...updates, rawRequest: received(updated) } as never,
        false,
      )) as Array<{ id: string; user_id: number; email: string }>;
      expect(changed).toEqual([
        expect.objectContaining({
          id: `${id}-${updated.json.seq}`,
          user_id: id,
          email: `changed-${login}@example.com`,
        }),
      ]);
    } finally {
      await rest(admin, `wp/v2/users/${id}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
      await appTester(op('user_updated_instant').performUnsubscribe as never, updates as never);
      await appTester(op('new_user_instant').performUnsubscribe as never, news as never);
    }
  });

  test('subscribing again to the same address keeps one hook: each event is delivered once', async () => {
    const first = await subscribeTo('new_post_instant', admin, { post_type: 'post' });
    const again = await subscribeTo('new_post_instant', admin, { post_type: 'post' });
    expect(again.subscribeData).toEqual(first.subscribeData);
    try {
      const post = await rest<{ id: number }>(admin, 'wp/v2/posts', {
        method: 'POST',
        body: { title: `${RUN} subscribed twice`, status: 'publish' },
      });
      expect(await receiver.until(() => deliveriesFor(first, 'post', post.data.id).length > 0, 5000)).toBe(true);
      await new Promise((r) => setTimeout(r, 2000));
      expect(deliveriesFor(first, 'post', post.data.id)).toHaveLength(1);
    } finally {
      await appTester(op('new_post_instant').performUnsubscribe as never, first as never);
    }
  });

  test('a Subscriber cannot subscribe to user events: the message says who can', async () => {
    const sam = await connect(COMPANION, 'subscriber');
    const err = await caught(() => subscribeTo('new_user_instant', sam));
    expect(userMessage(err)).toMatch(/refused to send these events to Zapier: .*Connect a user who may read them/);
  });

  test('a site without the plugin: the message names the plugin, how to install it and the polling trigger', async () => {
    const main = await connect('main', 'administrator');
    const err = await caught(() => subscribeTo('new_post_instant', main));
    const message = userMessage(err);
    expect(message).toMatch(/needs the WP JWT Zapier Companion plugin on 127\.0\.0\.1:8080/);
    expect(message).toMatch(/Upload Plugin/);
    expect(message).toMatch(/use the "New Post" trigger/);
  });

  test('the connection test and label name the plugin and its version', async () => {
    const result = await appTester(app.authentication!.test as never, { authData: admin } as never);
    expect(result).toMatchObject({ companion_plugin: '1.0.0', companion_label: ' · Companion 1.0.0' });
    const main = await appTester(app.authentication!.test as never, { authData: await connect('main') } as never);
    expect(main).toMatchObject({ companion_plugin: 'not active', companion_label: '' });
  });
});
