// What the app tells a Zapier user when a write's answer was lost (lost_answer.ts, settle_write.ts):
// what came back instead, and what is true about the item afterwards. In the style of messages.ts.

/** Why an update may run again: what it writes, it writes once more. */
const UPDATE_REPLAY = 'an update writes the same values again';

/**
 * A write whose answer was lost (lost_answer.ts): each `reason` is a clause saying what came back,
 * `what` names the item as the write sent it, `where` is the screen in wp-admin to check.
 */
export const lostAnswerMessages = {
  server: (status: number, html: boolean, code?: string) =>
    `the site answered HTTP ${status}${code ? ` (${code})` : ''}${html ? ' with an error page' : ''} instead of WordPress's answer`,
  empty: (status: number) => `the site answered HTTP ${status} with nothing where WordPress's answer should be`,
  webPage: (status: number) =>
    `the site answered HTTP ${status} with a web page (from a cache, firewall or proxy) instead of WordPress's answer`,
  garbled: (status: number) => `WordPress's answer (HTTP ${status}) arrived cut off or garbled`,
  resetMidAnswer: () => "the connection was reset while WordPress's answer was arriving",
  resetBeforeAnswer: () => 'the connection was cut off before any answer came',
  timeout: (seconds: number) => `no answer came within ${seconds} seconds`,
  /** No lookup was possible: what a write says without one (a term, a clean-up). */
  unsettled: (reason: string) =>
    `The answer to this change was lost: ${reason}. WordPress may or may not have saved it: check the site before running the step again, so nothing is written twice.`,
  /** A warning on the successful step. */
  found: (reason: string, what: string, id: number, dated = true) =>
    `WordPress's answer was lost (${reason}), so Zapier looked on the site: ${what} is there (ID ${id}), ${dated ? 'stored once by this step' : 'either stored by this step or there already (nothing on it says when it was made); either way there is one, not two'}.`,
  updated: (reason: string, what: string, shows = 'it has the new values') =>
    `WordPress's answer was lost (${reason}), so Zapier read ${what} back: ${shows}.`,
  notStored: (reason: string, what: string) =>
    `The answer to this step was lost: ${reason}. Zapier then looked on the site: ${what} is not there, so WordPress did not store it. Running the step again is safe.`,
  notYet: (reason: string, what: string, where: string) =>
    `The answer to this step was lost: ${reason}. Zapier then looked on the site and ${what} was not there yet, but WordPress may still be working on the request (a slow site keeps going after the connection ends). Check ${where} in a few minutes before running the step again, so nothing is written twice.`,
  cannotTell: (reason: string, what: string, why: string, where: string) =>
    `The answer to this step was lost: ${reason}. Zapier could not tell whether WordPress stored ${what}: ${why}. Check ${where} before running the step again, so nothing is written twice.`,
  notApplied: (reason: string, what: string, fields: string[], replaySafe = UPDATE_REPLAY) =>
    `The answer to this step was lost: ${reason}. Zapier read ${what} back, and ${fields.join(', ')} ${fields.length > 1 ? 'do' : 'does'} not have the new ${fields.length > 1 ? 'values' : 'value'}: WordPress did not apply the change. Running the step again is safe (${replaySafe}).`,
  updateUnknown: (reason: string, what: string, why: string, replaySafe = UPDATE_REPLAY) =>
    `The answer to this step was lost: ${reason}. Zapier could not read ${what} back to check it: ${why}. Running the step again is safe: ${replaySafe}.`,
  ambiguous: (ids: number[]) =>
    `${ids.length} items on the site match it (IDs ${ids.join(', ')}) and cannot be told apart`,
  lookupFailed: (message: string) => `looking it up failed too (${message})`,
};
