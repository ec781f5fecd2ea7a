/**
 * Isolation as a property of what dcnet PUSHES, not of what the validator believes: random variants of
 * the base topology (extra route-target imports in every notation, firewall legs bound to any VPN in
 * any zone, NAT servers, policies, remote-access groups) that the validator accepts are rendered, and
 * an independent reachability pass over the RENDERED configurations (its own parsers below; nothing
 * of src/intent) must find:
 * - no department VPN instance that learns another department's routes (route targets read as numbers
 *   from `vpn-target` / `route-target` lines, on the PEs that carry the instance in BGP), and no
 *   internet instance that learns anything but the public zone's;
 * - no internet flow that reaches anything but the public zone: from an interface of a zone facing the
 *   internet, through a NAT server's translation and the firewall's routing, permitted by the security
 *   policy, to an address of a department or an interface outside the public zone;
 * - no remote-access user that lands anywhere but in their own department: the Virtual-Template is
 *   chosen by the AAA domain (never by a tunnel name the client sends), bound to the domain's
 *   department VPN, handing out addresses of that department's pool, and the policy of its zone lets
 *   it reach no other department's space.
 * The ground truth of "who is which department" is the model's departments (their ids, pools and
 * VPN names) and which zones face the internet (`represents: internet`): the rule, not its checking.
 * More runs: DCNET_PROPERTY_RUNS=1000 npx vitest run tests/unit/intent/isolation-rendered.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../src/model/index.js';
import { validateLoaded } from '../../../src/intent/index.js';
import { loadTopologyFromObject } from '../../../src/model/index.js';
import { renderDevice } from '../../../src/render/index.js';
import { dev, variant } from './helpers.js';

// ------------------------------------------------------------------------------ own IPv4 helpers

const ip = (s: string): number => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const lenOfMask = (m: string): number => ip(m).toString(2).replace(/0/g, '').length;
interface Net { base: number; len: number }
const net = (addr: string, len: number): Net => { const size = 2 ** (32 - len); return { base: Math.floor(ip(addr) / size) * size, len }; };
const cidr = (s: string): Net => { const [a, l] = s.split('/'); return net(a!, Number(l)); };
const inside = (n: Net, addr: number): boolean => addr >= n.base && addr < n.base + 2 ** (32 - n.len);
const overlaps = (a: Net, b: Net): boolean => inside(a, b.base) || inside(b, a.base);

/** A route target as a value, read independently: AS numbers (plain or dotted) or IPv4 + assigned number. */
function rtValue(text: string): string {
  const [left, right] = text.split(':');
  if (left!.split('.').length === 4) return `ip ${ip(left!)} ${Number(right)}`;
  const as = left!.includes('.') ? Number(left!.split('.')[0]) * 65536 + Number(left!.split('.')[1]) : Number(left);
  return `as ${as} ${Number(right)}`;
}

// ------------------------------------------------------------------------------ parsing rendered configs

interface Section { head: string; body: string[] }

/** Top-level sections of a rendered configuration: a line at column 0 and the indented lines under it. */
function sections(text: string): Section[] {
  const out: Section[] = [];
  for (const raw of text.split('\n')) {
    if (raw === '' || raw === '#' || raw === '!' || raw === 'return' || raw === 'end') continue;
    if (!raw.startsWith(' ')) out.push({ head: raw, body: [] });
    else if (out.length) out[out.length - 1]!.body.push(raw);
  }
  return out;
}

interface Itf { name: string; vpn?: string; nets: Net[]; addrs: number[]; lines: string[] }

function interfaces(secs: Section[]): Map<string, Itf> {
  const out = new Map<string, Itf>();
  for (const s of secs) {
    const m = /^interface (.+)$/.exec(s.head);
    if (!m) continue;
    const itf: Itf = { name: m[1]!, nets: [], addrs: [], lines: s.body.map((l) => l.trim()) };
    for (const l of itf.lines) {
      let x: RegExpExecArray | null;
      if ((x = /^(?:ip binding vpn-instance|ip vrf forwarding) (\S+)$/.exec(l))) itf.vpn = x[1];
      if ((x = /^ip address (\S+) (\S+)/.exec(l))) { itf.nets.push(net(x[1]!, lenOfMask(x[2]!))); itf.addrs.push(ip(x[1]!)); }
    }
    out.set(itf.name, itf);
  }
  return out;
}

interface Rendered { name: string; platform: string; text: string; secs: Section[] }

// ------------------------------------------------------------------------------ the independent checks

