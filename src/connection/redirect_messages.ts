// What a user reads when a request that carries the password or token is redirected (redirects.ts):
// both hosts, and the address to put in the Site URL.

/** Said after a refused redirect of a write: why it was most likely not saved, and what to check. */
const WRITE_NOT_SAVED =
  ' A server that answers with a redirect has not passed the request on to WordPress, so this change was most likely not saved: check the site before running the step again.';

const write = (isWrite: boolean) => (isWrite ? WRITE_NOT_SAVED : '');

export const redirectMessages = {
  otherOrigin: (from: string, to: string, status: number, siteUrl: string, isWrite: boolean) =>
    `${from} redirected Zapier to ${to} (HTTP ${status}). Zapier sends your password and token only to the site's own address, so it did not follow. ` +
    `If your WordPress site really answers on ${siteUrl}, put ${siteUrl} in the Site URL and reconnect; if it does not, remove the redirect on ${from} (a plugin, .htaccess or the web server's configuration makes it).` +
    write(isWrite),
  downgrade: (from: string, to: string, status: number, isWrite: boolean) =>
    `${from} redirected Zapier from https:// to plain http:// (${to}, HTTP ${status}). Zapier did not follow: your password and token would have travelled unencrypted. ` +
    "Make the site answer on https://: in WordPress's Settings › General, the WordPress Address and the Site Address should both start with https://, and no plugin or .htaccess rule should send https:// visitors to http://." +
    write(isWrite),
  writeMoved: (from: string, to: string, status: number) =>
    `${from} answered this write with a redirect to ${to} (HTTP ${status}) instead of a result. Zapier does not follow a ${status} after a write: a client that follows it turns the write into a read, which would look like success. ` +
    'Reconnect (so Zapier finds the REST API where the site now has it), or remove the redirect on the site.' +
    WRITE_NOT_SAVED,
  tooMany: (host: string, hops: number, isWrite: boolean) =>
    `${host} kept redirecting Zapier (more than ${hops} times) without answering. Check the Site URL: use the address the site answers on, and check the site's redirect rules (a plugin, .htaccess) for a loop.` +
    write(isWrite),
  noLocation: (host: string, status: number, isWrite: boolean) =>
    `${host} answered HTTP ${status} (a redirect) without saying where to. Check the Site URL, and the site's redirect rules (a plugin, .htaccess).` +
    write(isWrite),
  /** Zapier's own "Redirecting to disallowed hostname": a redirect to localhost, 127.0.0.1 or ::1. */
  toLocalAddress: (host: string) =>
    `${host} redirected Zapier to a local address (localhost, 127.0.0.1 or ::1), which Zapier never follows. ` +
    "The site's own settings probably name localhost: in WordPress's Settings › General (or WP_HOME and WP_SITEURL in wp-config.php), the WordPress Address and the Site Address must be the site's public address. Then put that address in the Site URL.",
};
