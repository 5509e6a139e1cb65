// The indexes New Post and New or Updated Post read to find what is new (see post_changes.ts): the
// top IDs, posts dated since the last look, posts modified since then; the walks down an index that
// had more new rows than a page; and the reading of whole indexes for a Zap being turned on or a lost
// state. Each finds post IDs, which wait in `pending` until post_changes.ts fetches them.
import type { CompanionEvent, FeedPage } from '../connection/companion';
import type { PostOutput, WPPost } from '../wordpress/post';
import { gmtToIso } from '../wordpress/text';
import { PAGE, fromTheTop, walkFrom, walkOffset, walkStep } from './backlog';
import { Arrivals, excludedIds, noteArrivals, recordDated } from './dated_rows';
import type { IndexKind, PollState } from './poll_state';

/** Which date orders a poll: publication (New Post) or last change (New or Updated Post). */
export type PostPollOrder = 'date' | 'modified';

/**
 * How far back each dated index looks before its last look. WordPress publishes a scheduled post
 * when WP-Cron next runs (on the next page view, or a system cron every few minutes), keeping the
 * scheduled date: six hours covers a quiet site. A save stamps `modified` a moment before it
 * commits: ten minutes covers that and a web server whose clock differs from the database's.
 */
const LOOK_BACK_SECONDS: Record<'date' | 'modified', number> = { date: 6 * 3600, modified: 600 };

/** Found but not yet fetched, at most: a walk waits while this many wait. */
const PENDING_SIZE = 2000;

/**
 * Requests a Zap's turning on or a lost state may spend reading whole indexes, per part (the
 * backlog, then the last day): a poll has 30 s, and a slow host answers an index in half a second.
 */
export const DRAIN_REQUESTS = 25;

/** How far back a lost state or a Zap being turned on looks: what became visible in the last day. */
export const DAY_SECONDS = 24 * 3600;

/** One request against the type's collection: the posts, `X-WP-Total` and the server's clock. */
export type ListPosts = (query: Record<string, string | number | boolean | undefined>) => Promise<{
  posts: WPPost[];
  serverTime: number;
  total: number;
}>;

/** One page of the companion plugin's change feed; undefined where the plugin is not active. */
export type ReadFeed = (
  after: number,
  types: readonly CompanionEvent[],
  limit: number,
) => Promise<FeedPage | undefined>;

export interface PostChanges {
  order: PostPollOrder;
  /** The post type's slug: not among the filters (it is the route), yet two types never share a state. */
  postType: string;
  /** status and filters, the same on every request. */
  filters: Record<string, string | number | boolean | undefined>;
  list: ListPosts;
  /** How many posts a poll returns at most (Zapier's `meta.limit`, else as many as the full poll). */
  limit: number;
  render: (post: WPPost) => PostOutput;
  includeProtected: boolean;
  isProtected: (post: WPPost) => boolean;
  /** The change feed, where the companion plugin may run (post_feed.ts). */
  readFeed?: ReadFeed;
  /** Called when no post matches the filters any more, where there were some: it may explain why. */
  noneLeft?: () => Promise<void>;
}

/** Zapier fires New or Updated Post once per new `id`: the post ID and its modification time. */
export function changeId(post: Pick<PostOutput, 'post_id' | 'modified_gmt'>): string {
  return `${post.post_id}-${post.modified_gmt ?? 'unmodified'}`;
}

export function itemKey(order: PostPollOrder, id: number, modifiedGmt: string | null | undefined): string {
  return order === 'date' ? String(id) : changeId({ post_id: id, modified_gmt: gmtToIso(modifiedGmt) });
}

export const epoch = (gmt: string | null | undefined): number => {
  const iso = gmtToIso(gmt);
  return iso ? Math.floor(Date.parse(iso) / 1000) : 0;
};

export const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface IndexRow {
  id: number;
  date?: string;
  date_gmt?: string;
  modified?: string;
  modified_gmt?: string;
}

const utcOf = (kind: 'date' | 'modified', row: IndexRow) => epoch(kind === 'date' ? row.date_gmt : row.modified_gmt);

/** The order an index is sorted in by WordPress: IDs, or local dates (as epoch seconds, as if UTC). */
function keyOf(kind: IndexKind, row: IndexRow): number {
  return kind === 'id' ? row.id : epoch(kind === 'date' ? row.date : row.modified);
}

