// New Post and New or Updated Post as Zaps see them, polled many times against an in-memory
// WordPress: each event fires once, on the first poll after it unless a burst is larger than one
// poll delivers; nothing that existed when a Zap was turned on fires; a lost cache loses nothing.
import { FakeWordPress } from './fake_wordpress';
import type { SimulatedZap } from './zap_simulator';
import { loseCache, zapOn } from './zap_on';

import { startSite, endSite, expectOnce, postIds } from './post_site';

jest.setTimeout(60_000);

let wp: FakeWordPress;
beforeEach(() => {
  wp = startSite(new FakeWordPress());
});
afterEach(endSite);

describe.each(['new_post', 'new_or_updated_post'])('%s', (key) => {
  it('fires a new post on the first poll after it, in two requests on an idle poll', async () => {
    const zap = zapOn(key);
    await zap.turnOn();
    wp.tick(60);
    wp.requests = [];
    wp.bytes = 0;
    expect(await zap.poll()).toEqual([]);
    expect(wp.requests.length).toBe(key === 'new_post' ? 2 : 3);
    expect(wp.bytes).toBeLessThan(2048);
    const [id] = wp.publish(1);
    wp.tick(60);
    wp.requests = [];
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([id]);
    expect(wp.requests.length).toBe(key === 'new_post' ? 3 : 4);
  });

  it.each([
    [130, 900],
    [250, 60],
    [1000, 900],
  ])('a burst of %i posts, polls %i s apart: each fires exactly once, 45 per poll', async (n, gap) => {
    const zap = zapOn(key);
    await zap.turnOn();
    const burst = wp.publish(n);
    const counts: number[] = [];
    for (let i = 0; i < Math.ceil(n / 45) + 3; i++) {
      wp.tick(gap);
      wp.requests = [];
      counts.push((await zap.poll()).length);
    }
    expectOnce(zap, burst);
    expect(Math.max(...counts)).toBeLessThanOrEqual(45);
    expect(counts.filter((c) => c > 0).length).toBe(Math.ceil(n / 45));
  });

  it('the cache lost mid-burst (80 posts, a category filter): every post still fires once', async () => {
    const zap = zapOn(key, { categories: '1' });
    await zap.turnOn();
    const burst = wp.publish(80);
    wp.tick(900);
    await zap.poll();
    loseCache();
    for (let i = 0; i < 5; i++) {
      wp.tick(900);
      await zap.poll();
    }
    expectOnce(zap, burst);
  });

  it('a Zap turned off, 60 posts published, turned on again: none of them fires', async () => {
    const zap = zapOn(key);
    await zap.turnOn();
    wp.tick(900);
    await zap.poll();
    wp.publish(60);
    wp.tick(3600);
    await zap.turnOn();
    const later = wp.publish(2);
    for (let i = 0; i < 4; i++) {
      wp.tick(900);
      await zap.poll();
    }
    expectOnce(zap, later);
  });

  it('a second Zap turned on while the first delivers a burst: neither misses nor repeats, none of the old fires', async () => {
    const first = zapOn(key);
    await first.turnOn();
    const burst = wp.publish(200);
    wp.tick(900);
    await first.poll();
    const second = zapOn(key);
    wp.tick(300);
    await second.turnOn();
    const later = wp.publish(100);
    for (let i = 0; i < 12; i++) {
      wp.tick(450);
      await (i % 2 ? first : second).poll();
    }
    expectOnce(first, [...burst, ...later]);
    expectOnce(second, later);
  });

  it('two Zaps on one connection polling in turn during a burst of 300: each fires every post once', async () => {
    const a = zapOn(key);
    const b = zapOn(key);
    await a.turnOn();
    await b.turnOn();
    const burst = wp.publish(300);
    for (let i = 0; i < 30; i++) {
      wp.tick(450);
      await (i % 2 ? a : b).poll();
    }
    expectOnce(a, burst);
    expectOnce(b, burst);
  });

  it('a post inserted with a past date and a scheduled post going live fire on the first poll after', async () => {
    const zap = zapOn(key);
    const [scheduled] = wp.publish(1, { date: wp.now + 600, status: 'future' });
    await zap.turnOn();
    wp.tick(900);
    const [old] = wp.publish(1, { date: wp.now - 400 * 86_400 });
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([old]);
    wp.goLive(scheduled);
    wp.tick(60);
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([scheduled]);
  });
});

