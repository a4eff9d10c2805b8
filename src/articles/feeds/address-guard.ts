import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, type Dispatcher } from 'undici';
import { FetchError } from './fetch-error.ts';

/**
 * True for an address on the public internet; false for loopback, private networks, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast, reserved and
 * unspecified addresses, and for IPv4 ones wrapped in IPv6. False for what is not an address.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** Resolves a host name the way `dns.lookup` does (callback style, `all: true`). */
export type Resolver = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * Checks a URL before it is requested; throws a `FetchError` to refuse it. A guard may also name
 * the `dispatcher` its requests go through, which checks addresses again when it connects.
 */
export type UrlGuard = ((url: URL) => Promise<void>) & {
  dispatcher?: (url: URL) => Dispatcher | undefined;
};

/** Raised inside a connection whose host name resolved to an address a guard refuses. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'EBLOCKEDADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} is a private or local address (${address})`);
  }
}

/**
 * A connection-time lookup: the name is resolved once, for the connection itself, and refused
 * when any answer is not a public address. Checking before `fetch` resolves the name again would
 * let a name that changes its answer in between (DNS rebinding) through.
 */
function publicLookup(resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const inside = addresses.find((a) => !isPublicAddress(a.address));
      if (inside) return callback(new BlockedAddressError(hostname, inside.address), '', 4);
      if (options.all)
        return (callback as never as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

const agents = new WeakMap<Resolver, Agent>();

/** One connection pool per resolver, shared by every request it guards. */
function publicAgent(resolve: Resolver): Agent {
  let agent = agents.get(resolve);
  if (!agent) {
    agent = new Agent({ connect: { lookup: publicLookup(resolve) } });
    agents.set(resolve, agent);
  }
  return agent;
}

const systemResolver: Resolver = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, verbatim: true }, callback);

/**
 * A guard for links that come from feed content, which anyone who controls a feed writes: they
 * may lead to the public internet, or to the hosts the operator configured (a feed's own host),
 * never to the bot's machine or its private network. Checked on every redirect too: before the
 * request (a literal address, or a name resolved now, for a clear early refusal) and again when
 * the connection is made (its `dispatcher`), so a name that resolves differently the second
 * time (DNS rebinding) is caught. `resolve` is injectable for tests.
 */
export function publicOrTrusted(
  trustedHosts: Iterable<string>,
  resolve: Resolver = systemResolver,
): UrlGuard {
  const trusted = new Set([...trustedHosts].map((h) => h.toLowerCase()));
  const refuse = (url: URL, inside: string) =>
    new FetchError(
      'blocked-address',
      url.href,
      `${url.href}: refused, ${url.hostname} is a private or local address (${inside}); a feed's links may only lead to the public internet or to the feed's own host`,
    );
  const guard: UrlGuard = async (url) => {
    if (trusted.has(url.host.toLowerCase())) return;
    // `[::1]` in a URL is `::1` to a resolver.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: string[];
    if (ipaddr.isValid(host)) addresses = [host];
    else {
      try {
        addresses = await new Promise<string[]>((ok, fail) =>
          resolve(host, { all: true }, (error, found) =>
            error ? fail(error) : ok(found.map((a) => a.address)),
          ),
        );
      } catch {
        // Unresolvable: the request itself fails with the resolver's own error.
        return;
      }
    }
    const inside = addresses.find((a) => !isPublicAddress(a));
    if (inside !== undefined) throw refuse(url, inside);
  };
  guard.dispatcher = (url) =>
    trusted.has(url.host.toLowerCase()) ? undefined : publicAgent(resolve);
  return guard;
}
