// What every request and answer passes through: the token on the way out, WordPress's verdict on
// the way back.
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { noteFeedSeq } from './companion';
import { issuedRecently, markNobodyByHeaders, tokenClaims } from './diagnosis';
import { WordPressError, explainWordPressError, looksLikeHtml, parseErrorBody, scrubSecrets } from './errors';
import type { WordPressErrorBody } from './errors';
import { isMaintenanceAnswer, lostWriteAnswer } from './lost_answer';
import { answerMessages, loginMessages } from './messages';
import { REDIRECT_STATUSES, keepCredentialsHome } from './redirects';
import { WordPressMiddlewareData, requestTimeoutMs } from './call';
import { answeredAnonymously, appPasswordsProfileUrl, basicAuthorization, renewalDue, schemeOf } from './schemes';
import { AuthData, authDataOf, hostOf, safeUrl, sameOrigin } from './site';
import { stripTags } from '../wordpress/text';

// JWT plugin codes for a token WordPress will no longer accept; all are cured by logging in again.
const STALE_TOKEN_CODES = new Set(['jwt_auth_invalid_token', 'jwt_auth_bad_iss', 'jwt_auth_bad_request']);

function middlewareData(request: HttpRequestOptions | undefined): WordPressMiddlewareData {
  return (request?.middlewareData ?? {}) as WordPressMiddlewareData;
}

/**
 * `Authorization: Bearer <token>`, or Basic with the Application Password, but only to the site
 * itself: an image URL on another host never sees either. A token about to expire is renewed first
 * (RefreshAuthError before anything is sent): one login, never a request answered as nobody.
 * Whatever carries a credential then goes with `redirect: 'manual'` (redirects.ts).
 */
export const addBearerToken = (
  request: HttpRequestOptions & { url: string },
  z: ZObject,
  bundle: Bundle,
): HttpRequestOptions & { url: string } => keepCredentialsHome(withCredential(request, z, bundle));

function withCredential(
  request: HttpRequestOptions & { url: string },
  z: ZObject,
  bundle: Bundle,
): HttpRequestOptions & { url: string } {
  const auth = authDataOf(bundle);
  // Zapier stops a step after about 30 s; failing a little earlier lets us say why. The limit is a
  // signal, not node-fetch's `timeout`: node-fetch leaves its body timer armed when an answer fails
  // mid-body (a reset), holding the process open for the whole limit; AbortSignal's timer never does.
  const timed = request as { timeout?: number; signal?: AbortSignal };
  if (timed.timeout === undefined && !timed.signal) timed.signal = AbortSignal.timeout(requestTimeoutMs());
  if (!auth.rest_root || middlewareData(request).anonymous || !sameOrigin(request.url, auth.rest_root)) return request;
  if (schemeOf(auth) === 'app_password') {
    if (auth.password) request.headers = { ...(request.headers ?? {}), Authorization: basicAuthorization(auth) };
  } else if (auth.token) {
    if (renewalDue(auth, tokenClaims(auth.token))) throw new z.errors.RefreshAuthError(loginMessages.tokenExpiring());
    request.headers = { ...(request.headers ?? {}), Authorization: `Bearer ${auth.token}` };
  }
  return request;
}

/** A REST API answer (not a file of the same site) under the connection's root. */
function isRestAnswer(url: string, restRoot: string): boolean {
  try {
    const root = new URL(restRoot);
    const target = new URL(url);
    if (root.searchParams.has('rest_route'))
      return target.pathname === root.pathname && target.searchParams.has('rest_route');
    return target.toString().startsWith(root.toString());
  } catch {
    return false;
  }
}

