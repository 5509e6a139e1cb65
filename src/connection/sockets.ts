// The connections requests to WordPress go out on. Node keeps sockets alive by default, and a
// server closes an idle one after its keep-alive timeout (Apache: 5 s). When the process does not
// run for longer than that (Zapier freezes a warm container between runs; a long synchronous task
// blocks the event loop), Node has not yet read the server's close, and the next request is written
// to a dead socket: ECONNRESET before any answer, on a write as on a read. So each run gets agents
// of its own (no socket outlives the run that opened it), and within a run a socket idle for longer
// than MAX_IDLE_MS is closed instead of reused. Nothing is retried: a write is never sent twice.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';

/**
 * A socket idle longer than this is not reused. Well under the shortest keep-alive timeouts that
 * servers are set to (Apache's default 5 s, 2 s or 1 s on tuned hosts; nginx 75 s), and far longer
 * than the gap between the requests of one operation, which keep their connection.
 */
export const MAX_IDLE_MS = 1_000;

/** When each free socket was last released, by the wall clock (which runs on while the loop is blocked). */
const idleSince = new WeakMap<Duplex, number>();

/** Node's pool of free sockets, by connection name (not in its types, stable since Node 0.12). */
interface Pool {
  freeSockets: Record<string, Socket[] | undefined>;
  addRequest(request: http.ClientRequest, options: http.RequestOptions): void;
}

/**
 * Closes the free sockets idle longer than MAX_IDLE_MS, and puts them first in their list: Node
 * drops closed sockets from the front of the list before it picks one (the last, by default).
 */
function closeIdle(agent: http.Agent, now: number): void {
  for (const sockets of Object.values((agent as unknown as Pool).freeSockets)) {
    if (!sockets?.length) continue;
    for (const socket of sockets) {
      if (now - (idleSince.get(socket) ?? now) > MAX_IDLE_MS) socket.destroy();
    }
    const ordered = [...sockets.filter((s) => s.destroyed), ...sockets.filter((s) => !s.destroyed)];
    sockets.splice(0, sockets.length, ...ordered);
  }
}

class SiteHttpAgent extends http.Agent {
  override keepSocketAlive(socket: Duplex): boolean {
    idleSince.set(socket, Date.now());
    return (super.keepSocketAlive as (s: Duplex) => boolean)(socket);
  }

  addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
    closeIdle(this, Date.now());
    (http.Agent.prototype as unknown as Pool).addRequest.call(this, request, options);
  }
}

class SiteHttpsAgent extends https.Agent {
  override keepSocketAlive(socket: Duplex): boolean {
    idleSince.set(socket, Date.now());
    return (super.keepSocketAlive as (s: Duplex) => boolean)(socket);
  }

  addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
    closeIdle(this, Date.now());
    (https.Agent.prototype as unknown as Pool).addRequest.call(this, request, options);
  }
}

interface RunAgents {
  http: http.Agent;
  https: https.Agent;
}

/** One pair per run: Zapier makes a new `z` for every invocation. */
const agentsByRun = new WeakMap<ZObject, RunAgents>();

function agentsOf(z: ZObject): RunAgents {
  let agents = agentsByRun.get(z);
  if (!agents) {
    agents = { http: new SiteHttpAgent({ keepAlive: true }), https: new SiteHttpsAgent({ keepAlive: true }) };
    agentsByRun.set(z, agents);
  }
  return agents;
}

/**
 * The agent for a request of this run. A request that node-fetch may redirect from http:// to
 * https:// (site discovery) gets a chooser, which carries the https agent's options so that
 * Zapier's "do not verify certificates" switch, where it is on, reaches the agent that verifies.
 */
export function runAgent(z: ZObject, url: string, followsRedirects: boolean): HttpRequestOptions['agent'] {
  const agents = agentsOf(z);
  if (followsRedirects) {
    const choose = (target: URL) => (target.protocol === 'http:' ? agents.http : agents.https);
    return Object.assign(choose, { options: agents.https.options }) as unknown as HttpRequestOptions['agent'];
  }
  return /^http:/i.test(url) ? agents.http : agents.https;
}
