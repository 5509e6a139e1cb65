// Session authentication: the site URL, username and password are traded for a JWT at the
// plugin's /jwt-auth/v1/token route. The token is kept as `token`, the REST root the site
// advertises as `rest_root`. When WordPress rejects the token later (expired, re-keyed, site
// moved) the middleware raises RefreshAuthError and Zapier calls `getToken` again by itself.
import type { Authentication, Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import {
  AuthData,
  PLUGIN_URL,
  UserInputError,
  WordPressError,
  assertSafeTransport,
  authorizationStrippedMessage,
  explainWordPressError,
  htmlInsteadOfJsonMessage,
  looksLikeHtml,
  normalizeSiteUrl,
  parseErrorBody,
  restRootFromHtml,
  restRootFromLinkHeader,
  restUrl,
  siteLabel,
  stripTags,
  wpRequest,
} from './wordpress';

interface TokenResponse {
  token: string;
  user_email: string;
  user_nicename: string;
  user_display_name: string;
}

interface CurrentUser {
  id: number;
  name: string;
  username?: string;
  email?: string;
  roles?: string[];
  capabilities?: Record<string, boolean>;
}

/** The test's output; the connection label reads it. */
export interface ConnectionTestResult extends CurrentUser {
  site: string;
}

const PASS_THROUGH = { passThrough: true, anonymous: true };

function authDataOf(bundle: Bundle): AuthData {
  return bundle.authData as unknown as AuthData;
}

/**
 * Finds the REST root the way WordPress advertises it: the `Link` header of the home page
 * (`…/wp-json/` with pretty permalinks, `…/index.php?rest_route=/` with plain ones), else the
 * `<link>` tag, else the two well-known forms, checked by asking each for the REST index.
 */
export async function discoverRestRoot(z: ZObject, site: URL): Promise<string> {
  const home = `${site.toString().replace(/\/?$/, '/')}`;
  const page = await wpRequest<unknown>(z, {
    url: home,
    method: 'GET',
    skipThrowForStatus: true,
    middlewareData: PASS_THROUGH,
    headers: { Accept: 'text/html,application/json' },
  });
  const advertised =
    restRootFromLinkHeader(page.getHeader('link')) ??
    (typeof page.content === 'string' ? restRootFromHtml(page.content) : undefined);
  if (advertised) return new URL(advertised, home).toString();

  // The home page hides it (some caches and security plugins drop the header): try both forms.
  let lastHtml: { url: string; status: number } | undefined;
  for (const candidate of [`${home}wp-json/`, `${home}index.php?rest_route=/`]) {
    let index: HttpResponse<unknown>;
    try {
      index = await wpRequest<unknown>(z, {
        url: candidate,
        method: 'GET',
        skipThrowForStatus: true,
        middlewareData: PASS_THROUGH,
      });
    } catch (err) {
      if (!isPlatform401(err)) throw err;
      throw new WordPressError(restApiOffMessage(site, 'HTTP 401'), 'rest_api_disabled', 401);
    }
    const data = index.data as { namespaces?: unknown } | undefined;
    // WordPress names its canonical root on every REST answer; a guessed path may only work by rewrite.
    if (index.status === 200 && data && Array.isArray(data.namespaces)) {
      const canonical = restRootFromLinkHeader(index.getHeader('link'));
      return canonical ? new URL(canonical, home).toString() : candidate;
    }
    const err = parseErrorBody(index.content);
    if (err && (err.code === 'rest_disabled' || err.code === 'rest_cannot_access')) {
      throw new WordPressError(restApiOffMessage(site, err.code), err.code, index.status);
    }
    if (looksLikeHtml(index.content, index.getHeader('content-type')))
      lastHtml = { url: candidate, status: index.status };
  }
  if (page.status >= 400 && !lastHtml) {
    throw new WordPressError(
      `${siteLabel(site.toString())} answered HTTP ${page.status} and does not look like a WordPress site. Check the Site URL: it should be the address of your WordPress home page.`,
      'not_wordpress',
      page.status,
    );
  }
  if (lastHtml && page.status < 400 && looksLikeHtml(page.content, page.getHeader('content-type'))) {
    throw new WordPressError(
      `${siteLabel(site.toString())} does not advertise a WordPress REST API, and ${lastHtml.url.replace(home, '/')} answered with a web page instead of data. ` +
        'Either this is not a WordPress site (check the Site URL: it must be the WordPress home page; include the sub-folder if WordPress lives in one), ' +
        'or a security plugin, cache, firewall or maintenance mode hides the REST API: allow /wp-json/ from Zapier.',
      'not_wordpress',
      lastHtml.status,
    );
  }
  throw new WordPressError(
    `${siteLabel(site.toString())} does not look like a WordPress site with the REST API enabled. Check the Site URL (the WordPress home page, with its sub-folder if any).`,
    'not_wordpress',
    page.status,
  );
}

function restApiOffMessage(site: URL, why: string): string {
  return (
    `The WordPress REST API at ${siteLabel(site.toString())} is switched off or limited to logged-in users (${why}). ` +
    'Zapier needs it: in the plugin that disables it (for example "Disable REST API" or a security plugin), allow the REST API, or at least the jwt-auth/v1 and wp/v2 routes.'
  );
}

/** Zapier turns every 401 into a RefreshAuthError without a message, before any middleware of ours. */
export function isPlatform401(err: unknown): boolean {
  return err instanceof Error && err.name === 'RefreshAuthError' && !err.message;
}

async function requestToken(z: ZObject, restRoot: string, auth: AuthData): Promise<HttpResponse<TokenResponse>> {
  try {
    return await wpRequest<TokenResponse>(z, {
      url: restUrl(restRoot, 'jwt-auth/v1/token'),
      method: 'POST',
      body: { username: auth.username ?? '', password: auth.password ?? '' },
      headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
      skipThrowForStatus: true,
      // Never carry the old token: the plugin rejects a stale Bearer on every route, /token included.
      middlewareData: PASS_THROUGH,
    });
  } catch (err) {
    // Zapier turns any 401 into RefreshAuthError before we see the body. The JWT plugin answers
    // login failures with 403, so a 401 here comes from something in front of it.
    if (isPlatform401(err)) {
      throw new WordPressError(
        `${siteLabel(auth.site_url)} refused the login request with HTTP 401 before the JWT plugin could answer. ` +
          'A security plugin, HTTP basic authentication on the site, or a firewall is blocking /jwt-auth/v1/token: allow it for Zapier, then reconnect.',
        'token_route_blocked',
        401,
      );
    }
    throw err;
  }
}

/** sessionConfig.perform: log in and keep the token and where the REST API lives. */
export async function getToken(z: ZObject, bundle: Bundle): Promise<Pick<AuthData, 'token' | 'rest_root'>> {
  const auth = authDataOf(bundle);
  const site = normalizeSiteUrl(auth.site_url);
  const allowHttp = auth.allow_http === 'yes';
  assertSafeTransport(site, allowHttp);
  if (!auth.username?.trim()) {
    throw new UserInputError('Enter the WordPress username or email address in Username.', 'missing_username');
  }
  if (!auth.password) {
    throw new UserInputError('Enter the WordPress password in Password.', 'missing_password');
  }

  // A refresh reuses the root found at connect time; a failure there means the site changed: look again.
  let restRoot = auth.rest_root && sameSite(auth.rest_root, site) ? auth.rest_root : await discoverRestRoot(z, site);
  assertSafeTransport(new URL(restRoot), allowHttp);
  let response = await requestToken(z, restRoot, auth);
  if (auth.rest_root && restRoot === auth.rest_root && tokenRouteMissing(response)) {
    restRoot = await discoverRestRoot(z, site);
    assertSafeTransport(new URL(restRoot), allowHttp);
    response = await requestToken(z, restRoot, auth);
  }
  return { token: tokenFrom(response, restRoot, auth), rest_root: restRoot };
}

function sameSite(restRoot: string, site: URL): boolean {
  try {
    const root = new URL(restRoot);
    return root.origin === site.origin && root.pathname.startsWith(site.pathname.replace(/\/$/, ''));
  } catch {
    return false;
  }
}

/** The stored root no longer leads to WordPress (permalinks or address changed): not a WordPress error. */
function tokenRouteMissing(response: HttpResponse): boolean {
  return !parseErrorBody(response.content) && (response.status === 404 || response.status === 410);
}

function tokenFrom(response: HttpResponse<TokenResponse>, restRoot: string, auth: AuthData): string {
  const body = parseErrorBody(response.content);
  if (response.status === 200 && typeof response.data?.token === 'string' && response.data.token) {
    return response.data.token;
  }
  if (response.status === 404 && body?.code === 'rest_no_route') {
    throw new WordPressError(
      `The "JWT Authentication for WP REST API" plugin is not installed or not active on ${siteLabel(auth.site_url)} ` +
        `(WordPress has no jwt-auth/v1/token route). Install and activate it (${PLUGIN_URL}), ` +
        'add JWT_AUTH_SECRET_KEY to wp-config.php as its setup explains, then reconnect.',
      'jwt_plugin_missing',
      404,
    );
  }
  if (body) throw new WordPressError(explainWordPressError(body, response.status), body.code, response.status);
  if (response.status === 429 || response.status >= 500) {
    throw new WordPressError(
      `${siteLabel(auth.site_url)} could not log in right now (HTTP ${response.status}). The server is busy or failing; try again in a few minutes.`,
      `http_${response.status}`,
      response.status,
    );
  }
  if (looksLikeHtml(response.content, response.getHeader('content-type'))) {
    throw new WordPressError(
      htmlInsteadOfJsonMessage(restUrl(restRoot, 'jwt-auth/v1/token'), response.status),
      'html_response',
      response.status,
    );
  }
  throw new WordPressError(
    `The login route on ${siteLabel(auth.site_url)} answered HTTP ${response.status} without a token. Check that the JWT Authentication for WP REST API plugin is the one installed, then reconnect.`,
    'no_token',
    response.status,
  );
}

/**
 * The connection test: the plugin's own validate route first (the only place that says the
 * Authorization header was stripped), then the user the token belongs to.
 */
export async function testConnection(z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> {
  const validate = await wpRequest<{ code?: string }>(z, {
    url: 'jwt-auth/v1/token/validate',
    method: 'POST',
    skipThrowForStatus: true,
  });
  const validateError = parseErrorBody(validate.content);
  if (validateError?.code === 'jwt_auth_no_auth_header') {
    throw new WordPressError(authorizationStrippedMessage(), 'authorization_header_stripped', 403);
  }
  if (validate.status !== 200 && validateError) {
    throw new WordPressError(
      explainWordPressError(validateError, validate.status),
      validateError.code,
      validate.status,
    );
  }
  if (validate.status !== 200) {
    // Surface through the shared translation (HTML pages, 5xx).
    validate.throwForStatus();
  }

  let me: HttpResponse<CurrentUser>;
  try {
    me = await wpRequest<CurrentUser>(z, {
      url: 'wp/v2/users/me',
      params: { context: 'edit', _fields: 'id,name,username,email,roles' },
    });
  } catch (err) {
    if (isPlatform401(err)) {
      // The token validated, yet WordPress saw this call as anonymous: the header was dropped on the way.
      throw new WordPressError(authorizationStrippedMessage(), 'authorization_header_stripped', 401);
    }
    throw err;
  }
  const user = me.data;
  return {
    id: user.id,
    name: stripTags(user.name ?? ''),
    username: user.username,
    email: user.email,
    roles: user.roles ?? [],
    site: siteLabel(authDataOf(bundle).site_url),
  };
}

/** Who and where, from the test's output: "Edith Editor @ example.com/blog". A template, so `invoke auth label` renders it too. */
export const connectionLabel = '{{name}} @ {{site}}';

export default {
  type: 'session',
  fields: [
    {
      key: 'site_url',
      label: 'Site URL',
      required: true,
      type: 'string',
      helpText:
        'The address of your WordPress site, for example `https://example.com` (add the sub-folder if WordPress lives in one). ' +
        'The site needs the [JWT Authentication for WP REST API](https://wordpress.org/plugins/jwt-authentication-for-wp-rest-api/) plugin, active, ' +
        "with `JWT_AUTH_SECRET_KEY` defined in wp-config.php and the Authorization lines from the plugin's setup guide in .htaccess.",
    },
    {
      key: 'username',
      label: 'Username or Email',
      required: true,
      type: 'string',
      helpText:
        'The login name or email address of the WordPress user Zapier acts as. Its role decides what the Zaps may do (Administrator for users, Author or above for posts).',
    },
    {
      key: 'password',
      label: 'Password',
      required: true,
      type: 'password',
      helpText: 'The password of that WordPress user.',
    },
    {
      key: 'allow_http',
      label: 'Allow Unencrypted HTTP',
      required: false,
      type: 'string',
      choices: { no: 'No (recommended)', yes: 'Yes, send my password over plain http://' },
      default: 'no',
      helpText:
        'Only for a site that has no HTTPS. With Yes, your password and token travel unencrypted and can be read by anyone on the network path.',
    },
    { key: 'token', type: 'string', required: false, computed: true },
    { key: 'rest_root', type: 'string', required: false, computed: true },
  ],
  sessionConfig: { perform: getToken },
  test: testConnection,
  connectionLabel,
} satisfies Authentication;