/**
 * Useful Team's plugin ignores a token it refuses, WordPress a Basic login that is no Application
 * Password, and WordPress a token whose plugin was deactivated or whose user was deleted (the seed's
 * plugin too): the request then runs as nobody, and a poll quietly returns only public posts. A
 * connected REST read answered without WordPress's logged-in headers is therefore an error: a
 * renewal for an older token of Useful Team's, else the diagnosis (request.ts). Never a write:
 * WordPress refuses an anonymous write itself (401), so a write it accepted was logged in, and
 * failing it would make Zapier's Autoreplay write it twice.
 */
function refuseAnonymousAnswer(response: HttpResponse, z: ZObject, auth: Partial<AuthData>): void {
  const scheme = schemeOf(auth);
  const sent = response.request?.headers?.Authorization ?? '';
  const read = (response.request?.method ?? 'GET').toUpperCase() === 'GET';
  if (!sent || !read || response.request?.raw || response.status >= 300) return;
  // Not JSON (a cache's or firewall's page): not WordPress's answer at all, and said so below.
  if (response.data === undefined) return;
  if (middlewareData(response.request).trustAnswer) return;
  if (!isRestAnswer(response.request?.url ?? '', auth.rest_root ?? '') || !answeredAnonymously(response)) return;
  const site = hostOf(auth.rest_root ?? '');
  // Marked: request.ts asks once whether the connection is logged in after all (headers rewritten).
  if (scheme === 'app_password') {
    throw markNobodyByHeaders(
      new WordPressError(
        loginMessages.appPasswordRefused(site, auth.username ?? '', appPasswordsProfileUrl(auth.rest_root ?? ''), true),
        'application_password_refused',
        401,
      ),
    );
  }
  // The seed's plugin refuses a bad token itself (403), so its answer as nobody is never about the
  // token's age; nor is a brand-new token's under Useful Team's. request.ts asks why.
  if (scheme === 'jwt' || issuedRecently(auth)) {
    const url = safeUrl(response.request?.url ?? '');
    throw markNobodyByHeaders(
      new WordPressError(loginMessages.answeredAsNobodyUnexplained(url), 'answered_as_nobody', 401),
    );
  }
  throw markNobodyByHeaders(new z.errors.RefreshAuthError(loginMessages.answeredAsNobody()));
}

/**
 * Turns WordPress's answers into Zapier's errors: a stale token into RefreshAuthError (Zapier
 * then logs in again with the stored username and password and retries), everything else into
 * a message that says what to do.
 */
export const handleWordPressResponse = (response: HttpResponse, z: ZObject, bundle: Bundle): HttpResponse => {
  if (middlewareData(response.request).passThrough) return response;
  // A redirect of a request sent with `redirect: 'manual'` is request.ts's to follow or refuse.
  if (REDIRECT_STATUSES.has(response.status) && response.request?.redirect === 'manual') return response;
  const url = response.request?.url ?? '';
  const auth = authDataOf(bundle);
  if (auth.rest_root && url && !sameOrigin(url, auth.rest_root)) return response;

  noteFeedSeq(bundle, response);
  const status = response.status;
  const content = response.request?.raw ? undefined : safeContent(response);
  // Only a refusal carries WordPress's error envelope: a poll's 2xx is not parsed a second time.
  const body = status >= 400 ? parseErrorBody(content) : undefined;
  const sentBearer = /^Bearer /.test(response.request?.headers?.Authorization ?? '');

  if (status >= 400 && body && sentBearer && STALE_TOKEN_CODES.has(body.code)) {
    throw new z.errors.RefreshAuthError(loginMessages.staleToken(stripTags(body.message)));
  }
  refuseAnonymousAnswer(response, z, auth);
  const write = (response.request?.method ?? 'GET').toUpperCase() !== 'GET';
  throwIfThrottled(response, z, write, body);
  // A write's answer that is not WordPress's verdict (a gateway's 5xx, a web page, nothing): the
  // operation looks the item up (settle_write.ts) instead of saying "try again".
  if (write && !response.request?.raw && !response.skipThrowForStatus) {
    // WordPress accepted it and printed a PHP notice before its JSON: its answer all the same.
    if (status < 300 && response.data === undefined && content?.trim()) response.data = jsonAfterNotice(content);
    const lost = lostWriteAnswer(response, content, body, response.data);
    if (lost) throw lost;
    if (status < 300) return response;
  }
  if (status >= 400) {
    if (response.skipThrowForStatus) return response;
    if (body) {
      const message = scrubSecrets(explainWordPressError(body, status, write), [auth.token, auth.password]);
      throw new WordPressError(message, body.code, status, body);
    }
    if (looksLikeHtml(content, response.getHeader('content-type'))) {
      if (status === 404) throw new WordPressError(answerMessages.html404(safeUrl(url)), 'rest_html_404', status);
      throw new WordPressError(answerMessages.htmlInsteadOfJson(safeUrl(url), status), 'html_response', status);
    }
    const message =
      status >= 500
        ? answerMessages.serverFailed(hostOf(url), status, write)
        : answerMessages.refusedUnexplained(hostOf(url), status);
    throw new WordPressError(message, `http_${status}`, status);
  }
  // A read's 2xx that is not JSON: something answered in WordPress's place.
  if (!response.request?.raw && content !== undefined && content.trim() !== '' && response.data === undefined) {
    if (looksLikeHtml(content, response.getHeader('content-type'))) {
      throw new WordPressError(answerMessages.htmlInsteadOfJson(safeUrl(url), status), 'html_response', status);
    }
    throw new WordPressError(answerMessages.invalidJson(hostOf(url), status, write), 'invalid_json', status);
  }
  return response;
};

