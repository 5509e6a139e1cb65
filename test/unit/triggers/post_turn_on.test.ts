// Turning a Zap on where the last day holds more posts than turning on reads (DRAIN_REQUESTS pages
// per part): nothing that existed then may fire later, after a lost cache or for a second Zap
// turned on while the first still delivers a backlog.
import { FakeWordPress } from './fake_wordpress';
import type { SimulatedZap } from './zap_simulator';
import { loseCache, zapOn } from './zap_on';

import { startSite, endSite } from './post_site';

jest.setTimeout(120_000);

let wp: FakeWordPress;
beforeEach(() => {
  wp = startSite(new FakeWordPress());
});
afterEach(endSite);

/** Polls in turn, 20 minutes apart (a shared state then delivers a batch a poll), `times` polls in all. */
async function pollAll(zaps: SimulatedZap[], times: number): Promise<number> {
  let fired = 0;
  for (let i = 0; i < times; i++) {
    wp.tick(1200);
    fired += (await zaps[i % zaps.length].poll()).length;
  }
  return fired;
}

describe.each(['new_post', 'new_or_updated_post'])('%s', (key) => {
  it('3 000 posts of the last day and 30 old posts edited in it: after a lost cache, none fires', async () => {
    // The day's posts, one every 28 s, then old posts edited in its last hours.
    const day = wp.publish(3000, { date: wp.now - 86_000 });
    day.forEach((id, i) =>
      Object.assign(wp.get(id), { date: wp.now - 86_000 + i * 28, modified: wp.now - 86_000 + i * 28 }),
    );
    wp.tick(600);
    for (const [i, id] of wp.posts.slice(0, 30).entries()) {
      wp.edit(id.id);
      if (i % 10 === 9) wp.tick(60);
    }
    wp.tick(600);
    const zap = zapOn(key);
    await zap.turnOn();
    wp.tick(3600);
    loseCache();
    // A lost state delivers the day again, 45 a poll: 2 500 posts take 56 polls.
    expect(await pollAll([zap], 70)).toBe(0);
    const [later] = wp.publish(1);
    wp.tick(60);
    expect((await zap.poll()).map((item) => item.post_id)).toEqual([later]);
  });

  it('a second Zap turned on while the first delivers an import of 3 000 posts fires none of them', async () => {
    const first = zapOn(key);
    await first.turnOn();
    const burst = wp.publish(3000);
    wp.tick(300);
    await first.poll();
    const second = zapOn(key);
    wp.tick(300);
    await second.turnOn();
    await pollAll([first, second], 90);
    expect(second.fired.size).toBe(0);
    expect(first.twice()).toEqual([]);
    expect(first.fired.size).toBe(burst.length);
  });
});
