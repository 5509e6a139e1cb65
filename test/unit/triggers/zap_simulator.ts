// A Zap as Zapier runs a polling trigger, for any trigger: turning on records what the perform
// returns without firing (isPopulatingDedupe), each poll fires the items whose `id` it has not seen,
// at most 99 new items a poll (Zapier holds a poll of 100 or more new items until the user confirms
// them; here the rest are marked seen and never fire, the pessimistic reading), and remembers every id.
export type Perform = (meta: Record<string, unknown>) => Promise<unknown>;

export const ZAPIER_NEW_PER_POLL = 99;

export class SimulatedZap {
  readonly seen = new Set<string>();
  readonly fired: string[] = [];
  /** Items dropped by the throttle: any is a lost event. */
  readonly dropped: string[] = [];

  constructor(
    private readonly perform: Perform,
    private readonly meta: Record<string, unknown> = {},
  ) {}

  private async run(extra: Record<string, unknown>): Promise<Array<{ id: unknown }>> {
    const items = await this.perform({ ...this.meta, ...extra });
    if (!Array.isArray(items)) throw new Error('a polling trigger returns an array');
    return items as Array<{ id: unknown }>;
  }

  /** Turning the Zap on (again): Zapier keeps its dedupe table across off and on. */
  async turnOn(): Promise<number> {
    const items = await this.run({ isPopulatingDedupe: true });
    items.forEach((item) => this.seen.add(String(item.id)));
    return items.length;
  }

  /** One poll: the ids that fired, in the order returned (newest first). */
  async poll(): Promise<string[]> {
    const items = await this.run({ isPopulatingDedupe: false });
    const fresh = items
      .map((item) => String(item.id))
      .filter((id, i, all) => !this.seen.has(id) && all.indexOf(id) === i);
    fresh.forEach((id) => this.seen.add(id));
    const firing = fresh.slice(0, ZAPIER_NEW_PER_POLL);
    this.dropped.push(...fresh.slice(ZAPIER_NEW_PER_POLL));
    this.fired.push(...firing);
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
}
