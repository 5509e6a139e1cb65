// What one call to WordPress is: its route, body and the flags the middlewares read, and how long it
// may take. Its own module, so that the request helper, the middlewares and the diagnosis that
// makes calls of its own share these without importing one another.
import type { HttpRequestOptions } from 'zapier-platform-core';

export type Query = Record<string, string | number | boolean | undefined>;

/** Flags a call carries to the middlewares (never sent to WordPress). */
export interface WordPressMiddlewareData {
  /** Send no token: the login call must never carry a stale one (the plugin rejects it). */
  anonymous?: boolean;
  /** The caller judges the answer itself (site discovery, login, downloads). */
  passThrough?: boolean;
  /**
   * The site's answers lack WordPress's logged-in headers although the connection is logged in
   * (something in front of WordPress rewrites them): take its answers as they come.
   */
  trustAnswer?: boolean;
}

export interface WordPressCall extends WordPressMiddlewareData {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A route under the REST root (`wp/v2/posts`), or an absolute URL (the home page, a file). */
  route: string;
  query?: Query;
  /** A body sent as JSON. */
  json?: Record<string, unknown>;
  /** A body sent as it is (a media upload); `headers` say what it is. */
  bytes?: Buffer;
  headers?: Record<string, string>;
  /** Return 4xx and 5xx answers instead of throwing (the caller reads them). */
  skipThrowForStatus?: boolean;
  /** Keep the body as a stream (a download). */
  raw?: boolean;
  /** Input values that must never appear in an error (a new user's password). */
  secrets?: Array<string | undefined>;
  /** What a network failure tells the user to check: `the Site URL` unless the URL came from a field. */
  check?: string;
  /** The connection's agent: the download of a file uses one that refuses private addresses. */
  agent?: HttpRequestOptions['agent'];
  /**
   * `manual`: the caller follows redirects itself (a download checks every hop's address).
   * `follow`: node-fetch follows them anywhere (site discovery, which carries no credential; the
   * middleware makes any request that carries one `manual` all the same). Unset: followed here,
   * within the site's own origin only (redirects.ts).
   */
  redirect?: HttpRequestOptions['redirect'];
  /** Diagnose a 401 even when the token is old, instead of leaving it to Zapier's renewal. */
  diagnoseAnyToken?: boolean;
}

/** Per-request time limit: WP_REQUEST_TIMEOUT_MS in the app's environment, else 25 s. */
export function requestTimeoutMs(): number {
  const configured = Number(process.env.WP_REQUEST_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 25_000;
}
