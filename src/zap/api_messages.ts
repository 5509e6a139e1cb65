// What API Request says: why a Path is refused, and what an answer of unknown outcome means. The
// Path is never quoted whole (it may hold a key someone pasted into a query string).

const EXAMPLE = 'a route under the REST API such as wc/v3/products or wp/v2/posts/42';

export const apiRequestMessages = {
  emptyPath: () => `Path is empty: enter ${EXAMPLE}.`,
  notAnAddress: () => `Path is not a web address or a route: enter ${EXAMPLE}.`,
  otherOrigin: (host: string, site: string) =>
    `Path points to ${host || 'another site'}, not to this connection's site (${site}): API Request calls only the connected WordPress site, so the login never travels anywhere else. Enter ${EXAMPLE}.`,
  notUnderRoot: () =>
    `Path is an address on the site but not under its REST API, or it steps out of it: API Request calls only REST API routes. Enter ${EXAMPLE}.`,
  fragment: () => `Path holds a "#", which never reaches the site. Enter ${EXAMPLE}, and put parameters in Query.`,
  controlCharacters: () => `Path holds line breaks or other control characters. Enter ${EXAMPLE} on one line.`,
  backslash: () => `Path holds a backslash ("\\"). Routes use forward slashes: enter ${EXAMPLE}.`,
  emptySegment: () => `Path holds "//" (an empty part). Enter ${EXAMPLE}, with single slashes.`,
  dotSegment: () =>
    `Path holds a "." or ".." part (also when percent-encoded), which would step outside the route. Enter ${EXAMPLE}.`,
  encodedSlash: () =>
    `Path holds an encoded slash or backslash (%2F, %5C). Write slashes as "/" between the parts of the route; a value with a slash goes in Query.`,
  whitespace: () => `Path holds spaces. Enter ${EXAMPLE}; search words go in Query (search=…).`,
  badEncoding: () =>
    `Path holds a "%" that is not part of a valid percent-encoding. Write the route as plain text: ${EXAMPLE}.`,
  loginRoute: () =>
    'Path is the login route of the JWT plugin (jwt-auth/…): its answer is a login token, which must never land in a Zap. The connection logs in by itself; call any other route.',
  reservedQueryKey: (key: string) =>
    key.toLowerCase() === '_method'
      ? 'Query: "_method" would change the request method behind the Method field. Pick the method in Method instead.'
      : 'Query: "rest_route" would change the route. Put the route in Path instead.',
  noRoute: (method: string, route: string, said: string) =>
    `Path: the site's REST API has no route ${route} for ${method}.${said} Check the spelling and the method in the route's documentation, and that the plugin that serves it is active (its routes start with its namespace, such as wc/v3).`,
  bodyOnGet: () =>
    'Body is filled in but Method is GET, which sends no body. Pick POST, PUT or PATCH to send it, or move the values to Query.',
  bodyNotJson: (problem: string) =>
    `Body is not valid JSON (${problem}). Enter a JSON object such as {"name": "Premium Quality", "regular_price": "21.99"}.`,
  bodyNotObject: (what: string) =>
    `Body must be a JSON object ({"key": value, …}), which is what WordPress reads as parameters; got ${what}.`,
  /** Something in front of WordPress asked to wait, after a write was sent: the reason it is unknown. */
  writeThrottled: (host: string, status: number) =>
    `${host} answered with HTTP ${status} and asked Zapier to wait (a ${status} usually means the change was refused before it ran, but API Request cannot look it up)`,
  /**
   * A write whose outcome is unknown: the step succeeds, flagged, because a failed step may be
   * replayed by Zapier's Autoreplay and send the change twice.
   */
  writeOutcomeUnknown: (method: string, route: string, reason: string) =>
    `The answer to this ${method} to ${route} was lost: ${reason}. WordPress may or may not have saved the change, and API Request cannot look it up, so this step did not fail (a failed step can be replayed, sending the change twice): its Outcome Unknown is true. Check the site for the change before sending it again; to act on it in the Zap, add a Filter or Paths step on Outcome Unknown.`,
  /** A 2xx to a write whose body is not JSON: it was accepted. */
  writeAnsweredWithoutJson: (status: number) =>
    `WordPress answered HTTP ${status} (success) but not with JSON (a plugin may print text into its answers), so the answer is not in the output. The change was most likely saved: check the site before running the step again.`,
};
