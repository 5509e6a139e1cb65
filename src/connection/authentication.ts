// Session authentication: the site URL, username and password are traded for a way in, whichever
// the site offers (schemes.ts): a JWT from the seed's plugin or Useful Team's at /jwt-auth/v1/token,
// or, where neither is installed, WordPress's own Application Passwords sent as HTTP Basic on every
// request (no token). The token is kept as `token`, the REST root the site advertises as `rest_root`
// (and the Site URL it was found for as `rest_root_for`), the scheme as `auth_scheme`. When
// WordPress rejects the token later (expired, re-keyed, site moved), or it is about to expire, the
// middleware raises RefreshAuthError and Zapier calls `getToken` again by itself.
import type { Authentication, Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import {
  USER_GONE_CODES,
  appPasswordCheck,
  isPlatform401,
  judgeAppPassword,
  loginCall,
  refusesPasswordLogins,
  tokenIn,
  userGoneError,
} from './diagnosis';
import {
  UserInputError,
  WordPressError,
  explainWordPressError,
  isWordPressCode,
  looksLikeHtml,
  parseErrorBody,
  wordpressSaid,
} from './errors';
import { answerMessages, loginMessages, siteUrlMessages } from './messages';
import { companionVersion } from './companion';
import { discoverSite, siteOffer } from './discovery';
import { callWordPress } from './request';
import { AuthScheme, SiteOffer, appPasswordsProfileUrl, schemeOf, unwrapEnvelope } from './schemes';
import { AuthData, assertSafeTransport, hostOf, normalizeSiteUrl, restUrl, safeUrl, siteLabel } from './site';
import { stripTags } from '../wordpress/text';

interface CurrentUser {
  id: number;
  name: string;
  username?: string;
  email?: string;
  roles?: string[];
}

/** The test's output; the connection label reads it. */
export interface ConnectionTestResult extends CurrentUser {
  site: string;
  /** The companion plugin's version, or `not active`: instant triggers need it. */
  companion_plugin: string;
  /** What the label adds when the plugin is active: ` · Companion 1.0.0`. */
  companion_label: string;
}

async function requestToken(
  z: ZObject,
  bundle: Bundle,
  restRoot: string,
  auth: AuthData,
  scheme: AuthScheme,
): Promise<HttpResponse> {
  try {
    return await callWordPress(z, bundle, loginCall(restRoot, auth, scheme));
  } catch (err) {
    // The seed's plugin refuses with 403 and Useful Team's inside the envelope: a 401 comes from something in front.
    if (isPlatform401(err)) {
      throw new WordPressError(loginMessages.blockedBy401(hostOf(restRoot)), 'token_route_blocked', 401);
    }
    throw err;
  }
}

/** What the session keeps besides the form's fields. */
type Session = Pick<AuthData, 'token' | 'rest_root' | 'rest_root_for' | 'token_issued_at' | 'auth_scheme'>;

/** sessionConfig.perform: log in the way the site offers, and keep where the REST API lives. */
export async function getToken(z: ZObject, bundle: Bundle): Promise<Session> {
  const auth = bundle.authData as unknown as AuthData;
  const site = normalizeSiteUrl(auth.site_url);
  const allowHttp = auth.allow_http === 'yes';
  assertSafeTransport(site, allowHttp);
  if (!auth.username?.trim()) throw new UserInputError(siteUrlMessages.missingUsername(), 'missing_username');
  if (!auth.password) throw new UserInputError(siteUrlMessages.missingPassword(), 'missing_password');

  // A refresh reuses the root and scheme found for this Site URL; a failure there means the site changed: look again.
  const stored = storedRootFor(auth, site);
  const found = stored ? { root: stored } : await discoverSite(z, bundle, site);
  let restRoot = found.root;
  assertSafeTransport(new URL(restRoot), allowHttp);
  // A connection from before `auth_scheme` holding a token used the seed's plugin: no need to ask.
  const known = stored && (auth.auth_scheme || auth.token) ? schemeOf(auth) : undefined;
  let offer: SiteOffer | undefined = known ? { scheme: known } : await siteOffer(z, bundle, restRoot, found.index);
  let session = await logIn(z, bundle, restRoot, auth, offer);
  if (stored && session === 'moved') {
    const again = await discoverSite(z, bundle, site);
    restRoot = again.root;
    assertSafeTransport(new URL(restRoot), allowHttp);
    offer = await siteOffer(z, bundle, restRoot, again.index);
    session = await logIn(z, bundle, restRoot, auth, offer);
  }
  if (session === 'moved') throw new WordPressError(loginMessages.noToken(hostOf(restRoot), 404), 'no_token', 404);
  return {
    ...session,
    rest_root: restRoot,
    rest_root_for: site.toString(),
  };
}

/** One login in the offered way; `moved` when the stored root no longer leads to WordPress. */
async function logIn(
  z: ZObject,
  bundle: Bundle,
  restRoot: string,
  auth: AuthData,
  offer: SiteOffer | undefined,
): Promise<Omit<Session, 'rest_root' | 'rest_root_for'> | 'moved'> {
  const site = hostOf(restRoot);
  if (offer && !offer.scheme) throw new WordPressError(loginMessages.noWayIn(site), 'no_way_in', 404);
  const scheme = offer?.scheme ?? 'jwt';
  if (scheme === 'app_password') {
    const check = await callWordPress(z, bundle, appPasswordCheck(restRoot, auth)).catch((err: unknown) => {
      if (isPlatform401(err)) throw new WordPressError(loginMessages.blockedBy401(site), 'login_blocked', 401);
      throw err;
    });
    const refused = judgeAppPassword(check, auth, restRoot, false);
    if (refused) throw refused;
    const answer = unwrapEnvelope(check);
    if (answer.status !== 200) return failedLogin(answer, check, restRoot, auth);
    return { token: '', token_issued_at: '', auth_scheme: 'app_password' };
  }
  const response = await requestToken(z, bundle, restRoot, auth, scheme);
  if (tokenRouteMissing(response)) return 'moved';
  const answer = unwrapEnvelope(response);
  const issued = answer.status === 200 ? tokenIn(answer.data) : undefined;
  if (!issued) return failedLogin(answer, response, restRoot, auth, offer);
  return {
    token: issued.token,
    // Zapier's clock, not the token's `iat`: a site whose clock is slow would make a new token look old.
    token_issued_at: String(Math.floor(Date.now() / 1000)),
    auth_scheme: issued.useful ? 'jwt_useful' : 'jwt',
  };
}
/**
 * The stored REST root, when it was found for this same Site URL (a post or an alias pasted there
 * leads to the same root every time); connections from before `rest_root_for` judge by the path.
 */
function storedRootFor(auth: AuthData, site: URL): string | undefined {
  if (!auth.rest_root) return undefined;
  const same = auth.rest_root_for ? auth.rest_root_for === site.toString() : sameSite(auth.rest_root, site);
  return same ? auth.rest_root : undefined;
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

/** Why the login gave no token, as the error to throw. */
function failedLogin(
  answer: { status: number; content: string },
  response: HttpResponse,
  restRoot: string,
  auth: AuthData,
  offer?: SiteOffer,
): never {
  const body = parseErrorBody(answer.content);
  const site = hostOf(restRoot);
  const status = answer.status;
  // Renewing a connection that worked: the login it used is gone, not mistyped.
  if (auth.token && body && USER_GONE_CODES.includes(body.code)) throw userGoneError({ ...auth, rest_root: restRoot });
  if (refusesPasswordLogins(body)) {
    const url = offer?.appPasswordsUrl || appPasswordsProfileUrl(restRoot);
    throw new WordPressError(
      loginMessages.passwordLoginRefused(site, wordpressSaid(body), url),
      body?.code ?? '',
      status,
    );
  }
  if (status === 404 && body?.code === 'rest_no_route') {
    throw new WordPressError(loginMessages.pluginMissing(site), 'jwt_plugin_missing', 404);
  }
  if (body) throw new WordPressError(explainWordPressError(body, status), body.code, status);
  if (status === 429 || status >= 500)
    throw new WordPressError(loginMessages.busy(site, status), `http_${status}`, status);
  if (looksLikeHtml(answer.content, response.getHeader('content-type'))) {
    const url = safeUrl(restUrl(restRoot, 'jwt-auth/v1/token'));
    throw new WordPressError(answerMessages.htmlInsteadOfJson(url, status), 'html_response', status);
  }
  throw new WordPressError(loginMessages.noToken(site, status), 'no_token', status);
}

/**
 * The connection test: the user the token belongs to, in one request. When WordPress answers it as
 * anonymous, the diagnosis (diagnosis.ts) names why: the header stripped, or the user deleted.
 */
export async function testConnection(z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> {
  // The plugin is asked beside the user, not after: the test takes no longer for it.
  const [me, companion] = await Promise.all([
    callWordPress<CurrentUser>(z, bundle, {
      route: 'wp/v2/users/me',
      query: { context: 'edit', _fields: 'id,name,username,email,roles' },
      // Saying what is wrong is this test's job, however old the token.
      diagnoseAnyToken: true,
    }),
    companionVersion(z, bundle),
  ]);
  const user = me.data;
  // A user of a multisite network who is no member of this site logs in, but WordPress gives them no
  // role here (`"roles": []`): every Zap would see what a visitor sees. Refused now, with the fix.
  if (Array.isArray(user.roles) && user.roles.length === 0 && !(await isSuperAdmin(z, bundle))) {
    const site = siteLabel(bundle.authData as Partial<AuthData>);
    throw new WordPressError(loginMessages.notAMember(user.username ?? user.name ?? '', site), 'not_a_member', 403);
  }
  return {
    id: user.id,
    name: stripTags(user.name ?? ''),
    username: user.username,
    email: user.email,
    roles: user.roles ?? [],
    site: siteLabel(bundle.authData as Partial<AuthData>),
    companion_plugin: companion ?? 'not active',
    companion_label: companion ? ` · Companion ${companion}` : '',
  };
}

/**
 * A network's super admin may do everything on every site without a role on it; anyone else without
 * one may not read posts in the edit context (403 `rest_forbidden_context`). Asked only of a user
 * without a role.
 */
async function isSuperAdmin(z: ZObject, bundle: Bundle): Promise<boolean> {
  try {
    await callWordPress(z, bundle, { route: 'wp/v2/posts', query: { context: 'edit', per_page: 1, _fields: 'id' } });
    return true;
  } catch (err) {
    if (isWordPressCode(err, 'rest_forbidden_context')) return false;
    throw err;
  }
}

/**
 * "Edith Editor @ example.com/blog", and " · Companion 1.0.0" where the companion plugin is active.
 * A template, so `zapier-platform invoke auth label` renders it too.
 */
export const connectionLabel = '{{name}} @ {{site}}{{companion_label}}';

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
        "Zapier logs in with the [JWT Authentication for WP REST API](https://wordpress.org/plugins/jwt-authentication-for-wp-rest-api/) plugin or Useful Team's [JWT Auth](https://wordpress.org/plugins/jwt-auth/) where one is active " +
        "(with `JWT_AUTH_SECRET_KEY` in wp-config.php and the Authorization lines from the plugin's setup guide in .htaccess); " +
        "on a site with neither, with WordPress's own Application Passwords (an https:// site, WordPress 5.6 or later).",
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
      helpText:
        "That user's password, or an Application Password of that user (WordPress: Users › Profile › Application Passwords). " +
        'A site without a JWT plugin takes only an Application Password; one with a two-factor plugin usually too. Spaces in an Application Password do not matter.',
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
    { key: 'rest_root_for', type: 'string', required: false, computed: true },
    { key: 'token_issued_at', type: 'string', required: false, computed: true },
    { key: 'auth_scheme', type: 'string', required: false, computed: true },
  ],
  sessionConfig: { perform: getToken },
  test: testConnection,
  connectionLabel,
} satisfies Authentication;
