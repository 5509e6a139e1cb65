// A write whose answer did not come back whole. The request went out, so WordPress may have saved
// it: the connection was cut or timed out, the server failed (5xx) or sent no JSON, or something in
// front of it asked Zapier to wait. A step must not fail (or throttle, which Zapier replays by
// itself) on such an answer while the write may stand: where the write can be looked up, the
// operation looks; where it cannot, it says that the outcome is unknown.
import { errors } from 'zapier-platform-core';
import { WordPressError, wordpressSaid } from '../connection/errors';
import { isLostAnswer } from '../connection/lost_answer';
import { UnreachableError } from '../connection/request';

/** WordPress's refusals that come with a 5xx although nothing was written. */
const REFUSED_WITH_5XX = new Set(['rest_trash_not_supported', 'duplicate_term_slug', 'empty_term_name']);

export function answerLost(err: unknown): boolean {
  // The middleware already judged a write's answer as lost (settle_write.ts settles creates and updates).
  if (isLostAnswer(err)) return true;
  if (err instanceof UnreachableError || err instanceof errors.ThrottledError) return true;
  if (!(err instanceof WordPressError)) return false;
  if (err.wpCode === 'invalid_json' || err.wpCode === 'html_response') return true;
  return err.httpStatus >= 500 && !REFUSED_WITH_5XX.has(err.wpCode);
}

/** Why the answer was lost, in one or two sentences, without advice about running the step again. */
export function lostReason(err: unknown, doing: string): string {
  if (isLostAnswer(err)) return `WordPress's answer to ${doing} was lost (${err.reason}).`;
  if (err instanceof UnreachableError) return err.reason;
  if (err instanceof WordPressError) {
    if (err.wpCode === 'invalid_json' || err.wpCode === 'html_response') {
      return `WordPress's answer to ${doing} was not the JSON it sends (HTTP ${err.httpStatus}).`;
    }
    return `WordPress failed with HTTP ${err.httpStatus} on ${doing}.${wordpressSaid(err.body)}`;
  }
  return `WordPress asked Zapier to wait before calling it again (on ${doing}).`;
}
