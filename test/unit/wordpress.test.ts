import {
  decodeEntities,
  explainWordPressError,
  gmtToIso,
  htmlToText,
  isLoopback,
  localToIso,
  networkErrorMessage,
  normalizeSiteUrl,
  restRootFromHtml,
  restRootFromLinkHeader,
  restUrl,
  safeUrl,
  stripTags,
  assertSafeTransport,
} from '../../src/wordpress';
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

describe('text and dates', () => {
  it('decodes every HTML 4 named entity, case-sensitively', () => {
    expect(decodeEntities('Caf&eacute; &Eacute;t&eacute; &euml; &szlig; &AMP; &nbsp;&ne; &bogus;')).toBe(
      'Café Été ë ß & \u00a0≠ &bogus;',
    );
  });
  it('decodes entities WordPress emits', () => {
    expect(decodeEntities('What&#8217;s new &amp; hot &#x1F600; &hellip; &unknown;')).toBe(
      'What’s new & hot 😀 … &unknown;',
    );
  });
  it('strips tags to one line', () => {
    expect(
      stripTags(
        '<strong>Error:</strong> The password you entered for the username <b>edith</b> is incorrect. <a href="x">Lost your password?</a>',
      ),
    ).toBe('Error: The password you entered for the username edith is incorrect. Lost your password?');
  });
  it('turns HTML into text with paragraph breaks and no block comments or scripts', () => {
    const html =
      '<!-- wp:paragraph -->\n<p>Hello <em>world</em> &amp; friends</p>\n<!-- /wp:paragraph --><ul><li>One</li><li>Two</li></ul><script>alert(1)</script><p>Bye<br>now</p>';
    expect(htmlToText(html)).toBe('Hello world & friends\n\n• One\n• Two\n\nBye\nnow');
    expect(htmlToText('')).toBe('');
    expect(htmlToText(undefined)).toBe('');
  });
  it('gives GMT dates a zone and local dates their offset', () => {
    expect(gmtToIso('2026-03-14T08:30:00')).toBe('2026-03-14T08:30:00+00:00');
    expect(gmtToIso(null)).toBeNull();
    expect(gmtToIso('0000-00-00T00:00:00')).toBeNull();
    expect(localToIso('2026-03-14T09:30:00', '2026-03-14T08:30:00')).toBe('2026-03-14T09:30:00+01:00');
    expect(localToIso('2026-03-14T03:00:00', '2026-03-14T08:30:00')).toBe('2026-03-14T03:00:00-05:30');
    expect(localToIso(null, '2026-03-14T08:30:00')).toBe('2026-03-14T08:30:00+00:00');
  });
});

describe('explainWordPressError', () => {
  it('gives the fix for each connection failure', () => {
    expect(
      explainWordPressError(
        {
          code: 'jwt_auth_bad_config',
          message: 'JWT is not configured properly, please contact the admin',
          data: { status: 403 },
        },
        403,
      ),
    ).toMatch(/JWT_AUTH_SECRET_KEY.*wp-config\.php/);
    expect(
      explainWordPressError(
        {
          code: '[jwt_auth] incorrect_password',
          message: '<strong>Error:</strong> The password…',
          data: { status: 403 },
        },
        403,
      ),
    ).toMatch(/password is not correct/);
    expect(
      explainWordPressError({ code: '[jwt_auth] invalid_username', message: 'x', data: { status: 403 } }, 403),
    ).toMatch(/does not know that username/);
    expect(
      explainWordPressError({ code: '[jwt_auth] empty_username', message: 'x', data: { status: 403 } }, 403),
    ).toMatch(/Username field is empty/);
    expect(
      explainWordPressError(
        { code: 'jwt_auth_no_auth_header', message: 'Authorization header not found.', data: { status: 403 } },
        403,
      ),
    ).toMatch(/RewriteRule/);
  });
  it('names the invalid parameters', () => {
    const msg = explainWordPressError(
      {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): status',
        data: { status: 400, params: { status: 'Status is forbidden.' } },
      },
      400,
    );
    expect(msg).toBe(
      'WordPress rejected the input: status: Status is forbidden. Correct the field named and try again.',
    );
  });
  it('treats a 500 duplicate user as the user’s mistake', () => {
    expect(
      explainWordPressError(
        { code: 'existing_user_email', message: 'Sorry, that email address is already used!', data: null },
        500,
      ),
    ).toMatch(/already exists/);
  });
  it('falls back to the status and WordPress’s own words, cleaned', () => {
    const msg = explainWordPressError(
      { code: 'some_plugin_error', message: '<b>Nope</b> &amp; no', data: { status: 418 } },
      418,
    );
    expect(msg).toBe('WordPress refused the request with HTTP 418 (some_plugin_error). WordPress said: "Nope & no".');
  });
});

describe('networkErrorMessage and safeUrl', () => {
  const url = 'https://example.com/wp-json/wp/v2/posts?token=abc';
  it.each([
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND example.com' }, /DNS lookup failed/],
    [{ code: 'ECONNREFUSED' }, /refused the connection/],
    [{ code: 'CERT_HAS_EXPIRED' }, /certificate/],
    [{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, /certificate/],
    [{ code: 'ECONNRESET' }, /cut off/],
    [{ type: 'request-timeout', message: 'network timeout at: x' }, /did not answer in time/],
  ])('%j', (err, expected) => {
    const message = networkErrorMessage(err, url) ?? '';
    expect(message).toMatch(expected);
    expect(message).not.toContain('abc');
  });
  it('leaves unknown errors alone', () => {
    expect(networkErrorMessage(new Error('boom'), url)).toBeUndefined();
  });
  it('drops query values from URLs shown to users, keeping rest_route', () => {
    expect(safeUrl(url)).toBe('https://example.com/wp-json/wp/v2/posts');
    expect(safeUrl('https://example.com/index.php?rest_route=/wp/v2/posts&password=x')).toBe(
      'https://example.com/index.php?rest_route=/wp/v2/posts',
    );
  });
});
