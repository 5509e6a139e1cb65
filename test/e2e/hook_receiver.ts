// A loopback stand-in for Zapier's hook URL: it records every delivery the companion plugin sends
// (raw body and headers, as a signature check needs them) and answers with `status`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HookDelivery {
  at: number;
  /** The status this receiver answered (a delivery counts as received only when it is 2xx). */
  answered: number;
  body: string;
  json: { id: string; hook_id: number; seq: number; event: string; object_id: number; object_type: string };
  headers: http.IncomingHttpHeaders;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type PerRequest<T> = T | ((delivery: HookDelivery) => T);

export class HookReceiver {
  deliveries: HookDelivery[] = [];
  /** What to answer: a status, or one chosen per request (503 while "down"). */
  status: PerRequest<number> = 200;
  /** How long to hold the answer (ms): longer than the plugin's timeout makes a slow receiver. */
  holdMs: PerRequest<number> = 0;
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
        const delivery: HookDelivery = {
          at: Date.now(),
          answered: 0,
          body,
          json: JSON.parse(body),
          headers: req.headers,
        };
        delivery.answered = typeof this.status === 'function' ? this.status(delivery) : this.status;
        this.deliveries.push(delivery);
        const hold = typeof this.holdMs === 'function' ? this.holdMs(delivery) : this.holdMs;
        const answer = () => {
          if (!res.destroyed) res.writeHead(delivery.answered, { 'Content-Type': 'application/json' }).end('{}');
        };
        if (hold > 0) setTimeout(answer, hold);
        else answer();
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

  /** The deliveries this receiver accepted (answered 2xx). */
  accepted(): HookDelivery[] {
    return this.deliveries.filter((d) => d.answered >= 200 && d.answered < 300);
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
