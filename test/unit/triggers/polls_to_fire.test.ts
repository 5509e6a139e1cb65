// The poll each kind of event fires on, after it, for New Post and New or Updated Post (the README's
// "polls to fire" table): every kind on the first poll after it, a burst aside.
import nock from 'nock';
import { FakeWordPress } from './fake_wordpress';
import type { SimulatedZap } from './zap_simulator';
import { loseCache, manyRuns, zapOn } from './zap_on';

let wp: FakeWordPress;
beforeEach(() => {
  wp = new FakeWordPress();
  // Over a page of posts modified in the hours before: a move west makes them look recent.
  const busy = wp.publish(150, { date: wp.now - 5 * 3600 });
  for (const id of busy) {
    wp.edit(id);
    wp.tick(60);
  }
  wp.serve();
  jest.spyOn(Date, 'now').mockImplementation(() => wp.now * 1000);
  manyRuns();
});
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

/** Polls until `id` fires (its post ID), 5 minutes apart; returns on which poll, or 0 after 6. */
async function pollsTo(zap: SimulatedZap, id: number): Promise<number> {
  for (let poll = 1; poll <= 6; poll++) {
    wp.tick(300);
    if ((await zap.poll()).some((item) => item.post_id === id)) return poll;
  }
  return 0;
}

async function turnedOn(key: string): Promise<SimulatedZap> {
  const zap = zapOn(key);
  await zap.turnOn();
  wp.tick(300);
  await zap.poll();
  return zap;
}

describe.each(['new_post', 'new_or_updated_post'])('%s', (key) => {
  it('an old draft published fires on the first poll', async () => {
    const [draft] = wp.publish(1, { date: wp.now - 40 * 86_400, status: 'draft' });
    const zap = await turnedOn(key);
    Object.assign(wp.get(draft), { status: 'publish', date: wp.now, modified: wp.now });
    expect(await pollsTo(zap, draft)).toBe(1);
  });

  it.each([-11, 11])('after a time-zone move of %i h, a new post fires on the first poll', async (hours) => {
    const zap = await turnedOn(key);
    wp.tick(60);
    wp.offset = hours * 3600;
    const [id] = wp.publish(1);
    expect(await pollsTo(zap, id)).toBe(1);
  });

  it('a post published while the cache is lost fires on the first poll', async () => {
    const zap = await turnedOn(key);
    loseCache();
    const [id] = wp.publish(1);
    expect(await pollsTo(zap, id)).toBe(1);
  });

  it('a post published just after the Zap was turned off and on again fires on the first poll', async () => {
    const zap = await turnedOn(key);
    wp.publish(60);
    wp.tick(3600);
    await zap.turnOn();
    const [id] = wp.publish(1);
    expect(await pollsTo(zap, id)).toBe(1);
  });
});

describe('new_or_updated_post', () => {
  it.each([0, -11, 11])('an edit of an old post fires on the first poll (after a move of %i h)', async (hours) => {
    const zap = await turnedOn('new_or_updated_post');
    wp.tick(60);
    wp.offset = hours * 3600;
    const [old] = wp.posts;
    wp.edit(old.id);
    expect(await pollsTo(zap, old.id)).toBe(1);
  });
});
