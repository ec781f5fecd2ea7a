/**
 * Department isolation, the check the data centre exists for (DOMAIN.md): departments are isolated
 * from each other; each reaches only the shared services it may; the internet reaches only the
 * public zone; travelling staff land in their own department's VPN and nothing else.
 *
 * Who learns whose routes comes from route targets (reachability.ts: A learns B when A imports a
 * target B exports). Instances of kind `department` are department instances; `shared` and
 * `management` are service instances; the public instance(s) are those in zone `public` (or named
 * by the `public` zone's `vpn`); the internet instance(s) are of kind `internet`. Findings sit on
 * the import route target that causes them, so the file:line is the line to fix.
 *
 * Codes:
 * - INTENT_ISOLATION_DEPARTMENT_LEAK (error): a department instance learns another department's routes.
 * - INTENT_ISOLATION_SHARED_VPN (error): two departments declared on one VPN instance.
 * - INTENT_ISOLATION_UNAUTHORISED_SHARED (error): a department learns a service instance missing from
 *   its mayReach, or a service instance learns a department that does not list it in mayReach.
 * - INTENT_ISOLATION_ASYMMETRIC (warning): a department and a service instance it may reach learn each
 *   other's routes in one direction only: replies have no way back.
 * - INTENT_ISOLATION_INTERNET (error): an internet instance learns anything but the public instance, or
 *   anything but the public instance learns the internet's routes.
 * - INTENT_ISOLATION_MAYREACH_INVALID (error): mayReach names a department or internet instance.
 * - INTENT_ISOLATION_DEPARTMENT_VPN_KIND (error): a department's vpn is not of kind `department`.
 * - INTENT_ISOLATION_VLAN_VPN (error): a department's VLAN has a VLAN interface outside the department's VPN.
 * - INTENT_ISOLATION_ZONE_VPN (warning): a VLAN of a zone that names its VPN has a VLAN interface in
 *   another one (not reported for access-layer devices and models without VRFs: their VLAN
 *   interface is the switch's own management address, in its global table, not a gateway).
 * - INTENT_ISOLATION_REMOTE_ACCESS (error): a remote-access group lands in a VPN other than its department's.
 * - INTENT_ISOLATION_POLICY_INTERNET (error): a policy permits traffic from an internet-facing security
 *   zone to one that stands for anything but the public zone.
 * - INTENT_ISOLATION_POLICY_REMOTE_ACCESS (warning): a policy permits remote-access users of a zone
 *   that belongs to no department into the hosting zone without a destination inside departments'
 *   pools (a department's own remote-access zone is held to its own space by rule `exposure`). VPN mapping is what keeps a
 *   department's staff in their department; a blanket permit leaves the firewall no part in it.
 */
import { pointerOf, type Device, type Finding } from '../../model/index.js';
import { cidrContains, parseCidr, type Cidr } from '../../ipam/index.js';
import { items, type RuleContext } from '../context.js';
import { departmentsById, isString, modelOf, remoteAccessGroups, securityZones, strings, vlansById, vpnsByName } from '../facts.js';
import { computeReachability, learns, type LearnEdge } from '../reachability.js';
import { error, warning, type Rule } from '../rule.js';

const SERVICE_KINDS = new Set(['shared', 'management']);

