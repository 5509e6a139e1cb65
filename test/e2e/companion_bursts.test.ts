// Issue 18's burst proofs on the bench site `companion`: many objects made at once, each delivered to
// the Zap's hook once, signed, and fired once by the instant trigger's perform with its polling twin's
// output. Delivery times are measured and logged (not asserted: the bench is shared and loaded).
import { HookReceiver, type HookDelivery } from './hook_receiver';
import { connect } from './harness';
import {
  call,
  createPost,
  deleteHooksAfterAll,
  deletePosts,
  feedAfter,
  latestSeq,
  pokeSite,
  runName,
  subscribe,
  verify,
} from './companion_site';
import { type Zap, deliveriesFor, fire, op, secretOf, subscribeTo, unsubscribe } from './instant_zap';
import { appTester } from './harness';

jest.setTimeout(600_000);

const RUN = runName('companion-bursts');
const newPost = (title: string) => createPost(`${RUN} ${title}`);
const hooksToDelete = deleteHooksAfterAll();
const BURST = 250;

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
    }),
  );
  return out;
}

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

/** Delivery times of a burst: from the first request that made it, and from the answer that made each object. */
function timings(label: string, started: number, madeAt: Map<number, number>, got: HookDelivery[]): void {
  const lags = got.map((d) => d.at - (madeAt.get(d.json.object_id) ?? d.at));
  const last = Math.max(...got.map((d) => d.at));
  console.info(
    `companion burst ${label}: ${got.length} delivered, last ${last - started} ms after the first request; ` +
      `after each object's answer: median ${quantile(lags, 0.5)} ms, p95 ${quantile(lags, 0.95)} ms, worst ${Math.max(...lags)} ms`,
  );
}

