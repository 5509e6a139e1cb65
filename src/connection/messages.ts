// What the app tells a Zapier user when something is wrong: the sentences shared by the
// connection, the middlewares and the translation of WordPress's error codes. Each names what is
// wrong and what to do. An operation's own sentences (which field, which post) stay with it.

export const PLUGIN_URL = 'https://wordpress.org/plugins/jwt-authentication-for-wp-rest-api/';

export const HTACCESS_FIX =
  'RewriteEngine on\n' + 'RewriteCond %{HTTP:Authorization} ^(.*)\n' + 'RewriteRule ^(.*) - [E=HTTP_AUTHORIZATION:%1]';

// ---------------------------------------------------------------------------- the connection form

export const siteUrlMessages = {
  missing: () => "Enter your WordPress site's address in Site URL, for example https://example.com.",
  // Neither quotes what was typed: people paste their password into Site URL.
  notAnAddress: () =>
    "Site URL is not a web address. Enter your WordPress site's address in Site URL, for example https://example.com.",
  wrongScheme: (protocol: string) =>
    `Site URL must start with https:// (it starts with ${protocol}//). Enter your WordPress site's address, for example https://example.com.`,
  hasCredentials: () =>
    'Site URL must not contain a username or password. Enter only the address (https://example.com) and put the login in the Username and Password fields.',
  noHost: () => "Site URL has no host name. Enter your WordPress site's address, for example https://example.com.",
  notADomain: () =>
    "Site URL must hold your site's full domain name, with a dot (example.com, not example). Enter your WordPress site's address, for example https://example.com.",
  insecure: (host: string) =>
    `${host} is reached over plain http://, so your WordPress password would travel unencrypted. ` +
    'Use the https:// address of your site (install a TLS certificate if it has none), or, if you accept the risk, ' +
    'set "Allow unencrypted HTTP" to Yes on the connection form.',
  missingUsername: () => 'Enter the WordPress username or email address in Username.',
  missingPassword: () => 'Enter the WordPress password in Password.',
};

// ---------------------------------------------------------------------------- finding the REST API

export const discoveryMessages = {
  restApiOff: (site: string, why: string) =>
    `The WordPress REST API at ${site} is switched off or limited to logged-in users (${why}). ` +
    'Zapier needs it: in the plugin that disables it (for example "Disable REST API" or a security plugin), allow the REST API, or at least the jwt-auth/v1 and wp/v2 routes.',
  notWordPress: (site: string, status: number) =>
    `${site} answered HTTP ${status} and does not look like a WordPress site. Check the Site URL: it should be the address of your WordPress home page.`,
  restApiHidden: (site: string, probe: string) =>
    `${site} does not advertise a WordPress REST API, and ${probe} answered with a web page instead of data. ` +
    'Either this is not a WordPress site (check the Site URL: it must be the WordPress home page; include the sub-folder if WordPress lives in one), ' +
    'or a security plugin, cache, firewall or maintenance mode hides the REST API: allow /wp-json/ from Zapier.',
  noRestApi: (site: string) =>
    `${site} does not look like a WordPress site with the REST API enabled. Check the Site URL (the WordPress home page, with its sub-folder if any).`,
  notConnected: () => 'This connection has no WordPress REST address yet. Reconnect your WordPress account.',
};

// ---------------------------------------------------------------------------- logging in

