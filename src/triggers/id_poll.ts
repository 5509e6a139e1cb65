// New User, New Comment and New Media poll by ID: WordPress hands out user, comment and post IDs in
// increasing order, so what is new is what lies above the highest ID delivered. Each poll reads the
// newest page (the one request of an idle poll). A burst larger than a page leaves a gap of IDs
// between the page and what was delivered before; later polls walk it, newest first, a page at a
// time, through `include` lists of IDs (WordPress has no "ID above" filter). Zapier's cache keeps
// only the top ID, the gaps and the lowest ID the Zap's turning on covered; losing it costs a walk
// back a day, never an item.
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheRead, cacheSet } from '../connection/cache';
import type { Query } from '../connection/request';
import { authDataOf } from '../connection/site';
import { pollSize, zapOf } from './polling';
import { CompanionEvent, feedSeqSeen } from '../connection/companion';
import { FeedCursor, readFeedItems, startFeed } from './id_feed';

/** How far back a poll that lost its kept state, and the turning on that covers it, reach. */
export const LOOK_BACK_SECONDS = 24 * 3600;
/** How long the kept state lives without a poll: a Zap paused for a week starts again as lost. */
export const STATE_SECONDS = 7 * 24 * 3600;
/** IDs in one `include` list: 400 seven-digit IDs keep the URL under 4 KB (servers allow 8 KB). */
export const INCLUDE_SPAN = 400;
/**
 * New items one poll delivers at most, its newest page included. Zapier holds a poll of 100 or more
 * new items until the user confirms them (flood protection), so a burst stays below that.
 */
export const NEW_PER_POLL = 90;
/** Requests one poll may spend walking gaps (a filter that matches few IDs walks empty lists). */
export const WALK_REQUESTS = 3;
/** Turning on (and a poll that lost its state) lists IDs a page at a time; Zapier allows 30 s in all. */
const LIST_PAGES = 40;
const LIST_MS = 15_000;
const MAX_GAPS = 50;

/**
 * IDs `lo < id < hi` not yet delivered; with `since`, only those dated at or after it (epoch s);
 * with `ids`, exactly those (newest first), as a listing found them.
 */
export interface Gap {
  lo: number;
  hi: number;
  since?: number;
  ids?: number[];
}

export interface IdPollState extends FeedCursor {
  v: 1;
  /** The highest ID delivered (or present when the Zap was turned on). */
  top: number;
  /** The lowest ID the turning on returned: anything below it existed then and is never output. */
  base: number;
  /** Ascending: the newest gap is the last. */
  gaps: Gap[];
}

export const isIdPollState = (value: Partial<IdPollState>) =>
  value.v === 1 &&
  typeof value.top === 'number' &&
  typeof value.base === 'number' &&
  Array.isArray(value.gaps) &&
  value.gaps.every((gap) => typeof gap?.lo === 'number' && typeof gap?.hi === 'number') &&
  (value.feed === undefined || typeof value.feed === 'number');

/** What each trigger brings: its list request, its items' date and its output. */
export interface IdPollSpec<W extends { id: number }, O> {
  trigger: string;
  /** Items on the newest page, what an idle poll reads (a burst beyond it is walked in the same poll). */
  pageSize: number;
  /** The trigger's filters: each combination keeps its own state. */
  filters: Record<string, unknown>;
  /** One list request with the trigger's own query and filters, plus these. */
  list: (query: Query) => Promise<W[]>;
  /** The field that dates an item, asked for alone (with the ID) when turning on. */
  dateField: string;
  /** The item's date in epoch seconds (UTC). */
  dateOf: (item: W) => number | undefined;
  render: (items: W[]) => O[];
  /** The companion plugin's events that name this trigger's items (id_feed.ts). */
  feedEvents?: readonly CompanionEvent[];
}

type Turned = { id: number };

/**
 * The state's key: per site, user, trigger and filters, and per Zap where Zapier says which Zap
 * polls (`meta.zap.id`): two Zaps on one connection then walk their gaps each for itself.
 */
export function idPollKey(bundle: Bundle, trigger: string, filters: Record<string, unknown>): string | undefined {
  const auth = authDataOf(bundle);
  if (!auth.rest_root) return undefined;
  const zap = (bundle.meta as { zap?: { id?: unknown } } | undefined)?.zap?.id;
  const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);
  const who = hash([auth.rest_root, (auth.username ?? '').toLowerCase(), zap ?? null]);
  return `wp-id-poll:v1:${who}:${hash([trigger, filters])}`;
}

const byIdDesc = <T extends { id: number }>(items: T[]) => {
  const seen = new Set<number>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id)).sort((a, b) => b.id - a.id);
};

