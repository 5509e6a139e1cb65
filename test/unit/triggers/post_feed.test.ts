// New Post and New or Updated Post where the companion plugin runs, polled many times against an
// in-memory WordPress with its change feed: one request on an idle poll, each event once on the
// first poll after it, whatever the burst, the clock or the time zone; back to the indexes and onto
// the feed again as the plugin goes and comes, without losing or repeating a post.
import { FakeWordPressWithFeed } from './fake_feed';
import { zapOn } from './zap_on';

import { endSite, expectOnce, postIds, startSite, zapOnFeed } from './post_site';

jest.setTimeout(60_000);

let wp: FakeWordPressWithFeed;
beforeEach(() => {
  wp = startSite(new FakeWordPressWithFeed());
});
afterEach(endSite);

const feedPaths = () => wp.requests.filter((uri) => uri.includes('wpjz/v1/changes'));

describe.each(['new_post', 'new_or_updated_post'])('%s on the feed', (key) => {
  it('an idle poll is one small request; a new post fires on the next poll, in two', async () => {
    const zap = await zapOnFeed(wp, key);
    wp.tick(60);
    wp.requests = [];
    wp.bytes = 0;
    wp.log.bytes = 0;
    expect(await zap.poll()).toEqual([]);
    expect(wp.requests).toHaveLength(1);
    expect(decodeURIComponent(feedPaths()[0])).toContain(
      key === 'new_post' ? 'types=post.published&' : 'types=post.published,post.updated&',
    );
    expect(wp.bytes + wp.log.bytes).toBeLessThan(200);
    const [id] = wp.publish(1);
    wp.tick(60);
    wp.requests = [];
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([id]);
    expect(wp.requests).toHaveLength(2);
  });

  it('a back-dated insert, a scheduled post going live, a draft published: each on the first poll after', async () => {
    const [scheduled] = wp.publish(1, { date: wp.now + 600, status: 'future' });
    const [draft] = wp.publish(1, { date: wp.now - 86_400, status: 'draft' });
    const zap = await zapOnFeed(wp, key);
    wp.tick(60);
    const [old] = wp.publish(1, { date: wp.now - 400 * 86_400 });
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([old]);
    wp.tick(900);
    wp.goLive(scheduled);
    wp.tick(60);
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([scheduled]);
    wp.goLive(draft);
    wp.tick(60);
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([draft]);
  });

  it('an edit fires New or Updated Post once per version, New Post never', async () => {
    const [id] = wp.publish(1, { date: wp.now - 86_400 * 3 });
    const zap = await zapOnFeed(wp, key);
    wp.tick(60);
    wp.edit(id);
    wp.tick(60);
    const fired = await zap.poll();
    expect(fired.map((item) => item.post_id)).toEqual(key === 'new_post' ? [] : [id]);
    wp.tick(60);
    expect(await zap.poll()).toEqual([]);
  });

  it('a time-zone move of 11 hours either way after 150 edits: every later edit and post fires once', async () => {
    const busy = wp.publish(150, { date: wp.now - 5 * 3600 });
    for (const id of busy) {
      wp.edit(id);
      wp.tick(30);
    }
    const zap = await zapOnFeed(wp, key);
    const fresh: number[] = [];
    for (const hours of [-11, 11]) {
      wp.tick(60);
      wp.offset = hours * 3600;
      wp.edit(busy[hours < 0 ? 0 : 1]);
      fresh.push(...wp.publish(1));
      wp.tick(60);
      await zap.poll();
    }
    expect(zap.twice()).toEqual([]);
    expect(new Set(postIds(zap))).toEqual(new Set(key === 'new_post' ? fresh : [busy[0], busy[1], ...fresh]));
  });

  it("other post types' events ahead of ours: still on the first poll after", async () => {
    const zap = await zapOnFeed(wp, key);
    wp.other(150);
    const [id] = wp.publish(1);
    wp.tick(60);
    wp.requests = [];
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([id]);
    expect(wp.requests).toHaveLength(3);
  });

  it('the plugin deactivated, then active again: back to the indexes and onto the feed, no post lost or repeated', async () => {
    const zap = await zapOnFeed(wp, key);
    const ids = wp.publish(3);
    wp.log.plugin = false;
    const more = wp.publish(2);
    for (let i = 0; i < 2; i++) {
      wp.tick(60);
      await zap.poll();
    }
    expectOnce(zap, [...ids, ...more]);
    wp.log.plugin = true;
    const later = wp.publish(2);
    wp.tick(60);
    await zap.poll();
    wp.tick(60);
    wp.requests = [];
    const last = wp.publish(1);
    await zap.poll();
    expect(wp.requests.filter((uri) => !uri.includes('wpjz/v1'))).toHaveLength(1);
    expectOnce(zap, [...ids, ...more, ...later, ...last]);
  });

  it('events pruned before the Zap read them (a gap): the indexes find what the feed lost', async () => {
    const zap = await zapOnFeed(wp, key);
    const lost = wp.publish(5);
    wp.log.pruned = wp.log.events.length;
    for (let i = 0; i < 3; i++) {
      wp.tick(60);
      await zap.poll();
    }
    expectOnce(zap, lost);
  });
});

it('New Post on drafts never reads the feed (the plugin records published posts only)', async () => {
  const zap = zapOn('new_post', { status: 'draft' });
  await zap.turnOn();
  for (let i = 0; i < 3; i++) {
    wp.tick(60);
    await zap.poll();
  }
  const [draft] = wp.publish(1, { status: 'draft' });
  wp.tick(60);
  expect((await zap.poll()).map((item) => item.post_id)).toEqual([draft]);
  expect(wp.log.requests).toBe(0);
});
