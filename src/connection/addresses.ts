// Where a download may connect. A link from a Zap could point at the machine Zapier runs on, its
// private network or a cloud metadata service (server-side request forgery), so a download goes
// only to public addresses, unless the WordPress site itself lives on a local or intranet address
// (then the user's files plausibly do too, and the app already talks to that network).
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { isLoopback } from './site';

const PRIVATE = 'a private network address';
const LOOPBACK = 'a loopback address';
const SHARED_NAT = 'a shared address of a carrier-grade NAT';
/** The ranges an intranet site may share with the files its users link to. */
const SITE_MAY_SHARE = new Set<string>([PRIVATE, SHARED_NAT]);
const METADATA = 'a cloud metadata address';
const RESERVED = 'a reserved address';

type Rule = readonly [network: string, bits: number, reason: string];

// First match wins: single addresses before the ranges that hold them.
const IPV4_RULES: readonly Rule[] = [
  ['0.0.0.0', 32, 'the unspecified address'],
  ['0.0.0.0', 8, RESERVED],
  ['127.0.0.0', 8, LOOPBACK],
  ['10.0.0.0', 8, PRIVATE],
  ['172.16.0.0', 12, PRIVATE],
  ['192.168.0.0', 16, PRIVATE],
  // AWS, GCP, Azure, Oracle; AWS ECS tasks; Alibaba; Oracle's older one.
  ['169.254.169.254', 32, METADATA],
  ['169.254.170.2', 32, METADATA],
  ['100.100.100.200', 32, METADATA],
  ['192.0.0.192', 32, METADATA],
  ['169.254.0.0', 16, 'a link-local address'],
  ['100.64.0.0', 10, SHARED_NAT],
  ['192.0.0.0', 24, RESERVED],
  ['198.18.0.0', 15, RESERVED],
  ['224.0.0.0', 4, 'a multicast address'],
  ['255.255.255.255', 32, 'the broadcast address'],
  ['240.0.0.0', 4, RESERVED],
];

const IPV6_RULES: readonly Rule[] = [
  ['::', 128, 'the unspecified address'],
  ['::1', 128, LOOPBACK],
  ['fd00:ec2::254', 128, METADATA],
  ['fc00::', 7, PRIVATE],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, PRIVATE],
  ['64:ff9b:1::', 48, PRIVATE],
  ['ff00::', 8, 'a multicast address'],
  ['100::', 64, RESERVED],
];

/**
 * IPv6 prefixes that carry an IPv4 address, and the bit where it starts: the connection reaches
 * that IPv4 address (mapped `::ffff:a.b.c.d`, translated, compatible, NAT64, 6to4).
 */
const EMBEDDING_IPV4: ReadonlyArray<readonly [network: string, bits: number, at: number]> = [
  ['::ffff:0:0', 96, 96],
  ['::ffff:0:0:0', 96, 96],
  ['::', 96, 96],
  ['64:ff9b::', 96, 96],
  ['2002::', 16, 16],
];

function ipv4Value(address: string): bigint {
  return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(address: string): bigint {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const v4 = ipv4Value(dotted);
    text = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const words = (part: string) => (part ? part.split(':') : []);
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.reduce((value, word) => (value << 16n) | BigInt(parseInt(word, 16)), 0n);
}

function inRange(value: bigint, width: number, network: bigint, bits: number): boolean {
  const shift = BigInt(width - bits);
  return value >> shift === network >> shift;
}

/**
 * Why an IP address is not public ("a loopback address", "a cloud metadata address"…), or
 * undefined when it is public. Anything that is not an IP address is refused as well.
 */
export function nonPublicReason(address: string): string | undefined {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = net.isIP(ip);
  if (version === 4) {
    const value = ipv4Value(ip);
    return IPV4_RULES.find(([network, bits]) => inRange(value, 32, ipv4Value(network), bits))?.[2];
  }
  if (version !== 6) return 'not an IP address';
  const value = ipv6Value(ip);
  const rule = IPV6_RULES.find(([network, bits]) => inRange(value, 128, ipv6Value(network), bits));
  if (rule) return rule[2];
  const embedding = EMBEDDING_IPV4.find(([network, bits]) => inRange(value, 128, ipv6Value(network), bits));
  if (!embedding) return undefined;
  const v4 = (value >> BigInt(128 - embedding[2] - 32)) & 0xffffffffn;
  const dotted = [24n, 16n, 8n, 0n].map((shift) => String((v4 >> shift) & 0xffn)).join('.');
  return nonPublicReason(dotted);
}

/** An address a download was refused, and why. */
export interface Refusal {
  address: string;
  reason: string;
}

/** The `code` of the socket error when the lookup refuses an address. */
export const REFUSED_ADDRESS = 'EADDRNOTPUBLIC';

/** Every address a host name resolves to (the system resolver, as Node's own connections use). */
function resolveAll(host: string): Promise<dns.LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dns.lookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });
}

