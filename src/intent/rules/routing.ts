/**
 * Routing and MPLS: what an MPLS L3VPN core needs to come up and to route as intended.
 *
 * Route distinguishers and targets are values, compared as the devices read them (numbers in
 * every notation: model/route-target.ts). The IGP (network.routing.igp, each device's `ospf`)
 * carries the loopbacks that BGP VPNv4 peers from and LDP builds its LSPs to: every BGP speaker
 * must reach every other's loopback through a chain of OSPF adjacencies, and the chain between
 * two PEs must run LDP on every hop. Two devices are adjacent when OSPF interfaces of both, in
 * one area, share a subnet on one segment (facts.ts ospfAdjacencies).
 *
 * Codes:
 * - INTENT_DUPLICATE_RD (error): two VPN instances with one route distinguisher (by value): their
 *   routes would be indistinguishable in BGP VPNv4.
 * - INTENT_ROUTE_TARGET_INVALID (error): an RD or RT outside the ranges of its form (a 4-byte AS
 *   number with an assigned number above 65535...): the device rejects it.
 * - INTENT_MPLS_NO_LOOPBACK (error): a device with `mpls: true` and no loopback (its LSR id).
 * - INTENT_BGP_NO_LOOPBACK (error): a BGP speaker with no loopback to peer from.
 * - INTENT_MPLS_INTERFACE_WITHOUT_DEVICE (error): MPLS enabled on a port, LAG or VLAN interface of a
 *   device that does not enable MPLS itself.
 * - INTENT_PE_NOT_BGP_SPEAKER (warning): routing.bgpSpeakers is given, and a device runs MPLS with
 *   interfaces bound to VPN instances (a PE) but is not in it, so its VPN routes go nowhere.
 * - INTENT_PE_NO_MPLS (error): a BGP speaker with interfaces in VPN instances (a PE) that does not run
 *   MPLS: VPNv4 routes it advertises need a label switched path to it.
 * - INTENT_IGP_MISSING (error): two BGP speakers or more and no routing.igp: nothing carries the
 *   loopbacks, so no session comes up.
 * - INTENT_IGP_NOT_ON_DEVICE (error): with an IGP, a BGP speaker or MPLS device has no `ospf`, or does
 *   not advertise its loopback in it.
 * - INTENT_OSPF_INTERFACE (error): an OSPF interface that is no addressed interface of the device, or
 *   is bound to a VPN instance, or is listed in two areas.
 * - INTENT_OSPF_WITHOUT_IGP (error): a device has `ospf` but the network declares no routing.igp.
 * - INTENT_OSPF_AREA_DETACHED (error): an area other than the backbone with no device also in area 0:
 *   its routes never reach the rest.
 * - INTENT_BGP_PEER_UNREACHABLE (error): a BGP speaker cannot reach another's loopback through OSPF
 *   (reported once per speaker, naming every peer it cannot reach).
 * - INTENT_LDP_MISSING (error): an OSPF adjacency between two MPLS devices where an end does not run
 *   MPLS/LDP on its interface: labelled traffic taking that hop is dropped.
 * - INTENT_LDP_PATH_MISSING (error): two PEs reach each other through OSPF but not through hops that
 *   all run LDP: their VPN traffic has no label switched path.
 * - INTENT_STATIC_FLOATING_WINS (error): a floating static route whose preference does not lose to
 *   every dynamic protocol that may provide its prefix on that device (VRP: OSPF 10/150; internal BGP
 *   in a VPN instance 200 as dcnet renders it, see FLOATING_IBGP_PREFERENCE; RGOS: OSPF 110).
 * - INTENT_STATIC_SHADOWS_BGP (warning): a static route (not floating) in a VPN instance of a PE for a
 *   subnet another PE advertises by BGP in that instance: the static always wins (and is advertised
 *   by this PE in turn); mark it `floating: true` if it is a backup.
 */
import {
  FLOATING_IBGP_PREFERENCE, parseRouteTarget, pointerOf, routePreferencesOf, type Device, type Finding, type Platform,
} from '../../model/index.js';
import { formatIpv4, parseCidr, sameBlock } from '../../ipam/index.js';
import { items, type RuleContext } from '../context.js';
import {
  bgpSpeakers, hasBgpSpeakerList, igpOf, isRecord, isString, l3Interfaces, lagsById, ospfAdjacencies, ospfInterfaces,
  parseLagRef, parseVlanRef, portEntries, strings, type Adjacency,
} from '../facts.js';
import { error, warning, type Rule } from '../rule.js';

