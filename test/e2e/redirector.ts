// A site that redirects, on 127.0.0.1: it stands in front of a bench WordPress and either forwards
// a request to it or answers with a redirect, to its own origin (under /moved/, which it forwards)
// or to another origin: another port (a recorder of its own) or another host name for the same
// port (`localhost` for 127.0.0.1). Every request that arrived at an origin other than the site's
// is listed, with whether it carried a credential. Loopback only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forward, readBody } from './fault-proxy';

export type RedirectTarget = 'same origin' | 'another port' | 'another host';

export interface ForeignRequest {
  origin: string;
  method: string;
  path: string;
  /** An Authorization or Cookie header, or a body that holds the password. */
  credential: boolean;
}

interface Mode {
  status: number;
  to: RedirectTarget;
  /** Only requests whose "METHOD path" matches are redirected. */
  match: RegExp;
}

export class Redirector {
  /** Requests that reached an origin other than the site's own (credential-bearing or not). */
  readonly foreign: ForeignRequest[] = [];
  /** Requests forwarded to WordPress, as "METHOD path". */
  readonly forwarded: string[] = [];
  private mode?: Mode;
  private site?: http.Server;
  private other?: http.Server;
  private sitePort = 0;
  private otherPort = 0;

  constructor(
    private readonly target: string,
    /** The password of the connection: a body holding it counts as a credential. */
    private readonly secrets: string[],
  ) {}

  /** Starts both servers; returns the site's origin (http://127.0.0.1:port). */
  async start(): Promise<string> {
    this.site = http.createServer((req, res) => void this.handle(req, res).catch(() => req.socket.destroy()));
    this.other = http.createServer((req, res) => void this.record(req, res, `127.0.0.1:${this.otherPort}`));
    await new Promise<void>((resolve) => this.site!.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => this.other!.listen(0, '127.0.0.1', resolve));
    this.sitePort = (this.site.address() as AddressInfo).port;
    this.otherPort = (this.other.address() as AddressInfo).port;
    return this.origin;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.sitePort}`;
  }

  async close(): Promise<void> {
    for (const server of [this.site, this.other]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Redirects the requests matching `match` with `status` to `to`, until `clear`. */
  redirect(status: number, to: RedirectTarget, match = /./): void {
    this.mode = { status, to, match };
  }

  clear(): void {
    this.mode = undefined;
    this.foreign.length = 0;
    this.forwarded.length = 0;
  }

  private whereTo(to: RedirectTarget, path: string): string {
    if (to === 'same origin') return `${this.origin}/moved${path}`;
    if (to === 'another port') return `http://127.0.0.1:${this.otherPort}${path}`;
    return `http://localhost:${this.sitePort}${path}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${this.sitePort}`) return this.record(req, res, host);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const moved = path.startsWith('/moved/');
    if (this.mode && !moved && this.mode.match.test(`${method} ${path}`)) {
      res.writeHead(this.mode.status, { Location: this.whereTo(this.mode.to, path), 'Content-Type': 'text/html' });
      return void res.end('<html><body>Moved</body></html>');
    }
    const body = await readBody(req);
    const upstreamPath = moved ? path.slice('/moved'.length) : path;
    this.forwarded.push(`${method} ${upstreamPath}`);
    const upstream = await forward(new URL(this.target), method, upstreamPath, req.headers, body);
    const headers = { ...upstream.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    res.writeHead(upstream.status, headers);
    res.end(upstream.body);
  }

  private async record(req: http.IncomingMessage, res: http.ServerResponse, origin: string): Promise<void> {
    const body = (await readBody(req)).toString('utf8');
    const credential =
      Boolean(req.headers.authorization || req.headers.cookie) ||
      this.secrets.some((secret) => secret && body.includes(JSON.stringify(secret).slice(1, -1)));
    this.foreign.push({ origin, method: req.method ?? 'GET', path: req.url ?? '/', credential });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token: 'captured', id: 1, name: 'Captured' }));
  }
}
