// Why WordPress answered a connected request as if nobody were logged in. Asked only after such a
// refusal, never on a call that worked: the JWT plugin's /token/validate says whether the
// Authorization header reached PHP at all; when it did and the token is good, a login with the
// stored credentials says whether the user the token names still exists (a deleted user's token
// keeps validating, but names nobody, so WordPress treats every request as anonymous).
//
// The diagnosis sends its requests through the caller's `send` (callWordPress for the connection):
// request.ts asks for a diagnosis itself, so this module cannot import it.
import { errors } from 'zapier-platform-core';
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { cacheGet, cacheSet } from './cache';
import { WordPressError, parseErrorBody, statusParamDetail } from './errors';
import { loginMessages } from './messages';
import type { WordPressCall } from './call';
import { AuthScheme, appPasswordsProfileUrl, basicAuthorization, schemeOf, unwrapEnvelope } from './schemes';
import { AuthData, authDataOf, hostOf, restUrl } from './site';
import { stripTags } from '../wordpress/text';

export type Send = (call: WordPressCall) => Promise<HttpResponse>;

/** Discovery and login judge WordPress's answers themselves, and never send a token. */
export const OWN_JUDGEMENT = { passThrough: true, anonymous: true, skipThrowForStatus: true } as const;

/**
 * A token younger than this that WordPress treats as anonymous was not refused for its age, so a
 * renewal would only be refused again (Zapier renews and retries within seconds).
 */
export const FRESH_TOKEN_SECONDS = 120;

/** Zapier turns every 401 into a RefreshAuthError without a message, before any middleware of ours. */
export function isPlatform401(err: unknown): boolean {
  return err instanceof Error && err.name === 'RefreshAuthError' && !err.message;
}

/** A `status` filter refused with 401 inside WordPress's 400: the request arrived anonymous (a draft poll). */
export function isAnonymousStatusRefusal(err: unknown): boolean {
  const detail = statusParamDetail(err);
  return detail?.code === 'rest_forbidden_status' && detail.data?.status === 401;
}

interface TokenClaims {
  iat?: unknown;
  data?: { user?: { id?: unknown } };
}

/** The claims of a JWT, read without verifying it (only WordPress can); undefined when it is none. */
export function tokenClaims(token: string | undefined): TokenClaims | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as TokenClaims) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Issued moments ago (or in the future): a refusal is not about its age. Judged by Zapier's clock
 * when the login recorded it (`token_issued_at`), since a site's slow clock makes a new token's
 * `iat` look old; connections from before that field fall back to `iat`.
 */
export function issuedRecently(auth: Pick<Partial<AuthData>, 'token' | 'token_issued_at'>, now = Date.now()): boolean {
  const recorded = Number(auth.token_issued_at);
  const iat = auth.token_issued_at && Number.isFinite(recorded) ? recorded : tokenClaims(auth.token)?.iat;
  return typeof iat === 'number' && now / 1000 - iat < FRESH_TOKEN_SECONDS;
}

function tokenUserId(token: string | undefined): string | undefined {
  const id = tokenClaims(token)?.data?.user?.id;
  return id === undefined || id === null ? undefined : String(id);
}

/**
 * The plugin's login: the stored credentials, never the old token (the seed's plugin refuses a stale
 * Bearer everywhere). Useful Team's answers its refusals with 401, which only `_envelope` lets us read.
 */
export function loginCall(restRoot: string, auth: Partial<AuthData>, scheme: AuthScheme = 'jwt'): WordPressCall {
  return {
    method: 'POST',
    route: restUrl(restRoot, 'jwt-auth/v1/token'),
    query: scheme === 'jwt_useful' ? { _envelope: 1 } : undefined,
    json: { username: auth.username ?? '', password: auth.password ?? '' },
    ...OWN_JUDGEMENT,
  };
}

/** The token in a login answer: the seed plugin's `{token}` or Useful Team's `{success, data: {token}}`. */
export function tokenIn(data: unknown): { token: string; useful: boolean } | undefined {
  const answer = data as { token?: unknown; success?: unknown; data?: { token?: unknown } } | undefined;
  if (typeof answer?.token === 'string' && answer.token) return { token: answer.token, useful: false };
  const inner = answer?.success === true ? answer.data?.token : undefined;
  return typeof inner === 'string' && inner ? { token: inner, useful: true } : undefined;
}

