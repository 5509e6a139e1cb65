// What the companion e2e files share about the bench site `companion` (port 8089: seed JWT plugin +
// companion, WP_ENVIRONMENT_TYPE local, retries every 1, 2, 4 … s): plain fetch with Application
// Passwords, the change feed, subscribing a target, checking a signature, and the bench-only clock
// (test/wordpress/mu-plugins/wpjz-bench-clock.php) that shows and moves the plugin's delivery times.
// Other files may write to the same site: every assertion counts only the objects its file created.
import { createHmac, randomBytes } from 'node:crypto';
import benchConfig from '../wordpress/sites.json';
import type { HookDelivery } from './hook_receiver';

export const site = benchConfig.sites.companion;
export const API = `${site.url}/wp-json`;
export type Who = 'administrator' | 'subscriber' | 'editor';

/** A title/login prefix unique to one test file's run. */
export const runName = (file: string) => `e2e-${file}-${Date.now()}-${randomBytes(3).toString('hex')}`;

export function basic(who: Who): string {
  const u = benchConfig.users[who];
  return `Basic ${Buffer.from(`${u.username}:${u.app_password}`).toString('base64')}`;
}

export interface Answer<T> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  who: Who | null,
  method: string,
  route: string,
  body?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (who) headers.Authorization = basic(who);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${API}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export interface FeedEvent {
  seq: number;
  event: string;
  object_type: string;
  object_id: number;
  subtype: string;
  status: string;
  time_gmt: string;
}
export interface Feed {
  events: FeedEvent[];
  next: number;
  more: boolean;
  oldest_seq: number;
  latest_seq: number;
  gap?: boolean;
}

export async function latestSeq(): Promise<number> {
  const status = await call<{ latest_seq: number }>('administrator', 'GET', '/wpjz/v1/status');
  return status.body.latest_seq;
}

/** Every event after a cursor the user may see, following `next` until the feed says there is no more. */
export async function feedAfter(who: Who, after: number, types = ''): Promise<{ events: FeedEvent[]; next: number }> {
  const events: FeedEvent[] = [];
  let cursor = after;
  for (let page = 0; page < 50; page++) {
    const res = await call<Feed>(who, 'GET', `/wpjz/v1/changes?after=${cursor}&limit=500&types=${types}`);
    expect(res.status).toBe(200);
    events.push(...res.body.events);
    cursor = res.body.next;
    if (!res.body.more) break;
  }
  return { events, next: cursor };
}

export async function createPost(title: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await call<{ id: number }>('administrator', 'POST', '/wp/v2/posts', {
    title,
    status: 'publish',
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An ordinary request to the site: it starts retries that are due. */
export const pokeSite = () => call('subscriber', 'GET', '/wpjz/v1/status');

export async function subscribe(
  who: Who,
  event: string,
  target: string,
  filters?: unknown,
): Promise<Answer<{ id: number; secret: string; event: string; code?: string }>> {
  return call(who, 'POST', '/wpjz/v1/hooks', { event, target_url: target, filters });
}

/** The receiver's side of the README's signature check. */
export function verify(secret: string, d: HookDelivery, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const header = String(d.headers['x-wpjz-signature'] ?? '');
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || Math.abs(nowSeconds - Number(m[1])) > 300) return false;
  return createHmac('sha256', secret).update(`${m[1]}.${d.body}`).digest('hex') === m[2];
}

/** Hooks a file made: deleted after its tests, so that no later event is queued for a dead receiver. */
export function deleteHooksAfterAll(): number[] {
  const ids: number[] = [];
  afterAll(async () => {
    for (const id of ids) await call('administrator', 'DELETE', `/wpjz/v1/hooks/${id}`);
  });
  return ids;
}

/** Removes posts for good, 25 to a REST batch request (WordPress's largest batch). */
export async function deletePosts(ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 25) {
    const requests = ids.slice(i, i + 25).map((id) => ({ method: 'DELETE', path: `/wp/v2/posts/${id}?force=true` }));
    expect((await call('administrator', 'POST', '/batch/v1', { requests })).status).toBe(207);
  }
}

/** One delivery row of the plugin's table, as the bench clock shows it. */
export interface DeliveryRow {
  id: number;
  hook_id: number;
  seq: number;
  attempts: number;
  status: 'pending' | 'delivered' | 'dropped' | 'skipped';
  last_code: number;
  /** Seconds until the next attempt is due (negative: overdue). */
  due_in: number;
  /** Seconds since the delivery was queued, as the plugin counts them (moved by `advance`). */
  age: number;
}

export const benchClock = {
  async deliveries(hooks: number[]): Promise<DeliveryRow[]> {
    const res = await call<DeliveryRow[]>('administrator', 'GET', `/wpjz-bench/v1/deliveries?hooks=${hooks.join(',')}`);
    if (res.status !== 200) throw new Error(`bench clock → ${res.status}: is wpjz-bench-clock.php installed (up)?`);
    return res.body;
  },
  /** To the plugin, `seconds` pass for these hooks' pending deliveries; WP-Cron's delivery event falls due. */
  async advance(hooks: number[], seconds: number): Promise<number> {
    const res = await call<{ moved: number }>('administrator', 'POST', '/wpjz-bench/v1/advance', { hooks, seconds });
    expect(res.status).toBe(200);
    return res.body.moved;
  },
};

/** Runs WP-Cron as a system cron would: wp-cron.php over loopback; it answers once its events ran. */
export async function runWpCron(): Promise<void> {
  const res = await fetch(`${site.url}/wp-cron.php`);
  await res.text();
}

/** The retry wait the README promises after `attempts` failed attempts, in base units (1, 2, 4 … 60). */
export const promisedWait = (attempts: number, base: number) =>
  Math.min(base * 2 ** Math.min(attempts - 1, 6), base * 60);
