// New Post and New or Updated Post on the bench site `companion`, where the companion plugin runs:
// after the poll that finds its seq on an answer, each poll reads the change feed alone, and every
// post published here (one, a burst of 250, a scheduled post going live through WP-Cron, an edit)
// fires exactly once on each Zap. Other engineers post on the same bench: only this file's posts
// (a per-run prefix) are counted.
import { connect, publishBurst, requireWordPress, rest, sites } from './harness';
import { Zap } from './zap';

jest.setTimeout(300_000);

const STAMP = `feed${Date.now().toString(36)}`;
const options = { site: 'companion' as const };
const once = (ids: number[]) => ids.map(() => 1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isFeed = (path: string) => path.includes('wpjz/v1/changes');

async function createPost(body: Record<string, unknown>): Promise<number> {
  const auth = await connect('companion', 'administrator');
  const res = await rest<{ id: number }>(auth, 'wp/v2/posts', { method: 'POST', body });
  if (res.status !== 201) throw new Error(`create → ${res.status}: ${JSON.stringify(res.data)}`);
  return res.data.id;
}

/** Two Zaps turned on, then polled until both read the feed alone. */
async function zapsOnFeed(): Promise<[Zap, Zap]> {
  const zaps: [Zap, Zap] = [new Zap('new_post', options), new Zap('new_or_updated_post', options)];
  await zaps[0].turnOn(true);
  await zaps[1].turnOn();
  for (const zap of zaps) {
    for (let i = 0; i < 4; i++) {
      const { requests } = await zap.poll();
      if (requests.length === 1 && isFeed(requests[0])) break;
    }
  }
  return zaps;
}

beforeAll(async () => {
  await requireWordPress('companion');
});

describe('New Post and New or Updated Post on the change feed', () => {
  let zaps: [Zap, Zap];
  beforeAll(async () => {
    zaps = await zapsOnFeed();
  });

  it('an idle poll is the feed alone; a new post fires on the next poll, with one request more', async () => {
    for (const zap of zaps) {
      const idle = await zap.poll();
      expect(idle.requests).toHaveLength(1);
      expect(idle.requests[0]).toContain('wpjz/v1/changes');
    }
    const id = await createPost({ title: `E2E ${STAMP} one`, status: 'publish' });
    for (const zap of zaps) {
      const { fired, requests } = await zap.poll();
      expect(fired.map((item) => item.post_id)).toContain(id);
      // Others' posts on the bench may come in the same fetch: still the feed and one fetch.
      expect(requests).toHaveLength(2);
      expect(requests.filter(isFeed)).toHaveLength(1);
    }
  });

  it('a burst of 250 posts: each fires exactly once on both Zaps, 45 at most a poll, 3 requests at most', async () => {
    const ids = publishBurst('companion', 250, `${STAMP}-burst`);
    let most = 0;
    let requests = 0;
    for (let round = 0; round < Math.ceil(250 / 45) + 4; round++) {
      for (const zap of zaps) {
        const poll = await zap.poll();
        most = Math.max(most, poll.fired.length);
        requests = Math.max(requests, poll.requests.length);
      }
      if (zaps.every((zap) => zap.counts(ids).every((n) => n > 0))) break;
    }
    for (const zap of zaps) expect(zap.counts(ids)).toEqual(once(ids));
    expect(most).toBeLessThanOrEqual(45);
    expect(requests).toBeLessThanOrEqual(3);
    for (const zap of zaps) await zap.poll();
    for (const zap of zaps) expect(zap.counts(ids)).toEqual(once(ids));
  });

  it('a scheduled post going live through WP-Cron fires on the first poll after, on both Zaps', async () => {
    const gmt = new Date(Date.now() + 3000).toISOString().slice(0, 19);
    const id = await createPost({ title: `E2E ${STAMP} scheduled`, status: 'future', date_gmt: gmt });
    await sleep(4500);
    // WP-Cron publishes it on the next request after its time (the site runs WP-Cron on page views).
    await fetch(`${sites.companion.url}/wp-cron.php?doing_wp_cron=${Date.now() / 1000}`);
    for (let i = 0; i < 20; i++) {
      const auth = await connect('companion', 'administrator');
      const res = await rest<{ status: string }>(auth, `wp/v2/posts/${id}`, { query: { _fields: 'status' } });
      if (res.data.status === 'publish') break;
      await sleep(500);
    }
    for (const zap of zaps) {
      await zap.poll();
      expect(zap.counts([id])).toEqual([1]);
    }
  });

  it('an edit fires New or Updated Post once, New Post not again', async () => {
    const id = await createPost({ title: `E2E ${STAMP} edited`, status: 'publish' });
    for (const zap of zaps) await zap.poll();
    const auth = await connect('companion', 'administrator');
    await sleep(1100); // a new `modified` second: a new version for New or Updated Post
    const res = await rest(auth, `wp/v2/posts/${id}`, { method: 'POST', body: { title: `E2E ${STAMP} edited 2` } });
    expect(res.status).toBe(200);
    const [newPost, changes] = zaps;
    await newPost.poll();
    const { fired } = await changes.poll();
    expect(newPost.counts([id])).toEqual([1]);
    expect(fired.filter((item) => item.post_id === id)).toHaveLength(1);
    expect(changes.counts([id])).toEqual([2]);
  });
});
