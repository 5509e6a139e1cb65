// A walk down a list newest first, over several requests, while rows arrive at the top and leave.
import { MARGIN, PAGE, fromTheTop, walkFrom, walkOffset, walkStep } from '../../../src/triggers/backlog';

/** A list of IDs newest first, paged as WordPress pages it (`offset`, 100 a page). */
const page = (list: number[], offset: number) => ({ rows: list.slice(offset, offset + PAGE), total: list.length });
const desc = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);
const key = (id: number) => id;

/** Reads `list` to its end with a walk, letting `change` alter the list between pages. */
function readAll(initial: number[], change: (list: number[], step: number) => number[], fresh = false): number[] {
  let list = initial;
  const first = page(list, 0);
  const read = [...first.rows];
  let walk = walkFrom(first.rows[first.rows.length - 1], first.rows.length, first.total);
  for (let step = 0; step < 80; step++) {
    list = change(list, step);
    const offset = walkOffset(walk, fresh ? list.length : undefined);
    const next = walkStep(walk, offset, page(list, offset), key);
    read.push(...next.rows);
    if (!next.next) break;
    walk = next.next;
  }
  return read;
}

describe('backlog walk', () => {
  it('reads a list of 1 000 to its end, each row at least once, a few read again', () => {
    const list = desc(2000, 1001);
    const read = readAll(list, (l) => l);
    expect(new Set(read)).toEqual(new Set(list));
    expect(read.length).toBeLessThanOrEqual(list.length + 10 * MARGIN);
  });

  // With only the last total, a page placed too high is spent on counting again: the walk moves on
  // while fewer than a page of rows arrive between two of its pages.
  it.each([
    ['a fresh total (the ID index: its first page, in the same poll)', true, 150],
    ['only the last total (a dated index)', false, 60],
  ])('skips nothing while new rows arrive at the top before every page, with %s', (_, fresh, arriving) => {
    const list = desc(2000, 1001);
    let top = 2000;
    const read = readAll(
      list,
      (l) => {
        const added = desc(top + arriving, top + 1);
        top += arriving;
        return [...added, ...l];
      },
      fresh,
    );
    for (const id of list) expect(read).toContain(id);
  });

  it('skips nothing while rows above the walk are deleted (fewer than the margin per page)', () => {
    const list = desc(2000, 1001);
    const read = readAll(list, (l, step) => l.filter((id) => id !== 2000 - step && id !== 1990 - step));
    const deleted = new Set(Array.from({ length: 20 }, (_, s) => [2000 - s, 1990 - s]).flat());
    for (const id of list) if (!deleted.has(id)) expect(read).toContain(id);
  });

  it('steps back, taking nothing, when rows joined the list below the last row read', () => {
    const list = desc(2000, 1001);
    let walk = walkFrom(1901, 100, 1000);
    // 150 old rows (published drafts) joined below 1901: the page at the old place starts too low.
    const joined = [...list, ...Array.from({ length: 150 }, (_, i) => 1500.5 - i)].sort((a, b) => b - a);
    let offset = walkOffset(walk, joined.length);
    let step = walkStep(walk, offset, page(joined, offset), key);
    expect(step.rows).toEqual([]);
    expect(step.next?.below).toBe(900 + PAGE);
    while (step.rows.length === 0 && step.next) {
      walk = step.next;
      offset = walkOffset(walk, joined.length);
      step = walkStep(walk, offset, page(joined, offset), key);
    }
    expect(step.rows[0]).toBeGreaterThanOrEqual(1901);
    expect(step.rows).toContain(1900);
  });

  it('a walk from the top starts at the first row', () => {
    const walk = fromTheTop();
    expect(walkOffset(walk)).toBe(0);
    const step = walkStep(walk, 0, page(desc(150, 1), 0), key);
    expect(step.rows).toHaveLength(PAGE);
    expect(step.next).toMatchObject({ below: 50, anchor: 51 });
  });

  it('ends at a short page', () => {
    const step = walkStep(walkFrom(60, 100, 120), 57, page(desc(120, 1), 57), key);
    expect(step.rows).toHaveLength(63);
    expect(step.next).toBeUndefined();
  });
});
