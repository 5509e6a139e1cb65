// New User, New Comment and New Media where the companion plugin runs: a Zap's own state reads the
// change feed, one small request on an idle poll, each item once whatever the burst; a comment
// approved days late fires then; back to the IDs and onto the feed again as the plugin goes and
// comes, nothing lost or repeated; a Zap turned off and on fires nothing of what came meanwhile.
import type { CompanionEvent } from '../../../src/connection/companion';
import { NEW_PER_POLL } from '../../../src/triggers/id_poll';
import { forgetCache } from '../helpers';
import { FakeCollection, fakeComments, fakeMedia, fakeUsers } from './fake_collection';
import { FakeEventLog } from './fake_feed';
import { zapOn } from './zap_on';
import { idsOf } from './zap_simulator';

jest.setTimeout(30_000);

const TRIGGERS: Array<[string, () => FakeCollection, CompanionEvent, string]> = [
  ['new_user', fakeUsers, 'user.created', 'subscriber'],
  ['new_comment', fakeComments, 'comment.created', 'comment'],
  ['new_media', fakeMedia, 'media.created', 'attachment'],
];

const ZAP = { zap: { id: 'zap-1' } };
const zapOnFeed = (key: string, meta: Record<string, unknown> = ZAP) => zapOn(key, {}, meta);
const sorted = (ids: Array<number | string>) => ids.map(Number).sort((a, b) => a - b);

describe.each(TRIGGERS)('%s on the feed', (key, fake, event, subtype) => {
  let site: FakeCollection;
  let log: FakeEventLog;
  /** `n` items the plugin records as they are made. */
  const add = (n: number, extra: Record<string, unknown> = {}) => {
    const ids = site.add(n, 0, extra);
    ids.forEach((id) => log.record(event, id, subtype, 'approved'));
    return ids;
  };
  const requests = () => site.requests.length + log.requests;
  const reset = () => {
    site.requests = [];
    log.requests = 0;
  };

  beforeEach(() => {
    site = fake();
    log = new FakeEventLog();
    site.headers = () => log.headers();
    log.serve();
    add(30);
  });

  it('an idle poll is the feed alone, a few hundred bytes; a new item fires on the next poll, in two', async () => {
    const zap = zapOnFeed(key);
    await zap.turnOn();
    reset();
    log.bytes = 0;
    expect(await zap.poll()).toEqual([]);
    expect([site.requests.length, log.requests]).toEqual([0, 1]);
    expect(log.bytes).toBeLessThan(200);
    const [id] = add(1);
    reset();
    expect(idsOf(await zap.poll())).toEqual([String(id)]);
    expect(requests()).toBe(2);
  });

  it('a burst of 1 000: each fires exactly once, 90 a poll, two requests a poll', async () => {
    const zap = zapOnFeed(key);
    await zap.turnOn();
    const burst = add(1000);
    let polls = 0;
    for (let i = 0; i < 20; i++) {
      reset();
      const fired = await zap.poll();
      expect(requests()).toBeLessThanOrEqual(2);
      if (!fired.length) break;
      expect(fired.length).toBeLessThanOrEqual(NEW_PER_POLL);
      polls++;
    }
    expect(sorted(zap.firings)).toEqual(burst);
    expect(zap.dropped).toEqual([]);
    expect(polls).toBe(Math.ceil(1000 / NEW_PER_POLL));
  });

  it('the plugin deactivated, then active again: every item once, on the feed again after', async () => {
    const zap = zapOnFeed(key);
    await zap.turnOn();
    const before = add(3);
    log.plugin = false;
    const during = site.add(4);
    await zap.drain();
    log.plugin = true;
    await zap.poll();
    const after = add(2);
    reset();
    await zap.poll();
    expect(site.requests.filter((q) => !q.include)).toEqual([]);
    expect(sorted(zap.firings)).toEqual([...before, ...during, ...after]);
  });

  it('events pruned before the Zap read them: the IDs find what the feed lost', async () => {
    const zap = zapOnFeed(key);
    await zap.turnOn();
    const lost = add(5);
    log.pruned = log.events.length;
    await zap.drain();
    expect(sorted(zap.firings)).toEqual(lost);
  });

  it('a Zap turned off, 200 items made, turned on again: none of them fires, later ones do', async () => {
    const zap = zapOnFeed(key);
    await zap.turnOn();
    await zap.poll();
    add(200);
    await zap.turnOn();
    const later = add(2);
    await zap.drain();
    expect(sorted(zap.firings)).toEqual(later);
  });

  it('the cache lost mid-burst: every item still fires once', async () => {
    const zap = zapOnFeed(key);
    await zap.turnOn();
    const burst = add(250);
    await zap.poll();
    forgetCache();
    await zap.drain();
    expect(sorted(zap.firings)).toEqual(burst);
    expect(zap.dropped).toEqual([]);
  });

  it('without the Zap named (meta.zap.id), Zaps may share a state: the IDs are polled, never the feed', async () => {
    const zap = zapOnFeed(key, {});
    await zap.turnOn();
    const [id] = add(1);
    expect(idsOf(await zap.poll())).toEqual([String(id)]);
    await zap.poll();
    expect(log.requests).toBe(0);
  });
});

describe('New Comment on the feed', () => {
  it('a comment held for moderation and approved two days later fires on the poll after its approval', async () => {
    const site = fakeComments();
    const log = new FakeEventLog();
    site.headers = () => log.headers();
    log.serve();
    const zap = zapOnFeed('new_comment');
    const [held] = site.add(1, 2 * 86_400, { status: 'hold' });
    await zap.turnOn();
    const newer = site.add(150);
    newer.forEach((id) => log.record('comment.created', id, 'comment', 'approved'));
    await zap.drain();
    site.rows.find((row) => row.id === held)!.status = 'approved';
    log.record('comment.status_changed', held, 'comment', 'approved');
    expect(idsOf(await zap.poll())).toEqual([String(held)]);
    expect(sorted(zap.firings)).toEqual(sorted([...newer, held]));
  });
});
