/**
 * Static routes (VRP §2.10): `ip route-static [vpn-instance V] NET MASK NEXT-HOP [preference P]
 * [description TEXT]`, dotted masks, model order, one section.
 */
import { deviceText } from '../../model/index.js';
import { networkWithMask } from './addresses.js';
import type { Block, UsgContext } from './context.js';

export function renderStaticRoutes(ctx: UsgContext): Block[] {
  const routes = ctx.device.staticRoutes ?? [];
  if (routes.length === 0) return [];
  return [routes.map((r) => [
    'ip route-static',
    ...(r.vpn ? [`vpn-instance ${r.vpn}`] : []),
    networkWithMask(r.prefix),
    r.nextHop,
    ...(r.preference !== undefined ? [`preference ${r.preference}`] : []),
    ...(r.description ? [`description ${deviceText(r.description, ctx.textLimits.nonAscii)}`] : []),
  ].join(' '))];
}
