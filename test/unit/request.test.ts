// The one request helper: URLs with their query under pretty and plain REST roots, JSON bodies that
// keep Zapier-style curlies, and network failures in words.
import type { Bundle } from 'zapier-platform-core';
import { jsonBody, networkErrorMessage, urlFor } from '../../src/request';

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
