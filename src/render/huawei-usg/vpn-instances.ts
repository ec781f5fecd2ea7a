/**
 * `ip vpn-instance` blocks (USG reference §5.1, VRP §2.7 ipv4-family form). A firewall carries only
 * the instances it needs: those bound to its interfaces, those its static routes use, and, on the
 * remote-access firewall, those of the remote-access groups. The USG does VRF-lite (no MPLS L3VPN in
 * the catalogue), so only the route distinguisher is rendered, not the route targets.
 */
import { canonicalRouteTarget, deviceText } from '../../model/index.js';
import type { Block, UsgContext } from './context.js';

/** Names of the VPN instances this firewall needs, in the order of topology.vpnInstances (unknown names last, sorted). */
export function neededVpnInstances(ctx: UsgContext): string[] {
  const d = ctx.device;
  const used = new Set<string>();
  for (const p of d.ports ?? []) if (p.vpn) used.add(p.vpn);
  for (const s of d.svis ?? []) if (s.vpn) used.add(s.vpn);
  for (const r of d.staticRoutes ?? []) if (r.vpn) used.add(r.vpn);
  for (const g of ctx.remoteGroups) used.add(g.vpn);
  const declared = (ctx.topology.vpnInstances ?? []).map((v) => v.name);
  const known = declared.filter((n) => used.has(n));
  const unknown = [...used].filter((n) => !declared.includes(n)).sort();
  return [...known, ...unknown];
}

/** The instance's description, else the name of the department it carries. */
function description(ctx: UsgContext, v: { name: string; description?: string }): string | undefined {
  return v.description ?? ctx.topology.departments?.find((d) => d.vpn === v.name)?.name;
}

export function renderVpnInstances(ctx: UsgContext): Block[] {
  const catalog = new Map((ctx.topology.vpnInstances ?? []).map((v) => [v.name, v]));
  return neededVpnInstances(ctx).map((name) => {
    const v = catalog.get(name);
    // An instance the topology does not declare (an intent finding) is rendered bare, so that the
    // interfaces bound to it still render in an order the device accepts.
    if (!v) return [`ip vpn-instance ${name}`];
    return [
      `ip vpn-instance ${name}`,
      ...(description(ctx, v) ? [` description ${deviceText(description(ctx, v)!, ctx.textLimits.nonAscii)}`] : []),
      ' ipv4-family',
      `  route-distinguisher ${canonicalRouteTarget(v.rd)}`,
    ];
  });
}
