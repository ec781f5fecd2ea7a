/**
 * Dangling references: every name that points at another element must find it. A reference to an
 * element that was dropped for a schema error is not reported again. When a file of the network
 * could not be read, an unresolved reference may live in that file: it is reported as a warning.
 *
 * Codes (errors):
 * - INTENT_UNKNOWN_SITE, _ZONE, _CREDENTIAL, _DEVICE, _VPN, _QOS_PROFILE, _VLAN, _DEPARTMENT,
 *   _SECURITY_ZONE: the named element is not declared.
 * - INTENT_UNKNOWN_MODEL: the device model is not in the catalogue (src/model/catalog.ts).
 * - INTENT_MODEL_MISMATCH: vendor or platform disagrees with the catalogue's for that model.
 * - INTENT_UNKNOWN_PORT: a port (link end, port entry, LAG member, security-zone interface) that the
 *   device's model does not have and that is not among its extraPorts; security-zone interfaces
 *   may also name a LAG as `lag:N`. Ports are not checked on a device whose model is unknown.
 * - INTENT_REMOTE_ACCESS_NOT_FIREWALL: remote access terminates on a device with no firewall section.
 *
 * VRRP members (their VLAN interface, tracked interfaces) are checked by the `vrrp` rule; VLAN ids
 * out of 1-4094 by the `vlans` rule (and not reported here as unknown).
 */