/** `from` as WordPress should compare it: in UTC, or as site time in the `zone` given (no zone written). */
const threshold = (from: number, zone?: number) =>
  zone === undefined ? isoSeconds(from) : isoSeconds(from + zone).slice(0, -1);

/**
 * One page of an index: `from` is the dated index's `after` (`zone`: see `IndexWalk`); `modifiedToo`
 * adds what New or Updated Post keys on; `exclude`, posts the date index leaves out (`dated_rows.ts`).
 */
export function indexQuery(
  kind: IndexKind,
  changes: PostChanges,
  from: number,
  offset: number,
  {
    modifiedToo = false,
    zone,
    until,
    exclude = [],
  }: { modifiedToo?: boolean; zone?: number; until?: number; exclude?: number[] } = {},
) {
  const query: Record<string, string | number | boolean | undefined> = {
    ...changes.filters,
    per_page: PAGE,
    ...(offset ? { offset } : { page: 1 }),
    order: 'desc',
    // WordPress 6.8+ would otherwise put sticky posts first; 6.1 ignores the argument.
    ignore_sticky: true,
  };
  const extra = modifiedToo || changes.order === 'modified' ? ',modified_gmt' : '';
  if (kind === 'id') return { ...query, orderby: 'id', _fields: modifiedToo ? 'id,modified_gmt' : 'id' };
  const after = threshold(from, zone);
  const left = exclude.length ? { exclude: exclude.join(',') } : {};
  if (kind === 'date') return { ...query, orderby: 'date', after, ...left, _fields: `id,date,date_gmt${extra}` };
  const before = until === undefined ? {} : { modified_before: isoSeconds(until) };
  return { ...query, orderby: 'modified', modified_after: after, ...before, _fields: 'id,modified,modified_gmt' };
}

/**
 * The change index stops at the server's now (and two minutes): after the site's time zone moved
 * west, posts modified in the hours before the move look recent, in WordPress's local order above
 * every edit since, and without this bound would fill page after page; with it, only those saved
 * about as long before the move as the move is wide still match. Nothing is saved after "now" yet.
 */
const untilNow = (state: PollState) => Math.floor(Date.now() / 1000 + state.skew) + 120;

/** Rows an index found new: above the ID floor, or dated (in UTC) since `from` and not delivered. */
function freshRows(kind: IndexKind, rows: IndexRow[], from: number, order: PostPollOrder, known: Set<string>) {
  if (kind === 'id') return rows.filter((row) => row.id > from);
  // WordPress compares local times: after the site's time zone moved west, posts saved before the
  // move match too. Their UTC dates tell them apart.
  return rows.filter(
    (row) =>
      epoch(kind === 'date' ? row.date_gmt : row.modified_gmt) >= from &&
      !known.has(itemKey(order, row.id, row.modified_gmt)),
  );
}

/** A poll's work on the kept state: what is known, what waits, and the totals seen this poll. */
export interface Round {
  state: PollState;
  changes: PostChanges;
  known: Set<string>;
  pending: Set<number>;
  totals: Partial<Record<IndexKind, number>>;
  serverTime: number;
  requests: number;
  /** A move of the site's time zone east showed this poll: the indexes are read again in the old zone. */
  zoneMoved?: boolean;
  /** Posts this poll's first pages found newly visible, against the ID index's last count. */
  arrivals: Arrivals;
}

export const addPending = (round: Round, rows: IndexRow[]) => rows.forEach((row) => round.pending.add(row.id));