interface Truth {
  deptOfVpn: Map<string, string>;
  deptSpace: Array<{ dept: string; net: Net }>;
  publicVpns: Set<string>;
  internetVpns: Set<string>;
  deptVpn: Map<string, string>;
  raPool: Map<string, Net>;
}

function truthOf(t: Topology): Truth {
  const deptOfVpn = new Map(t.departments!.map((d) => [d.vpn, d.id] as const));
  const deptSpace = t.departments!.flatMap((d) => [...d.pools, ...(d.remoteAccessPool ? [d.remoteAccessPool] : [])].map((p) => ({ dept: d.id, net: cidr(p) })));
  const publicVpns = new Set(t.vpnInstances!.filter((v) => v.zone === 'public' && v.kind !== 'internet').map((v) => v.name));
  const internetVpns = new Set(t.vpnInstances!.filter((v) => v.kind === 'internet').map((v) => v.name));
  return {
    deptOfVpn, deptSpace, publicVpns, internetVpns,
    deptVpn: new Map(t.departments!.map((d) => [d.id, d.vpn] as const)),
    raPool: new Map(t.departments!.filter((d) => d.remoteAccessPool).map((d) => [d.id, cidr(d.remoteAccessPool!)] as const)),
  };
}

/** Who learns whom through BGP VPNv4, from the `vpn-target` lines of PEs that carry the instance in BGP. */
function routeLeaks(configs: Rendered[], truth: Truth): string[] {
  const imports = new Map<string, Set<string>>();
  const exports = new Map<string, Set<string>>();
  for (const c of configs.filter((x) => x.platform === 'huawei-vrp')) {
    const bgp = c.secs.find((s) => /^bgp \d+$/.test(s.head));
    const inBgp = new Set((bgp?.body ?? []).map((l) => /^ ipv4-family vpn-instance (\S+)$/.exec(l)?.[1]).filter((x): x is string => !!x));
    for (const s of c.secs) {
      const m = /^ip vpn-instance (\S+)$/.exec(s.head);
      if (!m || !inBgp.has(m[1]!)) continue;
      for (const l of s.body) {
        const t = /^ {2}vpn-target (\S+) (import|export)-extcommunity$/.exec(l);
        if (!t) continue;
        const map = t[2] === 'import' ? imports : exports;
        const set = map.get(m[1]!) ?? new Set();
        set.add(rtValue(t[1]!));
        map.set(m[1]!, set);
      }
    }
  }
  const out: string[] = [];
  for (const [learner, imp] of imports) {
    for (const [source, exp] of exports) {
      if (learner === source || ![...imp].some((v) => exp.has(v))) continue;
      const dl = truth.deptOfVpn.get(learner);
      const ds = truth.deptOfVpn.get(source);
      if (dl && ds && dl !== ds) out.push(`department ${dl} (${learner}) learns department ${ds} (${source})`);
      if (truth.internetVpns.has(learner) && !truth.publicVpns.has(source)) out.push(`internet ${learner} learns ${source}`);
      if (truth.internetVpns.has(source) && !truth.publicVpns.has(learner)) out.push(`${learner} learns internet ${source}`);
    }
  }
  return out;
}

interface Rule { name: string; from: string[]; to: string[]; dest: Net[]; action: string }

function firewallFacts(c: Rendered): { itfs: Map<string, Itf>; zoneOf: Map<string, string>; rules: Rule[]; routes: Array<{ vpn?: string; net: Net; hop: number }> } {
  const itfs = interfaces(c.secs);
  const zoneOf = new Map<string, string>();
  for (const s of c.secs) {
    const z = /^firewall zone (?:name )?(\S+)$/.exec(s.head);
    if (!z) continue;
    for (const l of s.body) { const a = /^ add interface (\S+)$/.exec(l); if (a) zoneOf.set(a[1]!, z[1]!); }
  }
  const rules: Rule[] = [];
  const sp = c.secs.find((s) => s.head === 'security-policy');
  for (const l of sp?.body ?? []) {
    let m: RegExpExecArray | null;
    if ((m = /^ rule name (\S+)$/.exec(l))) rules.push({ name: m[1]!, from: [], to: [], dest: [], action: 'deny' });
    const r = rules[rules.length - 1];
    if (!r) continue;
    if ((m = /^ {2}source-zone (\S+)$/.exec(l))) r.from.push(m[1]!);
    if ((m = /^ {2}destination-zone (\S+)$/.exec(l))) r.to.push(m[1]!);
    if ((m = /^ {2}destination-address (\S+) (?:mask (\S+)|(\d+))$/.exec(l))) r.dest.push(net(m[1]!, m[2] ? lenOfMask(m[2]) : Number(m[3])));
    if ((m = /^ {2}action (\S+)/.exec(l))) r.action = m[1]!;
  }
  const routes = c.secs.map((s) => /^ip route-static (?:vpn-instance (\S+) )?(\S+) (\S+) (\S+)/.exec(s.head))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ ...(m[1] ? { vpn: m[1] } : {}), net: net(m[2]!, lenOfMask(m[3]!)), hop: ip(m[4]!) }));
  return { itfs, zoneOf, rules, routes };
}

