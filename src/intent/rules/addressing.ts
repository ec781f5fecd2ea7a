/**
 * Addressing: interface addresses usable, unique and non-overlapping within each routing table;
 * department pools disjoint; prefixes written without host bits; static routes reachable.
 *
 * A routing table is a VPN instance, or the global table for interfaces bound to none (loopbacks,
 * LAG addresses). Every interface address defines its connected subnet. What counts as an overlap,
 * inside one routing table:
 * - two subnets that intersect without being the same block (one strictly contains the other,
 *   a loopback /32 inside a connected subnet included): routers would disagree about the segment;
 * - the same subnet on two interfaces of one device: a router cannot attach one subnet twice;
 * - the same subnet on two devices when both segments are known and differ: the two VLAN
 *   interfaces are in different VLANs, or two routed ports are on different links (a routed port
 *   cabled to an access port belongs to that port's VLAN).
 * The same subnet on the same segment on different devices is EXPECTED: the two members of a VRRP
 * pair, the two ends of a point-to-point link, several routers on one VLAN. So is the same subnet
 * where a segment is unknown (an interface with no modelled link): it cannot be proven wrong.
 * Identical addresses are INTENT_ADDRESS_DUPLICATE, not also an overlap.
 *
 * Department pools (and remote-access pools) are address space: each department's interfaces lie
 * inside its pools, so an interface inside a pool of its own VPN instance is fine, and one that
 * straddles a pool's edge is an overlap. Pools of all departments must be disjoint, since shared
 * services learn them side by side. Across VPN instances: an instance holds its own prefixes
 * (interface subnets, its departments' pools) and those of every instance it learns routes from
 * (see reachability.ts); two of those from different instances must not overlap.
 *
 * Codes:
 * - INTENT_ADDRESS_IS_NETWORK, INTENT_ADDRESS_IS_BROADCAST (error): an interface address that is its
 *   subnet's network or broadcast address (prefixes /30 and shorter).
 * - INTENT_ADDRESS_DUPLICATE (error): one address on two interfaces of one routing table.
 * - INTENT_ADDRESS_OVERLAP (error): overlapping subnets in one routing table, as defined above.
 * - INTENT_ADDRESS_OVERLAP_LEARNED (error): one VPN instance holds overlapping prefixes of two instances
 *   (its own and a learned one, or two learned ones), pool against pool excepted (INTENT_POOL_OVERLAP).
 * - INTENT_POOL_OVERLAP (error): two department or remote-access pools overlap.
 * - INTENT_PREFIX_HOST_BITS (error): a prefix (static route, pool, policy destination) has host bits set.
 * - INTENT_STATIC_ROUTE_NEXT_HOP (warning): a next hop in no connected subnet of the device in the
 *   route's table, or equal to one of the device's own addresses.
 */
import { pointerOf, type Finding } from '../../model/index.js';
import {
  cidrContains, cidrContainsAddress, cidrOverlaps, formatIpv4, overlappingPairs, formatPrefix, hasHostBits, isBroadcastAddress,
  isNetworkAddress, parseCidr, parseIpv4, sameBlock, type Cidr,
} from '../../ipam/index.js';
import { items, type RuleContext } from '../context.js';
import { describeTable, isString, l3Interfaces, strings, type L3Interface } from '../facts.js';
import { computeReachability } from '../reachability.js';
import { error, warning, type Rule } from '../rule.js';

interface Pool {
  department: string;
  vpn: string | undefined;
  cidr: Cidr;
  pointer: string;
  label: string;
}

/** A prefix that some instance originates: an interface subnet or a pool. */
interface Originated {
  vpn: string;
  cidr: Cidr;
  pointer: string;
  label: string;
  pool: boolean;
}

function ifaceLabel(i: L3Interface): string {
  return `${i.cidr.text} on ${i.device} ${i.label}`;
}

/** Why two interfaces of one table overlap, or undefined when they may share the subnet. */
function overlapReason(a: L3Interface, b: L3Interface): string | undefined {
  if (!cidrOverlaps(a.cidr, b.cidr) || a.cidr.address === b.cidr.address) return undefined;
  const table = describeTable(b.vpn);
  if (!sameBlock(a.cidr, b.cidr)) {
    return `${ifaceLabel(b)} overlaps ${ifaceLabel(a)} in ${table}: the subnets ${formatPrefix(b.cidr)} and ${formatPrefix(a.cidr)} intersect but differ`;
  }
  if (a.device === b.device) {
    return `${ifaceLabel(b)} is in the same subnet ${formatPrefix(b.cidr)} as ${a.label} of the same device (${table}): one router cannot attach a subnet twice`;
  }
  if (a.segment !== undefined && b.segment !== undefined && a.segment !== b.segment) {
    return `${ifaceLabel(b)} reuses subnet ${formatPrefix(b.cidr)} of ${ifaceLabel(a)} in ${table}, but they are on different segments (${describeSegment(b.segment)} vs ${describeSegment(a.segment)})`;
  }
  return undefined;
}

