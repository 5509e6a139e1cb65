// The fault matrix every write goes through (nock): the write is sent once, a healthy write looks
// nothing up, and a lost answer is settled by a lookup (creates) or a read back (updates, deletes)
// before the step ends: found is a success with a warning, not found says not stored (or not
// applied) and that a replay is safe; a throttle only before the write. Zapier's runtime stops a
// process after 250 runs once it holds 450 MB, so the creates and the updates run in files of their own.
import { caught, expectCleanMessage, userMessage } from '../helpers';
import { LOST, MAY_STILL_RUN, Write, file, runWrite } from './lost_answer_cases';

export function faultMatrix(writes: Write[]): void {
  describe.each(writes)('$key $input', (w) => {
    beforeEach(() => {
      if (w.key === 'upload_media') file();
    });

    it('a healthy write is sent once, looks nothing up, and warns of no lost answer', async () => {
      const scope = w.write().reply(201, w.answer);
      const after = w.after?.();
      const out = await runWrite(w);
      expect(scope.isDone() && (after?.isDone() ?? true)).toBe(true);
      // nock refuses any request it was not told of: there was no other.
      expect(out.warnings.filter((x) => /answer was lost/.test(x))).toEqual([]);
    });

    it.each(LOST)('after %s, the item is found: a success with a warning, sent once', async (_name, reply, reason) => {
      const write = reply(w.write());
      const lookups = w.lookup(true);
      const out = await runWrite(w);
      expect(write.isDone() && lookups.every((s) => s.isDone())).toBe(true);
      expect(out.warnings[0]).toMatch(/^WordPress's answer was lost \(/);
      expect(out.warnings[0]).toMatch(reason);
      expect(out.warnings[0]).toContain(w.what);
    });

    it.each(LOST)('after %s, an item not there is said so', async (name, reply, reason) => {
      reply(w.write());
      w.lookup(false);
      const err = await caught(() => runWrite(w));
      const message = userMessage(err);
      expectCleanMessage(message);
      expect(err.name).not.toBe('ThrottledError');
      expect(message).toMatch(reason);
      if (w.update) {
        expect(message).toMatch(/WordPress did not apply the change\. Running the step again is safe/);
      } else if (MAY_STILL_RUN.has(name)) {
        expect(message).toMatch(
          /was not there yet, but WordPress may still be working on the request.*before running the step again, so nothing is written twice\.$/,
        );
      } else {
        expect(message).toContain(
          `${w.what} is not there, so WordPress did not store it. Running the step again is safe.`,
        );
      }
    });

    it('WordPress’s maintenance answer (before any write) is Zapier’s throttle, with no lookup', async () => {
      w.write().reply(
        503,
        {
          code: 'wp_die',
          message: 'Briefly unavailable for scheduled maintenance. Check back in a minute.',
          data: { status: 503 },
        },
        { 'Retry-After': '600' },
      );
      const err = await caught(() => runWrite(w));
      expect(err.name).toBe('ThrottledError');
      expect(JSON.parse(err.message)).toMatchObject({ delay: 600 });
    });

    it('a 429 is Zapier’s throttle, with no lookup', async () => {
      w.write().reply(429, '', { 'Retry-After': '17' });
      const err = await caught(() => runWrite(w));
      expect(err.name).toBe('ThrottledError');
    });
  });
}
