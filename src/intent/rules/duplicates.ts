/**
 * Duplicates: every name or id that must be unique, network-wide or on one device. The first
 * declaration wins; every later one is reported at its own place, naming the first.
 *
 * Codes (all errors unless noted):
 * - INTENT_DUPLICATE_DEVICE, _SITE, _ZONE, _CREDENTIAL, _QOS_PROFILE, _VPN_INSTANCE, _DEPARTMENT,
 *   _VRRP_GROUP, _POLICY_RULE, _REMOTE_ACCESS_GROUP: a name/id declared twice in its section.
 * - INTENT_DUPLICATE_VLAN: the same VLAN (same id, same name) declared twice. The same id with a
 *   different name is a reuse with another meaning: INTENT_VLAN_ID_REUSED (rule `vlans`).
 * - INTENT_DUPLICATE_VLAN_NAME (warning): one VLAN name on two ids.
 * - INTENT_DUPLICATE_MANAGEMENT_ADDRESS: two devices managed at one address.
 * - INTENT_DUPLICATE_PORT, _LAG, _SVI, _EXTRA_PORT, _SECURITY_ZONE, _NAT_SERVER: two entries for one
 *   port / LAG id / VLAN interface / extra port / security zone / NAT server on one device (an extra
 *   port that repeats a catalogue port counts).
 * - INTENT_DUPLICATE_STATIC_ROUTE (warning): the same route (table, prefix, next hop) twice on a device.
 */
import { pointerOf, type Finding } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { modelOf, remoteAccessGroups, isString } from '../facts.js';
import { error, warning, type Rule } from '../rule.js';

interface Keyed {
  key: string;
  pointer: string;
  /** Where the element sits, for the message naming the first declaration. */
  position: string;
  label?: string;
}

/** Report every element whose key was already seen. */
function repeats(list: Keyed[], report: (dup: Keyed, first: Keyed) => Finding): Finding[] {
  const seen = new Map<string, Keyed>();
  const out: Finding[] = [];
  for (const k of list) {
    const first = seen.get(k.key);
    if (first) out.push(report(k, first));
    else seen.set(k.key, k);
  }
  return out;
}

function section<T>(
  ctx: RuleContext, name: string, field: string, key: (e: T) => unknown,
): Keyed[] {
  const list = (ctx.topology as unknown as Record<string, T[] | undefined>)[name];
  const out: Keyed[] = [];
  for (const [e, i] of items(list)) {
    const k = key(e);
    if (typeof k === 'string' || typeof k === 'number') {
      out.push({ key: String(k), pointer: pointerOf(name, i, field), position: `${name} #${i + 1}` });
    }
  }
  return out;
}

