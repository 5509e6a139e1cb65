// API Request: an authenticated call to any route of the site's REST API (WooCommerce, forms,
// membership plugins), for everything the other steps do not cover. It goes through callWordPress
// like every step, so it gets the same login renewal, diagnoses and messages; it goes only under
// the connection's REST root (api_route.ts), so the login never reaches another origin. A write
// through it cannot be looked up afterwards: when its outcome is unknown, the step succeeds with
// Outcome Unknown set and a warning saying where to check, because a failed step (or Zapier's
// throttle) would be run again and could write twice.
import { defineCreate, defineInputFields, errors } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiRequestMessages as say } from '../zap/api_messages';
import { apiQuery, apiRoute, isUnderRoot } from '../zap/api_route';
import { isLostAnswer } from '../connection/lost_answer';
import { UserInputError, reword, scrubSecrets, wordpressSaid } from '../connection/errors';
import { Input, choicesOf, describe, optionalChoice, optionalDict, optionalText, requiredText } from '../zap/input';
import { defineWriteOutput } from '../wordpress/output';
import { callWordPress, urlFor } from '../connection/request';
import { authDataOf, hostOf } from '../connection/site';

const METHODS = { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' } as const;
type Method = keyof typeof METHODS;

const field = {
  method: {
    key: 'method',
    label: 'Method',
    choices: choicesOf(METHODS),
    default: 'GET',
    required: true,
    helpText:
      'GET reads; POST creates; PUT and PATCH change; DELETE removes. The route’s documentation says which it takes.',
  },
  path: {
    key: 'path',
    label: 'Path',
    required: true,
    helpText:
      'The route under the site’s REST API, e.g. `wc/v3/products` or `wp/v2/posts/42`: the part after `/wp-json/` (it works the same on sites with plain permalinks). ' +
      'A full URL of this site’s REST API works too; any other address is refused.',
  },
  query: {
    key: 'query',
    label: 'Query',
    dict: true,
    required: false,
    helpText: 'Parameters added to the URL, e.g. `per_page` = 20, `status` = processing.',
  },
  body: {
    key: 'body',
    label: 'Body',
    type: 'text',
    required: false,
    helpText:
      'A JSON object sent as the request body with POST, PUT, PATCH or DELETE, e.g. `{"name": "Premium Quality", "regular_price": "21.99"}`.',
  },
} as const;

const inputFields = defineInputFields(Object.values(field));

/**
 * The answer: its status (null when none came), headers that hold no credentials, the JSON (`items`
 * when it is a list), and whether a write's outcome is unknown.
 */
export type ApiRequestOutput = {
  status: number | null;
  headers: Record<string, string>;
  data?: unknown;
  items?: unknown[];
  outcome_unknown: boolean;
  warnings: string[];
};

const output = defineWriteOutput<Omit<ApiRequestOutput, 'warnings'>>(
  [
    { key: 'status', label: 'HTTP Status', type: 'integer', sample: 201 },
    { key: 'headers__content-type', label: 'Content Type', sample: 'application/json; charset=UTF-8' },
    { key: 'headers__x-wp-total', label: 'Total Items (X-WP-Total)', sample: '1' },
    { key: 'data__id', label: 'Data ID', type: 'integer', sample: 794 },
    { key: 'data__name', label: 'Data Name', sample: 'Premium Quality' },
    { key: 'data__status', label: 'Data Status', sample: 'publish' },
    { key: 'outcome_unknown', label: 'Outcome Unknown', type: 'boolean', sample: false },
  ],
  say.writeAnsweredWithoutJson(200),
);

// Headers worth mapping (paging, links, types), and any `X-` header a plugin adds, such as
// WooCommerce's X-WC-Total; never one that could carry a session or a credential.
const SAFE_HEADERS = new Set([
  'content-type',
  'content-language',
  'content-disposition',
  'date',
  'last-modified',
  'etag',
  'link',
  'location',
  'allow',
  'retry-after',
  'cache-control',
  'expires',
]);
const CREDENTIAL_LIKE = /cookie|auth|token|nonce|secret|session|passw|credential|signature|key|csrf|xsrf/i;

export function safeHeaders(headers: Pick<Headers, 'forEach'>): Record<string, string> {
  const safe: Record<string, string> = {};
  headers.forEach((value, name) => {
    const key = name.toLowerCase();
    if (CREDENTIAL_LIKE.test(key) || !(SAFE_HEADERS.has(key) || key.startsWith('x-'))) return;
    safe[key] = value;
  });
  return safe;
}

/** The Body as the object WordPress reads its parameters from, or undefined when empty. */
function readBody(input: Input, method: Method): Record<string, unknown> | undefined {
  const text = optionalText(input, field.body, { max: 5_000_000 });
  if (text === undefined) return undefined;
  if (method === 'GET') throw new UserInputError(say.bodyOnGet(), 'body_on_get');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    // Where, never what: the engine's message quotes the text, which may hold a password.
    const at = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    throw new UserInputError(
      say.bodyNotJson(at === undefined ? 'it cannot be read' : `near character ${Number(at) + 1}`),
      'invalid_body',
    );
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    // Named by its kind, never quoted: a bare string may be a password.
    throw new UserInputError(say.bodyNotObject(describe(body)), 'invalid_body');
  }
  return body as Record<string, unknown>;
}