import { ZONES, pointerOf, type Finding } from '../../model/index.js';
import { isBroken, items, type RuleContext } from '../context.js';
import {
  bgpSpeakers, departmentsById, interfaceExists, isRecord, isString, knowsInventory, modelOf, portInventory,
  remoteAccessFirewall, remoteAccessGroups, securityZones, strings, vlansById, vlanUses, vpnsByName,
} from '../facts.js';
import { error, makeFinding, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;
  const note = ctx.incomplete ? ' (a file of this network could not be read; it may declare it)' : '';
  const missing = (code: string, pointer: string, message: string): void => {
    out.push(makeFinding(code, ctx.incomplete ? 'warning' : 'error', pointer, message + note));
  };

  const sites = new Set(items(t.sites).map(([s]) => s.id));
  const zones = new Set(items(t.zones).map(([z]) => z.id));
  const credentials = new Set(items(t.credentials).map(([c]) => c.id));
  const qos = new Set(items(t.qosProfiles).map(([q]) => q.name));
  const vpns = vpnsByName(ctx);
  const departments = departmentsById(ctx);
  const vlans = vlansById(ctx);
  const secZones = securityZones(ctx);

  const vpnRef = (name: unknown, pointer: string, who: string): void => {
    if (isString(name) && !vpns.has(name) && !isBroken(ctx, 'vpnInstances', name)) {
      missing('INTENT_UNKNOWN_VPN', pointer, `${who} names VPN instance '${name}', which is not declared in vpnInstances`);
    }
  };
  const deviceRef = (name: unknown, pointer: string, who: string): boolean => {
    if (!isString(name) || isBroken(ctx, 'devices', name)) return false;
    if (ctx.devices.has(name)) return true;
    missing('INTENT_UNKNOWN_DEVICE', pointer, `${who} names device '${name}', which is not declared`);
    return false;
  };
  const departmentRef = (id: unknown, pointer: string, who: string): void => {
    if (isString(id) && !departments.has(id) && !isBroken(ctx, 'departments', id)) {
      missing('INTENT_UNKNOWN_DEPARTMENT', pointer, `${who} names department '${id}', which is not declared`);
    }
  };
  const zoneRef = (zone: unknown, pointer: string, who: string): void => {
    if (isString(zone) && (ZONES as readonly string[]).includes(zone) && !zones.has(zone as never) && !isBroken(ctx, 'zones', zone)) {
      missing('INTENT_UNKNOWN_ZONE', pointer, `${who} is in zone '${zone}', which is not declared in zones`);
    }
  };
  const vlanRef = (id: number, pointer: string, who: string): void => {
    if (id < 1 || id > 4094) return; // reported by the vlans rule
    if (!vlans.has(id) && !isBroken(ctx, 'vlanIds', id)) missing('INTENT_UNKNOWN_VLAN', pointer, `${who} carries VLAN ${id}, which is not declared in vlans`);
  };

  // Zones and VLANs that name other elements.
  for (const [z, i] of items(t.zones)) vpnRef(z.vpn, pointerOf('zones', i, 'vpn'), `zone '${z.id}'`);
  for (const [v, i] of items(t.vlans)) {
    zoneRef(v.zone, pointerOf('vlans', i, 'zone'), `VLAN ${v.id}`);
    departmentRef(v.department, pointerOf('vlans', i, 'department'), `VLAN ${v.id}`);
  }
  for (const [v, i] of items(t.vpnInstances)) zoneRef(v.zone, pointerOf('vpnInstances', i, 'zone'), `VPN instance '${v.name}'`);
  for (const [d, i] of items(t.departments)) {
    vpnRef(d.vpn, pointerOf('departments', i, 'vpn'), `department '${d.id}'`);
    for (const [name, k] of strings(d.mayReach)) vpnRef(name, pointerOf('departments', i, 'mayReach', k), `department '${d.id}' (mayReach)`);
  }

  // Devices.
  for (const [d, di] of items(t.devices)) {
    const who = `device '${String(d.name)}'`;
    const at = (...segs: (string | number)[]): string => pointerOf('devices', di, ...segs);
    if (isString(d.site) && !sites.has(d.site) && !isBroken(ctx, 'sites', d.site)) {
      missing('INTENT_UNKNOWN_SITE', at('site'), `${who} is at site '${d.site}', which is not declared in sites`);
    }
    zoneRef(d.zone, at('zone'), who);
    if (isString(d.credentials) && !credentials.has(d.credentials) && !isBroken(ctx, 'credentials', d.credentials)) {
      missing('INTENT_UNKNOWN_CREDENTIAL', at('credentials'), `${who} logs in with credentials '${d.credentials}', which are not declared`);
    }
    const model = modelOf(d);
    if (!model) {
      out.push(error('INTENT_UNKNOWN_MODEL', at('model'), `${who} is a '${String(d.model)}', a model the catalogue does not know: its ports and capabilities cannot be checked`));
    } else {
      if (d.vendor !== model.vendor) {
        out.push(error('INTENT_MODEL_MISMATCH', at('vendor'), `${who} is a ${model.model}, made by ${model.vendor}, not ${String(d.vendor)}`));
      }
      if (d.platform !== model.platform) {
        out.push(error('INTENT_MODEL_MISMATCH', at('platform'), `${who} is a ${model.model}, which runs ${model.platform}, not ${String(d.platform)}`));
      }
    }
    const inventory = knowsInventory(d) ? portInventory(d) : undefined;
    const portRef = (name: unknown, pointer: string, what: string): void => {
      if (inventory && isString(name) && !inventory.has(name)) {
        out.push(error('INTENT_UNKNOWN_PORT', pointer, `${who} (${String(d.model)}) has no port '${name}' (${what}); add it to extraPorts if a module provides it`));
      }
    };
    for (const [p, pi] of items(d.ports)) {
      portRef(p.name, at('ports', pi, 'name'), 'port entry');
      vpnRef(p.vpn, at('ports', pi, 'vpn'), `${who} port ${p.name}`);
      if (isString(p.qos) && !qos.has(p.qos) && !isBroken(ctx, 'qosProfiles', p.qos)) {
        missing('INTENT_UNKNOWN_QOS_PROFILE', at('ports', pi, 'qos'), `${who} port ${p.name} uses QoS profile '${p.qos}', which is not declared in qosProfiles`);
      }
    }
    for (const [l, li] of items(d.lags)) {
      for (const [m, mi] of strings(l.members)) portRef(m, at('lags', li, 'members', mi), `member of LAG ${l.id}`);
    }
    for (const [s, si] of items(d.svis)) vpnRef(s.vpn, at('svis', si, 'vpn'), `${who} VLAN ${s.vlan} interface`);
    for (const [r, ri] of items(d.staticRoutes)) vpnRef(r.vpn, at('staticRoutes', ri, 'vpn'), `${who} static route ${String(r.prefix)}`);
    for (const [z, zi] of items(d.firewall?.zones)) {
      for (const [iface, ii] of strings(z.interfaces)) {
        if (inventory && !interfaceExists(d, iface)) {
          out.push(error('INTENT_UNKNOWN_PORT', at('firewall', 'zones', zi, 'interfaces', ii),
            `firewall '${String(d.name)}' puts '${iface}' in security zone '${z.name}', but it has no such port (or lag:N, vlan:N)`));
        }
      }
    }
    for (const use of vlanUses(d, di)) vlanRef(use.vlan, use.pointer, `${who} ${use.what}`);
  }

  // Links.
  for (const [link, li] of items(t.links)) {
    if (!isRecord(link)) continue;
    for (const side of ['a', 'b'] as const) {
      const end = link[side] as unknown;
      if (!isRecord(end)) continue;
      if (!deviceRef(end.device, pointerOf('links', li, side, 'device'), `link end ${side}`)) continue;
      const dev = ctx.devices.get(end.device as string)!.device;
      if (knowsInventory(dev) && isString(end.port) && !portInventory(dev).has(end.port)) {
        out.push(error('INTENT_UNKNOWN_PORT', pointerOf('links', li, side, 'port'),
          `link end ${side} is ${String(end.device)} ${end.port}, but a ${String(dev.model)} has no such port (and it is not among the device's extraPorts)`));
      }
    }
  }

  // VRRP member devices (their interfaces are the vrrp rule's business).
  for (const [g, gi] of items(t.vrrp)) {
    for (const [m, mi] of items(g.members)) {
      deviceRef(m.device, pointerOf('vrrp', gi, 'members', mi, 'device'), `VRRP group '${g.name}'`);
      if (Number.isInteger(m.vlan)) vlanRef(m.vlan, pointerOf('vrrp', gi, 'members', mi, 'vlan'), `VRRP group '${g.name}' member ${String(m.device)}`);
    }
  }

  // Routing.
  for (const [name, i] of bgpSpeakers(ctx)) deviceRef(name, pointerOf('network', 'routing', 'bgpSpeakers', i), 'routing.bgpSpeakers');

  // Policy: zone names must be security zones of some firewall.
  for (const [p, pi] of items(t.policy)) {
    for (const side of ['from', 'to'] as const) {
      const z = p[side];
      if (isString(z) && !secZones.has(z) && !isBroken(ctx, 'securityZones', z)) {
        missing('INTENT_UNKNOWN_SECURITY_ZONE', pointerOf('policy', pi, side),
          `policy rule '${p.name}' goes ${side} security zone '${z}', which no firewall declares`);
      }
    }
  }

  // Remote access.
  const fw = remoteAccessFirewall(ctx);
  if (fw !== undefined && deviceRef(fw, pointerOf('remoteAccess', 'firewall'), 'remoteAccess')) {
    const dev = ctx.devices.get(fw)!.device;
    if (!isRecord(dev.firewall)) {
      out.push(error('INTENT_REMOTE_ACCESS_NOT_FIREWALL', pointerOf('remoteAccess', 'firewall'),
        `remote access terminates on '${fw}', which has no firewall section (security zones) to place the users in`));
    }
  }
  for (const g of remoteAccessGroups(ctx)) {
    departmentRef(g.department, pointerOf('remoteAccess', 'groups', g.index, 'department'), `remote-access group '${g.name ?? g.index + 1}'`);
    vpnRef(g.vpn, pointerOf('remoteAccess', 'groups', g.index, 'vpn'), `remote-access group '${g.name ?? g.index + 1}'`);
  }
  return out;
}

export const referencesRule: Rule = {
  id: 'references',
  description: 'every reference (site, zone, credentials, model, device, port, VPN, QoS profile, VLAN, department, security zone) resolves',
  codes: [
    'INTENT_UNKNOWN_SITE', 'INTENT_UNKNOWN_ZONE', 'INTENT_UNKNOWN_CREDENTIAL', 'INTENT_UNKNOWN_MODEL', 'INTENT_MODEL_MISMATCH',
    'INTENT_UNKNOWN_DEVICE', 'INTENT_UNKNOWN_PORT', 'INTENT_UNKNOWN_VPN', 'INTENT_UNKNOWN_QOS_PROFILE', 'INTENT_UNKNOWN_VLAN',
    'INTENT_UNKNOWN_DEPARTMENT', 'INTENT_UNKNOWN_SECURITY_ZONE', 'INTENT_REMOTE_ACCESS_NOT_FIREWALL',
  ],
  check,
};
