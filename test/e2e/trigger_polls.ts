// What the e2e tests of triggers share: a trigger polled (or a Zap turned on) through Zapier's
// runtime, the run's stamp and the items that carry it, content made as the administrator, and the
// bench those tests need.
import app from '../../index';
import { RunOptions, SiteName, connect, ensureBulk, requireWordPress, rest, run } from './harness';

export type Item = Record<string, unknown>;
export const STAMP = `${Date.now().toString(36)}`;

export function trigger(key: string) {
  const op = app.triggers?.[key]?.operation;
  if (!op) throw new Error(`no trigger ${key}`);
  return (op as { perform: unknown }).perform as never;
}

export const poll = (key: string, input: Item = {}, options: RunOptions = {}) =>
  run<Item[]>(trigger(key), input, options);
/** Turning a Zap on, as Zapier does before its first poll: what exists then never fires. */
export const turnOn = (key: string, input: Item = {}, options: RunOptions = {}) =>
  poll(key, input, { ...options, meta: { ...options.meta, isPopulatingDedupe: true } });
/** What a poll rendered in full (a Zap being turned on also gets id-only stubs). */
export const rendered = (items: Item[]) => items.filter((item) => 'title' in item);

/** Ours, in the order the trigger gave them. */
export const ours = (items: Item[]) =>
  items.filter((item) => String(item.title ?? item.username ?? '').includes(STAMP));

/** A site-local timestamp `seconds` before now, as WordPress takes `date_gmt` (UTC, no zone). */
export function gmtSecondsAgo(seconds: number): string {
  return new Date(Date.now() - seconds * 1000).toISOString().slice(0, 19);
}

export async function create<T = Item>(route: string, body: Item, site: SiteName = 'main'): Promise<T> {
  const auth = await connect(site, 'administrator');
  const res = await rest<T>(auth, route, { method: 'POST', body });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`POST ${route} → ${res.status}: ${JSON.stringify(res.data)}`);
  return res.data;
}

export async function termId(taxonomy: string, name: string, site: SiteName = 'main'): Promise<number> {
  const auth = await connect(site, 'administrator');
  const res = await rest<Array<{ id: number; name: string }>>(auth, `wp/v2/${taxonomy}`, {
    query: { search: name, per_page: '100' },
  });
  const term = res.data.find((t) => t.name === name);
  if (!term) throw new Error(`no ${taxonomy} "${name}" on ${site}`);
  return term.id;
}

export function expectNewestFirst(items: Item[], key: 'date_gmt' | 'modified_gmt') {
  const dates = items.map((item) => String(item[key]));
  expect(dates).toEqual([...dates].sort().reverse());
}

/** Before the file's tests: both sites up, and enough posts and users for full polls and paging. */
export function usePollingBench(): void {
  beforeAll(async () => {
    await requireWordPress('main');
    await requireWordPress('plain');
    // Full polls (50 posts) and dropdown paging (100 a page) need more than a fresh bench's few dozen
    // posts and nine users, whatever ran before this file.
    ensureBulk('main', 250);
  });
}
