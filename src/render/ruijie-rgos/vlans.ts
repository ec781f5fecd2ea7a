/**
 * VLAN stanzas (reference/ruijie-rgos.md §2.1, §3.1): `vlan N` with ` name X`, one stanza each,
 * ascending. VLAN 1 always exists on the switch and is listed too (the RGOS 11 capture in §3.1 folds
 * unnamed VLANs, 1 included, into `vlan range 1,110`; RGOS 10 on the S8610/S5750 lists each VLAN as
 * its own stanza: composed, not seen in the reference).
 */
import type { RgosContext } from './context.js';
import { sortUnique, type Block } from './format.js';

/** The VLANs the device carries: declared ones plus any a port, aggregate or SVI uses. */
export function collectDeviceVlans(ctx: RgosContext): number[] {
  const { device } = ctx;
  const ids: number[] = [1, ...(device.vlans ?? [])];
  for (const p of device.ports ?? []) {
    if (p.vlan !== undefined) ids.push(p.vlan);
    ids.push(...(p.allowedVlans ?? []));
  }
  for (const l of device.lags ?? []) {
    if (l.vlan !== undefined) ids.push(l.vlan);
    ids.push(...(l.allowedVlans ?? []));
  }
  for (const s of device.svis ?? []) ids.push(s.vlan);
  return sortUnique(ids);
}

export function renderVlan(id: number, name: string | undefined): Block {
  return name ? [`vlan ${id}`, ` name ${name}`] : [`vlan ${id}`];
}

export function renderVlans(ctx: RgosContext): Block[] {
  return collectDeviceVlans(ctx).map((id) => renderVlan(id, ctx.vlanNames.get(id)));
}
