// New Post and New or Updated Post where the companion plugin runs (wpjz-companion/): its change feed
// names every post that became visible or was edited, in the order it happened, so a poll asks it
// alone (one request when nothing happened) instead of the three indexes of post_indexes.ts, and no
// clock, time zone or burst can hide an event from it. What it names waits in `pending` and goes out
// as the indexes' finds do (post_changes.ts).
//
// The feed records published posts only: a poll on another status keeps to the indexes. A poll moves
// onto the feed when an index answer carries the plugin's latest seq (every core REST answer does),
// and back to the indexes when the plugin is gone or the feed lost events (a cursor older than the
// week it keeps); the index cursors follow the feed, so that either way nothing is skipped.
import type { CompanionEvent, FeedEvent } from '../connection/companion';
import { DRAIN_REQUESTS, PostChanges, PostPollOrder, Round, epoch } from './post_indexes';

/**
 * Events read again when a poll moves onto the feed: the latest seq came with the poll's first
 * answer, and an edit saved during that request could be in neither. Posts already delivered are
 * known and not delivered again.
 */
export const SWITCH_OVERLAP = 100;

/** Posts waiting at most before the feed is read further: two polls' worth, in one feed page. */
export const FEED_ROOM = 100;

/** Feed requests one poll makes at most: with the fetch, within New Post's three. */
const FEED_REQUESTS = 2;

/** Events read per request when a Zap is turned on (the plugin answers 500 at most). */
const DRAIN_PAGE = 500;

export function feedTypes(order: PostPollOrder): CompanionEvent[] {
  return order === 'date' ? ['post.published'] : ['post.published', 'post.updated'];
}

/** The plugin records published posts only. */
export const feedServes = (changes: PostChanges): boolean =>
  changes.readFeed !== undefined && changes.filters.status === 'publish';

/**
 * Moves the poll onto the feed, from a little before the seq the poll's first answer carried, once
 * no walk down an index is under way (the feed does not know what a walk has still to read).
 */
export function startFeed(round: Round, seq: number | undefined): void {
  const { state, changes } = round;
  if (seq === undefined || state.feed !== undefined || state.walks.length || !feedServes(changes)) return;
  state.feed = Math.max(0, seq - SWITCH_OVERLAP);
}

/** Adds what the events name to `pending`; the posts fetched with the poll's filters decide the rest. */
function take(round: Round, events: FeedEvent[]): void {
  const { state, changes, known } = round;
  for (const event of events) {
    // Before the Zap's first poll: it existed when the Zap was turned on.
    if (event.subtype !== changes.postType || epoch(event.time_gmt) < state.since) continue;
    if (event.event === 'post.published') state.idTop = Math.max(state.idTop, event.object_id);
    // New Post knows a post by its ID: one delivered is never fetched again.
    if (changes.order === 'date' && known.has(String(event.object_id))) continue;
    round.pending.add(event.object_id);
  }
}

/**
 * Discovers through the feed; false where the indexes must run this poll instead (no feed, the
 * plugin gone, events lost), having dropped the feed from the state.
 */
export async function discoverFromFeed(round: Round): Promise<boolean> {
  if (!readsFeed(round)) return false;
  // A second page while room is left: other post types' events may fill the first.
  for (let asked = 0, more = true; more && asked < FEED_REQUESTS; asked++) {
    const room = FEED_ROOM - round.pending.size;
    // A burst still waiting: this poll delivers from it, and asks nothing more.
    if (room <= 0) {
      round.serverTime ||= Math.floor(Date.now() / 1000) + round.state.skew;
      return true;
    }
    const read = await readPage(round, room);
    if (read === undefined) return false;
    more = read;
  }
  return true;
}

/**
 * A Zap being turned on: everything the feed holds after the cursor, so that none of it fires on
 * the new Zap. False where the state reads no feed (the indexes are drained instead).
 */
export async function drainFeed(round: Round): Promise<boolean> {
  if (!readsFeed(round)) return false;
  for (let more = true; more && round.requests < DRAIN_REQUESTS;) {
    const read = await readPage(round, DRAIN_PAGE);
    if (read === undefined) return false;
    more = read;
  }
  return true;
}

const readsFeed = ({ state, changes }: Round) => state.feed !== undefined && feedServes(changes);

/**
 * One page of the feed into `pending`: whether more events wait, or undefined where the feed is
 * no more to be read (the plugin gone, or events lost), with the cursor dropped.
 */
async function readPage(round: Round, limit: number): Promise<boolean | undefined> {
  const { state, changes } = round;
  const page = await changes.readFeed?.(state.feed ?? 0, feedTypes(changes.order), limit);
  round.requests += 1;
  if (!page || page.gap) {
    delete state.feed;
    return undefined;
  }
  take(round, page.events);
  advance(round, page.next, page.serverTime);
  return page.more;
}

/** The index cursors follow the feed: a poll back on the indexes starts where the feed stopped. */
function advance(round: Round, next: number, serverTime: number): void {
  const { state } = round;
  state.feed = next;
  state.after = { date: serverTime, modified: serverTime };
  state.skew = serverTime - Math.floor(Date.now() / 1000);
  round.serverTime = serverTime;
}
