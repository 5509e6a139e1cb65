// New User, New Comment and New Media where the companion plugin runs (wpjz-companion/): the change
// feed names each user registered, comment posted or moderated, and file added, in the order it
// happened, so a poll asks it alone (one small request when nothing happened) and fetches only what
// it names. A comment approved days after it was posted fires then, which no order of IDs shows.
//
// A Zap's own state reads the feed (Zapier names the Zap polling, `meta.zap.id`): a cursor shared by
// two Zaps would give each event to whichever polled first. Without a name, the IDs are polled.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { CompanionEvent, readChanges } from '../connection/companion';
import type { Query } from '../connection/request';
import { epochOf } from '../wordpress/text';

/**
 * Events read again when a poll moves onto the feed: an item saved while the poll's own request
 * ran may be in neither the page read nor after the seq. Their time (at or after the move) keeps out
 * what came before; Zapier's dedupe drops what had fired.
 */
export const SWITCH_OVERLAP = 100;

/** What the ID polls keep of the feed, in their state. */
export interface FeedCursor {
  /** The cursor: the last seq read. Absent while the IDs are polled. */
  feed?: number;
  /** Events before this time (epoch seconds, the site's clock) are no news to this Zap. */
  since?: number;
}

/**
 * Moves a Zap's state onto the feed, from the seq its run first saw: at turning on exactly (what was
 * there then is recorded), at a later poll a little before (the overlap).
 */
export function startFeed(state: FeedCursor, seq: number | undefined, turningOn: boolean): void {
  const now = Math.floor(Date.now() / 1000);
  if (turningOn) {
    delete state.feed;
    if (seq === undefined) return;
    state.feed = seq;
    state.since = now;
  } else if (seq !== undefined && state.feed === undefined) {
    state.feed = Math.max(0, seq - SWITCH_OVERLAP);
    state.since ??= now;
  }
}

/**
 * The items the feed names after the cursor (`limit` events at most), fetched with the trigger's
 * own query and filters; undefined where the IDs must be polled instead (the plugin gone, or events
 * lost to pruning), with the cursor dropped.
 */
export async function readFeedItems<W extends { id: number }>(
  z: ZObject,
  bundle: Bundle,
  state: FeedCursor,
  feed: { events: readonly CompanionEvent[]; list: (query: Query) => Promise<W[]>; limit: number },
): Promise<W[] | undefined> {
  if (state.feed === undefined) return undefined;
  const page = await readChanges(z, bundle, { after: state.feed, types: feed.events, limit: feed.limit });
  if (!page || page.gap) {
    delete state.feed;
    return undefined;
  }
  state.feed = page.next;
  const since = state.since ?? 0;
  const ids = [...new Set(page.events.filter((e) => (epochOf(e.time_gmt) ?? since) >= since).map((e) => e.object_id))];
  if (!ids.length) return [];
  return feed.list({ orderby: 'id', order: 'desc', per_page: ids.length, page: 1, include: ids.join(',') });
}