/** The login failures that mean the stored username or email address no longer belongs to a user. */
export const USER_GONE_CODES = [
  '[jwt_auth] invalid_username',
  '[jwt_auth] invalid_email',
  'invalid_username',
  'invalid_email',
];

/**
 * A login refused by a two-factor or security plugin rather than for the password: the Two Factor
 * plugin's `invalid_application_credentials` ("API login for user disabled"), Wordfence's `wfls_…`,
 * and others that say so in words. Only an Application Password passes those.
 */
export function refusesPasswordLogins(body: { code: string; message?: string } | undefined): boolean {
  if (!body) return false;
  const code = body.code.replace(/^\[jwt_auth\] /, '');
  if (code === 'invalid_application_credentials' || code.startsWith('wfls_')) return true;
  return /two[- ]?factor|2fa|two[- ]step|authentication code|api login/i.test(`${code} ${body.message ?? ''}`);
}

/**
 * The check of an Application Password: who WordPress takes the Basic login for, in the envelope
 * (a refused one is a 401 Zapier would swallow). WordPress ignores a Basic login that is not an
 * Application Password, so a regular password, an unknown user and a revoked password all read
 * `rest_not_logged_in`.
 */
export function appPasswordCheck(restRoot: string, auth: Partial<AuthData>): WordPressCall {
  return {
    route: restUrl(restRoot, 'wp/v2/users/me'),
    query: { _fields: 'id', _envelope: 1 },
    headers: { Authorization: basicAuthorization(auth) },
    ...OWN_JUDGEMENT,
  };
}

/** Whether `/users/me`, asked in WordPress's envelope, names a logged-in user. */
function loggedInAnswer(response: HttpResponse): boolean {
  const answer = unwrapEnvelope(response);
  return answer.status === 200 && typeof (answer.data as { id?: unknown } | undefined)?.id === 'number';
}

/** What the check's answer says: undefined when WordPress took the login, else the error to throw. */
export function judgeAppPassword(
  response: HttpResponse,
  auth: Partial<AuthData>,
  restRoot: string,
  connected: boolean,
): WordPressError | undefined {
  if (loggedInAnswer(response)) return undefined;
  const answer = unwrapEnvelope(response);
  const body = parseErrorBody(answer.content);
  if (answer.status === 401 || body?.code === 'rest_not_logged_in' || body?.code === 'incorrect_password') {
    const message = loginMessages.appPasswordRefused(
      hostOf(restRoot),
      auth.username ?? '',
      appPasswordsProfileUrl(restRoot),
      connected,
    );
    return new WordPressError(message, 'application_password_refused', 401);
  }
  return undefined;
}

export function userGoneError(auth: Partial<AuthData>): WordPressError {
  return new WordPressError(
    loginMessages.userGone(auth.username ?? '', hostOf(auth.rest_root ?? '')),
    'user_gone',
    401,
  );
}

/**
 * What made WordPress treat a connected request (`refused`, a URL fit for a message) as anonymous,
 * as an error to throw instead; undefined when the answers do not tell (the caller's error stands).
 */
export async function diagnoseAnonymous(
  send: Send,
  auth: Partial<AuthData>,
  refused: string,
): Promise<Error | undefined> {
  const scheme = schemeOf(auth);
  try {
    if (scheme === 'app_password') {
      const check = await send(appPasswordCheck(auth.rest_root ?? '', auth));
      return judgeAppPassword(check, auth, auth.rest_root ?? '', true);
    }
    const validate = unwrapEnvelope(
      await send({
        method: 'POST',
        route: 'jwt-auth/v1/token/validate',
        // Useful Team's plugin answers with 401, which Zapier would swallow.
        query: scheme === 'jwt_useful' ? { _envelope: 1 } : undefined,
        passThrough: true,
        skipThrowForStatus: true,
      }),
    );
    const judged = judgeValidation(validate, auth);
    if (judged !== 'valid') return judged;
    return auth.rest_root ? await whoseToken(send, auth, refused) : undefined;
  } catch {
    // The diagnosis failed too (network, a 401 in front of the plugin): the original refusal says more.
    return undefined;
  }
}

/**
 * Codes of a token a new login replaces: the signature no longer matches (the site re-keyed), it
 * expired, another home URL issued it, or (Useful Team's) the user's password changed since.
 */
