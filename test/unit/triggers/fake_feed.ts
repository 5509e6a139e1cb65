// The companion plugin's event log in memory, behind nock: `GET wpjz/v1/changes` answers as the
// plugin does (after a cursor, by type, a limit, the next cursor, a gap once pruned), and `seq()` is
// the header the plugin puts on every answer. `plugin = false` is the plugin deactivated.
// FakeWordPressWithFeed is fake_wordpress.ts's posts with the plugin recording their events.
import type { CompanionEvent, FeedEvent } from '../../../src/connection/companion';
import { SITE, wp } from '../helpers';
import { FakeWordPress } from './fake_wordpress';

const gmt = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19);

export class FakeEventLog {
  events: FeedEvent[] = [];
  plugin = true;
  /** The last seq the plugin pruned: a cursor below it has lost events. */
  pruned = 0;
  /** Feed requests answered, and the bytes of their answers. */
  requests = 0;
  bytes = 0;

  /** `now`: the server's clock, epoch seconds. */
  constructor(private readonly now: () => number = () => Math.floor(Date.now() / 1000)) {}

  record(event: CompanionEvent, id: number, subtype: string, status = ''): void {
    const objectType = event.split('.')[0];
    this.events.push({
      seq: this.events.length + 1,
      event,
      object_type: objectType,
      object_id: id,
      subtype,
      status,
      time_gmt: gmt(this.now()),
    });
  }

  /** The plugin's header on every answer to a logged-in user. */
  headers(): Record<string, string> {
    return this.plugin ? { 'X-WPJZ-Seq': String(this.events.length) } : {};
  }

  private answer(query: Record<string, string>): [number, unknown] {
    if (!this.plugin) {
      return [404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' }];
    }
    const after = Number(query.after ?? 0);
    const types = (query.types ?? '').split(',').filter(Boolean);
    const limit = Number(query.limit ?? 100);
    const found: FeedEvent[] = [];
    let next = Math.max(after, this.pruned);
    let more = false;
    for (const event of this.events.filter((e) => e.seq > Math.max(after, this.pruned))) {
      if (found.length === limit) {
        more = true;
        break;
      }
      next = event.seq;
      if (!types.length || types.includes(event.event)) found.push(event);
    }
    return [200, { events: found, next, more, ...(after < this.pruned ? { gap: true } : {}) }];
  }

  /** Answers the feed until `nock.cleanAll()`; `seen` hears of each request. */
  serve(seen: (uri: string) => void = () => undefined): void {
    wp()
      .persist()
      .get('/wp-json/wpjz/v1/changes')
      .query(true)
      .reply((uri) => {
        seen(uri);
        this.requests += 1;
        const [status, body] = this.answer(Object.fromEntries(new URL(uri, SITE).searchParams));
        const text = JSON.stringify(body);
        this.bytes += text.length;
        return [status, text, { 'Content-Type': 'application/json', Date: new Date(this.now() * 1000).toUTCString() }];
      });
  }
}

export class FakeWordPressWithFeed extends FakeWordPress {
  readonly log = new FakeEventLog(() => this.now);

  override publish(...args: Parameters<FakeWordPress['publish']>): number[] {
    const ids = super.publish(...args);
    if ((args[1]?.status ?? 'publish') === 'publish')
      ids.forEach((id) => this.log.record('post.published', id, 'post'));
    return ids;
  }

  override edit(id: number): void {
    super.edit(id);
    if (this.get(id).status === 'publish') this.log.record('post.updated', id, 'post');
  }

  override goLive(id: number): void {
    super.goLive(id);
    this.log.record('post.published', id, 'post');
  }

  /** Events of another post type (a busy shop's products): the feed carries them too. */
  other(n: number): void {
    for (let i = 0; i < n; i++) this.log.record('post.published', 900_000 + this.log.events.length, 'product');
  }

  protected override extraHeaders(): Record<string, string> {
    return this.log.headers();
  }

  override serve(): void {
    super.serve();
    this.log.serve((uri) => this.requests.push(uri));
  }
}
