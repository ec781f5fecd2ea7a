/**
 * VRRP on an SVI, from the network-wide `topology.vrrp` groups whose members name this device and
 * VLAN. The VRID, virtual IP, advertisement interval and preempt delay come from the group, so the
 * Huawei peer of a mixed pair (rendered from the same group) agrees on them.
 *
 * Syntax (reference/ruijie-rgos.md §2.5):
 *   ` vrrp N ip X`              seen (configuration guide and user configs)
 *   ` vrrp N preempt delay D`   seen (configuration guide); omitted for 0 / unset: preemption is on
 *                               by default with no delay
 *   ` vrrp N priority P`        seen; omitted at the default 100
 *   ` vrrp N timers advertise S` unverified exact form; omitted at the default 1 s
 *   ` vrrp N track IF D`        unverified exact form (decrement D when IF goes down)
 * Line order follows the seen configuration-guide stanza (ip, preempt delay, priority); timers and
 * track, not seen together with it, follow (composed).
 */
import type { VrrpGroup, VrrpMember } from '../../model/index.js';
import type { RgosContext } from './context.js';
import { resolveInterfaceRef } from './names.js';

export const VRRP_DEFAULT_PRIORITY = 100;
export const VRRP_DEFAULT_ADVERTISE_S = 1;

export interface VrrpMembership {
  group: VrrpGroup;
  member: VrrpMember;
}

/** The groups this device joins on a VLAN, by VRID. */
export function findVrrpMemberships(ctx: RgosContext, vlan: number): VrrpMembership[] {
  const out: VrrpMembership[] = [];
  for (const group of ctx.topology.vrrp ?? []) {
    const member = group.members.find((m) => m.device === ctx.device.name && m.vlan === vlan);
    if (member) out.push({ group, member });
  }
  return out.sort((a, b) => a.group.vrid - b.group.vrid);
}

export function renderVrrpGroup({ group, member }: VrrpMembership): string[] {
  const id = group.vrid;
  const lines = [` vrrp ${id} ip ${group.virtualIp}`];
  if (group.preemptDelay) lines.push(` vrrp ${id} preempt delay ${group.preemptDelay}`);
  if (member.priority !== VRRP_DEFAULT_PRIORITY) lines.push(` vrrp ${id} priority ${member.priority}`);
  const interval = group.advertiseInterval ?? VRRP_DEFAULT_ADVERTISE_S;
  if (interval !== VRRP_DEFAULT_ADVERTISE_S) lines.push(` vrrp ${id} timers advertise ${interval}`);
  for (const t of member.track ?? []) lines.push(` vrrp ${id} track ${resolveInterfaceRef(t.interface)} ${t.reduce}`);
  return lines;
}

/** Every VRRP line of the SVI of `vlan` on this device. */
export function renderVrrp(ctx: RgosContext, vlan: number): string[] {
  return findVrrpMemberships(ctx, vlan).flatMap(renderVrrpGroup);
}
