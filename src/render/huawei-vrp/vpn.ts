/**
 * VPN instances (reference/huawei-vrp.md §2.7), in the `ipv4-family` style (V200R003+; see
 * dialect.ts for why):
 *
 *   ip vpn-instance CUST_A
 *    description ...
 *    ipv4-family
 *     route-distinguisher 65000:100
 *     vpn-target 65000:100 export-extcommunity
 *     vpn-target 65000:100 import-extcommunity
 *
 * One section per instance the device carries, by name. A target both imported and exported shows
 * as two lines (§2.7: "`vpn-target X both` ... the configuration then shows two lines"); export
 * lines first, as in the reference's sample.
 *
 * The interface binding (`ip binding vpn-instance X` before `ip address`) is rendered by
 * interfaces.ts.
 */
import type { VpnInstance } from '../../model/index.js';
import type { VrpContext } from './context.js';
import type { Section } from './format.js';

export function renderVpnInstance(vpn: VpnInstance): Section {
  const lines = [`ip vpn-instance ${vpn.name}`];
  if (vpn.description) lines.push(` description ${vpn.description}`);
  lines.push(' ipv4-family', `  route-distinguisher ${vpn.rd}`);
  for (const rt of vpn.exportTargets) lines.push(`  vpn-target ${rt} export-extcommunity`);
  for (const rt of vpn.importTargets) lines.push(`  vpn-target ${rt} import-extcommunity`);
  return lines;
}

export function renderVpnInstances(ctx: VrpContext): Section[] {
  return ctx.vpnInstances.map(renderVpnInstance);
}
