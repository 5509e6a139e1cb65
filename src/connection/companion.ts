// The companion plugin (wpjz-companion/, optional): WordPress records what happens in an event log
// and pushes each event, signed, to the Zaps that subscribed to it. This module is the app's side of
// its REST routes under `wpjz/v1`: subscribing, unsubscribing, checking a delivery's signature, and
// asking whether the plugin is there. Every trigger keeps working without it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { cacheRead, cacheSet } from './cache';
import { UserInputError, WordPressError, isWordPressCode, userMessageOf } from './errors';
import { callWordPress, serverTimeOf } from './request';
import { authDataOf, hostOf } from './site';
import { stripTags } from '../wordpress/text';

export const COMPANION_NAMESPACE = 'wpjz/v1';
export const COMPANION_PLUGIN = 'WP JWT Zapier Companion';
/** The header that carries `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'X-WPJZ-Signature';
/** A delivery signed further from now than this is refused: a replay, or a clock gone wrong. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

export const COMPANION_EVENTS = [
  'post.published',
  'post.updated',
  'post.trashed',
  'post.deleted',
  'user.created',
  'user.updated',
  'user.deleted',
  'comment.created',
  'comment.status_changed',
  'media.created',
] as const;
export type CompanionEvent = (typeof COMPANION_EVENTS)[number];

/** What the plugin posts to a Zap's hook URL: thin, the app fetches the object itself. */
export interface Delivery {
  id: string;
  hook_id: number;
  seq: number;
  event: CompanionEvent;
  object_type: string;
  object_id: number;
  subtype?: string;
  time_gmt?: string;
}

/** What a subscription asks the plugin to leave out before it delivers. */
export interface HookFilters {
  post_type?: string;
  status?: string;
  terms?: Record<string, number[]>;
  role?: string;
}

export interface Hook {
  id: number;
  secret: string;
  event: CompanionEvent;
}

/** What Zapier keeps between subscribing and unsubscribing (`bundle.subscribeData`). */
export interface Subscription {
  id: string;
  hooks: Hook[];
}

export const companionMessages = {
  missing: (site: string, trigger: string, polling: string) =>
    `${trigger} needs the ${COMPANION_PLUGIN} plugin on ${site}, and WordPress has no such plugin active there. ` +
    `To install it: make wpjz-companion.zip with "npm run build:plugin" in this integration's repository, then in WordPress go to Plugins › Add New › Upload Plugin, upload the zip and activate it. ` +
    `Until then, use the "${polling}" trigger: it needs no plugin and checks for new items every few minutes.`,
  cannotSubscribe: (site: string, said: string) =>
    `WordPress on ${site} refused to send these events to Zapier: ${said} Connect a user who may read them (an Administrator for user events, an Editor for other people's drafts).`,
  badTarget: (said: string) =>
    `The ${COMPANION_PLUGIN} plugin refused Zapier's address for this Zap: ${said} Turn the Zap off and on again; if it persists, tell the integration's owner.`,
  unsigned: () =>
    `This request to the Zap's address carries no ${SIGNATURE_HEADER} header, so it did not come from the ${COMPANION_PLUGIN} plugin: ignored.`,
  forged: () =>
    `This request to the Zap's address is not signed with the secret of this Zap's subscription, so it did not come from your WordPress site (or its body was changed on the way): ignored.`,
  stale: (seconds: number) =>
    `This delivery was signed ${Math.round(seconds)} seconds away from now (more than ${MAX_SIGNATURE_AGE_SECONDS}): a replayed request, or a server clock that is wrong: ignored. If the site's clock is wrong, fix its time (NTP).`,
  unreadable: () => `This request to the Zap's address is not a delivery of the ${COMPANION_PLUGIN} plugin: ignored.`,
};

