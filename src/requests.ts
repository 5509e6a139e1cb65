// How actions and searches talk to WordPress beyond `wpRequest`: user text that must reach
// WordPress byte for byte, and WordPress's errors re-worded for the operation that met them.
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { AuthData, WordPressError, restUrl, scrubSecrets, stripTags, wpRequest } from './wordpress';

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * The absolute URL of a REST route with its query string already encoded. z.request refuses any
 * url, params or body text containing `{{bundle.…}}` or `{{process.…}}` (a post about Zapier may
 * well contain that): percent-encoded in the URL it is plain data, and `jsonBody` does the same
 * for bodies.
 */
export function wpUrl(bundle: Bundle, route: string, query: Query = {}): string {
  const root = (bundle.authData as Partial<AuthData>).rest_root;
  // Without a root the middleware reports "reconnect"; pass the route through untouched for it.
  const base = root ? restUrl(root, route) : route;
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

/** A JSON write (POST) to a route; the response body typed as T. */
export async function writeJson<T>(
  z: ZObject,
  bundle: Bundle,
  route: string,
  body: Record<string, unknown>,
  query: Query = {},
): Promise<HttpResponse<T>> {
  return wpRequest<T>(z, {
    url: wpUrl(bundle, route, query),
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
    body: jsonBody(body),
  });
}

export async function readJson<T>(
  z: ZObject,
  bundle: Bundle,
  route: string,
  query: Query = {},
): Promise<HttpResponse<T>> {
  return wpRequest<T>(z, { url: wpUrl(bundle, route, query), method: 'GET', headers: { Accept: 'application/json' } });
}

/** A message for one WordPress code, or undefined to keep the shared one. */
export type Rewording = (err: WordPressError) => string | undefined;

/**
 * Rethrows a WordPress error with the operation's own message for its code (the shared message
 * knows the code but not what the user was doing). `status` lets a user mistake that WordPress
 * reports as HTTP 500 (duplicate username) read as the 400 it is.
 */
export function reword(
  err: unknown,
  messages: Record<string, Rewording | string>,
  status?: Record<string, number>,
): never {
  throw reworded(err, messages, status);
}

/** The same, returning the error instead of throwing it (for cleanup before the throw). */
export function reworded(
  err: unknown,
  messages: Record<string, Rewording | string>,
  status?: Record<string, number>,
): unknown {
  if (err instanceof WordPressError) {
    const entry = messages[err.wpCode];
    const message = typeof entry === 'function' ? entry(err) : entry;
    if (message) return new WordPressError(message, err.wpCode, status?.[err.wpCode] ?? err.httpStatus, err.body);
  }
  return err;
}

/** WordPress's own message, as plain text, for quoting. */
export function wordpressSaid(err: WordPressError): string {
  const text = stripTags(err.body?.message ?? '').replace(/[.!]+$/, '');
  return text ? ` WordPress said: "${text}".` : '';
}

/** Field labels for WordPress's parameter names, so `rest_invalid_param` names the Zap's field. */
export function invalidParamMessage(err: WordPressError, labels: Record<string, string>): string | undefined {
  const data = err.body?.data;
  const params = data?.params;
  if (!params) return undefined;
  const details = (data?.details ?? {}) as Record<string, { message?: string }>;
  const label = (name: string) => {
    const base = name.replace(/\[.*$/, '').split('.')[0] ?? name;
    return labels[base] ? `${labels[base]} (${name})` : name;
  };
  const parts = Array.isArray(params)
    ? params.map((name) => `${label(name)} is missing`)
    : Object.entries(params).map(
        ([name, msg]) => `${label(name)}: ${stripTags(details[name]?.message ?? String(msg)).replace(/[.!]+$/, '')}`,
      );
  if (!parts.length) return undefined;
  return `WordPress rejected the input. ${parts.join('; ')}. Correct ${parts.length > 1 ? 'these fields' : 'this field'} and try again.`;
}

/**
 * Runs an operation so that no error it throws carries the token, the connection's password or a
 * password from the input: WordPress and plugins may quote input in their messages. Zapier's
 * errors hold their message as JSON, so the JSON-escaped form is removed too.
 */
export async function withoutSecrets<T>(
  bundle: Bundle,
  extra: Array<string | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Error) {
      const auth = bundle.authData as Partial<AuthData>;
      const secrets = [auth.token, auth.password, ...extra].filter((s): s is string => !!s);
      err.message = scrubSecrets(
        err.message,
        secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]),
      );
    }
    throw err;
  }
}
