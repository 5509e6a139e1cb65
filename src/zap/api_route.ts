// The route API Request may call: a path under the connection's REST root, never anything else. The
// Path comes from the Zap, so it is read as hostile: an absolute URL to another origin, `//host`,
// `..` (which URL parsing would resolve to a path above the REST root) and encoded slashes or dots
// (`%2e%2e%2f`, decoded by some servers after the check) are refused; and the URL finally built is
// checked again to sit under the root before anything is sent.
import { UserInputError } from '../connection/errors';
import { apiRequestMessages as say } from './api_messages';
import type { Query } from '../connection/request';
import { hostOf } from '../connection/site';

/** A route relative to the REST root (`wc/v3/products`) and the query given with the Path. */
export interface ApiRoute {
  route: string;
  query: Record<string, string>;
}

/** Query keys that would change what the call is: the route (plain permalinks) or the method. */
const RESERVED_QUERY_KEYS = new Set(['rest_route', '_method']);

/** The login routes of the JWT plugins: a token they issue must never land in a Zap's data. */
const LOGIN_ROUTE = /^jwt-auth\//i;

const MAX_DECODES = 3;

/** The Path as a route under `restRoot`, with its query; refuses anything that could leave the root. */
export function apiRoute(path: string, restRoot: string): ApiRoute {
  const text = path.trim();
  if (!text) throw new UserInputError(say.emptyPath(), 'invalid_path');
  if ([...text].some(isControl)) throw new UserInputError(say.controlCharacters(), 'invalid_path');
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(text) || /^[/\\]{2}/.test(text);
  const { route, query } = absolute ? fromAbsoluteUrl(text, restRoot) : splitQuery(text);
  const clean = checkedRoute(route);
  if (LOGIN_ROUTE.test(clean)) throw new UserInputError(say.loginRoute(), 'login_route');
  return { route: clean, query };
}

function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** `wc/v3/products?per_page=5` → the route and its query. */
function splitQuery(text: string): ApiRoute {
  if (text.includes('#')) throw new UserInputError(say.fragment(), 'invalid_path');
  const at = text.indexOf('?');
  const route = at < 0 ? text : text.slice(0, at);
  const query = at < 0 ? {} : Object.fromEntries(new URLSearchParams(text.slice(at + 1)));
  // People paste the part after the domain: `/wp-json/wc/v3/products` names the same route.
  return { route: route.replace(/^\/+/, '').replace(/^wp-json\/+/i, ''), query };
}

/** A full URL is accepted only when it is a URL of this REST root; its route and query are kept. */
function fromAbsoluteUrl(text: string, restRoot: string): ApiRoute {
  let url: URL;
  let root: URL;
  try {
    url = new URL(text.replace(/^[/\\]{2}/, 'https://'));
    root = new URL(restRoot);
  } catch {
    throw new UserInputError(say.notAnAddress(), 'invalid_path');
  }
  if (url.origin !== root.origin || url.username || url.password) {
    throw new UserInputError(say.otherOrigin(hostOf(url.toString()), root.host), 'other_origin');
  }
  if (url.hash) throw new UserInputError(say.fragment(), 'invalid_path');
  const query = Object.fromEntries(url.searchParams);
  if (root.searchParams.has('rest_route')) {
    const route = url.searchParams.get('rest_route');
    if (url.pathname !== root.pathname || route === null) throw new UserInputError(say.notUnderRoot(), 'invalid_path');
    delete query.rest_route;
    return { route: route.replace(/^\/+/, ''), query };
  }
  // The path as typed, not as URL parsing resolved it (`/wp-json/x/../..` would be `/`): its parts
  // are then checked like any Path.
  const typedPath = text.replace(/^[^:]*:[/\\]{2}[^/\\?#]*/, '').split(/[?#]/)[0] ?? '';
  if (!typedPath.startsWith(root.pathname)) throw new UserInputError(say.notUnderRoot(), 'invalid_path');
  return { route: typedPath.slice(root.pathname.length), query };
}

/** The route, each part checked as the server would finally read it; trailing slashes dropped. */
function checkedRoute(route: string): string {
  if (route.includes('\\')) throw new UserInputError(say.backslash(), 'invalid_path');
  const parts = route.replace(/\/+$/, '').split('/');
  if (!parts[0]) throw new UserInputError(say.emptyPath(), 'invalid_path');
  for (const part of parts) {
    if (!part) throw new UserInputError(say.emptySegment(), 'invalid_path');
    const decoded = fullyDecoded(part);
    if (decoded === '.' || decoded === '..') throw new UserInputError(say.dotSegment(), 'invalid_path');
    if (/[/\\]/.test(decoded)) throw new UserInputError(say.encodedSlash(), 'invalid_path');
    if (/\s/.test(decoded)) throw new UserInputError(say.whitespace(), 'invalid_path');
  }
  return parts.join('/');
}

/** A part decoded as often as a chain of servers might (`%252e` → `%2e` → `.`). */
function fullyDecoded(part: string): string {
  let value = part;
  for (let i = 0; i < MAX_DECODES && value.includes('%'); i++) {
    try {
      value = decodeURIComponent(value);
    } catch {
      throw new UserInputError(say.badEncoding(), 'invalid_path');
    }
  }
  return value;
}

/** The Query field and the Path's own query in one; a key that would change the call is refused. */
export function apiQuery(fromPath: Record<string, string>, fromField: Record<string, string> | undefined): Query {
  const query: Record<string, string> = { ...fromPath, ...fromField };
  for (const key of Object.keys(query)) {
    if (RESERVED_QUERY_KEYS.has(key.toLowerCase()))
      throw new UserInputError(say.reservedQueryKey(key), 'invalid_query');
  }
  return query;
}

/** True when `url` is under the REST root: same origin, and the root's path (or its `rest_route`). */
export function isUnderRoot(url: string, restRoot: string): boolean {
  try {
    const target = new URL(url);
    const root = new URL(restRoot);
    if (target.origin !== root.origin) return false;
    if (root.searchParams.has('rest_route')) {
      return target.pathname === root.pathname && (target.searchParams.get('rest_route') ?? '').startsWith('/');
    }
    return target.pathname.startsWith(root.pathname) && !/\/\.\.?(\/|$)/.test(target.pathname);
  } catch {
    return false;
  }
}