const lowest = (items: Array<{ id: number }>) => Math.min(...items.map((item) => item.id));
const highest = (items: Array<{ id: number }>) => Math.max(0, ...items.map((item) => item.id));
const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function pollById<W extends { id: number }, O>(
  z: ZObject,
  bundle: Bundle,
  spec: IdPollSpec<W, O>,
): Promise<Array<O | Turned>> {
  const size = pollSize(bundle, spec.pageSize);
  const newestPage = () => spec.list({ orderby: 'id', order: 'desc', per_page: size, page: 1 });
  if (bundle.meta?.isLoadingSample) return spec.render(byIdDesc(await newestPage()));
  const key = idPollKey(bundle, spec.trigger, spec.filters);
  const kept = await cacheRead<IdPollState>(z, key, isIdPollState);
  // No store at all (`zapier invoke`): the newest page, left to Zapier's dedupe.
  if (!kept.available) return spec.render(byIdDesc(await newestPage()));
  const feed = spec.feedEvents && zapOf(bundle) !== undefined ? spec.feedEvents : undefined;
  if (bundle.meta?.isPopulatingDedupe) {
    return turnOn(z, bundle, key, spec, await newestPage(), size, kept.value, feed !== undefined);
  }
  const lost = !kept.value;
  const state: IdPollState = kept.value ? structuredClone(kept.value) : { v: 1, top: 0, base: 0, gaps: [] };
  const fed = feed && (await readFeedItems(z, bundle, state, { events: feed, list: spec.list, limit: NEW_PER_POLL }));
  if (fed) {
    state.top = Math.max(state.top, highest(fed));
    await cacheSet(z, key, state, STATE_SECONDS);
    return spec.render(byIdDesc(fed));
  }
  const newest = await newestPage();
  const fresh = newest.filter((item) => item.id > state.top);
  if (lost) await rebuild(spec, state, newest, size);
  else openGap(state, newest, size);
  state.top = Math.max(state.top, highest(newest));
  const walked = await walkGaps(spec, state, pollSize(bundle, NEW_PER_POLL) - fresh.length);
  // The feed knows nothing of a gap still being walked: a Zap moves onto it once the walk is done.
  if (feed && !state.gaps.length) startFeed(state, feedSeqSeen(bundle), false);
  // Written on every poll, so that a quiet Zap's state never expires between polls.
  await cacheSet(z, key, state, STATE_SECONDS);
  return spec.render(byIdDesc([...newest, ...walked].filter((item) => item.id >= state.base)));
}

/** A full newest page that does not reach down to what was delivered leaves the IDs between to walk. */
function openGap(state: IdPollState, newest: Array<{ id: number }>, size: number): void {
  if (newest.length < size || !newest.length) return;
  const bottom = lowest(newest);
  if (bottom <= state.top + 1) return;
  state.gaps.push({ lo: state.top, hi: bottom });
  // A site that bursts faster than Zapier takes items: merging the two oldest gaps walks again IDs
  // delivered between them (Zapier's dedupe drops those), never skips one.
  while (state.gaps.length > MAX_GAPS) {
    const [a, b] = state.gaps.splice(0, 2);
    state.gaps.unshift({ lo: a.lo, hi: b.hi, since: a.since ?? b.since });
  }
}

/**
 * Walks the newest gap first, one `include` list of up to INCLUDE_SPAN IDs per request, until the
 * poll has delivered `budget` items or spent its walking requests.
 */
async function walkGaps<W extends { id: number }, O>(
  spec: IdPollSpec<W, O>,
  state: IdPollState,
  budget: number,
): Promise<W[]> {
  const found: W[] = [];
  for (let requests = 0; requests < WALK_REQUESTS && state.gaps.length && found.length < budget; requests++) {
    const gap = state.gaps[state.gaps.length - 1];
    const want = budget - found.length;
    const bottom = gap.ids
      ? Math.max(gap.lo + 1, gap.ids[Math.min(want, gap.ids.length) - 1] ?? gap.lo + 1)
      : Math.max(gap.lo + 1, gap.hi - INCLUDE_SPAN, 1);
    const ids = gap.ids ? gap.ids.slice(0, want) : Array.from({ length: gap.hi - bottom }, (_, i) => gap.hi - 1 - i);
    const page = ids.length
      ? await spec.list({ orderby: 'id', order: 'desc', per_page: want, page: 1, include: ids.join(',') })
      : [];
    const inGap = page.filter((item) => item.id > gap.lo && item.id < gap.hi);
    const since = gap.since;
    const dated = since === undefined ? inGap : inGap.filter((item) => (spec.dateOf(item) ?? since) >= since);
    found.push(...dated);
    // A full page may leave IDs below its lowest; otherwise the whole list is done.
    gap.hi = inGap.length >= want && !gap.ids ? lowest(inGap) : bottom;
    if (gap.ids) gap.ids = gap.ids.filter((id) => id < gap.hi);
    const pastDay = dated.length < inGap.length;
    if (gap.hi <= gap.lo + 1 || gap.hi <= 1 || pastDay) state.gaps.pop();
  }
  return found;
}