/** Subscribes the Zap's hook URL to each event; one hook per event, all kept in `subscribeData`. */
export async function subscribe(
  z: ZObject,
  bundle: Bundle,
  events: readonly CompanionEvent[],
  filters: HookFilters,
  names: { trigger: string; polling: string },
): Promise<Subscription> {
  const site = hostOf(authDataOf(bundle).rest_root ?? '');
  const hooks: Hook[] = [];
  try {
    for (const event of events) {
      const response = await callWordPress<Hook>(z, bundle, {
        method: 'POST',
        route: `${COMPANION_NAMESPACE}/hooks`,
        json: { event, target_url: bundle.targetUrl, filters },
      });
      hooks.push({ id: response.data.id, secret: response.data.secret, event });
    }
  } catch (err) {
    // Hooks made before the failure would deliver to a Zap that is not on.
    await Promise.all(hooks.map((hook) => deleteHook(z, bundle, hook.id)));
    if (isWordPressCode(err, 'rest_no_route')) {
      throw new UserInputError(companionMessages.missing(site, names.trigger, names.polling), 'companion_missing');
    }
    if (isWordPressCode(err, 'wpjz_cannot_subscribe')) {
      throw new UserInputError(companionMessages.cannotSubscribe(site, wordpressMessage(err)), 'companion_refused');
    }
    if (isWordPressCode(err, 'wpjz_bad_target')) {
      throw new UserInputError(companionMessages.badTarget(wordpressMessage(err)), 'companion_bad_target');
    }
    throw err;
  }
  return { id: hooks.map((hook) => hook.id).join(','), hooks };
}

/** WordPress's own sentence from the plugin's refusal (its envelope), never Zapier's JSON wrapper. */
function wordpressMessage(err: WordPressError): string {
  const text = stripTags(err.body?.message ?? '').trim() || userMessageOf(err);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Removes every hook of the Zap; one already gone (deleted on the site, or after a 410) is fine. */
export async function unsubscribe(z: ZObject, bundle: Bundle): Promise<{ deleted: number[] }> {
  const hooks = subscriptionOf(bundle)?.hooks ?? [];
  const deleted: number[] = [];
  for (const hook of hooks) if (await deleteHook(z, bundle, hook.id)) deleted.push(hook.id);
  return { deleted };
}

async function deleteHook(z: ZObject, bundle: Bundle, id: number): Promise<boolean> {
  const response = await callWordPress(z, bundle, {
    method: 'DELETE',
    route: `${COMPANION_NAMESPACE}/hooks/${id}`,
    skipThrowForStatus: true,
  });
  return response.status < 300;
}

export function subscriptionOf(bundle: Pick<Bundle, 'subscribeData'>): Subscription | undefined {
  const data = bundle.subscribeData as Partial<Subscription> | undefined;
  return data && Array.isArray(data.hooks) ? (data as Subscription) : undefined;
}

/** The request Zapier received at the hook URL, as far as checking it goes. */
export interface ReceivedRequest {
  headers?: Record<string, string>;
  content?: string;
}

export type Verdict = { delivery: Delivery } | { refusal: string };

/**
 * A delivery, once its signature is the one its hook's secret makes and its time is near now. The
 * signature covers the raw body, so it is checked before the body is trusted for anything.
 */
export function verifyDelivery(
  request: ReceivedRequest | undefined,
  hooks: Hook[],
  nowSeconds = Date.now() / 1000,
): Verdict {
  const header = headerOf(request?.headers ?? {}, SIGNATURE_HEADER);
  const content = request?.content ?? '';
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]),
  );
  const timestamp = Number(parts.t);
  const signature = parts.v1 ?? '';
  if (!header || !Number.isFinite(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) {
    return { refusal: companionMessages.unsigned() };
  }
  // Any of the Zap's hooks may have signed it: the body says which only once it is trusted.
  const signedBy = hooks.find((hook) => {
    const expected = createHmac('sha256', hook.secret).update(`${parts.t}.${content}`).digest();
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  });
  if (!signedBy) return { refusal: companionMessages.forged() };
  const age = Math.abs(nowSeconds - timestamp);
  if (age > MAX_SIGNATURE_AGE_SECONDS) return { refusal: companionMessages.stale(age) };
  const delivery = parseDelivery(content);
  if (!delivery || delivery.hook_id !== signedBy.id) return { refusal: companionMessages.unreadable() };
  return { delivery };
}

/** Zapier passes a hook request's headers as `Http-X-Wpjz-Signature`; tests and proxies may not. */
function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const found = Object.entries(headers).find(([key]) => {
    const lower = key.toLowerCase();
    return lower === wanted || lower === `http-${wanted}`;
  });
  return found?.[1];
}

function parseDelivery(content: string): Delivery | undefined {
  try {
    const data = JSON.parse(content) as Partial<Delivery>;
    const valid =
      typeof data.hook_id === 'number' &&
      typeof data.seq === 'number' &&
      typeof data.object_id === 'number' &&
      (COMPANION_EVENTS as readonly string[]).includes(data.event ?? '');
    return valid ? (data as Delivery) : undefined;
  } catch {
    return undefined;
  }
}

