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
 * One section per instance the device carries, by name. The description is the instance's, else
 * its department's name, in the ASCII-safe form (model/text.ts: VRP holds ASCII only, unverified). A target both imported and exported shows
 * as two lines (§2.7: "`vpn-target X both` ... the configuration then shows two lines"); export
 * lines first, as in the reference's sample.
 *
 * The interface binding (`ip binding vpn-instance X` before `ip address`) is rendered by
 * interfaces.ts.
 */
import { canonicalRouteTarget, type Topology, type VpnInstance } from '../../model/index.js';
import type { VrpContext } from './context.js';
import { text, type Section } from './format.js';

/** The description of an instance: its own, else the name of the department it carries. */
export function vpnDescription(topology: Pick<Topology, 'departments'> | undefined, vpn: VpnInstance): string | undefined {
  return vpn.description ?? topology?.departments?.find((d) => d.vpn === vpn.name)?.name;
}

/**
 * RD and targets are printed as the device prints values (canonicalRouteTarget: no leading zeros,
 * 4-byte AS numbers as plain numbers); whether VRP prints a dotted 4-byte AS number back dotted is
 * unverified. Each target once, whatever notation repeats it.
 */
export function renderVpnInstance(vpn: VpnInstance, topology?: Pick<Topology, 'departments'>): Section {
  const lines = [`ip vpn-instance ${vpn.name}`];
  const description = vpnDescription(topology, vpn);
  if (description) lines.push(` description ${text(description)}`);
  lines.push(' ipv4-family', `  route-distinguisher ${canonicalRouteTarget(vpn.rd)}`);
  for (const rt of new Set(vpn.exportTargets.map(canonicalRouteTarget))) lines.push(`  vpn-target ${rt} export-extcommunity`);
  for (const rt of new Set(vpn.importTargets.map(canonicalRouteTarget))) lines.push(`  vpn-target ${rt} import-extcommunity`);
  return lines;
}

export function renderVpnInstances(ctx: VrpContext): Section[] {
  return ctx.vpnInstances.map((v) => renderVpnInstance(v, ctx.topology));
}