/** MPLS on the interface an OSPF entry names (port, lag:N, vlan:N; a loopback needs none). */
function mplsOnRef(device: Device, ref: string): boolean {
  if (ref === 'loopback') return true;
  const lag = parseLagRef(ref);
  if (lag !== undefined) return lagsById(device).get(lag)?.[0].mpls === true;
  const vlan = parseVlanRef(ref);
  if (vlan !== undefined) return items(device.svis).some(([s]) => s.vlan === vlan && s.mpls === true);
  return portEntries(device).get(ref)?.[0].mpls === true;
}

/** Devices that a breadth-first walk over `edges` reaches from `from`. */
function reach(from: string, edges: readonly Adjacency[]): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    for (const e of edges) {
      const next = e.a.device === at ? e.b.device : e.b.device === at ? e.a.device : undefined;
      if (next !== undefined && !seen.has(next)) { seen.add(next); queue.push(next); }
    }
  }
  return seen;
}

function isPe(d: Device): boolean {
  return items(d.ports).some(([p]) => isString(p.vpn)) || items(d.svis).some(([s]) => isString(s.vpn));
}

function checkTargets(ctx: RuleContext, out: Finding[]): void {
  const rds = new Map<string, string>();
  for (const [v, i] of items(ctx.topology.vpnInstances)) {
    const check = (text: unknown, pointer: string, what: string): string | undefined => {
      if (!isString(text)) return undefined;
      const p = parseRouteTarget(text);
      if (typeof p === 'string') {
        out.push(error('INTENT_ROUTE_TARGET_INVALID', pointer, `VPN instance '${String(v.name)}' ${what} ${text}: ${p}`));
        return undefined;
      }
      return p.key;
    };
    const rd = check(v.rd, pointerOf('vpnInstances', i, 'rd'), 'route distinguisher');
    strings(v.importTargets).forEach(([t, k]) => check(t, pointerOf('vpnInstances', i, 'importTargets', k), 'import target'));
    strings(v.exportTargets).forEach(([t, k]) => check(t, pointerOf('vpnInstances', i, 'exportTargets', k), 'export target'));
    if (rd === undefined) continue;
    const first = rds.get(rd);
    if (first !== undefined && first !== v.name) {
      out.push(error('INTENT_DUPLICATE_RD', pointerOf('vpnInstances', i, 'rd'),
        `VPN instance '${String(v.name)}' uses route distinguisher ${String(v.rd)}, the same value as '${first}' (compared as numbers)`));
    } else if (first === undefined) rds.set(rd, String(v.name));
  }
}

