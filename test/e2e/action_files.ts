// What the e2e tests of actions share: a name unique to the run, a real PNG, a local HTTP server
// for featured images and uploads (which refuses any Authorization header: the token must never
// travel to another host), and checks as the administrator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { connect, requireWordPress, rest, users } from './harness';

export const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** A real PNG of w×h red pixels: WordPress makes its size variants from it. */
export function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([0xff, 0, 0]))]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const IMAGE = png(400, 300);
let server: http.Server;
/** The file server's origin, once serveFiles() has started it. */
export let files = '';

/** Starts the file server before the file's tests (once the main site is up) and stops it after. */
export function serveFiles(): void {
  beforeAll(async () => {
    await requireWordPress('main');
    server = http.createServer((req, res) => {
      if (req.headers.authorization) {
        // The token must never travel to another host.
        res.writeHead(400).end('got an Authorization header');
        return;
      }
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      if (path === '/photo.png' || path === '/Ünïcödé photo 🚀.png')
        res.writeHead(200, { 'Content-Type': 'image/png' }).end(IMAGE);
      else if (path === '/download')
        res
          .writeHead(200, {
            'Content-Type': 'application/octet-stream',
            'Content-Disposition': 'attachment; filename="from-header.png"',
          })
          .end(IMAGE);
      else if (path === '/page.html')
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p>hi</p>');
      else if (path === '/notes.txt') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('plain notes');
      else if (path === '/tool.exe')
        res.writeHead(200, { 'Content-Type': 'application/x-msdownload' }).end('MZ not really a program');
      else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    files = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}

export async function admin() {
  return connect('main', 'administrator');
}

export async function posts(search: string): Promise<Array<{ id: number }>> {
  const { data } = await rest<Array<{ id: number }>>(await admin(), 'wp/v2/posts', {
    query: { search, status: 'any', _fields: 'id' },
  });
  return data;
}

export function expectClean(message: string) {
  for (const user of Object.values(users)) expect(message).not.toContain(user.password);
  expect(message).not.toMatch(/undefined|\[object Object\]/);
}
