// The one way every operation calls WordPress. It builds the URL under the connection's REST root,
// sends JSON or bytes, turns network failures into messages, asks why (diagnosis.ts) when WordPress
// answers a connected call as anonymous, and keeps passwords and the token out of every error it
// lets through. The middlewares (middleware.ts) add the token and translate WordPress's refusals.
import { errors } from 'zapier-platform-core';
import { failResetAnswersAtOnce } from './answer_resets';
import type { Bundle, HttpRequestOptions, HttpResponse, RawHttpResponse, ZObject } from 'zapier-platform-core';
import {
  diagnoseAnonymous,
  isAnonymousStatusRefusal,
  isNobodyByHeaders,
  isPlatform401,
  issuedRecently,
  loggedInAfterAll,
} from './diagnosis';
import { WordPressError, scrubSecrets, userMessageOf } from './errors';
import { LostAnswerError, isLostAnswer, lostInTransit } from './lost_answer';
import { discoveryMessages, networkMessages } from './messages';
import { Query, WordPressCall, WordPressMiddlewareData, requestTimeoutMs } from './call';
import { REDIRECT_STATUSES, RedirectRefusedError, explainPlatformRedirect, hopOptions, nextHop } from './redirects';
import { schemeOf } from './schemes';
import { runAgent } from './sockets';
import { authDataOf, hostOf, restUrl, safeUrl, sameOrigin } from './site';

// A reset mid-answer fails at once, as a reset (not as a timeout 25 s later).
failResetAnswersAtOnce();

// What a call is (its route, body and flags) lives in call.ts, which diagnosis.ts and the middleware
// read too; it is part of this helper's API.
export type { Query, WordPressCall, WordPressMiddlewareData } from './call';

/** A site or file that could not be reached at all; `reason` says why in words. */
export class UnreachableError extends errors.Error {
  constructor(
    message: string,
    public readonly reason: string,
  ) {
    super(message, 'site_unreachable', 502);
  }
}

/** The server's clock, which stamps WordPress's dates: its `Date` header, else ours (epoch seconds). */
export function serverTimeOf(response: { getHeader: (name: string) => string | undefined }): number {
  const stamped = Date.parse(response.getHeader('date') ?? '');
  return Math.floor((Number.isNaN(stamped) ? Date.now() : stamped) / 1000);
}

