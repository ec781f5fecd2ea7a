/**
 * Random small device configurations for the property tests: a device state (VLANs, VPN
 * instances, ports, LAGs, SVIs with addresses / bindings / VRRP, static routes, and on firewalls
 * zones, ordered rules and NAT servers), printed as a configuration tree per platform the way the
 * device displays it. Written for the tests, independently of the renderers: the engine must handle
 * whatever a running configuration holds, not only what dcnet renders.
 */
import fc from 'fast-check';
import type { ConfigNode, ConfigTree } from '../../../../src/render/index.js';
import type { Platform } from './interpreter.js';

export interface Vrrp { vrid: number; vip: string; prio?: number; delay?: number; track?: number }
export interface Svi { vlan: number; desc?: string; addrs: string[]; vpn?: string; vrrp?: Vrrp }
export type PortKind =
  | { kind: 'none' }
  | { kind: 'access'; vlan: number }
  | { kind: 'trunk'; allowed: number[] }
  | { kind: 'routed'; addr: string; vpn?: string }
  | { kind: 'member'; lag: number };
export interface Port { index: number; desc?: string; shutdown?: boolean; cfg: PortKind }
export interface Lag { id: number; lacp: boolean; allowed: number[]; desc?: string }
export interface Vpn { name: string; rd: string; exp: string[]; imp: string[]; desc?: string }
export interface Route { prefix: string; mask: string; nh: string; vpn?: string; pref?: number }
export interface Zone { name: string; builtin: boolean; prio: number; ports: number[] }
export interface Rule { name: string; from: string; to: string; dst?: string; service?: string; action: 'permit' | 'deny' }
export interface Nat { name: string; gport: number; inside: string; iport: number }

export interface DeviceState {
  name: string;
  vlans: number[];
  vlanNames: Record<number, string>;
  vpns: Vpn[];
  lags: Lag[];
  ports: Port[];
  svis: Svi[];
  routes: Route[];
  zones: Zone[];
  rules: Rule[];
  nats: Nat[];
}

const PORTS = 6;
const VPN_NAMES = ['red', 'green', 'blue'];
const TARGETS = ['65000:1', '65000:2', '65000:3', '65000:9'];

const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 2 });
const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

