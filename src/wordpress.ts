// Shared WordPress knowledge: site URLs and the REST root, the request helper every operation uses,
// and the translation of WordPress's error envelope into messages a Zapier user can act on.
// Facts behind it: ../shared/wordpress-contracts.md.
import { errors } from 'zapier-platform-core';
import { NAMED_ENTITIES } from './entities';
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';

/** What the connection stores: the form's fields plus what the session computed. */
export interface AuthData {
  site_url: string;
  username: string;
  password: string;
  /** 'yes' when the user accepted sending the password over plain http to a remote host. */
  allow_http?: string;
  token?: string;
  /** The REST root WordPress advertises: `…/wp-json/` or `…/index.php?rest_route=/`. */
  rest_root?: string;
}

/** WordPress's error envelope: `{code, message, data: {status, params, …}}`. */
export interface WordPressErrorBody {
  code: string;
  message: string;
  data?: { status?: number; params?: Record<string, string> | string[]; [k: string]: unknown } | null;
}

export const PLUGIN_URL = 'https://wordpress.org/plugins/jwt-authentication-for-wp-rest-api/';

export const HTACCESS_FIX =
  'RewriteEngine on\n' + 'RewriteCond %{HTTP:Authorization} ^(.*)\n' + 'RewriteRule ^(.*) - [E=HTTP_AUTHORIZATION:%1]';

// JWT plugin codes for a token WordPress will no longer accept; all are cured by logging in again.
const STALE_TOKEN_CODES = new Set(['jwt_auth_invalid_token', 'jwt_auth_bad_iss', 'jwt_auth_bad_request']);

