// Which answers to a write are WordPress's verdict, and which leave it unknown whether the write
// was stored; which network failures may come after the write.
import type { HttpResponse } from 'zapier-platform-core';
import { isMaintenanceAnswer, lostInTransit, lostWriteAnswer } from '../../../src/connection/lost_answer';
import { parseErrorBody } from '../../../src/connection/errors';

function answer(status: number, content: string, headers: Record<string, string> = {}): HttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, content, getHeader: (name: string) => lower[name.toLowerCase()] } as unknown as HttpResponse;
}
function lost(status: number, content: string, headers: Record<string, string> = {}) {
  const body = status >= 400 ? parseErrorBody(content) : undefined;
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    data = undefined;
  }
  return lostWriteAnswer(answer(status, content, headers), content, body, data);
}

const MAINTENANCE = JSON.stringify({
  code: 'wp_die',
  message: 'Briefly unavailable for scheduled maintenance. Check back in a minute.',
  data: { status: 503 },
  additional_errors: [],
});

describe('lostWriteAnswer', () => {
  it.each([
    ['a gateway 502 without a body', 502, '', {}, "the site answered HTTP 502 instead of WordPress's answer", true],
    [
      'a 502 web page',
      502,
      '<html>Bad gateway</html>',
      { 'Content-Type': 'text/html' },
      "the site answered HTTP 502 with an error page instead of WordPress's answer",
      true,
    ],
    [
      'WordPress’s critical error',
      500,
      JSON.stringify({ code: 'internal_server_error', message: 'x', data: { status: 500 } }),
      {},
      "the site answered HTTP 500 (internal_server_error) instead of WordPress's answer",
      true,
    ],
    [
      'a gateway timeout, which leaves PHP running',
      504,
      '',
      {},
      "the site answered HTTP 504 instead of WordPress's answer",
      false,
    ],
    [
      'an HTML 200 from a cache',
      200,
      '<!DOCTYPE html><html></html>',
      { 'Content-Type': 'text/html' },
      "the site answered HTTP 200 with a web page (from a cache, firewall or proxy) instead of WordPress's answer",
      true,
    ],
    ['an empty 201', 201, '', {}, "the site answered HTTP 201 with nothing where WordPress's answer should be", true],
    [
      'a 200 of null',
      200,
      'null',
      {},
      "the site answered HTTP 200 with nothing where WordPress's answer should be",
      true,
    ],
    ['a cut-off 201', 201, '{"id":5,"ti', {}, "WordPress's answer (HTTP 201) arrived cut off or garbled", true],
  ])('%s leaves the write unsettled', (_name, status, content, headers, reason, finished) => {
    expect(lost(status, content, headers)).toMatchObject({ reason, finished });
  });

  it.each([
    ['a 201 with the item', 201, '{"id":5}'],
    [
      'WordPress’s refusal with 500 (a duplicate user)',
      500,
      JSON.stringify({ code: 'existing_user_login', message: 'x', data: null }),
    ],
    ['a 400 refusal', 400, JSON.stringify({ code: 'rest_invalid_param', message: 'x', data: { status: 400 } })],
    ['a 403 web page from a firewall (it refuses before WordPress)', 403, '<html>Forbidden</html>'],
  ])('%s is WordPress’s verdict (or a refusal before it)', (_name, status, content) => {
    expect(lost(status, content)).toBeUndefined();
  });
});

describe('isMaintenanceAnswer', () => {
  it('is WordPress’s own 503: Retry-After and the wp_die envelope', () => {
    expect(isMaintenanceAnswer(answer(503, MAINTENANCE, { 'Retry-After': '600' }), parseErrorBody(MAINTENANCE))).toBe(
      true,
    );
  });
  it.each([
    ['without Retry-After', answer(503, MAINTENANCE), parseErrorBody(MAINTENANCE)],
    ['a gateway’s 503 with Retry-After', answer(503, '', { 'Retry-After': '30' }), undefined],
    ['a gateway’s 503 page', answer(503, '<html>Service Unavailable</html>', { 'Retry-After': '30' }), undefined],
  ])('is not %s', (_name, response, body) => {
    expect(isMaintenanceAnswer(response, body)).toBe(false);
  });
});

describe('lostInTransit', () => {
  it.each([
    [
      { code: 'ECONNRESET', message: 'Invalid response body while trying to fetch https://x: connection reset' },
      "the connection was reset while WordPress's answer was arriving",
      true,
    ],
    [
      {
        code: 'ERR_STREAM_PREMATURE_CLOSE',
        message: 'Invalid response body while trying to fetch https://x: Premature close',
      },
      "the connection was reset while WordPress's answer was arriving",
      true,
    ],
    [
      { code: 'ECONNRESET', message: 'request to https://x failed, reason: socket hang up' },
      'the connection was cut off before any answer came',
      false,
    ],
    [{ type: 'request-timeout', message: 'network timeout at: https://x' }, 'no answer came within 25 seconds', false],
    [{ type: 'aborted', message: 'The user aborted a request.' }, 'no answer came within 25 seconds', false],
    [
      { type: 'body-timeout', message: 'Response timeout while trying to fetch https://x (over 25000ms)' },
      'no answer came within 25 seconds',
      false,
    ],
  ])('%j', (err, reason, finished) => {
    expect(lostInTransit(err, 25)).toMatchObject({ reason, finished });
  });

  it.each([
    { code: 'ECONNREFUSED' },
    { code: 'ENOTFOUND' },
    { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
  ])('nothing was sent: %j', (err) => {
    expect(lostInTransit(err, 25)).toBeUndefined();
  });
});