/** A random device state; `firewall` adds zones, rules and NAT servers and keeps ports routed. */
export function deviceStateArb(firewall = false): fc.Arbitrary<DeviceState> {
  return fc.record({
    name: fc.constantFrom('sw-a', 'sw-b'),
    vlanSet: fc.subarray([10, 11, 12, 20, 21, 30, 31, 32, 33, 40], { minLength: 0 }),
    names: fc.array(fc.tuple(fc.nat(9), fc.constantFrom('users', 'servers', 'mgmt')), { maxLength: 4 }),
    vpns: fc.array(fc.record({
      name: fc.constantFrom(...VPN_NAMES), rd: fc.integer({ min: 1, max: 3 }),
      exp: fc.subarray(TARGETS), imp: fc.subarray(TARGETS), desc: opt(fc.constantFrom('tenant', 'shared')),
    }), { maxLength: 3 }),
    lags: fc.array(fc.record({ id: fc.integer({ min: 1, max: 2 }), lacp: fc.boolean(), allowed: fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }), desc: opt(fc.constantFrom('to-peer', 'uplink')) }), { maxLength: 2 }),
    ports: fc.array(fc.record({
      kind: fc.nat(4), a: fc.nat(99), b: fc.nat(99), c: fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }),
      desc: opt(fc.constantFrom('to-core', 'to-server', 'spare')), shutdown: fc.boolean(),
    }), { minLength: PORTS, maxLength: PORTS }),
    svis: fc.array(fc.record({
      vlan: fc.nat(9), desc: opt(fc.constantFrom('gw', 'users-gw')), host: fc.integer({ min: 2, max: 3 }), sub: fc.boolean(),
      vpn: opt(fc.nat(2)),
      vrrp: opt(fc.record({ vrid: fc.integer({ min: 1, max: 3 }), prio: opt(fc.constantFrom(90, 120)), delay: opt(fc.constantFrom(10, 20)), track: opt(fc.integer({ min: 1, max: PORTS })) })),
    }), { maxLength: 3 }),
    routes: fc.array(fc.record({ net: fc.nat(3), nh: fc.nat(2), vpn: opt(fc.nat(2)), pref: opt(fc.constantFrom(70, 80)) }), { maxLength: 3 }),
    zones: fc.array(fc.record({ name: fc.constantFrom('trust', 'untrust', 'dmz', 'public_access', 'mgmt_zone'), prio: fc.integer({ min: 10, max: 40 }), ports: fc.subarray([1, 2, 3, 4, 5, 6]) }), { maxLength: 4 }),
    rules: fc.array(fc.record({
      name: fc.constantFrom('web', 'ssh', 'deny-all', 'dns', 'mail'), from: fc.nat(4), to: fc.nat(4), dst: opt(fc.nat(3)),
      service: opt(fc.constantFrom('http', 'https', 'ssh')), action: fc.constantFrom('permit' as const, 'deny' as const),
    }), { maxLength: 4 }),
    nats: fc.array(fc.record({ name: fc.constantFrom('web', 'mail', 'portal'), gport: fc.constantFrom(80, 443), host: fc.integer({ min: 10, max: 12 }), iport: fc.constantFrom(80, 8080) }), { maxLength: 2 }),
  }).map((r): DeviceState => {
    const vlans = [...r.vlanSet].sort((a, b) => a - b);
    const vlanNames: Record<number, string> = {};
    if (vlans.length) for (const [i, n] of r.names) vlanNames[pick(vlans, i)] = n;
    const vpns: Vpn[] = [];
    for (const v of r.vpns) {
      if (vpns.some((x) => x.name === v.name)) continue;
      vpns.push({ name: v.name, rd: `65000:${100 + VPN_NAMES.indexOf(v.name) * 10 + v.rd}`, exp: v.exp, imp: v.imp, ...(v.desc ? { desc: v.desc } : {}) });
    }
    const vpnOf = (n: number | undefined): string | undefined => (n === undefined || !vpns.length ? undefined : pick(vpns, n).name);
    const lags: Lag[] = [];
    if (!firewall && vlans.length) {
      for (const l of r.lags) {
        if (lags.some((x) => x.id === l.id)) continue;
        lags.push({ id: l.id, lacp: l.lacp, allowed: [...new Set(l.allowed.map((i) => pick(vlans, i)))].sort((a, b) => a - b), ...(l.desc ? { desc: l.desc } : {}) });
      }
    }
    const ports: Port[] = r.ports.map((p, i) => {
      let cfg: PortKind = { kind: 'none' };
      const kind = firewall ? (p.kind % 2 === 0 ? 3 : 0) : p.kind;
      if (kind === 1 && vlans.length) cfg = { kind: 'access', vlan: pick(vlans, p.a) };
      if (kind === 2 && vlans.length) cfg = { kind: 'trunk', allowed: [...new Set(p.c.map((x) => pick(vlans, x)))].sort((a, b) => a - b) };
      if (kind === 3) {
        const vpn = vpnOf(p.b % 4 === 3 ? undefined : p.b);
        cfg = { kind: 'routed', addr: `192.168.${i + 1}.${1 + (p.a % 2)}/30`, ...(vpn ? { vpn } : {}) };
      }
      if (kind === 4 && lags.length) cfg = { kind: 'member', lag: pick(lags, p.a).id };
      return { index: i + 1, cfg, ...(p.desc ? { desc: p.desc } : {}), ...(p.shutdown && cfg.kind !== 'member' ? { shutdown: true } : {}) };
    });
    const svis: Svi[] = [];
    if (vlans.length) {
      for (const s of r.svis) {
        const vlan = pick(vlans, s.vlan);
        if (svis.some((x) => x.vlan === vlan)) continue;
        const addrs = [`10.${vlan}.0.${s.host}/24`, ...(s.sub ? [`10.${vlan}.1.${s.host}/24`] : [])];
        const vpn = vpnOf(s.vpn);
        const vrrp = s.vrrp ? {
          vrid: s.vrrp.vrid, vip: `10.${vlan}.0.1`, ...(s.vrrp.prio ? { prio: s.vrrp.prio } : {}),
          ...(s.vrrp.delay ? { delay: s.vrrp.delay } : {}), ...(s.vrrp.track ? { track: s.vrrp.track } : {}),
        } : undefined;
        svis.push({ vlan, addrs, ...(s.desc ? { desc: s.desc } : {}), ...(vpn ? { vpn } : {}), ...(vrrp ? { vrrp } : {}) });
      }
    }
    const routes: Route[] = [];
    for (const rt of r.routes) {
      const vpn = vpnOf(rt.vpn);
      const route: Route = { prefix: `172.16.${rt.net}.0`, mask: '255.255.255.0', nh: `192.168.${rt.nh + 1}.2`, ...(vpn ? { vpn } : {}), ...(rt.pref ? { pref: rt.pref } : {}) };
      if (routes.some((x) => x.prefix === route.prefix && x.nh === route.nh && x.vpn === route.vpn)) continue;
      routes.push(route);
    }
    const zones: Zone[] = [];
    const rules: Rule[] = [];
    const nats: Nat[] = [];
    if (firewall) {
      const taken = new Set<number>();
      const builtin: Record<string, number> = { trust: 85, untrust: 5, dmz: 50 };
      for (const z of r.zones) {
        if (zones.some((x) => x.name === z.name)) continue;
        const ports = z.ports.filter((p) => !taken.has(p));
        ports.forEach((p) => taken.add(p));
        const b = builtin[z.name];
        zones.push({ name: z.name, builtin: b !== undefined, prio: b ?? z.prio + zones.length, ports });
      }
      const names = ['trust', 'untrust', 'dmz', ...zones.filter((z) => !z.builtin).map((z) => z.name)];
      for (const rule of r.rules) {
        if (rules.some((x) => x.name === rule.name)) continue;
        rules.push({
          name: rule.name, from: pick(names, rule.from), to: pick(names, rule.to), action: rule.action,
          ...(rule.dst !== undefined ? { dst: `10.9.${rule.dst}.0` } : {}), ...(rule.service ? { service: rule.service } : {}),
        });
      }
      for (const n of r.nats) {
        if (nats.some((x) => x.name === n.name)) continue;
        nats.push({ name: n.name, gport: n.gport, inside: `10.9.0.${n.host}`, iport: n.iport });
      }
    }
    return { name: r.name, vlans, vlanNames, vpns, lags, ports, svis, routes, zones, rules, nats };
  });
}

