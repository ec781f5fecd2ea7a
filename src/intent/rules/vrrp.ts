/**
 * VRRP: every group a working gateway pair. Members that name an unknown device are left to the
 * `references` rule; a model without VRRP to `platform-support`.
 *
 * Codes:
 * - INTENT_VRRP_NO_SVI (error): a member device has no VLAN interface for the member's VLAN.
 * - INTENT_VRRP_VIP_OUTSIDE_SUBNET (error): the virtual IP lies in none of the member's VLAN-interface subnets.
 * - INTENT_VRRP_VIP_IS_INTERFACE_ADDRESS (error): the virtual IP is a real interface address in the
 *   members' routing table (the schema caps priority at 254, so no member may own the address).
 * - INTENT_VRRP_VIP_DUPLICATE (error): two groups with one virtual IP in one routing table.
 * - INTENT_VRRP_VLAN_MISMATCH (error): members in different VLANs.
 * - INTENT_VRRP_SUBNET_MISMATCH (error): members whose subnets hold the virtual IP but differ in length.
 * - INTENT_VRRP_VPN_MISMATCH (error): members' VLAN interfaces in different VPN instances.
 * - INTENT_VRRP_DUPLICATE_MEMBER (error): one device twice in a group.
 * - INTENT_VRRP_VRID_REUSED (error): two groups with the same VRID on one VLAN of one device.
 * - INTENT_VRRP_PRIORITY_TIE (warning): two members with the same priority: the master is then
 *   chosen by highest interface address, not by intent.
 * - INTENT_VRRP_SINGLE_MEMBER (warning): a group of one: no redundancy.
 * - INTENT_VRRP_TRACK_UNKNOWN (error): a tracked interface that is not a port of the device or `lag:N`
 *   of one of its LAGs.
 * - INTENT_VRRP_TRACK_INEFFECTIVE (warning): the master's priority minus all its tracks' reductions
 *   still is not below the best backup's, so losing every tracked interface never moves the master.
 * - INTENT_VRRP_GATEWAY_SPLIT (error): one gateway (one VLAN, one VRID) declared as two groups or more
 *   on different devices: the members are one VRRP group on the wire, so the model must say so (and
 *   the single-member warnings are not given for them).
 * - INTENT_VRRP_VIP_MISMATCH (error): the members of one gateway (one VLAN, one VRID) do not agree on
 *   the virtual address: each side believes itself master of a different address, both forward.
 * - INTENT_VRRP_MEMBER_CANNOT_ROUTE (error): a member of a gateway in a VPN instance that reaches
 *   beyond the device (its routes come from or go to other instances or devices) cannot route that
 *   VPN when it becomes master: it is no PE (BGP speaker with MPLS L3VPN) and has no VRF-lite route in
 *   the instance to a PE's address. Any member becomes master when the others fail.
 */
