// End-to-end harness: the app, through Zapier's runtime (app tester), against the real WordPress
// that scripts/wordpress.sh runs on 127.0.0.1. Sites and users come from test/wordpress/sites.json.
import { execFileSync } from 'node:child_process';
import diagnosticsChannel from 'node:diagnostics_channel';
import path from 'node:path';
import type { ClientRequest } from 'node:http';
import { createAppTester } from 'zapier-platform-core';
import app from '../../index';
import { getToken } from '../../src/connection/authentication';
import benchConfig from '../wordpress/sites.json';
import { record, recordToken } from './logs';
import { userMessage as readMessage } from '../messages';

export { caught } from '../messages';

export type SiteName = keyof typeof benchConfig.sites;
export type UserName = keyof typeof benchConfig.users;
export const sites = benchConfig.sites;
export const users = benchConfig.users;
export const appTester = createAppTester(app);

/**
 * The site a suite runs against in place of `main`: WPJZ_E2E_MAIN=wp68 runs the same assertions on
 * Debian 13's WordPress 6.8 (see sites.json); post_changes and id_polls take it.
 */
function siteFromEnv(variable: string, fallback: SiteName): SiteName {
  const name = process.env[variable];
  if (!name) return fallback;
  if (!(name in sites)) throw new Error(`${variable}=${name} is not a site of test/wordpress/sites.json`);
  return name as SiteName;
}
/** Where the suites that ran on `main` (pretty permalinks, seed plugin, seeded) run. */
export const MAIN = siteFromEnv('WPJZ_E2E_MAIN', 'main');
/** host:port of a site, as the app's labels and the recorded requests show it. */
export const hostOf = (site: SiteName): string => new URL(sites[site].url).host;
export { app };

/** Fails (never skips) when the bench is down: CI must not pass without a real WordPress. */
export async function requireWordPress(site: SiteName = MAIN): Promise<void> {
  const url = sites[site].url;
  try {
    const res = await fetch(`${url}/`, { redirect: 'manual' });
    if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    throw new Error(
      `The local WordPress (${site}, ${url}) is not answering: ${(err as Error).message}. Start it with "scripts/wordpress.sh up".`,
    );
  }
}

/** Makes sure a site holds at least `n` published posts and `n` subscribers (the bench's bulk rows, dated 2021). */
export function ensureBulk(site: SiteName, n: number): void {
  execFileSync(path.resolve(__dirname, '../../scripts/wordpress.sh'), ['bulk', site, String(n)], { stdio: 'ignore' });
}

/**
 * `n` posts published at once on the server, as an import does (scripts/wordpress/post_burst.php);
 * their IDs. `prefix` (a-z, 0-9, -) names them, so that a test on the shared bench counts its own.
 */
export function publishBurst(site: SiteName, n: number, prefix: string, category?: number): number[] {
  const script = path.resolve(__dirname, '../../scripts/wordpress/post_burst.php');
  const args = [script, site, String(n), prefix, ...(category ? [String(category)] : [])];
  return JSON.parse(execFileSync('php', args, { encoding: 'utf8' })) as number[];
}

export function formFor(site: SiteName, user: UserName, extra: Record<string, string> = {}): Record<string, string> {
  return { site_url: sites[site].url, username: users[user].username, password: users[user].password, ...extra };
}

const sessions = new Map<string, Record<string, string>>();

/** Connects through the app's own session perform (cached per site and user). */
export async function connect(
  site: SiteName = MAIN,
  user: UserName = 'administrator',
  fresh = false,
): Promise<Record<string, string>> {
  const key = `${site}/${user}`;
  const cached = sessions.get(key);
  if (cached && !fresh) return cached;
  const form = formFor(site, user);
  const computed = await appTester(getToken, { authData: form });
  const auth = { ...form, ...(computed as Record<string, string>) };
  recordToken(auth.token);
  sessions.set(key, auth);
  return auth;
}

export interface RunOptions {
  site?: SiteName;
  user?: UserName;
  meta?: Record<string, unknown>;
  authData?: Record<string, string>;
  /** Starts from an empty Zapier cache: the trigger's first poll, as when a Zap is turned on. */
  freshCache?: boolean;
}

type Perform = (z: never, bundle: never) => unknown;

/** An operation's perform, as `run` takes it. */
export const perform = (op: { operation: object }) => (op.operation as { perform: Perform }).perform;

/** Runs a perform (trigger, action, search, dropdown) as a connected user. */
export async function run<T = unknown>(
  perform: Perform,
  inputData: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<T> {
  const authData = options.authData ?? (await connect(options.site ?? MAIN, options.user ?? 'administrator'));
  const result = await appTester(
    perform as never,
    {
      authData,
      inputData,
      meta: { isLoadingSample: false, isFillingDynamicDropdown: false, limit: -1, page: 0, ...(options.meta ?? {}) },
    } as never,
    options.freshCache ?? false,
  );
  record(`result: ${JSON.stringify(result)}`);
  return result as T;
}

export interface WireRequest {
  method: string;
  host: string;
  path: string;
}

/**
 * Every HTTP request that left this process while `fn` ran, as Node's http client saw it
 * (counted on the wire, not by the app's own say-so).
 */
export async function recordRequests<T>(fn: () => Promise<T>): Promise<{ result: T; requests: WireRequest[] }> {
  const requests: WireRequest[] = [];
  const channel = diagnosticsChannel.channel('http.client.request.start');
  const listener = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    requests.push({
      method: request.method,
      host: String(request.getHeader('host') ?? request.host),
      path: request.path,
    });
  };
  channel.subscribe(listener);
  try {
    const result = await fn();
    return { result, requests };
  } finally {
    channel.unsubscribe(listener);
  }
}

/** The user-facing message of an error, kept in the run's log for the secret scan. */
export function userMessage(err: unknown): string {
  const message = readMessage(err);
  record(`error: ${err instanceof Error ? err.message : String(err)}`);
  return message;
}

/** A direct REST call with a token, for arranging and checking state beside the app. */
export async function rest<T = unknown>(
  auth: Record<string, string>,
  route: string,
  init: { method?: string; body?: unknown; query?: Record<string, string> } = {},
): Promise<{ status: number; data: T }> {
  const root = auth.rest_root;
  const url = new URL(
    root.includes('rest_route=') ? root.replace(/rest_route=[^&]*/, `rest_route=/${route}`) : `${root}${route}`,
  );
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${auth.token}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, data: data as T };
}

/** A 1×1 PNG uploaded to the media library as WordPress takes raw bytes; its media ID. */
export async function uploadPng(auth: Record<string, string>, name: string): Promise<number> {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
    'base64',
  );
  const res = await fetch(`${auth.rest_root}wp/v2/media`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${auth.token}`,
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="${name}.png"`,
    },
    body: png,
  });
  if (res.status !== 201) throw new Error(`upload → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}
