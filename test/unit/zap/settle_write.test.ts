// The site's clock from a lookup's Date header, and what a lost update's read back says.
import { LostAnswerError } from '../../../src/connection/lost_answer';
import { settleCreate, settleUpdate, siteSince } from '../../../src/zap/settle_write';
import { caught, userMessage } from '../helpers';

const header = (date: string) => ({ getHeader: (name: string) => (name === 'date' ? date : undefined) });

describe('siteSince', () => {
  const started = Date.parse('2026-12-06T20:00:00.500Z');
  const now = Date.parse('2026-12-06T20:00:03.200Z');

  it('takes the site’s clock from the Date header, one whole second early', () => {
    // The site's clock runs 90 s behind ours.
    expect(siteSince(started, header('Sun, 06 Dec 2026 19:58:33 GMT'), now)).toBe(started - 90_200 - 1000);
  });

  it('without a Date header, allows five minutes of clock difference', () => {
    expect(siteSince(started, undefined, now)).toBe(started - 300_000);
    expect(siteSince(started, header('not a date'), now)).toBe(started - 300_000);
  });
});

describe('settleCreate', () => {
  const lookup = (items: Array<{ item: { id: number }; madeGmt?: string }>) => ({
    what: 'the post "x"',
    where: 'Posts',
    find: async () => ({ items, response: header(new Date().toUTCString()) }),
  });

  it('never looks up after a healthy write', async () => {
    const find = jest.fn();
    await expect(settleCreate(async () => ({ id: 1 }), { what: '', where: '', find })).resolves.toEqual({
      item: { id: 1 },
    });
    expect(find).not.toHaveBeenCalled();
  });

  it('passes every other error on unchanged', async () => {
    const refusal = new Error('refused');
    const find = jest.fn();
    await expect(settleCreate(() => Promise.reject(refusal), { what: '', where: '', find })).rejects.toBe(refusal);
    expect(find).not.toHaveBeenCalled();
  });

  it('an item without a time it was made may have been there before: found, and said so', async () => {
    const settled = await settleCreate(
      () => Promise.reject(new LostAnswerError('r', true)),
      lookup([{ item: { id: 7 } }]),
    );
    expect(settled).toEqual({
      item: { id: 7 },
      warning:
        'WordPress\'s answer was lost (r), so Zapier looked on the site: the post "x" is there (ID 7), either stored by this step or there already (nothing on it says when it was made); either way there is one, not two.',
    });
  });

  it('an item made before the request is not the one this step wrote', async () => {
    const old = { item: { id: 7 }, madeGmt: '2020-01-01T00:00:00' };
    const err = await caught(() => settleCreate(() => Promise.reject(new LostAnswerError('r', true)), lookup([old])));
    expect(userMessage(err)).toBe(
      'The answer to this step was lost: r. Zapier then looked on the site: the post "x" is not there, so WordPress did not store it. Running the step again is safe.',
    );
  });
});

describe('settleUpdate', () => {
  it('names the fields that do not hold what was sent, and says a replay is safe', async () => {
    const err = await caught(() =>
      settleUpdate(() => Promise.reject(new LostAnswerError('r', false)), {
        what: 'user 5',
        where: 'Users',
        readBack: async () => ({ item: { id: 5 }, differing: ['Email', 'Biography'] }),
      }),
    );
    expect(userMessage(err)).toBe(
      'The answer to this step was lost: r. Zapier read user 5 back, and Email, Biography do not have the new values: WordPress did not apply the change. Running the step again is safe (an update writes the same values again).',
    );
  });

  it('a read back that fails cannot tell, and says a replay is safe (an update is idempotent)', async () => {
    const err = await caught(() =>
      settleUpdate(() => Promise.reject(new LostAnswerError('r', true)), {
        what: 'user 5',
        where: 'user 5 in WordPress (Users)',
        readBack: () => Promise.reject(new Error('request to https://example.com/x failed, reason: socket hang up')),
      }),
    );
    expect(userMessage(err)).toBe(
      'The answer to this step was lost: r. Zapier could not read user 5 back to check it: looking it up failed too (socket hang up). Running the step again is safe: an update writes the same values again.',
    );
  });

  it('a delete says where the item is, and why a replay writes nothing twice', async () => {
    const lost = () => Promise.reject(new LostAnswerError('r', true));
    const replaySafe = 'a delete run again changes nothing more';
    const settled = await settleUpdate(lost, {
      what: 'post 42',
      where: 'Posts',
      replaySafe,
      readBack: async () => ({ item: { id: 42 }, differing: [], shows: 'it is in the trash' }),
    });
    expect(settled.warning).toBe("WordPress's answer was lost (r), so Zapier read post 42 back: it is in the trash.");
    const err = await caught(() =>
      settleUpdate(lost, {
        what: 'post 42',
        where: 'Posts',
        replaySafe,
        readBack: () => Promise.reject(new Error('x')),
      }),
    );
    expect(userMessage(err)).toMatch(/Running the step again is safe: a delete run again changes nothing more\.$/);
  });
});
