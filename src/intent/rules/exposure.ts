/**
 * Isolation on the firewalls: what the internet and remote users can reach through zones, policies,
 * NAT and remote access (route targets are the `isolation` rule's). A department's address space is
 * its pools, its remote-access pool and every subnet of an interface bound to its VPN instance.
 * A security zone belongs to a department when it says so (`department:`), holds an interface bound
 * to the department's VPN instance, or receives the department's remote-access users.
 *
 * Codes (errors):
 * - INTENT_ISOLATION_NAT_INSIDE: a NAT server's inside address is not in the public zone: the
 *   firewall interface whose subnet (or static route) holds it is in no zone representing `public`,
 *   or the address lies in a department's space.
 * - INTENT_ISOLATION_ZONE_MEMBER: a department's interface (bound to its VPN, or addressed in its
 *   space) sits in a zone that represents the internet or the public zone, or in another
 *   department's zone; or an interface bound to any instance other than the public zone's (or the
 *   internet's) sits in a zone that represents the internet or the public zone.
 * - INTENT_ISOLATION_ZONE_MIXED: one zone holds the interfaces (or remote users) of two departments,
 *   so any policy naming it opens one department to the other.
 * - INTENT_ISOLATION_POLICY_DEPARTMENTS: a permit between the zones of two different departments.
 * - INTENT_ISOLATION_POLICY_INTERNET_DEST: a permit from the internet to a destination in a
 *   department's space.
 * - INTENT_ISOLATION_POLICY_REMOTE_ACCESS_SCOPE: a permit from a department's remote-access zone to
 *   another department's zone, or to destinations outside the department's own space (none given
 *   counts as everything).
 * - INTENT_ISOLATION_REMOTE_ACCESS_ZONE: a remote-access group whose zone is missing where several
 *   could hold it, is not on the terminating firewall, does not represent remote-access, or belongs to
 *   another department.
 * - INTENT_REMOTE_ACCESS_INCOMPLETE: remote access without an IKE pre-shared key (IPsec cannot be
 *   rendered: users would cross the internet in clear), or a group whose department has no
 *   remoteAccessPool (its users get no address).
 */
import { pointerOf, type Device, type Finding, type SecurityZone } from '../../model/index.js';
import { cidrContains, cidrContainsAddress, cidrOverlaps, parseCidr, parseIpv4, type Cidr } from '../../ipam/index.js';
import { items, type RuleContext } from '../context.js';
import {
  departmentsById, isRecord, isString, l3Interfaces, l3OfRef, remoteAccessFirewall, remoteAccessGroups, securityZones, strings,
} from '../facts.js';
import { error, type Rule } from '../rule.js';

interface Space {
  department: string;
  cidr: Cidr;
}

/** Every department's address space. */
function departmentSpace(ctx: RuleContext): Space[] {
  const out: Space[] = [];
  const byVpn = new Map<string, string>();
  for (const [d] of departmentsById(ctx).values()) {
    if (isString(d.vpn)) byVpn.set(d.vpn, d.id);
    for (const [p] of strings(d.pools)) { const c = parseCidr(p); if (c) out.push({ department: d.id, cidr: c }); }
    const ra = parseCidr(d.remoteAccessPool);
    if (ra) out.push({ department: d.id, cidr: ra });
  }
  for (const i of l3Interfaces(ctx)) {
    const dept = i.vpn !== undefined ? byVpn.get(i.vpn) : undefined;
    if (dept !== undefined && i.kind !== 'loopback') out.push({ department: dept, cidr: i.cidr });
  }
  return out;
}

function departmentOfAddress(space: readonly Space[], ip: number): string | undefined {
  return space.find((s) => cidrContainsAddress(s.cidr, ip))?.department;
}

function departmentsOfPrefix(space: readonly Space[], c: Cidr): string[] {
  return [...new Set(space.filter((s) => cidrOverlaps(s.cidr, c)).map((s) => s.department))];
}

interface ZoneFacts {
  device: Device;
  deviceIndex: number;
  zone: SecurityZone;
  zoneIndex: number;
  /** Department → where it comes from (an interface, the declaration, remote users). */
  departments: Map<string, string>;
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;
  const departments = departmentsById(ctx);
  const deptOfVpn = new Map<string, string>();
  for (const [d] of departments.values()) if (isString(d.vpn)) deptOfVpn.set(d.vpn, d.id);
  const space = departmentSpace(ctx);
  const raFirewall = remoteAccessFirewall(ctx);
  const groups = remoteAccessGroups(ctx);

