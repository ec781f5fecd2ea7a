/**
 * `display lldp neighbor brief`: the VRP5 S-series layout (Local Intf / Neighbor Dev / Neighbor
 * Intf / Exptime) and the VRP8 CloudEngine layout (Local Interface / Exptime / Neighbor Interface /
 * Neighbor Device). reference/huawei-vrp.md §3.6; captures in cli-captures ntc-templates-pr2085
 * and napalm-ce.
 */
import { fail, nonBlank, prepare } from '../common/text.js';
import { headerOffsets, splitRow } from '../common/table.js';
import type { LldpNeighbor } from '../types.js';
import { normalizeVrpInterfaceName } from './interface-names.js';

/** ntc-templates field names (pr2085). */
export interface DisplayLldpNeighborBriefRow {
  local_interface: string;
  exp_time: string;
  neighbor_interface: string;
  neighbor_device: string;
}

const LAYOUTS: { re: RegExp; titles: string[]; order: (keyof DisplayLldpNeighborBriefRow)[] }[] = [
  {
    re: /^Local Intf\s+Neighbor Dev\s+Neighbor Intf\s+Exptime(?:\(s\))?$/i,
    titles: ['Local Intf', 'Neighbor Dev', 'Neighbor Intf', 'Exptime'],
    order: ['local_interface', 'neighbor_device', 'neighbor_interface', 'exp_time'],
  },
  {
    re: /^Local Interface\s+Exptime(?:\(s\))?\s+Neighbor Interface\s+Neighbor Device$/i,
    titles: ['Local Interface', 'Exptime', 'Neighbor Interface', 'Neighbor Device'],
    order: ['local_interface', 'exp_time', 'neighbor_interface', 'neighbor_device'],
  },
];

export function parseDisplayLldpNeighborBrief(output: string, command = 'display lldp neighbor brief'): DisplayLldpNeighborBriefRow[] {
  const lines = nonBlank(prepare(output, command));
  const rows: DisplayLldpNeighborBriefRow[] = [];
  let layout: (typeof LAYOUTS)[number] | undefined;
  let offsets: number[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (!layout) {
      layout = LAYOUTS.find((x) => x.re.test(t));
      if (!layout) fail(command, l, 'expected the table header');
      offsets = headerOffsets(l.text, layout.titles)!;
      continue;
    }
    if (/^-{10,}$/.test(t)) continue;
    const cells = splitRow(l.text, offsets);
    const row = { local_interface: '', exp_time: '', neighbor_interface: '', neighbor_device: '' };
    layout.order.forEach((k, i) => { row[k] = cells[i] ?? ''; });
    if (!row.local_interface || !/^\d+$/.test(row.exp_time) || !row.neighbor_interface) fail(command, l, 'not a neighbour row');
    rows.push(row);
  }
  return rows;
}

/** Uniform neighbours: the local port is normalised to its full name; the neighbour's port is kept as advertised. */
export function mapVrpLldpNeighbors(rows: DisplayLldpNeighborBriefRow[]): LldpNeighbor[] {
  return rows.map((r) => ({ localPort: normalizeVrpInterfaceName(r.local_interface), neighborName: r.neighbor_device, neighborPort: r.neighbor_interface }));
}
