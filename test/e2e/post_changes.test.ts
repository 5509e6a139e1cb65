// New Post and New or Updated Post against the real WordPress, as Zaps see them: every post that
// becomes published fires exactly once, whatever its dates, although a poll after the first asks
// WordPress only for what is new (small indexes, then the new posts). Each case is set up so that the old
// single request (the newest 50 by date or by modification) would have missed it: more than 100
// newer posts by ID, date and modification. Content made here carries a per-run stamp.
import { MAIN, SiteName, connect, requireWordPress, rest, sites } from './harness';
import { Zap } from './zap';

jest.setTimeout(120_000);

type Item = Record<string, unknown>;
const STAMP = `chg${Date.now().toString(36)}`;

async function create(site: SiteName, body: Item): Promise<{ id: number; modified_gmt: string; date_gmt: string }> {
  const auth = await connect(site, 'administrator');
  const res = await rest<{ id: number; modified_gmt: string; date_gmt: string }>(auth, 'wp/v2/posts', {
    method: 'POST',
    body,
  });
  if (res.status !== 201) throw new Error(`create → ${res.status}: ${JSON.stringify(res.data)}`);
  return res.data;
}

async function update(site: SiteName, id: number, body: Item): Promise<Item> {
  const auth = await connect(site, 'administrator');
  const res = await rest<Item>(auth, `wp/v2/posts/${id}`, { method: 'POST', body });
  if (res.status !== 200) throw new Error(`update → ${res.status}: ${JSON.stringify(res.data)}`);
  return res.data;
}