/** The first page of an index; a full page of new rows starts a walk down the rest. */
async function firstPage(round: Round, kind: IndexKind): Promise<IndexRow[]> {
  const { state, changes } = round;
  const from = kind === 'id' ? state.idTop : Math.max(state.after[kind] - LOOK_BACK_SECONDS[kind], state.since);
  const until = kind === 'modified' ? untilNow(state) : undefined;
  const exclude = kind === 'date' ? excludedIds(state, from) : [];
  const { posts, serverTime, total } = await changes.list(indexQuery(kind, changes, from, 0, { until, exclude }));
  round.requests += 1;
  round.serverTime = serverTime;
  round.totals[kind] = total;
  state.skew = serverTime - Math.floor(Date.now() / 1000);
  const rows = posts as IndexRow[];
  const fresh = freshRows(kind, rows, from, changes.order, round.known);
  if (kind === 'modified') noteArrivals(round.arrivals, fresh, knownIds(round));
  else noteArrivals(round.arrivals, fresh);
  if (kind === 'id') {
    // Until this poll's date index answers, nothing to compare with (a poll that walks asks none).
    round.arrivals.before = state.idTotal;
    // Zapier's cache refuses a value holding `undefined`.
    delete state.idTotal;
  }
  if (kind === 'date') {
    const dated = rows.map((row) => ({ id: row.id, local: keyOf('date', row) }));
    recordDated(state, from, dated, round.arrivals, round.totals.id);
  }
  const last = rows[rows.length - 1];
  if (rows.length >= PAGE && last && (kind !== 'id' || last.id > from)) {
    // Zapier's cache refuses a value holding `undefined`: a walk without a bound has no `until`.
    const bound = until === undefined ? {} : { until };
    // Pages of a walk leave nothing out, so they count rows otherwise: it starts again from the top.
    const walk = exclude.length ? fromTheTop() : walkFrom(keyOf(kind, last), rows.length, total);
    state.walks.push({ kind, from, ...bound, walk });
  }
  if (kind === 'id') {
    // Every post matching the filters is gone: a deleted category, tag or author is the likely cause.
    if (!rows.length && state.idTop > 0) await changes.noneLeft?.();
    state.idTop = Math.max(state.idTop, rows[0]?.id ?? 0);
  } else {
    state.after[kind] = serverTime;
    if (noticeZoneMove(state, changes.order, kind, rows, serverTime)) round.zoneMoved = true;
  }
  // What the first pages find is new since the last poll: it goes out before an older backlog, so a
  // post published during a long import still fires on the next poll.
  round.pending = new Set([...fresh.map((row) => row.id), ...round.pending]);
  return fresh;
}

/**
 * After the site's time zone moved east, WordPress compares `after` in the new zone, later than the
 * dates saved before the move: those saved between the last look and the move would never match.
 * The first post saved after the move shows the new offset (its local date less its UTC date); then
 * both dated indexes are read again for the last day, compared in the old zone.
 */
function noticeZoneMove(
  state: PollState,
  order: PostPollOrder,
  kind: 'date' | 'modified',
  rows: IndexRow[],
  now: number,
): boolean {
  const newest = [...rows].sort((a, b) => utcOf(kind, b) - utcOf(kind, a))[0];
  if (!newest) return false;
  const offset = keyOf(kind, newest) - utcOf(kind, newest);
  const before = state.offset;
  const seenAt = state.offsetAt;
  state.offset = offset;
  state.offsetAt = offset === before ? Math.max(seenAt, utcOf(kind, newest)) : utcOf(kind, newest);
  if (before === null || offset <= before) return false;
  // What was saved before the move, and missed, was saved after the last save seen in the old zone.
  const from = Math.max(seenAt - LOOK_BACK_SECONDS.modified, now - 7 * DAY_SECONDS, state.since);
  // New Post does not deliver edits: its state knows posts by ID only.
  const kinds: Array<'date' | 'modified'> = order === 'date' ? ['date'] : ['date', 'modified'];
  for (const again of kinds) state.walks.unshift({ kind: again, from, zone: before, walk: fromTheTop() });
  return true;
}

/** One page of the oldest walk; the walk ends where the index reaches what was known. */
async function walkPage(round: Round): Promise<void> {
  const { state, changes } = round;
  const current = state.walks[0];
  if (!current) return;
  const offset = walkOffset(current.walk, current.kind === 'id' ? round.totals.id : undefined);
  const query = indexQuery(current.kind, changes, current.from, offset, { zone: current.zone, until: current.until });
  const { posts, serverTime, total } = await changes.list(query);
  round.requests += 1;
  round.serverTime = serverTime;
  const step = walkStep(current.walk, offset, { rows: posts as IndexRow[], total }, (row) => keyOf(current.kind, row));
  // Rows at or above the last row read were read before (a page starts a few rows early).
  const unread = current.kind === 'id' ? step.rows.filter((row) => row.id < current.walk.anchor) : step.rows;
  const fresh = freshRows(current.kind, unread, current.from, changes.order, round.known);
  addPending(round, fresh);
  const reachedFloor = current.kind === 'id' && fresh.length < unread.length;
  if (step.next && !reachedFloor) current.walk = step.next;
  else state.walks.shift();
}

