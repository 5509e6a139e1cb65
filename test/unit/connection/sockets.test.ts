// Kept-alive sockets, against a real server on 127.0.0.1: back-to-back requests of a run share a
// connection, no connection outlives its run, and a socket the server closed while the process did
// not run (the wall clock jumped, as after a blocked event loop or a frozen container) is not reused.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { callWordPress } from '../../../src/connection/request';
import { MAX_IDLE_MS } from '../../../src/connection/sockets';
import { appTester, authData, bundle } from '../helpers';

let server: http.Server;
let connections = 0;
let root = '';
/** Sockets the server has closed: what arrives on one is answered with a reset, as a closed port does. */
const closed = new Set<Socket>();
const open = new Set<Socket>();
/** The requests the server answered, by method. */
let served: string[] = [];

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  server = http.createServer((req, res) => {
    if (closed.has(req.socket)) {
      req.socket.resetAndDestroy();
      return;
    }
    served.push(req.method ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json', Expires: 'Wed, 11 Jan 1984 05:00:00 GMT' });
    res.end('{"ok":true}');
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    connections++;
    open.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wp-json/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  connections = 0;
  served = [];
});

const connected = () => bundle({}, {}, authData({ site_url: root.replace('/wp-json/', ''), rest_root: root }));
const read = (z: ZObject, b: Bundle, route: string) => callWordPress(z, b, { route }).then((r) => r.data);
const write = (z: ZObject, b: Bundle) =>
  callWordPress(z, b, { method: 'POST', route: 'wp/v2/posts', json: { title: 'x' } }).then((r) => r.data);
/** Lets the answered socket go back to the pool. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the connections of a run', () => {
  it('back-to-back requests of one run share one connection', async () => {
    const perform = async (z: ZObject, b: Bundle) => {
      await read(z, b, 'wp/v2/posts');
      await settle();
      return read(z, b, 'wp/v2/users');
    };
    await expect(appTester(perform, connected())).resolves.toEqual({ ok: true });
    expect(connections).toBe(1);
  });

  it('a new run opens its own connection: none is reused across runs (a frozen container)', async () => {
    await appTester((z: ZObject, b: Bundle) => read(z, b, 'wp/v2/posts'), connected());
    await settle();
    await appTester((z: ZObject, b: Bundle) => read(z, b, 'wp/v2/posts'), connected());
    expect(connections).toBe(2);
  });

  it.each([
    ['a read', (z: ZObject, b: Bundle) => read(z, b, 'wp/v2/users')],
    ['a write', write],
  ])(
    'after the server closed an idle socket while the loop was blocked: %s goes out on a new connection',
    async (what, second) => {
      const now = Date.now();
      const perform = async (z: ZObject, b: Bundle) => {
        await read(z, b, 'wp/v2/posts');
        await settle();
        // The server's keep-alive timeout passes while this process does not run: it closes the
        // socket, and the client reads nothing of it before it sends the next request.
        open.forEach((socket) => closed.add(socket));
        jest.spyOn(Date, 'now').mockReturnValue(now + MAX_IDLE_MS + 5_000);
        return second(z, b);
      };
      try {
        await expect(appTester(perform, connected())).resolves.toEqual({ ok: true });
      } finally {
        jest.restoreAllMocks();
      }
      expect(connections).toBe(2);
      // Each request answered once: the write stored once, nothing sent again.
      expect(served).toEqual(['GET', what === 'a write' ? 'POST' : 'GET']);
    },
  );
});
