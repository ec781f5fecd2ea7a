/**
 * Text helpers shared by the RGOS sections: masks, VLAN lists, and the `!`-separated block layout
 * of `show running-config` (reference/ruijie-rgos.md §3.1).
 */
import { deviceText } from '../../model/index.js';

/**
 * Free text (descriptions, SNMP location) as RGOS holds it: one line, in the ASCII-safe form of
 * model/text.ts (RGOS 10 is treated as ASCII-only: docs/devices/ruijie-rgos.md, "Text limits").
 */
export function text(value: string): string {
  return deviceText(value, false);
}

/** One `!`-delimited stanza of the running configuration: a top-level line and its indented sub-lines. */
export type Block = readonly string[];

/** `24` → `255.255.255.0`. */
export function formatMask(length: number): string {
  const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}

/** `10.1.10.2/24` → `10.1.10.2 255.255.255.0` (address as written: RGOS keeps host bits on interfaces). */
export function formatAddressMask(cidr: string): string {
  const [address, length] = cidr.split('/');
  return `${address} ${formatMask(Number(length))}`;
}

/** `10.20.0.0/16` → `10.20.0.0 255.255.0.0` with host bits cleared, as a route prefix is printed. */
export function formatPrefixMask(cidr: string): string {
  const [address, lengthText] = cidr.split('/');
  const length = Number(lengthText);
  const value = address!.split('.').reduce((acc, o) => ((acc << 8) | Number(o)) >>> 0, 0);
  const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  const network = (value & bits) >>> 0;
  const dotted = [24, 16, 8, 0].map((shift) => (network >>> shift) & 0xff).join('.');
  return `${dotted} ${formatMask(length)}`;
}

/** Sorted, de-duplicated VLAN ids. */
export function sortUnique(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** `[10, 11, 12, 20]` → `10-12,20` (RGOS VLAN list syntax: commas and hyphens, no spaces). */
export function formatVlanList(ids: Iterable<number>): string {
  const sorted = sortUnique(ids);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The VLANs of 1-4094 that are not in `ids`. */
export function complementVlans(ids: Iterable<number>): number[] {
  const keep = new Set(ids);
  const out: number[] = [];
  for (let v = 1; v <= 4094; v++) if (!keep.has(v)) out.push(v);
  return out;
}

/**
 * The whole configuration: blocks separated by `!` lines, closed by `!` and `end` (§3.1). Empty
 * blocks are dropped so that an absent feature leaves no stray separator.
 */
export function joinBlocks(blocks: readonly Block[]): string {
  const body = blocks.filter((b) => b.length > 0).map((b) => b.join('\n'));
  return [...body, 'end'].join('\n!\n') + '\n';
}
