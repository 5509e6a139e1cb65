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
  siteHost,
  siteLabel,
} from '../../../src/connection/site';
import { userMessage } from '../helpers';

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

  // People paste their password into Site URL ("Hunter2…" here): no message quotes what was typed.
  it.each([
    ['', /Enter your WordPress site's address/],
    ['   ', /Enter your WordPress site's address/],
    ['ftp://example.com', /must start with https:\/\//],
    ['https://user:secret@example.com', /must not contain a username or password/],
    ['http://', /not a web address|no host/],
    ['https://exa mple.com', /not a web address|no host/],
    ['Hunter2 pass', /is not a web address/],
    ['https://Hunter2 pass', /is not a web address/],
    ['Hunter2pass', /full domain name/],
    ['https://Hunter2pass:8080/', /full domain name/],
    ['Hunter2:pass@', /no host name|not a web address/],
  ])('rejects %j with a clear message that quotes none of it', (input, message) => {
    let err: unknown;
    try {
      normalizeSiteUrl(input);
    } catch (e) {
      err = e;
    }
    expect(userMessage(err)).toMatch(message);
    expect(userMessage(err)).not.toMatch(/secret|hunter2|exa mple/i);
  });

  it('accepts loopback and IP hosts without a dot', () => {
    expect(normalizeSiteUrl('localhost:8080').host).toBe('localhost:8080');
    expect(normalizeSiteUrl('http://[::1]:8080').host).toBe('[::1]:8080');
  });
});

describe('siteLabel and siteHost', () => {
  it.each([
    ['https://example.com/wp-json/', 'example.com'],
    ['https://www.example.com/wp-json/', 'www.example.com'],
    ['https://example.com/blog/wp-json/', 'example.com/blog'],
    ['https://example.com/blog/index.php?rest_route=/', 'example.com/blog'],
    ['https://example.com/?rest_route=/', 'example.com'],
    ['https://example.com/index.php/wp-json/', 'example.com'],
    ['https://example.com/api/', 'example.com'],
    ['http://127.0.0.1:8082/blog/index.php?rest_route=/', '127.0.0.1:8082/blog'],
  ])('labels the site of REST root %s as %s', (restRoot, label) => {
    expect(siteLabel({ rest_root: restRoot, site_url: 'https://example.com/hello-world/' })).toBe(label);
  });

  it('without a REST root, names only the Site URL’s host', () => {
    expect(siteLabel({ site_url: 'https://example.com/s3cret?pw=hunter2' })).toBe('example.com');
    expect(siteHost('example.com:8443/blog/')).toBe('example.com:8443');
    expect(siteHost('not a url')).toBe('the site');
    expect(siteHost(undefined)).toBe('the site');
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
