// API Request's Path: every way people write a route is taken, on pretty and plain permalinks, and
// every way out of the REST root is refused before any request: another origin, `//host`, `..`
// (also percent-encoded, once or twice), encoded slashes, backslashes, the JWT login route.
import { apiQuery, apiRoute, isUnderRoot } from '../../../src/zap/api_route';
import { urlFor } from '../../../src/connection/request';
import { caught, userMessage } from '../helpers';

const PRETTY = 'https://example.com/wp-json/';
const PLAIN = 'http://127.0.0.1:8082/blog/index.php?rest_route=/';

const refusal = (path: string, root = PRETTY) => {
  try {
    apiRoute(path, root);
  } catch (err) {
    return userMessage(err);
  }
  throw new Error(`accepted ${path}`);
};

describe('apiRoute', () => {
  it.each([
    ['wc/v3/products', 'wc/v3/products', {}],
    ['/wc/v3/products/', 'wc/v3/products', {}],
    ['/wp-json/wc/v3/products?per_page=5&status=any', 'wc/v3/products', { per_page: '5', status: 'any' }],
    ['https://example.com/wp-json/wc/v3/products?per_page=5', 'wc/v3/products', { per_page: '5' }],
    ['wp/v2/posts/42', 'wp/v2/posts/42', {}],
    ['wp/v2/categories?search=a%26b', 'wp/v2/categories', { search: 'a&b' }],
    ['wp/v2/tags/caf%C3%A9', 'wp/v2/tags/caf%C3%A9', {}],
  ])('pretty permalinks: %s', (path, route, query) => {
    expect(apiRoute(path, PRETTY)).toEqual({ route, query });
  });

  it.each([
    ['wc/v3/products', 'wc/v3/products', {}],
    ['http://127.0.0.1:8082/blog/index.php?rest_route=/wc/v3/products&per_page=2', 'wc/v3/products', { per_page: '2' }],
  ])('plain permalinks: %s', (path, route, query) => {
    expect(apiRoute(path, PLAIN)).toEqual({ route, query });
  });

  it.each([
    [
      'https://evil.example/wp-json/wc/v3/products',
      /^Path points to evil\.example, not to this connection's site \(example\.com\)/,
    ],
    ['//evil.example/wp-json/x', /^Path points to evil\.example/],
    ['\\\\evil.example/x', /^Path points to evil\.example/],
    ['http://example.com/wp-json/x', /^Path points to example\.com, not to this connection's site/],
    ['https://example.com:8443/wp-json/x', /^Path points to example\.com:8443/],
    ['https://user:pw@example.com/wp-json/x', /^Path points to example\.com/],
    ['file:///etc/passwd', /^Path points to another site/],
    ['javascript:alert(1)', /^Path points to another site/],
    ['https://example.com/wp-admin/admin-ajax.php', /^Path is an address on the site but not under its REST API/],
    ['https://example.com/wp-json/../wp-admin/', /"\." or "\.\." part/],
    ['https://example.com/wp-json/wc/%2e%2e/%2e%2e/wp-admin', /"\." or "\.\." part/],
    ['../wp-admin', /"\." or "\.\." part/],
    ['wc/v3/../../../wp-login.php', /"\." or "\.\." part/],
    ['%2e%2e/wp-admin', /"\." or "\.\." part/],
    ['%252e%252e/wp-admin', /"\." or "\.\." part/],
    ['wc/./v3', /"\." or "\.\." part/],
    ['wc%2fv3/products', /encoded slash/],
    ['wc%255Cv3', /encoded slash/],
    ['wc\\v3', /backslash/],
    ['wc//v3', /"\/\/" \(an empty part\)/],
    ['wc/v3#top', /"#"/],
    ['wc/v3\nx', /control characters/],
    ['wc/%zz', /valid percent-encoding/],
    ['wc/v3 products', /spaces/],
    ['jwt-auth/v1/token', /login route of the JWT plugin/],
    ['/wp-json/JWT-Auth/v1/token/validate', /login route/],
    ['/', /^Path is empty/],
  ])('refuses %j', (path, expected) => {
    expect(refusal(path)).toMatch(expected);
  });

  it('refuses, on plain permalinks, an address that is not the REST root’s script', () => {
    expect(refusal('http://127.0.0.1:8082/blog/wp-admin/?rest_route=/x', PLAIN)).toMatch(/not under its REST API/);
    expect(refusal('http://127.0.0.1:8082/blog/index.php?p=4', PLAIN)).toMatch(/not under its REST API/);
  });

  it('never quotes the Path: a key in its query stays out of the message', () => {
    expect(refusal('https://evil.example/x?api_key=s3cr3t-value')).not.toContain('s3cr3t');
  });
});

describe('apiQuery', () => {
  it('merges the Path’s query with the Query field (the field wins)', () => {
    expect(apiQuery({ per_page: '5', status: 'any' }, { status: 'publish' })).toEqual({
      per_page: '5',
      status: 'publish',
    });
  });

  it.each(['_method', '_METHOD', 'rest_route'])('refuses %s, which would change the call', async (key) => {
    const err = await caught(() => Promise.resolve().then(() => apiQuery({}, { [key]: 'DELETE' })));
    expect(userMessage(err)).toMatch(/^Query: "(_method|rest_route)" would change/);
  });
});

describe('isUnderRoot', () => {
  const bundle = (root: string) => ({ authData: { rest_root: root } });

  it.each([PRETTY, PLAIN])('every accepted path is built into a URL under %s', (root) => {
    for (const path of ['wc/v3/products', 'wp/v2/tags/caf%C3%A9', '/wp-json/wp/v2/posts?x=1']) {
      const { route, query } = apiRoute(path, root);
      expect(isUnderRoot(urlFor(bundle(root), route, query), root)).toBe(true);
    }
  });

  it.each([
    'https://evil.example/wp-json/x',
    'https://example.com/wp-admin/',
    'https://example.com/wp-json/../wp-admin',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isUnderRoot(url, PRETTY)).toBe(false);
  });
});
