// The three ways into a WordPress site, and what tells them apart: the seed's JWT plugin ("JWT
// Authentication for WP REST API"), Useful Team's "JWT Auth", and WordPress's own Application
// Passwords (HTTP Basic, no plugin). The REST index names the routes and whether WordPress offers
// Application Passwords; the scheme found is kept as the computed `auth_scheme`
// (docs/wordpress.md, "Other ways in").
import type { HttpResponse } from 'zapier-platform-core';
import type { AuthData } from './site';

/** `jwt`: the seed's plugin; `jwt_useful`: Useful Team's; `app_password`: Basic auth, no token. */
export type AuthScheme = 'jwt' | 'jwt_useful' | 'app_password';

const SCHEMES: readonly AuthScheme[] = ['jwt', 'jwt_useful', 'app_password'];

/** Only what tells the schemes apart: a few hundred bytes instead of the whole index. */
export const INDEX_FIELDS = 'namespaces,authentication,routes./jwt-auth/v1/token,routes./jwt-auth/v1/token/refresh';

/** What a site's REST index says it offers. */
export interface SiteOffer {
  /** The JWT plugin installed, if any (the seed's plugin stays the first choice), else Application Passwords. */
  scheme?: AuthScheme;
  /** Where the user creates an Application Password (WordPress names it only where it offers them). */
  appPasswordsUrl?: string;
}

interface RestIndex {
  namespaces?: unknown;
  routes?: Record<string, unknown>;
  authentication?: { 'application-passwords'?: { endpoints?: { authorization?: unknown } } } | unknown[];
}

/** The offer in a REST index, or undefined when the answer is not one. */
export function offerFromIndex(data: unknown): SiteOffer | undefined {
  const index = data as RestIndex | undefined;
  if (!index || typeof index !== 'object' || !Array.isArray(index.namespaces)) return undefined;
  const routes = index.routes && typeof index.routes === 'object' ? index.routes : undefined;
  const auth = index.authentication;
  const appPasswords = auth && !Array.isArray(auth) ? auth['application-passwords'] : undefined;
  const authorization = appPasswords?.endpoints?.authorization;
  const offer: SiteOffer = {
    appPasswordsUrl: appPasswords ? (typeof authorization === 'string' ? authorization : '') : undefined,
  };
  if (routes?.['/jwt-auth/v1/token/refresh']) offer.scheme = 'jwt_useful';
  else if (routes?.['/jwt-auth/v1/token']) offer.scheme = 'jwt';
  // An index read without routes (discovery's probe): the namespace says a JWT plugin, the login's answer which.
  else if (!routes && index.namespaces.includes('jwt-auth/v1')) offer.scheme = 'jwt';
  else if (appPasswords) offer.scheme = 'app_password';
  return offer;
}

/** The connection's scheme; connections from before `auth_scheme` used the seed's plugin. */
export function schemeOf(auth: Partial<Pick<AuthData, 'auth_scheme'>>): AuthScheme {
  return SCHEMES.find((s) => s === auth.auth_scheme) ?? 'jwt';
}

/** `Basic base64(username:password)`: what WordPress reads as an Application Password login. */
export function basicAuthorization(auth: Partial<Pick<AuthData, 'username' | 'password'>>): string {
  return `Basic ${Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`, 'utf8').toString('base64')}`;
}

/** The site's home from its REST root (`…/wp-json/` or `…/index.php?rest_route=/`), without a trailing slash. */
export function homeOf(restRoot: string): string {
  const root = new URL(restRoot);
  const path = root.searchParams.has('rest_route')
    ? root.pathname.replace(/\/index\.php$/i, '')
    : root.pathname.replace(/[^/]*\/?$/, '');
  return `${root.origin}${path.replace(/\/+$/, '')}`;
}

/** The user's profile section where WordPress lists and creates Application Passwords. */
export function appPasswordsProfileUrl(restRoot: string): string {
  return `${homeOf(restRoot)}/wp-admin/profile.php#application-passwords-section`;
}

/**
 * WordPress's `?_envelope` answer (`{body, status, headers}`, always HTTP 200) unwrapped. Zapier turns
 * every 401 into an empty RefreshAuthError before the app sees its body, so a call whose 401 must be
 * read (Useful Team's login refusals, an Application Password refused) asks for the envelope. An
 * answer without it (something in front of WordPress) comes back as it was.
 */
export function unwrapEnvelope(response: HttpResponse): { status: number; data: unknown; content: string } {
  const data = response.data as { body?: unknown; status?: unknown; headers?: unknown } | undefined;
  if (
    response.status === 200 &&
    data &&
    typeof data === 'object' &&
    typeof data.status === 'number' &&
    'body' in data
  ) {
    return { status: data.status, data: data.body, content: JSON.stringify(data.body ?? null) };
  }
  let content = '';
  try {
    content = response.content;
  } catch {
    // a raw answer
  }
  return { status: response.status, data: response.data, content };
}

/**
 * True when WordPress answered as nobody: it sends its no-cache headers (`Expires` in 1984,
 * `Cache-Control: no-cache`) on every REST answer to a logged-in user (`rest_send_nocache_headers`),
 * and none to an anonymous one. Useful Team's plugin ignores a bad token and WordPress ignores a
 * Basic login that is not an Application Password: both answer a poll with the public posts only.
 */
export function answeredAnonymously(response: HttpResponse): boolean {
  const expires = response.getHeader('expires') ?? '';
  const cacheControl = response.getHeader('cache-control') ?? '';
  return !/1984/.test(expires) && !/no-cache|no-store/i.test(cacheControl);
}

interface Claims {
  iat?: unknown;
  exp?: unknown;
}

/** The seconds before `exp` at which a token is renewed, at most a minute and a quarter of its life. */
export const RENEW_BEFORE_EXPIRY_SECONDS = 60;

/**
 * A token that expires within a minute (or a quarter of its lifetime, for tokens shorter than four
 * minutes) is renewed before a request is sent: Useful Team's plugin would silently answer with an
 * expired one as nobody, and the seed's would refuse it (a wasted request). Its lifetime (`exp` −
 * `iat`) runs from when Zapier received it (`token_issued_at`), since a site's clock may be off.
 */
export function renewalDue(
  auth: Partial<Pick<AuthData, 'token' | 'token_issued_at'>>,
  claims: Claims | undefined,
  now = Date.now(),
): boolean {
  const { iat, exp } = claims ?? {};
  if (typeof exp !== 'number' || typeof iat !== 'number' || exp <= iat) return false;
  const lifetime = exp - iat;
  const received = Number(auth.token_issued_at);
  const expiresAt = auth.token_issued_at && Number.isFinite(received) ? received + lifetime : exp;
  return now / 1000 >= expiresAt - Math.min(RENEW_BEFORE_EXPIRY_SECONDS, lifetime / 4);
}
