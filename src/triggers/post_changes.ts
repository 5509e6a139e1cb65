// What New Post and New or Updated Post ask WordPress once a connection has polled before: small
// indexes of post IDs and dates first, then the full posts (with their embeds) of only those that
// are new. The newest 50 posts are rendered once, not on every poll of every Zap.
//
// A post becomes visible in ways no single WordPress ordering shows (docs/wordpress.md, "Posts
// becoming visible"):
// - a new post, or a post inserted with a past date (an RSS item): only its ID is new;
// - a scheduled post going live: only its date is recent (WordPress does not touch `modified`);
// - an old draft published, any edit: only `modified` is recent;
// - after the site's time zone changes, local dates (which WordPress sorts by) jump, IDs do not.
// So each trigger keeps three indexes: the top IDs, posts dated since the last look and posts
// modified since then. `after` and `modified_after` are sent in UTC, and WordPress converts them to
// the site's current time zone, the one it stores new dates in: a time-zone change moves old posts
// only.
//
// What is kept (Zapier's cache, per site, user, trigger and filters) is never the only record:
// a lost or expired entry makes the caller run the full poll again. Every poll returns every post
// delivered in the last day, from the cache, so that two Zaps on the same connection and filters
// (one posting to X, one to Facebook) both see each post whichever polled first; Zapier's dedupe
// drops what a Zap has already seen. Two polls writing at once can only lose a discovery, and the
// next poll finds it again: cursors move only with what was looked at.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheGet, cacheRead, cacheSet } from '../cache';
import { POST_QUERY, PostOutput, WPPost } from '../post';
import { gmtToIso } from '../text';
import { MAX_PER_PAGE } from './polling';
import {
  KNOWN_SECONDS,
  PollState,
  RENDER_SECONDS,
  WINDOW_SECONDS,
  isPollState,
  keep,
  pollKeys,
  windowOf,
} from './poll_state';

/** Which date orders a poll: publication (New Post) or last change (New or Updated Post). */
export type PostPollOrder = 'date' | 'modified';

type IndexKind = 'id' | 'date' | 'modified';

/**
 * Every poll asks the first index; the others take turns with fetching, which always goes first:
 * a post found by a turn is delivered on the next poll. Two requests per poll at most.
 */
const INDEXES: Record<PostPollOrder, { first: IndexKind; turns: IndexKind[] }> = {
  date: { first: 'id', turns: ['date'] },
  modified: { first: 'modified', turns: ['id', 'date'] },
};

/**
 * How far back each dated index looks before its last look. WordPress publishes a scheduled post
 * when WP-Cron next runs (on the next page view, or a system cron every few minutes), keeping the
 * scheduled date: six hours covers a quiet site. A save stamps `modified` a moment before it
 * commits: ten minutes covers that and a web server whose clock differs from the database's.
 */
const LOOK_BACK_SECONDS: Record<'date' | 'modified', number> = { date: 6 * 3600, modified: 600 };

/** At least every this many polls, a turn of the other indexes runs instead of a fetch. */
const TURN_EVERY = 3;

/** Found but not yet fetched, beyond one fetch: a burst (an import) is delivered over several polls. */
const PENDING_SIZE = 500;

