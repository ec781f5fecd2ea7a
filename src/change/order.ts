/**
 * The order devices are changed in: waves run one after the other, the devices of a wave together
 * (with bounded concurrency). Rules, in priority order:
 *  1. an explicit order (a playbook's) wins: its waves as given, the rest after them;
 *  2. layers from the edge inwards: access (and branch routers) before aggregation (and
 *     appliances), aggregation before firewalls, firewalls before the core;
 *  3. within a layer, a VRRP group's backups before its master (the member with the highest
 *     intended priority), so that the master, which carries the traffic, changes last and a
 *     failure is found on a backup first. A device that is master of one group and backup of
 *     another, against the same peer, forms a cycle: the cycle is broken by name and reported.
 * Rollback runs the waves in reverse.
 */
import type { Layer } from '../model/index.js';
import type { DeviceChecks } from './types.js';

export const LAYER_RANK: Record<Layer, number> = {
  access: 0, router: 0, aggregation: 1, appliance: 1, firewall: 2, core: 3,
};

export interface OrderInput {
  device: string;
  layer: Layer;
  checks: DeviceChecks;
}

export interface Ordering {
  waves: string[][];
  /** Why an ordering rule could not be followed (cycles). */
  notes: string[];
}

export function orderDevices(devices: readonly OrderInput[], explicit?: readonly (readonly string[])[]): Ordering {
  const notes: string[] = [];
  const names = new Set(devices.map((d) => d.device));
  const waves: string[][] = [];
  const placed = new Set<string>();
  for (const wave of explicit ?? []) {
    const w = wave.filter((d) => names.has(d) && !placed.has(d));
    for (const d of w) placed.add(d);
    if (w.length) waves.push(w);
  }
  const rest = devices.filter((d) => !placed.has(d.device));

  // Backup -> master edges among the devices being changed, per group, from intended priorities.
  const after = new Map<string, Set<string>>(); // device -> devices that must come before it
  for (const d of rest) {
    for (const g of d.checks.vrrp) {
      const members = g.members.filter((m) => names.has(m.device) && !placed.has(m.device));
      if (members.length < 2) continue;
      const top = Math.max(...members.map((m) => m.priority));
      const masters = members.filter((m) => m.priority === top);
      if (masters.length !== 1) continue; // a tie: no intended master to protect
      const master = masters[0]!.device;
      for (const m of members) {
        if (m.device === master) continue;
        let s = after.get(master);
        if (!s) after.set(master, (s = new Set()));
        s.add(m.device);
      }
    }
  }
  const layerOf = new Map(rest.map((d) => [d.device, LAYER_RANK[d.layer] ?? 1]));
  // Depth of each device within its layer: 1 + the deepest backup it must wait for (same layer only).
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (d: string): number => {
    const known = depth.get(d);
    if (known !== undefined) return known;
    if (visiting.has(d)) {
      notes.push(`VRRP ordering cycle through ${d}: its groups disagree on which member is master; ordered by name there`);
      return 0;
    }
    visiting.add(d);
    let v = 0;
    for (const b of after.get(d) ?? []) {
      if (layerOf.get(b) === layerOf.get(d)) v = Math.max(v, depthOf(b) + 1);
    }
    visiting.delete(d);
    depth.set(d, v);
    return v;
  };
  const keyed = rest.map((d) => ({ device: d.device, key: [layerOf.get(d.device)!, depthOf(d.device)] as const }));
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
  let current: string[] = [];
  let last: readonly [number, number] | undefined;
  for (const k of keyed) {
    if (last && (k.key[0] !== last[0] || k.key[1] !== last[1])) {
      waves.push(current);
      current = [];
    }
    current.push(k.device);
    last = k.key;
  }
  if (current.length) waves.push(current);
  return { waves, notes: [...new Set(notes)] };
}
