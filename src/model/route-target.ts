/**
 * Route distinguishers and route targets as a device reads them: numbers, whatever the notation
 * (RFC 4360 extended communities, RFC 4364 RDs, RFC 5396 AS number notation). `65010:101`,
 * `65010:0101` and `0.65010:101` are one value; `10.0.0.1:7` is an IPv4-address form. Two values
 * are the same target when their keys are equal, never when their texts are.
 *
 * Ranges: an AS number up to 65535 takes a 4-byte assigned number (type 0); a larger one
 * (asplain, or dotted X.Y = X*65536+Y) and an IPv4 address take a 2-byte one (types 2 and 1).
 */

export type RouteTargetKind = 'as2' | 'as4' | 'ipv4';

export interface ParsedRouteTarget {
  kind: RouteTargetKind;
  /** The AS number, or the IPv4 address as a number. */
  admin: number;
  assigned: number;
  /** The numeric identity: equal keys are the same RD/RT on the wire. */
  key: string;
  /** The form devices print: asplain AS numbers, no leading zeros. */
  canonical: string;
}

const MAX16 = 65535;
const MAX32 = 4294967295;

/** Parse an RD/RT; a string saying what is wrong when it is out of range or not one. */
export function parseRouteTarget(text: unknown): ParsedRouteTarget | string {
  if (typeof text !== 'string') return 'not a string';
  const m = /^(\d{1,10}|\d{1,5}\.\d{1,5}|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,10})$/.exec(text.trim());
  if (!m) return `'${text}' is not ASN:NN, X.Y:NN or IP:NN`;
  const assigned = Number(m[2]);
  const left = m[1]!;
  const dots = left.split('.').length - 1;
  if (dots === 3) {
    const octets = left.split('.').map(Number);
    if (octets.some((o) => o > 255)) return `'${left}' is not an IPv4 address`;
    if (assigned > MAX16) return `the assigned number of an IP:NN value is at most ${MAX16}, not ${assigned}`;
    const admin = octets.reduce((a, o) => a * 256 + o, 0);
    return { kind: 'ipv4', admin, assigned, key: `ip:${admin}:${assigned}`, canonical: `${octets.join('.')}:${assigned}` };
  }
  let asn: number;
  if (dots === 1) {
    const [hi, lo] = left.split('.').map(Number) as [number, number];
    if (hi > MAX16 || lo > MAX16) return `'${left}': each half of a dotted AS number is at most ${MAX16}`;
    asn = hi * 65536 + lo;
  } else {
    asn = Number(left);
  }
  if (asn > MAX32) return `AS number ${left} is above ${MAX32}`;
  if (asn <= MAX16) {
    if (assigned > MAX32) return `the assigned number is at most ${MAX32}, not ${assigned}`;
    return { kind: 'as2', admin: asn, assigned, key: `as:${asn}:${assigned}`, canonical: `${asn}:${assigned}` };
  }
  if (assigned > MAX16) return `with a 4-byte AS number (${asn}) the assigned number is at most ${MAX16}, not ${assigned}`;
  return { kind: 'as4', admin: asn, assigned, key: `as:${asn}:${assigned}`, canonical: `${asn}:${assigned}` };
}

/** The numeric key of an RD/RT; undefined when it does not parse. */
export function routeTargetKey(text: unknown): string | undefined {
  const p = parseRouteTarget(text);
  return typeof p === 'string' ? undefined : p.key;
}

/** The form a device prints (as written when it does not parse: intent reports it). */
export function canonicalRouteTarget(text: string): string {
  const p = parseRouteTarget(text);
  return typeof p === 'string' ? text : p.canonical;
}
