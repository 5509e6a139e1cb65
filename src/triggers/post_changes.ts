// What New Post and New or Updated Post ask WordPress once a connection has polled before: small
// indexes of post IDs and dates first, then the full posts (with their embeds) of only those that
// are new.
//
// A post becomes visible in ways no single WordPress ordering shows (docs/wordpress.md, "Posts
// becoming visible"):
// - a new post, or a post inserted with a past date (an RSS item): only its ID is new;
// - a scheduled post going live: only its date is recent (WordPress does not touch `modified`);
// - an old draft published, any edit: only `modified` is recent;
// - after the site's time zone changes, local dates (which WordPress sorts by) jump, IDs do not.
// So every poll asks the ID index (IDs above the highest found), the date index (posts dated since
// the last look) and, for New or Updated Post, the change index (posts modified since then).
// `after` and `modified_after` go in UTC; WordPress compares them in its current zone, and the UTC
// dates of the rows tell which really are recent.
//
// An index with more new rows than a page (an import) is read further by a walk (`backlog.ts`) on
// the next polls; what is found waits in `pending` and is delivered a batch per poll. What is kept
// (Zapier's cache) is never the only record: a lost state makes the caller look back a day.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheGet, cacheRead, cacheSet } from '../cache';
import { POST_QUERY, PostOutput, WPPost } from '../post';
import { gmtToIso } from '../text';
import { PAGE, walkFrom, walkOffset, walkStep } from './backlog';
import {
  IndexKind,
  KNOWN_SECONDS,
  PollState,
  RENDER_SECONDS,
  WINDOW_SECONDS,
  isPollState,
  keep,
  pollKeys,
  room,
  windowOf,
} from './poll_state';

/** Which date orders a poll: publication (New Post) or last change (New or Updated Post). */
export type PostPollOrder = 'date' | 'modified';

/**
 * How far back each dated index looks before its last look. WordPress publishes a scheduled post
 * when WP-Cron next runs (on the next page view, or a system cron every few minutes), keeping the
 * scheduled date: six hours covers a quiet site. A save stamps `modified` a moment before it
 * commits: ten minutes covers that and a web server whose clock differs from the database's.
 */
const LOOK_BACK_SECONDS: Record<'date' | 'modified', number> = { date: 6 * 3600, modified: 600 };

/**
 * New posts a poll delivers at most. Zapier holds a poll's runs for the user to confirm from 100 new
 * items on (flood protection), and the window returns two batches: 90 stays below that.
 */
export const BATCH = 45;

/** Found but not yet fetched, at most: a walk waits while this many wait. */
const PENDING_SIZE = 2000;

/** Requests a Zap's turning on or a lost state may spend reading whole indexes (30 s per poll). */
const DRAIN_REQUESTS = 40;

/** How far back a lost state or a Zap being turned on looks: what became visible in the last day. */
const DAY_SECONDS = 24 * 3600;

/** One request against the type's collection: the posts, `X-WP-Total` and the server's clock. */
export type ListPosts = (query: Record<string, string | number | boolean | undefined>) => Promise<{
  posts: WPPost[];
  serverTime: number;
  total: number;
}>;

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
  /** Called when no post matches the filters any more, where there were some: it may explain why. */
  noneLeft?: () => Promise<void>;
}

/** What a Zap being turned on records of a post it is not shown: Zapier's dedupe needs only the id. */
export type PostStub = Pick<PostOutput, 'id' | 'post_id' | 'modified_gmt'>;

/** Zapier fires New or Updated Post once per new `id`: the post ID and its modification time. */
export function changeId(post: Pick<PostOutput, 'post_id' | 'modified_gmt'>): string {
  return `${post.post_id}-${post.modified_gmt ?? 'unmodified'}`;
}

function itemKey(order: PostPollOrder, id: number, modifiedGmt: string | null | undefined): string {
  return order === 'date' ? String(id) : changeId({ post_id: id, modified_gmt: gmtToIso(modifiedGmt) });
}

const epoch = (gmt: string | null | undefined): number => {
  const iso = gmtToIso(gmt);
  return iso ? Math.floor(Date.parse(iso) / 1000) : 0;
};

/** The server's clock, which stamps WordPress's dates: its `Date` header, else ours. */
export function serverTimeOf(response: { getHeader: (name: string) => string | undefined }): number {
  const stamped = Date.parse(response.getHeader('date') ?? '');
  return Math.floor((Number.isNaN(stamped) ? Date.now() : stamped) / 1000);
}

