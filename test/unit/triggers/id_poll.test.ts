// New User, New Comment and New Media as Zaps run them: every item fires exactly once whatever the
// burst, turning a Zap on (again) never fires what existed then, a lost cache loses nothing, two
// Zaps on one connection each get everything, and an idle poll is one request.
import * as cache from '../../../src/connection/cache';
import { INCLUDE_SPAN, NEW_PER_POLL, WALK_REQUESTS, epochOf } from '../../../src/triggers/id_poll';
import { triggerPerform } from '../fixtures';
import { appTester, bundle, forgetCache } from '../helpers';
import { FakeCollection, fakeComments, fakeMedia, fakeUsers } from './fake_collection';
import { idsOf } from './zap_simulator';
import { zapOn } from './zap_on';

// Bursts of a thousand run a dozen polls through Zapier's runtime: slow when the suite runs in parallel.
jest.setTimeout(30_000);

const TRIGGERS: Array<[string, () => FakeCollection]> = [
  ['new_user', fakeUsers],
  ['new_comment', fakeComments],
  ['new_media', fakeMedia],
];

const sorted = (ids: Array<number | string>) => ids.map(Number).sort((a, b) => a - b);

describe.each(TRIGGERS)('%s', (key, fake) => {
  let site: FakeCollection;
  beforeEach(() => {
    site = fake();
  });

  it('an idle poll is one request, and a new item fires on the first poll after it', async () => {
    site.add(30, 3600);
    const zap = zapOn(key);
    await zap.turnOn();
    site.requests = [];
    expect(await zap.poll()).toEqual([]);
    expect(site.requests).toHaveLength(1);
    const [id] = site.add(1);
    site.requests = [];
    expect(idsOf(await zap.poll())).toEqual([String(id)]);
    expect(site.requests).toHaveLength(1);
  });

  it('a new item fires on the first poll after a lost cache, and after the Zap is turned off and on', async () => {
    site.add(150, 7200);
    const zap = zapOn(key);
    await zap.turnOn();
    forgetCache();
    const [lost] = site.add(1);
    expect(idsOf(await zap.poll())).toEqual([String(lost)]);
    site.add(60);
    await zap.turnOn();
    const [again] = site.add(1);
    expect(idsOf(await zap.poll())).toEqual([String(again)]);
  });

  it.each([130, 250, 1000])('a burst of %i fires each item exactly once, 90 a poll', async (burst) => {
    site.add(150, 7200);
    const zap = zapOn(key);
    await zap.turnOn();
    const created = site.add(burst);
    let polls = 0;
    for (let i = 0; i < 30; i++) {
      site.requests = [];
      const fired = await zap.poll();
      expect(site.requests.length).toBeLessThanOrEqual(1 + WALK_REQUESTS);
      if (!fired.length) break;
      polls++;
    }
    expect(sorted(zap.firings)).toEqual(created);
    expect(zap.dropped).toEqual([]);
    expect(polls).toBe(Math.ceil(burst / NEW_PER_POLL));
  });

  it('turning a Zap on never fires what existed then: not after deletions, not after a lost cache', async () => {
    site.add(300, 3 * 86_400);
    const recent = site.add(400, 3600);
    const zap = zapOn(key);
    await zap.turnOn();
    // Spam removed: older items slide into the newest page.
    site.remove(recent.slice(-150));
    expect(await zap.drain()).toBe(0);
    forgetCache();
    expect(await zap.drain()).toBe(0);
    const later = site.add(5);
    await zap.drain();
    expect(sorted(zap.firings)).toEqual(later);
  });

  it('a Zap turned off, 60 items, turned on again: none of the 60 fires, what follows does', async () => {
    site.add(20, 7200);
    const zap = zapOn(key);
    await zap.turnOn();
    const before = site.add(3);
    await zap.drain();
    site.add(60);
    await zap.turnOn();
    const after = site.add(2);
    await zap.drain();
    expect(sorted(zap.firings)).toEqual([...before, ...after]);
  });

  it('the cache lost in the middle of a burst of 250 costs polls, never an item', async () => {
    site.add(50, 7200);
    const zap = zapOn(key);
    await zap.turnOn();
    const created = site.add(250);
    await zap.poll();
    forgetCache();
    const more = site.add(20);
    await zap.drain();
    expect(sorted(zap.firings)).toEqual([...created, ...more]);
    expect(zap.dropped).toEqual([]);
  });

  it('two Zaps on one connection each fire every item of a burst once', async () => {
    site.add(10, 7200);
    const a = zapOn(key, {}, { zap: { id: 'zap-a' } });
    const b = zapOn(key, {}, { zap: { id: 'zap-b' } });
    await a.turnOn();
    await b.turnOn();
    const created = site.add(250);
    for (let i = 0; i < 6; i++) {
      await a.poll();
      if (i % 2) await b.poll();
    }
    await b.drain();
    expect(sorted(a.firings)).toEqual(created);
    expect(sorted(b.firings)).toEqual(created);
  });

  it('a second Zap turned on while the first walks a shared state never fires what existed then', async () => {
    site.add(10, 7200);
    const a = zapOn(key);
    await a.turnOn();
    const created = site.add(250);
    await a.poll();
    const b = zapOn(key);
    await b.turnOn();
    await a.drain();
    await b.drain();
    expect(sorted(a.firings)).toEqual(created);
    expect(b.firings).toEqual([]);
  });
});