function toOutput(
  status: number | null,
  headers: Record<string, string>,
  json: unknown,
  warnings: string[] = [],
  outcomeUnknown = false,
) {
  const answer: ApiRequestOutput = Array.isArray(json)
    ? { status, headers, items: json, outcome_unknown: outcomeUnknown, warnings }
    : { status, headers, data: json ?? null, outcome_unknown: outcomeUnknown, warnings };
  return answer;
}

async function perform(z: ZObject, bundle: Bundle): Promise<ApiRequestOutput> {
  const input = bundle.inputData as Input;
  const method = optionalChoice(input, field.method, METHODS) ?? 'GET';
  const auth = authDataOf(bundle);
  const { route, query: fromPath } = apiRoute(requiredText(input, field.path, { max: 2_000 }), auth.rest_root ?? '');
  const query = apiQuery(fromPath, optionalDict(input, field.query));
  const json = readBody(input, method);
  // Checked once more as it will be sent: whatever the Path held, nothing leaves the REST root.
  if (!isUnderRoot(urlFor(bundle, route, query), auth.rest_root ?? '')) {
    throw new UserInputError(say.notUnderRoot(), 'invalid_path');
  }
  let answer: ApiRequestOutput;
  try {
    const response = await callWordPress<unknown>(z, bundle, { method, route, query, json });
    answer = toOutput(response.status, safeHeaders(response.headers), response.data);
  } catch (err) {
    const worded = reword(err, { rest_no_route: (e) => say.noRoute(method, route, wordpressSaid(e.body)) });
    answer = afterFailedWrite(worded, method, route, auth.rest_root ?? '');
  }
  // A route may echo what it was sent (a debugging plugin, the Authorization header): never the login.
  return JSON.parse(scrubSecrets(JSON.stringify(answer), [auth.token, auth.password])) as ApiRequestOutput;
}

/**
 * A write WordPress answered 2xx without JSON was accepted: a success, with a warning. One whose
 * answer was lost, or that something asked to wait for, may have been saved: a success too, with
 * Outcome Unknown set and a warning that says so, never a failed step or Zapier's throttle, either
 * of which would send it again. Anything else (a refusal, a site not reached) stands as
 * callWordPress worded it: nothing was written.
 */
function afterFailedWrite(err: unknown, method: Method, route: string, restRoot: string): ApiRequestOutput {
  if (method === 'GET') throw err;
  const unknown = (status: number | null, reason: string) =>
    toOutput(status, {}, null, [say.writeOutcomeUnknown(method, route, reason)], true);
  if (isLostAnswer(err)) {
    const status = err.answeredStatus;
    // API Request cannot look a change up: a success status stands, with what came back in words.
    if (status !== undefined && status < 300) return toOutput(status, {}, null, [say.writeAnsweredWithoutJson(status)]);
    return unknown(status ?? null, err.reason);
  }
  if (err instanceof errors.ThrottledError) {
    const status = Number(/HTTP (\d{3})/.exec(err.message)?.[1] ?? 429);
    return unknown(status, say.writeThrottled(hostOf(restRoot), status));
  }
  throw err;
}

export const apiRequest = defineCreate({
  key: 'api_request',
  noun: 'Request',
  display: {
    label: 'API Request',
    description:
      'Makes an authenticated call to any route of the site’s REST API (WooCommerce, forms, membership plugins), for what the other steps do not cover.',
  },
  operation: {
    inputFields,
    perform,
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
