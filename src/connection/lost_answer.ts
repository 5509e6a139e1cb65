// A write whose answer was lost or unreadable after it may have reached WordPress: a gateway's
// 5xx, a web page or an empty body where WordPress's JSON should be, an answer cut off or reset,
// no answer in time. None of these says whether WordPress stored the change, so none may become
// an error Zapier replays (a ThrottledError) or one that says "try again": the operation looks the
// item up instead (settle_write.ts). Only what provably came before the write may be retried:
// WordPress's own maintenance answer (it dies in wp-settings.php before any plugin or route runs)
// and a 429.
import { errors } from 'zapier-platform-core';
import type { HttpResponse } from 'zapier-platform-core';
import type { WordPressErrorBody } from './errors';
import { looksLikeHtml } from './errors';
import { lostAnswerMessages } from './lost_answer_messages';

/**
 * `reason` says in words what came back instead of WordPress's answer; `finished` is true when
 * WordPress (or whatever answered for it) had finished with the request, so an item not found
 * afterwards was not stored; false when it may still be running (a timeout, a 504, a reset before
 * any answer).
 */
export class LostAnswerError extends errors.Error {
  constructor(
    public readonly reason: string,
    public readonly finished: boolean,
    /** The HTTP status of what came back instead, when anything did. */
    public readonly answeredStatus?: number,
  ) {
    super(lostAnswerMessages.unsettled(reason), 'answer_lost', 502);
  }
}

export function isLostAnswer(err: unknown): err is LostAnswerError {
  return err instanceof LostAnswerError;
}

/**
 * WordPress's error codes on a 5xx that do not say whether the write happened: PHP died (its
 * fatal-error handler answers `internal_server_error`) or something called wp_die() mid-request.
 * Every other code in WordPress's envelope is a refusal made before storing (`existing_user_login`
 * comes with 500 too), and keeps its own message.
 */
const UNSETTLING_CODES = new Set(['internal_server_error', 'wp_die']);

/**
 * WordPress's maintenance answer to a REST request (wp_maintenance in wp-includes/load.php, before
 * any plugin loads): HTTP 503, `Retry-After: 600`, and, because the request accepts JSON,
 * `_json_wp_die_handler`'s `{"code":"wp_die","message":"Briefly unavailable…","data":{"status":503}}`.
 * A gateway's 503 carries no such envelope.
 */
export function isMaintenanceAnswer(response: HttpResponse, body: WordPressErrorBody | undefined): boolean {
  return (
    response.status === 503 &&
    !!response.getHeader('retry-after') &&
    body?.code === 'wp_die' &&
    body.data?.status === 503
  );
}

/**
 * The LostAnswerError for a write's answer that is not WordPress's verdict, or undefined when it
 * is one (a 2xx with JSON, a refusal in WordPress's envelope, a 4xx from in front of WordPress,
 * which refuses before anything is stored). `data` is the answer's JSON, when it had any.
 */
export function lostWriteAnswer(
  response: HttpResponse,
  content: string | undefined,
  body: WordPressErrorBody | undefined,
  data: unknown,
): LostAnswerError | undefined {
  const status = response.status;
  const html = looksLikeHtml(content, response.getHeader('content-type'));
  if (status >= 500) {
    if (body && !UNSETTLING_CODES.has(body.code)) return undefined;
    // A gateway that gave up waiting (504) leaves PHP running: the item may appear later.
    return new LostAnswerError(lostAnswerMessages.server(status, html, body?.code), status !== 504, status);
  }
  if (status < 200 || status >= 300) return undefined;
  if (!content || !content.trim()) return new LostAnswerError(lostAnswerMessages.empty(status), true, status);
  if (data === undefined) {
    const reason = html ? lostAnswerMessages.webPage(status) : lostAnswerMessages.garbled(status);
    return new LostAnswerError(reason, true, status);
  }
  if (data === null || typeof data !== 'object')
    return new LostAnswerError(lostAnswerMessages.empty(status), true, status);
  return undefined;
}

/**
 * A write's network failure (node-fetch's error) as a LostAnswerError, or undefined when nothing
 * reached the site (DNS, a refused connection, TLS). node-fetch reports a reset during the body as
 * "Invalid response body" (answer_resets.ts makes a reset body say so at once, not at the timeout).
 */
export function lostInTransit(err: unknown, timeoutSeconds: number): LostAnswerError | undefined {
  const e = err as { code?: string; type?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? '';
  const reset = code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE';
  if (reset && /Invalid response body/.test(message))
    return new LostAnswerError(lostAnswerMessages.resetMidAnswer(), true);
  if (
    e.type === 'body-timeout' ||
    e.type === 'request-timeout' ||
    // The time limit's signal (middleware.ts), which alone aborts a request.
    e.type === 'aborted' ||
    code === 'ETIMEDOUT' ||
    /timed? ?out/i.test(message)
  ) {
    return new LostAnswerError(lostAnswerMessages.timeout(timeoutSeconds), false);
  }
  if (reset || /socket hang up/i.test(message))
    return new LostAnswerError(lostAnswerMessages.resetBeforeAnswer(), false);
  return undefined;
}
