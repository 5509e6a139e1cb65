// The Site URL people paste, where credentials may be sent, REST routes under the root WordPress
// advertises (pretty and plain permalinks), and URLs fit for a message.
import {
  assertSafeTransport,
  isLoopback,
  normalizeSiteUrl,
  restRootFromHtml,
  restRootFromLinkHeader,
  restUrl,
  safeUrl,
} from '../../src/site';
import { userMessage } from './helpers';

describe('normalizeSiteUrl', () => {
  it.each([
    ['example.com', 'https://example.com/'],
    ['  https://example.com/  ', 'https://example.com/'],
    ['https://example.com/wp-admin/', 'https://example.com/'],
    ['https://example.com/wp-admin/post-new.php', 'https://example.com/'],
    ['https://example.com/wp-login.php', 'https://example.com/'],
    ['https://example.com/blog', 'https://example.com/blog'],
    ['https://example.com/blog/', 'https://example.com/blog'],
    ['https://example.com/blog/wp-admin/', 'https://example.com/blog'],
    ['https://example.com/wp-json/', 'https://example.com/'],
    ['https://example.com/index.php?rest_route=/', 'https://example.com/'],
    ['https://Example.COM:8443/', 'https://example.com:8443/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['localhost/blog', 'http://localhost/blog'],
    ['https://example.com/#comments', 'https://example.com/'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSiteUrl(input).toString()).toBe(expected);
  });

  it.each([
    ['', /Enter your WordPress site's address/],
    ['   ', /Enter your WordPress site's address/],
    ['ftp://example.com', /must start with https:\/\//],
    ['https://user:secret@example.com', /must not contain a username or password/],
    ['http://', /not a web address|no host/],
    ['https://exa mple.com', /not a web address|no host/],
  ])('rejects %j with a clear message', (input, message) => {
    let err: unknown;
    try {
      normalizeSiteUrl(input);
    } catch (e) {
      err = e;
    }
    expect(userMessage(err)).toMatch(message);
    expect(userMessage(err)).not.toContain('secret');
  });
});

describe('assertSafeTransport', () => {
  it('allows https, loopback and explicit opt-in; refuses plain http to a remote host', () => {
    expect(() => assertSafeTransport(new URL('https://example.com'), false)).not.toThrow();
    expect(() => assertSafeTransport(new URL('http://127.0.0.1:8080'), false)).not.toThrow();
    expect(() => assertSafeTransport(new URL('http://[::1]:8080'), false)).not.toThrow();
    expect(() => assertSafeTransport(new URL('http://example.com'), true)).not.toThrow();
    let err: unknown;
    try {
      assertSafeTransport(new URL('http://example.com'), false);
    } catch (e) {
      err = e;
    }
    expect(userMessage(err)).toMatch(/unencrypted.*Allow unencrypted HTTP/s);
  });

  it('knows loopback names', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.1.2.3')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('127.0.0.1.example.com')).toBe(false);
    expect(isLoopback('10.0.0.1')).toBe(false);
  });
});

describe('restUrl', () => {
  it('appends routes to a pretty REST root', () => {
    expect(restUrl('https://example.com/wp-json/', 'wp/v2/posts')).toBe('https://example.com/wp-json/wp/v2/posts');
    expect(restUrl('https://example.com/blog/wp-json/', '/wp/v2/posts/12')).toBe(
      'https://example.com/blog/wp-json/wp/v2/posts/12',
    );
  });
  it('puts routes into rest_route for plain permalinks, so further arguments follow with &', () => {
    const url = restUrl('https://example.com/blog/index.php?rest_route=/', 'wp/v2/posts');
    expect(url).toBe('https://example.com/blog/index.php?rest_route=/wp/v2/posts');
    expect(url.split('?')).toHaveLength(2);
  });
  it('encodes route parts once', () => {
    expect(restUrl('https://example.com/wp-json/', 'wp/v2/users/me')).toBe(
      'https://example.com/wp-json/wp/v2/users/me',
    );
    expect(restUrl('https://example.com/wp-json/', 'wp/v2/tags/a b')).toBe(
      'https://example.com/wp-json/wp/v2/tags/a%20b',
    );
  });
});

describe('REST root discovery helpers', () => {
  it('reads the api.w.org Link header among others', () => {
    const header =
      '<https://example.com/wp-json/>; rel="https://api.w.org/", <https://example.com/wp-json/wp/v2/pages/2>; rel="alternate"; type="application/json", <https://example.com/>; rel=shortlink';
    expect(restRootFromLinkHeader(header)).toBe('https://example.com/wp-json/');
    expect(restRootFromLinkHeader('<https://example.com/?rest_route=/>; rel="https://api.w.org/"')).toBe(
      'https://example.com/?rest_route=/',
    );
    expect(restRootFromLinkHeader('<https://example.com/>; rel=shortlink')).toBeUndefined();
    expect(restRootFromLinkHeader(null)).toBeUndefined();
  });
  it('reads the link tag from HTML, decoding entities', () => {
    const html = `<html><head><link rel='https://api.w.org/' href='https://example.com/blog/index.php?rest_route=/&amp;x=1' /></head></html>`;
    expect(restRootFromHtml(html)).toBe('https://example.com/blog/index.php?rest_route=/&x=1');
    expect(restRootFromHtml('<link rel="stylesheet" href="/a.css">')).toBeUndefined();
  });
});

describe('safeUrl', () => {
  it('drops query values from URLs shown to users, keeping rest_route', () => {
    expect(safeUrl('https://example.com/wp-json/wp/v2/posts?token=abc')).toBe(
      'https://example.com/wp-json/wp/v2/posts',
    );
    expect(safeUrl('https://example.com/index.php?rest_route=/wp/v2/posts&password=x')).toBe(
      'https://example.com/index.php?rest_route=/wp/v2/posts',
    );
  });
});