function checkIgp(ctx: RuleContext, out: Finding[]): void {
  const speakers = bgpSpeakers(ctx);
  const igp = igpOf(ctx);
  const ospf = ospfInterfaces(ctx);
  const devices = (name: string): Device | undefined => ctx.devices.get(name)?.device;

  if (!igp) {
    for (const [d, di] of items(ctx.topology.devices)) {
      if (isRecord(d.ospf)) out.push(error('INTENT_OSPF_WITHOUT_IGP', pointerOf('devices', di, 'ospf'), `device '${String(d.name)}' has OSPF areas but the network declares no routing.igp`));
    }
    const known = speakers.filter(([s]) => ctx.devices.has(s));
    if (known.length >= 2) {
      out.push(error('INTENT_IGP_MISSING', pointerOf('network', 'routing'),
        `${known.length} BGP speakers peer between loopbacks, but the network has no IGP (routing.igp) to carry the loopbacks: no BGP session or LDP LSP comes up`));
    }
    return;
  }

  // Interfaces.
  const areaOf = new Map<string, number>();
  for (const o of ospf) {
    if (o.problem) { out.push(error('INTENT_OSPF_INTERFACE', o.pointer, `device '${o.device}' OSPF area ${formatIpv4(o.area)}: ${o.problem}`)); continue; }
    const key = `${o.device}|${o.ref}`;
    const first = areaOf.get(key);
    if (first !== undefined && first !== o.area) {
      out.push(error('INTENT_OSPF_INTERFACE', o.pointer, `device '${o.device}' puts '${o.ref}' in OSPF areas ${formatIpv4(first)} and ${formatIpv4(o.area)}; an interface belongs to one area`));
    } else areaOf.set(key, o.area);
  }
  const areasOf = new Map<string, Set<number>>();
  for (const o of ospf) areasOf.set(o.device, new Set([...(areasOf.get(o.device) ?? []), o.area]));
  const backbone = [...areasOf.values()].some((s) => s.has(0));
  const reportedAreas = new Set<number>();
  for (const o of ospf) {
    if (o.area === 0 || reportedAreas.has(o.area)) continue;
    const inArea = [...areasOf].filter(([, s]) => s.has(o.area)).map(([d]) => d);
    if (!inArea.some((d) => areasOf.get(d)!.has(0))) {
      reportedAreas.add(o.area);
      out.push(error('INTENT_OSPF_AREA_DETACHED', o.pointer,
        `OSPF area ${formatIpv4(o.area)} has no device that is also in the backbone (area 0)${backbone ? '' : ', and no backbone exists'}: its routes never reach the other areas`));
    }
  }

  // Loopbacks of speakers and MPLS devices in the IGP.
  const needs = new Map<string, string>();
  for (const [s, i] of speakers) needs.set(s, pointerOf('network', 'routing', 'bgpSpeakers', i));
  for (const [d, di] of items(ctx.topology.devices)) if (d.mpls === true && isString(d.name) && !needs.has(d.name)) needs.set(d.name, pointerOf('devices', di, 'mpls'));
  const advertised = new Set(ospf.filter((o) => o.ref === 'loopback' && !o.problem).map((o) => o.device));
  for (const [name, pointer] of needs) {
    const d = devices(name);
    if (!d || !isString(d.loopback)) continue; // rule: *_NO_LOOPBACK
    if (!advertised.has(name)) {
      out.push(error('INTENT_IGP_NOT_ON_DEVICE', isRecord(d.ospf) ? pointerOf('devices', ctx.devices.get(name)!.index, 'ospf') : pointer,
        `device '${name}' ${isRecord(d.ospf) ? 'does not advertise its loopback' : 'runs no OSPF'}: its loopback ${d.loopback} (BGP and LDP address) is unknown to the rest of the core; add 'loopback' to an area of its ospf`));
    }
  }

  // Every speaker reaches every other's loopback.
  const adj = ospfAdjacencies(ctx);
  const live = speakers.filter(([s]) => devices(s)?.loopback !== undefined && advertised.has(s));
  for (const [s, i] of live) {
    const seen = reach(s, adj);
    const lost = live.filter(([t]) => t !== s && !seen.has(t)).map(([t]) => `${t} (${String(devices(t)!.loopback)})`);
    if (lost.length) {
      out.push(error('INTENT_BGP_PEER_UNREACHABLE', pointerOf('network', 'routing', 'bgpSpeakers', i),
        `BGP speaker '${s}' has no OSPF path to the loopback of ${lost.join(', ')}: no chain of OSPF adjacencies (interfaces of one area on one subnet) joins them, so those sessions never come up`));
    }
  }

  // LDP on every hop between MPLS devices, and an all-LDP path between PEs.
  const ldpEdges: Adjacency[] = [];
  const reportedLinks = new Set<string>();
  for (const e of adj) {
    const da = devices(e.a.device);
    const db = devices(e.b.device);
    if (!da || !db || da.mpls !== true || db.mpls !== true) continue;
    const off = [e.a, e.b].filter((o) => !mplsOnRef(o.device === da.name ? da : db, o.ref));
    if (off.length === 0) { ldpEdges.push(e); continue; }
    for (const o of off) {
      const key = `${o.device}|${o.ref}`;
      if (reportedLinks.has(key)) continue;
      reportedLinks.add(key);
      const other = o === e.a ? e.b : e.a;
      out.push(error('INTENT_LDP_MISSING', o.pointer,
        `device '${o.device}' '${o.ref}' carries OSPF to MPLS device '${other.device}' (${e.subnet}) without MPLS/LDP (mpls: true on the interface): labelled VPN traffic routed over it is dropped`));
    }
  }
  const pes = live.filter(([s]) => { const d = devices(s)!; return d.mpls === true && isPe(d); });
  for (const [s, i] of pes) {
    const viaOspf = reach(s, adj);
    const viaLdp = reach(s, ldpEdges);
    const broken = pes.filter(([t]) => t !== s && viaOspf.has(t) && !viaLdp.has(t)).map(([t]) => t);
    if (broken.length) {
      out.push(error('INTENT_LDP_PATH_MISSING', pointerOf('network', 'routing', 'bgpSpeakers', i),
        `PE '${s}' reaches ${broken.join(', ')} through OSPF but not through hops that all run LDP: VPN traffic between them has no label switched path`));
    }
  }
}