/** The first matching rule decides (default deny). */
function permitted(rules: Rule[], from: string, to: string, dest: number): boolean {
  for (const r of rules) {
    if (r.from.length && !r.from.includes(from)) continue;
    if (r.to.length && !r.to.includes(to)) continue;
    if (r.dest.length && !r.dest.some((n) => inside(n, dest))) continue;
    return r.action === 'permit';
  }
  return false;
}

/** The interface a firewall sends a packet for `dest` (in `vpn`) out of: connected first, else the longest static route. */
function egress(f: ReturnType<typeof firewallFacts>, dest: number, vpn: string | undefined): Itf | undefined {
  const table = [...f.itfs.values()].filter((i) => i.vpn === vpn);
  const direct = table.find((i) => i.nets.some((n) => inside(n, dest)));
  if (direct) return direct;
  const route = f.routes.filter((r) => r.vpn === vpn && inside(r.net, dest)).sort((a, b) => b.net.len - a.net.len)[0];
  return route ? table.find((i) => i.nets.some((n) => inside(n, route.hop))) : undefined;
}

function internetFlows(c: Rendered, t: Topology, truth: Truth): string[] {
  const device = t.devices.find((d) => d.name === c.name)!;
  const outsideZones = new Set((device.firewall?.zones ?? []).filter((z) => z.represents === 'internet').map((z) => z.name));
  if (!outsideZones.size) return [];
  const f = firewallFacts(c);
  const out: string[] = [];
  const judge = (dest: number, vpn: string | undefined, via: string): void => {
    const e = egress(f, dest, vpn);
    if (!e) return;
    const zone = f.zoneOf.get(e.name);
    if (!zone || outsideZones.has(zone)) return;
    if (![...outsideZones].some((z) => permitted(f.rules, z, zone, dest))) return;
    const owner = truth.deptSpace.find((s) => inside(s.net, dest));
    if (owner) out.push(`${c.name}: the internet reaches ${via} in department ${owner.dept}'s space`);
    const bound = e.vpn !== undefined ? truth.deptOfVpn.get(e.vpn) : undefined;
    if (bound) out.push(`${c.name}: the internet reaches ${via} out of ${e.name}, in department ${bound}'s VPN`);
    if (e.vpn !== undefined && !truth.publicVpns.has(e.vpn)) out.push(`${c.name}: the internet reaches ${via} out of ${e.name} in VPN ${e.vpn}, not the public zone's`);
  };
  // Through NAT servers: global -> inside (and its VPN).
  for (const s of c.secs) {
    const m = /^nat server (?:\S+ )?protocol \S+ global \S+ \S+(?: vpn-instance \S+)? inside (\S+) \S+(?: vpn-instance (\S+))?/.exec(s.head);
    if (m) judge(ip(m[1]!), m[2], `NAT server inside ${m[1]}`);
  }
  // Straight through: every address of every interface's subnet the firewall routes to.
  for (const i of f.itfs.values()) for (const n of i.nets) judge(n.base + 1, i.vpn, `${i.name} (${[n.base + 1].map((a) => [24, 16, 8, 0].map((x) => Math.floor(a / 2 ** x) % 256).join('.'))})`);
  return out;
}

