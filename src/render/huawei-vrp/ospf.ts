/**
 * OSPF, the IGP of the global routing table (network.routing.igp, the device's `ospf` areas): one
 * process, its router id the loopback, one `area` per model area (dotted, as VRP prints area ids),
 * and one `network` statement per subnet of each interface in the area (wildcard mask; the loopback
 * as a /32 with wildcard 0.0.0.0):
 *
 *   ospf 1 router-id 10.250.0.1
 *    area 0.0.0.0
 *     network 10.250.0.1 0.0.0.0
 *     network 10.250.1.0 0.0.0.3
 *
 * Syntax: `ospf [process] router-id`, `area`, `network A W` (Huawei S-series OSPF configuration;
 * seen in public VRP configurations and in the USG capture of docs/devices/huawei-usg.md); the place
 * of the section (after `bgp`, before `ip route-static`) is unverified. Areas by number, networks by
 * address. Interfaces bound to a VPN instance are not the global IGP's (intent reports them).
 */
import { areaIdText, type Section } from './format.js';
import type { VrpContext } from './context.js';

interface Net { base: number; len: number }

function ipNum(ip: string): number {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}

function ipText(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The subnets (network, length) of an OSPF interface entry of the device, in the global table. */
export function ospfNetworks(ctx: Pick<VrpContext, 'device'>, ref: string): Net[] {
  const d = ctx.device;
  const cidrs: string[] = [];
  if (ref === 'loopback') { if (d.loopback) cidrs.push(`${d.loopback}/32`); }
  else if (/^lag:\d+$/.test(ref)) { const l = d.lags?.find((x) => `lag:${x.id}` === ref); if (l?.address) cidrs.push(l.address); }
  else if (/^vlan:\d+$/.test(ref)) { const s = d.svis?.find((x) => `vlan:${x.vlan}` === ref && !x.vpn); if (s) cidrs.push(...s.addresses); }
  else { const p = d.ports?.find((x) => x.name === ref && !x.vpn); if (p?.address) cidrs.push(p.address); }
  return cidrs.map((c) => {
    const [ip, lenText] = c.split('/');
    const len = Number(lenText);
    const size = 2 ** (32 - len);
    return { base: Math.floor(ipNum(ip!) / size) * size, len };
  });
}

export function ospfProcess(ctx: Pick<VrpContext, 'topology'>): number | undefined {
  const igp = ctx.topology.network.routing?.igp;
  return igp?.protocol === 'ospf' ? igp.process ?? 1 : undefined;
}

export function renderOspf(ctx: VrpContext): Section[] {
  const process = ospfProcess(ctx);
  const areas = ctx.device.ospf?.areas;
  if (process === undefined || !areas?.length) return [];
  const head = `ospf ${process}${ctx.device.loopback ? ` router-id ${ctx.device.loopback}` : ''}`;
  const byArea = new Map<string, { num: number; nets: Net[] }>();
  for (const a of areas) {
    const text = areaIdText(a.id);
    const entry = byArea.get(text.text) ?? { num: text.num, nets: [] };
    for (const ref of a.interfaces) entry.nets.push(...ospfNetworks(ctx, ref));
    byArea.set(text.text, entry);
  }
  const lines = [head];
  for (const [text, { nets }] of [...byArea].sort((x, y) => x[1].num - y[1].num)) {
    lines.push(` area ${text}`);
    const seen = new Set<string>();
    for (const n of nets.sort((a, b) => a.base - b.base || a.len - b.len)) {
      const line = `  network ${ipText(n.base)} ${ipText(2 ** (32 - n.len) - 1)}`;
      if (!seen.has(line)) { seen.add(line); lines.push(line); }
    }
  }
  return [lines];
}