  // ---------------------------------------------------------------- zones and their members
  // The instances that may sit behind a zone the internet reaches: the public zone's and the internet's.
  const outwardVpns = new Set<string>();
  for (const [v] of items(t.vpnInstances)) if (isString(v.name) && (v.kind === 'internet' || v.zone === 'public')) outwardVpns.add(v.name);
  for (const [z] of items(t.zones)) if (z.id === 'public' && isString(z.vpn)) outwardVpns.add(z.vpn);
  const zoneFacts: ZoneFacts[] = [];
  for (const [d, di] of items(t.devices)) {
    if (!isRecord(d.firewall) || !isString(d.name)) continue;
    for (const [z, zi] of items(d.firewall.zones)) {
      if (!isRecord(z) || !isString(z.name)) continue;
      const facts: ZoneFacts = { device: d, deviceIndex: di, zone: z, zoneIndex: zi, departments: new Map() };
      if (isString(z.department)) facts.departments.set(z.department, 'its declaration');
      for (const [ref, ri] of strings(z.interfaces)) {
        const at = pointerOf('devices', di, 'firewall', 'zones', zi, 'interfaces', ri);
        for (const l3 of l3OfRef(ctx, d.name, ref)) {
          // Behind a zone the internet reaches, only the public zone's instance (or the firewall's own table).
          if ((z.represents === 'public' || z.represents === 'internet') && l3.vpn !== undefined && !outwardVpns.has(l3.vpn) && !deptOfVpn.has(l3.vpn)) {
            out.push(error('INTENT_ISOLATION_ZONE_MEMBER', at,
              `firewall '${d.name}' puts ${ref} (bound to VPN instance '${l3.vpn}', which is not the public zone's) in zone '${z.name}', which stands for the ${z.represents === 'internet' ? 'internet' : 'public zone the internet reaches'}: the instance would be exposed`));
          }
          const owner = (l3.vpn !== undefined ? deptOfVpn.get(l3.vpn) : undefined) ?? departmentOfAddress(space, l3.cidr.address);
          if (owner === undefined) continue;
          const why = l3.vpn !== undefined && deptOfVpn.get(l3.vpn) === owner ? `bound to VPN instance '${l3.vpn}'` : `addressed ${l3.cidr.text}, in the department's space`;
          if (z.represents === 'internet' || z.represents === 'public') {
            out.push(error('INTENT_ISOLATION_ZONE_MEMBER', at,
              `firewall '${d.name}' puts ${ref} (${why}) of department '${owner}' in zone '${z.name}', which stands for the ${z.represents === 'internet' ? 'internet' : 'public zone the internet reaches'}: the department would be exposed`));
          } else if (isString(z.department) && z.department !== owner) {
            out.push(error('INTENT_ISOLATION_ZONE_MEMBER', at,
              `firewall '${d.name}' puts ${ref} (${why}) of department '${owner}' in zone '${z.name}' of department '${z.department}'`));
          }
          if (!facts.departments.has(owner)) facts.departments.set(owner, `${ref} (${why})`);
        }
      }
      zoneFacts.push(facts);
    }
  }

