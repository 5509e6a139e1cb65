// The one request helper: URLs with their query under pretty and plain REST roots, JSON bodies that
// keep Zapier-style curlies, and network failures in words.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { callWordPress, jsonBody, networkErrorMessage, urlFor } from '../../../src/connection/request';
import { appTester, authData, bundle, caught, failsWith, issuedToken, wp } from '../helpers';

const asBundle = (rest_root: string) => ({ authData: { rest_root } }) as unknown as Bundle;

describe('urlFor', () => {
  it('appends an encoded query to pretty and plain REST roots', () => {
    expect(
      urlFor(asBundle('https://example.com/wp-json/'), 'wp/v2/media', {
        title: 'a & b {{bundle.x}}',
        skip: undefined,
        n: 2,
      }),
    ).toBe('https://example.com/wp-json/wp/v2/media?title=a%20%26%20b%20%7B%7Bbundle.x%7D%7D&n=2');
    expect(
      urlFor(asBundle('https://example.com/blog/index.php?rest_route=/'), 'wp/v2/posts/5', { _fields: 'id,title' }),
    ).toBe('https://example.com/blog/index.php?rest_route=/wp/v2/posts/5&_fields=id%2Ctitle');
    expect(urlFor(asBundle('https://example.com/wp-json/'), 'wp/v2/posts')).toBe(
      'https://example.com/wp-json/wp/v2/posts',
    );
  });
});

describe('jsonBody', () => {
  it('is JSON that parses back to the same value, with no literal {{', () => {
    const value = { content: 'a {{bundle.inputData.x}} b {{ process.env.Y }} \\{{ c', list: [{ a: '{{' }] };
    const text = jsonBody(value);
    expect(text).not.toContain('{{');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('networkErrorMessage', () => {
  const url = 'https://example.com/wp-json/wp/v2/posts?token=abc';
  it.each([
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND example.com' }, /DNS lookup failed/],
    [{ code: 'ECONNREFUSED' }, /refused the connection/],
    [{ code: 'CERT_HAS_EXPIRED' }, /certificate/],
    [{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, /certificate/],
    [{ code: 'ECONNRESET' }, /cut off/],
    [{ type: 'request-timeout', message: 'network timeout at: x' }, /did not answer in time/],
    // The time limit's signal (middleware.ts), as node-fetch reports it.
    [{ type: 'aborted', message: 'The user aborted a request.' }, /did not answer in time/],
    // https:// to a port that answers in plain HTTP (Node's and OpenSSL's wording): not the certificate.
    [
      { code: 'EPROTO', message: 'write EPROTO 40E7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number' },
      /answered in plain HTTP.*does not speak HTTPS/,
    ],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, /answered in plain HTTP/],
  ])('%j', (err, expected) => {
    const message = networkErrorMessage(err, url) ?? '';
    expect(message).toMatch(expected);
    expect(message).not.toContain('abc');
  });
  it('names what to check: the Site URL, or the field whose link failed', () => {
    expect(networkErrorMessage({ code: 'ENOTFOUND' }, url)).toMatch(/Check the Site URL/);
    const message = networkErrorMessage({ code: 'ENOTFOUND' }, url, 'the Featured Image link') ?? '';
    expect(message).toMatch(/Check the Featured Image link/);
    expect(message).not.toMatch(/Site URL/);
  });

  it('leaves unknown errors alone', () => {
    expect(networkErrorMessage(new Error('boom'), url)).toBeUndefined();
  });
});

describe('callWordPress: a connected call that WordPress answers as anonymous', () => {
  const write = (z: ZObject, b: Bundle) =>
    callWordPress(z, b, { method: 'POST', route: 'wp/v2/posts', json: { title: 'Hello' } }).then((r) => r.data);
  const refusedWrite = () =>
    wp()
      .post('/wp-json/wp/v2/posts')
      .reply(401, { code: 'rest_cannot_create', message: 'Sorry, you are not allowed.', data: { status: 401 } });
  const validate = () => wp().post('/wp-json/jwt-auth/v1/token/validate');
  const withToken = (token: string) => bundle({}, {}, authData({ token }));

  it('with a token issued moments ago: diagnoses instead of asking Zapier to renew (no renewal loop)', async () => {
    const token = issuedToken(5);
    refusedWrite();
    validate()
      .matchHeader('authorization', `Bearer ${token}`)
      .reply(403, {
        code: 'jwt_auth_no_auth_header',
        message: 'Authorization header not found.',
        data: { status: 403 },
      });
    const { err, message } = await failsWith(() => appTester(write, withToken(token)));
    expect(err.name).not.toBe('RefreshAuthError');
    expect(message).toMatch(/removing the Authorization header/);
    expect(message).toContain('RewriteRule ^(.*) - [E=HTTP_AUTHORIZATION:%1]');
    expect(message).not.toContain(token);
  });

  it('with a token issued moments ago whose user was deleted: says so', async () => {
    refusedWrite();
    validate().reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
    wp()
      .post('/wp-json/jwt-auth/v1/token')
      .reply(403, {
        code: '[jwt_auth] invalid_username',
        message: 'The username is not registered.',
        data: { status: 403 },
      });
    const { message } = await failsWith(() => appTester(write, withToken(issuedToken(5))));
    expect(message).toMatch(/no longer has the WordPress user "edith"/);
  });

  it('with an old token: leaves the 401 to Zapier, which renews the session, and asks nothing more', async () => {
    refusedWrite();
    const diagnosis = validate().reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
    const err = await caught(() => appTester(write, withToken(issuedToken(3_600))));
    expect(err.name).toBe('RefreshAuthError');
    expect(diagnosis.isDone()).toBe(false);
  });

  it('keeps the RefreshAuthError when the diagnosis cannot tell (validate refused in front of the plugin)', async () => {
    refusedWrite();
    const diagnosis = validate().reply(401, 'Unauthorized');
    const err = await caught(() => appTester(write, withToken(issuedToken(5))));
    expect(err.name).toBe('RefreshAuthError');
    expect(diagnosis.isDone()).toBe(true);
  });

  it('never diagnoses a 401 from another host', async () => {
    nock('https://images.example.net').get('/a.png').reply(401, 'Unauthorized');
    const diagnosis = validate().reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
    const image = (z: ZObject, b: Bundle) => callWordPress(z, b, { route: 'https://images.example.net/a.png' });
    const err = await caught(() => appTester(image, withToken(issuedToken(5))));
    expect(err.name).toBe('RefreshAuthError');
    expect(diagnosis.isDone()).toBe(false);
  });

  it('never diagnoses a call that judges the answer itself (login, discovery)', async () => {
    wp().post('/wp-json/jwt-auth/v1/token').reply(401, 'Unauthorized');
    const login = (z: ZObject, b: Bundle) =>
      callWordPress(z, b, { method: 'POST', route: 'jwt-auth/v1/token', anonymous: true, passThrough: true });
    const diagnosis = validate().reply(200, { code: 'jwt_auth_valid_token', data: { status: 200 } });
    const err = await caught(() => appTester(login, withToken(issuedToken(5))));
    expect(err.name).toBe('RefreshAuthError');
    expect(diagnosis.isDone()).toBe(false);
  });
});
