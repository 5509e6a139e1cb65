// New User and New Comment on the bench site `companion`, where the companion plugin runs and
// Zapier names the Zap polling: a Zap's polls read the change feed alone when idle, 250 users made
// through WordPress's REST API each fire exactly once, and a comment held for moderation fires when
// it is approved (its ID long passed). Others use the bench meanwhile: only this file's are counted.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SimulatedZap } from '../unit/triggers/zap_simulator';
import { app, connect, perform, recordRequests, requireWordPress, rest, run } from './harness';

jest.setTimeout(300_000);

const STAMP = `fidp${Date.now().toString(36)}`;
type Item = Record<string, unknown> & { id: number };

function zapOn(key: 'new_user' | 'new_comment'): SimulatedZap {
  const op = app.triggers?.[key];
  if (!op) throw new Error(`no trigger ${key}`);
  const zap = { zap: { id: `${STAMP}-${key}` } };
  return new SimulatedZap((meta) => run<Item[]>(perform(op), {}, { site: 'companion', meta: { ...zap, ...meta } }));
}

const mine = (zap: SimulatedZap, ids: number[]) => zap.firings.map(Number).filter((id) => ids.includes(id));

/** `n` users registered through the REST API, ten at a time: each one an event of the plugin's. */
async function register(n: number): Promise<number[]> {
  const auth = await connect('companion', 'administrator');
  const ids: number[] = [];
  for (let done = 0; done < n; done += 10) {
    const made = await Promise.all(
      Array.from({ length: Math.min(10, n - done) }, async (_, i) => {
        const name = `${STAMP}-${done + i}`;
        const res = await rest<{ id: number }>(auth, 'wp/v2/users', {
          method: 'POST',
          body: { username: name, email: `${name}@example.com`, password: `${name}-Pw!9x` },
        });
        if (res.status !== 201) throw new Error(`user → ${res.status}: ${JSON.stringify(res.data)}`);
        return res.data.id;
      }),
    );
    ids.push(...made);
  }
  return ids.sort((a, b) => a - b);
}

beforeAll(async () => {
  await requireWordPress('companion');
});

afterAll(() => {
  execFileSync('php', [path.resolve(__dirname, '../../scripts/wordpress/burst.php'), 'companion', 'clean', STAMP]);
});

describe('New User on the change feed', () => {
  it('an idle poll is the feed alone; 250 users each fire exactly once, 90 a poll', async () => {
    const zap = zapOn('new_user');
    await zap.turnOn();
    const idle = await recordRequests(() => zap.poll());
    expect(idle.requests.map((r) => r.path)).toEqual([expect.stringContaining('wpjz/v1/changes')]);
    const ids = await register(250);
    let polls = 0;
    while (mine(zap, ids).length < ids.length && polls < 8) {
      const { requests } = await recordRequests(() => zap.poll());
      expect(requests.length).toBeLessThanOrEqual(2);
      polls++;
    }
    await zap.poll();
    expect(mine(zap, ids).sort((a, b) => a - b)).toEqual(ids);
    expect(zap.dropped).toEqual([]);
    expect(polls).toBeGreaterThanOrEqual(Math.ceil(250 / 90));
    expect(polls).toBeLessThanOrEqual(Math.ceil(250 / 90) + 2);
  });
});

describe('New Comment on the change feed', () => {
  it('a comment held for moderation fires on the first poll after it is approved, once', async () => {
    const auth = await connect('companion', 'administrator');
    const posts = await rest<Array<{ id: number }>>(auth, 'wp/v2/posts', { query: { per_page: '1', _fields: 'id' } });
    const post = posts.data[0].id;
    const held = await rest<{ id: number }>(auth, 'wp/v2/comments', {
      method: 'POST',
      body: {
        post,
        content: `E2E ${STAMP} held`,
        status: 'hold',
        author_name: 'Held Reader',
        author_email: 'held@example.com',
      },
    });
    expect(held.status).toBe(201);
    const zap = zapOn('new_comment');
    await zap.turnOn();
    const newer = await rest<{ id: number }>(auth, 'wp/v2/comments', {
      method: 'POST',
      // The site holds comments of unknown authors for moderation: set as approved, as a moderator may.
      body: {
        post,
        content: `E2E ${STAMP} newer`,
        status: 'approved',
        author_name: 'Reader',
        author_email: 'reader@example.com',
      },
    });
    await zap.poll();
    expect(mine(zap, [newer.data.id])).toEqual([newer.data.id]);
    expect(mine(zap, [held.data.id])).toEqual([]);
    const approved = await rest(auth, `wp/v2/comments/${held.data.id}`, {
      method: 'POST',
      body: { status: 'approved' },
    });
    expect(approved.status).toBe(200);
    await zap.poll();
    expect(mine(zap, [held.data.id])).toEqual([held.data.id]);
    await zap.poll();
    expect(mine(zap, [held.data.id])).toEqual([held.data.id]);
    for (const id of [held.data.id, newer.data.id])
      await rest(auth, `wp/v2/comments/${id}`, { method: 'DELETE', query: { force: 'true' } });
  });
});