import { pointerOf, type Finding, type Svi } from '../../model/index.js';
import { cidrContainsAddress, formatPrefix, parseCidr, parseIpv4, sameBlock, type Cidr } from '../../ipam/index.js';
import { items, type RuleContext } from '../context.js';
import { bgpSpeakers, describeTable, interfaceExists, isString, knowsInventory, l3Interfaces, modelOf, parseLagRef } from '../facts.js';
import { computeReachability } from '../reachability.js';
import { error, warning, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const ifaces = l3Interfaces(ctx);
  // The first interface holding each address, per routing table ('' is the global table).
  const addressOwner = new Map<string, (typeof ifaces)[number]>();
  for (const i of ifaces) {
    const key = `${i.vpn ?? ''}|${i.cidr.address}`;
    if (!addressOwner.has(key)) addressOwner.set(key, i);
  }
  const vridUse = new Map<string, string>(); // device|vlan|vrid → group name
  const vipUse = new Map<string, string>(); // table|virtual IP → group name
  const split = splitGroups(ctx);
  const vridReported = new Set<string>();

  for (const [g, gi] of items(ctx.topology.vrrp)) {
    const group = `VRRP group '${String(g.name)}'`;
    const members = items(g.members);
    const vip = parseIpv4(g.virtualIp);
    if (members.length === 1 && !split.has(gi)) {
      out.push(warning('INTENT_VRRP_SINGLE_MEMBER', pointerOf('vrrp', gi, 'members'), `${group} has one member (${String(members[0]![0].device)}): no redundancy for this gateway`));
    }

    const seenDevices = new Set<string>();
    const firstVlan = members[0]?.[0].vlan;
    const holding: Array<{ device: string; cidr: Cidr; mi: number }> = [];
    const tables = new Map<string, string[]>(); // table → member devices
    const priorities = new Map<number, string>();

    for (const [m, mi] of members) {
      const at = (...segs: (string | number)[]): string => pointerOf('vrrp', gi, 'members', mi, ...segs);
      if (!isString(m.device)) continue;
      if (seenDevices.has(m.device)) {
        out.push(error('INTENT_VRRP_DUPLICATE_MEMBER', at('device'), `${group} lists ${m.device} twice`));
        continue;
      }
      seenDevices.add(m.device);
      if (m.vlan !== firstVlan) {
        out.push(error('INTENT_VRRP_VLAN_MISMATCH', at('vlan'), `${group}: ${m.device} is in VLAN ${m.vlan} but ${String(members[0]![0].device)} in VLAN ${String(firstVlan)}; members must share one VLAN`));
      }
      if (Number.isInteger(m.priority)) {
        const tie = priorities.get(m.priority);
        if (tie !== undefined) {
          out.push(warning('INTENT_VRRP_PRIORITY_TIE', at('priority'), `${group}: ${m.device} and ${tie} both have priority ${m.priority}; the master would be chosen by interface address, not by intent`));
        } else priorities.set(m.priority, m.device);
      }
      const key = `${m.device}|${m.vlan}|${g.vrid}`;
      const other = vridUse.get(key);
      if (other !== undefined && other !== g.name) {
        // One finding per pair of groups (it sits on the group's VRID, not on each shared member).
        if (!vridReported.has(`${gi}|${other}`)) {
          vridReported.add(`${gi}|${other}`);
          out.push(error('INTENT_VRRP_VRID_REUSED', pointerOf('vrrp', gi, 'vrid'), `${group} uses VRID ${g.vrid} on VLAN ${m.vlan} of ${m.device}, as group '${other}' does: the two would share one virtual MAC`));
        }
      } else vridUse.set(key, String(g.name));

      const dev = ctx.devices.get(m.device)?.device;
      if (!dev) continue; // unknown or broken device: rule `references`
      const svi = items(dev.svis).find(([s]) => s.vlan === m.vlan)?.[0] as Svi | undefined;
      if (!svi) {
        out.push(error('INTENT_VRRP_NO_SVI', at('vlan'), `${group}: ${m.device} has no VLAN ${m.vlan} interface to run VRRP on`));
      } else {
        const table = isString(svi.vpn) ? svi.vpn : '';
        tables.set(table, [...(tables.get(table) ?? []), m.device]);
        const subnets = (Array.isArray(svi.addresses) ? svi.addresses : []).map(parseCidr).filter((c): c is Cidr => c !== undefined);
        if (vip !== undefined && subnets.length > 0) {
          const inside = subnets.find((c) => cidrContainsAddress(c, vip));
          if (inside) holding.push({ device: m.device, cidr: inside, mi });
          else {
            out.push(error('INTENT_VRRP_VIP_OUTSIDE_SUBNET', at(),
              `${group}: virtual IP ${String(g.virtualIp)} is outside ${m.device}'s VLAN ${m.vlan} subnet${subnets.length > 1 ? 's' : ''} ${subnets.map(formatPrefix).join(', ')}`));
          }
        }
      }
      for (const [t, ti] of items(m.track)) {
        if (!isString(t.interface)) continue;
        if (!knowsInventory(dev) && parseLagRef(t.interface) === undefined) continue;
        if (!interfaceExists(dev, t.interface)) {
          out.push(error('INTENT_VRRP_TRACK_UNKNOWN', at('track', ti, 'interface'),
            `${group}: ${m.device} tracks '${t.interface}', which is neither a port of the device nor one of its LAGs (lag:N)`));
        }
      }
    }

    for (const h of holding.slice(1)) {
      const first = holding[0]!;
      if (!sameBlock(h.cidr, first.cidr)) {
        out.push(error('INTENT_VRRP_SUBNET_MISMATCH', pointerOf('vrrp', gi, 'members', h.mi),
          `${group}: ${h.device} has the gateway's subnet as ${formatPrefix(h.cidr)} but ${first.device} as ${formatPrefix(first.cidr)}`));
      }
    }
    if (tables.size > 1) {
      const described = [...tables].map(([tb, devs]) => `${devs.join(', ')} in ${describeTable(tb || undefined)}`).join('; ');
      out.push(error('INTENT_VRRP_VPN_MISMATCH', pointerOf('vrrp', gi, 'members'), `${group}: members' VLAN interfaces are in different routing tables (${described})`));
    }
    if (vip !== undefined) {
      for (const table of tables.keys()) {
        const other = vipUse.get(`${table}|${vip}`);
        if (other !== undefined && other !== g.name) {
          out.push(error('INTENT_VRRP_VIP_DUPLICATE', pointerOf('vrrp', gi, 'virtualIp'),
            `${group} and group '${other}' both use virtual IP ${String(g.virtualIp)} in ${describeTable(table || undefined)}`));
        } else vipUse.set(`${table}|${vip}`, String(g.name));
      }
      for (const table of tables.keys()) {
        const owner = addressOwner.get(`${table}|${vip}`);
        if (owner) {
          out.push(error('INTENT_VRRP_VIP_IS_INTERFACE_ADDRESS', pointerOf('vrrp', gi, 'virtualIp'),
            `${group}: virtual IP ${String(g.virtualIp)} is the real address of ${owner.device} ${owner.label}; use a free address for the gateway`));
          break;
        }
      }
    }

    // Tracking on the master must be able to hand mastership over, at least when every tracked
    // interface is down (tracking two uplinks with half the needed reduction each is a design:
    // fail over only when both are lost).
    const ranked = members.filter(([m]) => Number.isInteger(m.priority)).sort(([a], [b]) => b.priority - a.priority);
    if (ranked.length >= 2 && ranked[0]![0].priority > ranked[1]![0].priority) {
      const [master, mi] = ranked[0]!;
      const backup = ranked[1]![0];
      const tracks = items(master.track).filter(([t]) => Number.isInteger(t.reduce));
      const total = tracks.reduce((sum, [t]) => sum + t.reduce, 0);
      if (tracks.length > 0 && master.priority - total >= backup.priority) {
        const names = tracks.map(([t]) => String(t.interface)).join(' and ');
        out.push(warning('INTENT_VRRP_TRACK_INEFFECTIVE', pointerOf('vrrp', gi, 'members', mi, 'track'),
          `${group}: even with ${names} down, ${master.device}'s priority only drops from ${master.priority} to ${master.priority - total}, not below ${backup.device}'s ${backup.priority}: the master never moves`));
      }
    }
  }
  out.push(...checkGateways(ctx));
  out.push(...checkRoutingMembers(ctx));
  return out;
}

