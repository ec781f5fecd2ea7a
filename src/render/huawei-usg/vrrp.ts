/**
 * VRRP on firewall interfaces. USG form (VRP reference §2.6 note): the virtual IP carries a mask and
 * a role, `vrrp vrid N virtual-ip A MASK active|standby`. The member with the highest priority in
 * the group is `active` (ties: the first listed), every other member `standby`: on a USG the
 * VRRP priority, preemption and tracking are driven by hot standby (VGMP/HRP), so the model's
 * priority decides only the role, and its track entries and preempt delay are not rendered.
 * `advertiseInterval` becomes `vrrp vrid N timer advertise S` (VRP syntax; not in the USG reference).
 */
import type { VrrpGroup } from '../../model/index.js';
import { maskOf, subnetContains } from './addresses.js';
import { layer3Interfaces, type UsgContext } from './context.js';

/**
 * The interface of this firewall that carries a VRRP member: Vlanif of the member's VLAN; else a
 * port whose `vlan` is that VLAN (a dot1q sub-interface); else the interface whose subnet holds the
 * virtual IP. `undefined` when none does (an intent finding).
 */
export function vrrpInterface(ctx: UsgContext, group: VrrpGroup, vlan: number): { name: string; address: string } | undefined {
  const d = ctx.device;
  const l3 = layer3Interfaces(ctx);
  const pick = (name: string) => {
    const itf = l3.find((i) => i.name === name);
    if (!itf || itf.addresses.length === 0) return undefined;
    return { name, address: itf.addresses.find((a) => subnetContains(a, group.virtualIp)) ?? itf.addresses[0]! };
  };
  if (d.svis?.some((s) => s.vlan === vlan)) return pick(`Vlanif${vlan}`);
  const port = d.ports?.find((p) => p.vlan === vlan && p.address && (p.mode ?? 'routed') === 'routed');
  if (port) return pick(port.name);
  const holder = l3.find((i) => i.addresses.some((a) => subnetContains(a, group.virtualIp)));
  return holder ? pick(holder.name) : undefined;
}

/** Lines to add inside each interface block, by interface name. */
export function vrrpLinesByInterface(ctx: UsgContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of ctx.topology.vrrp ?? []) {
    const member = group.members.find((m) => m.device === ctx.device.name);
    if (!member) continue;
    const itf = vrrpInterface(ctx, group, member.vlan);
    if (!itf) continue;
    const top = Math.max(...group.members.map((m) => m.priority));
    const active = group.members.find((m) => m.priority === top) === member;
    const lines = [` vrrp vrid ${group.vrid} virtual-ip ${group.virtualIp} ${maskOf(itf.address)} ${active ? 'active' : 'standby'}`];
    if (group.advertiseInterval !== undefined) lines.push(` vrrp vrid ${group.vrid} timer advertise ${group.advertiseInterval}`);
    out.set(itf.name, [...(out.get(itf.name) ?? []), ...lines]);
  }
  return out;
}
