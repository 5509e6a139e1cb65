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
import { cacheGet, cacheRead, cacheSet } from '../connection/cache';
import { feedSeqSeen } from '../connection/companion';
import { POST_QUERY, PostOutput, WPPost } from '../wordpress/post';
import { gmtToIso } from '../wordpress/text';
import { PAGE } from './backlog';
import {
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
import {
  DRAIN_MS,
  DRAIN_REQUESTS,
  IndexRow,
  PostChanges,
  PostPollOrder,
  Round,
  addPending,
  discover,
  drain,
  epoch,
  indexQuery,
  itemKey,
  lastDay,
  newRound,
} from './post_indexes';
import { discoverFromFeed, drainFeed, startFeed } from './post_feed';

export { changeId } from './post_indexes';
export type { ListPosts, PostChanges, PostPollOrder } from './post_indexes';

/**
 * New posts a poll delivers at most. Zapier holds a poll's runs for the user to confirm from 100 new
 * items on (flood protection), and the window returns two batches: 90 stays below that.
 */
export const BATCH = 45;

/** What a Zap being turned on records of a post it is not shown: Zapier's dedupe needs only the id. */
export type PostStub = Pick<PostOutput, 'id' | 'post_id' | 'modified_gmt'>;

/** `X-WP-Total`: how many posts match, on every page. */
export function totalOf(response: { getHeader: (name: string) => string | undefined }, rows: number): number {
  const total = Number.parseInt(response.getHeader('x-wp-total') ?? '', 10);
  return Number.isNaN(total) ? rows : total;
}

const renderRef = (post: Pick<WPPost, 'id' | 'modified_gmt' | 'status'>) =>
  `${post.id}@${post.modified_gmt ?? ''}@${post.status}`;

function sortDate(order: PostPollOrder, post: Pick<WPPost, 'date_gmt' | 'modified_gmt'>): number {
  return epoch(order === 'modified' ? post.modified_gmt : post.date_gmt);
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
  if (!(await discoverFromFeed(round))) {
    await discover(round);
    startFeed(round, feedSeqSeen(bundle));
  }
  const size = windowSize(changes);
  const fresh = await deliver(round, room(state, round.serverTime, Math.min(changes.limit, BATCH), size));
  await Promise.all([...fresh].map(([ref, output]) => cacheSet(z, keys.render(ref), output, RENDER_SECONDS)));
  const window = await windowOf(z, state, round.serverTime, size, keys.render, fresh);
  // Renders lost from the cache are fetched again (the post is still delivered: its key stays).
  window.missing.forEach((id) => round.pending.add(id));
  await save(z, keys.state, round);
  return { posts: window.posts, cacheWorks: true };
}

function newState(serverTime: number): PollState {
  return {
    v: 2,
    idTop: 0,
    offset: null,
    offsetAt: 0,
    skew: 0,
    after: { date: serverTime, modified: serverTime },
    since: serverTime,
    polls: 0,
    zaps: 0,
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
  // Only a Zap being turned on starts a state knowing who shares it; a lost one may have had many.
  state.zaps = recover && !keys.own ? 0 : 1;
  // The zone posts are saved in now: a later change of it is how a move shows (post_indexes.ts).
  const newest = full.posts[0];
  if (newest) state.offset = epoch(newest.date) - epoch(newest.date_gmt);
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

/**
 * `id,modified_gmt` of posts by ID (what New or Updated Post's dedupe needs), 100 per request: every
 * post waiting, since each would fire later; past `DRAIN_REQUESTS`, only while `DRAIN_MS` lasts.
 */
async function modifiedOf(round: Round, ids: number[]): Promise<IndexRow[]> {
  const rows: IndexRow[] = [];
  const started = Date.now();
  const more = () => round.requests < DRAIN_REQUESTS || Date.now() - started < DRAIN_MS;
  for (let i = 0; i < ids.length && more(); i += PAGE) {
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
    // A Zap's own state turned on again is still one Zap's.
    if (kept.zaps > 0 && !keys.own) kept.zaps += 1;
    if (!(await drainFeed(round))) await drain(round);
    await save(z, keys.state, round);
  }
  const modifiedToo = changes.order === 'modified';
  // The day's posts get their own share of the requests: draining a long backlog must not crowd it out.
  round.requests = 0;
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