/** `n` published posts at once (WordPress's batch route takes 25 per request). */
async function publishMany(site: SiteName, n: number, label: string): Promise<void> {
  const auth = await connect(site, 'administrator');
  for (let done = 0; done < n; done += 25) {
    const requests = Array.from({ length: Math.min(25, n - done) }, (_, i) => ({
      method: 'POST',
      path: '/wp/v2/posts',
      body: { title: `E2E ${STAMP} ${label} filler ${done + i}`, status: 'publish' },
    }));
    const res = await rest<{ responses: Array<{ status: number }> }>(auth, 'batch/v1', {
      method: 'POST',
      body: { requests },
    });
    if (res.status !== 207 || res.data.responses.some((r) => r.status !== 201))
      throw new Error(`batch → ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gmtIn = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19);

beforeAll(async () => {
  await requireWordPress(MAIN);
  await requireWordPress('plain');
});

describe('every post that becomes published fires once on both triggers', () => {
  const newPost = new Zap('new_post');
  const newOrUpdated = new Zap('new_or_updated_post');
  const cases: Record<string, number> = {};

  beforeAll(async () => {
    // A draft written long ago, and a scheduled post: both keep old IDs. WordPress publishes at once
    // what is scheduled less than a minute ahead.
    const draft = await create(MAIN, { title: `E2E ${STAMP} old draft`, status: 'draft' });
    const scheduled = await create(MAIN, {
      title: `E2E ${STAMP} scheduled`,
      status: 'future',
      date_gmt: gmtIn(70),
    });
    cases.draft = draft.id;
    cases.scheduled = scheduled.id;
    await newPost.turnOn(true);
    await newOrUpdated.turnOn();
    // Over 100 posts newer by ID, date and modification than both.
    await publishMany(MAIN, 105, 'newer');
    await newPost.pollAll(2);
    await newOrUpdated.pollAll(2);

    await update(MAIN, draft.id, { status: 'publish' });
    // Inserted with a past date, as an RSS item's: only its ID is new, `modified` is that date too.
    const backdated = await create(MAIN, {
      title: `E2E ${STAMP} back-dated`,
      status: 'publish',
      date_gmt: '2019-03-01T09:00:00',
    });
    expect(backdated.modified_gmt).toBe('2019-03-01T09:00:00');
    cases.backdated = backdated.id;
    // WP-Cron publishes the scheduled post without touching `modified`.
    const wait = Date.parse(`${scheduled.date_gmt}Z`) - Date.now() + 1500;
    if (wait > 0) await sleep(wait);
    await fetch(`${sites[MAIN].url}/wp-cron.php?doing_wp_cron`);
    const auth = await connect(MAIN, 'administrator');
    const live = await rest<{ status: string; modified_gmt: string }>(auth, `wp/v2/posts/${scheduled.id}`);
    expect(live.data).toMatchObject({ status: 'publish', modified_gmt: scheduled.modified_gmt });
  });

  it.each(['draft', 'scheduled', 'backdated'])('New Post fires once for the %s post', async (name) => {
    if (name === 'draft') await newPost.pollAll();
    expect(newPost.fired.get(cases[name])).toBe(1);
  });

  it.each(['draft', 'scheduled', 'backdated'])('New or Updated Post fires once for the %s post', async (name) => {
    if (name === 'draft') await newOrUpdated.pollAll();
    expect(newOrUpdated.fired.get(cases[name])).toBe(1);
  });

  it('no post fires twice, and a poll asks at most three requests (New Post) or four; only fetches carry embeds', async () => {
    const newPostPolls = await newPost.pollAll(3);
    const changePolls = await newOrUpdated.pollAll(3);
    for (const requests of newPostPolls) expect(requests.length).toBeLessThanOrEqual(3);
    for (const requests of changePolls) expect(requests.length).toBeLessThanOrEqual(4);
    for (const requests of [...newPostPolls, ...changePolls]) {
      // Indexes of IDs and dates only; embeds only for the posts found new (others' posts, on a shared bench).
      for (const path of requests.filter((p) => p.includes('_embed'))) expect(path).toContain('include=');
    }
    for (const zap of [newPost, newOrUpdated]) for (const count of zap.fired.values()) expect(count).toBe(1);
  });

  it('an edit fires New or Updated Post again, not New Post', async () => {
    await sleep(1100); // modified_gmt has one-second resolution
    await update(MAIN, cases.backdated, { excerpt: 'Edited.' });
    await newPost.pollAll(2);
    await newOrUpdated.pollAll(2);
    expect(newPost.fired.get(cases.backdated)).toBe(1);
    expect(newOrUpdated.fired.get(cases.backdated)).toBe(2);
  });

  it('a second Zap on the same connection fires for the same posts, whichever polls first', async () => {
    // Their own category: the shared bench's other posts would queue ahead of it (two Zaps on one
    // state deliver at most 90 posts in 20 minutes).
    const auth = await connect(MAIN, 'administrator');
    const made = await rest<{ id: number }>(auth, 'wp/v2/categories', {
      method: 'POST',
      body: { name: `${STAMP} both` },
    });
    const filter = { categories: String(made.data.id) };
    const first = new Zap('new_post', {}, filter);
    const second = new Zap('new_post', {}, filter);
    await first.turnOn();
    await first.pollAll(1);
    await second.turnOn();
    const post = await create(MAIN, {
      title: `E2E ${STAMP} for both Zaps`,
      status: 'publish',
      categories: [made.data.id],
    });
    await first.pollAll(1); // the first Zap finds it and the kept state moves on
    await second.pollAll(1);
    await first.pollAll(1);
    expect(first.fired.get(post.id)).toBe(1);
    expect(second.fired.get(post.id)).toBe(1);
  });
});

describe('a post published just after the time zone changes', () => {
  const site: SiteName = 'plain';
  let before = 'UTC';

  afterAll(async () => {
    const auth = await connect(site, 'administrator');
    await rest(auth, 'wp/v2/settings', { method: 'POST', body: { timezone: before } });
  });

  it('fires once on both triggers, although its local date sorts below the posts before it', async () => {
    const auth = await connect(site, 'administrator');
    before = (await rest<{ timezone: string }>(auth, 'wp/v2/settings')).data.timezone || 'UTC';
    const newPost = new Zap('new_post', { site });
    const newOrUpdated = new Zap('new_or_updated_post', { site });
    await newPost.turnOn();
    await newOrUpdated.turnOn();
    await publishMany(site, 55, 'before the move');
    await newPost.pollAll(3);
    await newOrUpdated.pollAll(3);
    // Ten hours behind: WordPress stores and sorts local times, so the next post looks older.
    await rest(auth, 'wp/v2/settings', { method: 'POST', body: { timezone: 'Pacific/Honolulu' } });
    const moved = await create(site, { title: `E2E ${STAMP} after the move`, status: 'publish' });
    await newPost.pollAll(3);
    await newOrUpdated.pollAll(3);
    expect(newPost.fired.get(moved.id)).toBe(1);
    expect(newOrUpdated.fired.get(moved.id)).toBe(1);
  });
});
