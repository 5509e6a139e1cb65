// The site URL people paste and the REST root WordPress advertises for it. Pretty permalinks give
// `…/wp-json/`, plain ones `…/index.php?rest_route=/`: every route is built from the advertised
// root, never guessed (docs/wordpress.md, "Site URL and REST root").
import type { Bundle } from 'zapier-platform-core';
import { UserInputError } from './errors';
import { siteUrlMessages } from './messages';
import { decodeEntities } from '../wordpress/text';

/** What the connection stores: the form's fields plus what the login computed. */
export interface AuthData {
  site_url: string;
  username: string;
  password: string;
  /** 'yes' when the user accepted sending the password over plain http to a remote host. */
  allow_http?: string;
  token?: string;
  /** The REST root WordPress advertises: `…/wp-json/` or `…/index.php?rest_route=/`. */
  rest_root?: string;
  /**
   * The Site URL (normalized) the REST root was found for: a renewal reuses the root while the Site
   * URL is unchanged, even when it names a post, a feed or a host alias rather than the home page.
   */
  rest_root_for?: string;
  /** When Zapier received `token`, by Zapier's clock (epoch seconds, a string like every computed field). */
  token_issued_at?: string;
  /** How the connection logs in: `jwt`, `jwt_useful` or `app_password` (schemes.ts); absent before there was a choice. */
  auth_scheme?: string;
}

export function authDataOf(bundle: Pick<Bundle, 'authData'>): Partial<AuthData> {
  return bundle.authData as Partial<AuthData>;
}

/** The Site URL of the connection, as the user entered it. */
export function siteUrlOf(bundle: Pick<Bundle, 'authData'>): string {
  return authDataOf(bundle).site_url ?? '';
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/**
 * Turns what people paste (`example.com`, `https://example.com/wp-admin/`, `…/wp-login.php`,
 * `…/blog/`, `http://127.0.0.1:8080`) into the site's address without a trailing slash.
 */
export function normalizeSiteUrl(raw: string | undefined): URL {
  const input = (raw ?? '').trim();
  if (!input) throw new UserInputError(siteUrlMessages.missing(), 'missing_site_url');
  let candidate = input;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) {
    const host = candidate.split(/[/:?#]/)[0] ?? '';
    candidate = `${isLoopback(host) ? 'http' : 'https'}://${candidate}`;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new UserInputError(siteUrlMessages.notAnAddress(), 'invalid_site_url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserInputError(siteUrlMessages.wrongScheme(url.protocol), 'invalid_site_url');
  }
  if (url.username || url.password) throw new UserInputError(siteUrlMessages.hasCredentials(), 'invalid_site_url');
  if (!url.hostname || !/^[^\s]+$/.test(url.hostname)) {
    throw new UserInputError(siteUrlMessages.noHost(), 'invalid_site_url');
  }
  // No public site has a one-word host; a password pasted here has, and would reach a DNS message.
  if (!/[.:]/.test(url.hostname) && !isLoopback(url.hostname)) {
    throw new UserInputError(siteUrlMessages.notADomain(), 'invalid_site_url');
  }
  // Drop the parts that are pages of the site rather than the site: admin, login, REST paths.
  const path = url.pathname
    .replace(/\/(wp-admin|wp-json)(\/.*)?$/i, '')
    .replace(/\/(wp-login\.php|index\.php|xmlrpc\.php)$/i, '')
    .replace(/\/+$/, '');
  return new URL(`${url.protocol}//${url.host}${path}`);
}

/** Where credentials may go: HTTPS, loopback, or plain HTTP the user explicitly accepted. */
export function assertSafeTransport(url: URL, allowHttp: boolean): void {
  if (url.protocol === 'https:' || isLoopback(url.hostname) || allowHttp) return;
  throw new UserInputError(siteUrlMessages.insecure(url.host), 'insecure_site_url');
}

/**
 * `example.com/blog`: the site as WordPress knows it, for the connection label. It comes from the REST
 * root (the home URL plus `wp-json/`, `index.php?rest_route=/` or a custom prefix), so a post, a feed
 * or an alias pasted as the Site URL does not show; without a root, only the Site URL's host.
 */
export function siteLabel(auth: Partial<Pick<AuthData, 'rest_root' | 'site_url'>>): string {
  try {
    const root = new URL(auth.rest_root ?? '');
    // `…/wp-json/` ends in the REST prefix; `…/index.php?rest_route=/` carries the route in the query.
    const path = root.searchParams.has('rest_route') ? root.pathname : root.pathname.replace(/[^/]*\/?$/, '');
    return `${root.host}${path.replace(/\/+$/, '').replace(/\/index\.php$/i, '')}`;
  } catch {
    return siteHost(auth.site_url);
  }
}

/** The host of the Site URL, for messages: never its path or query, where a pasted password may sit. */
export function siteHost(siteUrl: string | undefined): string {
  try {
    return normalizeSiteUrl(siteUrl).host;
  } catch {
    return 'the site';
  }
}

/**
 * The URL of a REST route under the site's REST root. Pretty permalinks give `…/wp-json/route`;
 * plain ones give `…?rest_route=/route`, after which further arguments must follow with `&`.
 */
export function restUrl(restRoot: string, route: string): string {
  const cleanRoute = route.replace(/^\/+/, '');
  const root = new URL(restRoot);
  if (root.searchParams.get('rest_route') !== null) {
    root.searchParams.set('rest_route', `/${cleanRoute}`);
    // URLSearchParams encodes the slashes; WordPress accepts both, the plain form reads better in logs.
    return root.toString().replace(/rest_route=[^&]*/, `rest_route=/${encodeRoute(cleanRoute)}`);
  }
  const base = root.toString().endsWith('/') ? root.toString() : `${root.toString()}/`;
  return `${base}${encodeRoute(cleanRoute)}`;
}

function encodeRoute(route: string): string {
  return route
    .split('/')
    .map((part) => encodeURIComponent(decodeURIComponent(part)))
    .join('/');
}

/** The REST root advertised by a `Link: <…>; rel="https://api.w.org/"` header, if any. */
export function restRootFromLinkHeader(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (match && /rel="?https:\/\/api\.w\.org\/"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}

/** The same, from the `<link rel="https://api.w.org/" href="…">` tag in the home page's HTML. */
export function restRootFromHtml(html: string): string | undefined {
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (/rel=["']https:\/\/api\.w\.org\/["']/i.test(tag)) {
      const href = /href=["']([^"']+)["']/i.exec(tag);
      if (href?.[1]) return decodeEntities(href[1]);
    }
  }
  return undefined;
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the site';
  }
}

/** A URL fit for a message: no query string values that could carry secrets. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    const route = u.searchParams.get('rest_route');
    return `${u.origin}${u.pathname}${route ? `?rest_route=${route}` : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Makes links absolute against the site (some plugins return `/path`). Built once per operation:
 * parsing the Site URL for every item of a poll would cost more than the mapping itself.
 */
export type LinkResolver = (link: string | undefined | null) => string | null;

export function linkResolver(siteUrl: string): LinkResolver {
  let base: string | undefined;
  try {
    base = normalizeSiteUrl(siteUrl).toString().replace(/\/?$/, '/');
  } catch {
    base = undefined;
  }
  return (link) => {
    if (!link) return null;
    // WordPress's own links are absolute and already encoded: only a relative one needs the site.
    if (/^https?:\/\//i.test(link)) return link;
    try {
      return new URL(link, base).toString();
    } catch {
      return link;
    }
  };
}
