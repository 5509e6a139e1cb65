// New Post and New or Updated Post on the companion plugin's change feed, against the worst cases:
// a burst of 1 000, the cache lost mid-burst, a Zap turned on while another's state has 600 posts
// to deliver, two Zaps polling in turn. (Apart from post_feed.test.ts: Zapier's core ends a process
// that has run the app 250 times once it holds 450 MB, as one Jest process in band does.)
import { FakeWordPressWithFeed } from './fake_feed';
import { loseCache, zapOn } from './zap_on';

import { endSite, expectOnce, startSite, zapOnFeed } from './post_site';

jest.setTimeout(60_000);

let wp: FakeWordPressWithFeed;
beforeEach(() => {
  wp = startSite(new FakeWordPressWithFeed());
});
afterEach(endSite);

describe.each(['new_post', 'new_or_updated_post'])('%s on the feed', (key) => {
  it('a burst of 1 000: each fires exactly once, 45 a poll, in as few polls as that allows', async () => {
    const zap = await zapOnFeed(wp, key);
    const burst = wp.publish(1000);
    const counts: number[] = [];
    for (let i = 0; i < Math.ceil(1000 / 45) + 2; i++) {
      wp.tick(60);
      wp.requests = [];
      counts.push((await zap.poll()).length);
      expect(wp.requests.length).toBeLessThanOrEqual(2);
    }
    expectOnce(zap, burst);
    expect(Math.max(...counts)).toBeLessThanOrEqual(45);
    expect(counts.filter((c) => c > 0)).toHaveLength(Math.ceil(1000 / 45));
  });

  it('the cache lost mid-burst (80 posts): every post still fires once', async () => {
    const zap = await zapOnFeed(wp, key);
    const burst = wp.publish(80);
    wp.tick(60);
    await zap.poll();
    loseCache();
    for (let i = 0; i < 6; i++) {
      wp.tick(60);
      await zap.poll();
    }
    expectOnce(zap, burst);
  });

  it('a Zap turned off, 600 posts published, another on the same state on: none of them fires on it', async () => {
    const first = await zapOnFeed(wp, key);
    const old = wp.publish(600);
    wp.tick(3600);
    const second = zapOn(key);
    await second.turnOn();
    const later = wp.publish(2);
    // Zaps sharing a state deliver a window's worth per 20 minutes (poll_state.ts): 600 take 2 hours.
    for (let i = 0; i < 34; i++) {
      wp.tick(300);
      await (i % 2 ? first : second).poll();
    }
    expectOnce(second, later);
    expectOnce(first, [...old, ...later]);
  });

  it('two Zaps polling in turn during a burst of 300: each fires every post once', async () => {
    const a = await zapOnFeed(wp, key);
    const b = zapOn(key);
    await b.turnOn();
    const burst = wp.publish(300);
    for (let i = 0; i < 30; i++) {
      wp.tick(450);
      await (i % 2 ? a : b).poll();
    }
    expectOnce(a, burst);
    expectOnce(b, burst);
  });
});