function describeSegment(s: string): string {
  if (s.startsWith('vlan:')) return `VLAN ${s.slice(5)}`;
  if (s.startsWith('p2p:')) return `link ${s.slice(4).replace(/\|/g, ' ').replace('~', ' -- ')}`;
  return s;
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;
  const ifaces = l3Interfaces(ctx);

  // Usable host addresses.
  for (const i of ifaces) {
    if (i.kind === 'loopback') continue;
    if (isNetworkAddress(i.cidr)) {
      out.push(error('INTENT_ADDRESS_IS_NETWORK', i.pointer, `${i.device} ${i.label}: ${i.cidr.text} is the network address of ${formatPrefix(i.cidr)}, not a host address`));
    } else if (isBroadcastAddress(i.cidr)) {
      out.push(error('INTENT_ADDRESS_IS_BROADCAST', i.pointer, `${i.device} ${i.label}: ${i.cidr.text} is the broadcast address of ${formatPrefix(i.cidr)}, not a host address`));
    }
  }

  // Duplicates and overlaps, per routing table.
  const tables = new Map<string, L3Interface[]>();
  for (const i of ifaces) {
    const list = tables.get(i.vpn ?? '');
    if (list) list.push(i); else tables.set(i.vpn ?? '', [i]);
  }
  for (const list of tables.values()) {
    const firstAt = new Map<number, L3Interface>();
    for (const i of list) {
      const first = firstAt.get(i.cidr.address);
      if (first) {
        out.push(error('INTENT_ADDRESS_DUPLICATE', i.pointer,
          `${formatIpv4(i.cidr.address)} on ${i.device} ${i.label} is already the address of ${first.device} ${first.label} in ${describeTable(i.vpn)}`));
      } else firstAt.set(i.cidr.address, i);
    }
    for (const [k, j] of overlappingPairs(list, (i) => i.cidr)) {
      const reason = overlapReason(list[k]!, list[j]!);
      if (reason) out.push(error('INTENT_ADDRESS_OVERLAP', list[j]!.pointer, reason));
    }
  }

  // Pools.
  const pools: Pool[] = [];
  for (const [d, di] of items(t.departments)) {
    const vpn = isString(d.vpn) ? d.vpn : undefined;
    for (const [p, pi] of strings(d.pools)) {
      const cidr = parseCidr(p);
      if (cidr) pools.push({ department: String(d.id), vpn, cidr, pointer: pointerOf('departments', di, 'pools', pi), label: `pool ${p} of department '${String(d.id)}'` });
    }
    const ra = parseCidr(d.remoteAccessPool);
    if (ra) pools.push({ department: String(d.id), vpn, cidr: ra, pointer: pointerOf('departments', di, 'remoteAccessPool'), label: `remote-access pool ${ra.text} of department '${String(d.id)}'` });
  }
  for (const p of pools) {
    if (hasHostBits(p.cidr)) out.push(error('INTENT_PREFIX_HOST_BITS', p.pointer, `${p.label} has host bits set: write ${formatPrefix(p.cidr)}`));
  }
  for (const [k, j] of overlappingPairs(pools, (p) => p.cidr)) {
    out.push(error('INTENT_POOL_OVERLAP', pools[j]!.pointer, `${pools[j]!.label} overlaps ${pools[k]!.label}: pools must be disjoint, since shared services learn them side by side`));
  }
  const poolsByVpn = new Map<string, Pool[]>();
  for (const p of pools) {
    if (p.vpn === undefined) continue;
    const list = poolsByVpn.get(p.vpn);
    if (list) list.push(p); else poolsByVpn.set(p.vpn, [p]);
  }
  for (const i of ifaces) {
    for (const p of (i.vpn !== undefined ? poolsByVpn.get(i.vpn) : undefined) ?? []) {
      if (cidrOverlaps(p.cidr, i.cidr) && !cidrContains(p.cidr, i.cidr)) {
        out.push(error('INTENT_ADDRESS_OVERLAP', i.pointer, `${ifaceLabel(i)} straddles the edge of ${p.label} in ${describeTable(i.vpn)}: a subnet must lie inside the pool or outside it`));
      }
    }
  }

  // Across VPN instances: what one instance holds (its own prefixes and those it learns) must not overlap.
  const originated = new Map<string, Originated[]>();
  const originate = (o: Originated): void => {
    const list = originated.get(o.vpn);
    if (list) list.push(o); else originated.set(o.vpn, [o]);
  };
  for (const i of ifaces) if (i.vpn !== undefined) originate({ vpn: i.vpn, cidr: i.cidr, pointer: i.pointer, label: ifaceLabel(i), pool: false });
  for (const p of pools) if (p.vpn !== undefined) originate({ vpn: p.vpn, cidr: p.cidr, pointer: p.pointer, label: p.label, pool: true });
  const graph = computeReachability(t);
  const reported = new Set<string>();
  for (const learner of graph.instances) {
    const sources = graph.edges.filter((e) => e.learner === learner.name);
    if (sources.length === 0) continue;
    const held = [learner.name, ...sources.map((e) => e.source)].flatMap((v) => originated.get(v) ?? []);
    for (const [k, j] of overlappingPairs(held, (o) => o.cidr)) {
      const [a, b] = [held[k]!, held[j]!];
      if (a.vpn === b.vpn || (a.pool && b.pool)) continue; // pools: INTENT_POOL_OVERLAP
      const key = [a.pointer, b.pointer].sort().join(' ');
      if (reported.has(key)) continue;
      reported.add(key);
      const how = (o: Originated): string => (o.vpn === learner.name ? `its own ${o.label}` : `${o.label} learned from '${o.vpn}'`);
      out.push(error('INTENT_ADDRESS_OVERLAP_LEARNED', b.pointer,
        `VPN instance '${learner.name}' holds ${how(b)} and ${how(a)}: the two overlap, so one of them is unreachable from '${learner.name}'`));
    }
  }

  // Static routes and policy destinations.
  for (const [d, di] of items(t.devices)) {
    const own = ifaces.filter((i) => i.device === d.name && i.kind !== 'loopback');
    for (const [r, ri] of items(d.staticRoutes)) {
      const prefix = parseCidr(r.prefix);
      const at = pointerOf('devices', di, 'staticRoutes', ri);
      if (prefix && hasHostBits(prefix)) {
        out.push(error('INTENT_PREFIX_HOST_BITS', pointerOf('devices', di, 'staticRoutes', ri, 'prefix'),
          `device '${String(d.name)}' static route ${prefix.text} has host bits set: write ${formatPrefix(prefix)}`));
      }
      const hop = parseIpv4(r.nextHop);
      if (hop === undefined) continue;
      const vpn = isString(r.vpn) ? r.vpn : undefined;
      const inTable = own.filter((i) => i.vpn === vpn);
      if (inTable.some((i) => i.cidr.address === hop)) {
        out.push(warning('INTENT_STATIC_ROUTE_NEXT_HOP', at, `device '${String(d.name)}' static route ${String(r.prefix)} points at ${r.nextHop}, which is the device's own address`));
      } else if (!inTable.some((i) => cidrContainsAddress(i.cidr, hop))) {
        out.push(warning('INTENT_STATIC_ROUTE_NEXT_HOP', at,
          `device '${String(d.name)}' static route ${String(r.prefix)} via ${r.nextHop}: no interface of the device in ${describeTable(vpn)} has a subnet containing the next hop`));
      }
    }
  }
  for (const [p, pi] of items(t.policy)) {
    for (const [dest, k] of strings(p.destination)) {
      const c = parseCidr(dest);
      if (c && hasHostBits(c)) out.push(error('INTENT_PREFIX_HOST_BITS', pointerOf('policy', pi, 'destination', k), `policy rule '${p.name}' destination ${dest} has host bits set: write ${formatPrefix(c)}`));
    }
  }
  return out;
}

export const addressingRule: Rule = {
  id: 'addressing',
  description: 'interface addresses usable, unique and non-overlapping per routing table; pools disjoint; prefixes clean',
  codes: [
    'INTENT_ADDRESS_IS_NETWORK', 'INTENT_ADDRESS_IS_BROADCAST', 'INTENT_ADDRESS_DUPLICATE', 'INTENT_ADDRESS_OVERLAP',
    'INTENT_ADDRESS_OVERLAP_LEARNED', 'INTENT_POOL_OVERLAP', 'INTENT_PREFIX_HOST_BITS', 'INTENT_STATIC_ROUTE_NEXT_HOP',
  ],
  check,
};