interface ListedBack<W> {
  /** Below the newest page, with their IDs and dates only. */
  listed: W[];
  /** The lowest ID listed, or 0 when the list reached the end. */
  bottom: number;
  /** The highest ID listed that is dated before the look-back (everything below it is older). */
  older?: number;
}

/**
 * The IDs (and dates) below the newest page, a page at a time, until an item dated before `since`
 * lies below `floor`, the list ends, or the time allowed is spent. Pages by number are fine here:
 * one run reads them within seconds, and a filter that matches few items still gives full pages.
 */
async function listBack<W extends { id: number }, O>(
  spec: IdPollSpec<W, O>,
  newest: W[],
  size: number,
  since: number,
  floor: number,
): Promise<ListedBack<W>> {
  const back: ListedBack<W> = { listed: [], bottom: newest.length ? lowest(newest) : 0 };
  const started = Date.now();
  for (let page = 2; newest.length >= size && page <= LIST_PAGES + 1; page++) {
    if (Date.now() - started > LIST_MS) break;
    const rows = await spec.list({
      orderby: 'id',
      order: 'desc',
      per_page: size,
      page,
      _fields: `id,${spec.dateField}`,
      _embed: undefined,
    });
    back.listed.push(...rows);
    if (rows.length) back.bottom = lowest(rows);
    back.older ??= rows.find((row) => (spec.dateOf(row) ?? since) < since)?.id;
    if (rows.length < size) back.bottom = 0;
    if (rows.length < size || (back.older !== undefined && back.bottom <= floor)) break;
  }
  return back;
}

/**
 * Turning a Zap on returns everything a later poll could return as new: the newest page, and the IDs
 * (alone) of what a poll that lost its state would walk (the last day) and of any gap a Zap on the
 * same state is still walking. The lowest ID returned becomes the floor of what is ever output.
 */
async function turnOn<W extends { id: number }, O>(
  z: ZObject,
  bundle: Bundle,
  key: string | undefined,
  spec: IdPollSpec<W, O>,
  newest: W[],
  size: number,
  prior: IdPollState | undefined,
  feed: boolean,
): Promise<Array<O | Turned>> {
  const state: IdPollState = prior ? structuredClone(prior) : { v: 1, top: highest(newest), base: 0, gaps: [] };
  if (prior) openGap(state, newest, size);
  state.top = Math.max(state.top, highest(newest));
  const floor = Math.min(...state.gaps.map((gap) => gap.lo + 1));
  const back = await listBack(spec, newest, size, nowSeconds() - LOOK_BACK_SECONDS, floor);
  const bottom = newest.length >= size ? back.bottom : 0;
  state.base = prior ? Math.min(prior.base, bottom) : bottom;
  // The Zap's own state (only then does it read the feed): everything before now existed.
  if (feed) startFeed(state, feedSeqSeen(bundle), true);
  await cacheSet(z, key, state, STATE_SECONDS);
  const below = back.listed.filter((row) => row.id < lowest(newest)).map((row) => ({ id: row.id }));
  return [...spec.render(byIdDesc(newest)), ...below];
}

/**
 * A poll without its kept state (lost, expired, or a Zap whose turning on kept it elsewhere): what
 * became visible in the last day below the newest page is walked again, from the newest page down
 * to the first item dated before the day (found by listing IDs and dates, which a sparse filter
 * cannot slow down); Zapier's dedupe drops what had fired.
 */
async function rebuild<W extends { id: number }, O>(
  spec: IdPollSpec<W, O>,
  state: IdPollState,
  newest: W[],
  size: number,
): Promise<void> {
  if (newest.length < size) return;
  const since = nowSeconds() - LOOK_BACK_SECONDS;
  const back = await listBack(spec, newest, size, since, Infinity);
  const top = lowest(newest);
  // Beyond what the listing reached in its time: walked by ranges of IDs, down to the day's edge.
  if (back.older === undefined && back.bottom > 1) state.gaps.push({ lo: 0, hi: back.bottom, since });
  const recent = back.listed
    .filter((row) => row.id < top && (spec.dateOf(row) ?? since) >= since)
    .map((row) => row.id)
    .sort((a, b) => b - a);
  if (recent.length) state.gaps.push({ lo: recent[recent.length - 1] - 1, hi: top, ids: recent });
}

export { epochOf } from '../wordpress/text';
