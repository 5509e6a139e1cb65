// What the lost-answer tests share: a write as a test drives it, the faults after which WordPress
// may have stored it, and how a step runs.
import nock from 'nock';
import { PNG, createPerform, restError } from '../fixtures';
import { appTester, bundle } from '../helpers';

export const FILES = 'https://files.example.org';
/** A `*_gmt` time of now, as WordPress gives it. */
export const now = () => new Date().toISOString().slice(0, 19);
/** A lookup's Date header: the site's clock agrees with ours. */
export const siteClock = () => ({ Date: new Date().toUTCString() });

export interface Write {
  key: string;
  input: Record<string, unknown>;
  /** The write's own request. */
  write: () => nock.Interceptor;
  /** WordPress's answer to a healthy write. */
  answer: object;
  /** The lookup's answers: the item there (`true`) or not. */
  lookup: (there: boolean) => nock.Scope[];
  /** What a healthy write asks after it (Create Term's check for a twin made at the same moment). */
  after?: () => nock.Scope;
  /** Settled by a read back (an update, a delete), not by a lookup. */
  update?: boolean;
  what: string;
}

export const runWrite = (w: Write) =>
  appTester(createPerform(w.key), bundle(w.input)) as Promise<Record<string, unknown> & { warnings: string[] }>;

/** The file Upload Media downloads. */
export const file = () => nock(FILES).get('/spring.png').reply(200, PNG, { 'Content-Type': 'image/png' });

type Reply = (i: nock.Interceptor) => nock.Scope;
export const HTML_PAGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>x</body></html>';
type LostCase = [name: string, reply: Reply, reason: RegExp];
/** Faults after which WordPress may have stored the write, each with the reason the step gives: no success status. */
export const LOST_WITHOUT_SUCCESS: LostCase[] = [
  [
    'a gateway 503 with Retry-After',
    (i) => i.reply(503, '', { 'Retry-After': '30' }),
    /the site answered HTTP 503 instead of WordPress's answer/,
  ],
  ['a 502 web page', (i) => i.reply(502, HTML_PAGE, { 'Content-Type': 'text/html' }), /HTTP 502 with an error page/],
  [
    'WordPress’s critical error',
    (i) =>
      i.reply(500, restError('internal_server_error', '<p>There has been a critical error on this website.</p>', 500)),
    /HTTP 500 \(internal_server_error\)/,
  ],
  [
    'a reset before any answer',
    (i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
    /cut off before any answer came/,
  ],
  [
    'a timeout',
    (i) => i.replyWithError({ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }),
    /no answer came within 25 seconds/,
  ],
  ['a gateway timeout (504)', (i) => i.reply(504, ''), /HTTP 504/],
];
/** The same, with a success status but no answer in it (what API Request takes as a success). */
export const LOST_IN_SUCCESS: LostCase[] = [
  [
    'a 200 web page from a cache',
    (i) => i.reply(200, HTML_PAGE, { 'Content-Type': 'text/html' }),
    /HTTP 200 with a web page \(from a cache, firewall or proxy\)/,
  ],
  ['an empty 200', (i) => i.reply(200, '', { 'Content-Type': 'application/json' }), /HTTP 200 with nothing/],
  ['a 200 of null', (i) => i.reply(200, 'null', { 'Content-Type': 'application/json' }), /HTTP 200 with nothing/],
  [
    'a cut-off answer',
    (i) => i.reply(201, '{"id":500,"title":{"rend', { 'Content-Type': 'application/json' }),
    /arrived cut off or garbled/,
  ],
];
export const LOST = [...LOST_WITHOUT_SUCCESS, ...LOST_IN_SUCCESS];
/** Where WordPress may still be running the request: an item not found yet is no proof. */
export const MAY_STILL_RUN = new Set(['a reset before any answer', 'a timeout', 'a gateway timeout (504)']);
