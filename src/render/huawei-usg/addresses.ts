/**
 * IPv4 helpers for the USG renderer: dotted masks, ACL-style wildcards, subnet membership, pool
 * ranges. A small duplication of what the VRP renderer needs too (renderers never import each
 * other); the arithmetic itself is `netmask`'s.
 */
import { Netmask } from 'netmask';

/** `10.1.10.2/24` → `{ ip: '10.1.10.2', len: 24 }`. */
export function splitAddress(cidr: string): { ip: string; len: number } {
  const [ip, len] = cidr.split('/');
  return { ip: ip!, len: Number(len) };
}

/** `10.1.10.2/24` → `10.1.10.2 255.255.255.0` (the form `display current-configuration` prints). */
export function addressWithMask(cidr: string): string {
  const { ip } = splitAddress(cidr);
  return `${ip} ${new Netmask(cidr).mask}`;
}

/** `10.20.0.0/16` → `10.20.0.0 255.255.0.0` (network address, dotted mask). */
export function networkWithMask(prefix: string): string {
  const n = new Netmask(prefix);
  return `${n.base} ${n.mask}`;
}

/** The dotted mask of a prefix length. */
export function maskOf(cidr: string): string {
  return new Netmask(cidr).mask;
}

/** `10.1.1.0/24` → `10.1.1.0 0.0.0.255`; a host (/32) → `10.1.1.5 0` (ACL wildcard, `0` = host). */
export function networkWithWildcard(prefix: string): string {
  const n = new Netmask(prefix);
  return n.bitmask === 32 ? `${n.base} 0` : `${n.base} ${n.hostmask}`;
}

/** Does the subnet of `cidr` (an interface address or a prefix) contain `ip`? */
export function subnetContains(cidr: string, ip: string): boolean {
  return new Netmask(cidr).contains(ip);
}

export function prefixLength(cidr: string): number {
  return splitAddress(cidr).len;
}

/** First and last usable host of a prefix (for /31 and /32 the whole block). */
export function hostRange(prefix: string): { first: string; last: string } {
  const n = new Netmask(prefix);
  return { first: n.first, last: n.last };
}

/** The next address after `ip` (no wrap check: callers stay inside a prefix). */
export function nextAddress(ip: string): string {
  const n = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0) + 1;
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
