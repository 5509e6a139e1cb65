// A loopback stand-in for Zapier's hook URL: it records every delivery the companion plugin sends
// (raw body and headers, as a signature check needs them) and answers with `status`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HookDelivery {
  at: number;
  body: string;
  json: { id: string; hook_id: number; seq: number; event: string; object_id: number; object_type: string };
  headers: http.IncomingHttpHeaders;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class HookReceiver {
  deliveries: HookDelivery[] = [];
  status = 200;
  private server?: http.Server;
  port = 0;

  /** `poke`: an ordinary request to the site, which starts retries that are due. */
  constructor(private readonly poke: () => Promise<unknown> = async () => undefined) {}

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.deliveries.push({ at: Date.now(), body, json: JSON.parse(body), headers: req.headers });
        res.writeHead(this.status, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  forObject(type: string, id: number): HookDelivery[] {
    return this.deliveries.filter((d) => d.json.object_id === id && d.json.object_type === type);
  }

  forPost(id: number): HookDelivery[] {
    return this.forObject('post', id);
  }

  /** Waits until `done` holds; with `poke`, making ordinary requests to the site meanwhile. */
  async until(done: () => boolean, ms: number, poke = false): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (done()) return true;
      if (poke) await this.poke();
      await sleep(poke ? 300 : 50);
    }
    return done();
  }
}