const RENEWABLE_CODES = [
  'jwt_auth_invalid_token',
  'jwt_auth_bad_iss',
  'jwt_auth_bad_request',
  'jwt_auth_obsolete_token',
];

/**
 * What `/token/validate` says of the token: `valid` (the user is asked next), or the error to throw.
 * Only this route reads the header itself, so only it can tell a stripped header from a token that
 * is refused (a renewal cures it: Useful Team's plugin ignores such a token on every other route),
 * from a user the token names no longer existing, from the plugin being gone altogether.
 */
export function judgeValidation(
  validate: { status: number; data: unknown; content: string },
  auth: Partial<AuthData>,
): Error | 'valid' | undefined {
  const code = parseErrorBody(validate.content)?.code ?? '';
  const site = hostOf(auth.rest_root ?? '');
  if (code === 'jwt_auth_no_auth_header') {
    return new WordPressError(loginMessages.authorizationStripped(), 'authorization_header_stripped', 403);
  }
  if (validate.status === 404 && code === 'rest_no_route') {
    return new WordPressError(loginMessages.pluginGone(site, schemeOf(auth)), 'jwt_plugin_inactive', 401);
  }
  if (code === 'jwt_auth_user_not_found') return userGoneError(auth);
  if (RENEWABLE_CODES.includes(code)) {
    const said = stripTags(String((validate.data as { message?: unknown } | undefined)?.message ?? code));
    return new errors.RefreshAuthError(loginMessages.staleToken(said));
  }
  const valid = (validate.data as { code?: unknown } | undefined)?.code === 'jwt_auth_valid_token';
  return validate.status === 200 && valid ? 'valid' : undefined;
}

/** The token is good and reaches WordPress: does its user still exist? Logging in again tells. */
async function whoseToken(send: Send, auth: Partial<AuthData>, refused: string): Promise<WordPressError | undefined> {
  const login = unwrapEnvelope(await send(loginCall(auth.rest_root ?? '', auth, schemeOf(auth))));
  if (USER_GONE_CODES.includes(parseErrorBody(login.content)?.code ?? '')) return userGoneError(auth);
  const fresh = tokenIn(login.data)?.token;
  if (login.status !== 200 || fresh === undefined) return undefined;
  // Deleted and created again under the same name: the old token names the old user ID.
  const [before, now] = [tokenUserId(auth.token), tokenUserId(fresh)];
  if (before !== undefined && now !== undefined && before !== now) return userGoneError(auth);
  return new WordPressError(loginMessages.anonymousOnRoute(refused, auth.username ?? ''), 'authorization_dropped', 401);
}

/** What marks an error raised only because an answer lacked WordPress's logged-in headers. */
const BY_HEADERS = Symbol('nobody by headers');

export function markNobodyByHeaders<E extends Error>(err: E): E {
  return Object.assign(err, { [BY_HEADERS]: true });
}

export function isNobodyByHeaders(err: unknown): err is Error {
  return err instanceof Error && (err as Error & { [BY_HEADERS]?: boolean })[BY_HEADERS] === true;
}

/** How long a site seen rewriting WordPress's logged-in headers is trusted without them. */
const HEADERS_REWRITTEN_SECONDS = 24 * 3600;

/**
 * Whether the connection is logged in although an answer looked anonymous by its headers alone: a
 * cache or proxy in front of WordPress that rewrites its no-cache headers would otherwise make every
 * call fail. Known for a day once seen; else asked of `/users/me` once, in WordPress's envelope (a 401
 * there must be read, not turned into a renewal). An old token's refusal is left to the renewal: the
 * fresh token is checked, if it comes to that.
 */
export async function loggedInAfterAll(
  call: (next: WordPressCall) => Promise<HttpResponse>,
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  err: Error,
): Promise<boolean> {
  const root = authDataOf(bundle).rest_root;
  const key = root ? `wp-logged-in-headers-rewritten:${root}` : undefined;
  if (await cacheGet<{ at: number }>(z, key, (value) => typeof value.at === 'number')) return true;
  if (err.name === 'RefreshAuthError') return false;
  try {
    const loggedIn = loggedInAnswer(
      await call({ route: 'wp/v2/users/me', query: { _fields: 'id', _envelope: 1 }, passThrough: true }),
    );
    if (loggedIn) await cacheSet(z, key, { at: Date.now() }, HEADERS_REWRITTEN_SECONDS);
    return loggedIn;
  } catch {
    return false;
  }
}
