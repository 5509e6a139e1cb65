// Where a download may connect: every address that is not public, in all its IPv4 and IPv6
// spellings, and the lookup the download's sockets use (DNS mocked: nothing is resolved for real).
import http from 'node:http';
import https from 'node:https';
import type dns from 'node:dns';
import { DownloadGuard, REFUSED_ADDRESS, nonPublicReason } from '../../../src/connection/addresses';
import { mockDns, restoreNetwork } from '../network';

afterEach(restoreNetwork);

describe('nonPublicReason', () => {
  it.each<[string, string]>([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['10.0.0.0', 'a private network address'],
    ['10.255.255.255', 'a private network address'],
    ['172.16.0.1', 'a private network address'],
    ['172.31.255.255', 'a private network address'],
    ['192.168.0.1', 'a private network address'],
    ['192.168.255.255', 'a private network address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['169.254.170.2', 'a cloud metadata address'],
    ['100.100.100.200', 'a cloud metadata address'],
    ['169.254.0.1', 'a link-local address'],
    ['169.254.255.255', 'a link-local address'],
    ['100.64.0.1', 'a shared address of a carrier-grade NAT'],
    ['100.127.255.255', 'a shared address of a carrier-grade NAT'],
    ['0.0.0.0', 'the unspecified address'],
    ['0.1.2.3', 'a reserved address'],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'a reserved address'],
    ['::1', 'a loopback address'],
    ['[::1]', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['::', 'the unspecified address'],
    ['fc00::1', 'a private network address'],
    ['fdff:ffff::1', 'a private network address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['febf:ffff::1', 'a link-local address'],
    ['fec0::1', 'a private network address'],
    ['ff02::1', 'a multicast address'],
    // IPv4 inside IPv6: mapped (dotted and hex), translated, compatible, NAT64, 6to4.
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::FFFF:A9FE:A9FE', 'a cloud metadata address'],
    ['0:0:0:0:0:ffff:10.1.2.3', 'a private network address'],
    ['[::ffff:192.168.1.1]', 'a private network address'],
    ['::ffff:0:169.254.169.254', 'a cloud metadata address'],
    ['::10.0.0.1', 'a private network address'],
    ['64:ff9b::169.254.169.254', 'a cloud metadata address'],
    ['2002:c0a8:0101::1', 'a private network address'],
    ['not-an-ip', 'not an IP address'],
  ])('%s is %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '93.184.215.14',
    '1.1.1.1',
    '9.255.255.255',
    '11.0.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.167.255.255',
    '192.169.0.0',
    '169.253.255.255',
    '169.255.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '126.255.255.255',
    '128.0.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    'fbff:ffff::1',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:0808:0808::1',
  ])('%s is public', (address) => {
    expect(nonPublicReason(address)).toBeUndefined();
  });
});

type Answer = { err: NodeJS.ErrnoException | null; address: string | dns.LookupAddress[]; family?: number };

function lookup(guard: DownloadGuard, host: string, options: dns.LookupOptions = {}): Promise<Answer> {
  return new Promise((resolve) =>
    guard.lookup(host, options, (err, address, family) => resolve({ err, address, family })),
  );
}

const PUBLIC_SITE = 'https://example.com/wp-json/';

describe('DownloadGuard.lookup (what the download sockets connect to)', () => {
  it('hands a public answer to the socket, in the form it asked for', async () => {
    mockDns({ 'cdn.example.net': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    const guard = new DownloadGuard(PUBLIC_SITE);
    expect(await lookup(guard, 'cdn.example.net', { all: true })).toEqual({
      err: null,
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookup(guard, 'cdn.example.net')).toEqual({ err: null, address: '93.184.215.14', family: 4 });
    expect(await lookup(guard, 'cdn.example.net', { family: 6 })).toEqual({
      err: null,
      address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
      family: 6,
    });
    expect(guard.refusal).toBeUndefined();
  });

  it('never looks the site up while every answer is public', async () => {
    const dnsSpy = mockDns({ 'cdn.example.net': ['93.184.215.14'] });
    await lookup(new DownloadGuard(PUBLIC_SITE), 'cdn.example.net');
    expect(dnsSpy.mock.calls.map((call) => call[0])).toEqual(['cdn.example.net']);
  });

  it.each<[string, string[], string, string]>([
    ['a name for the metadata service', ['169.254.169.254'], '169.254.169.254', 'a cloud metadata address'],
    ['localhost', ['::1', '127.0.0.1'], '::1', 'a loopback address'],
    ['one public and one private answer', ['93.184.215.14', '10.0.0.7'], '10.0.0.7', 'a private network address'],
    ['an IPv4-mapped answer', ['::ffff:169.254.169.254'], '::ffff:169.254.169.254', 'a cloud metadata address'],
  ])('refuses %s before any connection', async (_name, answer, address, reason) => {
    mockDns({ 'files.example.net': answer, 'example.com': ['93.184.215.14'] });
    const guard = new DownloadGuard(PUBLIC_SITE);
    const { err } = await lookup(guard, 'files.example.net', { all: true });
    expect(err?.code).toBe(REFUSED_ADDRESS);
    expect(err?.message).toBe(`Refused to connect to files.example.net: ${address} is ${reason}`);
    expect(guard.refusal).toEqual({ address, reason });
  });

  it('passes a failed lookup on as it is (the DNS message names the field)', async () => {
    mockDns({});
    const { err } = await lookup(new DownloadGuard(PUBLIC_SITE), 'nowhere.example.net');
    expect(err?.code).toBe('ENOTFOUND');
  });

  it.each<[string, string]>([
    ['on a loopback IP', 'http://127.0.0.1:8080/wp-json/'],
    ['on [::1]', 'http://[::1]/wp-json/'],
    ['localhost', 'http://localhost:8080/wp-json/'],
  ])('allows loopback answers when the site itself is %s, without asking DNS about the site', async (_name, site) => {
    const dnsSpy = mockDns({ 'files.test': ['127.0.0.1'], 'nas.corp.test': ['192.168.1.20'] });
    const guard = new DownloadGuard(site);
    expect(await lookup(guard, 'files.test')).toEqual({ err: null, address: '127.0.0.1', family: 4 });
    expect(dnsSpy.mock.calls.map((call) => call[0])).toEqual(['files.test']);
    // A local site is no reason to reach the private network beyond this machine.
    expect((await lookup(guard, 'nas.corp.test')).err?.code).toBe(REFUSED_ADDRESS);
  });

  it('allows private answers when every address of the site is private (an intranet site), looked up once', async () => {
    const dnsSpy = mockDns({
      'wp.corp.test': ['10.1.2.3'],
      'nas.corp.test': ['192.168.1.20'],
      'files.test': ['127.0.0.1'],
    });
    const guard = new DownloadGuard('https://wp.corp.test/wp-json/');
    expect(await lookup(guard, 'nas.corp.test')).toEqual({ err: null, address: '192.168.1.20', family: 4 });
    expect(await lookup(guard, 'nas.corp.test')).toEqual({ err: null, address: '192.168.1.20', family: 4 });
    expect(dnsSpy.mock.calls.filter((call) => call[0] === 'wp.corp.test')).toHaveLength(1);
    // An intranet site is no reason to reach the machine Zapier runs on.
    expect((await lookup(guard, 'files.test')).err?.code).toBe(REFUSED_ADDRESS);
  });

  it.each<[string, string, string[]]>([
    ['a cloud metadata address', 'https://wp.corp.test/wp-json/', ['169.254.169.254']],
    ['a link-local address', 'https://wp.corp.test/wp-json/', ['169.254.10.10']],
    ['a cloud metadata address, from a loopback site', 'http://127.0.0.1:8080/wp-json/', ['169.254.169.254']],
    ['an IPv6 metadata address', 'https://wp.corp.test/wp-json/', ['fd00:ec2::254']],
  ])('never allows %s, whatever the site', async (_name, site, answer) => {
    mockDns({ 'wp.corp.test': ['10.1.2.3'], 'meta.test': answer });
    const { err } = await lookup(new DownloadGuard(site), 'meta.test');
    expect(err?.code).toBe(REFUSED_ADDRESS);
  });

  it.each<[string, string | undefined, Record<string, string[]>]>([
    ['resolves to a public address', PUBLIC_SITE, { 'example.com': ['93.184.215.14'] }],
    ['resolves to a public and a private address', PUBLIC_SITE, { 'example.com': ['93.184.215.14', '10.0.0.1'] }],
    ['cannot be resolved', PUBLIC_SITE, {}],
    ['is unknown', undefined, {}],
  ])('refuses private answers when the site %s', async (_name, site, table) => {
    mockDns({ ...table, 'nas.corp.test': ['192.168.1.20'] });
    const guard = new DownloadGuard(site);
    expect((await lookup(guard, 'nas.corp.test')).err?.code).toBe(REFUSED_ADDRESS);
  });
});

// Refusals of IP addresses in links, in all their spellings: files.test.ts, through the download.
describe('DownloadGuard.checkLiteral (IP addresses, which sockets connect to without a lookup)', () => {
  it('leaves names to the lookup, and public IP addresses alone, without any DNS', async () => {
    const dnsSpy = mockDns({});
    const guard = new DownloadGuard(PUBLIC_SITE);
    expect(await guard.checkLiteral(new URL('https://files.example.org/a.png'))).toBeUndefined();
    expect(await guard.checkLiteral(new URL('http://93.184.215.14/a.png'))).toBeUndefined();
    expect(await guard.checkLiteral(new URL('http://[2606:4700::1111]/a.png'))).toBeUndefined();
    expect(dnsSpy).not.toHaveBeenCalled();
  });

  it('allows a loopback IP address when the site is on loopback, and nothing else private', async () => {
    const guard = new DownloadGuard('http://127.0.0.1:8080/wp-json/');
    expect(await guard.checkLiteral(new URL('http://127.0.0.1:9000/a.png'))).toBeUndefined();
    expect(await guard.checkLiteral(new URL('http://10.0.0.5/a.png'))).toBeDefined();
    expect(await guard.checkLiteral(new URL('http://169.254.169.254/latest/meta-data/'))).toBeDefined();
  });
});

describe('DownloadGuard.agentFor', () => {
  it("gives each scheme one agent that connects through the guard's lookup", () => {
    const guard = new DownloadGuard(PUBLIC_SITE);
    const plain = guard.agentFor(new URL('http://a.example/'));
    const secure = guard.agentFor(new URL('https://a.example/'));
    expect(plain).toBeInstanceOf(http.Agent);
    expect(plain).not.toBeInstanceOf(https.Agent);
    expect(secure).toBeInstanceOf(https.Agent);
    expect(guard.agentFor(new URL('http://b.example/'))).toBe(plain);
    for (const agent of [plain, secure]) {
      expect((agent as unknown as { options: { lookup: unknown } }).options.lookup).toBe(guard.lookup);
    }
  });
});
