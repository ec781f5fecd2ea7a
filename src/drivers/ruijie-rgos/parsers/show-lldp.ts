/**
 * `show lldp neighbors`. No real capture exists; layout from reference/ruijie-rgos.md §3.5
 * (composed there) and the lab simulator.
 */
import { fail, nonBlank, prepare } from '../../common/text.js';
import { headerOffsets, splitRow } from '../../common/table.js';
import type { LldpNeighbor } from '../../types.js';
import { normalizeRgosInterfaceName } from './interface-names.js';

export interface ShowLldpNeighborsRow {
  system_name: string;
  local_interface: string;
  port_id: string;
  capability: string;
  aging_time: string;
}

const TITLES = ['System Name', 'Local Intf', 'Port ID', 'Capability', 'Aging-time'];
const AGING = /^(?:\d+\s*(?:day|hour|minute|second)s?\s*)+$|^\d+$/i;

export function parseShowLldpNeighbors(output: string, command = 'show lldp neighbors'): ShowLldpNeighborsRow[] {
  const rows: ShowLldpNeighborsRow[] = [];
  let offsets: number[] | undefined;
  let legend = false;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (!offsets) {
      if (/^Capability codes:?$/i.test(t)) { legend = true; continue; }
      if (legend && /^\([A-Z]\) /.test(t)) continue;
      if (/^System Name\s+Local Intf\s+Port ID\s+Capability\s+Aging-time$/i.test(t)) { offsets = headerOffsets(l.text, TITLES); continue; }
      fail(command, l, 'expected the capability legend or the table header');
    }
    if (/^Total entries displayed\s*:\s*\d+$/i.test(t)) continue;
    const [name = '', local = '', port = '', caps = '', aging = ''] = splitRow(l.text, offsets);
    if (!name || !local || !port || (aging !== '' && !AGING.test(aging))) fail(command, l, 'not a neighbour row');
    rows.push({ system_name: name, local_interface: local, port_id: port, capability: caps, aging_time: aging });
  }
  return rows;
}

export function mapRgosLldpNeighbors(rows: ShowLldpNeighborsRow[]): LldpNeighbor[] {
  return rows.map((r) => ({ localPort: normalizeRgosInterfaceName(r.local_interface), neighborName: r.system_name, neighborPort: r.port_id }));
}