function remoteAccess(c: Rendered, t: Topology, truth: Truth): string[] {
  const out: string[] = [];
  const f = firewallFacts(c);
  const aaa = c.secs.find((s) => s.head === 'aaa');
  const poolOfDomain = new Map<string, Map<number, Net>>();
  let domain: string | undefined;
  for (const l of aaa?.body ?? []) {
    let m: RegExpExecArray | null;
    if ((m = /^ domain (\S+)$/.exec(l))) domain = m[1];
    else if (/^ \S/.test(l)) domain = undefined;
    if (domain && (m = /^ {2}ip pool (\d+) (\S+) (\S+)$/.exec(l))) {
      const pools = poolOfDomain.get(domain) ?? new Map();
      pools.set(Number(m[1]), { base: ip(m[2]!), len: 32 - Math.ceil(Math.log2(ip(m[3]!) - ip(m[2]!) + 1)) });
      poolOfDomain.set(domain, pools);
      const dept = truth.raPool.get(domain);
      if (!dept || !inside(dept, ip(m[2]!)) || !inside(dept, ip(m[3]!))) out.push(`${c.name}: domain ${domain} hands out ${m[2]}-${m[3]}, outside its department's pool`);
    }
  }
  for (const s of c.secs) {
    const g = /^l2tp-group (\d+)$/.exec(s.head);
    if (!g) continue;
    for (const l of s.body) {
      const a = /^ allow l2tp virtual-template (\d+)(?: (remote|domain) (\S+))?$/.exec(l);
      if (!a) continue;
      if (a[2] !== 'domain') { out.push(`${c.name}: l2tp-group ${g[1]} picks Virtual-Template${a[1]} by ${a[2] ? 'the tunnel name the client sends' : 'nothing'}`); continue; }
      const dept = a[3]!;
      const vt = f.itfs.get(`Virtual-Template${a[1]}`);
      if (!vt) continue;
      if (vt.vpn !== truth.deptVpn.get(dept)) out.push(`${c.name}: users of ${dept} land in VPN ${vt.vpn}, not their department's ${truth.deptVpn.get(dept)}`);
      const poolNo = vt.lines.map((x) => /^remote address pool (\d+)$/.exec(x)?.[1]).find((x) => x !== undefined);
      if (poolNo !== undefined && !poolOfDomain.get(dept)?.has(Number(poolNo))) out.push(`${c.name}: Virtual-Template${a[1]} of ${dept} hands out pool ${poolNo} of another domain`);
      const zone = f.zoneOf.get(vt.name);
      if (!zone) continue;
      // Where its users may go: any destination in another department's space, out of any interface.
      for (const other of truth.deptSpace.filter((x) => x.dept !== dept)) {
        for (const i of f.itfs.values()) {
          const to = f.zoneOf.get(i.name);
          if (!to || to === zone) continue;
          const probe = other.net.base + 1;
          if (permitted(f.rules, zone, to, probe) && (i.vpn === undefined || truth.deptOfVpn.get(i.vpn) === other.dept || i.nets.some((n) => inside(n, probe)))) {
            out.push(`${c.name}: remote users of ${dept} may reach ${other.dept}'s ${[24, 16, 8, 0].map((x) => Math.floor(probe / 2 ** x) % 256).join('.')} towards zone ${to}`);
          }
        }
      }
    }
  }
  return out;
}

export function violations(t: Topology): string[] {
  const configs: Rendered[] = t.devices.map((d) => {
    const text = renderDevice(t, d.name);
    return { name: d.name, platform: d.platform, text, secs: sections(text) };
  });
  const truth = truthOf(t);
  return [
    ...routeLeaks(configs, truth),
    ...configs.filter((c) => c.platform === 'huawei-usg').flatMap((c) => [...internetFlows(c, t, truth), ...remoteAccess(c, t, truth)]),
  ];
}

// ------------------------------------------------------------------------------ random variants

const notation = (rt: string, how: number): string => {
  const [a, n] = rt.split(':');
  return how === 0 ? rt : how === 1 ? `${a}:0${n}` : `0.${a}:${n}`;
};

type Knob =
  | { kind: 'import'; learner: number; source: number; how: number }
  | { kind: 'leg'; vpn: number; zone: number; host: number }
  | { kind: 'nat'; target: number; host: number }
  | { kind: 'policy'; from: number; to: number; dest: number }
  | { kind: 'ra'; group: number; zone: number; vpn: number }
  | { kind: 'psk' };

const knob: fc.Arbitrary<Knob> = fc.oneof(
  fc.record({ kind: fc.constant('import' as const), learner: fc.nat(5), source: fc.nat(5), how: fc.nat(2) }),
  fc.record({ kind: fc.constant('leg' as const), vpn: fc.nat(5), zone: fc.nat(6), host: fc.integer({ min: 2, max: 250 }) }),
  fc.record({ kind: fc.constant('nat' as const), target: fc.nat(4), host: fc.integer({ min: 2, max: 250 }) }),
  fc.record({ kind: fc.constant('policy' as const), from: fc.nat(5), to: fc.nat(5), dest: fc.nat(5) }),
  fc.record({ kind: fc.constant('ra' as const), group: fc.nat(1), zone: fc.nat(5), vpn: fc.nat(5) }),
  fc.constant({ kind: 'psk' as const }),
);

