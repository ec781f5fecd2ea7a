/**
 * Static routes (reference/huawei-vrp.md §2.10), one section:
 *
 *   ip route-static 0.0.0.0 0.0.0.0 10.0.0.254
 *   ip route-static 10.20.0.0 255.255.0.0 10.0.200.2 preference 70 description TO-DC
 *   ip route-static vpn-instance CUST_A 0.0.0.0 0.0.0.0 192.168.100.254
 *
 * Dotted masks, as the configuration shows them. Global routes first, then per instance by name
 * (the reference's sample order); within each, by prefix, mask length and next hop. The default
 * preference (60) is not printed.
 */
import type { StaticRoute } from '../../model/index.js';
import type { VrpContext } from './context.js';
import { addressWithMask, compareText, ipToNumber, text, type Section } from './format.js';

export const STATIC_DEFAULT_PREFERENCE = 60;

export function renderStaticRoute(r: StaticRoute): string {
  const parts = ['ip route-static'];
  if (r.vpn) parts.push(`vpn-instance ${r.vpn}`);
  parts.push(addressWithMask(r.prefix), r.nextHop);
  if (r.preference !== undefined && r.preference !== STATIC_DEFAULT_PREFERENCE) parts.push(`preference ${r.preference}`);
  if (r.description) parts.push(`description ${text(r.description)}`);
  return parts.join(' ');
}

function compareRoutes(a: StaticRoute, b: StaticRoute): number {
  const va = a.vpn ?? '';
  const vb = b.vpn ?? '';
  if (va !== vb) return va === '' ? -1 : vb === '' ? 1 : compareText(va, vb);
  const [pa, la] = a.prefix.split('/');
  const [pb, lb] = b.prefix.split('/');
  return ipToNumber(pa!) - ipToNumber(pb!) || Number(la) - Number(lb) || ipToNumber(a.nextHop) - ipToNumber(b.nextHop);
}

export function renderStaticRoutes(ctx: VrpContext): Section[] {
  const routes = [...(ctx.device.staticRoutes ?? [])].sort(compareRoutes);
  return routes.length ? [routes.map(renderStaticRoute)] : [];
}