/** How long a delivery is remembered as handled: longer than the plugin retries (24 hours). */
const DELIVERED_SECONDS = 3 * 24 * 3600;

/**
 * True the first time a delivery is handled. The plugin delivers again when Zapier's answer is
 * lost; the sequence number names the event, so the second copy fires nothing.
 */
export async function firstDelivery(z: ZObject, bundle: Bundle, delivery: Delivery): Promise<boolean> {
  const key = deliveryKey(bundle, delivery);
  const seen = await cacheRead<{ at: number }>(z, key, (value) => typeof value.at === 'number');
  return !seen.value;
}

export async function rememberDelivery(z: ZObject, bundle: Bundle, delivery: Delivery): Promise<void> {
  await cacheSet(z, deliveryKey(bundle, delivery), { at: Date.now() }, DELIVERED_SECONDS);
}

function deliveryKey(bundle: Bundle, delivery: Delivery): string | undefined {
  const root = authDataOf(bundle).rest_root;
  return root ? `wpjz-delivered:${root}:${delivery.hook_id}:${delivery.seq}` : undefined;
}

/** What `GET wpjz/v1/status` says: the plugin's version, or nothing when it is not active. */
export async function companionVersion(z: ZObject, bundle: Bundle): Promise<string | undefined> {
  try {
    const response = await callWordPress<{ plugin?: string; version?: string }>(z, bundle, {
      route: `${COMPANION_NAMESPACE}/status`,
      skipThrowForStatus: true,
    });
    const data = response.status === 200 ? response.data : undefined;
    return data?.plugin === 'wpjz-companion' && typeof data.version === 'string' ? data.version : undefined;
  } catch {
    // The label is no reason to fail a connection test that passed.
    return undefined;
  }
}

/** One event of the change feed, as `GET wpjz/v1/changes` answers it. */
export interface FeedEvent {
  seq: number;
  event: CompanionEvent;
  object_type: string;
  object_id: number;
  /** Post type, role or comment type. */
  subtype: string;
  status: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SS` without a zone. */
  time_gmt: string;
}

export interface FeedPage {
  events: FeedEvent[];
  /** The cursor to ask from next. */
  next: number;
  /** More events wait after `next`. */
  more: boolean;
  /** The cursor was older than what the plugin keeps (7 days): events in between are gone. */
  gap?: boolean;
  /** The server's clock at the answer (its `Date` header), epoch seconds. */
  serverTime: number;
}

/** The header on every core REST answer to a logged-in user where the plugin runs: the latest seq. */
export const SEQ_HEADER = 'x-wpjz-seq';

/** The lowest seq a run's answers carried, by the run's bundle. */
const seqsSeen = new WeakMap<object, number>();

/**
 * Notes the feed's latest seq from an answer of the site (the middleware sees every one). A run
 * keeps the lowest: its first answer's, from before anything the run's later requests could see.
 */
export function noteFeedSeq(bundle: object, response: { getHeader: (name: string) => string | undefined }): void {
  const seq = Number.parseInt(response.getHeader(SEQ_HEADER) ?? '', 10);
  if (!Number.isSafeInteger(seq) || seq < 0) return;
  const seen = seqsSeen.get(bundle);
  if (seen === undefined || seq < seen) seqsSeen.set(bundle, seq);
}

/** The feed's seq as this run first saw it; undefined where no answer carried one (no plugin). */
export const feedSeqSeen = (bundle: object): number | undefined => seqsSeen.get(bundle);

/**
 * The events after `after`, oldest first; undefined where the plugin is not (or no longer) active,
 * so that the caller polls the core routes instead.
 */
export async function readChanges(
  z: ZObject,
  bundle: Bundle,
  query: { after: number; types: readonly CompanionEvent[]; limit: number },
): Promise<FeedPage | undefined> {
  let response;
  try {
    response = await callWordPress<Omit<FeedPage, 'serverTime'>>(z, bundle, {
      route: `${COMPANION_NAMESPACE}/changes`,
      query: { after: query.after, types: query.types.join(','), limit: query.limit },
    });
  } catch (err) {
    if (isWordPressCode(err, 'rest_no_route')) return undefined;
    throw err;
  }
  const data = response.data;
  // A plugin of another shape at the same route is no feed to trust.
  if (!data || !Array.isArray(data.events) || typeof data.next !== 'number') return undefined;
  return { ...data, serverTime: serverTimeOf(response) };
}
