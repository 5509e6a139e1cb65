// Issue 18's user proofs through the app on the bench site `companion`: User Updated (Instant) fires
// once for each change of email, role and profile meta; a Subscriber's connection may not subscribe
// to user events; a 410 from Zapier removes the subscription (and turning the Zap off still works);
// after unsubscribing, a change is delivered to nobody.
import { HookReceiver, type HookDelivery } from './hook_receiver';
import { caught, connect, rest, userMessage } from './harness';
import { call, pokeSite, runName, sleep, verify } from './companion_site';
import { type Zap, deliveriesFor, fire, secretOf, subscribeTo, unsubscribe } from './instant_zap';

jest.setTimeout(180_000);

const RUN = runName('companion-users');
const rx = new HookReceiver(pokeSite);
beforeAll(() => rx.start());
afterAll(() => rx.stop());

async function newUser(suffix: string): Promise<number> {
  const login = `${RUN}-${suffix}`.slice(0, 55);
  const res = await call<{ id: number }>('administrator', 'POST', '/wp/v2/users', {
    username: login,
    email: `${login}@example.com`,
    password: `Pw-${RUN}`,
    roles: ['subscriber'],
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const deleteUser = (id: number) => call('administrator', 'DELETE', `/wp/v2/users/${id}?force=true&reassign=1`);

interface ChangeOutput {
  id: string;
  user_id: number;
  email: string;
  role: string;
  first_name: string;
  description: string;
}

describe('user events through the instant triggers', () => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = await connect('companion', 'administrator');
  });

  test('email, role and profile meta changes: one user.updated each, fired once each with the new values', async () => {
    const id = await newUser('changes');
    const zap = await subscribeTo(rx, 'user_updated_instant', admin);
    const login = `${RUN}-changes`.slice(0, 55);
    const changes: Array<[Record<string, unknown>, Partial<ChangeOutput>]> = [
      [{ email: `new.${login}@example.com` }, { email: `new.${login}@example.com` }],
      [{ roles: ['author'] }, { role: 'author' }],
      [
        { first_name: 'Ada', description: `${RUN} bio` },
        { first_name: 'Ada', description: `${RUN} bio` },
      ],
    ];
    const got = () => deliveriesFor(rx, zap, 'user', id);
    try {
      const fired: ChangeOutput[] = [];
      for (const [change, expected] of changes) {
        const before = got().length;
        expect((await call('administrator', 'POST', `/wp/v2/users/${id}`, change)).status).toBe(200);
        expect(await rx.until(() => got().length > before, 15000)).toBe(true);
        await sleep(1500); // A second delivery of the same change would arrive now.
        const fresh = got().slice(before);
        expect(fresh.map((d) => d.json.event)).toEqual(['user.updated']);
        expect(verify(secretOf(zap, fresh[0]), fresh[0])).toBe(true);
        // Fired at once, before the next change, so the user loaded is the user as this change left it.
        const [item] = await fire<ChangeOutput>(zap, fresh[0]);
        expect(item).toMatchObject({ id: `${id}-${fresh[0].json.seq}`, user_id: id, ...expected });
        expect(await fire(zap, fresh[0])).toEqual([]);
        fired.push(item);
      }
      const seqs = got().map((d) => d.json.seq);
      expect(new Set(seqs).size).toBe(changes.length);
      expect(fired.map((item) => item.id)).toEqual(got().map((d) => `${id}-${d.json.seq}`));

      // Turned off: the next change is delivered to nobody.
      await unsubscribe(zap);
      expect((await call('administrator', 'POST', `/wp/v2/users/${id}`, { last_name: 'After' })).status).toBe(200);
      await rx.until(() => false, 3000, true);
      expect(got()).toHaveLength(changes.length);
    } finally {
      await unsubscribe(zap);
      await deleteUser(id);
    }
  });

  test.each(['new_user_instant', 'user_updated_instant'])(
    "%s: a Subscriber's connection is refused with the app's message, and no hook is left",
    async (key) => {
      const sam = await connect('companion', 'subscriber');
      const before = await call<Array<{ id: number }>>('subscriber', 'GET', '/wpjz/v1/hooks');
      const err = await caught(() => subscribeTo(rx, key, sam));
      expect(userMessage(err)).toMatch(
        /refused to send these events to Zapier: .*Connect a user who may read them \(an Administrator for user events/,
      );
      const after = await call<Array<{ id: number }>>('subscriber', 'GET', '/wpjz/v1/hooks');
      expect(after.body.map((hook) => hook.id)).toEqual(before.body.map((hook) => hook.id));
    },
  );

  test('a 410 from the Zap removes its subscription; turning the Zap off afterwards still succeeds', async () => {
    const gone = new HookReceiver(pokeSite);
    gone.status = 410;
    await gone.start();
    const zap: Zap = await subscribeTo(gone, 'new_user_instant', admin);
    const [hook] = zap.subscribeData.hooks;
    const listed = async () =>
      (await call<Array<{ id: number }>>('administrator', 'GET', '/wpjz/v1/hooks')).body.map((h) => h.id);
    expect(await listed()).toContain(hook.id);
    const first = await newUser('gone-1');
    let second = 0;
    try {
      expect(await gone.until(() => gone.forObject('user', first).length > 0, 15000)).toBe(true);
      await sleep(1000); // The 410 is handled right after the receiver answered.
      expect(await listed()).not.toContain(hook.id);
      second = await newUser('gone-2');
      await gone.until(() => false, 3000, true); // No hook: nothing is queued for the second user.
      const toHook = (d: HookDelivery) => d.json.hook_id === hook.id;
      expect(gone.deliveries.filter(toHook).map((d) => d.json.object_id)).toEqual([first]);
      // Zapier calls performUnsubscribe when the Zap is turned off: the hook is already gone, no error.
      await expect(unsubscribe(zap)).resolves.toBeUndefined();
    } finally {
      await gone.stop();
      await deleteUser(first);
      if (second) await deleteUser(second);
      await rest(admin, `wpjz/v1/hooks/${hook.id}`, { method: 'DELETE' });
    }
  });
});
