// A fake network for tests of where downloads may connect: DNS answers from a table, and sockets
// that reach loopback only. A test that names a private or metadata address can then never send
// it a packet, even if the code under test failed to refuse it.
import dns from 'node:dns';
import net from 'node:net';
import nock from 'nock';

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * `dns.lookup` answering from `table` (host → addresses; a missing host is ENOTFOUND), on a later
 * tick like the real one. Returns the spy, whose calls list the hosts looked up.
 */
export function mockDns(table: Record<string, string[]>) {
  const fake = (host: string, options: dns.LookupOptions | LookupCallback, callback?: LookupCallback) => {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback;
    const all = typeof options === 'object' && options.all === true;
    const addresses = (table[host] ?? []).map((address) => ({ address, family: net.isIP(address) }));
    process.nextTick(() => {
      const first = addresses[0];
      if (!first) {
        const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${host}`);
        err.code = 'ENOTFOUND';
        return done(err, '');
      }
      return all ? done(null, addresses) : done(null, first.address, first.family);
    });
  };
  return jest.spyOn(dns, 'lookup').mockImplementation(fake as unknown as typeof dns.lookup);
}

/** Whether this suite let nock through to real sockets (to `.test` names only). */
let opened = false;

/**
 * Real sockets for host names ending in `.test` (nock lets them through), but only to 127.0.0.1:
 * any other address a socket is about to connect to fails it first. Returns every address a
 * socket was handed, so a test can show that none was.
 */
export function loopbackOnlySockets(): { handed: string[] } {
  const handed: string[] = [];
  nock.enableNetConnect(/\.test(:\d+)?$/);
  opened = true;
  const refuse = () => new Error('test network: only 127.0.0.1 is reachable');
  const original = net.Socket.prototype.connect;
  jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    // http's agent hands over normalized [options, callback]; tls hands over the options.
    const first = args[0];
    const options = (Array.isArray(first) ? first[0] : first) as net.TcpNetConnectOpts;
    const host = options.host ?? '';
    if (net.isIP(host)) {
      handed.push(host);
      if (host !== '127.0.0.1') throw refuse();
    } else {
      const lookup = options.lookup ?? dns.lookup;
      options.lookup = (hostname, lookupOptions, callback) =>
        lookup(hostname, lookupOptions, (err, address, family) => {
          const addresses = Array.isArray(address) ? address.map((a) => a.address) : address ? [address] : [];
          handed.push(...addresses);
          if (!err && addresses.some((a) => a !== '127.0.0.1')) return callback(refuse(), '');
          return callback(err, address, family);
        });
    }
    return original.apply(this, args as Parameters<typeof original>);
  });
  return { handed };
}

/**
 * Undoes both; call in afterEach. nock refuses real connections again only where this file opened
 * them: a suite that never did must not leave nock closed for the next suite in the same worker
 * (every suite's nock stays in the chain of http's request).
 */
export function restoreNetwork(): void {
  jest.restoreAllMocks();
  if (opened) nock.disableNetConnect();
  opened = false;
}
