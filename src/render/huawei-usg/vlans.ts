/**
 * `vlan batch` (VRP §2.2: ranges as `A to B`, 10 items per line), only on USG models with VLAN
 * interfaces (catalogue capability `svi`, the USG6000); the USG2205BSR uses dot1q sub-interfaces.
 */
import type { Block, UsgContext } from './context.js';

/** `[10, 20, 100, 101, 102]` → `['10', '20', '100 to 102']` (sorted, de-duplicated). */
export function vlanItems(vlans: readonly number[]): string[] {
  const ids = [...new Set(vlans)].sort((a, b) => a - b);
  const items: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    items.push(j > i ? `${ids[i]} to ${ids[j]}` : `${ids[i]}`);
    i = j;
  }
  return items;
}

/** Items in lines of at most 10 (as `display current-configuration` prints `vlan batch`). */
export function chunkItems(items: readonly string[], size = 10): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size).join(' '));
  return out;
}

export function renderVlanBatch(ctx: UsgContext): Block[] {
  const vlans = ctx.device.vlans ?? [];
  if (!ctx.capabilities.svi || vlans.length === 0) return [];
  return [chunkItems(vlanItems(vlans)).map((l) => `vlan batch ${l}`)];
}