/** Groups that are one gateway on the wire: one VLAN and one VRID, on different devices. */
function checkGateways(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const byGateway = new Map<string, Array<{ gi: number; name: string; vip: unknown; devices: string[] }>>();
  for (const [g, gi] of items(ctx.topology.vrrp)) {
    if (!Number.isInteger(g.vrid)) continue;
    for (const vlan of new Set(items(g.members).map(([m]) => m.vlan).filter((v) => Number.isInteger(v)))) {
      const key = `${vlan}|${g.vrid}`;
      const devices = items(g.members).filter(([m]) => m.vlan === vlan && isString(m.device)).map(([m]) => m.device);
      byGateway.set(key, [...(byGateway.get(key) ?? []), { gi, name: String(g.name), vip: g.virtualIp, devices }]);
    }
  }
  for (const [key, groups] of byGateway) {
    if (groups.length < 2) continue;
    const [vlan, vrid] = key.split('|');
    const first = groups[0]!;
    for (const other of groups.slice(1)) {
      if (other.devices.every((d) => first.devices.includes(d))) continue; // same devices: INTENT_VRRP_VRID_REUSED
      out.push(error('INTENT_VRRP_GATEWAY_SPLIT', pointerOf('vrrp', other.gi, 'vrid'),
        `VRRP groups '${first.name}' (${first.devices.join(', ')}) and '${other.name}' (${other.devices.join(', ')}) are one gateway on the wire (VLAN ${vlan}, VRID ${vrid}): declare it as one group with every member`));
      if (other.vip !== first.vip) {
        out.push(error('INTENT_VRRP_VIP_MISMATCH', pointerOf('vrrp', other.gi, 'virtualIp'),
          `the members of the gateway on VLAN ${vlan}, VRID ${vrid} disagree on its virtual address: ${String(first.vip)} in '${first.name}', ${String(other.vip)} in '${other.name}'`));
      }
    }
  }
  return out;
}

