// A Zap as Zapier runs a polling trigger, for any trigger of the app: turning it on records what the
// trigger returns (`isPopulatingDedupe`) and fires for none of it; every poll after fires only the
// ids it has not seen (Zapier's dedupe by `id`). Zaps built on the same connection and filters share
// Zapier's cache (the app tester's), as two Zaps of one account do; `loseCache()` empties it.
import { appTester, bundle, forgetCache } from '../helpers';
import { triggerPerform } from '../fixtures';

type Item = Record<string, unknown> & { id: unknown };

export class SimulatedZap {
  private seen = new Set<string>();
  /** How many times each id fired. */
  readonly fired = new Map<string, number>();
  /** What each poll returned, newest poll last. */
  readonly polls: Item[][] = [];

  constructor(
    private triggerKey: string,
    private inputData: Record<string, unknown> = {},
    private meta: Record<string, unknown> = {},
  ) {}

  private run(meta: Record<string, unknown>): Promise<Item[]> {
    const perform = triggerPerform(this.triggerKey);
    return appTester(perform, bundle(this.inputData, { ...this.meta, ...meta }) as never) as Promise<Item[]>;
  }

  /** Turning the Zap on (again): Zapier starts a new dedupe table from what the trigger returns. */
  async turnOn(): Promise<Item[]> {
    const items = await this.run({ isPopulatingDedupe: true });
    this.seen = new Set(items.map((item) => String(item.id)));
    return items;
  }

  /** One poll: returns the items that fired. */
  async poll(): Promise<Item[]> {
    const items = await this.run({});
    this.polls.push(items);
    const fired = items.filter((item) => !this.seen.has(String(item.id)));
    for (const item of fired) {
      const id = String(item.id);
      this.seen.add(id);
      this.fired.set(id, (this.fired.get(id) ?? 0) + 1);
    }
    return fired;
  }

  /** Polls `times` times; returns how many fired on each. */
  async pollTimes(times: number): Promise<number[]> {
    const counts: number[] = [];
    for (let i = 0; i < times; i++) counts.push((await this.poll()).length);
    return counts;
  }

  /** The ids fired more than once (Zapier would never do that; the trigger must not cause it). */
  twice(): string[] {
    return [...this.fired].filter(([, n]) => n > 1).map(([id]) => id);
  }
}

/** Zapier's cache lost (expired, evicted): every Zap on the connection loses what the app kept. */
export const loseCache = forgetCache;