/** `X-WP-Total`: how many posts match, on every page. */
export function totalOf(response: { getHeader: (name: string) => string | undefined }, rows: number): number {
  const total = Number.parseInt(response.getHeader('x-wp-total') ?? '', 10);
  return Number.isNaN(total) ? rows : total;
}

const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const renderRef = (post: Pick<WPPost, 'id' | 'modified_gmt' | 'status'>) =>
  `${post.id}@${post.modified_gmt ?? ''}@${post.status}`;

function sortDate(order: PostPollOrder, post: Pick<WPPost, 'date_gmt' | 'modified_gmt'>): number {
  return epoch(order === 'modified' ? post.modified_gmt : post.date_gmt);
}

interface IndexRow {
  id: number;
  date?: string;
  date_gmt?: string;
  modified?: string;
  modified_gmt?: string;
}

/** The order an index is sorted in by WordPress: IDs, or local dates (as epoch seconds, as if UTC). */
function keyOf(kind: IndexKind, row: IndexRow): number {
  return kind === 'id' ? row.id : epoch(kind === 'date' ? row.date : row.modified);
}

/** One page of an index: `from` is the dated index's `after`; `modifiedToo` adds what New or Updated Post keys on. */
function indexQuery(kind: IndexKind, changes: PostChanges, from: number, offset: number, modifiedToo = false) {
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
  if (kind === 'date')
    return { ...query, orderby: 'date', after: isoSeconds(from), _fields: `id,date,date_gmt${extra}` };
  return { ...query, orderby: 'modified', modified_after: isoSeconds(from), _fields: 'id,modified,modified_gmt' };
}

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
interface Round {
  state: PollState;
  changes: PostChanges;
  known: Set<string>;
  pending: Set<number>;
  totals: Partial<Record<IndexKind, number>>;
  serverTime: number;
  requests: number;
}

const addPending = (round: Round, rows: IndexRow[]) => rows.forEach((row) => round.pending.add(row.id));

/** The first page of an index; a full page of new rows starts a walk down the rest. */
async function firstPage(round: Round, kind: IndexKind): Promise<IndexRow[]> {
  const { state, changes } = round;
  const from = kind === 'id' ? state.idTop : Math.max(state.after[kind] - LOOK_BACK_SECONDS[kind], state.since);
  const { posts, serverTime, total } = await changes.list(indexQuery(kind, changes, from, 0));
  round.requests += 1;
  round.serverTime = serverTime;
  round.totals[kind] = total;
  const rows = posts as IndexRow[];
  const fresh = freshRows(kind, rows, from, changes.order, round.known);
  const last = rows[rows.length - 1];
  if (rows.length >= PAGE && last && (kind !== 'id' || last.id > from)) {
    state.walks.push({ kind, from, walk: walkFrom(keyOf(kind, last), rows.length, total) });
  }
  if (kind === 'id') {
    // Every post matching the filters is gone: a deleted category, tag or author is the likely cause.
    if (!rows.length && state.idTop > 0) await changes.noneLeft?.();
    state.idTop = Math.max(state.idTop, rows[0]?.id ?? 0);
  } else state.after[kind] = serverTime;
  addPending(round, fresh);
  return fresh;
}

