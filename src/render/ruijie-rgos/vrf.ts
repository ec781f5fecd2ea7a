/**
 * VRFs (VRF-lite; MPLS L3VPN is not supported on the RG-S8610/RG-S5750, reference §2.7).
 *
 * Style: RGOS 10 `ip vrf NAME` (reference §2.6, "RGOS 10 (Cisco `ip vrf` style, unverified on
 * S8610/S5750)"), not the RGOS 11 `vrf definition` / `address-family ipv4` form. Both S8610 and
 * S5750 run RGOS 10.x. Route targets use the separate `route-target export X` / `route-target
 * import X` forms the reference names (§2.6), never `both`, so that each model target is one line;
 * export lines come before import lines as Cisco-like CLIs print them (composed). Interfaces bind
 * with ` ip vrf forwarding NAME`, which must precede ` ip address` because binding clears the
 * address (§2.6).
 */
import { canonicalRouteTarget, type VpnInstance } from '../../model/index.js';
import type { RgosContext } from './context.js';
import { text, type Block } from './format.js';

/** The VPN instances this device uses (on a port, SVI or static route), by name. */
export function collectDeviceVrfs(ctx: RgosContext): string[] {
  const { device } = ctx;
  const names = new Set<string>();
  for (const p of device.ports ?? []) if (p.vpn) names.add(p.vpn);
  for (const s of device.svis ?? []) if (s.vpn) names.add(s.vpn);
  for (const r of device.staticRoutes ?? []) if (r.vpn) names.add(r.vpn);
  return [...names].sort();
}

/**
 * RD and targets as values (canonicalRouteTarget), each target once; the description is the
 * instance's, else its department's name, in the ASCII-safe form.
 */
export function renderVrf(name: string, vpn: VpnInstance | undefined, description?: string): Block {
  const lines = [`ip vrf ${name}`];
  if (!vpn) return lines;
  if (description) lines.push(` description ${text(description)}`);
  lines.push(` rd ${canonicalRouteTarget(vpn.rd)}`);
  for (const rt of new Set(vpn.exportTargets.map(canonicalRouteTarget))) lines.push(` route-target export ${rt}`);
  for (const rt of new Set(vpn.importTargets.map(canonicalRouteTarget))) lines.push(` route-target import ${rt}`);
  return lines;
}

export function renderVrfs(ctx: RgosContext): Block[] {
  const byName = new Map((ctx.topology.vpnInstances ?? []).map((v) => [v.name, v] as const));
  return collectDeviceVrfs(ctx).map((name) => {
    const vpn = byName.get(name);
    const description = vpn?.description ?? ctx.topology.departments?.find((d) => d.vpn === name)?.name;
    return renderVrf(name, vpn, description);
  });
}

/** The binding line of an interface; empty when it stays in the global table. */
export function renderVrfForwarding(vpn: string | undefined): string[] {
  return vpn ? [` ip vrf forwarding ${vpn}`] : [];
}