const TOP_LEVEL: Array<{ section: string; field: string; code: string; what: string }> = [
  { section: 'devices', field: 'name', code: 'INTENT_DUPLICATE_DEVICE', what: 'device' },
  { section: 'sites', field: 'id', code: 'INTENT_DUPLICATE_SITE', what: 'site' },
  { section: 'zones', field: 'id', code: 'INTENT_DUPLICATE_ZONE', what: 'zone' },
  { section: 'credentials', field: 'id', code: 'INTENT_DUPLICATE_CREDENTIAL', what: 'credential' },
  { section: 'qosProfiles', field: 'name', code: 'INTENT_DUPLICATE_QOS_PROFILE', what: 'QoS profile' },
  { section: 'vpnInstances', field: 'name', code: 'INTENT_DUPLICATE_VPN_INSTANCE', what: 'VPN instance' },
  { section: 'departments', field: 'id', code: 'INTENT_DUPLICATE_DEPARTMENT', what: 'department' },
  { section: 'vrrp', field: 'name', code: 'INTENT_DUPLICATE_VRRP_GROUP', what: 'VRRP group' },
  { section: 'policy', field: 'name', code: 'INTENT_DUPLICATE_POLICY_RULE', what: 'policy rule' },
];

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;

  for (const s of TOP_LEVEL) {
    out.push(...repeats(section<Record<string, unknown>>(ctx, s.section, s.field, (e) => e[s.field]), (dup, first) =>
      error(s.code, dup.pointer, `${s.what} '${dup.key}' is declared twice (first as ${first.position}); each ${s.what} needs its own ${s.field}`)));
  }

  // VLANs: same id and same name twice is a plain duplicate; a different name is INTENT_VLAN_ID_REUSED.
  const vlanFirst = new Map<number, { name: unknown; position: string }>();
  for (const [v, i] of items(t.vlans)) {
    if (!Number.isInteger(v.id)) continue;
    const first = vlanFirst.get(v.id);
    if (!first) vlanFirst.set(v.id, { name: v.name, position: `vlans #${i + 1}` });
    else if (first.name === v.name) {
      out.push(error('INTENT_DUPLICATE_VLAN', pointerOf('vlans', i, 'id'), `VLAN ${v.id} '${String(v.name)}' is declared twice (first as ${first.position})`));
    }
  }
  const vlanNames = new Map<string, { id: number; position: string }>();
  for (const [v, i] of items(t.vlans)) {
    if (!isString(v.name) || !Number.isInteger(v.id)) continue;
    const first = vlanNames.get(v.name);
    if (!first) vlanNames.set(v.name, { id: v.id, position: `vlans #${i + 1}` });
    else if (first.id !== v.id) {
      out.push(warning('INTENT_DUPLICATE_VLAN_NAME', pointerOf('vlans', i, 'name'),
        `VLAN name '${v.name}' is used by VLAN ${first.id} and VLAN ${v.id}; give each VLAN its own name so that configs and alarms are unambiguous`));
    }
  }

  // Management addresses.
  out.push(...repeats(
    items(t.devices).flatMap(([d, i]) => (isString(d.management?.address) ? [{
      key: d.management.address, pointer: pointerOf('devices', i, 'management', 'address'), position: `device '${String(d.name)}'`,
    }] : [])),
    (dup, first) => error('INTENT_DUPLICATE_MANAGEMENT_ADDRESS', dup.pointer,
      `management address ${dup.key} of ${dup.position} is already the management address of ${first.position}`),
  ));

  // Remote-access groups.
  out.push(...repeats(
    remoteAccessGroups(ctx).flatMap((g) => (g.name !== undefined ? [{
      key: g.name, pointer: pointerOf('remoteAccess', 'groups', g.index, 'name'), position: `group #${g.index + 1}`,
    }] : [])),
    (dup, first) => error('INTENT_DUPLICATE_REMOTE_ACCESS_GROUP', dup.pointer, `remote-access group '${dup.key}' is declared twice (first as ${first.position})`),
  ));

  // Per device.
  for (const [d, di] of items(t.devices)) {
    const dev = `device '${String(d.name)}'`;
    const within = <T>(list: T[] | undefined, field: string, key: (e: T) => unknown, sub: string): Keyed[] =>
      items(list).flatMap(([e, i]) => {
        const k = key(e);
        return typeof k === 'string' || typeof k === 'number'
          ? [{ key: String(k), pointer: pointerOf('devices', di, ...sub.split('/'), i, ...(field ? [field] : [])), position: `entry #${i + 1}` }]
          : [];
      });
    out.push(...repeats(within(d.ports, 'name', (p) => p.name, 'ports'), (dup, first) =>
      error('INTENT_DUPLICATE_PORT', dup.pointer, `${dev} lists port ${dup.key} twice (first as ports ${first.position}); merge the two entries`)));
    out.push(...repeats(within(d.lags, 'id', (l) => l.id, 'lags'), (dup, first) =>
      error('INTENT_DUPLICATE_LAG', dup.pointer, `${dev} declares LAG ${dup.key} twice (first as lags ${first.position})`)));
    out.push(...repeats(within(d.svis, 'vlan', (s) => s.vlan, 'svis'), (dup, first) =>
      error('INTENT_DUPLICATE_SVI', dup.pointer, `${dev} declares the VLAN ${dup.key} interface twice (first as svis ${first.position}); put all its addresses in one entry`)));
    const catalogue = new Set((modelOf(d)?.ports ?? []).map((p) => p.name));
    for (const [p, i] of items(d.extraPorts)) {
      if (isString(p.name) && catalogue.has(p.name)) {
        out.push(error('INTENT_DUPLICATE_EXTRA_PORT', pointerOf('devices', di, 'extraPorts', i, 'name'),
          `${dev}: extra port ${p.name} is already part of the ${String(d.model)} standard inventory; remove it from extraPorts`));
      }
    }
    out.push(...repeats(within(d.extraPorts, 'name', (p) => p.name, 'extraPorts'), (dup, first) =>
      error('INTENT_DUPLICATE_EXTRA_PORT', dup.pointer, `${dev} lists extra port ${dup.key} twice (first as extraPorts ${first.position})`)));
    out.push(...repeats(within(d.firewall?.zones, 'name', (z) => z.name, 'firewall/zones'), (dup, first) =>
      error('INTENT_DUPLICATE_SECURITY_ZONE', dup.pointer, `firewall '${String(d.name)}' declares security zone '${dup.key}' twice (first as zones ${first.position})`)));
    out.push(...repeats(within(d.firewall?.natServers, 'name', (n) => n.name, 'firewall/natServers'), (dup, first) =>
      error('INTENT_DUPLICATE_NAT_SERVER', dup.pointer, `firewall '${String(d.name)}' declares NAT server '${dup.key}' twice (first as natServers ${first.position})`)));
    const routes: Keyed[] = items(d.staticRoutes).flatMap(([r, i]) => (isString(r.prefix) ? [{
      key: `${isString(r.vpn) ? r.vpn : ''}|${r.prefix}|${String(r.nextHop)}`, pointer: pointerOf('devices', di, 'staticRoutes', i), position: `entry #${i + 1}`,
      label: `${r.prefix} via ${String(r.nextHop)}${isString(r.vpn) ? ` in VPN instance '${r.vpn}'` : ''}`,
    }] : []));
    out.push(...repeats(routes, (dup, first) =>
      warning('INTENT_DUPLICATE_STATIC_ROUTE', dup.pointer, `${dev} has the static route ${dup.label ?? dup.key} twice (first as staticRoutes ${first.position})`)));
  }
  return out;
}

export const duplicatesRule: Rule = {
  id: 'duplicates',
  description: 'names, ids, addresses and per-device entries that must be unique',
  codes: [
    ...TOP_LEVEL.map((s) => s.code), 'INTENT_DUPLICATE_VLAN', 'INTENT_DUPLICATE_VLAN_NAME', 'INTENT_DUPLICATE_MANAGEMENT_ADDRESS',
    'INTENT_DUPLICATE_REMOTE_ACCESS_GROUP', 'INTENT_DUPLICATE_PORT', 'INTENT_DUPLICATE_LAG', 'INTENT_DUPLICATE_SVI',
    'INTENT_DUPLICATE_EXTRA_PORT', 'INTENT_DUPLICATE_SECURITY_ZONE', 'INTENT_DUPLICATE_NAT_SERVER', 'INTENT_DUPLICATE_STATIC_ROUTE',
  ],
  check,
};
