import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
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

/** Checks a URL before it is requested; throws a `FetchError` to refuse it. */
export type UrlGuard = (url: URL) => Promise<void>;

/**
 * A guard for links that come from feed content, which anyone who controls a feed writes: they
 * may lead to the public internet, or to the hosts the operator configured (a feed's own host),
 * never to the bot's machine or its private network. Checked on every redirect too.
 *
 * The name is resolved here and again by `fetch`, so a name that changes its answer between the
 * two (DNS rebinding) is not caught; a connect-time check would need a custom HTTP agent.
 */
export function publicOrTrusted(trustedHosts: Iterable<string>): UrlGuard {
  const trusted = new Set([...trustedHosts].map((h) => h.toLowerCase()));
  return async (url) => {
    if (trusted.has(url.host.toLowerCase())) return;
    // `[::1]` in a URL is `::1` to a resolver.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: string[];
    if (ipaddr.isValid(host)) addresses = [host];
    else {
      try {
        addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
      } catch {
        // Unresolvable: the request itself fails with the resolver's own error.
        return;
      }
    }
    const inside = addresses.find((a) => !isPublicAddress(a));
    if (inside !== undefined) {
      throw new FetchError(
        'blocked-address',
        url.href,
        `${url.href}: refused, ${url.hostname} is a private or local address (${inside}); a feed's links may only lead to the public internet or to the feed's own host`,
      );
    }
  };
}