/** One request against the type's collection: the posts and the server's clock when it answered. */
export type ListPosts = (query: Record<string, string | number | boolean | undefined>) => Promise<{
  posts: WPPost[];
  serverTime: number;
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

const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const renderRef = (post: Pick<WPPost, 'id' | 'modified_gmt' | 'status'>) =>
  `${post.id}@${post.modified_gmt ?? ''}@${post.status}`;

function sortDate(order: PostPollOrder, post: Pick<WPPost, 'date_gmt' | 'modified_gmt'>): number {
  return epoch(order === 'modified' ? post.modified_gmt : post.date_gmt);
}

interface IndexRow {
  id: number;
  date_gmt?: string;
  modified_gmt?: string;
}

/** Runs one index: returns the IDs it found new and updates the state's cursor for it. */
async function runIndex(kind: IndexKind, state: PollState, changes: PostChanges, known: Set<string>) {
  const query: Record<string, string | number | boolean | undefined> = {
    ...changes.filters,
    per_page: MAX_PER_PAGE,
    page: 1,
    order: 'desc',
    // WordPress 6.8+ would otherwise put sticky posts first; 6.1 ignores the argument.
    ignore_sticky: true,
  };
  const from = kind === 'id' ? 0 : Math.max(state.after[kind] - LOOK_BACK_SECONDS[kind], state.since);
  if (kind === 'id') Object.assign(query, { orderby: 'id', _fields: 'id' });
  if (kind === 'date') {
    // New Post's items are IDs; New or Updated Post's need the modified date too.
    const fields = changes.order === 'date' ? 'id,date_gmt' : 'id,date_gmt,modified_gmt';
    Object.assign(query, { orderby: 'date', after: isoSeconds(from), _fields: fields });
  }
  if (kind === 'modified') {
    Object.assign(query, { orderby: 'modified', modified_after: isoSeconds(from), _fields: 'id,modified_gmt' });
  }
  const { posts, serverTime } = await changes.list(query);
  // WordPress compares local times: after the site's time zone moved west, posts saved before the
  // move match too. Their UTC dates tell them apart.
  const rows = (posts as IndexRow[]).filter(
    (row) => kind === 'id' || epoch(kind === 'date' ? row.date_gmt : row.modified_gmt) >= from,
  );
  if (kind === 'id') {
    const before = new Set(state.ids);
    const floor = state.ids.length ? Math.min(...state.ids) : -Infinity;
    const ids = rows.map((row) => row.id);
    const knownIds = new Set([...known].map((key) => Number.parseInt(key, 10)));
    // Every post matching the filters is gone: a deleted category, tag or author is the likely cause.
    if (!ids.length && state.ids.length) await changes.noneLeft?.();
    state.ids = ids;
    // A post that only moved into the top IDs (another was deleted) is older than the old floor.
    return { serverTime, found: ids.filter((id) => !before.has(id) && id > floor && !knownIds.has(id)) };
  }
  state.after[kind] = serverTime;
  const found = rows.filter((row) => !known.has(itemKey(changes.order, row.id, row.modified_gmt))).map((row) => row.id);
  return { serverTime, found };
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
  const known = new Set(state.delivered.map((item) => item.key));
  state.polls += 1;
  const { first, turns } = INDEXES[changes.order];
  const firstLook = await runIndex(first, state, changes, known);
  const pending = new Set([...state.pending, ...firstLook.found]);
  const fresh = new Map<string, PostOutput>();
  let serverTime = firstLook.serverTime;
  // Fetching goes first, unless the other indexes have waited three polls (a site with new posts on
  // every poll would otherwise never look for a scheduled post going live).
  if (pending.size && state.polls - state.lastTurn < TURN_EVERY) {
    // No more than a poll returns: what is delivered now must all be in this poll's answer.
    const batch = [...pending].slice(0, Math.min(MAX_PER_PAGE, changes.limit));
    const fetched = await fetchPosts(batch, changes);
    serverTime = fetched.serverTime;
    batch.forEach((id) => pending.delete(id));
    for (const post of fetched.posts) {
      const key = itemKey(changes.order, post.id, post.modified_gmt);
      if (known.has(key)) continue;
      known.add(key);
      const shown = changes.includeProtected || !changes.isProtected(post);
      const ref = shown ? renderRef(post) : null;
      state.delivered.push({ key, ref, at: serverTime, poll: state.polls, sort: sortDate(changes.order, post) });
      if (ref) fresh.set(ref, changes.render(post));
    }
    await Promise.all([...fresh].map(([ref, output]) => cacheSet(z, keys.render(ref), output, RENDER_SECONDS)));
  } else {
    const kind = turns[state.turn % turns.length];
    state.turn = (state.turn + 1) % turns.length;
    state.lastTurn = state.polls;
    (await runIndex(kind, state, changes, known)).found.forEach((id) => pending.add(id));
  }
  state.pending = [...pending].slice(0, PENDING_SIZE);
  const window = await windowOf(z, state, serverTime, changes.limit, keys.render, fresh);
  // Renders lost from the cache are fetched again (the post is still delivered: its key stays).
  window.missing.forEach((id) => {
    if (!state.pending.includes(id)) state.pending.push(id);
  });
  state.delivered = keep(state.delivered, serverTime);
  await cacheSet(z, keys.state, state, KNOWN_SECONDS);
  return { posts: window.posts, cacheWorks: true };
}

/**
 * Starts keeping track after a full poll: what it returned counts as delivered (the recent ones are
 * returned again for the day, for other Zaps), and the id index is read once for its baseline.
 * `outputs` are the poll's posts as it returns them (password-protected ones left out).
 */
export async function startChanges(
  z: ZObject,
  bundle: Bundle,
  changes: PostChanges,
  full: { posts: WPPost[]; serverTime: number; outputs: Map<number, PostOutput> },
  { mayExist }: { mayExist: boolean },
): Promise<void> {
  const keys = pollKeys(bundle, changes);
  // A Zap being turned on while another Zap polls the same: the other's record stays.
  if (!keys || (mayExist && (await cacheGet<PollState>(z, keys.state, isPollState)))) return;
  const state: PollState = {
    v: 1,
    ids: [],
    after: { date: full.serverTime, modified: full.serverTime },
    since: full.serverTime,
    turn: 0,
    lastTurn: 0,
    polls: 0,
    pending: [],
    delivered: [],
  };
  try {
    await runIndex('id', state, changes, new Set());
  } catch {
    // The poll has its posts; without a baseline of IDs the next poll is a full one again.
    return;
  }
  const renders: Array<[string, PostOutput]> = [];
  for (const post of full.posts) {
    const output = full.outputs.get(post.id);
    const sort = sortDate(changes.order, post);
    // Only posts of the last day are returned again: older ones were in every Zap's polls already.
    const ref = output && sort >= full.serverTime - WINDOW_SECONDS ? renderRef(post) : null;
    const key = itemKey(changes.order, post.id, post.modified_gmt);
    state.delivered.push({ key, ref, at: full.serverTime, poll: 0, sort });
    if (ref && output) renders.push([ref, output]);
  }
  await Promise.all(renders.map(([ref, output]) => cacheSet(z, keys.render(ref), output, RENDER_SECONDS)));
  await cacheSet(z, keys.state, state, KNOWN_SECONDS);
}
