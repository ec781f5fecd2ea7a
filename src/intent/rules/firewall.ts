/**
 * Firewalls: security zones and NAT servers that the firewall can actually hold.
 *
 * Codes (errors):
 * - INTENT_FIREWALL_ZONE_PRIORITY_REUSED: two security zones of one firewall with one priority
 *   (the priority orders zones for inter-zone policy; it must be unique per firewall).
 * - INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES: one interface in two security zones of a firewall.
 * - INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE: two NAT servers of one firewall publish the same global
 *   address, protocol and port (different ports on one address are fine).
 * - INTENT_FIREWALL_PAIR_NO_HA: two firewalls publish the same NAT server address (or translate to
 *   overlapping source-NAT addresses) but are not a hot-standby (HRP) pair of each other: both would
 *   answer for the address and sessions would not survive a switch-over.
 * - INTENT_FIREWALL_HRP: a hot-standby setting that cannot work: the peer is not a firewall, does not
 *   name this one back, has the same role, or the heartbeat interfaces share no subnet.
 * - INTENT_FIREWALL_NO_SOURCE_NAT: the policy permits traffic from an inside zone of the firewall to a
 *   zone that represents the internet, and no source NAT covers that zone pair: private addresses
 *   would be sent to the internet (replies never come back).
 * - INTENT_FIREWALL_SOURCE_NAT: a source NAT rule whose zones are not on the firewall, or whose
 *   address range runs backwards.
 */
import { pointerOf, type Finding } from '../../model/index.js';
import { parseIpv4 } from '../../ipam/index.js';
import { items, type RuleContext } from '../context.js';
import { isRecord, isString, l3OfRef, strings } from '../facts.js';
import { error, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [d, di] of items(ctx.topology.devices)) {
    const fw = d.firewall;
    if (fw === null || typeof fw !== 'object') continue;
    const who = `firewall '${String(d.name)}'`;
    const priorities = new Map<number, string>();
    const zoneOf = new Map<string, string>();
    for (const [z, zi] of items(fw.zones)) {
      if (Number.isInteger(z.priority)) {
        const first = priorities.get(z.priority);
        if (first !== undefined && first !== z.name) {
          out.push(error('INTENT_FIREWALL_ZONE_PRIORITY_REUSED', pointerOf('devices', di, 'firewall', 'zones', zi, 'priority'),
            `${who}: security zones '${first}' and '${z.name}' both have priority ${z.priority}; each zone needs its own`));
        } else priorities.set(z.priority, String(z.name));
      }
      for (const [iface, ii] of strings(z.interfaces)) {
        const first = zoneOf.get(iface);
        if (first !== undefined && first !== z.name) {
          out.push(error('INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES', pointerOf('devices', di, 'firewall', 'zones', zi, 'interfaces', ii),
            `${who}: interface ${iface} is in security zone '${first}' and in '${z.name}'; an interface belongs to one zone`));
        } else zoneOf.set(iface, String(z.name));
      }
    }
    const published = new Map<string, string>();
    for (const [n, ni] of items(fw.natServers)) {
      if (!isString(n.globalAddress)) continue;
      const key = `${n.globalAddress}|${n.protocol}|${n.globalPort}`;
      const first = published.get(key);
      if (first !== undefined) {
        out.push(error('INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE', pointerOf('devices', di, 'firewall', 'natServers', ni, 'globalAddress'),
          `${who}: NAT servers '${first}' and '${n.name}' both publish ${n.globalAddress} ${n.protocol}/${n.globalPort}; one global address and port can lead to one inside server`));
      } else published.set(key, String(n.name));
    }
  }
  out.push(...checkPairs(ctx));
  out.push(...checkSourceNat(ctx));
  return out;
}