// ---------------------------------------------------------------------------- printers

const leaf = (line: string): ConfigNode => ({ line, children: [] });
const section = (line: string, lines: (string | ConfigNode)[]): ConfigNode => ({ line, children: lines.map((l) => (typeof l === 'string' ? leaf(l) : l)) });
const maskOf = (len: number): string => [24, 16, 8, 0].map((s) => ((0xffffffff << (32 - len)) >>> 0 >>> s) & 0xff).join('.');
const addrMask = (cidr: string): string => { const [ip, len] = cidr.split('/'); return `${ip} ${maskOf(Number(len))}`; };

function huaweiItems(prefix: string, ids: number[]): string[] {
  const s = [...new Set(ids)].sort((a, b) => a - b);
  const items: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    items.push(i === j ? `${s[i]}` : `${s[i]} to ${s[j]}`);
    i = j + 1;
  }
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 10) out.push(`${prefix} ${items.slice(i, i + 10).join(' ')}`);
  return out;
}

function ruijieList(ids: number[]): string {
  const s = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(i === j ? `${s[i]}` : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function tree(platform: Platform, children: ConfigNode[]): ConfigTree {
  children.forEach((c, i) => { if (i === 0 || c.children.length || children[i - 1]!.children.length) c.sep = true; });
  return { platform, header: [], children, trailingSep: true, finalNewline: true };
}

export function printVrp(s: DeviceState): ConfigTree {
  const out: ConfigNode[] = [leaf(`sysname ${s.name}`)];
  out.push(...huaweiItems('vlan batch', s.vlans).map(leaf));
  for (const v of s.vpns) {
    out.push(section(`ip vpn-instance ${v.name}`, [
      ...(v.desc ? [`description ${v.desc}`] : []),
      section('ipv4-family', [`route-distinguisher ${v.rd}`, ...v.exp.map((t) => `vpn-target ${t} export-extcommunity`), ...v.imp.map((t) => `vpn-target ${t} import-extcommunity`)]),
    ]));
  }
  for (const v of s.vlans) if (s.vlanNames[v]) out.push(section(`vlan ${v}`, [`description ${s.vlanNames[v]}`]));
  for (const svi of s.svis) {
    const lines: string[] = [];
    if (svi.desc) lines.push(`description ${svi.desc}`);
    if (svi.vpn) lines.push(`ip binding vpn-instance ${svi.vpn}`);
    svi.addrs.forEach((a, i) => lines.push(`ip address ${addrMask(a)}${i ? ' sub' : ''}`));
    if (svi.vrrp) {
      const r = svi.vrrp;
      lines.push(`vrrp vrid ${r.vrid} virtual-ip ${r.vip}`);
      if (r.prio) lines.push(`vrrp vrid ${r.vrid} priority ${r.prio}`);
      if (r.delay) lines.push(`vrrp vrid ${r.vrid} preempt-mode timer delay ${r.delay}`);
      if (r.track) lines.push(`vrrp vrid ${r.vrid} track interface GigabitEthernet0/0/${r.track} reduced 30`);
    }
    out.push(section(`interface Vlanif${svi.vlan}`, lines));
  }
  for (const l of s.lags) {
    out.push(section(`interface Eth-Trunk${l.id}`, [
      ...(l.desc ? [`description ${l.desc}`] : []), 'port link-type trunk', 'undo port trunk allow-pass vlan 1',
      ...huaweiItems('port trunk allow-pass vlan', l.allowed), ...(l.lacp ? ['mode lacp-static'] : []),
    ]));
  }
  for (const p of s.ports) {
    const lines: string[] = [];
    const c = p.cfg;
    if (c.kind === 'routed') lines.push('undo portswitch');
    if (p.desc) lines.push(`description ${p.desc}`);
    if (c.kind === 'access') lines.push('port link-type access', `port default vlan ${c.vlan}`);
    if (c.kind === 'trunk') lines.push('port link-type trunk', 'undo port trunk allow-pass vlan 1', ...huaweiItems('port trunk allow-pass vlan', c.allowed));
    if (c.kind === 'routed') lines.push(...(c.vpn ? [`ip binding vpn-instance ${c.vpn}`] : []), `ip address ${addrMask(c.addr)}`);
    if (c.kind === 'member') lines.push(`eth-trunk ${c.lag}`);
    if (p.shutdown) lines.push('shutdown');
    out.push(section(`interface GigabitEthernet0/0/${p.index}`, lines));
  }
  out.push(leaf('interface NULL0'));
  for (const r of s.routes) out.push(leaf(`ip route-static ${r.vpn ? `vpn-instance ${r.vpn} ` : ''}${r.prefix} ${r.mask} ${r.nh}${r.pref ? ` preference ${r.pref}` : ''}`));
  return tree('huawei-vrp', out);
}

export function printRgos(s: DeviceState): ConfigTree {
  const out: ConfigNode[] = [leaf(`hostname ${s.name}`)];
  for (const v of s.vpns) {
    out.push(section(`ip vrf ${v.name}`, [`rd ${v.rd}`, ...v.exp.map((t) => `route-target export ${t}`), ...v.imp.map((t) => `route-target import ${t}`)]));
  }
  out.push(section('vlan 1', []));
  for (const v of s.vlans) out.push(section(`vlan ${v}`, s.vlanNames[v] ? [`name ${s.vlanNames[v]}`] : []));
  const allowedLine = (allowed: number[]): string => {
    const have = new Set(allowed);
    const removed = Array.from({ length: 4094 }, (_v, i) => i + 1).filter((v) => !have.has(v));
    return `switchport trunk allowed vlan remove ${ruijieList(removed)}`;
  };
  for (const p of s.ports) {
    const lines: string[] = [];
    const c = p.cfg;
    if (c.kind === 'routed') lines.push('no switchport');
    if (p.desc) lines.push(`description ${p.desc}`);
    if (p.shutdown) lines.push('shutdown');
    if (c.kind === 'access') lines.push(`switchport access vlan ${c.vlan}`);
    if (c.kind === 'trunk') lines.push('switchport mode trunk', allowedLine(c.allowed));
    if (c.kind === 'member') lines.push(`port-group ${c.lag}${s.lags.find((l) => l.id === c.lag)?.lacp ? ' mode active' : ''}`);
    if (c.kind === 'routed') lines.push(...(c.vpn ? [`ip vrf forwarding ${c.vpn}`] : []), `ip address ${addrMask(c.addr)}`);
    out.push(section(`interface GigabitEthernet 0/${p.index}`, lines));
  }
  for (const l of s.lags) {
    out.push(section(`interface AggregatePort ${l.id}`, [...(l.desc ? [`description ${l.desc}`] : []), 'switchport mode trunk', allowedLine(l.allowed)]));
  }
  for (const svi of s.svis) {
    const lines: string[] = [];
    if (svi.desc) lines.push(`description ${svi.desc}`);
    if (svi.vpn) lines.push(`ip vrf forwarding ${svi.vpn}`);
    svi.addrs.forEach((a, i) => lines.push(`ip address ${addrMask(a)}${i ? ' secondary' : ''}`));
    if (svi.vrrp) {
      const r = svi.vrrp;
      lines.push(`vrrp ${r.vrid} ip ${r.vip}`);
      if (r.delay) lines.push(`vrrp ${r.vrid} preempt delay ${r.delay}`);
      if (r.prio) lines.push(`vrrp ${r.vrid} priority ${r.prio}`);
      if (r.track) lines.push(`vrrp ${r.vrid} track GigabitEthernet 0/${r.track} 30`);
    }
    out.push(section(`interface VLAN ${svi.vlan}`, lines));
  }
  for (const r of s.routes) out.push(leaf(`ip route ${r.vpn ? `vrf ${r.vpn} ` : ''}${r.prefix} ${r.mask} ${r.nh}${r.pref ? ` ${r.pref}` : ''}`));
  const t = tree('ruijie-rgos', out);
  t.header = [];
  return t;
}

export function printUsg(s: DeviceState): ConfigTree {
  const out: ConfigNode[] = [leaf(`sysname ${s.name}`)];
  for (const v of s.vpns) out.push(section(`ip vpn-instance ${v.name}`, [...(v.desc ? [`description ${v.desc}`] : []), section('ipv4-family', [`route-distinguisher ${v.rd}`])]));
  for (const p of s.ports) {
    const lines: string[] = [];
    const c = p.cfg;
    if (p.desc) lines.push(`description ${p.desc}`);
    if (p.shutdown) lines.push('shutdown');
    if (c.kind === 'routed') {
      if (c.vpn) lines.push(`ip binding vpn-instance ${c.vpn}`);
      lines.push(`ip address ${addrMask(c.addr)}`);
      if (p.index === 1) lines.push(`vrrp vrid 1 virtual-ip 192.168.1.3 255.255.255.252 ${c.addr.endsWith('.1/30') ? 'active' : 'standby'}`);
      if (p.index === 1) lines.push('service-manage ssh permit');
    }
    out.push(section(`interface GigabitEthernet1/0/${p.index}`, lines));
  }
  out.push(leaf('interface NULL0'));
  // Built-in zones always exist and print with their fixed priorities.
  for (const [name, prio] of [['trust', 85], ['untrust', 5], ['dmz', 50]] as const) {
    const z = s.zones.find((x) => x.name === name);
    out.push(section(`firewall zone ${name}`, [`set priority ${prio}`, ...(z?.ports ?? []).map((p) => `add interface GigabitEthernet1/0/${p}`)]));
  }
  for (const z of s.zones.filter((x) => !x.builtin)) {
    out.push(section(`firewall zone name ${z.name}`, [`set priority ${z.prio}`, ...z.ports.map((p) => `add interface GigabitEthernet1/0/${p}`)]));
  }
  for (const r of s.routes) out.push(leaf(`ip route-static ${r.vpn ? `vpn-instance ${r.vpn} ` : ''}${r.prefix} ${r.mask} ${r.nh}${r.pref ? ` preference ${r.pref}` : ''}`));
  for (const n of s.nats) out.push(leaf(`nat server ${n.name} protocol tcp global 203.0.113.1 ${n.gport} inside ${n.inside} ${n.iport}`));
  if (s.rules.length) {
    out.push(section('security-policy', s.rules.map((r) => section(`rule name ${r.name}`, [
      `source-zone ${r.from}`, `destination-zone ${r.to}`, ...(r.dst ? [`destination-address ${r.dst} mask 255.255.255.0`] : []),
      ...(r.service ? [`service ${r.service}`] : []), `action ${r.action}`,
    ]))));
  }
  return tree('huawei-usg', out);
}

export const PRINTERS: Record<Platform, (s: DeviceState) => ConfigTree> = {
  'huawei-vrp': printVrp,
  'ruijie-rgos': printRgos,
  'huawei-usg': printUsg,
};