/** Groups that are part of a split gateway: another group on the same VLAN and VRID has none of their devices. */
function splitGroups(ctx: RuleContext): Set<number> {
  const byKey = new Map<string, Array<{ gi: number; devices: Set<string> }>>();
  for (const [g, gi] of items(ctx.topology.vrrp)) {
    if (!Number.isInteger(g.vrid)) continue;
    for (const [m] of items(g.members)) {
      if (!Number.isInteger(m.vlan) || !isString(m.device)) continue;
      const key = `${m.vlan}|${g.vrid}`;
      const list = byKey.get(key) ?? [];
      let entry = list.find((e) => e.gi === gi);
      if (!entry) { entry = { gi, devices: new Set() }; list.push(entry); }
      entry.devices.add(m.device);
      byKey.set(key, list);
    }
  }
  const out = new Set<number>();
  for (const list of byKey.values()) {
    for (const a of list) {
      if (list.some((b) => b !== a && [...b.devices].every((d) => !a.devices.has(d)))) out.add(a.gi);
    }
  }
  return out;
}

/** Every member of a gateway in a VPN that reaches beyond the device can route that VPN as master. */
function checkRoutingMembers(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const speakers = new Set(bgpSpeakers(ctx).map(([s]) => s));
  const ifaces = l3Interfaces(ctx);
  const graph = computeReachability(ctx.topology);
  const isPe = (name: string): boolean => {
    const d = ctx.devices.get(name)?.device;
    return d !== undefined && speakers.has(name) && d.mpls === true && modelOf(d)?.capabilities.mplsL3vpn === true;
  };
  const reachesBeyond = (vpn: string, device: string): boolean =>
    graph.edges.some((e) => e.learner === vpn || e.source === vpn) || ifaces.some((i) => i.vpn === vpn && i.device !== device);
  /** A static route in `vpn` whose next hop is a PE's address in `vpn` on a subnet of the device. */
  const vrfLiteUplink = (name: string, vpn: string): boolean => {
    const d = ctx.devices.get(name)?.device;
    if (!d) return false;
    const own = ifaces.filter((i) => i.device === name && i.vpn === vpn);
    return items(d.staticRoutes).some(([r]) => {
      if (r.vpn !== vpn) return false;
      const hop = parseIpv4(r.nextHop);
      if (hop === undefined || !own.some((i) => cidrContainsAddress(i.cidr, hop))) return false;
      return ifaces.some((i) => i.vpn === vpn && i.cidr.address === hop && i.device !== name && isPe(i.device));
    });
  };
  for (const [g, gi] of items(ctx.topology.vrrp)) {
    const members = items(g.members).filter(([m]) => isString(m.device));
    if (members.length < 2) continue;
    for (const [m, mi] of members) {
      const d = ctx.devices.get(m.device)?.device;
      const svi = d ? items(d.svis).find(([s]) => s.vlan === m.vlan)?.[0] : undefined;
      if (!svi || !isString(svi.vpn)) continue;
      const vpn = svi.vpn;
      if (!reachesBeyond(vpn, m.device) || isPe(m.device) || vrfLiteUplink(m.device, vpn)) continue;
      out.push(error('INTENT_VRRP_MEMBER_CANNOT_ROUTE', pointerOf('vrrp', gi, 'members', mi, 'device'),
        `VRRP group '${String(g.name)}': ${m.device} becomes master of this gateway of VPN instance '${vpn}' when the others fail, but it cannot route that VPN: it is no PE (BGP speaker with MPLS L3VPN) and has no static route in '${vpn}' to a PE's address (VRF-lite uplink); its hosts would lose everything beyond the VLAN`));
    }
  }
  return out;
}

export const vrrpRule: Rule = {
  id: 'vrrp',
  description: 'VRRP groups: interfaces, virtual IP, VLAN, subnet, priorities, VRIDs and tracking consistent',
  codes: [
    'INTENT_VRRP_NO_SVI', 'INTENT_VRRP_VIP_OUTSIDE_SUBNET', 'INTENT_VRRP_VIP_IS_INTERFACE_ADDRESS', 'INTENT_VRRP_VIP_DUPLICATE', 'INTENT_VRRP_VLAN_MISMATCH',
    'INTENT_VRRP_SUBNET_MISMATCH', 'INTENT_VRRP_VPN_MISMATCH', 'INTENT_VRRP_DUPLICATE_MEMBER', 'INTENT_VRRP_VRID_REUSED',
    'INTENT_VRRP_PRIORITY_TIE', 'INTENT_VRRP_SINGLE_MEMBER', 'INTENT_VRRP_TRACK_UNKNOWN', 'INTENT_VRRP_TRACK_INEFFECTIVE',
    'INTENT_VRRP_GATEWAY_SPLIT', 'INTENT_VRRP_VIP_MISMATCH', 'INTENT_VRRP_MEMBER_CANNOT_ROUTE',
  ],
  check,
};
