// Shared by the unit tests: the app under Zapier's app tester, a connected bundle for a fake
// site, and a reader for the user-facing message inside Zapier's error wrappers.
import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import app from '../../index';

import { caught, userMessage } from '../messages';

export { caught, userMessage };

export const SITE = 'https://example.com';
export const REST_ROOT = `${SITE}/wp-json/`;
export const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUuY29tIn0.c2lnbmF0dXJl';
export const PASSWORD = 'p@ss "wörd" & \'ünïcode\' ✓';

/** A token shaped as the JWT plugin issues it, for user `userId`, issued `secondsAgo` (unsigned: only WordPress checks). */
export function issuedToken(secondsAgo: number, userId = '2'): string {
  const iat = Math.floor(Date.now() / 1000) - secondsAgo;
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: SITE, iat, nbf: iat, exp: iat + 7 * 86_400, data: { user: { id: userId } } };
  return `${part({ typ: 'JWT', alg: 'HS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export const appTester = createAppTester(app);

/** Zapier's cache as the app tester keeps it (in memory, across calls). */
export function forgetCache(): void {
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
}

// Every test starts with an empty cache, like a Zap's first run: what one test leaves there (a poll's
// kept state, a remembered refusal) never changes another's requests.
beforeEach(forgetCache);

export function authData(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    site_url: SITE,
    username: 'edith',
    password: PASSWORD,
    token: TOKEN,
    rest_root: REST_ROOT,
    ...overrides,
  };
}

/** A bundle for a connected account; `inputData` and `meta` as given. */
export function bundle(inputData: Record<string, unknown> = {}, meta: Record<string, unknown> = {}, auth = authData()) {
  return {
    authData: auth,
    inputData,
    meta: { isLoadingSample: false, isFillingDynamicDropdown: false, limit: -1, page: 0, ...meta },
  };
}

/** Asserts a message is actionable and free of secrets. */
export function expectCleanMessage(message: string): void {
  expect(message).toBeTruthy();
  expect(message).not.toMatch(/undefined|\[object Object\]|^\s*at /m);
  expect(message).not.toContain(TOKEN);
  expect(message).not.toContain(PASSWORD);
}

/** Runs `fn`, expects a clean, actionable error, and returns it with its message. */
export async function failsWith(fn: () => Promise<unknown>): Promise<{ message: string; err: Error }> {
  const err = await caught(fn);
  const message = userMessage(err);
  expectCleanMessage(message);
  return { message, err };
}

/**
 * WordPress's no-cache headers, which it sends on every REST answer to a logged-in user (6.1) and
 * never to an anonymous one: the app reads a connected answer without them as given to nobody.
 */
export const LOGGED_IN_HEADERS = {
  Expires: 'Wed, 11 Jan 1984 05:00:00 GMT',
  'Cache-Control': 'no-cache, must-revalidate, max-age=0',
};

/** nock scope for the fake site's REST API, answering as WordPress answers a logged-in user. */
export function wp() {
  return nock(SITE).defaultReplyHeaders(LOGGED_IN_HEADERS);
}

/** nock scope for the fake site answering as WordPress answers nobody (no logged-in headers). */
export function wpAsNobody() {
  return nock(SITE);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** A media upload's multipart/form-data body: its text fields and its file part. */
export interface UploadForm {
  boundary: string;
  fields: Record<string, string>;
  file?: { filename: string; type?: string; bytes: Buffer };
  /** The body ends with the closing delimiter. */
  closed: boolean;
}

/** Reads a multipart body as nock hands it over (hex when it holds bytes that are not UTF-8). */
export function readForm(body: string): UploadForm {
  const bytes = /^[0-9a-f]+$/i.test(body) ? Buffer.from(body, 'hex') : Buffer.from(body, 'utf8');
  const delimiter = `\r\n${bytes.subarray(0, bytes.indexOf('\r\n')).toString()}`;
  const form: UploadForm = { boundary: delimiter.slice(4), fields: {}, closed: false };
  let at = delimiter.length;
  for (let next = bytes.indexOf(delimiter, at); next >= 0; next = bytes.indexOf(delimiter, at)) {
    const part = bytes.subarray(at, next);
    const headEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headEnd).toString();
    const content = part.subarray(headEnd + 4);
    const name = /; name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /; filename="([^"]*)"/.exec(head)?.[1];
    if (filename === undefined) form.fields[name] = content.toString('utf8');
    else form.file = { filename, type: /^content-type: (.*)$/im.exec(head)?.[1], bytes: content };
    at = next + delimiter.length + 2;
    if (bytes.subarray(next + delimiter.length, at).toString() === '--') {
      form.closed = bytes.subarray(at).toString() === '\r\n';
      break;
    }
  }
  return form;
}
