// A backlog walk: reading, over as many polls as it takes, a WordPress list that had more rows than
// one page (100) when a poll looked, newest first, without skipping a row while the list changes.
// Not tied to posts: any trigger whose list sorts by one key, newest first, can keep a `Walk`.
//
// Pages are read by `offset`, placed from the end of the list rather than from its top: new rows
// arrive at the top (a new ID, a new edit), which moves every position counted from the top, but
// not the number of rows below the last row read. So a walk keeps `below` (rows after the last row
// read, as the last answer's `X-WP-Total` counted them), asks from `total - below` (the freshest total
// at hand), and starts a few rows early (`MARGIN`). A page that does not start at or above the last
// row read (rows joined the list below it: an old draft published) may have skipped rows: it is not
// taken, and the walk steps back a page.

/** WordPress's largest `per_page`. */
export const PAGE = 100;
/** Rows read again at the start of each page, for rows that left the list since the last page. */
export const MARGIN = 3;

export interface Walk {
  /** Rows after the last row read, when it was read. */
  below: number;
  /** The sort key of the last row read (an ID, or a date in epoch seconds): pages go down from it. */
  anchor: number;
  /** `X-WP-Total` of the last answer. */
  total: number;
}

export const isWalk = (value: Partial<Walk> | undefined): value is Walk =>
  typeof value?.below === 'number' && typeof value.anchor === 'number' && typeof value.total === 'number';

/** Starts a walk below the last row of a full first page (`rows` newest first, `total` its header). */
export function walkFrom(lastKey: number, rowsRead: number, total: number): Walk {
  return { below: Math.max(0, total - rowsRead), anchor: lastKey, total };
}

/** A walk from the top of a list not read yet (its first page is the walk's first). */
export function fromTheTop(): Walk {
  return { below: 0, anchor: Number.MAX_SAFE_INTEGER, total: 0 };
}

/** Where the next page starts; `total` is a fresher count of the same list, when one is at hand. */
export function walkOffset(walk: Walk, total = walk.total): number {
  return Math.max(0, total - walk.below - MARGIN);
}

/**
 * Reads one answer of a walk: the rows it may take (newest first) and the walk after them, or
 * `undefined` when the list is read to its end.
 */
export function walkStep<Row>(
  walk: Walk,
  offset: number,
  page: { rows: Row[]; total: number },
  keyOf: (row: Row) => number,
): { rows: Row[]; next?: Walk } {
  const { rows, total } = page;
  const first = rows[0];
  // Rows left the list above the walk since it looked: this page may start below rows not yet read.
  if (offset > 0 && (first === undefined || keyOf(first) < walk.anchor)) {
    return { rows: [], next: { ...walk, below: Math.min(total, walk.below + PAGE), total } };
  }
  const last = rows[rows.length - 1];
  if (last === undefined) return { rows };
  // Rows arrived at the top since the walk counted: the whole page was read before. The rows below
  // the walk have not moved, so the next page, placed with this total, starts at the right one.
  if (keyOf(last) > walk.anchor) return { rows: [], next: { ...walk, total } };
  const below = total - (offset + rows.length);
  const next = rows.length < PAGE || below <= 0 ? undefined : { below, anchor: keyOf(last), total };
  return { rows, next };
}
