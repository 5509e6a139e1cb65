// A Zap on one of the post polls, as Zapier runs it against the real WordPress: turning it on
// records what the trigger returns (`isPopulatingDedupe`) and fires for none of it; a poll fires only
// ids it has not seen (Zapier's dedupe). Zaps in one test file share Zapier's cache, as Zaps on one
// connection do.
import app from '../../index';
import { RunOptions, recordRequests, run } from './harness';

type Item = Record<string, unknown>;

function perform(key: string) {
  const op = app.triggers?.[key]?.operation;
  if (!op) throw new Error(`no trigger ${key}`);
  return (op as { perform: unknown }).perform as never;
}

export class Zap {
  private seen = new Set<string>();
  /** Post ID → how many times the Zap fired for it. */
  readonly fired = new Map<number, number>();

  constructor(
    private key: 'new_post' | 'new_or_updated_post',
    private options: RunOptions = {},
    private inputData: Record<string, unknown> = {},
  ) {}

  /** Turning the Zap on (again): Zapier starts its dedupe table anew from what the trigger returns. */
  async turnOn(fresh = false): Promise<void> {
    const items = await run<Item[]>(perform(this.key), this.inputData, {
      ...this.options,
      meta: { isPopulatingDedupe: true },
      freshCache: fresh,
    });
    this.seen = new Set(items.map((item) => String(item.id)));
  }

  /** One poll; `loseCache` empties Zapier's cache first (expired or evicted). */
  async poll(loseCache = false): Promise<{ fired: Item[]; requests: string[] }> {
    const { result, requests } = await recordRequests(() =>
      run<Item[]>(perform(this.key), this.inputData, { ...this.options, freshCache: loseCache }),
    );
    const fired = result.filter((item) => !this.seen.has(String(item.id)));
    for (const item of fired) {
      this.seen.add(String(item.id));
      const postId = Number(item.post_id);
      this.fired.set(postId, (this.fired.get(postId) ?? 0) + 1);
    }
    return { fired, requests: requests.map((r) => decodeURIComponent(r.path)) };
  }

  /** Polls `times` times; returns each poll's requests. */
  async pollAll(times = 4): Promise<string[][]> {
    const all: string[][] = [];
    for (let i = 0; i < times; i++) all.push((await this.poll()).requests);
    return all;
  }

  /** How many times each of `ids` fired (0 for none). */
  counts(ids: number[]): number[] {
    return ids.map((id) => this.fired.get(id) ?? 0);
  }
}