export const loginMessages = {
  blockedBy401: (site: string) =>
    `${site} refused the login request with HTTP 401 before the JWT plugin could answer. ` +
    'A security plugin, HTTP basic authentication on the site, or a firewall is blocking /jwt-auth/v1/token: allow it for Zapier, then reconnect.',
  pluginMissing: (site: string) =>
    `The "JWT Authentication for WP REST API" plugin is not installed or not active on ${site} ` +
    `(WordPress has no jwt-auth/v1/token route). Install and activate it (${PLUGIN_URL}), ` +
    'add JWT_AUTH_SECRET_KEY to wp-config.php as its setup explains, then reconnect.',
  busy: (site: string, status: number) =>
    `${site} could not log in right now (HTTP ${status}). The server is busy or failing; try again in a few minutes.`,
  noToken: (site: string, status: number) =>
    `The login route on ${site} answered HTTP ${status} without a token. Check that the JWT Authentication for WP REST API plugin is the one installed, then reconnect.`,
  staleToken: (why: string) => `WordPress no longer accepts this connection's token (${why}); logging in again.`,
  authorizationStripped: () =>
    'Your server is removing the Authorization header before WordPress sees it, so every request ' +
    'looks anonymous even though the login worked. This is the usual Apache setup: add these lines ' +
    'to the .htaccess file in WordPress\'s folder, above the "# BEGIN WordPress" block, then reconnect:\n' +
    `${HTACCESS_FIX}\n` +
    '(Alternatives: SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1, or CGIPassAuth On on Apache 2.4.13+.)',
  /** The token still validates, but names a user WordPress no longer has; or the login no longer finds it. */
  userGone: (username: string, site: string) =>
    `${site} no longer has the WordPress user "${username}" this connection logs in as: it was deleted (or its login renamed) after you connected, ` +
    'so WordPress treats every request of this connection as anonymous. Reconnect your WordPress account with a user that exists on the site.',
  /** A JWT within a minute of its `exp`: renewed before the request goes out. */
  tokenExpiring: () => 'This connection’s token is about to expire; logging in again before calling WordPress.',
  /** Useful Team's plugin answered a request with an older token as nobody (it ignores a token it refuses). */
  answeredAsNobody: () =>
    'WordPress answered this connection as if nobody were logged in (the JWT Auth plugin ignores a token it no longer accepts); logging in again.',
  /** The Two Factor plugin and others refuse a password login through the REST API; an Application Password passes. */
  passwordLoginRefused: (site: string, said: string, appPasswordsUrl: string) =>
    `${site} refused to log in with a password through the REST API: a two-factor or security plugin allows apps in only with an Application Password.${said} ` +
    `Create an Application Password for this user in WordPress (${appPasswordsUrl}: under "Application Passwords", name it "Zapier" and click "Add New Application Password"), ` +
    'paste it into the Password field, then reconnect.',
  /** The site has neither JWT plugin, and WordPress does not offer Application Passwords there (plain http, or switched off). */
  noWayIn: (site: string) =>
    `The "JWT Authentication for WP REST API" plugin is not installed or not active on ${site}, and WordPress does not offer Application Passwords there, so Zapier has no way to log in. ` +
    `Either install and activate that plugin (${PLUGIN_URL}, or Useful Team's "JWT Auth") and add JWT_AUTH_SECRET_KEY to wp-config.php as its setup explains; ` +
    'or use WordPress’s own Application Passwords, which need no plugin: WordPress offers them only on a site served over https:// (install a TLS certificate), ' +
    'and only if no security plugin switched them off. Then reconnect (with https:// in the Site URL).',
  /**
   * WordPress ignored the Basic login (it takes only Application Passwords there): at connection a
   * regular password is the usual cause, later a revoked Application Password or a deleted user.
   */
  appPasswordRefused: (site: string, username: string, appPasswordsUrl: string, connected: boolean) =>
    (connected
      ? `${site} no longer accepts this connection’s Application Password for "${username}": it was revoked, or the user was deleted or renamed, so WordPress answers as if nobody were logged in. `
      : `${site} did not accept "${username}" with that password. This site has no JWT plugin, so Zapier logs in with an Application Password: a separate password WordPress creates for apps, not the one you log in to wp-admin with. `) +
    `Create one in your WordPress profile (${appPasswordsUrl}: under "Application Passwords", name it "Zapier" and click "Add New Application Password"), ` +
    'paste it into the Password field (spaces or not), check the Username, then reconnect.',

  /** The JWT plugin the connection logs in with was deactivated or removed: WordPress ignores the token. */
  pluginGone: (site: string, scheme: string) =>
    `The ${scheme === 'jwt_useful' ? 'JWT Auth plugin (Useful Team)' : '"JWT Authentication for WP REST API" plugin'} this connection logs in with is no longer active on ${site} ` +
    '(WordPress has no jwt-auth/v1 routes any more), so WordPress ignores the connection’s token and answers as if nobody were logged in. ' +
    'Activate the plugin again in WordPress (Plugins), then try again; or reconnect with an Application Password in the Password field, where the site offers them.',
  /** A status filter refused as to nobody (WordPress's 401 inside its 400), when the diagnosis could not say why. */
  anonymousStatus: (statusWords: string) =>
    `WordPress treated the request as anonymous, so it refuses ${statusWords} posts. The server is probably dropping the Authorization header: run the connection test (it names the fix), then try again.`,
  /** Logged in, but with no role on this site: on a multisite network, a member of another site only. */
  notAMember: (username: string, site: string) =>
    `The WordPress user "${username}" is not a member of ${site}: WordPress logs them in but gives them no role on this site, ` +
    'so Zapier could only see what a visitor sees and could write nothing. On a multisite network, put the address of the sub-site this user belongs to in Site URL ' +
    '(for example https://example.com/blog2/), or have a network administrator add the user to this site (Users › Add Existing User) with the role the Zaps need; then reconnect.',
  /** A connected read answered as nobody, and the diagnosis could not say why. */
  answeredAsNobodyUnexplained: (url: string) =>
    `WordPress answered ${url} as if nobody were logged in, although this connection sent its token. ` +
    'Run the connection test (it names the cause: the Authorization header removed by the server, the user deleted, or the JWT plugin deactivated), then try again.',
  /** The header reaches the plugin's routes, the user exists, yet this request came through as anonymous. */
  anonymousOnRoute: (url: string, username: string) =>
    `WordPress answered ${url} as if nobody were logged in (HTTP 401), although this connection's token is valid and the user "${username}" exists. ` +
    'Something on the server removes the Authorization header for this address, or refuses the request before WordPress reads it: ' +
    'usually a security plugin, or a server rule that covers only part of /wp-json/. Let the Authorization header through to the whole REST API, then try again.',
};

