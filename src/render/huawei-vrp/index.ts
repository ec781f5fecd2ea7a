/**
 * Huawei VRP5 S-series switches (S9312, S9303, S5700, S2700): the full intended configuration of one
 * device, as `display current-configuration` prints it (reference/huawei-vrp.md §3.1): `#` between
 * sections, one space of indent per level, ` #` between BGP families, `return` last.
 *
 * Section order (§3.1: "global, then vlan, aaa, interfaces in type/number order, routing
 * protocols, snmp, ssh, user-interface"; the places of lldp, vpn-instance and QoS among the global
 * sections follow Huawei configuration-file examples and are not in the reference):
 *
 *   sysname · vlan batch · lldp enable · ip vpn-instance · mpls lsr-id/mpls · mpls ldp ·
 *   vlan N blocks · traffic classifier/behavior/policy · aaa · interfaces · bgp · ospf ·
 *   ip route-static · snmp-agent · stelnet/ssh · user-interface · return
 *
 * Release choices (ipv4-family VPN instances, `mode lacp-static`, no `!Software Version` header):
 * dialect.ts. Pure: no clock, no I/O, no randomness; lists are ordered by id, name or address,
 * never by hash or insertion accident.
 */
import type { PlatformRenderer, RenderInput } from '../types.js';
import { buildVrpContext } from './context.js';
import { joinSections, type Section } from './format.js';
import { renderInterfaces } from './interfaces.js';
import { renderAaa, renderLldp, renderSnmp, renderSsh, renderUserInterfaces } from './management.js';
import { renderBgp, renderMplsGlobal } from './mpls-bgp.js';
import { renderOspf } from './ospf.js';
import { renderQos } from './qos.js';
import { renderStaticRoutes } from './routes.js';
import { renderSysname } from './system.js';
import { renderVlans } from './vlans.js';
import { renderVpnInstances } from './vpn.js';

/** The sections of one device's configuration, in print order. */
export function renderHuaweiVrpSections(input: RenderInput): Section[] {
  const ctx = buildVrpContext(input);
  const vlans = renderVlans(ctx);
  return [
    ...renderSysname(ctx.device.name),
    ...vlans.batch,
    ...renderLldp(),
    ...renderVpnInstances(ctx),
    ...renderMplsGlobal(ctx),
    ...vlans.blocks,
    ...renderQos(ctx),
    ...renderAaa(ctx),
    ...renderInterfaces(ctx),
    ...renderBgp(ctx),
    ...renderOspf(ctx),
    ...renderStaticRoutes(ctx),
    ...renderSnmp(ctx),
    ...renderSsh(ctx),
    ...renderUserInterfaces(),
  ];
}

/** The configuration text, ending in `return` and a newline. */
export function renderHuaweiVrp(input: RenderInput): string {
  return joinSections(renderHuaweiVrpSections(input));
}

export const huaweiVrpRenderer: PlatformRenderer = {
  platform: 'huawei-vrp',
  render: renderHuaweiVrp,
};

export { buildVrpContext } from './context.js';
export type { VrpContext } from './context.js';
export { dialectFor } from './dialect.js';
export type { VrpDialect } from './dialect.js';
