// New Post and New or Updated Post against the real WordPress when many posts arrive at once (an
// import), when Zapier's cache is lost in the middle, when a Zap is turned off and on again around
// new posts, and when the site's time zone moves 11 hours either way after more than 100 edits:
// every post made here fires exactly once on each Zap, and what existed when a Zap was turned on
// never fires. Other engineers post on the same bench meanwhile: only this file's posts (a per-run
// slug prefix) are counted.
import { SiteName, connect, publishBurst, requireWordPress, rest } from './harness';
import { Zap } from './zap';

jest.setTimeout(300_000);

const STAMP = `burst${Date.now().toString(36)}`;
let batch = 0;

/** `n` posts published at once on the server; their IDs. */
function burst(site: SiteName, n: number, category?: number): number[] {
  batch += 1;
  return publishBurst(site, n, `${STAMP}-${batch}`, category);
}

/**
 * Polls every Zap in turn until each fired for every ID or `polls` rounds passed; returns the most
 * any one poll fired (posts of others on the shared bench included).
 */
async function pollUntil(zaps: Zap[], ids: number[], polls: number): Promise<number> {
  let most = 0;
  for (let round = 1; round <= polls; round++) {
    for (const zap of zaps) most = Math.max(most, (await zap.poll()).fired.length);
    if (zaps.every((zap) => zap.counts(ids).every((n) => n > 0))) break;
  }
  return most;
}

const once = (ids: number[]) => ids.map(() => 1);

beforeAll(async () => {
  await requireWordPress('main');
  await requireWordPress('plain');
});

describe.each([130, 250])('a burst of %i posts between two polls', (n) => {
  it('fires each exactly once on New Post and New or Updated Post, 45 at most per poll', async () => {
    const newPost = new Zap('new_post');
    const changes = new Zap('new_or_updated_post');
    await newPost.turnOn(true);
    await changes.turnOn();
    const ids = burst('main', n);
    // Other engineers' posts on the shared bench take their share of each poll: a few polls spare.
    const most = await pollUntil([newPost, changes], ids, Math.ceil(n / 45) + 5);
    expect(newPost.counts(ids)).toEqual(once(ids));
    expect(changes.counts(ids)).toEqual(once(ids));
    expect(most).toBeLessThanOrEqual(45);
    // Nothing fires again later.
    await pollUntil([newPost, changes], [], 2);
    expect(newPost.counts(ids)).toEqual(once(ids));
    expect(changes.counts(ids)).toEqual(once(ids));
  });
});

describe('Zapier cache lost in the middle of a burst of 80 posts, with a category filter', () => {
  it('every post still fires once', async () => {
    const auth = await connect('main', 'administrator');
    const made = await rest<{ id: number }>(auth, 'wp/v2/categories', {
      method: 'POST',
      body: { name: `${STAMP} lost` },
    });
    const category = made.data.id;
    const filter = { categories: String(category) };
    const newPost = new Zap('new_post', {}, filter);
    const changes = new Zap('new_or_updated_post', {}, filter);
    await newPost.turnOn(true);
    await changes.turnOn();
    const ids = burst('main', 80, category);
    await newPost.poll();
    await changes.poll();
    expect(newPost.counts(ids).filter((n) => n === 1).length).toBeGreaterThan(0);
    await newPost.poll(true);
    await changes.poll();
    await pollUntil([newPost, changes], ids, 6);
    expect(newPost.counts(ids)).toEqual(once(ids));
    expect(changes.counts(ids)).toEqual(once(ids));
  });
});

describe('a Zap turned off, 60 posts published, the Zap turned on again', () => {
  it('fires none of the 60 and each later post once', async () => {
    const newPost = new Zap('new_post');
    const changes = new Zap('new_or_updated_post');
    await newPost.turnOn(true);
    await changes.turnOn();
    await newPost.poll();
    await changes.poll();
    const old = burst('main', 60);
    await newPost.turnOn();
    await changes.turnOn();
    const later = burst('main', 2);
    await pollUntil([newPost, changes], later, 4);
    await pollUntil([newPost, changes], [], 2);
    expect(newPost.counts(old)).toEqual(old.map(() => 0));
    expect(changes.counts(old)).toEqual(old.map(() => 0));
    expect(newPost.counts(later)).toEqual(once(later));
    expect(changes.counts(later)).toEqual(once(later));
  });
});

describe.each([-11, 11])('the time zone moved %i hours after more than 100 recent edits', (hours) => {
  const site: SiteName = 'plain';
  let before = 'UTC';

  afterAll(async () => {
    const auth = await connect(site, 'administrator');
    await rest(auth, 'wp/v2/settings', { method: 'POST', body: { timezone: before } });
  });

  it('keeps every edit and publication around the move, each once', async () => {
    const auth = await connect(site, 'administrator');
    before = (await rest<{ timezone: string }>(auth, 'wp/v2/settings')).data.timezone || 'UTC';
    const options = { site };
    const newPost = new Zap('new_post', options);
    const changes = new Zap('new_or_updated_post', options);
    await newPost.turnOn(true);
    await changes.turnOn();
    const recent = burst(site, 130);
    await pollUntil([newPost, changes], recent, 8);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // modified_gmt counts whole seconds
    // Saved in the old zone, after the last poll: an edit and a new post.
    await rest(auth, `wp/v2/posts/${recent[0]}`, { method: 'POST', body: { excerpt: 'Edited before the move.' } });
    const [published] = burst(site, 1);
    // Zones without daylight saving, 11 hours from UTC (the bench's zone) either way.
    const zone = hours < 0 ? 'Pacific/Pago_Pago' : 'Pacific/Noumea';
    const moved = await rest(auth, 'wp/v2/settings', { method: 'POST', body: { timezone: zone } });
    expect(moved.status).toBe(200);
    await rest(auth, `wp/v2/posts/${recent[1]}`, { method: 'POST', body: { excerpt: 'Edited after the move.' } });
    const [after] = burst(site, 1);
    await pollUntil([newPost, changes], [published, after], 6);
    await pollUntil([newPost, changes], [], 2);
    expect(newPost.counts([...recent, published, after])).toEqual(once([...recent, published, after]));
    expect(changes.counts([published, after])).toEqual([1, 1]);
    // The first publication of each, and one more for each edit.
    expect(changes.counts([recent[0], recent[1]])).toEqual([2, 2]);
  });
});