// ---------------------------------------------------------------------------- answers that are not WordPress's

/**
 * What to do after WordPress failed (5xx). Zapier retries only a ThrottledError (429, or 503 with
 * Retry-After): any other failure stops the step until the user (or their Autoreplay) runs it again.
 * A write may have been saved before the failure (a plugin's save hook dying after the insert), so
 * rerunning it blindly could write twice.
 */
export function afterServerFailure(write: boolean): string {
  return write
    ? "WordPress may have saved this change before it failed: check the site before running the step again, so nothing is written twice. If it keeps failing, check the site's PHP error log."
    : "This is usually temporary (a PHP error in a plugin or theme, or an overloaded server): try again in a few minutes. If it keeps failing, check the site's PHP error log.";
}

export const answerMessages = {
  htmlInsteadOfJson: (url: string, status: number) =>
    `WordPress answered ${url} with a web page instead of REST API data (HTTP ${status}). ` +
    'A security or firewall plugin, maintenance mode, a cache or a hosting firewall is intercepting the REST API. ' +
    'Allow requests to /wp-json/ (and ?rest_route=) from Zapier, or turn off maintenance mode, then try again.',
  html404: (url: string) =>
    `WordPress's REST API answered ${url} with a "not found" web page (HTTP 404). The site's permalinks or REST API setup changed: reconnect your WordPress account so Zapier finds the REST API again.`,
  serverFailed: (host: string, status: number, write = false) =>
    `WordPress at ${host} failed with HTTP ${status} and no explanation. ${afterServerFailure(write)}`,
  refusedUnexplained: (host: string, status: number) =>
    `WordPress at ${host} refused the request with HTTP ${status} and no explanation.`,
  /** A 2xx that is not JSON: on a write, WordPress has most likely saved the change already. */
  invalidJson: (host: string, status: number, write = false) =>
    `WordPress at ${host} sent an answer that is not valid JSON (it may have been cut off, or a plugin printed text into it). ` +
    (write
      ? `It answered HTTP ${status} (success), so it has most likely saved this change: check the site before running the step again, so nothing is written twice. If`
      : 'Try again; if') +
    ' it keeps happening, turn off WP_DEBUG_DISPLAY on the site and look for a plugin that prints output.',
  throttled: (host: string, status: number, delay: number | undefined) =>
    `WordPress at ${host} is ${status === 429 ? 'limiting how fast Zapier may call it (HTTP 429)' : 'temporarily unavailable (HTTP 503)'}; Zapier will retry${delay ? ` in ${delay} second${delay === 1 ? '' : 's'}` : ''}.`,
};

