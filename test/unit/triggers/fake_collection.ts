// A WordPress list route (users, comments or media) in memory, behind nock: IDs given in increasing
// order, `orderby=id` either way, `per_page`/`page`, `include`, `_fields`, and a filter on one
// query parameter. Counts the requests, so a test can hold a poll to its budget.
import { SITE, wp } from '../helpers';

export type Row = Record<string, unknown> & { id: number };

export class FakeCollection {
  rows: Row[] = [];
  requests: Array<Record<string, string>> = [];
  /** Headers a plugin adds to every answer (the companion's seq). */
  headers: () => Record<string, string> = () => ({});
  private next = 1;

  constructor(
    readonly route: string,
    private readonly make: (id: number, at: Date) => Row,
    private readonly filter: (row: Row, query: Record<string, string>) => boolean = () => true,
  ) {
    // Logged in, as WordPress answers a connected request (an answer without these is one as nobody).
    wp()
      .persist()
      .get(`/wp-json/${route}`)
      .query(true)
      .reply((uri) => [200, this.answer(Object.fromEntries(new URL(uri, SITE).searchParams)), this.headers()]);
  }

  /** `count` new items, `secondsAgo` old (their IDs are the next ones all the same). */
  add(count: number, secondsAgo = 0, extra: Partial<Row> = {}): number[] {
    const at = new Date(Date.now() - secondsAgo * 1000);
    const ids = Array.from({ length: count }, () => this.next++);
    this.rows.push(...ids.map((id) => ({ ...this.make(id, at), ...extra, id })));
    return ids;
  }

  /** IDs skipped (another kind of item took them, as posts take media's). */
  skip(count: number): void {
    this.next += count;
  }

  remove(ids: number[]): void {
    const gone = new Set(ids);
    this.rows = this.rows.filter((row) => !gone.has(row.id));
  }

  private answer(query: Record<string, string>): unknown[] {
    this.requests.push(query);
    const include = query.include ? new Set(query.include.split(',').map(Number)) : undefined;
    const perPage = Number(query.per_page ?? 10);
    const page = Number(query.page ?? 1);
    const order = query.order === 'asc' ? 1 : -1;
    const list = this.rows
      .filter((row) => (!include || include.has(row.id)) && this.filter(row, query))
      .sort((a, b) => order * (a.id - b.id))
      .slice((page - 1) * perPage, page * perPage);
    const fields = query._fields?.split(',');
    return fields
      ? list.map((row) => Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]])))
      : list;
  }
}

const gmt = (at: Date) => at.toISOString().slice(0, 19);

export const fakeUsers = () =>
  new FakeCollection(
    'wp/v2/users',
    (id, at) => ({
      id,
      username: `user${id}`,
      name: `User ${id}`,
      email: `user${id}@example.com`,
      roles: [id % 2 ? 'subscriber' : 'customer'],
      registered_date: `${gmt(at)}+00:00`,
    }),
    (row, query) => !query.roles || query.roles.split(',').some((role) => (row.roles as string[]).includes(role)),
  );

export const fakeComments = () =>
  new FakeCollection(
    'wp/v2/comments',
    (id, at) => ({
      id,
      post: 7,
      parent: 0,
      author: 0,
      author_name: `Reader ${id}`,
      date: gmt(at),
      date_gmt: gmt(at),
      status: 'approved',
      content: { rendered: `<p>Comment ${id}</p>` },
      link: `https://example.com/?p=7#comment-${id}`,
    }),
    (row, query) =>
      (!query.post || String(row.post) === query.post) &&
      (query.status === 'approve' ? row.status === 'approved' : row.status === query.status),
  );

export const fakeMedia = () =>
  new FakeCollection('wp/v2/media', (id, at) => ({
    id,
    title: { raw: `"q" ${id}`, rendered: `&#8220;q&#8221; ${id}` },
    mime_type: 'image/jpeg',
    media_type: 'image',
    source_url: `https://example.com/wp-content/uploads/${id}.jpg`,
    date: gmt(at),
    date_gmt: gmt(at),
    post: 0,
    author: 1,
  }));
