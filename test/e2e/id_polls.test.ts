// New User, New Comment and New Media against the real WordPress, as Zaps see them: bursts larger
// than a page (250 users, 150 comments, 230 media items) made at once on the server, each item of
// the burst fired exactly once; a Zap turned off and on around 60 users fires none of them; the
// kept state lost in the middle of a burst loses nothing; an idle poll is one request. Others use
// the bench at the same time: only what this file made (named with its stamp) is counted.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SimulatedZap } from '../unit/triggers/zap_simulator';
import { MAIN, appTester, hostOf, perform, recordRequests, requireWordPress, run } from './harness';
import app from '../../index';

jest.setTimeout(300_000);

const STAMP = `idp${Date.now().toString(36)}`;
type Kind = 'users' | 'comments' | 'media';
type Item = Record<string, unknown> & { id: number };

/** A burst made on the server in one go; the IDs WordPress gave it. */
function burst(kind: Kind, n: number, name: string): number[] {
  const out = execFileSync(
    'php',
    [path.resolve(__dirname, '../../scripts/wordpress/burst.php'), MAIN, kind, String(n), `${STAMP}-${name}`],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as number[];
}

const TRIGGER: Record<Kind, string> = { users: 'new_user', comments: 'new_comment', media: 'new_media' };

/** Every output a Zap's polls returned, by ID, to read what fired. */
const outputs = new Map<number, Item>();

function zapOn(kind: Kind): SimulatedZap {
  const op = app.triggers?.[TRIGGER[kind]];
  if (!op) throw new Error(`no trigger ${TRIGGER[kind]}`);
  return new SimulatedZap(async (meta) => {
    const items = await run<Item[]>(perform(op), {}, { meta });
    items.forEach((item) => outputs.set(item.id, item));
    return items;
  });
}

/** The Zap's firings among `ids`: each must be there exactly once. */
const firedOf = (zap: SimulatedZap, ids: number[]) => {
  const mine = new Set(ids.map(String));
  return zap.firings.filter((id) => mine.has(id)).map(Number);
};

const forgetCache = () => {
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
};

beforeAll(async () => {
  await requireWordPress(MAIN);
});

afterAll(() => {
  execFileSync('php', [path.resolve(__dirname, '../../scripts/wordpress/burst.php'), MAIN, 'clean', STAMP]);
});

describe.each<[Kind, number]>([
  ['users', 250],
  ['comments', 150],
  ['media', 230],
])('%s: a burst of %i', (kind, n) => {
  it('fires each item exactly once, 90 a poll, after an idle poll of one request', async () => {
    const zap = zapOn(kind);
    await zap.turnOn();
    const idle = await recordRequests(() => zap.poll());
    expect(idle.requests.filter((r) => r.host.startsWith(hostOf(MAIN)))).toHaveLength(1);
    const ids = burst(kind, n, `burst-${kind}`);
    let polls = 0;
    while (firedOf(zap, ids).length < ids.length && polls < 10) {
      await zap.poll();
      polls++;
    }
    await zap.poll();
    expect(firedOf(zap, ids).sort((a, b) => a - b)).toEqual(ids);
    expect(zap.dropped.filter((id) => ids.includes(Number(id)))).toEqual([]);
    // Others may add items on the bench meanwhile: a poll or two more at most.
    expect(polls).toBeGreaterThanOrEqual(Math.ceil(n / 90));
    expect(polls).toBeLessThanOrEqual(Math.ceil(n / 90) + 2);
    if (kind === 'media') expect(outputs.get(ids[0])?.title).toBe(`${STAMP}-burst-media-00001 "q"`);
  });
});

describe('turning on and losing the kept state', () => {
  it('a Zap turned off, 60 users made, turned on again: none of the 60 fires, the next user does', async () => {
    const zap = zapOn('users');
    await zap.turnOn();
    await zap.poll();
    const whileOff = burst('users', 60, 'off');
    await zap.turnOn();
    const after = burst('users', 1, 'after');
    await zap.poll();
    await zap.poll();
    expect(firedOf(zap, whileOff)).toEqual([]);
    expect(firedOf(zap, after)).toEqual(after);
  });

  it.each<Kind>(['users', 'comments'])(
    '%s: the cache lost in the middle of a burst of 250 loses nothing',
    async (kind) => {
      const zap = zapOn(kind);
      await zap.turnOn();
      const ids = burst(kind, 250, `lost-${kind}`);
      await zap.poll();
      forgetCache();
      for (let i = 0; i < 8 && firedOf(zap, ids).length < ids.length; i++) await zap.poll();
      expect(firedOf(zap, ids).sort((a, b) => a - b)).toEqual(ids);
    },
  );

  it('a Zap turned on after a burst of 250 fires none of it, with the cache kept or lost', async () => {
    const ids = burst('users', 250, 'before');
    const zap = zapOn('users');
    await zap.turnOn();
    await zap.poll();
    forgetCache();
    await zap.poll();
    await zap.poll();
    await zap.poll();
    expect(firedOf(zap, ids)).toEqual([]);
  });
});