  // ---------------------------------------------------------------- remote access
  const raDevice = raFirewall !== undefined ? ctx.devices.get(raFirewall) : undefined;
  if (isRecord(t.remoteAccess) && raDevice && isRecord(raDevice.device.firewall)) {
    const ra = t.remoteAccess as unknown as Record<string, unknown>;
    if (!isString(ra.preSharedKey) && groups.length > 0) {
      out.push(error('INTENT_REMOTE_ACCESS_INCOMPLETE', pointerOf('remoteAccess'),
        'remote access has no IKE pre-shared key (preSharedKey: env:NAME or file:path#key): without IPsec the users\' sessions and passwords would cross the internet in clear'));
    }
    const raZones = zoneFacts.filter((f) => f.device === raDevice.device && f.zone.represents === 'remote-access');
    for (const g of groups) {
      const at = pointerOf('remoteAccess', 'groups', g.index);
      const dept = g.department !== undefined ? departments.get(g.department)?.[0] : undefined;
      if (dept && !isString(dept.remoteAccessPool)) {
        out.push(error('INTENT_REMOTE_ACCESS_INCOMPLETE', at, `remote-access group '${g.name ?? g.index + 1}': department '${dept.id}' has no remoteAccessPool, so its users get no address`));
      }
      const named = g.zone;
      let zone: ZoneFacts | undefined;
      if (isString(named)) {
        zone = zoneFacts.find((f) => f.device === raDevice.device && f.zone.name === named);
        if (!zone) {
          out.push(error('INTENT_ISOLATION_REMOTE_ACCESS_ZONE', pointerOf('remoteAccess', 'groups', g.index, 'zone'), `remote-access group '${g.name ?? g.index + 1}' lands in zone '${named}', which firewall '${raFirewall}' does not declare`));
          continue;
        }
        if (zone.zone.represents !== 'remote-access') {
          out.push(error('INTENT_ISOLATION_REMOTE_ACCESS_ZONE', pointerOf('remoteAccess', 'groups', g.index, 'zone'), `remote-access group '${g.name ?? g.index + 1}' lands in zone '${named}', which represents ${zone.zone.represents}, not remote-access`));
        }
      } else if (raZones.length === 1 && new Set(groups.map((x) => x.department)).size <= 1) {
        zone = raZones[0];
      } else {
        out.push(error('INTENT_ISOLATION_REMOTE_ACCESS_ZONE', at,
          `remote-access group '${g.name ?? g.index + 1}' names no zone (zone:), and firewall '${raFirewall}' has ${raZones.length} remote-access zones for ${new Set(groups.map((x) => x.department)).size} departments: say which zone holds this department's users`));
        continue;
      }
      if (zone && g.department !== undefined) {
        if (isString(zone.zone.department) && zone.zone.department !== g.department) {
          out.push(error('INTENT_ISOLATION_REMOTE_ACCESS_ZONE', at, `remote-access group '${g.name ?? g.index + 1}' of department '${g.department}' lands in zone '${zone.zone.name}' of department '${zone.zone.department}'`));
        }
        if (!zone.departments.has(g.department)) zone.departments.set(g.department, `remote-access group '${g.name ?? g.index + 1}'`);
      }
    }
  }

  // One department per zone.
  for (const f of zoneFacts) {
    if (f.departments.size < 2) continue;
    const list = [...f.departments].map(([d, why]) => `'${d}' (${why})`).join(', ');
    out.push(error('INTENT_ISOLATION_ZONE_MIXED', pointerOf('devices', f.deviceIndex, 'firewall', 'zones', f.zoneIndex),
      `firewall '${String(f.device.name)}' zone '${f.zone.name}' holds departments ${list}: a policy naming the zone opens each to the other; give each department its own zone`));
  }

  // ---------------------------------------------------------------- NAT servers
  for (const [d, di] of items(t.devices)) {
    if (!isRecord(d.firewall) || !isString(d.name)) continue;
    const mine = l3Interfaces(ctx).filter((i) => i.device === d.name && i.kind !== 'loopback');
    const zoneOfRef = new Map<string, SecurityZone>();
    for (const [z] of items(d.firewall.zones)) for (const [ref] of strings(z.interfaces)) for (const l3 of l3OfRef(ctx, d.name, ref)) zoneOfRef.set(l3.pointer, z);
    for (const [n, ni] of items(d.firewall.natServers)) {
      const inside = parseIpv4(n.insideAddress);
      if (inside === undefined) continue;
      const at = pointerOf('devices', di, 'firewall', 'natServers', ni, 'insideAddress');
      const who = `firewall '${d.name}' NAT server '${String(n.name)}'`;
      const owner = departmentOfAddress(space, inside);
      if (owner !== undefined) {
        out.push(error('INTENT_ISOLATION_NAT_INSIDE', at, `${who} publishes ${String(n.insideAddress)}, an address of department '${owner}', to the internet: only the public zone may be published`));
        continue;
      }
      const itf = mine.find((i) => cidrContainsAddress(i.cidr, inside));
      let zone: SecurityZone | undefined;
      let via: string;
      if (itf) {
        zone = zoneOfRef.get(itf.pointer);
        via = `its ${itf.label}`;
      } else {
        const route = items(d.staticRoutes).map(([r]) => ({ r, c: parseCidr(r.prefix) }))
          .filter((x) => x.c !== undefined && cidrContainsAddress(x.c, inside)).sort((a, b) => b.c!.length - a.c!.length)[0];
        const hop = route ? parseIpv4(route.r.nextHop) : undefined;
        const out2 = hop !== undefined ? mine.find((i) => cidrContainsAddress(i.cidr, hop)) : undefined;
        zone = out2 ? zoneOfRef.get(out2.pointer) : undefined;
        via = out2 ? `the route ${String(route!.r.prefix)} via its ${out2.label}` : 'no interface or route';
      }
      if (!zone || zone.represents !== 'public') {
        out.push(error('INTENT_ISOLATION_NAT_INSIDE', at,
          `${who} publishes ${String(n.insideAddress)}, which the firewall reaches through ${via}${zone ? ` in zone '${zone.name}' (represents ${zone.represents})` : ', in no security zone'}: an inside address must lie in the public zone`));
      }
    }
  }