// ---------------------------------------------------------------------------- the network

/** `check` is what the user should look at: `the Site URL`, or the field that named a file's link. */
export const networkMessages = {
  dns: (host: string, check: string) =>
    `Could not find ${host} (DNS lookup failed). Check ${check} for typos, and that the domain is live.`,
  refused: (host: string, check: string) =>
    `${host} refused the connection. Check ${check} (and its port), and that the web server is running.`,
  plainHttp: (host: string, check: string) =>
    `${host} answered in plain HTTP where https:// expects an encrypted connection: that port does not speak HTTPS. Check ${check}: use the https:// address without a port, or http:// if that port is meant to be plain.`,
  tls: (host: string, code: string) =>
    `The secure connection to ${host} failed (${code}): its HTTPS certificate is invalid, expired or self-signed. Fix the certificate (e.g. with Let's Encrypt), then try again.`,
  resetMidAnswer: (host: string) =>
    `The connection to ${host} was reset while its answer was arriving (the answer was cut off). This is usually temporary; try again. If it persists, a proxy or firewall in front of the site may be cutting long answers.`,
  reset: (host: string, code: string) =>
    `The connection to ${host} was cut off before it answered (${code}). This is usually temporary; try again. If it persists, a firewall may be blocking Zapier.`,
  timeout: (host: string) => `${host} did not answer in time. It may be overloaded or down; try again later.`,
  unreachable: (host: string, code: string, check: string) =>
    `${host} cannot be reached (${code}). Check ${check}, and that the site is online and public.`,
  writeMayHaveLanded: (message: string) =>
    `${message} WordPress may or may not have saved this change before the connection failed: check the site before running the step again, so nothing is written twice.`,
};

// ---------------------------------------------------------------------------- roles and capabilities

const ROLES_WITH: Record<string, string> = {
  edit_posts: 'Contributor, Author, Editor or Administrator',
  publish_posts: 'Author, Editor or Administrator',
  edit_others_posts: 'Editor or Administrator',
  edit_pages: 'Editor or Administrator',
  edit_published_posts: 'Author, Editor or Administrator',
  upload_files: 'Author, Editor or Administrator',
  manage_categories: 'Editor or Administrator',
  moderate_comments: 'Editor or Administrator',
  list_users: 'Administrator',
  create_users: 'Administrator',
  edit_users: 'Administrator',
  promote_users: 'Administrator',
};

export function needsCapability(capability: string, what: string): string {
  const roles = ROLES_WITH[capability];
  return (
    `The WordPress user this connection uses is not allowed to ${what}: WordPress requires the ` +
    `"${capability}" capability${roles ? ` (roles: ${roles})` : ''}. ` +
    'Reconnect with a user that has it, or ask a site administrator to change the role.'
  );
}

/**
 * WordPress's `rest_forbidden_status` for a logged-in user: reading any status but Published takes
 * the type's edit capability. `statusWords` names the status as a sentence does (`draft`, `scheduled`).
 */
export function forbiddenStatus(statusWords: string, postType: string): string {
  const capability = postType === 'page' ? 'edit_pages' : 'edit_posts';
  const items = postType === 'post' ? 'posts' : `items of type "${postType}"`;
  return `${needsCapability(capability, `read ${statusWords} ${items}`)} Or set Status to Published.`;
}

/** `the role "editor"`, `one of the roles "editor", "author"`, or `that role` when the request is not known. */
export function whichRoles(roles: string[]): string {
  if (!roles.length) return 'that role';
  const quoted = roles.map((role) => `"${role}"`);
  return roles.length === 1 ? `the role ${quoted[0]}` : `one of the roles ${quoted.join(', ')}`;
}

/**
 * WordPress's 401/403 `rest_user_invalid_role`: the role exists, but the connected user may not give
 * it (`check_role_update`: a role outside the user's editable roles, or their own account demoted
 * to a role that cannot edit users).
 */