function checkPairs(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const fws = items(ctx.topology.devices).filter(([d]) => isRecord(d.firewall) && isString(d.name));
  const hrpOf = (name: string): { peer?: unknown; interface?: unknown; role?: unknown } | undefined => {
    const d = ctx.devices.get(name)?.device;
    return d && isRecord(d.firewall) && isRecord(d.firewall.hrp) ? d.firewall.hrp : undefined;
  };
  const paired = (a: string, b: string): boolean => hrpOf(a)?.peer === b && hrpOf(b)?.peer === a;
  for (const [d, di] of fws) {
    const hrp = hrpOf(d.name);
    if (!hrp) continue;
    const at = pointerOf('devices', di, 'firewall', 'hrp');
    const peer = isString(hrp.peer) ? ctx.devices.get(hrp.peer)?.device : undefined;
    if (!peer || !isRecord(peer.firewall)) {
      out.push(error('INTENT_FIREWALL_HRP', at, `firewall '${d.name}' names '${String(hrp.peer)}' as its hot-standby peer, which is no firewall of the topology`));
      continue;
    }
    const back = hrpOf(peer.name);
    if (back?.peer !== d.name) {
      out.push(error('INTENT_FIREWALL_HRP', at, `firewall '${d.name}' names '${peer.name}' as its hot-standby peer, but '${peer.name}' does not name it back`));
    } else if (back.role === hrp.role) {
      out.push(error('INTENT_FIREWALL_HRP', pointerOf('devices', di, 'firewall', 'hrp', 'role'), `firewalls '${d.name}' and '${peer.name}' are both hot-standby ${String(hrp.role)}: one must be active, the other standby`));
    }
    const mine = isString(hrp.interface) ? l3OfRef(ctx, d.name, hrp.interface) : [];
    const theirs = back && isString(back.interface) ? l3OfRef(ctx, peer.name, back.interface) : [];
    if (mine.length === 0) {
      out.push(error('INTENT_FIREWALL_HRP', pointerOf('devices', di, 'firewall', 'hrp', 'interface'), `firewall '${d.name}' heartbeat interface '${String(hrp.interface)}' is no addressed interface of the firewall`));
    } else if (back && theirs.length > 0 && !mine.some((a) => theirs.some((b) => a.cidr.network === b.cidr.network && a.cidr.length === b.cidr.length))) {
      out.push(error('INTENT_FIREWALL_HRP', pointerOf('devices', di, 'firewall', 'hrp', 'interface'), `the heartbeat interfaces of '${d.name}' (${String(hrp.interface)}) and '${peer.name}' (${String(back.interface)}) share no subnet`));
    }
  }
  // Shared public addresses need the pair.
  const published = new Map<string, Array<{ device: string; pointer: string }>>();
  const add = (key: string, device: string, pointer: string): void => {
    const list = published.get(key) ?? [];
    if (!list.some((x) => x.device === device)) list.push({ device, pointer });
    published.set(key, list);
  };
  for (const [d, di] of fws) {
    for (const [n, ni] of items(d.firewall!.natServers)) if (parseIpv4(n.globalAddress) !== undefined) add(String(parseIpv4(n.globalAddress)), d.name, pointerOf('devices', di, 'firewall', 'natServers', ni, 'globalAddress'));
    for (const [n, ni] of items(d.firewall!.sourceNat)) {
      const a = isRecord(n.addresses) ? parseIpv4(n.addresses.first) : undefined;
      const b = isRecord(n.addresses) ? parseIpv4(n.addresses.last) : undefined;
      if (a === undefined || b === undefined || b < a || b - a > 4096) continue;
      for (let ip = a; ip <= b; ip++) add(String(ip), d.name, pointerOf('devices', di, 'firewall', 'sourceNat', ni, 'addresses'));
    }
  }
  const reported = new Set<string>();
  for (const [key, list] of published) {
    for (let i = 1; i < list.length; i++) {
      const a = list[0]!;
      const b = list[i]!;
      const pair = [a.device, b.device].sort().join('~');
      if (paired(a.device, b.device) || reported.has(pair)) continue;
      reported.add(pair);
      const address = [24, 16, 8, 0].map((s) => (Number(key) >>> s) & 255).join('.');
      out.push(error('INTENT_FIREWALL_PAIR_NO_HA', b.pointer,
        `firewalls '${a.device}' and '${b.device}' both use public address ${address} but are not a hot-standby pair (firewall.hrp naming each other): both would answer for it, and sessions would be lost at a switch-over`));
    }
  }
  return out;
}

function checkSourceNat(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [d, di] of items(ctx.topology.devices)) {
    if (!isRecord(d.firewall) || !isString(d.name)) continue;
    const zones = new Map(items(d.firewall.zones).filter(([z]) => isString(z.name)).map(([z]) => [z.name, z] as const));
    const nats = items(d.firewall.sourceNat);
    for (const [n, ni] of nats) {
      for (const side of ['from', 'to'] as const) {
        if (isString(n[side]) && !zones.has(n[side])) {
          out.push(error('INTENT_FIREWALL_SOURCE_NAT', pointerOf('devices', di, 'firewall', 'sourceNat', ni, side), `firewall '${d.name}' source NAT '${String(n.name)}' names zone '${n[side]}', which the firewall does not declare`));
        }
      }
      const a = isRecord(n.addresses) ? parseIpv4(n.addresses.first) : undefined;
      const b = isRecord(n.addresses) ? parseIpv4(n.addresses.last) : undefined;
      if (a !== undefined && b !== undefined && b < a) {
        out.push(error('INTENT_FIREWALL_SOURCE_NAT', pointerOf('devices', di, 'firewall', 'sourceNat', ni, 'addresses'), `firewall '${d.name}' source NAT '${String(n.name)}': the address range runs backwards`));
      }
    }
    for (const [p, pi] of items(ctx.topology.policy)) {
      if (p.action !== 'permit' || !isString(p.from) || !isString(p.to)) continue;
      const from = zones.get(p.from);
      const to = zones.get(p.to);
      if (!from || !to || to.represents !== 'internet' || from.represents === 'internet') continue;
      if (nats.some(([n]) => n.from === p.from && n.to === p.to)) continue;
      out.push(error('INTENT_FIREWALL_NO_SOURCE_NAT', pointerOf('policy', pi),
        `policy rule '${p.name}' lets zone '${p.from}' out to the internet (zone '${p.to}') on firewall '${d.name}', but no source NAT (firewall.sourceNat from ${p.from} to ${p.to}) translates its private addresses: replies never come back`));
    }
  }
  return out;
}

export const firewallRule: Rule = {
  id: 'firewall',
  description: 'security zone priorities and interfaces unique per firewall; NAT server global addresses unique',
  codes: [
    'INTENT_FIREWALL_ZONE_PRIORITY_REUSED', 'INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES', 'INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE',
    'INTENT_FIREWALL_PAIR_NO_HA', 'INTENT_FIREWALL_HRP', 'INTENT_FIREWALL_NO_SOURCE_NAT', 'INTENT_FIREWALL_SOURCE_NAT',
  ],
  check,
};