/** A device whose VLAN interface is its own management address, not a gateway: a layer-2 access switch, or a model without VRFs. */
function hostOnly(dev: Device): boolean {
  return dev.layer === 'access' || modelOf(dev)?.capabilities.vrf === false;
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;
  const vpns = vpnsByName(ctx);
  const departments = departmentsById(ctx);
  const graph = computeReachability(t);
  const kindOf = (name: string): string | undefined => vpns.get(name)?.[0].kind;
  const deptsOn = (vpn: string): string[] => graph.instances.find((i) => i.name === vpn)?.departments ?? [];
  const mayReach = (deptId: string): Set<string> => new Set(strings(departments.get(deptId)?.[0].mayReach).map(([n]) => n));
  const whose = (vpn: string): string => {
    const d = deptsOn(vpn);
    return d.length ? `department${d.length > 1 ? 's' : ''} ${d.map((x) => `'${x}'`).join(', ')} (VPN instance '${vpn}')` : `VPN instance '${vpn}'`;
  };
  /** The learner's first import target that causes the edge. */
  const importPointer = (e: LearnEdge): string => {
    const hit = vpns.get(e.learner);
    if (!hit) return '';
    const [v, i] = hit;
    const k = Array.isArray(v.importTargets) ? v.importTargets.indexOf(e.routeTargets[0]!) : -1;
    return k >= 0 ? pointerOf('vpnInstances', i, 'importTargets', k) : pointerOf('vpnInstances', i, 'importTargets');
  };
  const via = (e: LearnEdge): string => `route target ${e.routeTargets.join(', ')} (exported by '${e.source}', imported by '${e.learner}')`;

  const publicSet = new Set<string>();
  for (const [v] of items(t.vpnInstances)) if (v.zone === 'public' && v.kind !== 'internet' && isString(v.name)) publicSet.add(v.name);
  for (const [z] of items(t.zones)) if (z.id === 'public' && isString(z.vpn) && kindOf(z.vpn) !== 'internet') publicSet.add(z.vpn);
  const publicText = publicSet.size ? [...publicSet].map((p) => `'${p}'`).join(', ') : 'none is declared';

  for (const e of graph.edges) {
    const lk = kindOf(e.learner);
    const sk = kindOf(e.source);
    if (lk === 'department' && sk === 'department') {
      out.push(error('INTENT_ISOLATION_DEPARTMENT_LEAK', importPointer(e),
        `${whose(e.learner)} learns the routes of ${whose(e.source)} through ${via(e)}: departments must be isolated from each other`));
    } else if (lk === 'department' && sk !== undefined && SERVICE_KINDS.has(sk)) {
      const denied = deptsOn(e.learner).filter((d) => !mayReach(d).has(e.source));
      if (denied.length > 0) {
        out.push(error('INTENT_ISOLATION_UNAUTHORISED_SHARED', importPointer(e),
          `department ${denied.map((d) => `'${d}'`).join(', ')} learns the routes of ${sk} instance '${e.source}' through ${via(e)}, but '${e.source}' is not in its mayReach`));
      }
    } else if (lk !== undefined && SERVICE_KINDS.has(lk) && sk === 'department') {
      const denied = deptsOn(e.source).filter((d) => !mayReach(d).has(e.learner));
      if (denied.length > 0) {
        out.push(error('INTENT_ISOLATION_UNAUTHORISED_SHARED', importPointer(e),
          `${lk} instance '${e.learner}' learns the routes of department ${denied.map((d) => `'${d}'`).join(', ')} through ${via(e)}, but the department does not list '${e.learner}' in mayReach`));
      }
    }
    if (lk === 'internet' && !publicSet.has(e.source)) {
      out.push(error('INTENT_ISOLATION_INTERNET', importPointer(e),
        `internet instance '${e.learner}' learns the routes of '${e.source}' through ${via(e)}: the internet may reach only the public zone's instance (${publicText})`));
    } else if (sk === 'internet' && !publicSet.has(e.learner)) {
      out.push(error('INTENT_ISOLATION_INTERNET', importPointer(e),
        `'${e.learner}' learns the routes of internet instance '${e.source}' through ${via(e)}: only the public zone's instance (${publicText}) may exchange routes with the internet`));
    }
  }

  // Departments: their instance, shared use of one, and what they may reach.
  const firstOnVpn = new Map<string, string>();
  for (const [d, di] of items(t.departments)) {
    if (!isString(d.vpn)) continue;
    const kind = kindOf(d.vpn);
    if (kind !== undefined && kind !== 'department') {
      out.push(error('INTENT_ISOLATION_DEPARTMENT_VPN_KIND', pointerOf('departments', di, 'vpn'),
        `department '${d.id}' is placed in VPN instance '${d.vpn}' of kind ${kind}; a department needs its own instance of kind department`));
    }
    const other = firstOnVpn.get(d.vpn);
    if (other !== undefined && other !== d.id) {
      out.push(error('INTENT_ISOLATION_SHARED_VPN', pointerOf('departments', di, 'vpn'),
        `departments '${other}' and '${d.id}' are both in VPN instance '${d.vpn}': they are not isolated from each other`));
    } else firstOnVpn.set(d.vpn, String(d.id));
    for (const [target, k] of strings(d.mayReach)) {
      const tk = kindOf(target);
      if (tk === 'department' || tk === 'internet') {
        out.push(error('INTENT_ISOLATION_MAYREACH_INVALID', pointerOf('departments', di, 'mayReach', k),
          `department '${d.id}' lists '${target}' in mayReach, but it is a${tk === 'internet' ? 'n internet' : ' department'} instance; mayReach is for shared-service instances`));
        continue;
      }
      if (tk === undefined || !vpns.has(d.vpn) || kindOf(d.vpn) !== 'department') continue;
      const there = learns(graph, d.vpn, target);
      const back = learns(graph, target, d.vpn);
      if (there !== back) {
        out.push(warning('INTENT_ISOLATION_ASYMMETRIC', pointerOf('departments', di, 'mayReach', k),
          there
            ? `department '${d.id}' learns the routes of '${target}', but '${target}' does not learn the department's (VPN instance '${d.vpn}'): replies have no way back`
            : `'${target}' learns the routes of department '${d.id}', but the department's VPN instance '${d.vpn}' does not learn those of '${target}': it cannot reach the service`));
      }
    }
  }

  // VLAN interfaces of a department's (or a zone's) VLAN must sit in that department's (zone's) VPN.
  const zoneVpn = new Map<string, string>();
  for (const [z] of items(t.zones)) if (isString(z.id) && isString(z.vpn)) zoneVpn.set(z.id, z.vpn);
  const vlans = vlansById(ctx);
  for (const [dev, di] of items(t.devices)) {
    for (const [svi, si] of items(dev.svis)) {
      const vlan = vlans.get(svi.vlan)?.[0]?.[0];
      if (!vlan) continue;
      const actual = isString(svi.vpn) ? svi.vpn : undefined;
      const dept = isString(vlan.department) ? departments.get(vlan.department)?.[0] : undefined;
      const where = actual ? `VPN instance '${actual}'` : 'the global routing table';
      if (dept && isString(dept.vpn)) {
        if (actual !== dept.vpn) {
          out.push(error('INTENT_ISOLATION_VLAN_VPN', pointerOf('devices', di, 'svis', si),
            `device '${String(dev.name)}' puts the interface of VLAN ${svi.vlan} (department '${dept.id}') in ${where}, not in the department's VPN instance '${dept.vpn}'`));
        }
      } else if (isString(vlan.zone) && zoneVpn.has(vlan.zone) && actual !== zoneVpn.get(vlan.zone) && !hostOnly(dev)) {
        out.push(warning('INTENT_ISOLATION_ZONE_VPN', pointerOf('devices', di, 'svis', si),
          `device '${String(dev.name)}' puts the interface of VLAN ${svi.vlan} (zone '${vlan.zone}') in ${where}, not in the zone's VPN instance '${zoneVpn.get(vlan.zone)}'`));
      }
    }
  }

  // Remote access: each group in its own department's VPN.
  for (const g of remoteAccessGroups(ctx)) {
    if (g.department === undefined || g.vpn === undefined) continue;
    const dept = departments.get(g.department)?.[0];
    if (dept && isString(dept.vpn) && dept.vpn !== g.vpn) {
      out.push(error('INTENT_ISOLATION_REMOTE_ACCESS', pointerOf('remoteAccess', 'groups', g.index, 'vpn'),
        `remote-access group '${g.name ?? g.index + 1}' of department '${g.department}' lands in VPN instance '${g.vpn}', not in the department's own '${dept.vpn}'`));
    }
  }

  // Firewall policy.
  const zones = securityZones(ctx);
  const represents = (name: unknown): Set<string> =>
    new Set(isString(name) ? (zones.get(name) ?? []).map((z) => String(z.zone.represents)) : []);
  const pools: Cidr[] = items(t.departments).flatMap(([d]) => strings(d.pools).map(([p]) => parseCidr(p)).filter((c): c is Cidr => c !== undefined));
  for (const [p, pi] of items(t.policy)) {
    if (p.action !== 'permit') continue;
    const from = represents(p.from);
    const to = represents(p.to);
    const beyondPublic = [...to].filter((r) => r !== 'public');
    if (from.has('internet') && beyondPublic.length > 0) {
      out.push(error('INTENT_ISOLATION_POLICY_INTERNET', pointerOf('policy', pi),
        `policy rule '${p.name}' permits traffic from the internet (zone '${p.from}') to zone '${p.to}', which stands for ${beyondPublic.join(', ')}: the internet may reach only the public zone`));
    }
    // A department's own remote-access zone is scoped strictly by rule `exposure`.
    const departmental = isString(p.from) && ((zones.get(p.from) ?? []).some((z) => isString(z.zone.department))
      || remoteAccessGroups(ctx).some((g) => g.zone === p.from));
    if (from.has('remote-access') && to.has('hosting') && !departmental) {
      const dest = strings(p.destination).map(([x]) => parseCidr(x));
      const scoped = dest.length > 0 && dest.every((c) => c !== undefined && pools.some((pool) => cidrContains(pool, c)));
      if (!scoped) {
        out.push(warning('INTENT_ISOLATION_POLICY_REMOTE_ACCESS', pointerOf('policy', pi),
          `policy rule '${p.name}' lets remote-access users (zone '${p.from}') into the hosting zone (zone '${p.to}') ${dest.length === 0 ? 'with no destination' : 'beyond the departments\' pools'}; scope it with destination: the pools of the departments whose staff connect`));
      }
    }
  }
  return out;
}

export const isolationRule: Rule = {
  id: 'isolation',
  description: 'departments isolated by route targets; shared services only as allowed; internet only to the public zone; remote users in their own VPN',
  codes: [
    'INTENT_ISOLATION_DEPARTMENT_LEAK', 'INTENT_ISOLATION_SHARED_VPN', 'INTENT_ISOLATION_UNAUTHORISED_SHARED', 'INTENT_ISOLATION_ASYMMETRIC',
    'INTENT_ISOLATION_INTERNET', 'INTENT_ISOLATION_MAYREACH_INVALID', 'INTENT_ISOLATION_DEPARTMENT_VPN_KIND', 'INTENT_ISOLATION_VLAN_VPN',
    'INTENT_ISOLATION_ZONE_VPN', 'INTENT_ISOLATION_REMOTE_ACCESS', 'INTENT_ISOLATION_POLICY_INTERNET', 'INTENT_ISOLATION_POLICY_REMOTE_ACCESS',
  ],
  check,
};
