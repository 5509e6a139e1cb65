// A simulated Zap (zap_simulator.ts) on one of the app's triggers, run by the unit tests' app tester:
// Zaps made here share its cache, and `loseCache()` empties it.
import { triggerPerform } from '../fixtures';
import { appTester, bundle, forgetCache } from '../helpers';
import { SimulatedZap } from './zap_simulator';

export function zapOn(key: string, input: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) {
  return new SimulatedZap(
    (extra) => appTester(triggerPerform(key), bundle(input, { ...meta, ...extra }) as never),
    meta,
  );
}

/** Zapier's cache lost (expired, evicted): every Zap on the connection loses what the app kept. */
export const loseCache = forgetCache;

/**
 * Zapier's runtime ends a process past 250 runs over 450 MB (its memory check). On Zapier each poll
 * is a run of its own; a test file polling a simulated site hundreds of times shares one process, so
 * it reports a small one. Call in `beforeEach` (after `jest.restoreAllMocks()` it is gone).
 */
export function manyRuns(): void {
  const usage = process.memoryUsage();
  jest.spyOn(process, 'memoryUsage').mockReturnValue({ ...usage, rss: 100e6 });
}