export function callWordPress(
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  call: WordPressCall & { raw: true },
): Promise<RawHttpResponse>;
export function callWordPress<T = unknown>(
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  call: WordPressCall,
): Promise<HttpResponse<T>>;
export async function callWordPress<T>(
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  call: WordPressCall,
): Promise<HttpResponse<T> | RawHttpResponse> {
  const method = call.method ?? 'GET';
  const url = urlFor(bundle, call.route, call.query ?? {});
  const options: HttpRequestOptions & { url: string } = {
    url,
    method,
    headers: {
      Accept: 'application/json',
      ...(call.json ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      ...call.headers,
    },
    body: call.json ? jsonBody(call.json) : call.bytes,
    skipThrowForStatus: call.skipThrowForStatus,
    raw: call.raw,
    // This run's own connections, none left idle long enough to be dead (sockets.ts).
    agent: call.agent ?? runAgent(z, url, call.redirect === 'follow'),
    redirect: call.redirect ?? 'manual',
    middlewareData: {
      anonymous: call.anonymous,
      passThrough: call.passThrough,
      trustAnswer: call.trustAnswer,
    } satisfies WordPressMiddlewareData,
  };
  try {
    return await sendFollowingOwnRedirects<T>(z, options, call.redirect === 'manual');
  } catch (err) {
    if (err instanceof RedirectRefusedError) throw err;
    const local = explainPlatformRedirect(err, url);
    if (local) throw local;
    // The answer looked anonymous by its headers alone: where the connection is logged in after all,
    // the same call again, taken as it comes (failure path only: one check, remembered for a day).
    if (
      !call.trustAnswer &&
      isNobodyByHeaders(err) &&
      (await loggedInAfterAll((next) => callWordPress(z, bundle, next), z, bundle, err))
    ) {
      return callWordPress<T>(z, bundle, { ...call, trustAnswer: true });
    }
    const auth = authDataOf(bundle);
    const password = call.json?.password;
    const diagnosed = await diagnoseRefusal(z, bundle, call, err, url);
    throw withoutSecrets(diagnosed ?? unreachable(err, url, method, call) ?? err, [
      auth.token,
      auth.password,
      typeof password === 'string' ? password : undefined,
      ...(call.secrets ?? []),
    ]);
  }
}

/**
 * The request, with a redirect that came back to it (sent `manual`, as everything that carries a
 * credential is) followed within the same origin or refused in words (redirects.ts). A caller that
 * follows redirects itself gets the redirect as it came.
 */
async function sendFollowingOwnRedirects<T>(
  z: ZObject,
  options: HttpRequestOptions & { url: string },
  callerFollows: boolean,
): Promise<HttpResponse<T> | RawHttpResponse> {
  let request = options;
  for (let hops = 0; ; hops++) {
    const response = await z.request<T>(request);
    if (callerFollows || !REDIRECT_STATUSES.has(response.status)) return response;
    // The redirect's own body is of no use; a raw one would only hold the connection open.
    if (request.raw) (response as unknown as RawHttpResponse).body?.resume();
    const hop = nextHop(
      { url: request.url, method: request.method ?? 'GET' },
      response.status,
      response.getHeader('location'),
      hops,
    );
    request = hopOptions({ ...request, redirect: 'manual' }, hop);
  }
}

/**
 * Why a connected call came back as anonymous, when renewing the session cannot cure it: a draft
 * poll's refused status, or a 401 (Zapier's empty RefreshAuthError) although the token is brand new.
 * An old token's 401 is left to Zapier, which logs in again and retries once.
 */
async function diagnoseRefusal(
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  call: WordPressCall,
  err: unknown,
  url: string,
): Promise<Error | undefined> {
  const auth = authDataOf(bundle);
  if (call.anonymous || call.passThrough || !sameOrigin(url, auth.rest_root ?? '')) return undefined;
  // Nothing renews an Application Password: every 401 under one is explained at once.
  const renewable = schemeOf(auth) !== 'app_password';
  const anonymous = isPlatform401(err)
    ? !renewable || call.diagnoseAnyToken || issuedRecently(auth)
    : isAnonymousStatusRefusal(err) || (renewable && isNobodyByHeaders(err) && err.name !== 'RefreshAuthError');
  if (!anonymous) return undefined;
  return diagnoseAnonymous((next) => callWordPress(z, bundle, next), auth, safeUrl(url));
}

/**
 * The absolute URL with its query string already encoded. z.request refuses any url, params or
 * body text containing `{{bundle.…}}` or `{{process.…}}` (a post about Zapier may well contain
 * that): percent-encoded in the URL it is plain data, and `jsonBody` does the same for bodies.
 */
export function urlFor(bundle: Pick<Bundle, 'authData'>, route: string, query: Query = {}): string {
  let base = route;
  if (!/^https?:\/\//i.test(route)) {
    const root = authDataOf(bundle).rest_root;
    if (!root) throw new errors.Error(discoveryMessages.notConnected(), 'not_connected', 400);
    base = restUrl(root, route);
  }
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  if (!pairs.length) return base;
  return `${base}${base.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

/**
 * JSON text for a request body. `{{` never occurs in JSON outside strings, and inside them
 * `\u007b` is the same character to WordPress: so user text with Zapier-style curlies survives.
 */
export function jsonBody(value: unknown): string {
  return JSON.stringify(value).replace(/\{\{/g, '\\u007b\\u007b');
}

/** A network failure (DNS, refused, TLS, timeout) as an error that says so, or undefined. */
function unreachable(
  err: unknown,
  url: string,
  method: string,
  call: WordPressCall,
): UnreachableError | LostAnswerError | undefined {
  if (isLostAnswer(err)) return undefined;
  const reason = networkErrorMessage(err, url, call.check);
  if (!reason) return undefined;
  if (method === 'GET') return new UnreachableError(reason, reason);
  // A write whose answer was lost may still have been saved: the operation looks (settle_write.ts).
  const lost = call.passThrough ? undefined : lostInTransit(err, requestTimeoutMs() / 1000);
  return lost ?? new UnreachableError(networkMessages.writeMayHaveLanded(reason), reason);
}

/**
 * The message for a network failure reaching a URL (DNS, refused, TLS, timeout), or undefined when
 * it is none. `check` names what the user should correct: the Site URL, or the field with a link.
 */
export function networkErrorMessage(err: unknown, url: string, check = 'the Site URL'): string | undefined {
  const e = err as { code?: string; errno?: string; message?: string; type?: string };
  const code = e.code ?? e.errno ?? '';
  // node-fetch's message starts with the whole URL, whose words ("certificate.pdf") must not count.
  const detail = (e.message ?? '').replace(/^request to \S+ failed, reason: /, '');
  const host = hostOf(url);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /getaddrinfo/.test(detail))
    return networkMessages.dns(host, check);
  if (code === 'ECONNREFUSED') return networkMessages.refused(host, check);
  // node-fetch's word for a body that stopped: the answer had begun (answer_resets.ts).
  if (/^Invalid response body/.test(detail) && /ECONNRESET|EPIPE|ERR_STREAM_PREMATURE_CLOSE/.test(code)) {
    return networkMessages.resetMidAnswer(host);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(detail)) {
    return networkMessages.reset(host, code || 'connection reset');
  }
  // node-fetch's `aborted`: only the time limit's signal aborts a request (middleware.ts).
  if (
    code === 'ETIMEDOUT' ||
    e.type === 'request-timeout' ||
    e.type === 'aborted' ||
    /timeout|timed out/i.test(detail)
  ) {
    return networkMessages.timeout(host);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return networkMessages.unreachable(host, code, check);
  // OpenSSL's words for a TLS hello answered in plain HTTP: a port that does not speak HTTPS.
  if (/wrong version number|packet length too long|WRONG_VERSION_NUMBER|http request/i.test(`${code} ${detail}`)) {
    return networkMessages.plainHttp(host, check);
  }
  if (/CERT|SSL|TLS|self[- ]signed|unable[ _]to[ _]verify/i.test(`${code} ${detail}`)) {
    return networkMessages.tls(host, code || 'TLS error');
  }
  return undefined;
}

/**
 * The error with every secret removed from its message, and from WordPress's envelope, which
 * operations quote when they reword an error.
 */
function withoutSecrets(err: unknown, secrets: Array<string | undefined>): unknown {
  if (!(err instanceof Error)) return err;
  if (err instanceof WordPressError && err.body) {
    const body = JSON.parse(scrubSecrets(JSON.stringify(err.body), secrets)) as WordPressError['body'];
    return new WordPressError(scrubSecrets(userMessageOf(err), secrets), err.wpCode, err.httpStatus, body);
  }
  err.message = scrubSecrets(err.message, secrets);
  return err;
}
