// The date index looks back 6 hours (a scheduled post may go live late), so without more it returns
// every post dated in those hours on every poll, known or not: 70 to 100 bytes each, on an idle poll
// too. So each poll leaves out (`exclude=`) the posts the date index returned before: what it returns
// is only what became visible since, and an idle poll's bytes stay the same however busy the day.
//
// Left out by ID, a post stays out even if it changes. Every change but one shows elsewhere: an edit
// or a republish through the editor stamps `modified` (New or Updated Post's change index), and New
// Post fires once per ID anyway. The one that does not: a post taken back to scheduled and published
// again by WP-Cron, which keeps `modified` (New or Updated Post must fire it). It must first leave the
// list, and a poll sees that: the ID index's `X-WP-Total` grows by less than the posts that arrived.
// Then the list of posts left out starts again from the next poll's rows, which do not hold it.
import type { PollState } from './poll_state';

/** At most this many IDs left out: 400 seven-digit IDs keep the URL under 4 KB (servers allow 8 KB). */
export const EXCLUDE_SIZE = 400;

/**
 * Where rows stop matching `after` in any zone: WordPress compares local dates with `from` converted
 * to the site's current zone, which may have moved west since the last post was saved (the rows saved
 * before such a move keep matching for hours). UTC−12 is the westernmost offset; a row kept longer
 * than needed only lengthens the URL.
 */
const floorOf = (from: number) => from - 12 * 3600;

/** The IDs the date index leaves out, when it looks from `from` (UTC epoch seconds). */
export function excludedIds(state: PollState, from: number): number[] {
  const floor = floorOf(from);
  return (state.dated ?? []).filter(([, local]) => local > floor).map(([id]) => id);
}

/** What a poll found before its date index answered, for telling whether a post left the list. */
export interface Arrivals {
  /** The ID index's `X-WP-Total` at the last poll that asked the date index, if any. */
  before?: number;
  /** Posts this poll found visible that were not before: new IDs, publications (not edits). */
  ids: Set<number>;
}

/**
 * Notes the posts a first page found newly visible: all of an ID or date index's fresh rows, and
 * the change index's rows of posts not delivered before (an edit of a delivered post is no arrival).
 */
export function noteArrivals(arrivals: Arrivals, rows: Array<{ id: number }>, knownIds?: Set<number>) {
  rows.filter((row) => !knownIds?.has(row.id)).forEach((row) => arrivals.ids.add(row.id));
}

/**
 * After the date index's first page: its rows join the posts left out, unless a post may have left
 * the list since the last look (the ID index counts fewer than the last count and the arrivals, a
 * burst is being walked, or nothing to compare with): then the list starts again from these rows.
 */
export function recordDated(
  state: PollState,
  from: number,
  rows: Array<{ id: number; local: number }>,
  arrivals: Arrivals,
  idTotal: number | undefined,
): void {
  const { before } = arrivals;
  const left = before === undefined || idTotal === undefined || state.walks.length > 0;
  const departed = left || idTotal < before + arrivals.ids.size;
  const kept = new Map(departed ? [] : (state.dated ?? []));
  for (const row of rows) kept.set(row.id, row.local);
  const floor = floorOf(from);
  state.dated = [...kept]
    .filter(([, local]) => local > floor)
    .sort((a, b) => b[1] - a[1])
    .slice(0, EXCLUDE_SIZE);
  if (idTotal !== undefined) state.idTotal = idTotal;
}