/** The burst's checks: every object delivered once (by seq and by object), every signature valid. */
function expectOnceEach(rx: HookReceiver, zap: Zap, type: string, ids: number[]): HookDelivery[] {
  const got = deliveriesFor(rx, zap).filter((d) => d.json.object_type === type && ids.includes(d.json.object_id));
  expect(new Set(got.map((d) => d.json.seq)).size).toBe(got.length);
  expect(got.map((d) => d.json.object_id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  expect(got.filter((d) => !verify(secretOf(zap, d), d))).toEqual([]);
  return got;
}

/** Fires each delivery once through perform (and again: nothing); each object once, in the twin's shape. */
async function expectFiredOnce(zap: Zap, got: HookDelivery[]): Promise<void> {
  const fired = await pool(got, 6, async (d) => [await fire<{ id: number }>(zap, d), await fire(zap, d)] as const);
  expect(fired.map(([first]) => first.length)).toEqual(got.map(() => 1));
  expect(fired.map(([, again]) => again.length)).toEqual(got.map(() => 0));
  expect(fired.map(([first]) => first[0].id)).toEqual(got.map((d) => d.json.object_id));
  // The polling twin's sample (performList) is the output the instant trigger promises.
  const sample = (await appTester(op(zap.key).performList as never, zap as never)) as Array<Record<string, unknown>>;
  expect(sample.length).toBeGreaterThan(0);
  const keys = (item: object) => Object.keys(item).sort();
  for (const [[item]] of fired) expect(keys(item)).toEqual(keys(sample[0]));
  const same = fired.map(([[item]]) => item).find((item) => sample.some((s) => s.id === item.id));
  if (same) expect(same).toEqual(sample.find((s) => s.id === same.id));
}

describe('companion bursts', () => {
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
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) ids.push(await newPost(`burst ${i}`));
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

  test('a request that makes 25 posts answers without waiting for their deliveries (the end of a request only starts them)', async () => {
    const admin = await connect('companion', 'administrator');
    const rx = new HookReceiver(pokeSite);
    let held = false;
    // The first delivery is held past the plugin's 10 s timeout; were the request to send its
    // deliveries itself, its answer would wait for that.
    rx.holdMs = () => (held ? 0 : ((held = true), 12_000));
    await rx.start();
    const zap = await subscribeTo(rx, 'new_post_instant', admin);
    const ids: number[] = [];
    try {
      const requests = Array.from({ length: 25 }, (_, i) => ({
        method: 'POST',
        path: '/wp/v2/posts',
        body: { title: `${RUN} one request ${i}`, status: 'publish' },
      }));
      const t0 = Date.now();
      const res = await call<{ responses: Array<{ body: { id: number } }> }>('administrator', 'POST', '/batch/v1', {
        requests,
      });
      const answered = Date.now();
      ids.push(...res.body.responses.map((r) => r.body.id));
      expect(ids).toHaveLength(25);
      expect(await rx.until(() => rx.deliveries.length > 0, 15000)).toBe(true);
      const firstHeldUntil = rx.deliveries[0].at + 12_000;
      expect(answered).toBeLessThan(firstHeldUntil);
      console.info(`companion: a batch of 25 posts answered in ${answered - t0} ms, its deliveries not waited for`);
      const all = () => ids.every((id) => deliveriesFor(rx, zap, 'post', id).length > 0);
      expect(await rx.until(all, 120_000, true)).toBe(true);
      const got = deliveriesFor(rx, zap).filter((d) => ids.includes(d.json.object_id));
      const fired = await pool(got, 6, (d) => fire<{ id: number }>(zap, d));
      expect(
        fired
          .flat()
          .map((item) => item.id)
          .sort((a, b) => a - b),
      ).toEqual([...ids].sort((a, b) => a - b));
    } finally {
      await unsubscribe(zap);
      await rx.stop();
      await deletePosts(ids);
    }
  });

  test(`${BURST} posts in REST batches of 25: each delivered once, signed, fired once as New Post outputs it`, async () => {
    const admin = await connect('companion', 'administrator');
    const rx = new HookReceiver(pokeSite);
    await rx.start();
    const zap = await subscribeTo(rx, 'new_post_instant', admin);
    const ids: number[] = [];
    const madeAt = new Map<number, number>();
    const batchMs: number[] = [];
    try {
      const started = Date.now();
      const batches = Array.from({ length: BURST / 25 }, (_, b) => b);
      await pool(batches, 2, async (b) => {
        const requests = Array.from({ length: 25 }, (_, i) => ({
          method: 'POST',
          path: '/wp/v2/posts',
          body: { title: `${RUN} burst ${b * 25 + i}`, status: 'publish' },
        }));
        const t0 = Date.now();
        const res = await call<{ responses: Array<{ status: number; body: { id: number } }> }>(
          'administrator',
          'POST',
          '/batch/v1',
          { requests },
        );
        batchMs.push(Date.now() - t0);
        expect(res.body.responses.map((r) => r.status)).toEqual(requests.map(() => 201));
        for (const r of res.body.responses) {
          ids.push(r.body.id);
          madeAt.set(r.body.id, Date.now());
        }
      });
      const all = () => deliveriesFor(rx, zap).filter((d) => madeAt.has(d.json.object_id)).length >= BURST;
      expect(await rx.until(all, 240_000, true)).toBe(true);
      await rx.until(() => false, 3000, true); // Any second copy would arrive now.
      console.info(`companion burst posts: batch requests of 25 answered in ${JSON.stringify(batchMs)} ms`);
      const got = expectOnceEach(rx, zap, 'post', ids);
      timings('posts', started, madeAt, got);
      await expectFiredOnce(zap, got);
    } finally {
      await unsubscribe(zap);
      await rx.stop();
      await deletePosts(ids);
    }
  });

  test(`${BURST} users, 50 to a request: each delivered once, signed, fired once as New User outputs it`, async () => {
    const admin = await connect('companion', 'administrator');
    const rx = new HookReceiver(pokeSite);
    await rx.start();
    const zap = await subscribeTo(rx, 'new_user_instant', admin);
    const ids: number[] = [];
    const madeAt = new Map<number, number>();
    const requestMs: number[] = [];
    try {
      const started = Date.now();
      // Users have no REST batch route: the bench clock's route makes 50 in one request, whose end
      // (where the plugin records user events and starts the deliveries) is the part to keep short.
      for (let b = 0; b < BURST / 50; b++) {
        const t0 = Date.now();
        const res = await call<{ ids: number[] }>('administrator', 'POST', '/wpjz-bench/v1/users', {
          prefix: `${RUN}-u${b}`.toLowerCase(),
          count: 50,
        });
        requestMs.push(Date.now() - t0);
        expect(res.status).toBe(200);
        ids.push(...res.body.ids);
        for (const id of res.body.ids) madeAt.set(id, Date.now());
      }
      const all = () => deliveriesFor(rx, zap).filter((d) => madeAt.has(d.json.object_id)).length >= BURST;
      expect(await rx.until(all, 240_000, true)).toBe(true);
      await rx.until(() => false, 3000, true);
      console.info(`companion burst users: requests of 50 answered in ${JSON.stringify(requestMs)} ms`);
      const got = expectOnceEach(rx, zap, 'user', ids);
      timings('users', started, madeAt, got);
      await expectFiredOnce(zap, got);
    } finally {
      await unsubscribe(zap);
      await rx.stop();
      expect((await call('administrator', 'POST', '/wpjz-bench/v1/users/delete', { ids })).status).toBe(200);
    }
  });
});