/** The BGP preference of VPN routes a PE learns from other PEs, as rendered on its platform. */
function vpnIbgpPreference(platform: Platform, hasFloating: boolean): number | undefined {
  const prefs = routePreferencesOf(platform);
  if (!prefs) return undefined;
  return hasFloating && prefs.ibgp > FLOATING_IBGP_PREFERENCE ? FLOATING_IBGP_PREFERENCE : prefs.ibgp;
}

function checkStatics(ctx: RuleContext, out: Finding[]): void {
  const speakers = new Set(bgpSpeakers(ctx).map(([s]) => s));
  const igp = igpOf(ctx) !== undefined;
  // Subnets each PE advertises by BGP in each VPN (import-route direct).
  const advertisedBy = new Map<string, Array<{ device: string; cidr: NonNullable<ReturnType<typeof parseCidr>> }>>();
  for (const i of l3Interfaces(ctx)) {
    if (i.vpn === undefined || !speakers.has(i.device)) continue;
    advertisedBy.set(i.vpn, [...(advertisedBy.get(i.vpn) ?? []), { device: i.device, cidr: i.cidr }]);
  }
  for (const [d, di] of items(ctx.topology.devices)) {
    if (!isString(d.name) || !isString(d.platform)) continue;
    const prefs = routePreferencesOf(d.platform as Platform);
    if (!prefs) continue;
    const routes = items(d.staticRoutes);
    const floatingVpns = new Set(routes.filter(([r]) => r.floating === true && isString(r.vpn)).map(([r]) => r.vpn as string));
    for (const [r, ri] of routes) {
      const prefix = parseCidr(r.prefix);
      if (!prefix) continue;
      const pref = Number.isInteger(r.preference) ? r.preference! : prefs.static;
      const vpn = isString(r.vpn) ? r.vpn : undefined;
      const at = pointerOf('devices', di, 'staticRoutes', ri);
      if (r.floating === true) {
        const rivals: Array<[string, number]> = [];
        if (vpn !== undefined && speakers.has(d.name)) rivals.push(['internal BGP (routes of the other PEs)', vpnIbgpPreference(d.platform as Platform, true)!]);
        if (vpn === undefined && igp && isRecord(d.ospf)) rivals.push(['OSPF', prefs.ospf], ['OSPF external', prefs.ospfExternal]);
        const beaten = rivals.filter(([, p]) => pref <= p);
        if (beaten.length) {
          const need = Math.max(...beaten.map(([, p]) => p)) + 1;
          out.push(error('INTENT_STATIC_FLOATING_WINS', pointerOf('devices', di, 'staticRoutes', ri, ...(r.preference !== undefined ? ['preference'] : [])),
            `device '${d.name}' floating static route ${String(r.prefix)} has preference ${pref}, which beats ${beaten.map(([n, p]) => `${n} (${p})`).join(' and ')} on ${d.platform}: it always wins instead of floating; give it a preference from ${need} to 255`));
        }
        continue;
      }
      if (vpn === undefined || !speakers.has(d.name)) continue;
      const rivals = (advertisedBy.get(vpn) ?? []).filter((o) => o.device !== d.name && sameBlock(o.cidr, prefix) && o.cidr.network === prefix.network && o.cidr.length === prefix.length);
      const ibgp = vpnIbgpPreference(d.platform as Platform, floatingVpns.has(vpn));
      if (rivals.length && ibgp !== undefined && pref < ibgp) {
        out.push(warning('INTENT_STATIC_SHADOWS_BGP', at,
          `device '${d.name}' static route ${String(r.prefix)} in VPN instance '${vpn}' (preference ${pref}) beats the route ${[...new Set(rivals.map((o) => o.device))].join(', ')} advertise${rivals.length === 1 ? 's' : ''} by BGP (preference ${ibgp}): it always wins; if it is a backup, mark it floating: true with a preference above ${FLOATING_IBGP_PREFERENCE}`));
      }
    }
  }
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;
  checkTargets(ctx, out);

  const speakers = new Set(bgpSpeakers(ctx).map(([s]) => s));
  for (const [name, i] of bgpSpeakers(ctx)) {
    const dev = ctx.devices.get(name)?.device;
    if (dev && !isString(dev.loopback)) {
      out.push(error('INTENT_BGP_NO_LOOPBACK', pointerOf('network', 'routing', 'bgpSpeakers', i), `BGP speaker '${name}' has no loopback to peer from; give the device a loopback`));
    }
    if (dev && dev.mpls !== true && isPe(dev)) {
      out.push(error('INTENT_PE_NO_MPLS', pointerOf('network', 'routing', 'bgpSpeakers', i),
        `BGP speaker '${name}' has interfaces in VPN instances (a PE) but does not run MPLS (mpls: true): the VPN routes it advertises have no label switched path to it`));
    }
  }

  for (const [d, di] of items(t.devices)) {
    const who = `device '${String(d.name)}'`;
    if (d.mpls === true && !isString(d.loopback)) {
      out.push(error('INTENT_MPLS_NO_LOOPBACK', pointerOf('devices', di, 'mpls'), `${who} runs MPLS but has no loopback for its LSR id`));
    }
    if (d.mpls !== true) {
      const on: Array<[string, string]> = [
        ...items(d.ports).filter(([p]) => p.mpls === true).map(([p, i]): [string, string] => [`port ${p.name}`, pointerOf('devices', di, 'ports', i, 'mpls')]),
        ...items(d.lags).filter(([l]) => l.mpls === true).map(([l, i]): [string, string] => [`LAG ${l.id}`, pointerOf('devices', di, 'lags', i, 'mpls')]),
        ...items(d.svis).filter(([s]) => s.mpls === true).map(([s, i]): [string, string] => [`VLAN ${s.vlan} interface`, pointerOf('devices', di, 'svis', i, 'mpls')]),
      ];
      for (const [what, pointer] of on) {
        out.push(error('INTENT_MPLS_INTERFACE_WITHOUT_DEVICE', pointer, `${who} enables MPLS on ${what} but not on the device (mpls: true)`));
      }
    }
    if (d.mpls === true && isPe(d) && hasBgpSpeakerList(ctx) && isString(d.name) && !speakers.has(d.name)) {
      out.push(warning('INTENT_PE_NOT_BGP_SPEAKER', pointerOf('devices', di),
        `${who} runs MPLS and has interfaces in VPN instances (a PE) but is not in routing.bgpSpeakers: its VPN routes reach no other PE`));
    }
  }
  checkIgp(ctx, out);
  checkStatics(ctx, out);
  return out;
}

export const routingRule: Rule = {
  id: 'routing',
  description: 'RDs/RTs valid and unique by value; MPLS and BGP speakers have loopbacks; the IGP carries every loopback; LDP on every core hop; floating statics float',
  codes: [
    'INTENT_DUPLICATE_RD', 'INTENT_ROUTE_TARGET_INVALID', 'INTENT_MPLS_NO_LOOPBACK', 'INTENT_BGP_NO_LOOPBACK', 'INTENT_MPLS_INTERFACE_WITHOUT_DEVICE',
    'INTENT_PE_NOT_BGP_SPEAKER', 'INTENT_PE_NO_MPLS', 'INTENT_IGP_MISSING', 'INTENT_IGP_NOT_ON_DEVICE', 'INTENT_OSPF_INTERFACE',
    'INTENT_OSPF_WITHOUT_IGP', 'INTENT_OSPF_AREA_DETACHED', 'INTENT_BGP_PEER_UNREACHABLE', 'INTENT_LDP_MISSING', 'INTENT_LDP_PATH_MISSING',
    'INTENT_STATIC_FLOATING_WINS', 'INTENT_STATIC_SHADOWS_BGP',
  ],
  check,
};