/** Enough for a few notices before the JSON; every try parses the rest of the answer. */
const MAX_JSON_STARTS = 8;

/**
 * WordPress's JSON with text printed before it (WP_DEBUG_DISPLAY's `<br />\n<b>Notice</b>: …`, a
 * plugin's stray echo): the JSON from the first `{` or `[`, or from one that starts a line (PHP ends
 * every notice with a line break, and WordPress's JSON holds none, so no inner object starts a line).
 * An answer that itself starts as JSON is cut off or garbled, never recovered: a cut-off answer can
 * end on a complete inner object that would pass for the whole.
 */
export function jsonAfterNotice(content: string): object | undefined {
  if (/^\s*[{[]/.test(content)) return undefined;
  const starts = [content.search(/[{[]/), ...[...content.matchAll(/\n\s*(?=[{[])/g)].map(startOf)];
  for (const start of [...new Set(starts)].filter((i) => i >= 0).slice(0, MAX_JSON_STARTS)) {
    try {
      const data: unknown = JSON.parse(content.slice(start));
      if (data !== null && typeof data === 'object') return data;
    } catch {
      // Not the start of the JSON: try the next.
    }
  }
  return undefined;
}

function startOf(match: RegExpMatchArray): number {
  return (match.index ?? 0) + match[0].length;
}

/**
 * 429, and 503 with Retry-After: Zapier's ThrottledError is the only error Zapier retries by itself.
 * After a write, only what provably came before it: a 429, and WordPress's own maintenance answer
 * (a gateway's 503 may come after WordPress stored the write).
 */
function throwIfThrottled(
  response: HttpResponse,
  z: ZObject,
  write: boolean,
  body: WordPressErrorBody | undefined,
): void {
  const status = response.status;
  if (status !== 429 && status !== 503) return;
  if (write && status === 503 && !isMaintenanceAnswer(response, body)) return;
  const retryAfter = Number.parseInt(response.getHeader('retry-after') ?? '', 10);
  const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : status === 429 ? 60 : undefined;
  if (delay === undefined) return;
  throw new z.errors.ThrottledError(
    answerMessages.throttled(hostOf(response.request?.url ?? ''), status, delay),
    delay,
  );
}

function safeContent(response: HttpResponse): string | undefined {
  try {
    return response.content;
  } catch {
    return undefined;
  }
}