/**
 * The indexes a poll asks: every one, every poll, so that each kind of event fires on the first poll
 * after it. While a walk is under way it takes the date index's turn every other poll (a burst
 * delays a scheduled post by one poll at most), so a poll stays within three requests (New Post) or
 * four (New or Updated Post) with its fetch.
 */
export async function discover(round: Round): Promise<void> {
  const { state, changes } = round;
  const kinds: IndexKind[] = changes.order === 'date' ? ['id'] : ['modified', 'id'];
  for (const kind of kinds) await firstPage(round, kind);
  const walkTurn = state.walks.length > 0 && state.polls % 2 === 1 && round.pending.size < PENDING_SIZE - PAGE;
  if (walkTurn) await walkPage(round);
  else await firstPage(round, 'date');
  // Rare (a move, or daylight saving time starting): read again now what the move hid, at once.
  while (round.zoneMoved && state.walks[0]?.zone !== undefined && round.requests < DRAIN_REQUESTS) {
    await walkPage(round);
  }
}

export function newRound(state: PollState, changes: PostChanges): Round {
  return {
    state,
    changes,
    known: new Set(state.delivered.map((item) => item.key)),
    pending: new Set(state.pending),
    totals: {},
    serverTime: 0,
    requests: 0,
    arrivals: { ids: new Set() },
  };
}

/** The IDs of posts delivered before, in any version. */
const knownIds = (round: Round) => new Set([...round.known].map((key) => Number.parseInt(key, 10)));

/**
 * Time a Zap's turning on may spend reading a backlog beyond `DRAIN_REQUESTS`: what it does not read
 * is delivered later, and would fire for it (half of Zapier's 30 s; the last day's part follows).
 */
export const DRAIN_MS = 12_000;

/**
 * Reads every index to its end: what a Zap turned on needs, since the state's backlog is delivered to
 * every Zap sharing it. Past `DRAIN_REQUESTS`, only while `DRAIN_MS` lasts (a fast host reads a
 * backlog of thousands of posts in that time; a host taking half a second per page, 2 400 more).
 */
export async function drain(round: Round): Promise<void> {
  const started = Date.now();
  const kinds: IndexKind[] = round.changes.order === 'date' ? ['id', 'date'] : ['modified', 'id', 'date'];
  for (const kind of kinds) await firstPage(round, kind);
  const more = () => round.requests < DRAIN_REQUESTS || Date.now() - started < DRAIN_MS;
  while (round.state.walks.length && more()) await walkPage(round);
}

/** Rows of one index with a fixed bound, every page (within `DRAIN_REQUESTS`). */
async function readAll(round: Round, kind: IndexKind, from: number, modifiedToo: boolean): Promise<IndexRow[]> {
  const rows: IndexRow[] = [];
  for (let page = 1; round.requests < DRAIN_REQUESTS; page++) {
    const query = { ...indexQuery(kind, round.changes, from, 0, { modifiedToo }), page };
    const answer = await round.changes.list(query);
    round.requests += 1;
    round.serverTime = answer.serverTime;
    rows.push(...(answer.posts as IndexRow[]));
    if (kind === 'id' || answer.posts.length < PAGE || page * PAGE >= answer.total) break;
  }
  return kind === 'id' ? rows : freshRows(kind, rows, from, round.changes.order, new Set());
}

/**
 * Every post that a poll after a lost state could return: those dated or modified in the last day,
 * and the top IDs (a post inserted with a past date). `modifiedToo`: with what New or Updated Post keys on.
 */
export async function lastDay(round: Round, now: number, modifiedToo: boolean): Promise<IndexRow[]> {
  const kinds: IndexKind[] = round.changes.order === 'date' ? ['id', 'date'] : ['id', 'date', 'modified'];
  const rows: IndexRow[] = [];
  for (const kind of kinds) rows.push(...(await readAll(round, kind, now - DAY_SECONDS, modifiedToo)));
  return rows;
}
