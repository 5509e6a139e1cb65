// What New Post and New or Updated Post keep between polls, in Zapier's cache: where each index last
// looked, what was found and not yet fetched, what was delivered (and its render, for other Zaps on
// the same connection). Losing any of it costs a full poll, never a post.
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheGet } from '../connection/cache';
import type { PostOutput } from '../wordpress/post';
import { authDataOf } from '../connection/site';
import { zapOf } from './polling';
import { Walk, isWalk } from './backlog';

/** How long a delivered post is returned again, for Zaps on the same connection polling later. */
export const WINDOW_SECONDS = 24 * 3600;
/** A render outlives the window a little: a poll at its end still finds it. */
export const RENDER_SECONDS = WINDOW_SECONDS + 3600;
/**
 * Zaps on one connection and filters share what is kept, and each sees a delivery only in the
 * window its own poll returns. A poll delivers new posts only while fewer than a window's worth were
 * delivered in this many seconds, so a Zap polling at least this often (Zapier polls every 1 to 15
 * minutes) finds every delivery since its last poll in the window.
 */
export const SHARE_SECONDS = 20 * 60;
/** How long a delivered post is remembered as not new, and how many at most. */
export const KNOWN_SECONDS = 7 * 24 * 3600;
export const KNOWN_SIZE = 2000;
export interface Delivered {
  /** What Zapier dedupes on: the post ID (New Post) or the ID and modified date (New or Updated Post). */
  key: string;
  /** The render kept in the cache (`id@modified`), or null for a post known but not output (password-protected). */
  ref: string | null;
  /** Server time of delivery, epoch seconds. */
  at: number;
  /** The poll that delivered it (`PollState.polls`): two polls may share a second. */
  poll: number;
  /** The trigger's date of the post (epoch seconds): the window returns newest first. */
  sort: number;
}

/** A walk down one index, from the poll that found more rows than one page holds. */
export interface IndexWalk {
  kind: IndexKind;
  /** What bounds the index: the ID below which posts were known (`id`), or the `after` it was asked with. */
  from: number;
  /**
   * For a walk after the site's time zone moved: the UTC offset (seconds) `from` is written in, as
   * site time without a zone, so that it compares with dates saved before the move as they are stored.
   */
  zone?: number;
  /** The change index's `modified_before` (UTC), kept for every page of the walk. */
  until?: number;
  walk: Walk;
}

export type IndexKind = 'id' | 'date' | 'modified';

export interface PollState {
  v: 2;
  /** The highest post ID found: a higher one is new. */
  idTop: number;
  /** The site's UTC offset (seconds) on the most recently saved post seen: a change means its zone moved. */
  offset: number | null;
  /** UTC time (epoch seconds) of the newest save seen in that offset: a move came after it. */
  offsetAt: number;
  /** The server's clock less ours, seconds, at the last answer. */
  skew: number;
  /** Server time (epoch seconds) each dated index last looked from. */
  after: { date: number; modified: number };
  /** Server time of the first poll: nothing saved before it counts as new, whatever the look-back. */
  since: number;
  /** Polls so far. */
  polls: number;
  /**
   * Zaps turned on with this state (a Zap turned off and on counts again); 0 where the state was
   * rebuilt after a loss, when nobody knows. Only one Zap lets a poll deliver a full batch every time.
   */
  zaps: number;
  /** Found and not yet fetched, in the order they go out (what the last poll's first pages found first). */
  pending: number[];
  /** Bursts larger than a page, still being read. */
  walks: IndexWalk[];
  delivered: Delivered[];
  /** Where the companion plugin runs: the change feed's cursor (post_feed.ts); absent on the indexes. */
  feed?: number;
  /**
   * Posts the date index returned, `[id, local date as epoch seconds]`: the next polls leave them out
   * (`exclude`), so an idle poll's bytes do not grow with the posts of the look-back (`dated_rows.ts`).
   */
  dated?: Array<[number, number]>;
  /** `X-WP-Total` of the ID index at the last poll: a drop shows that a post left the list. */
  idTotal?: number;
}

const isPair = (pair: unknown) => Array.isArray(pair) && pair.length === 2 && pair.every((n) => typeof n === 'number');

