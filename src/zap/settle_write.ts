// Every write's way through a lost answer (lost_answer.ts): the write is sent once, and when its
// answer is lost the item is looked up before the step ends, so the step says what is true and
// Zapier's Autoreplay never writes it twice.
//   - a create: the items that match what the write sent, made no earlier than the request (by the
//     site's clock: the lookup's Date header gives its offset from ours). One: the step succeeds
//     with it and a warning. None: not stored, a replay is safe (or, where WordPress may still be
//     running, not there yet: check later). Several, or no lookup possible: cannot tell, and where
//     to check.
//   - an update is idempotent: the item is read back and compared with what was sent. A delete
//     is one too (run again, it finds the item in the trash or gone): its read back says where the
//     item is, and why a replay is safe.
// The healthy path costs nothing: the lookup runs only after a lost answer.
import { errors } from 'zapier-platform-core';
import type { HttpResponse } from 'zapier-platform-core';
import { userMessageOf } from '../connection/errors';
import { LostAnswerError, isLostAnswer } from '../connection/lost_answer';
import { lostAnswerMessages as say } from '../connection/lost_answer_messages';
import { wordpressDateMs } from '../wordpress/site_time';
import { clip } from '../wordpress/text';

/**
 * The items a lookup found that match what the write sent, each with when it was made (`*_gmt`);
 * an item without that time counts as made by the request, which only the write could prove.
 */
export interface Found<T> {
  items: Array<{ item: T; madeGmt?: string }>;
  /** The lookup's answer, whose Date header tells the site's clock. */
  response?: Pick<HttpResponse, 'getHeader'>;
  /** Why the lookup may not see the item (a comment held for moderation): none found is then no proof. */
  hidden?: string;
}

interface Lookup {
  /** The item as the write sent it, in words: `the post "Hello"`. */
  what: string;
  /** Where on the site to check by hand: `Posts in WordPress (search for "Hello")`. */
  where: string;
}

export interface CreateLookup<T> extends Lookup {
  find: () => Promise<Found<T>>;
  /** The found item read in full, in the write's own answer's shape, where `find` read a few fields. */
  read?: (item: T) => Promise<T>;
}

export interface UpdateLookup<T> extends Lookup {
  readBack: () => Promise<ReadBack<T>>;
  /** Why running the step again writes nothing twice; by default, an update's reason. */
  replaySafe?: string;
}

export interface ReadBack<T> {
  /** The item as it is now. */
  item: T;
  /** The fields (by label) that do not hold what was sent. */
  differing: string[];
  /** What the read back shows when none differs; by default, that it has the new values. */
  shows?: string;
}

export interface Settled<T> {
  item: T;
  /** Set when the answer was lost and the item found: for the step's warnings. */
  warning?: string;
}

/** Without a Date header, how far the site's clock may be behind ours. */
const UNKNOWN_CLOCK_MARGIN_MS = 5 * 60_000;

export async function settleCreate<T extends { id: number }>(
  write: () => Promise<T>,
  lookup: CreateLookup<T>,
): Promise<Settled<T>> {
  const started = Date.now();
  try {
    return { item: await write() };
  } catch (err) {
    if (!isLostAnswer(err)) throw err;
    return findCreated(err, lookup, started);
  }
}

export async function settleUpdate<T>(write: () => Promise<T>, lookup: UpdateLookup<T>): Promise<Settled<T>> {
  try {
    return { item: await write() };
  } catch (err) {
    if (!isLostAnswer(err)) throw err;
    let back: ReadBack<T>;
    try {
      back = await lookup.readBack();
    } catch (lookupError) {
      throw new errors.Error(
        say.updateUnknown(err.reason, lookup.what, say.lookupFailed(messageOf(lookupError)), lookup.replaySafe),
        'answer_lost_unknown',
        502,
      );
    }
    if (back.differing.length) {
      throw new errors.Error(
        say.notApplied(err.reason, lookup.what, back.differing, lookup.replaySafe),
        'answer_lost_not_stored',
        502,
      );
    }
    return { item: back.item, warning: say.updated(err.reason, lookup.what, back.shows) };
  }
}

async function findCreated<T extends { id: number }>(
  lost: LostAnswerError,
  lookup: CreateLookup<T>,
  started: number,
): Promise<Settled<T>> {
  const cannotTell = (why: string) =>
    new errors.Error(say.cannotTell(lost.reason, lookup.what, why, lookup.where), 'answer_lost_unknown', 502);
  let found: Found<T>;
  try {
    found = await lookup.find();
  } catch (lookupError) {
    throw cannotTell(say.lookupFailed(messageOf(lookupError)));
  }
  const since = siteSince(started, found.response);
  const made = found.items.filter(({ madeGmt }) => madeGmt === undefined || madeMs(madeGmt) >= since);
  if (made.length > 1) throw cannotTell(say.ambiguous(made.map(({ item }) => item.id)));
  if (made.length === 0) {
    if (found.hidden) throw cannotTell(found.hidden);
    if (!lost.finished)
      throw new errors.Error(say.notYet(lost.reason, lookup.what, lookup.where), 'answer_lost_unknown', 502);
    throw new errors.Error(say.notStored(lost.reason, lookup.what), 'answer_lost_not_stored', 502);
  }
  const { id } = made[0].item;
  let item: T;
  try {
    item = lookup.read ? await lookup.read(made[0].item) : made[0].item;
  } catch (readError) {
    throw cannotTell(`it is there (ID ${id}), but reading it failed (${messageOf(readError)})`);
  }
  // Without a time it was made (a term, a post given its own date), the item may be older than the request.
  const dated = made[0].madeGmt !== undefined;
  return { item, warning: say.found(lost.reason, lookup.what, id, dated) };
}

/**
 * The earliest `*_gmt` time, by the site's clock, an item made by the request could carry. The
 * Date header is whole seconds and left the site before it reached us, so `header - now` is never
 * above the true offset; WordPress stores whole seconds too, hence one second less.
 */
export function siteSince(started: number, response: Found<unknown>['response'], now = Date.now()): number {
  const date = Date.parse(response?.getHeader('date') ?? '');
  if (!Number.isFinite(date)) return started - UNKNOWN_CLOCK_MARGIN_MS;
  return started + (date - now) - 1000;
}

/** `*_gmt` (`2026-03-14T09:30:00`, UTC without a zone) or a user's `registered_date` (with one). */
function madeMs(date: string): number {
  return /(?:Z|[+-]\d\d:?\d\d)$/i.test(date) ? Date.parse(date) : wordpressDateMs(date);
}

/** The lookup's own failure in a few words: its message (network failures are already words), cut short. */
function messageOf(err: unknown): string {
  const message = err instanceof Error ? userMessageOf(err) : String(err);
  return clip(message.replace(/^request to \S+ failed, reason: /, '').replace(/\s+/g, ' '), 300);
}
