/**
 * VRRP inside `interface VlanifN` (reference/huawei-vrp.md §2.6), from the network-wide
 * `topology.vrrp` groups whose members name this device and VLAN. VRID, virtual IP, advertisement
 * interval and preempt delay come from the group, so a Ruijie peer rendered from the same group
 * agrees on them.
 *
 *   vrrp vrid 10 virtual-ip 10.1.10.1
 *   vrrp vrid 10 priority 120                               not at the default 100
 *   vrrp vrid 10 preempt-mode timer delay 20                when the delay is set and not 0 (default)
 *   vrrp vrid 10 timer advertise 2                          when the interval is set and not 1 s (default)
 *   vrrp vrid 10 track interface GigabitEthernet0/0/24 reduced 30
 *
 * Order of virtual-ip, priority, preempt-mode and track is the reference's; where
 * `timer advertise` falls among them is unverified (it is not in the reference).
 * Groups on one Vlanif are printed by VRID.
 */
import type { Device, VrrpGroup, VrrpMember } from '../../model/index.js';
import type { VrpContext } from './context.js';
import { interfaceRef } from './format.js';

export const VRRP_DEFAULT_PRIORITY = 100;
export const VRRP_DEFAULT_ADVERTISE_S = 1;

export interface VrrpMembership {
  group: VrrpGroup;
  member: VrrpMember;
}

/** Every group this device joins, by VLAN, each list by VRID (one pass over the groups). */
export function collectVrrpMemberships(groups: readonly VrrpGroup[], device: Device): Map<number, VrrpMembership[]> {
  const byVlan = new Map<number, VrrpMembership[]>();
  for (const group of groups) {
    const seen = new Set<number>();
    for (const member of group.members) {
      if (member.device !== device.name || seen.has(member.vlan)) continue;
      seen.add(member.vlan);
      const list = byVlan.get(member.vlan) ?? [];
      list.push({ group, member });
      byVlan.set(member.vlan, list);
    }
  }
  for (const list of byVlan.values()) list.sort((a, b) => a.group.vrid - b.group.vrid);
  return byVlan;
}

/** The groups this device joins on a VLAN, by VRID. */
export function findVrrpMemberships(ctx: Pick<VrpContext, 'vrrpByVlan'>, vlan: number): VrrpMembership[] {
  return ctx.vrrpByVlan.get(vlan) ?? [];
}

export function renderVrrpGroup({ group, member }: VrrpMembership): string[] {
  const id = group.vrid;
  const lines = [` vrrp vrid ${id} virtual-ip ${group.virtualIp}`];
  if (member.priority !== VRRP_DEFAULT_PRIORITY) lines.push(` vrrp vrid ${id} priority ${member.priority}`);
  if (group.preemptDelay) lines.push(` vrrp vrid ${id} preempt-mode timer delay ${group.preemptDelay}`);
  const interval = group.advertiseInterval ?? VRRP_DEFAULT_ADVERTISE_S;
  if (interval !== VRRP_DEFAULT_ADVERTISE_S) lines.push(` vrrp vrid ${id} timer advertise ${interval}`);
  for (const t of member.track ?? []) {
    lines.push(` vrrp vrid ${id} track interface ${interfaceRef(t.interface)} reduced ${t.reduce}`);
  }
  return lines;
}

/** Every VRRP line of `interface Vlanif<vlan>` on this device. */
export function renderVrrp(ctx: Pick<VrpContext, 'vrrpByVlan'>, vlan: number): string[] {
  return findVrrpMemberships(ctx, vlan).flatMap(renderVrrpGroup);
}