/** A base-topology variant with the knobs applied (some keep it valid, many break isolation). */
function build(knobs: readonly Knob[]): Topology {
  return variant((t) => {
    const vpns = t.vpnInstances!;
    const fw = dev(t, 'fw-1');
    const zones = fw.firewall!.zones;
    const spaces = ['10.11.200', '10.12.200', '10.200.9', '10.100.9', '203.0.113', '10.254.9'];
    let port = 4;
    for (const k of knobs) {
      switch (k.kind) {
        case 'import': {
          const learner = vpns[k.learner % vpns.length]!;
          const source = vpns[k.source % vpns.length]!;
          learner.importTargets.push(notation(source.exportTargets[0]!, k.how));
          break;
        }
        case 'leg': {
          if (port > 11) break;
          const vpn = vpns[k.vpn % vpns.length]!;
          const name = `GigabitEthernet1/0/${port++}`;
          const subnet = spaces[k.vpn % spaces.length]!;
          fw.ports!.push({ name, mode: 'routed', address: `${subnet}.${k.host % 100 + 1}/24`, vpn: vpn.name });
          const z = zones[k.zone % zones.length];
          if (z) z.interfaces.push(name);
          else zones.push({ name: `leg${port}`, priority: 20 + port, represents: 'hosting', interfaces: [name] });
          break;
        }
        case 'nat': {
          const targets = ['10.200.0', '10.11.200', '10.254.2', '10.12.200', '10.100.0'];
          fw.firewall!.natServers!.push({ name: `n${fw.firewall!.natServers!.length}`, protocol: 'tcp', globalAddress: '203.0.113.4', globalPort: 1000 + fw.firewall!.natServers!.length, insideAddress: `${targets[k.target % targets.length]}.${k.host}`, insidePort: 80 });
          break;
        }
        case 'policy': {
          const names = zones.map((z) => z.name);
          const dests = [undefined, '10.200.0.0/24', '10.11.0.0/16', '10.12.0.0/16', '10.0.0.0/8', '10.100.0.0/24'];
          const d = dests[k.dest % dests.length];
          t.policy!.unshift({ name: `p${t.policy!.length}`, from: names[k.from % names.length]!, to: names[k.to % names.length]!, action: 'permit', ...(d ? { destination: [d] } : {}) });
          break;
        }
        case 'ra': {
          const g = t.remoteAccess!.groups[k.group % 2]!;
          const raZones = zones.filter((z) => z.represents === 'remote-access').map((z) => z.name);
          if (k.zone % 3 === 0) g.zone = raZones[k.zone % raZones.length]!;
          if (k.vpn % 3 === 0) g.vpn = vpns[k.vpn % vpns.length]!.name;
          break;
        }
        case 'psk':
          delete t.remoteAccess!.preSharedKey;
          break;
      }
    }
  });
}

describe('isolation over every path, checked on the rendered configurations (property)', () => {
  it('finds the leaks this pass is meant to find (it is not vacuous)', () => {
    expect(violations(variant())).toEqual([]);
    const leak = build([{ kind: 'import', learner: 0, source: 1, how: 1 }]);
    expect(violations(leak).join('\n')).toContain('department finance (dept-finance) learns department health (dept-health)');
    const dmzLeg = build([{ kind: 'leg', vpn: 0, zone: 2, host: 20 }]);
    expect(violations(dmzLeg).join('\n')).toContain("out of GigabitEthernet1/0/4, in department finance's VPN");
    const nat = build([{ kind: 'leg', vpn: 0, zone: 0, host: 20 }, { kind: 'nat', target: 1, host: 20 }, { kind: 'policy', from: 1, to: 0, dest: 0 }]);
    expect(violations(nat).join('\n')).toContain("the internet reaches NAT server inside 10.11.200.20 in department finance's space");
    const ra = build([{ kind: 'ra', group: 0, zone: 1, vpn: 3 }]); // finance's users into vpnInstances[3]
    expect(violations(ra).join('\n')).toContain("users of finance land in VPN public-vpn, not their department's dept-finance");
  });

  it('never lets a department\'s routes, an internet flow or a remote user reach what the rule forbids, when the validator accepts', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(fc.property(fc.array(knob, { minLength: 1, maxLength: 5 }), (knobs) => {
      const t = build(knobs);
      const { ok } = validateLoaded(loadTopologyFromObject(t, '<random>'));
      if (!ok) { rejected++; return; }
      accepted++;
      expect(violations(t)).toEqual([]);
    }), { numRuns: Number(process.env.DCNET_PROPERTY_RUNS ?? 150) });
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(5);
    expect(rejected).toBeGreaterThan(5);
  }, 120_000);
});