export const isPollState = (value: Partial<PollState>) =>
  value.v === 2 &&
  typeof value.polls === 'number' &&
  typeof value.zaps === 'number' &&
  typeof value.since === 'number' &&
  typeof value.idTop === 'number' &&
  (value.offset === null || typeof value.offset === 'number') &&
  typeof value.offsetAt === 'number' &&
  typeof value.skew === 'number' &&
  typeof value.after?.date === 'number' &&
  typeof value.after?.modified === 'number' &&
  Array.isArray(value.pending) &&
  Array.isArray(value.walks) &&
  value.walks.every((item: Partial<IndexWalk>) => isWalk(item?.walk)) &&
  Array.isArray(value.delivered) &&
  (value.feed === undefined || typeof value.feed === 'number') &&
  (value.dated === undefined || (Array.isArray(value.dated) && value.dated.every(isPair))) &&
  (value.idTotal === undefined || typeof value.idTotal === 'number');

/** The cache keys: one per site, user, trigger, post type and filters; renders per site, user and version. */
export function pollKeys(
  bundle: Bundle,
  poll: { order: string; postType: string; filters: Record<string, unknown>; includeProtected: boolean },
) {
  const auth = authDataOf(bundle);
  if (!auth.rest_root) return undefined;
  const who = createHash('sha256')
    .update(JSON.stringify([auth.rest_root, (auth.username ?? '').toLowerCase()]))
    .digest('hex')
    .slice(0, 24);
  const what = createHash('sha256')
    .update(JSON.stringify([poll.order, poll.postType, poll.filters, poll.includeProtected]))
    .digest('hex')
    .slice(0, 24);
  // Where Zapier names the Zap polling, the state is the Zap's own: no other Zap shares its pace.
  const zap = zapOf(bundle);
  const own = zap === undefined ? '' : `:${createHash('sha256').update(zap).digest('hex').slice(0, 24)}`;
  return {
    state: `wp-post-poll:v2:${who}:${what}${own}`,
    render: (ref: string) => `wp-post-render:v1:${who}:${ref}`,
    own: zap !== undefined,
  };
}

/**
 * What is returned: the last `limit` delivered in the last day (this poll's first), newest first by
 * the trigger's date.
 */
export async function windowOf(
  z: ZObject,
  state: PollState,
  now: number,
  limit: number,
  renderKey: (ref: string) => string,
  fresh: Map<string, PostOutput>,
): Promise<{ posts: PostOutput[]; missing: number[] }> {
  // One version per post, its latest: a Zap turned on later saw only that one in its first poll.
  const latest = new Map<number, Delivered & { ref: string }>();
  for (const item of state.delivered) {
    if (!isShown(item) || item.at < now - WINDOW_SECONDS) continue;
    const id = Number.parseInt(item.ref, 10);
    const seen = latest.get(id);
    if (!seen || item.poll > seen.poll || (item.poll === seen.poll && item.sort >= seen.sort)) latest.set(id, item);
  }
  const recent = [...latest.values()]
    .sort((a, b) => b.poll - a.poll || b.sort - a.sort)
    .slice(0, limit)
    .sort((a, b) => b.sort - a.sort || Number.parseInt(b.ref, 10) - Number.parseInt(a.ref, 10));
  const renders = await Promise.all(
    recent.map(
      async (item) =>
        fresh.get(item.ref) ??
        (await cacheGet<PostOutput>(z, renderKey(item.ref), (value) => typeof value.post_id === 'number')),
    ),
  );
  const missing: number[] = [];
  const posts: PostOutput[] = [];
  renders.forEach((render, i) => {
    if (render) posts.push(render);
    else {
      missing.push(Number.parseInt(recent[i].ref, 10));
      // Forgotten, so that the fetch delivers it again rather than skipping it as known.
      recent[i].key = '';
    }
  });
  state.delivered = state.delivered.filter((item) => item.key !== '');
  return { posts, missing };
}

/**
 * How many posts this poll may deliver: `batch` at most and, where more than one Zap may share the
 * state, no more than the window (`size`) holds in `SHARE_SECONDS`.
 */
export function room(state: PollState, now: number, batch: number, size: number): number {
  if (state.zaps === 1) return batch;
  const recent = state.delivered.filter((item) => item.poll > 0 && item.ref !== null && item.at > now - SHARE_SECONDS);
  return Math.max(0, Math.min(batch, size - recent.length));
}

const isShown = (item: Delivered): item is Delivered & { ref: string } => item.ref !== null;

/** What stays known: a week at most; past the window only the key, which keeps the state small. */
export function keep(delivered: Delivered[], now: number): Delivered[] {
  return delivered
    .filter((item) => item.at >= now - KNOWN_SECONDS)
    .slice(-KNOWN_SIZE)
    .map((item) => (item.ref !== null && item.at < now - RENDER_SECONDS ? { ...item, ref: null } : item));
}
