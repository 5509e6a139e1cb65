// The in-memory WordPress of fake_wordpress.ts with the companion plugin active: every publication
// and edit of a published post is an event in its log, `GET wpjz/v1/changes` answers them as the
// plugin does (after a cursor, by type, a limit, the next cursor, a gap once pruned), and every posts
// answer carries the latest seq. `plugin = false` is the plugin deactivated.
import type { FeedEvent } from '../../../src/connection/companion';
import { SITE, wp } from '../helpers';
import { FakeWordPress } from './fake_wordpress';

const gmt = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19);

export class FakeWordPressWithFeed extends FakeWordPress {
  events: FeedEvent[] = [];
  plugin = true;
  /** The last seq the plugin pruned: a cursor below it has lost events. */
  pruned = 0;
  /** Feed requests answered. */
  feedRequests = 0;

  private record(event: 'post.published' | 'post.updated', id: number, subtype = 'post'): void {
    this.events.push({
      seq: this.events.length + 1,
      event,
      object_type: 'post',
      object_id: id,
      subtype,
      status: 'publish',
      time_gmt: gmt(this.now),
    });
  }

  override publish(...args: Parameters<FakeWordPress['publish']>): number[] {
    const ids = super.publish(...args);
    if ((args[1]?.status ?? 'publish') === 'publish') ids.forEach((id) => this.record('post.published', id));
    return ids;
  }

  override edit(id: number): void {
    super.edit(id);
    if (this.get(id).status === 'publish') this.record('post.updated', id);
  }

  override goLive(id: number): void {
    super.goLive(id);
    this.record('post.published', id);
  }

  /** Events of another post type (a busy shop's products): the feed carries them too. */
  other(n: number): void {
    for (let i = 0; i < n; i++) this.record('post.published', 900_000 + this.events.length, 'product');
  }

  protected override extraHeaders(): Record<string, string> {
    return this.plugin ? { 'X-WPJZ-Seq': String(this.events.length) } : {};
  }

  feed(query: Record<string, string>): [number, unknown] {
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

  override serve(): void {
    super.serve();
    wp()
      .persist()
      .get('/wp-json/wpjz/v1/changes')
      .query(true)
      .reply((uri) => {
        const query = Object.fromEntries(new URL(uri, SITE).searchParams) as Record<string, string>;
        this.requests.push(uri);
        this.feedRequests += 1;
        const [status, body] = this.feed(query);
        const text = JSON.stringify(body);
        this.bytes += text.length;
        return [status, text, { 'Content-Type': 'application/json', Date: new Date(this.now * 1000).toUTCString() }];
      });
  }
}
