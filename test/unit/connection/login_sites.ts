// What the connection's tests share: the form as people fill it in, the seed plugin's token answer
// and REST index, and the pages that advertise (or hide) the REST root.
import { PASSWORD, REST_ROOT, TOKEN, wp } from '../helpers';
import nock from 'nock';

export const form = { site_url: 'example.com/wp-admin/', username: 'edith', password: PASSWORD };
export const tokenBody = {
  token: TOKEN,
  user_email: 'edith@example.com',
  user_nicename: 'edith',
  user_display_name: 'Edith Editor',
};
/** The REST index as INDEX_FIELDS cuts it, on a site with the seed's plugin. */
export const seedIndex = {
  namespaces: ['oembed/1.0', 'jwt-auth/v1', 'wp/v2'],
  authentication: [],
  routes: { '/jwt-auth/v1/token': { namespace: 'jwt-auth/v1', methods: ['POST'] } },
};
export const apiLink = { Link: `<${REST_ROOT}>; rel="https://api.w.org/"` };
/** When Zapier received the token: epoch seconds, as the string every computed field is. */
export const receivedNow = expect.stringMatching(/^\d{10}$/) as unknown;

/** A page of a site (its home by default) that advertises `root` in its Link header. */
export function advertises(origin: string, root: string, path = '/') {
  return nock(origin)
    .get(path)
    .reply(200, '', { Link: `<${root}>; rel="https://api.w.org/"` });
}

export function loginError(code: string, message: string) {
  return { code, message, data: { status: 403 } };
}

/**
 * A home page (HTML) that names no REST root and a `/wp-json/` that is an HTML 404: discovery then
 * asks `?rest_route=/`, whose answer the caller gives.
 */
export function probesPastHomeAndWpJson(home: string) {
  wp().get('/').reply(200, home, { 'Content-Type': 'text/html' });
  wp().get('/wp-json/').reply(404, '<html>Not found</html>', { 'Content-Type': 'text/html' });
  return wp().get('/index.php').query({ rest_route: '/' });
}