export function roleNotAllowed(roles: string[], said: string): string {
  return (
    `The WordPress user this connection uses is not allowed to give ${whichRoles(roles)}.${said} ` +
    'WordPress never lets a user give their own account a role that cannot edit users (an Administrator cannot demote themselves), and lets a user give only the roles their own role may assign (a role-editor plugin may limit these). ' +
    'To change your own role, connect as another Administrator; otherwise pick another role, or ask a site administrator.'
  );
}

// ---------------------------------------------------------------------------- comments

/** `post 17`, or `this post` where the code's sentence does not know which. */
export const postRef = (post?: number) => (post === undefined ? 'this post' : `post ${post}`);
/** `comment 231`, or `this comment`. */
export const commentRef = (comment?: number) => (comment === undefined ? 'this comment' : `comment ${comment}`);

/** Comments: what WordPress refused about a comment, and what to do instead. */
export const commentMessages = {
  moderationNeeded: (what: string) =>
    needsCapability('moderate_comments', what) +
    ' (An Author may also moderate the comments on their own posts, in WordPress.)',
  closed: (post: string) =>
    `Post: comments are closed on ${post}. Open them on the post in WordPress (Discussion: Allow comments), or pick another post.`,
  duplicate: () =>
    'WordPress already has this exact comment from this user on this post, and refuses to post it twice. If an earlier run posted it, there is nothing to do; otherwise change the Content.',
  flood: (delay?: number) =>
    'WordPress refused the comment because this user posted another one moments ago (its flood protection allows one comment every 15 seconds, except for Editors and Administrators). ' +
    (delay ? `Zapier will retry in ${delay} seconds.` : 'Wait a little, then try again.'),
  noPost: (post: string) =>
    `Post: WordPress has no ${post} (it may have been deleted). Pick the post from the dropdown.`,
  unpublishedPost: (post: string, state: string) =>
    `Post: ${post} is ${state}, and WordPress takes comments only on posts that are published. Publish it first, or pick another post.`,
  /** `so`: what follows from it (`so it may not comment on it either`). */
  postUnreadable: (post: string, so = 'so it may not comment on it either') =>
    `Post: the WordPress user this connection uses may not read ${post} (a private or password-protected post, or another user's unpublished one), ${so}. Pick another post, or reconnect as a user who may read it.`,
  noParent: (parent: string, post: string) =>
    `Reply To: WordPress has no ${parent} (it may have been deleted). Pick the comment from the dropdown, which lists the comments of ${post}, or leave Reply To empty.`,
  parentElsewhere: (parent: string, onPost: string, post: string) =>
    `Reply To: ${parent} belongs to ${onPost}, not to ${post}, and a reply must be on the same post. Pick the comment from the dropdown, which lists the comments of ${post}, or leave Reply To empty.`,
  parentRemoved: (parent: string, status: string) =>
    `Reply To: ${parent} is in the ${status === 'spam' ? 'spam' : 'trash'}, where a reply would never show. Restore it in WordPress first, or leave Reply To empty.`,
  emptyContent: () => 'Content: WordPress refuses an empty comment. Fill in Content.',
  tooLong: (said: string) =>
    `Content: the comment is longer than WordPress can store (65,525 bytes: as many characters of plain English, fewer of other scripts).${said} Shorten it.`,
  noComment: (comment: string) =>
    `Comment: WordPress has no ${comment} (it may have been deleted for good). Pick the comment from the dropdown.`,
  alreadyTrashed: (comment: string) =>
    `${comment.charAt(0).toUpperCase()}${comment.slice(1)} is already in the trash, so nothing was changed. To change it, restore it in WordPress first (Comments, Trash).`,
  trashOff: () =>
    'This site keeps no trash for comments (EMPTY_TRASH_DAYS is 0 in wp-config.php), so WordPress can only delete a comment for good, which this action never does. Mark it as Spam instead, or delete it in WordPress.',
};

// ---------------------------------------------------------------------------- WordPress's error codes

/** What a code's sentence may use: the HTTP status, and WordPress's own message as a quoted tail. */
export interface ErrorContext {
  code: string;
  status: number;
  /** ` WordPress said: "…".`, or '' when it said nothing. */
  said: string;
  /** The request was a write (not GET): a failure may come after WordPress saved it. */
  write?: boolean;
}

