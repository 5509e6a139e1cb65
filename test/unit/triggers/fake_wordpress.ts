// An in-memory WordPress posts collection behind nock, for polling tests that run many polls: it
// answers any list query the post polls send (orderby id, date, modified, include, exclude; after and
// modified_after and modified_before compared in local time as WordPress does; offset, page, per_page, _fields,
// X-WP-Total), with a clock of its own and a site time zone that can move.
import type { WPPost } from '../../../src/wordpress/post';
import { wpPost } from '../fixtures';
import { SITE, wp } from '../helpers';

export interface FakePost {
  id: number;
  status: string;
  categories: number[];
  /** UTC, epoch seconds. */
  date: number;
  modified: number;
  /** The site's UTC offset (seconds) when each date was saved: WordPress stores local times. */
  dateOffset: number;
  modifiedOffset: number;
}

const gmt = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19);

/** A date from a query: with a zone it is converted to the site's current zone, without one it is local. */
function localOf(value: string, offset: number): number {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const seconds = Math.floor(Date.parse(zoned ? value : `${value}Z`) / 1000);
  return zoned ? seconds + offset : seconds;
}

export class FakeWordPress {
  posts: FakePost[] = [];
  /** The server's clock, epoch seconds. */
  now = Math.floor(Date.parse('2026-12-02T13:00:00Z') / 1000);
  /** The site's current UTC offset, seconds. */
  offset = 0;
  private nextId = 1000;
  requests: string[] = [];
  bytes = 0;

  /** Publishes `n` posts now (or dated `date`), IDs increasing; returns their IDs. */
  publish(n: number, options: { date?: number; categories?: number[]; status?: string } = {}): number[] {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      this.nextId += 1 + (i % 3); // revisions and media take IDs too
      const date = options.date ?? this.now;
      this.posts.push({
        id: this.nextId,
        status: options.status ?? 'publish',
        categories: options.categories ?? [1],
        date,
        modified: date,
        dateOffset: this.offset,
        modifiedOffset: this.offset,
      });
      ids.push(this.nextId);
    }
    return ids;
  }

  edit(id: number): void {
    const post = this.get(id);
    post.modified = this.now;
    post.modifiedOffset = this.offset;
  }

  /** WP-Cron publishing a scheduled post: only its status changes. */
  goLive(id: number): void {
    this.get(id).status = 'publish';
  }

  /** Taken back to scheduled for `date`, as the editor does it: the save stamps `modified`. */
  reschedule(id: number, date: number): void {
    const post = this.get(id);
    Object.assign(post, { status: 'future', date, dateOffset: this.offset });
    this.edit(id);
  }

  get(id: number): FakePost {
    const post = this.posts.find((p) => p.id === id);
    if (!post) throw new Error(`no post ${id}`);
    return post;
  }

  tick(seconds: number): void {
    this.now += seconds;
  }

  private render(post: FakePost, fields: string | undefined): Record<string, unknown> {
    const full: WPPost = wpPost({
      id: post.id,
      date: gmt(post.date + post.dateOffset),
      date_gmt: gmt(post.date),
      modified: gmt(post.modified + post.modifiedOffset),
      modified_gmt: gmt(post.modified),
      status: post.status,
    });
    if (!fields || fields.includes('_links') || fields.includes('content')) return full as never;
    const out: Record<string, unknown> = {};
    for (const field of fields.split(',')) out[field] = (full as unknown as Record<string, unknown>)[field];
    return out;
  }

  answer(query: Record<string, string>): { body: unknown[]; total: number } {
    let rows = this.posts.filter((p) => p.status === (query.status ?? 'publish'));
    if (query.categories) {
      const wanted = query.categories.split(',').map(Number);
      rows = rows.filter((p) => p.categories.some((c) => wanted.includes(c)));
    }
    if (query.include) {
      const ids = query.include.split(',').map(Number);
      rows = ids.map((id) => rows.find((p) => p.id === id)).filter((p): p is FakePost => p !== undefined);
    }
    if (query.exclude) {
      const left = new Set(query.exclude.split(',').map(Number));
      rows = rows.filter((p) => !left.has(p.id));
    }
    if (query.after) rows = rows.filter((p) => p.date + p.dateOffset > localOf(query.after, this.offset));
    if (query.modified_after) {
      rows = rows.filter((p) => p.modified + p.modifiedOffset > localOf(query.modified_after, this.offset));
    }
    if (query.modified_before) {
      rows = rows.filter((p) => p.modified + p.modifiedOffset < localOf(query.modified_before, this.offset));
    }
    const sortKey = (p: FakePost) =>
      query.orderby === 'id'
        ? p.id
        : query.orderby === 'modified'
          ? p.modified + p.modifiedOffset
          : p.date + p.dateOffset;
    if (query.orderby !== 'include') rows = [...rows].sort((a, b) => sortKey(b) - sortKey(a) || b.id - a.id);
    const perPage = Number(query.per_page ?? 10);
    const start = query.offset !== undefined ? Number(query.offset) : (Number(query.page ?? 1) - 1) * perPage;
    return { body: rows.slice(start, start + perPage).map((p) => this.render(p, query._fields)), total: rows.length };
  }

  /** Headers a plugin adds to every answer. */
  protected extraHeaders(): Record<string, string> {
    return {};
  }

  /** Answers every list request on the posts route until `nock.cleanAll()`. */
  serve(): void {
    // Logged in, as WordPress answers a connected request (an answer without these is one as nobody).
    wp()
      .persist()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply((uri) => {
        const query = Object.fromEntries(new URL(uri, SITE).searchParams) as Record<string, string>;
        this.requests.push(uri);
        const { body, total } = this.answer(query);
        const text = JSON.stringify(body);
        this.bytes += text.length;
        return [
          200,
          text,
          {
            'Content-Type': 'application/json',
            Date: new Date(this.now * 1000).toUTCString(),
            'X-WP-Total': String(total),
            ...this.extraHeaders(),
          },
        ];
      });
  }
}
