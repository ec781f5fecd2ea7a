/**
 * Huawei USG renderer: the full intended configuration of one firewall, as
 * `display current-configuration` prints it (sections delimited by `#`, one space of indent per
 * level, ending with `return`). Knows the policy generation of each model from the catalogue
 * (capabilities.policyStyle): USG6000 → `security-policy`, USG2205BSR → `policy interzone`.
 *
 * Section order (composed from VRP §3.1 and USG captures; the device fixes it, not the input order):
 * sysname; hrp; l2tp enable / l2tp domain; vlan batch; ip vpn-instance; aaa; ike / ipsec;
 * interfaces; l2tp-group; firewall zone; then on the old generation service sets, policy interzone,
 * nat address-group, nat-policy interzone, nat server, static routes, snmp-agent, ssh,
 * user-interface; on the USG6000 static routes, snmp-agent, ssh, user-interface, nat address-group,
 * nat server, security-policy, nat-policy (the last two in the order of the V500 capture); `return`.
 */
import type { PlatformRenderer, RenderInput } from '../types.js';
import { renderAaa } from './aaa.js';
import { buildContext, type Block, type UsgContext } from './context.js';
import { renderInterfaces } from './interfaces.js';
import { renderNatServers } from './nat-server.js';
import { renderPolicies } from './policy.js';
import { renderHrp } from './hrp.js';
import { renderIpsec, renderL2tpEnable, renderL2tpGroups } from './remote-access.js';
import { renderNatAddressGroups, renderNatPolicy } from './source-nat.js';
import { renderSnmpAgent } from './snmp.js';
import { renderSsh, renderUserInterface } from './ssh.js';
import { renderStaticRoutes } from './static-routes.js';
import { renderSysname } from './sysname.js';
import { renderVlanBatch } from './vlans.js';
import { renderVpnInstances } from './vpn-instances.js';
import { renderZones } from './zones.js';

type Section = (ctx: UsgContext) => Block[];

const HEAD: readonly Section[] = [
  renderSysname, renderHrp, renderL2tpEnable, renderVlanBatch, renderVpnInstances, renderAaa, renderIpsec, renderInterfaces,
  renderL2tpGroups, renderZones,
];
const TAIL: Record<UsgContext['style'], readonly Section[]> = {
  interzone: [
    renderPolicies, renderNatAddressGroups, renderNatPolicy, renderNatServers, renderStaticRoutes, renderSnmpAgent, renderSsh,
    renderUserInterface,
  ],
  'security-policy': [
    renderStaticRoutes, renderSnmpAgent, renderSsh, renderUserInterface, renderNatAddressGroups, renderNatServers, renderPolicies,
    renderNatPolicy,
  ],
};

/** Join blocks the way the device prints them: `#` before, between and after sections, then `return`. */
export function formatBlocks(blocks: readonly Block[]): string {
  const lines = ['#'];
  for (const b of blocks) {
    if (b.length === 0) continue;
    lines.push(...b, '#');
  }
  lines.push('return');
  return `${lines.join('\n')}\n`;
}

export function renderHuaweiUsg(input: RenderInput): string {
  const ctx = buildContext(input.topology, input.device);
  const blocks = [...HEAD, ...TAIL[ctx.style]].flatMap((section) => section(ctx));
  return formatBlocks(blocks);
}

export const huaweiUsgRenderer: PlatformRenderer = {
  platform: 'huawei-usg',
  render: renderHuaweiUsg,
};

export { buildContext, UsgRenderError } from './context.js';
export type { Block, UsgContext, PolicyStyle } from './context.js';