describe('time-zone moves with more than 100 posts modified before', () => {
  it.each([-11, 11])('a move of %i h: every edit and publication around it fires once', async (hours) => {
    const zap = zapOn('new_or_updated_post');
    const newPost = zapOn('new_post');
    const busy = wp.publish(150, { date: wp.now - 5 * 3600 });
    for (const id of busy) {
      wp.edit(id);
      wp.tick(60);
    }
    await zap.turnOn();
    await newPost.turnOn();
    wp.tick(600);
    await zap.poll();
    await newPost.poll();
    // Between the last poll and the move: an edit and a new post, saved in the old zone.
    const [before, after] = busy;
    wp.tick(60);
    wp.edit(before);
    const published = wp.publish(1);
    wp.tick(60);
    wp.offset = hours * 3600;
    wp.edit(after);
    const fresher = wp.publish(1);
    for (let i = 0; i < 4; i++) {
      wp.tick(300);
      await zap.poll();
      await newPost.poll();
    }
    expect(zap.twice()).toEqual([]);
    const versions = [...zap.fired.keys()];
    expect(versions.filter((v) => v.startsWith(`${before}-`))).toHaveLength(1);
    expect(versions.filter((v) => v.startsWith(`${after}-`))).toHaveLength(1);
    expect(new Set(postIds(zap))).toEqual(new Set([before, after, ...published, ...fresher]));
    expectOnce(newPost, [...published, ...fresher]);
  });
});

describe.each(['new_post', 'new_or_updated_post'])('%s: the idle poll on a busy day', (key) => {
  const idleBytes = async (zap: SimulatedZap) => {
    wp.tick(300);
    wp.requests = [];
    wp.bytes = 0;
    expect(await zap.poll()).toEqual([]);
    return wp.bytes;
  };

  it('costs the same bytes whatever the number of posts dated in the look-back', async () => {
    // A full page of IDs either way: the ID index costs the same.
    wp.publish(100, { date: wp.now - 86_400 });
    const zap = zapOn(key);
    await zap.turnOn();
    const quiet = await idleBytes(zap);
    // 90 posts over the next 5 hours, each delivered: all within the date index's 6-hour look-back.
    for (let i = 0; i < 90; i++) {
      wp.publish(1);
      wp.tick(200);
      if (i % 10 === 9) await zap.poll();
    }
    await zap.poll();
    expect(zap.fired.size).toBe(90);
    // Past the change index's 10-minute look-back, which New or Updated Post still reads in full.
    wp.tick(600);
    await idleBytes(zap);
    expect(await idleBytes(zap)).toBe(quiet);
    expect(wp.requests.find((uri) => uri.includes('orderby=date'))).toContain('exclude=');
  });

  it('a post taken back to scheduled and published again by WP-Cron within the look-back fires', async () => {
    const zap = zapOn(key);
    await zap.turnOn();
    wp.tick(60);
    const [id] = wp.publish(1);
    wp.tick(60);
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([id]);
    await idleBytes(zap);
    expect(wp.requests.find((uri) => uri.includes('orderby=date'))).toContain(`exclude=${id}`);
    wp.reschedule(id, wp.now + 1800);
    await idleBytes(zap);
    await idleBytes(zap);
    wp.tick(3600);
    wp.goLive(id);
    wp.tick(60);
    const fired = (await zap.poll()).map((item) => item.post_id);
    // New Post fires once per post; New or Updated Post fires the publication again.
    expect(fired).toEqual(key === 'new_post' ? [] : [id]);
  });
});

describe('Zaps that Zapier names (meta.zap.id) keep a state each', () => {
  it.each(['new_post', 'new_or_updated_post'])(
    '%s: two Zaps polling in turn through a burst of 300 each deliver 45 a poll, every post once',
    async (key) => {
      const a = zapOn(key, {}, { zap: { id: 'zap-a' } });
      const b = zapOn(key, {}, { zap: { id: 'zap-b' } });
      await a.turnOn();
      await b.turnOn();
      const burst = wp.publish(300);
      const counts: number[] = [];
      for (let i = 0; i < 2 * Math.ceil(300 / 45); i++) {
        wp.tick(450);
        counts.push((await (i % 2 ? a : b).poll()).length);
      }
      expectOnce(a, burst);
      expectOnce(b, burst);
      // Each Zap at the full pace: without a state of its own, 90 per 20 minutes between the two.
      expect(counts.filter((n) => n === 45).length).toBeGreaterThanOrEqual(12);
    },
  );
});