/** Flags our own requests carry to the middlewares (never sent to WordPress). */
export interface WordPressMiddlewareData {
  /** Send no Bearer token: the login call must never carry a stale one (the plugin rejects it). */
  anonymous?: boolean;
  /** Handle the response here, not in the shared error translation (site discovery, downloads). */
  passThrough?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Site URL and REST root
// ---------------------------------------------------------------------------------------------

export class UserInputError extends errors.Error {
  constructor(message: string, code = 'invalid_input') {
    super(message, code, 400);
  }
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
  if (!input) {
    throw new UserInputError(
      "Enter your WordPress site's address in Site URL, for example https://example.com.",
      'missing_site_url',
    );
  }
  let candidate = input;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) {
    const host = candidate.split(/[/:?#]/)[0] ?? '';
    candidate = `${isLoopback(host) ? 'http' : 'https'}://${candidate}`;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new UserInputError(
      `"${input}" is not a web address. Enter your WordPress site's address in Site URL, for example https://example.com.`,
      'invalid_site_url',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserInputError(
      `Site URL must start with https:// (it starts with ${url.protocol}//). Enter your WordPress site's address, for example https://example.com.`,
      'invalid_site_url',
    );
  }
  if (url.username || url.password) {
    throw new UserInputError(
      'Site URL must not contain a username or password. Enter only the address (https://example.com) and put the login in the Username and Password fields.',
      'invalid_site_url',
    );
  }
  if (!url.hostname || !/^[^\s]+$/.test(url.hostname)) {
    throw new UserInputError(
      `"${input}" has no host name. Enter your WordPress site's address, for example https://example.com.`,
      'invalid_site_url',
    );
  }
  // Drop the parts that are pages of the site rather than the site: admin, login, REST paths.
  let path = url.pathname
    .replace(/\/(wp-admin|wp-json)(\/.*)?$/i, '')
    .replace(/\/(wp-login\.php|index\.php|xmlrpc\.php)$/i, '')
    .replace(/\/+$/, '');
  if (path === '') path = '';
  return new URL(`${url.protocol}//${url.host}${path}`);
}

/** Where credentials may go: HTTPS, loopback, or plain HTTP the user explicitly accepted. */
export function assertSafeTransport(url: URL, allowHttp: boolean): void {
  if (url.protocol === 'https:' || isLoopback(url.hostname) || allowHttp) return;
  throw new UserInputError(
    `${url.host} is reached over plain http://, so your WordPress password would travel unencrypted. ` +
      'Use the https:// address of your site (install a TLS certificate if it has none), or, if you accept the risk, ' +
      'set "Allow unencrypted HTTP" to Yes on the connection form.',
    'insecure_site_url',
  );
}

/**
 * The URL of a REST route under the site's REST root. Pretty permalinks give `…/wp-json/route`;
 * plain ones give `…?rest_route=/route`, after which further arguments must follow with `&`
 * (z.request's params already do that when the URL has a `?`).
 */
export function restUrl(restRoot: string, route: string): string {
  const cleanRoute = route.replace(/^\/+/, '');
  const root = new URL(restRoot);
  const restRoute = root.searchParams.get('rest_route');
  if (restRoute !== null) {
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

export function siteLabel(siteUrl: string): string {
  try {
    const url = normalizeSiteUrl(siteUrl);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return siteUrl;
  }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Parses a body as WordPress's error envelope, or returns undefined. */
export function parseErrorBody(content: string | undefined): WordPressErrorBody | undefined {
  if (!content) return undefined;
  try {
    const body: unknown = JSON.parse(content);
    if (body && typeof body === 'object' && typeof (body as WordPressErrorBody).code === 'string') {
      return body as WordPressErrorBody;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

export function looksLikeHtml(content: string | undefined, contentType?: string | null): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return !!content && /^\s*(<!doctype|<html|<\?xml|<head|<body)/i.test(content);
}

/** An error WordPress reported, with our message for it. `code` is WordPress's own code. */
export class WordPressError extends errors.Error {
  constructor(
    message: string,
    public readonly wpCode: string,
    public readonly httpStatus: number,
    /** WordPress's envelope, when there was one: operations read `data.details` for a sharper message. */
    public readonly body?: WordPressErrorBody,
  ) {
    super(message, wpCode, httpStatus);
  }
}

/** True when the error is WordPress's refusal with one of these codes. */
export function isWordPressCode(err: unknown, ...codes: string[]): err is WordPressError {
  return err instanceof WordPressError && codes.includes(err.wpCode);
}

/** What WordPress said about the `status` argument inside a 400 `rest_invalid_param`, if anything. */
export function statusParamDetail(err: unknown): { code?: string; data?: { status?: number } | null } | undefined {
  if (!isWordPressCode(err, 'rest_invalid_param')) return undefined;
  const details = err.body?.data?.details as
    Record<string, { code?: string; data?: { status?: number } | null }> | undefined;
  return details?.status;
}

/** WordPress's 400 for a `status` the user may not read: `rest_invalid_param` with `rest_forbidden_status` inside. */
export function isForbiddenStatus(err: unknown): boolean {
  return statusParamDetail(err)?.code === 'rest_forbidden_status';
}

const ROLE_FOR: Record<string, string> = {
  edit_posts: 'Contributor, Author, Editor or Administrator',
  publish_posts: 'Author, Editor or Administrator',
  edit_others_posts: 'Editor or Administrator',
  edit_pages: 'Editor or Administrator',
  edit_published_posts: 'Author, Editor or Administrator',
  upload_files: 'Author, Editor or Administrator',
  manage_categories: 'Editor or Administrator',
  list_users: 'Administrator',
  create_users: 'Administrator',
  edit_users: 'Administrator',
  promote_users: 'Administrator',
};

export function needsCapability(capability: string, what: string): string {
  const roles = ROLE_FOR[capability];
  return (
    `The WordPress user this connection uses is not allowed to ${what}: WordPress requires the ` +
    `"${capability}" capability${roles ? ` (roles: ${roles})` : ''}. ` +
    'Reconnect with a user that has it, or ask a site administrator to change the role.'
  );
}

function describeInvalidParams(body: WordPressErrorBody): string | undefined {
  const params = body.data?.params;
  if (!params) return undefined;
  if (Array.isArray(params)) return `missing field(s): ${params.join(', ')}`;
  const parts = Object.entries(params).map(([name, msg]) => `${name}: ${stripTags(String(msg))}`);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Our message for a WordPress error. Messages name what is wrong and what to do; WordPress's own
 * message follows as plain text (it often carries HTML), never the password or token.
 */
export function explainWordPressError(body: WordPressErrorBody, status: number): string {
  const wpMessage = stripTags(body.message ?? '').trim();
  const tail = wpMessage ? ` WordPress said: "${wpMessage.replace(/[.!]+$/, '')}".` : '';
  switch (body.code) {
    case 'jwt_auth_bad_config':
      return (
        'The JWT Authentication plugin is active but not configured: JWT_AUTH_SECRET_KEY is missing. ' +
        "Add define('JWT_AUTH_SECRET_KEY', 'a long random string'); to the site's wp-config.php, then reconnect."
      );
    case '[jwt_auth] invalid_username':
    case '[jwt_auth] invalid_email':
      return 'WordPress does not know that username or email address. Check the Username field (a login name or the email of a WordPress user), then reconnect.';
    case '[jwt_auth] incorrect_password':
      return 'The password is not correct for that WordPress user. Check the Password field (use the password you log in to wp-admin with), then reconnect.';
    case '[jwt_auth] empty_username':
      return 'The Username field is empty. Enter the WordPress login name or email address, then reconnect.';
    case '[jwt_auth] empty_password':
      return 'The Password field is empty. Enter the WordPress password, then reconnect.';
    case 'jwt_auth_no_auth_header':
      return authorizationStrippedMessage();
    case 'jwt_auth_bad_auth_header':
      return `WordPress received a malformed Authorization header. A proxy or security plugin may be rewriting it; make sure it passes "Authorization: Bearer …" through unchanged.${tail}`;
    case 'rest_no_route':
      return `WordPress has no REST route for this request (HTTP ${status}). If it is the login route, the JWT Authentication for WP REST API plugin is not installed or not active: install and activate it (${PLUGIN_URL}).${tail}`;
    case 'rest_not_logged_in':
    case 'rest_forbidden':
    case 'rest_cannot_access':
      return status === 401
        ? `WordPress treated the request as anonymous (HTTP 401). If the connection test passes, the server may be dropping the Authorization header for this route; see the .htaccess fix in the connection help.${tail}`
        : `WordPress refused access (HTTP ${status}).${tail}`;
    case 'rest_cannot_create':
    case 'rest_cannot_edit':
    case 'rest_cannot_edit_others':
    case 'rest_cannot_publish':
    case 'rest_cannot_assign_sticky':
    case 'rest_cannot_assign_term':
    case 'rest_cannot_create_user':
    case 'rest_cannot_edit_roles':
    case 'rest_user_cannot_view':
    case 'rest_forbidden_context':
    case 'rest_forbidden_status':
    case 'rest_forbidden_orderby':
    case 'rest_cannot_delete':
    case 'rest_cannot_view':
    case 'rest_cannot_read':
      return `The WordPress user this connection uses is not allowed to do this (${body.code}).${tail} Reconnect with a user whose role allows it, or ask a site administrator.`;
    case 'rest_post_invalid_id':
      return 'WordPress has no post with that ID (it may have been deleted, or belong to another post type). Check the Post field.';
    case 'rest_user_invalid_id':
      return 'WordPress has no user with that ID (the user may have been deleted). Check the User field.';
    case 'rest_term_invalid':
    case 'rest_term_invalid_id':
      return 'WordPress has no category or tag with that ID (it may have been deleted). Pick it again from the dropdown.';
    case 'rest_invalid_param':
    case 'rest_missing_callback_param': {
      const detail = describeInvalidParams(body);
      const what = (detail ?? wpMessage).replace(/[.!]+$/, '');
      return `WordPress rejected the input: ${what}. Correct the field named and try again.`;
    }
    case 'existing_user_login':
      return 'A WordPress user with that username already exists. Choose another username, or use Find User / Update User for the existing one.';
    case 'existing_user_email':
      return 'A WordPress user with that email address already exists. Use another email, or use Find User / Update User for the existing one.';
    case 'rest_user_invalid_email':
      return `WordPress rejected the email address: it is invalid or already used by another user.${tail}`;
    case 'rest_user_invalid_role':
      return `WordPress does not know that role. Pick a role from the dropdown.${tail}`;
    case 'rest_user_invalid_argument':
    case 'rest_user_invalid_username':
      return `WordPress rejected the username.${tail} Usernames cannot be changed after a user is created.`;
    case 'rest_user_invalid_password':
      return `WordPress rejected the password.${tail}`;
    case 'rest_upload_sideload_error':
    case 'rest_upload_unknown_error':
      return `WordPress could not store the file: its type may not be allowed on this site, or the uploads folder is not writable.${tail}`;
    case 'rest_post_invalid_page_number':
      return 'There are no more items to read (the page number is past the end).';
    case 'rest_type_invalid':
      return `WordPress has no post type by that name. Pick a post type from the dropdown.${tail}`;
    default:
      if (status >= 500) {
        return `WordPress failed with HTTP ${status} (${body.code}).${tail} This is usually a temporary server problem or a plugin error; Zapier will retry, or check the site's error log.`;
      }
      return `WordPress refused the request with HTTP ${status} (${body.code}).${tail}`;
  }
}

export function authorizationStrippedMessage(): string {
  return (
    'Your server is removing the Authorization header before WordPress sees it, so every request ' +
    'looks anonymous even though the login worked. This is the usual Apache setup: add these lines ' +
    'to the .htaccess file in WordPress\'s folder, above the "# BEGIN WordPress" block, then reconnect:\n' +
    `${HTACCESS_FIX}\n` +
    '(Alternatives: SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1, or CGIPassAuth On on Apache 2.4.13+.)'
  );
}

/** An error for a non-JSON answer, most often a firewall, cache, maintenance or login page. */
export function htmlInsteadOfJsonMessage(url: string, status: number): string {
  return (
    `WordPress answered ${safeUrl(url)} with a web page instead of REST API data (HTTP ${status}). ` +
    'A security or firewall plugin, maintenance mode, a cache or a hosting firewall is intercepting the REST API. ' +
    'Allow requests to /wp-json/ (and ?rest_route=) from Zapier, or turn off maintenance mode, then try again.'
  );
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

/** The message for a network failure reaching the site (DNS, refused, TLS, timeout). */
export function networkErrorMessage(err: unknown, url: string): string | undefined {
  const e = err as { code?: string; errno?: string; message?: string; type?: string };
  const code = e.code ?? e.errno ?? '';
  const msg = e.message ?? '';
  const where = safeUrl(url);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /getaddrinfo/.test(msg)) {
    return `Could not find ${hostOf(url)} (DNS lookup failed). Check the Site URL for typos, and that the domain is live.`;
  }
  if (code === 'ECONNREFUSED') {
    return `${hostOf(url)} refused the connection at ${where}. Check the Site URL (and its port), and that the web server is running.`;
  }
  if (/CERT|SSL|TLS|self[- ]signed|unable[ _]to[ _]verify/i.test(code + msg)) {
    return `The secure connection to ${hostOf(url)} failed (${code || 'TLS error'}): the site's HTTPS certificate is invalid, expired or self-signed. Fix the certificate (e.g. with Let's Encrypt), then try again.`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(msg)) {
    return `The connection to ${hostOf(url)} was cut off before WordPress answered (${code || 'connection reset'}). This is usually temporary; try again. If it persists, a firewall may be blocking Zapier.`;
  }
  if (code === 'ETIMEDOUT' || e.type === 'request-timeout' || /timeout|timed out/i.test(msg)) {
    return `${hostOf(url)} did not answer in time. The site may be overloaded or down; try again later.`;
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return `${hostOf(url)} cannot be reached (${code}). Check the Site URL, and that the site is online and public.`;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the site';
  }
}

// ---------------------------------------------------------------------------------------------
// Middlewares
// ---------------------------------------------------------------------------------------------

type Request = HttpRequestOptions & { url: string };

function middlewareData(request: HttpRequestOptions | undefined): WordPressMiddlewareData {
  return (request?.middlewareData ?? {}) as WordPressMiddlewareData;
}

/**
 * Resolves relative REST routes against the site's REST root and adds `Authorization: Bearer`,
 * but only to the site itself: a featured-image URL on another host never sees the token.
 */
export const addBearerAndResolveRoute = (request: Request, _z: ZObject, bundle: Bundle): Request => {
  const auth = bundle.authData as Partial<AuthData>;
  if (!/^https?:\/\//i.test(request.url)) {
    if (!auth.rest_root) {
      throw new errors.Error(
        'This connection has no WordPress REST address yet. Reconnect your WordPress account.',
        'not_connected',
        400,
      );
    }
    request.url = restUrl(auth.rest_root, request.url);
  }
  // Zapier stops a step after about 30 s; failing a little earlier lets us say why.
  request.timeout ??= requestTimeoutMs();
  const data = middlewareData(request);
  if (auth.token && auth.rest_root && !data.anonymous && sameOrigin(request.url, auth.rest_root)) {
    request.headers = { ...(request.headers ?? {}), Authorization: `Bearer ${auth.token}` };
  }
  return request;
};

/** Per-request time limit: WP_REQUEST_TIMEOUT_MS in the app's environment, else 25 s. */
export function requestTimeoutMs(): number {
  const configured = Number(process.env.WP_REQUEST_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 25_000;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Turns WordPress's answers into Zapier's errors: a stale token into RefreshAuthError (Zapier
 * then logs in again with the stored username and password and retries), everything else into
 * a message that says what to do.
 */
export const handleWordPressResponse = (response: HttpResponse, z: ZObject, bundle: Bundle): HttpResponse => {
  const data = middlewareData(response.request);
  if (data.passThrough) return response;
  const url = response.request?.url ?? '';
  const auth = bundle.authData as Partial<AuthData>;
  if (auth.rest_root && url && !sameOrigin(url, auth.rest_root)) return response;

  const status = response.status;
  const content = safeContent(response);
  const body = parseErrorBody(content);
  const sentBearer = /^Bearer /.test(response.request?.headers?.Authorization ?? '');

  if (status >= 400 && body && sentBearer && STALE_TOKEN_CODES.has(body.code)) {
    throw new z.errors.RefreshAuthError(
      `WordPress no longer accepts this connection's token (${stripTags(body.message)}); logging in again.`,
    );
  }
  if (status === 429 || status === 503) {
    const retryAfter = Number.parseInt(response.getHeader('retry-after') ?? '', 10);
    const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : status === 429 ? 60 : undefined;
    if (status === 429 || delay !== undefined) {
      throw new z.errors.ThrottledError(
        `WordPress at ${hostOf(url)} is ${status === 429 ? 'limiting how fast Zapier may call it (HTTP 429)' : 'temporarily unavailable (HTTP 503)'}; Zapier will retry${delay ? ` in ${delay} seconds` : ''}.`,
        delay ?? 60,
      );
    }
  }
  if (status >= 400) {
    if (response.skipThrowForStatus) return response;
    if (body) {
      const message = scrubSecrets(explainWordPressError(body, status), [auth.token, auth.password]);
      throw new WordPressError(message, body.code, status, body);
    }
    if (looksLikeHtml(content, response.getHeader('content-type'))) {
      if (status === 404) {
        throw new WordPressError(
          `WordPress's REST API answered ${safeUrl(url)} with a "not found" web page (HTTP 404). The site's permalinks or REST API setup changed: reconnect your WordPress account so Zapier finds the REST API again.`,
          'rest_html_404',
          status,
        );
      }
      throw new WordPressError(htmlInsteadOfJsonMessage(url, status), 'html_response', status);
    }
    throw new WordPressError(
      status >= 500
        ? `WordPress at ${hostOf(url)} failed with HTTP ${status} and no explanation. This is usually temporary (a PHP error or an overloaded server); Zapier will retry. If it persists, check the site's PHP error log.`
        : `WordPress at ${hostOf(url)} refused the request with HTTP ${status} and no explanation.`,
      `http_${status}`,
      status,
    );
  }
  // A 2xx that is not JSON: something answered in WordPress's place.
  if (!response.request?.raw && content !== undefined && content.trim() !== '' && response.data === undefined) {
    if (looksLikeHtml(content, response.getHeader('content-type'))) {
      throw new WordPressError(htmlInsteadOfJsonMessage(url, status), 'html_response', status);
    }
    throw new WordPressError(
      `WordPress at ${hostOf(url)} sent an answer that is not valid JSON (it may have been cut off, or a plugin printed text into it). Try again; if it persists, turn off WP_DEBUG display on the site and check for plugins that print output.`,
      'invalid_json',
      status,
    );
  }
  return response;
};

/**
 * Removes secrets from a message. WordPress quotes input in some messages (and plugins may quote
 * anything), so a message is never trusted to be free of the token or a password.
 */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[hidden]');
  }
  return out;
}

function safeContent(response: HttpResponse): string | undefined {
  if (response.request?.raw) return undefined;
  try {
    return response.content;
  } catch {
    return undefined;
  }
}

/**
 * The one way operations call WordPress: a REST route (relative to the REST root), JSON in and
 * out, network failures turned into messages.
 */
export async function wpRequest<T>(
  z: ZObject,
  options: HttpRequestOptions & { url: string },
): Promise<HttpResponse<T>> {
  try {
    return await z.request<T>(options);
  } catch (err) {
    const message = networkErrorMessage(err, absoluteForMessage(options.url));
    const write = (options.method ?? 'GET') !== 'GET';
    if (message) {
      throw new errors.Error(
        write
          ? `${message} WordPress may or may not have saved this change before the connection failed: check the site before running the step again, so nothing is written twice.`
          : message,
        'site_unreachable',
        502,
      );
    }
    throw err;
  }
}

function absoluteForMessage(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://the-site/${url.replace(/^\/+/, '')}`;
}

// ---------------------------------------------------------------------------------------------
// Text and dates, for output that is ready to post
// ---------------------------------------------------------------------------------------------

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return whole;
      try {
        return String.fromCodePoint(code);
      } catch {
        return whole;
      }
    }
    // Names are case-sensitive (&Eacute; is not &eacute;); &AMP; and friends are common enough to allow.
    const code = NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()];
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}

/** Tags removed and entities decoded, on one line. For titles and WordPress messages. */
export function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * HTML to plain text that keeps paragraph breaks: what a social post or CRM note wants.
 * Scripts, styles and block-editor comments disappear; entities are decoded.
 */
export function htmlToText(html: string | undefined | null): string {
  if (!html) return '';
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/li>/gi, '')
    .replace(/<\/(p|div|h[1-6]|ul|ol|blockquote|pre|figure|figcaption|tr|table|section|article)>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** WordPress's `*_gmt` dates are UTC without a zone: give them one. */
export function gmtToIso(gmt: string | undefined | null): string | null {
  if (!gmt || gmt.startsWith('0000')) return null;
  return `${gmt.replace(' ', 'T')}+00:00`;
}

/** The site-local date with its UTC offset, computed from the local and the GMT value. */
export function localToIso(local: string | undefined | null, gmt: string | undefined | null): string | null {
  if (!local || !gmt || local.startsWith('0000') || gmt.startsWith('0000')) return gmtToIso(gmt);
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - Date.parse(`${gmt}Z`)) / 60000);
  if (!Number.isFinite(offsetMinutes)) return gmtToIso(gmt);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.replace(' ', 'T')}${sign}${hh}:${mm}`;
}

/** The Site URL of the connection, as the user entered it. */
export function siteUrlOf(bundle: Bundle): string {
  return (bundle.authData as Partial<AuthData>).site_url ?? '';
}

/** Makes a possibly relative link absolute against the site (some plugins return `/path`). */
export function absoluteUrl(link: string | undefined | null, siteUrl: string): string | null {
  if (!link) return null;
  try {
    return new URL(link, `${normalizeSiteUrl(siteUrl).toString().replace(/\/?$/, '/')}`).toString();
  } catch {
    return link;
  }
}
