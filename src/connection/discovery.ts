// Finding a site from the Site URL people paste: its REST root, the way WordPress advertises it,
// and what its REST index offers for logging in (schemes.ts).
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { OWN_JUDGEMENT, isPlatform401 } from './diagnosis';
import { WordPressError, looksLikeHtml, parseErrorBody } from './errors';
import { discoveryMessages } from './messages';
import { callWordPress } from './request';
import { INDEX_FIELDS, SiteOffer, offerFromIndex } from './schemes';
import type { WordPressCall } from './request';
import { restRootFromHtml, restRootFromLinkHeader, restUrl } from './site';

/**
 * Discovery carries no credential, and follows redirects as browsers do (http:// to https://, a bare
 * domain to www.): the root it finds is where WordPress says its API lives, and only that origin
 * ever sees the password (the login and every later call refuse to leave it: redirects.ts).
 */
const DISCOVERY: Pick<WordPressCall, 'passThrough' | 'anonymous' | 'skipThrowForStatus' | 'redirect'> = {
  ...OWN_JUDGEMENT,
  redirect: 'follow',
};

/**
 * The REST root, found the way WordPress advertises it: the `Link` header of the home page, else
 * the `<link>` tag, else the two well-known forms, checked by asking each for the REST index; and
 * the REST index when finding the root took reading it (the probes).
 */
export async function discoverSite(z: ZObject, bundle: Bundle, site: URL): Promise<{ root: string; index?: unknown }> {
  const home = `${site.toString().replace(/\/?$/, '/')}`;
  // Only the host: the rest of what was pasted may be anything, a password included.
  const label = site.host;
  const page = await callWordPress(z, bundle, {
    route: home,
    headers: { Accept: 'text/html,application/json' },
    ...DISCOVERY,
  });
  const advertised =
    restRootFromLinkHeader(page.getHeader('link')) ??
    (typeof page.content === 'string' ? restRootFromHtml(page.content) : undefined);
  if (advertised) return { root: new URL(advertised, home).toString() };

  // The home page hides it (some caches and security plugins drop the header): try both forms.
  let lastHtml: { url: string; status: number } | undefined;
  for (const candidate of [`${home}wp-json/`, `${home}index.php?rest_route=/`]) {
    let index: HttpResponse;
    try {
      index = await callWordPress(z, bundle, { route: candidate, ...DISCOVERY });
    } catch (err) {
      if (!isPlatform401(err)) throw err;
      throw new WordPressError(discoveryMessages.restApiOff(label, 'HTTP 401'), 'rest_api_disabled', 401);
    }
    const data = index.data as { namespaces?: unknown } | undefined;
    // WordPress names its canonical root on every REST answer; a guessed path may only work by rewrite.
    if (index.status === 200 && data && Array.isArray(data.namespaces)) {
      const canonical = restRootFromLinkHeader(index.getHeader('link'));
      return { root: canonical ? new URL(canonical, home).toString() : candidate, index: data };
    }
    const err = parseErrorBody(index.content);
    if (err && (err.code === 'rest_disabled' || err.code === 'rest_cannot_access')) {
      throw new WordPressError(discoveryMessages.restApiOff(label, err.code), err.code, index.status);
    }
    if (looksLikeHtml(index.content, index.getHeader('content-type'))) {
      lastHtml = { url: candidate, status: index.status };
    }
  }
  if (page.status >= 400 && !lastHtml) {
    throw new WordPressError(discoveryMessages.notWordPress(label, page.status), 'not_wordpress', page.status);
  }
  if (lastHtml && page.status < 400 && looksLikeHtml(page.content, page.getHeader('content-type'))) {
    const probe = lastHtml.url.replace(home, '/');
    throw new WordPressError(discoveryMessages.restApiHidden(label, probe), 'not_wordpress', lastHtml.status);
  }
  throw new WordPressError(discoveryMessages.noRestApi(label), 'not_wordpress', page.status);
}

/**
 * What the site offers, from its REST index: the one discovery read, else one small request.
 * Undefined when the index cannot be read (a plugin limits it to logged-in users): the login then
 * tries the JWT route as before, and its answer says which plugin it is.
 */
export async function siteOffer(
  z: ZObject,
  bundle: Bundle,
  restRoot: string,
  index: unknown,
): Promise<SiteOffer | undefined> {
  const read = offerFromIndex(index);
  if (read) return read;
  try {
    const answer = await callWordPress(z, bundle, {
      route: restUrl(restRoot, ''),
      query: { _fields: INDEX_FIELDS },
      ...DISCOVERY,
    });
    return answer.status === 200 ? offerFromIndex(answer.data) : undefined;
  } catch {
    return undefined;
  }
}