/** One page of the oldest walk; the walk ends where the index reaches what was known. */
async function walkPage(round: Round): Promise<void> {
  const { state, changes } = round;
  const current = state.walks[0];
  if (!current) return;
  const offset = walkOffset(current.walk, current.kind === 'id' ? round.totals.id : undefined);
  const { posts, serverTime, total } = await changes.list(indexQuery(current.kind, changes, current.from, offset));
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
async function discover(round: Round): Promise<void> {
  const { state, changes } = round;
  const kinds: IndexKind[] = changes.order === 'date' ? ['id'] : ['modified', 'id'];
  for (const kind of kinds) await firstPage(round, kind);
  const walkTurn = state.walks.length > 0 && state.polls % 2 === 1 && round.pending.size < PENDING_SIZE - PAGE;
  if (walkTurn) await walkPage(round);
  else await firstPage(round, 'date');
}

/** Full posts of `ids`, with the same status and filters: an ID no longer matching is left out. */
async function fetchPosts(ids: number[], changes: PostChanges) {
  return changes.list({
    ...changes.filters,
    ...POST_QUERY,
    include: ids.join(','),
    per_page: ids.length,
    orderby: 'include',
    ignore_sticky: true,
  });
}

/** Fetches and records this poll's batch; returns the renders made. */
async function deliver(round: Round, batch: number): Promise<Map<string, PostOutput>> {
  const { state, changes, known, pending } = round;
  const fresh = new Map<string, PostOutput>();
  const ids = [...pending].slice(0, batch);
  if (!ids.length) return fresh;
  const fetched = await fetchPosts(ids, changes);
  round.serverTime = fetched.serverTime;
  ids.forEach((id) => pending.delete(id));
  for (const post of fetched.posts) {
    const key = itemKey(changes.order, post.id, post.modified_gmt);
    if (known.has(key)) continue;
    known.add(key);
    const ref = changes.includeProtected || !changes.isProtected(post) ? renderRef(post) : null;
    const sort = sortDate(changes.order, post);
    state.delivered.push({ key, ref, at: round.serverTime, poll: state.polls, sort });
    if (ref) fresh.set(ref, changes.render(post));
  }
  return fresh;
}

function newRound(state: PollState, changes: PostChanges): Round {
  return {
    state,
    changes,
    known: new Set(state.delivered.map((item) => item.key)),
    pending: new Set(state.pending),
    totals: {},
    serverTime: 0,
    requests: 0,
  };
}

async function save(z: ZObject, key: string, round: Round): Promise<void> {
  round.state.pending = [...round.pending];
  round.state.delivered = keep(round.state.delivered, round.serverTime);
  await cacheSet(z, key, round.state, KNOWN_SECONDS);
}

/** Posts a poll returns: the two last batches delivered (this poll's first), newest first. */
const windowSize = (changes: PostChanges) => 2 * Math.min(changes.limit, BATCH);

/**
 * A poll from what the cache keeps: no posts when nothing is kept (the caller runs the full poll,
 * then `startChanges` where the cache works).
 */
export async function pollChanges(
  z: ZObject,
  bundle: Bundle,
  changes: PostChanges,
): Promise<{ posts?: PostOutput[]; cacheWorks: boolean }> {
  const keys = pollKeys(bundle, changes);
  const { value: state, available } = await cacheRead<PollState>(z, keys?.state, isPollState);
  if (!keys || !state) return { cacheWorks: available };
  state.polls += 1;
  const round = newRound(state, changes);
  await discover(round);
  const size = windowSize(changes);
  const fresh = await deliver(round, room(state, round.serverTime, Math.min(changes.limit, BATCH), size));
  await Promise.all([...fresh].map(([ref, output]) => cacheSet(z, keys.render(ref), output, RENDER_SECONDS)));
  const window = await windowOf(z, state, round.serverTime, size, keys.render, fresh);
  // Renders lost from the cache are fetched again (the post is still delivered: its key stays).
  window.missing.forEach((id) => round.pending.add(id));
  await save(z, keys.state, round);
  return { posts: window.posts, cacheWorks: true };
}

/** Reads every index to its end (within `DRAIN_REQUESTS`): what a Zap turned on or a lost state needs. */
async function drain(round: Round): Promise<void> {
  const kinds: IndexKind[] = round.changes.order === 'date' ? ['id', 'date'] : ['modified', 'id', 'date'];
  for (const kind of kinds) await firstPage(round, kind);
  while (round.state.walks.length && round.requests < DRAIN_REQUESTS) await walkPage(round);
}

/** Rows of one index with a fixed bound, every page (within `DRAIN_REQUESTS`). */
async function readAll(round: Round, kind: IndexKind, from: number, modifiedToo: boolean): Promise<IndexRow[]> {
  const rows: IndexRow[] = [];
  for (let page = 1; round.requests < DRAIN_REQUESTS; page++) {
    const query = { ...indexQuery(kind, round.changes, from, 0, modifiedToo), page };
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
async function lastDay(round: Round, now: number, modifiedToo: boolean): Promise<IndexRow[]> {
  const kinds: IndexKind[] = round.changes.order === 'date' ? ['id', 'date'] : ['id', 'date', 'modified'];
  const rows: IndexRow[] = [];
  for (const kind of kinds) rows.push(...(await readAll(round, kind, now - DAY_SECONDS, modifiedToo)));
  return rows;
}

function newState(serverTime: number): PollState {
  return {
    v: 2,
    idTop: 0,
    after: { date: serverTime, modified: serverTime },
    since: serverTime,
    polls: 0,
    pending: [],
    walks: [],
    delivered: [],
  };
}

/**
 * Starts keeping track after a full poll: what it returned counts as delivered (the recent ones are
 * returned again for the day, for other Zaps). After a lost state (`recover`), everything that
 * became visible in the last day waits to be delivered again: Zapier drops what a Zap has seen.
 * `outputs` are the poll's posts as it returns them (password-protected ones left out).
 */
export async function startChanges(
  z: ZObject,
  bundle: Bundle,
  changes: PostChanges,
  full: { posts: WPPost[]; serverTime: number; outputs: Map<number, PostOutput> },
  { recover }: { recover: boolean },
): Promise<PollState | undefined> {
  const keys = pollKeys(bundle, changes);
  if (!keys) return undefined;
  const state = newState(full.serverTime);
  const round = newRound(state, changes);
  try {
    const top = await changes.list(indexQuery('id', changes, 0, 0));
    state.idTop = (top.posts[0] as IndexRow | undefined)?.id ?? 0;
    if (recover) addPending(round, await lastDay(round, full.serverTime, false));
  } catch {
    // The poll has its posts; without a baseline of IDs the next poll is a full one again.
    return undefined;
  }
  const renders: Array<[string, PostOutput]> = [];
  for (const post of full.posts) {
    const output = full.outputs.get(post.id);
    const sort = sortDate(changes.order, post);
    // Only posts of the last day are returned again: older ones were in every Zap's polls already.
    const ref = output && sort >= full.serverTime - WINDOW_SECONDS ? renderRef(post) : null;
    state.delivered.push({
      key: itemKey(changes.order, post.id, post.modified_gmt),
      ref,
      at: full.serverTime,
      poll: 0,
      sort,
    });
    round.pending.delete(post.id);
    if (ref && output) renders.push([ref, output]);
  }
  round.serverTime = full.serverTime;
  await Promise.all(renders.map(([ref, output]) => cacheSet(z, keys.render(ref), output, RENDER_SECONDS)));
  await save(z, keys.state, round);
  return state;
}

const stubOf = (id: number, modifiedGmt: string | null | undefined): PostStub => ({
  id,
  post_id: id,
  modified_gmt: gmtToIso(modifiedGmt) ?? null,
});

/** `id,modified_gmt` of posts by ID (what New or Updated Post's dedupe needs), 100 per request. */
async function modifiedOf(round: Round, ids: number[]): Promise<IndexRow[]> {
  const rows: IndexRow[] = [];
  for (let i = 0; i < ids.length && round.requests < DRAIN_REQUESTS; i += PAGE) {
    const part = ids.slice(i, i + PAGE);
    const answer = await round.changes.list({
      ...round.changes.filters,
      include: part.join(','),
      per_page: part.length,
      _fields: 'id,modified_gmt',
      ignore_sticky: true,
    });
    round.requests += 1;
    rows.push(...(answer.posts as IndexRow[]));
  }
  return rows;
}

/**
 * A Zap being turned on (`isPopulatingDedupe`): besides the full poll's posts, the ids of everything
 * a later poll of this Zap could return as new, so that none of it fires: what another Zap's state
 * still has to deliver (read to the end of every index), what it delivered in the last day, and what
 * a lost state would deliver again. Without a kept state, the full poll's posts start one.
 */
export async function turnOnChanges(
  z: ZObject,
  bundle: Bundle,
  changes: PostChanges,
  full: { posts: WPPost[]; serverTime: number; outputs: Map<number, PostOutput> },
): Promise<PostStub[]> {
  const keys = pollKeys(bundle, changes);
  if (!keys) return [];
  const kept = await cacheGet<PollState>(z, keys.state, isPollState);
  const state = kept ?? (await startChanges(z, bundle, changes, full, { recover: false }));
  if (!state) return [];
  const round = newRound(state, changes);
  round.serverTime = full.serverTime;
  if (kept) {
    await drain(round);
    await save(z, keys.state, round);
  }
  const modifiedToo = changes.order === 'modified';
  const rows = await lastDay(round, full.serverTime, modifiedToo);
  const waiting = [...round.pending];
  rows.push(...(modifiedToo ? await modifiedOf(round, waiting) : waiting.map((id) => ({ id }))));
  const stubs = rows.map((row) => stubOf(row.id, row.modified_gmt));
  for (const item of state.delivered) {
    if (!item.ref || item.at < full.serverTime - WINDOW_SECONDS) continue;
    const [id, modified] = item.ref.split('@');
    stubs.push(stubOf(Number.parseInt(id, 10), modified));
  }
  return stubs;
}