  // ---------------------------------------------------------------- policies
  const zones = securityZones(ctx);
  const zoneDepartments = (name: string): Set<string> => new Set(zoneFacts.filter((f) => f.zone.name === name).flatMap((f) => [...f.departments.keys()]));
  const represents = (name: string): Set<string> => new Set((zones.get(name) ?? []).map((z) => String(z.zone.represents)));
  for (const [p, pi] of items(t.policy)) {
    if (p.action !== 'permit' || !isString(p.from) || !isString(p.to)) continue;
    const from = zoneDepartments(p.from);
    const to = zoneDepartments(p.to);
    const dests = strings(p.destination).map(([x]) => parseCidr(x)).filter((c): c is Cidr => c !== undefined);
    const crossing = [...from].flatMap((a) => [...to].filter((b) => b !== a).map((b) => `'${a}' to '${b}'`));
    if (crossing.length) {
      out.push(error('INTENT_ISOLATION_POLICY_DEPARTMENTS', pointerOf('policy', pi),
        `policy rule '${p.name}' permits traffic from zone '${p.from}' to zone '${p.to}', that is from department ${crossing.join(', ')}: departments are isolated from each other`));
      continue;
    }
    if (represents(p.from).has('internet')) {
      for (const c of dests) {
        const owners = departmentsOfPrefix(space, c);
        if (owners.length) {
          out.push(error('INTENT_ISOLATION_POLICY_INTERNET_DEST', pointerOf('policy', pi, 'destination', dests.indexOf(c)),
            `policy rule '${p.name}' permits the internet to ${c.text}, in the space of department ${owners.map((o) => `'${o}'`).join(', ')}`));
        }
      }
    }
    if (represents(p.from).has('remote-access') && from.size === 1) {
      const dept = [...from][0]!;
      const own = space.filter((s) => s.department === dept);
      const wide = dests.length === 0 ? ['everything (no destination)']
        : dests.filter((c) => !own.some((s) => cidrContains(s.cidr, c))).map((c) => c.text);
      const targetIsService = [...represents(p.to)].every((r) => r === 'exchange' || r === 'public' || r === 'management') && to.size === 0;
      if (wide.length && !targetIsService) {
        out.push(error('INTENT_ISOLATION_POLICY_REMOTE_ACCESS_SCOPE', pointerOf('policy', pi),
          `policy rule '${p.name}' lets department '${dept}'s remote users (zone '${p.from}') reach ${wide.join(', ')}, beyond the department's own space: scope its destination to the department's pools`));
      }
    }
  }
  return out;
}

export const exposureRule: Rule = {
  id: 'exposure',
  description: 'internet and remote users reach only what they may: zone membership, policies, NAT servers and remote access per department',
  codes: [
    'INTENT_ISOLATION_NAT_INSIDE', 'INTENT_ISOLATION_ZONE_MEMBER', 'INTENT_ISOLATION_ZONE_MIXED', 'INTENT_ISOLATION_POLICY_DEPARTMENTS',
    'INTENT_ISOLATION_POLICY_INTERNET_DEST', 'INTENT_ISOLATION_POLICY_REMOTE_ACCESS_SCOPE', 'INTENT_ISOLATION_REMOTE_ACCESS_ZONE',
    'INTENT_REMOTE_ACCESS_INCOMPLETE',
  ],
  check,
};
