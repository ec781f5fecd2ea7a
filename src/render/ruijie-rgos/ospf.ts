/**
 * OSPF, the IGP of the global routing table (network.routing.igp, the device's `ospf` areas), in the
 * Cisco-like RGOS form (reference/ruijie-rgos.md §2.8: `router ospf 10` / ` network 10.1.0.32 0.0.0.3
 * area 0`, seen in user configurations):
 *
 *   router ospf 1
 *    router-id 10.253.0.2
 *    network 10.253.0.2 0.0.0.0 area 0
 *    network 10.253.1.12 0.0.0.3 area 0
 *
 * Areas are printed as numbers (as entered; whether RGOS prints a dotted area back dotted is
 * unverified); one `network` per subnet of each interface, by area then address. The place of the
 * stanza (after the interfaces, before the static routes) follows the Cisco-like layout (composed).
 */
import type { RgosContext } from './context.js';
import type { Block } from './format.js';

const ipNum = (ip: string): number => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const ipText = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

function cidrsOf(ctx: RgosContext, ref: string): string[] {
  const d = ctx.device;
  if (ref === 'loopback') return d.loopback ? [`${d.loopback}/32`] : [];
  if (/^lag:\d+$/.test(ref)) { const l = d.lags?.find((x) => `lag:${x.id}` === ref); return l?.address ? [l.address] : []; }
  if (/^vlan:\d+$/.test(ref)) return d.svis?.find((x) => `vlan:${x.vlan}` === ref && !x.vpn)?.addresses ?? [];
  const key = ref.replace(/\s+/g, '').toLowerCase();
  const p = d.ports?.find((x) => x.name.replace(/\s+/g, '').toLowerCase() === key && !x.vpn);
  return p?.address ? [p.address] : [];
}

export function renderOspf(ctx: RgosContext): Block[] {
  const igp = ctx.topology.network.routing?.igp;
  const areas = ctx.device.ospf?.areas;
  if (igp?.protocol !== 'ospf' || !areas?.length) return [];
  const lines = [`router ospf ${igp.process ?? 1}`];
  if (ctx.device.loopback) lines.push(` router-id ${ctx.device.loopback}`);
  const nets: Array<{ area: number; base: number; len: number }> = [];
  for (const a of areas) {
    const area = typeof a.id === 'number' ? a.id : ipNum(a.id);
    for (const ref of a.interfaces) {
      for (const c of cidrsOf(ctx, ref)) {
        const [ip, lenText] = c.split('/');
        const len = Number(lenText);
        const size = 2 ** (32 - len);
        nets.push({ area, base: Math.floor(ipNum(ip!) / size) * size, len });
      }
    }
  }
  const seen = new Set<string>();
  for (const n of nets.sort((x, y) => x.area - y.area || x.base - y.base || x.len - y.len)) {
    const line = ` network ${ipText(n.base)} ${ipText(2 ** (32 - n.len) - 1)} area ${n.area}`;
    if (!seen.has(line)) { seen.add(line); lines.push(line); }
  }
  return [lines];
}
