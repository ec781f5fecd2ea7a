/**
 * IPv4 prefix arithmetic on top of `netmask`: parse `a.b.c.d/len`, compare blocks, spot host bits,
 * network and broadcast addresses. Every parser returns `undefined` for text it cannot read, so
 * callers (intent rules) never need a try/catch.
 */
import { Netmask, ip2long, long2ip } from 'netmask';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const CIDR = new RegExp(`^(${OCTET}(\\.${OCTET}){3})/([0-9]|[12][0-9]|3[0-2])$`);

/** An address with a prefix length: an interface address (`10.1.10.2/24`) or a prefix (`10.1.0.0/16`). */
export interface Cidr {
  /** The text it was read from. */
  text: string;
  /** The address as written, unsigned 32-bit. */
  address: number;
  length: number;
  /** First address of the block (host bits cleared). */
  network: number;
  /** Last address of the block. */
  broadcast: number;
}

/** Dotted-quad IPv4 to an unsigned 32-bit number; `undefined` for anything else. */
export function parseIpv4(text: unknown): number | undefined {
  if (typeof text !== 'string' || !IPV4.test(text)) return undefined;
  return ip2long(text) >>> 0;
}

export function formatIpv4(value: number): string {
  return long2ip(value >>> 0);
}

/** `a.b.c.d/len` to a Cidr; `undefined` for anything else. */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const block = new Netmask(text);
  const address = ip2long(m[1]!) >>> 0;
  const network = block.netLong >>> 0;
  return { text, address, length: block.bitmask, network, broadcast: network + block.size - 1 };
}

/** The block as a prefix, host bits cleared: `10.1.10.0/24` for `10.1.10.2/24`. */
export function formatPrefix(c: Cidr): string {
  return `${formatIpv4(c.network)}/${c.length}`;
}

/** True when `inner` lies entirely inside `outer` (equal blocks included). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.network >= outer.network && inner.broadcast <= outer.broadcast;
}

export function cidrContainsAddress(block: Cidr, address: number): boolean {
  return address >= block.network && address <= block.broadcast;
}

/** True when the two blocks share at least one address (for CIDR blocks: one contains the other). */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}

/** True when both name exactly the same block. */
export function sameBlock(a: Cidr, b: Cidr): boolean {
  return a.network === b.network && a.length === b.length;
}

/** A prefix written with host bits set (`10.1.1.1/24` where `10.1.1.0/24` was meant). */
export function hasHostBits(c: Cidr): boolean {
  return c.address !== c.network;
}

/** An interface address that is its subnet's network address (only for /30 and shorter; /31 and /32 have none). */
export function isNetworkAddress(c: Cidr): boolean {
  return c.length <= 30 && c.address === c.network;
}

/** An interface address that is its subnet's broadcast address (only for /30 and shorter). */
export function isBroadcastAddress(c: Cidr): boolean {
  return c.length <= 30 && c.address === c.broadcast;
}

/**
 * Every pair of overlapping blocks in a list, as [earlier, later] positions, ordered by the later
 * position and then the earlier one (the order a double loop over the list would give). CIDR
 * blocks either nest or are disjoint, so one sweep over the blocks sorted by start, keeping the
 * chain of enclosing blocks, finds them all in O(n log n + pairs).
 */
export function overlappingPairs<T>(list: readonly T[], cidrOf: (item: T) => Cidr): Array<[number, number]> {
  const order = list.map((_, i) => i);
  const blocks = list.map(cidrOf);
  order.sort((a, b) => blocks[a]!.network - blocks[b]!.network || blocks[b]!.broadcast - blocks[a]!.broadcast || a - b);
  const pairs: Array<[number, number]> = [];
  const open: number[] = [];
  for (const i of order) {
    const c = blocks[i]!;
    while (open.length > 0 && blocks[open[open.length - 1]!]!.broadcast < c.network) open.pop();
    for (const o of open) pairs.push(o < i ? [o, i] : [i, o]);
    open.push(i);
  }
  return pairs.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
}