/**
 * One download's rule for where it may connect, across all its redirects. Made per download, so
 * nothing is remembered between runs: the site's address is looked up at most once, and only when
 * a link leads to an address that is not public.
 */
export class DownloadGuard {
  /** Set when a connection was refused; the socket's error then says only that. */
  refusal?: Refusal;
  private sitePrivate?: Promise<boolean>;
  private readonly agents = new Map<string, http.Agent>();

  /** `siteUrl`: the connection's REST root or Site URL. */
  constructor(private readonly siteUrl: string | undefined) {}

  /**
   * The refusal for a URL whose host is an IP address. Node connects to those without a lookup,
   * so the agent never sees them: check each one before its request.
   */
  async checkLiteral(url: URL): Promise<Refusal | undefined> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!net.isIP(host)) return undefined;
    return this.judge([host]);
  }

  /** An agent for the URL's scheme whose connections only go to addresses this guard allows. */
  agentFor(url: URL): http.Agent {
    const scheme = url.protocol === 'https:' ? 'https:' : 'http:';
    let agent = this.agents.get(scheme);
    if (!agent) {
      agent = scheme === 'https:' ? new https.Agent({ lookup: this.lookup }) : new http.Agent({ lookup: this.lookup });
      this.agents.set(scheme, agent);
    }
    return agent;
  }

  /**
   * The sockets' lookup: resolves the name once, judges every address it gave, and connects only
   * to those. The address checked is the address connected to, so a name that answers differently
   * on a second lookup (DNS rebinding) gains nothing.
   */
  readonly lookup: net.LookupFunction = (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    resolveAll(hostname)
      .then(async (addresses) => {
        const refusal = await this.judge(addresses.map((a) => a.address));
        if (refusal) {
          this.refusal = refusal;
          const err: NodeJS.ErrnoException = new Error(
            `Refused to connect to ${hostname}: ${refusal.address} is ${refusal.reason}`,
          );
          err.code = REFUSED_ADDRESS;
          return callback(err, '');
        }
        const usable = addresses.filter((a) => !family || a.family === family);
        const first = usable[0];
        if (!first) {
          const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          err.code = 'ENOTFOUND';
          return callback(err, '');
        }
        if (options.all) return callback(null, usable);
        return callback(null, first.address, first.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };

  /**
   * The first address a download may not reach. A site on loopback (the WordPress the user runs on
   * this machine) lets downloads reach loopback; a site whose every address is private (an
   * intranet site) lets them reach private ranges. Nothing lets them reach metadata services,
   * link-local, multicast or reserved addresses: a Site URL's DNS is the connection owner's to
   * control, and those answers would land in the media library for them to read.
   */
  private async judge(addresses: string[]): Promise<Refusal | undefined> {
    for (const address of addresses) {
      const reason = nonPublicReason(address);
      if (!reason) continue;
      if (reason === LOOPBACK && this.siteIsLoopback()) continue;
      if (SITE_MAY_SHARE.has(reason) && (await this.siteIsPrivate())) continue;
      return { address, reason };
    }
    return undefined;
  }

  private siteHost(): string | undefined {
    try {
      return new URL(this.siteUrl ?? '').hostname.replace(/^\[|\]$/g, '');
    } catch {
      return undefined;
    }
  }

  /** The site is on this machine by its very address (`localhost`, 127.0.0.1, ::1): no DNS asked. */
  private siteIsLoopback(): boolean {
    const host = this.siteHost();
    return !!host && (isLoopback(host) || (net.isIP(host) > 0 && nonPublicReason(host) === LOOPBACK));
  }

  /** Whether every address of the site's host is in a private range (an intranet site). */
  private siteIsPrivate(): Promise<boolean> {
    this.sitePrivate ??= (async () => {
      const host = this.siteHost();
      if (!host) return false;
      const addresses = net.isIP(host) ? [host] : (await resolveAll(host).catch(() => [])).map((a) => a.address);
      return addresses.length > 0 && addresses.every((address) => SITE_MAY_SHARE.has(nonPublicReason(address) ?? ''));
    })();
    return this.sitePrivate;
  }
}
