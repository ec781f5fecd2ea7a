/**
 * VLANs (reference/huawei-vrp.md §2.2):
 *
 *   vlan batch 10 20 100 to 110        one or more lines, 10 items each (seen)
 *   #
 *   vlan 10                            one block per VLAN that has sub-commands, back to back,
 *    description USERS                 no `#` between them, one `#` after the last (seen)
 *   vlan 20
 *    description SERVERS
 *
 * The description is the VLAN's name from `topology.vlans`. VLAN 1 always exists and is never
 * listed.
 */
import type { Device } from '../../model/index.js';
import type { VrpContext } from './context.js';
import { vlanListLines, type Section } from './format.js';

/**
 * The VLANs the device must hold: the ones it declares, plus every VLAN its ports, Eth-Trunks and
 * Vlanifs use (a port cannot join a VLAN that does not exist on the switch). VLAN 1 excluded.
 */
export function collectDeviceVlans(device: Device): number[] {
  const ids = new Set<number>(device.vlans ?? []);
  for (const p of device.ports ?? []) {
    if (p.vlan !== undefined) ids.add(p.vlan);
    for (const v of p.allowedVlans ?? []) ids.add(v);
  }
  for (const l of device.lags ?? []) {
    if (l.vlan !== undefined) ids.add(l.vlan);
    for (const v of l.allowedVlans ?? []) ids.add(v);
  }
  for (const s of device.svis ?? []) ids.add(s.vlan);
  ids.delete(1);
  return [...ids].sort((a, b) => a - b);
}

/** `vlan batch ...` lines. */
export function renderVlanBatch(vlans: readonly number[]): Section[] {
  const lines = vlanListLines('vlan batch', vlans);
  return lines.length ? [lines] : [];
}

/** `vlan N` + ` description NAME` for each VLAN of the device that has a name in the topology. */
export function renderVlanBlocks(vlans: readonly number[], names: ReadonlyMap<number, string>): Section[] {
  const lines: string[] = [];
  for (const id of vlans) {
    const name = names.get(id);
    if (name === undefined) continue;
    lines.push(`vlan ${id}`, ` description ${name}`);
  }
  return lines.length ? [lines] : [];
}

export function renderVlans(ctx: VrpContext): { batch: Section[]; blocks: Section[] } {
  const vlans = collectDeviceVlans(ctx.device);
  return { batch: renderVlanBatch(vlans), blocks: renderVlanBlocks(vlans, ctx.vlanNames) };
}
