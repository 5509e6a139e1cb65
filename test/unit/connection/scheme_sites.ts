// What the tests of the three ways in share: a site offering a way in, the login of Useful Team's
// plugin and its tokens, an Application Password's check, and a connected call. Every answer here
// says itself whether it carries WordPress's logged-in headers (helpers' wpAsNobody).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { callWordPress } from '../../../src/connection/request';
import { INDEX_FIELDS } from '../../../src/connection/schemes';
import { PASSWORD, REST_ROOT, SITE, wpAsNobody as wp } from '../helpers';

export const form = { site_url: SITE, username: 'edith', password: PASSWORD };
export const basic = `Basic ${Buffer.from(`edith:${PASSWORD}`).toString('base64')}`;
export const authorizeUrl = `${SITE}/wp-admin/authorize-application.php`;
export const appPasswords = { 'application-passwords': { endpoints: { authorization: authorizeUrl } } };
export const seedRoute = { '/jwt-auth/v1/token': { namespace: 'jwt-auth/v1' } };
export const usefulRoutes = { ...seedRoute, '/jwt-auth/v1/token/refresh': { namespace: 'jwt-auth/v1' } };
export const namespaces = ['oembed/1.0', 'jwt-auth/v1', 'wp/v2'];

/** A JWT as Useful Team's plugin issues it: `exp` 10 minutes after `iat` by default, the user ID an integer. */
export function usefulToken(secondsAgo: number, lifetime = 600): string {
  const iat = Math.floor(Date.now() / 1000) - secondsAgo;
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'HS256' })}.${part({ iss: SITE, iat, nbf: iat, exp: iat + lifetime, data: { user: { id: 2 } } })}.c2ln`;
}
export const USEFUL_TOKEN = usefulToken(0);

export function usefulAnswer(token = USEFUL_TOKEN) {
  return {
    success: true,
    statusCode: 200,
    code: 'jwt_auth_valid_credential',
    message: 'Credential is valid',
    data: {
      token,
      id: 2,
      email: 'edith@example.com',
      nicename: 'edith',
      firstName: 'Edith',
      lastName: 'Editor',
      displayName: 'Edith Editor',
    },
  };
}

/** WordPress's `?_envelope` form of an answer: always HTTP 200. */
export function envelope(status: number, body: object) {
  return { body, status, headers: { Allow: 'POST' } };
}

export function usefulRefusal(status: number, code: string, message: string) {
  return envelope(status, { success: false, statusCode: status, code, message, data: [] });
}

/** A first connection: the home page names the root, the index says what the site offers. */
export function siteOffering(index: object) {
  wp()
    .get('/')
    .reply(200, '', { Link: `<${REST_ROOT}>; rel="https://api.w.org/"` });
  return wp()
    .get('/wp-json/')
    .query({ _fields: INDEX_FIELDS })
    .reply(200, { namespaces, authentication: [], ...index });
}

export const usefulLogin = () =>
  wp().post('/wp-json/jwt-auth/v1/token', { username: 'edith', password: PASSWORD }).query({ _envelope: 1 });
export const appPasswordCheck = () =>
  wp().get('/wp-json/wp/v2/users/me').query({ _fields: 'id', _envelope: 1 }).matchHeader('authorization', basic);

export const listPosts = (z: ZObject, b: Bundle) =>
  callWordPress<unknown[]>(z, b, { route: 'wp/v2/posts', query: { per_page: 1 } }).then((r) => r.data);
