// A Zap as Zapier runs a polling trigger, for any trigger of the app, the one definition the unit and
// end-to-end tests share:
// - turning it on (`isPopulatingDedupe`) fires for nothing it returns, and starts the dedupe table
//   anew from exactly that (the strict reading: an item fired before and returned again later fires
//   again, so a trigger must not return it);
// - each poll fires the items whose `id` the table does not hold, and adds them to it;
// - at most 99 new items a poll: Zapier holds a poll of 100 or more new items until the user confirms
//   them (flood protection); here the rest are marked seen and never fire, the pessimistic reading.
// The perform runs through an app tester, whose cache is Zapier's: Zaps built on one tester share it,
// as Zaps on one connection do, and losing it is `forgetCache` (test/unit/helpers.ts).
export type Perform = (meta: Record<string, unknown>) => Promise<unknown>;
export type Item = Record<string, unknown> & { id: unknown };

export const ZAPIER_NEW_PER_POLL = 99;

export class SimulatedZap {
  private seen = new Set<string>();
  /** How many times each id fired. */
  readonly fired = new Map<string, number>();
  /** Every firing's id, in order, repeats included. */
  readonly firings: string[] = [];
  /** Ids held back by the flood cap: any is a lost event. */
  readonly dropped: string[] = [];

  constructor(
    private readonly perform: Perform,
    private readonly meta: Record<string, unknown> = {},
  ) {}

  private async run(extra: Record<string, unknown>): Promise<Item[]> {
    const items = await this.perform({ ...this.meta, ...extra });
    if (!Array.isArray(items)) throw new Error('a polling trigger returns an array');
    return items as Item[];
  }

  /** Turning the Zap on (again): returns what the trigger returned, none of which fires. */
  async turnOn(): Promise<Item[]> {
    const items = await this.run({ isPopulatingDedupe: true });
    this.seen = new Set(items.map((item) => String(item.id)));
    return items;
  }

  /** One poll: the items that fired, in the order returned (newest first). */
  async poll(): Promise<Item[]> {
    const items = await this.run({ isPopulatingDedupe: false });
    const fresh = items.filter((item, i) => {
      const id = String(item.id);
      return !this.seen.has(id) && items.findIndex((other) => String(other.id) === id) === i;
    });
    fresh.forEach((item) => this.seen.add(String(item.id)));
    const firing = fresh.slice(0, ZAPIER_NEW_PER_POLL);
    this.dropped.push(...fresh.slice(ZAPIER_NEW_PER_POLL).map((item) => String(item.id)));
    for (const item of firing) {
      const id = String(item.id);
      this.firings.push(id);
      this.fired.set(id, (this.fired.get(id) ?? 0) + 1);
    }
    return firing;
  }

  /** Polls until `rounds` polls in a row fire nothing; returns the number of polls that fired. */
  async drain(rounds = 2, max = 50): Promise<number> {
    let quiet = 0;
    let firing = 0;
    for (let i = 0; i < max && quiet < rounds; i++) {
      if ((await this.poll()).length) {
        firing++;
        quiet = 0;
      } else quiet++;
    }
    return firing;
  }

  /** The ids fired more than once (Zapier would never do that; the trigger must not cause it). */
  twice(): string[] {
    return [...this.fired].filter(([, n]) => n > 1).map(([id]) => id);
  }
}

/** The ids of items, as Zapier dedupes them. */
export const idsOf = (items: Item[]) => items.map((item) => String(item.id));
