/**
 * Static routes (reference/ruijie-rgos.md §2.8, §2.6): `ip route PREFIX MASK NEXTHOP [DISTANCE]` and
 * `ip route vrf NAME PREFIX MASK NEXTHOP [DISTANCE]`, one block. The global table comes first, then
 * each VRF by name; within a table routes are sorted by prefix, prefix length and next hop, so the
 * text does not depend on the order of the model (the device prints its own sorted table; composed).
 * The model's route description has no RGOS form in the reference and is not rendered.
 */
import type { StaticRoute } from '../../model/index.js';
import type { RgosContext } from './context.js';
import { formatPrefixMask, type Block } from './format.js';

const ipValue = (ip: string): number => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);

function compareRoutes(a: StaticRoute, b: StaticRoute): number {
  const [pa, la] = a.prefix.split('/');
  const [pb, lb] = b.prefix.split('/');
  return (a.vpn ?? '').localeCompare(b.vpn ?? '')
    || ipValue(pa!) - ipValue(pb!)
    || Number(la) - Number(lb)
    || ipValue(a.nextHop) - ipValue(b.nextHop)
    || (a.preference ?? 1) - (b.preference ?? 1);
}

export function renderStaticRoute(r: StaticRoute): string {
  const vrf = r.vpn ? `vrf ${r.vpn} ` : '';
  const distance = r.preference !== undefined && r.preference !== 1 ? ` ${r.preference}` : '';
  return `ip route ${vrf}${formatPrefixMask(r.prefix)} ${r.nextHop}${distance}`;
}

export function renderStaticRoutes(ctx: RgosContext): Block[] {
  const routes = [...(ctx.device.staticRoutes ?? [])].sort(compareRoutes);
  return routes.length === 0 ? [] : [routes.map(renderStaticRoute)];
}