/** `rest_invalid_param`: each complaint names the field (`Status (status): must be one of …`). */
export function invalidInput(complaints: string[]): string {
  const these = complaints.length > 1 ? 'these fields' : 'this field';
  return `WordPress rejected the input. ${complaints.join('; ')}. Correct ${these} and try again.`;
}

export const codeMessages = {
  secretKeyMissing: () =>
    'The JWT plugin is active but not configured: JWT_AUTH_SECRET_KEY is missing. ' +
    "Add define('JWT_AUTH_SECRET_KEY', 'a long random string'); to the site's wp-config.php, then reconnect.",
  unknownLogin: () =>
    'WordPress does not know that username or email address. Check the Username field (a login name or the email of a WordPress user), then reconnect.',
  wrongPassword: () =>
    'The password is not correct for that WordPress user. Check the Password field (use the password you log in to wp-admin with, or an Application Password of that user), then reconnect.',
  emptyUsername: () => 'The Username field is empty. Enter the WordPress login name or email address, then reconnect.',
  emptyPassword: () => 'The Password field is empty. Enter the WordPress password, then reconnect.',
  authorizationStripped: () => loginMessages.authorizationStripped(),
  badAuthorizationHeader: (c: ErrorContext) =>
    `WordPress received a malformed Authorization header. A proxy or security plugin may be rewriting it; make sure it passes "Authorization: Bearer …" through unchanged.${c.said}`,
  noRoute: (c: ErrorContext) =>
    `WordPress has no REST route for this request (HTTP ${c.status}). If it is the login route, the JWT Authentication for WP REST API plugin is not installed or not active: install and activate it (${PLUGIN_URL}).${c.said}`,
  notLoggedIn: (c: ErrorContext) =>
    c.status === 401
      ? `WordPress treated the request as anonymous (HTTP 401). If the connection test passes, the server may be dropping the Authorization header for this route; see the .htaccess fix in the connection help.${c.said}`
      : `WordPress refused access (HTTP ${c.status}).${c.said}`,
  notAllowed: (c: ErrorContext) =>
    `The WordPress user this connection uses is not allowed to do this (${c.code}).${c.said} Reconnect with a user whose role allows it, or ask a site administrator.`,
  noSuchPost: () =>
    'WordPress has no post with that ID (it may have been deleted, or belong to another post type). Check the Post field.',
  noSuchUser: () => 'WordPress has no user with that ID (the user may have been deleted). Check the User field.',
  noSuchTerm: () =>
    'WordPress has no category or tag with that ID (it may have been deleted). Pick it again from the dropdown.',
  usernameTaken: () =>
    'A WordPress user with that username already exists. Choose another username, or use Find User / Update User for the existing one.',
  emailTaken: () =>
    'A WordPress user with that email address already exists. Use another email, or use Find User / Update User for the existing one.',
  emailRefused: (c: ErrorContext) =>
    `WordPress rejected the email address: it is invalid or already used by another user.${c.said}`,
  unknownRole: (c: ErrorContext) => `WordPress does not know that role. Pick a role from the dropdown.${c.said}`,
  roleNotAllowed: (c: ErrorContext) => roleNotAllowed([], c.said),
  usernameRefused: (c: ErrorContext) =>
    `WordPress rejected the username.${c.said} Usernames cannot be changed after a user is created.`,
  passwordRefused: (c: ErrorContext) => `WordPress rejected the password.${c.said}`,
  uploadFailed: (c: ErrorContext) =>
    `WordPress could not store the file: its type may not be allowed on this site, or the uploads folder is not writable.${c.said}`,
  pastTheEnd: () => 'There are no more items to read (the page number is past the end).',
  unknownPostType: (c: ErrorContext) =>
    `WordPress has no post type by that name. Pick a post type from the dropdown.${c.said}`,
  serverError: (c: ErrorContext) =>
    `WordPress failed with HTTP ${c.status} (${c.code}).${c.said} ${afterServerFailure(c.write ?? false)}`,
  refused: (c: ErrorContext) => `WordPress refused the request with HTTP ${c.status} (${c.code}).${c.said}`,
};
