// A small HTTP proxy in front of the real WordPress that injects faults into chosen requests:
// delays, connection resets (before or after WordPress saw the request), error statuses,
// throttling, truncated or HTML bodies. Loopback only; every request it saw is listed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'reset-before' } // the request never reaches WordPress
  | { kind: 'reset-after' } // WordPress handles it, the answer is lost
  // `afterWordPress`: WordPress handles the request first, and this answer replaces its own.
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string>; afterWordPress?: boolean }
  | { kind: 'truncate' } // WordPress's answer, cut in half
  | { kind: 'html'; status?: number; afterWordPress?: boolean }
  | { kind: 'prepend'; text: string } // WordPress's answer after this text (a PHP notice on display)
  | { kind: 'reset-mid' } // WordPress's headers and half its body, then the connection reset
  | { kind: 'delay-after'; ms: number }; // WordPress handles it, its answer comes `ms` later

/** WordPress's own maintenance answer to a REST request (wp_maintenance, `_json_wp_die_handler`). */
export const MAINTENANCE: Fault = {
  kind: 'status',
  status: 503,
  body: JSON.stringify({
    code: 'wp_die',
    message: 'Briefly unavailable for scheduled maintenance. Check back in a minute.',
    data: { status: 503 },
    additional_errors: [],
  }),
  headers: { 'Retry-After': '600' },
};

/** A proxy's or gateway's error page. */
const GATEWAY_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/** WordPress's own answer when PHP dies during a request (its fatal-error handler, WordPress 5.2+). */
export const CRITICAL_ERROR: Fault = {
  kind: 'status',
  status: 500,
  body: JSON.stringify({
    code: 'internal_server_error',
    message: '<p>There has been a critical error on this website.</p>',
    data: { status: 500 },
  }),
};

interface Rule {
  match: (method: string, url: string) => boolean;
  fault: Fault;
  remaining: number;
}

export interface SeenRequest {
  method: string;
  url: string;
  fault?: Fault['kind'];
  reachedWordPress: boolean;
}

/**
 * A connection's authData sent through the proxy at `origin`: the Site URL and the REST root point at
 * the proxy, as a connection made there would (its token still names the site's own home URL).
 */
export function throughProxy(auth: Record<string, string>, origin: string): Record<string, string> {
  return { ...auth, site_url: origin, rest_root: `${origin}/wp-json/`, rest_root_for: new URL(origin).toString() };
}

export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  private rules: Rule[] = [];
  private server?: http.Server;
  private closed = false;
  private readonly target: URL;

  constructor(target: string) {
    this.target = new URL(target);
  }

  /** Starts listening on 127.0.0.1 and returns the proxy's origin, e.g. http://127.0.0.1:40123. */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => req.socket.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Applies `fault` to the next `times` requests whose "METHOD url" matches. */
  inject(pattern: RegExp, fault: Fault, times = 1): void {
    this.rules.push({ match: (method, url) => pattern.test(`${method} ${url}`), fault, remaining: times });
  }

  clear(): void {
    this.rules = [];
    this.seen.length = 0;
  }

  private takeFault(method: string, url: string): Fault | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(method, url));
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const fault = this.takeFault(method, url);
    const entry: SeenRequest = { method, url, fault: fault?.kind, reachedWordPress: false };
    this.seen.push(entry);
    const body = await readBody(req);

    if (fault?.kind === 'reset-before') return void req.socket.destroy();
    const replace = fault?.kind === 'status' || fault?.kind === 'html' ? fault : undefined;
    if (replace && !replace.afterWordPress) return void answerInstead(res, replace);
    if (fault?.kind === 'delay') {
      await new Promise((r) => setTimeout(r, fault.ms));
      // The client gave up (its timeout) or the test is over: nothing more to forward.
      if (this.closed || req.socket.destroyed) return;
    }

    const upstream = await forward(this.target, method, url, req.headers, body);
    entry.reachedWordPress = true;
    if (fault?.kind === 'reset-after') return void req.socket.destroy();
    if (replace) return void answerInstead(res, replace);
    if (fault?.kind === 'delay-after') {
      await new Promise((r) => setTimeout(r, fault.ms));
      if (this.closed || req.socket.destroyed) return;
    }
    const headers = { ...upstream.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    let payload = upstream.body;
    if (fault?.kind === 'truncate') payload = payload.subarray(0, Math.floor(payload.length / 2));
    if (fault?.kind === 'prepend') payload = Buffer.concat([Buffer.from(fault.text), payload]);
    if (fault?.kind === 'reset-mid') {
      res.writeHead(upstream.status, { ...headers, 'content-length': String(payload.length) });
      res.write(payload.subarray(0, Math.floor(payload.length / 2)));
      return void setTimeout(() => req.socket.destroy(), 50);
    }
    res.writeHead(upstream.status, headers);
    res.end(payload);
  }
}

function answerInstead(res: http.ServerResponse, fault: Extract<Fault, { kind: 'status' | 'html' }>): void {
  if (fault.kind === 'status') {
    res.writeHead(fault.status, { 'Content-Type': 'application/json; charset=UTF-8', ...(fault.headers ?? {}) });
    return void res.end(fault.body ?? '');
  }
  res.writeHead(fault.status ?? 200, { 'Content-Type': 'text/html; charset=UTF-8' });
  res.end(
    (fault.status ?? 200) >= 500
      ? GATEWAY_PAGE
      : '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser before accessing the site.</body></html>',
  );
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function forward(
  target: URL,
  method: string,
  url: string,
  headers: http.IncomingHttpHeaders,
  body: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: url,
        headers: { ...headers, host: target.host, 'accept-encoding': 'identity' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}