describe('walking a gap', () => {
  it('sends include lists of at most INCLUDE_SPAN IDs and crosses IDs other items took', async () => {
    const site = fakeMedia();
    site.add(5, 7200);
    const zap = zapOn('new_media');
    await zap.turnOn();
    const created: number[] = [];
    for (let i = 0; i < 30; i++) {
      created.push(...site.add(10));
      // Posts and revisions take most IDs of wp_posts.
      site.skip(40);
    }
    await zap.drain();
    expect(sorted(zap.firings)).toEqual(created);
    for (const query of site.requests.filter((q) => q.include)) {
      expect(query.include.split(',').length).toBeLessThanOrEqual(INCLUDE_SPAN);
    }
  });

  it('a filter that matches every other user walks only that role', async () => {
    const site = fakeUsers();
    const zap = zapOn('new_user', { role: 'customer' });
    await zap.turnOn();
    const created = site.add(500).filter((id) => id % 2 === 0);
    await zap.drain();
    expect(sorted(zap.firings)).toEqual(created);
    expect(site.requests.every((q) => q.roles === 'customer')).toBe(true);
  });
});

describe('a lost cache with a filter that matches few IDs', () => {
  it('finds the day’s edge by listing, not by walking every ID: back to one request within two polls', async () => {
    const site = fakeUsers();
    site.add(100, 3 * 86_400, { roles: ['customer'] });
    site.add(4000, 3 * 86_400, { roles: ['subscriber'] });
    const zap = zapOn('new_user', { role: 'customer' });
    await zap.turnOn();
    const created = site.add(150, 0, { roles: ['customer'] });
    await zap.poll();
    forgetCache();
    site.requests = [];
    await zap.poll();
    await zap.poll();
    expect(sorted(zap.firings)).toEqual(created);
    expect(site.requests.length).toBeLessThanOrEqual(5);
    site.requests = [];
    await zap.poll();
    expect(site.requests).toHaveLength(1);
  });
});

describe('epochOf', () => {
  it('reads UTC dates with and without a zone', () => {
    expect(epochOf('2026-03-14T08:30:00')).toBe(Date.UTC(2026, 2, 14, 8, 30) / 1000);
    expect(epochOf('2026-03-14T08:30:00+00:00')).toBe(Date.UTC(2026, 2, 14, 8, 30) / 1000);
    expect(epochOf('2026-03-14T10:30:00+02:00')).toBe(Date.UTC(2026, 2, 14, 8, 30) / 1000);
    expect(epochOf(undefined)).toBeUndefined();
    expect(epochOf('soon')).toBeUndefined();
  });
});

describe('without a cache (zapier invoke)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('returns the newest page, left to Zapier’s dedupe, and keeps nothing', async () => {
    const site = fakeUsers();
    const ids = site.add(150);
    jest.spyOn(cache, 'cacheRead').mockResolvedValue({ available: false });
    const set = jest.spyOn(cache, 'cacheSet');
    const out = (await appTester(triggerPerform('new_user'), bundle())) as Array<{ id: number }>;
    expect(out.map((u) => u.id)).toEqual(ids.slice(-NEW_PER_POLL).reverse());
    expect(site.requests).toHaveLength(1);
    expect(set).not.toHaveBeenCalled();
  });
});
