// Redirects of requests that carry a credential (the login's username and password, a Bearer token,
// an Application Password as Basic, a cookie). node-fetch follows redirects by itself, drops
// `Authorization` only when the host name changes (not the port or the scheme) and sends a login's
// body again after a 307 or 308: so every such request is sent with `redirect: 'manual'`, and
// request.ts follows a redirect itself only within the same origin (scheme, host and port), with a
// limit on hops. Site discovery, which carries nothing secret, may still let node-fetch follow.
import { errors } from 'zapier-platform-core';
import type { HttpRequestOptions } from 'zapier-platform-core';
import { redirectMessages } from './redirect_messages';
import { hostOf, safeUrl } from './site';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Enough for a trailing slash, a prefix and a language; a site that needs more is looping. */
export const MAX_REDIRECTS = 5;

/** Zapier's own words when node-fetch followed a redirect to a loopback host. */
const PLATFORM_LOCAL_REDIRECT = 'Redirecting to disallowed hostname';

/** A redirect the app would not follow; its message says where it led and what to do. */
export class RedirectRefusedError extends errors.Error {
  constructor(message: string, code: string, status: number) {
    super(message, code, status);
  }
}

/** The request a redirect leads to: its URL, and whether the method and body go along. */
export interface Hop {
  url: string;
  method: string;
  /** 307 and 308 send the same method and body again; 301, 302 and 303 of a read are a GET. */
  keepBody: boolean;
}

/**
 * Where a redirect answer to `method url` is followed, or the error that says why it is not. Only
 * within the request's own origin. After a write, 307 and 308 (which promise that the request was
 * not acted on and must be sent unchanged) repeat it, and 303 (which says it was acted on, and
 * where its result is) reads the result; a 301 or 302 is not followed, since following it as
 * clients do would turn the write into a read and report that read as the write's success.
 */
export function nextHop(
  from: { url: string; method: string },
  status: number,
  location: string | null | undefined,
  hops: number,
): Hop {
  const isWrite = !/^(GET|HEAD)$/i.test(from.method);
  const host = hostOf(from.url);
  if (!location)
    throw new RedirectRefusedError(
      redirectMessages.noLocation(host, status, isWrite),
      'redirect_without_location',
      status,
    );
  let target: URL;
  try {
    target = new URL(location, from.url);
  } catch {
    throw new RedirectRefusedError(
      redirectMessages.noLocation(host, status, isWrite),
      'redirect_without_location',
      status,
    );
  }
  const source = new URL(from.url);
  if (source.protocol === 'https:' && target.protocol === 'http:') {
    throw new RedirectRefusedError(
      redirectMessages.downgrade(host, safeUrl(target.toString()), status, isWrite),
      'redirect_to_http',
      status,
    );
  }
  if (target.origin !== source.origin) {
    const siteUrl = siteAddressAt(target);
    // http:// to https:// of the same host: the hosts alone would read the same.
    const [fromName, toName] = target.host === source.host ? [source.origin, target.origin] : [host, target.host];
    const message = redirectMessages.otherOrigin(fromName, toName, status, siteUrl, isWrite);
    throw new RedirectRefusedError(message, 'redirect_to_other_origin', status);
  }
  if (hops >= MAX_REDIRECTS) {
    throw new RedirectRefusedError(
      redirectMessages.tooMany(host, MAX_REDIRECTS, isWrite),
      'too_many_redirects',
      status,
    );
  }
  if (status === 307 || status === 308) return { url: target.toString(), method: from.method, keepBody: true };
  if (isWrite && status !== 303) {
    throw new RedirectRefusedError(
      redirectMessages.writeMoved(host, safeUrl(target.toString()), status),
      'write_redirected',
      status,
    );
  }
  return { url: target.toString(), method: 'GET', keepBody: false };
}

/**
 * The Site URL a redirect suggests: where it leads, without the REST part (`…/wp-json/…`,
 * `…/index.php?rest_route=…`) or a page of the site, so the user can paste it as it is.
 */
export function siteAddressAt(target: URL): string {
  const path = target.searchParams.has('rest_route')
    ? target.pathname.replace(/\/index\.php$/i, '')
    : /\/wp-json(\/|$)/i.test(target.pathname)
      ? target.pathname.replace(/\/wp-json(\/.*)?$/i, '')
      : '';
  return `${target.origin}${path.replace(/\/+$/, '')}`;
}

/** The request options of the next hop: a 303 (or a read's 301/302) goes without body or body type. */
export function hopOptions<O extends HttpRequestOptions & { url: string }>(options: O, hop: Hop): O {
  if (hop.keepBody) return { ...options, url: hop.url };
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).filter(([name]) => !/^content-(type|length)$/i.test(name)),
  );
  return { ...options, url: hop.url, method: 'GET', body: undefined, headers };
}

/** Whether a request carries a credential: an Authorization or Cookie header, or a body (a login's password). */
export function carriesCredential(request: HttpRequestOptions): boolean {
  const names = Object.keys(request.headers ?? {}).map((name) => name.toLowerCase());
  return names.includes('authorization') || names.includes('cookie') || request.body != null;
}

/**
 * A request that carries a credential is never followed by node-fetch, whatever its caller asked:
 * request.ts follows it within the origin (a download's hops are each a request of their own).
 */
export function keepCredentialsHome<R extends HttpRequestOptions>(request: R): R {
  if (carriesCredential(request)) request.redirect = 'manual';
  return request;
}

/** Zapier's raw "Redirecting to disallowed hostname" (a redirect to localhost), in words naming the host. */
export function explainPlatformRedirect(err: unknown, url: string): RedirectRefusedError | undefined {
  if (!(err instanceof Error) || !err.message.includes(PLATFORM_LOCAL_REDIRECT)) return undefined;
  return new RedirectRefusedError(redirectMessages.toLocalAddress(hostOf(url)), 'redirect_to_local_address', 502);
}
