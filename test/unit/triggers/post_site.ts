// What the post poll test files share: each test on a fresh in-memory site holding 30 old posts, its
// clock ours (the fake's ticks are minutes), and Zapier's memory check told of a small process; and
// the check that every post of a list fired exactly once.
import nock from 'nock';
import type { FakeWordPress } from './fake_wordpress';
import type { SimulatedZap } from './zap_simulator';
import { manyRuns, zapOn } from './zap_on';

/** Starts `site` for one test (call in `beforeEach`); `endSite` in `afterEach`. */
export function startSite<T extends FakeWordPress>(site: T): T {
  site.publish(30, { date: site.now - 30 * 86_400 });
  site.serve();
  // Our clock and the server's move together, as they do for real.
  jest.spyOn(Date, 'now').mockImplementation(() => site.now * 1000);
  manyRuns();
  return site;
}

export function endSite(): void {
  nock.cleanAll();
  jest.restoreAllMocks();
}

/** The post IDs a Zap fired (New or Updated Post's ids are `postID-modified`). */
export const postIds = (zap: SimulatedZap) => [...zap.fired.keys()].map((id) => Number.parseInt(id, 10));

/** Every post of `ids` fired, none other, none twice. */
export function expectOnce(zap: SimulatedZap, ids: number[]): void {
  expect(zap.twice()).toEqual([]);
  expect(new Set(postIds(zap))).toEqual(new Set(ids));
}

/**
 * A Zap turned on and polled twice on a site with the companion plugin: the poll that moves it onto
 * the feed, and the one that reads again the events before the switch (the overlap).
 */
export async function zapOnFeed(site: FakeWordPress, key: string): Promise<SimulatedZap> {
  const zap = zapOn(key);
  await zap.turnOn();
  for (let i = 0; i < 2; i++) {
    site.tick(60);
    await zap.poll();
  }
  return zap;
}
