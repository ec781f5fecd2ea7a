/**
 * Text helpers for VRP configuration: sections, dotted masks, VLAN lists, interface names.
 * Pure functions only.
 */
import { deviceText } from '../../model/index.js';

/**
 * One `#`-delimited block of `display current-configuration` (reference/huawei-vrp.md §3.1):
 * its lines without the delimiter. Sub-commands carry their own leading spaces (one per level).
 */
export type Section = string[];

/**
 * Free text (descriptions, SNMP location) as VRP holds it: one line, the ASCII-safe form of
 * model/text.ts (VRP S-series is treated as ASCII-only: docs/devices/huawei-vrp.md, "Text limits").
 */
export function text(value: string): string {
  return deviceText(value, false);
}

/** `#` between sections and after the last one, then `return` (§3.1). */
export function joinSections(sections: readonly Section[]): string {
  const out: string[] = ['#'];
  for (const s of sections) {
    if (s.length === 0) continue;
    out.push(...s, '#');
  }
  out.push('return');
  return `${out.join('\n')}\n`;
}

/** Prefix length to dotted mask: 24 → 255.255.255.0. The configuration always shows dotted masks (§2.3, §2.10). */
export function maskOf(length: number): string {
  const bits = length <= 0 ? 0 : (0xffffffff << (32 - Math.min(length, 32))) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}

/** `a.b.c.d/len` → `a.b.c.d m.m.m.m`. */
export function addressWithMask(cidr: string): string {
  const [ip, len] = cidr.split('/');
  return `${ip} ${maskOf(Number(len ?? 32))}`;
}

/** An IPv4 address as an unsigned number, for numeric ordering. */
export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/**
 * VLAN ids as VRP prints them: sorted, unique, runs of two or more as `A to B`
 * (seen `30 to 31` in §2.2).
 */
export function vlanItems(ids: Iterable<number>): string[] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const items: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    items.push(j > i ? `${sorted[i]} to ${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return items;
}

/** VRP puts at most 10 items (an id or a range) on one `vlan batch` line (§2.2). */
export const VLAN_ITEMS_PER_LINE = 10;

/** `<prefix> <items...>` lines of at most 10 items each. */
export function vlanListLines(prefix: string, ids: Iterable<number>): string[] {
  const items = vlanItems(ids);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += VLAN_ITEMS_PER_LINE) {
    lines.push(`${prefix} ${items.slice(i, i + VLAN_ITEMS_PER_LINE).join(' ')}`);
  }
  return lines;
}

/**
 * The canonical form VRP stores an interface name in (§1.3): no space between type and number
 * (`GigabitEthernet 0/0/1` → `GigabitEthernet0/0/1`).
 */
export function canonicalInterfaceName(name: string): string {
  if (!/\s/.test(name)) return name;
  return name.trim().replace(/^([A-Za-z-]+)\s+(?=\d)/, '$1');
}

/** A model interface reference (`lag:N` or a port name) as VRP names it (`Eth-Trunk1`). */
export function interfaceRef(ref: string): string {
  const lag = /^lag:(\d+)$/.exec(ref.trim());
  return lag ? ethTrunkName(Number(lag[1])) : canonicalInterfaceName(ref);
}

export const ethTrunkName = (id: number): string => `Eth-Trunk${id}`;
export const vlanifName = (vlan: number): string => `Vlanif${vlan}`;

/**
 * Physical interface types in the order VRP prints them ("interfaces in type/number order",
 * §3.1); this reproduces the catalogue order of every S-series model dcnet knows.
 */
const PHYSICAL_TYPE_ORDER = ['Ethernet', 'GigabitEthernet', 'XGigabitEthernet', '25GE', '40GE', '100GE'];

type PhysicalSortKey = [number, string, number[]];

function physicalSortKey(name: string): PhysicalSortKey {
  const m = /^([A-Za-z0-9-]*?[A-Za-z-])(\d+(?:\/\d+)*)$/.exec(canonicalInterfaceName(name));
  if (!m) return [PHYSICAL_TYPE_ORDER.length + 1, name, []];
  const rank = PHYSICAL_TYPE_ORDER.indexOf(m[1]!);
  return [rank < 0 ? PHYSICAL_TYPE_ORDER.length : rank, m[1]!, m[2]!.split('/').map(Number)];
}

function compareKeys(a: string, ka: PhysicalSortKey, b: string, kb: PhysicalSortKey): number {
  const [ra, ta, na] = ka;
  const [rb, tb, nb] = kb;
  if (ra !== rb) return ra - rb;
  if (ta !== tb) return ta < tb ? -1 : 1;
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders physical interfaces by type, then slot/card/port numerically. */
export function comparePhysicalNames(a: string, b: string): number {
  return compareKeys(a, physicalSortKey(a), b, physicalSortKey(b));
}

/** The names sorted by `comparePhysicalNames`, each key computed once. */
export function sortPhysicalNames(names: Iterable<string>): string[] {
  const keyed = [...names].map((n) => ({ n, k: physicalSortKey(n) }));
  keyed.sort((x, y) => compareKeys(x.n, x.k, y.n, y.k));
  return keyed.map((x) => x.n);
}

/** Plain code-point string order (locale-independent, so the output never depends on the host). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An OSPF area id (number or dotted) as VRP prints it (dotted), with its numeric value for ordering. */
export function areaIdText(id: number | string): { text: string; num: number } {
  const num = typeof id === 'number' ? id : ipToNumber(id);
  return { text: [24, 16, 8, 0].map((s) => Math.floor(num / 2 ** s) % 256).join('.'), num };
}
