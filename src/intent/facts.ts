/**
 * Facts derived from the topology that several rules share: port inventories, which link ends at
 * which port, LAG membership, the layer-3 interfaces with their subnets and routing tables. Pure
 * functions of the rule context, computed once per context. Every helper tolerates holes and
 * missing optional fields, and reads single sections (network, remoteAccess) as untrusted.
 */
import {
  findDeviceModel, pointerOf,
  type Department, type Device, type DeviceModel, type Endpoint, type Lag, type Link, type Port, type SecurityZone,
  type Speed, type Vlan, type VpnInstance,
} from '../model/index.js';
import { formatPrefix, parseCidr, parseIpv4, sameBlock, type Cidr } from '../ipam/index.js';
import { items, type RuleContext } from './context.js';

const memo = new WeakMap<RuleContext, Map<string, unknown>>();

/** Compute a derived fact once per context. */
function once<T>(ctx: RuleContext, key: string, compute: () => T): T {
  let m = memo.get(ctx);
  if (!m) { m = new Map(); memo.set(ctx, m); }
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

export function isString(v: unknown): v is string {
  return typeof v === 'string';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The strings of a list that should hold names (anything else skipped). */
export function strings(list: unknown): Array<[string, number]> {
  return items(Array.isArray(list) ? list : undefined).filter((e): e is [string, number] => typeof e[0] === 'string');
}

/** The integers of a list that should hold VLAN ids (anything else skipped). */
export function integers(list: unknown): Array<[number, number]> {
  return items(Array.isArray(list) ? list : undefined).filter((e): e is [number, number] => Number.isInteger(e[0]));
}

/** `lag:N` (a LAG named where a port could be: VRRP track, security-zone interface) → N. */
export function parseLagRef(name: unknown): number | undefined {
  if (typeof name !== 'string') return undefined;
  const m = /^lag:(\d{1,3})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

export function quote(list: readonly string[]): string {
  return list.map((s) => `'${s}'`).join(', ');
}

// ---------------------------------------------------------------------------------------- devices

export function modelOf(device: Device): DeviceModel | undefined {
  return typeof device.model === 'string' ? findDeviceModel(device.model) : undefined;
}

/** Ports a device has: the model's standard inventory plus its extraPorts, with their speeds. */
export function portInventory(device: Device): Map<string, Speed> {
  const out = new Map<string, Speed>();
  for (const p of modelOf(device)?.ports ?? []) out.set(p.name, p.speed);
  for (const [p] of items(device.extraPorts)) if (typeof p.name === 'string' && !out.has(p.name)) out.set(p.name, p.speed);
  return out;
}

/** True when the device's inventory is known (its model is in the catalogue), so missing ports can be reported. */
export function knowsInventory(device: Device): boolean {
  return modelOf(device) !== undefined;
}

/** The device's port entries by name (the first entry of a name). */
export function portEntries(device: Device): Map<string, [Port, number]> {
  const out = new Map<string, [Port, number]>();
  for (const [p, i] of items(device.ports)) if (typeof p.name === 'string' && !out.has(p.name)) out.set(p.name, [p, i]);
  return out;
}

/** The device's LAGs by id (the first LAG of an id). */
export function lagsById(device: Device): Map<number, [Lag, number]> {
  const out = new Map<number, [Lag, number]>();
  for (const [l, i] of items(device.lags)) if (Number.isInteger(l.id) && !out.has(l.id)) out.set(l.id, [l, i]);
  return out;
}

/** Port name → the LAGs that list it as a member (normally one). */
export function lagMembership(device: Device): Map<string, Array<[Lag, number]>> {
  const out = new Map<string, Array<[Lag, number]>>();
  for (const [l, i] of items(device.lags)) {
    for (const [m] of strings(l.members)) {
      const list = out.get(m) ?? [];
      if (!list.some(([, j]) => j === i)) list.push([l, i]);
      out.set(m, list);
    }
  }
  return out;
}

/** True when the device has this interface: a port of its inventory, `lag:N` for one of its LAGs, `vlan:N` for one of its VLAN interfaces. */
export function interfaceExists(device: Device, name: unknown): boolean {
  const lag = parseLagRef(name);
  if (lag !== undefined) return lagsById(device).has(lag);
  const vlan = parseVlanRef(name);
  if (vlan !== undefined) return items(device.svis).some(([s]) => s.vlan === vlan);
  return typeof name === 'string' && portInventory(device).has(name);
}

// ---------------------------------------------------------------------------------------- links

export interface LinkEnd {
  link: Link;
  /** Position in topology.links. */
  index: number;
  side: 'a' | 'b';
  near: Endpoint;
  far: Endpoint;
}

function isEndpoint(e: unknown): e is Endpoint {
  return isRecord(e) && typeof e.device === 'string' && typeof e.port === 'string';
}

export function endpointKey(device: string, port: string): string {
  return `${device}\u0000${port}`;
}

/** The links whose two ends are readable, with their positions. */
export function linkList(ctx: RuleContext): Array<[Link, number]> {
  return once(ctx, 'linkList', () => items(ctx.topology.links).filter(([l]) => isRecord(l) && isEndpoint(l.a) && isEndpoint(l.b)));
}

/** (device, port) → every link end at that port. */
export function linkEnds(ctx: RuleContext): Map<string, LinkEnd[]> {
  return once(ctx, 'linkEnds', () => {
    const out = new Map<string, LinkEnd[]>();
    const add = (end: LinkEnd): void => {
      const k = endpointKey(end.near.device, end.near.port);
      out.set(k, [...(out.get(k) ?? []), end]);
    };
    for (const [link, index] of linkList(ctx)) {
      add({ link, index, side: 'a', near: link.a, far: link.b });
      add({ link, index, side: 'b', near: link.b, far: link.a });
    }
    return out;
  });
}

export function endsAt(ctx: RuleContext, device: string, port: string): LinkEnd[] {
  return linkEnds(ctx).get(endpointKey(device, port)) ?? [];
}

/** A device's links, from its side. */
export function deviceLinks(ctx: RuleContext, device: string): LinkEnd[] {
  return once(ctx, 'deviceLinks', () => {
    const out = new Map<string, LinkEnd[]>();
    for (const ends of linkEnds(ctx).values()) {
      for (const e of ends) out.set(e.near.device, [...(out.get(e.near.device) ?? []), e]);
    }
    for (const list of out.values()) list.sort((x, y) => x.index - y.index || x.side.localeCompare(y.side));
    return out;
  }).get(device) ?? [];
}

/** The speed of a port: the link's, else the port's configured speed, else the catalogue's. */
export function portSpeed(ctx: RuleContext, device: Device, port: string): Speed | undefined {
  for (const e of endsAt(ctx, device.name, port)) if (typeof e.link.speed === 'string') return e.link.speed;
  const entry = portEntries(device).get(port)?.[0];
  if (typeof entry?.speed === 'string') return entry.speed;
  return portInventory(device).get(port);
}

// ---------------------------------------------------------------------------------------- layer 2

/** How a port (or the LAG it belongs to) carries VLANs. */
export interface L2Config {
  /** `device|port` or `device|lag:N`. */
  key: string;
  label: string;
  mode?: 'access' | 'trunk' | 'routed';
  vlan?: number;
  allowedVlans?: number[];
  addressed: boolean;
}

/** The layer-2 setting of a device port: its LAG's when it is a member, else its own entry. */
export function l2ConfigOf(ctx: RuleContext, deviceName: string, port: string): L2Config | undefined {
  const dev = ctx.devices.get(deviceName)?.device;
  if (!dev) return undefined;
  const lag = lagMembership(dev).get(port)?.[0]?.[0];
  if (lag) {
    return {
      key: `${deviceName}|lag:${lag.id}`, label: `${deviceName} LAG ${lag.id}`, mode: lag.portMode,
      vlan: lag.vlan, allowedVlans: Array.isArray(lag.allowedVlans) ? lag.allowedVlans : undefined,
      addressed: typeof lag.address === 'string',
    };
  }
  const entry = portEntries(dev).get(port)?.[0];
  return {
    key: `${deviceName}|${port}`, label: `${deviceName} ${port}`, mode: entry?.mode, vlan: entry?.vlan,
    allowedVlans: Array.isArray(entry?.allowedVlans) ? entry.allowedVlans : undefined,
    addressed: typeof entry?.address === 'string',
  };
}

// ---------------------------------------------------------------------------------------- layer 3

export interface L3Interface {
  device: string;
  deviceIndex: number;
  kind: 'svi' | 'port' | 'lag' | 'loopback';
  /** Readable, vendor-neutral: `VLAN 10 interface`, `port GigabitEthernet0/0/1`, `LAG 1`, `loopback`. */
  label: string;
  cidr: Cidr;
  /** The VPN instance, or undefined for the global routing table. */
  vpn: string | undefined;
  pointer: string;
  vlan?: number;
  /**
   * The layer-2 segment the subnet lives on, when it can be told: `vlan:N` for a VLAN interface
   * (and for a routed port cabled to an access port of VLAN N), `p2p:<end>~<end>` for a routed
   * point-to-point link. Undefined when unknown (an interface with no modelled link).
   */
  segment?: string;
}

export function describeTable(vpn: string | undefined): string {
  return vpn === undefined ? 'the global routing table' : `VPN instance '${vpn}'`;
}

/** The segment behind a routed port or LAG, from the link(s) of its member ports. */
function segmentOf(ctx: RuleContext, device: string, nearKey: string, ports: string[]): string | undefined {
  const fars = new Set<string>();
  let accessVlan: number | undefined;
  for (const p of ports) {
    for (const e of endsAt(ctx, device, p)) {
      const far = l2ConfigOf(ctx, e.far.device, e.far.port);
      const key = far?.key ?? `${e.far.device}|${e.far.port}`;
      fars.add(key);
      if (far?.mode === 'access' && Number.isInteger(far.vlan)) accessVlan = far.vlan;
    }
  }
  if (fars.size !== 1) return undefined;
  if (accessVlan !== undefined) return `vlan:${accessVlan}`;
  return `p2p:${[nearKey, [...fars][0]!].sort().join('~')}`;
}

/** Every interface address in the network, with its routing table and segment. */
export function l3Interfaces(ctx: RuleContext): L3Interface[] {
  return once(ctx, 'l3Interfaces', () => {
    const out: L3Interface[] = [];
    for (const [dev, di] of items(ctx.topology.devices)) {
      if (typeof dev.name !== 'string') continue;
      const name = dev.name;
      const lo = parseCidr(typeof dev.loopback === 'string' ? `${dev.loopback}/32` : undefined);
      if (lo) {
        out.push({ device: name, deviceIndex: di, kind: 'loopback', label: 'loopback', cidr: lo, vpn: undefined, pointer: pointerOf('devices', di, 'loopback'), segment: `loopback:${name}` });
      }
      for (const [svi, si] of items(dev.svis)) {
        for (const [addr, ai] of strings(svi.addresses)) {
          const cidr = parseCidr(addr);
          if (!cidr) continue;
          out.push({
            device: name, deviceIndex: di, kind: 'svi', label: `VLAN ${svi.vlan} interface`, cidr,
            vpn: isString(svi.vpn) ? svi.vpn : undefined, pointer: pointerOf('devices', di, 'svis', si, 'addresses', ai),
            vlan: svi.vlan, segment: `vlan:${svi.vlan}`,
          });
        }
      }
      for (const [port, pi] of items(dev.ports)) {
        const cidr = parseCidr(port.address);
        if (!cidr || typeof port.name !== 'string') continue;
        out.push({
          device: name, deviceIndex: di, kind: 'port', label: `port ${port.name}`, cidr,
          vpn: isString(port.vpn) ? port.vpn : undefined, pointer: pointerOf('devices', di, 'ports', pi, 'address'),
          segment: segmentOf(ctx, name, `${name}|${port.name}`, [port.name]),
        });
      }
      for (const [lag, li] of items(dev.lags)) {
        const cidr = parseCidr(lag.address);
        if (!cidr) continue;
        out.push({
          device: name, deviceIndex: di, kind: 'lag', label: `LAG ${lag.id}`, cidr, vpn: undefined,
          pointer: pointerOf('devices', di, 'lags', li, 'address'),
          segment: segmentOf(ctx, name, `${name}|lag:${lag.id}`, strings(lag.members).map(([m]) => m)),
        });
      }
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------- sections

/** VPN instances by name (the first of a name). */
export function vpnsByName(ctx: RuleContext): Map<string, [VpnInstance, number]> {
  return once(ctx, 'vpns', () => {
    const out = new Map<string, [VpnInstance, number]>();
    for (const [v, i] of items(ctx.topology.vpnInstances)) if (isString(v.name) && !out.has(v.name)) out.set(v.name, [v, i]);
    return out;
  });
}

/** Departments by id (the first of an id). */
export function departmentsById(ctx: RuleContext): Map<string, [Department, number]> {
  return once(ctx, 'departments', () => {
    const out = new Map<string, [Department, number]>();
    for (const [d, i] of items(ctx.topology.departments)) if (isString(d.id) && !out.has(d.id)) out.set(d.id, [d, i]);
    return out;
  });
}

/** VLANs by id (every declaration of an id). */
export function vlansById(ctx: RuleContext): Map<number, Array<[Vlan, number]>> {
  return once(ctx, 'vlans', () => {
    const out = new Map<number, Array<[Vlan, number]>>();
    for (const [v, i] of items(ctx.topology.vlans)) if (Number.isInteger(v.id)) out.set(v.id, [...(out.get(v.id) ?? []), [v, i]]);
    return out;
  });
}

export interface SecurityZoneRef {
  device: Device;
  deviceIndex: number;
  zone: SecurityZone;
  zoneIndex: number;
}

/** Security zones of every firewall, by zone name. */
export function securityZones(ctx: RuleContext): Map<string, SecurityZoneRef[]> {
  return once(ctx, 'securityZones', () => {
    const out = new Map<string, SecurityZoneRef[]>();
    for (const [device, deviceIndex] of items(ctx.topology.devices)) {
      for (const [zone, zoneIndex] of items(device.firewall?.zones)) {
        if (!isString(zone.name)) continue;
        out.set(zone.name, [...(out.get(zone.name) ?? []), { device, deviceIndex, zone, zoneIndex }]);
      }
    }
    return out;
  });
}

/** Every VLAN a device carries: access and trunk ports, LAGs, VLAN interfaces, its `vlans` list. */
export function vlanUses(device: Device, deviceIndex: number): Array<{ vlan: number; pointer: string; what: string }> {
  const out: Array<{ vlan: number; pointer: string; what: string }> = [];
  for (const [v, i] of integers(device.vlans)) out.push({ vlan: v, pointer: pointerOf('devices', deviceIndex, 'vlans', i), what: 'its VLAN list' });
  for (const [p, pi] of items(device.ports)) {
    if (Number.isInteger(p.vlan)) out.push({ vlan: p.vlan!, pointer: pointerOf('devices', deviceIndex, 'ports', pi, 'vlan'), what: `port ${p.name}` });
    for (const [v, i] of integers(p.allowedVlans)) out.push({ vlan: v, pointer: pointerOf('devices', deviceIndex, 'ports', pi, 'allowedVlans', i), what: `port ${p.name} (allowed VLANs)` });
  }
  for (const [l, li] of items(device.lags)) {
    if (Number.isInteger(l.vlan)) out.push({ vlan: l.vlan!, pointer: pointerOf('devices', deviceIndex, 'lags', li, 'vlan'), what: `LAG ${l.id}` });
    for (const [v, i] of integers(l.allowedVlans)) out.push({ vlan: v, pointer: pointerOf('devices', deviceIndex, 'lags', li, 'allowedVlans', i), what: `LAG ${l.id} (allowed VLANs)` });
  }
  for (const [s, si] of items(device.svis)) {
    if (Number.isInteger(s.vlan)) out.push({ vlan: s.vlan, pointer: pointerOf('devices', deviceIndex, 'svis', si, 'vlan'), what: `VLAN ${s.vlan} interface` });
  }
  return out;
}

/** The remoteAccess section, read defensively (it is a single section: never dropped for schema errors). */
export function remoteAccessGroups(ctx: RuleContext): Array<{ name?: string; department?: string; vpn?: string; zone?: string; index: number }> {
  const ra = ctx.topology.remoteAccess as unknown;
  if (!isRecord(ra) || !Array.isArray(ra.groups)) return [];
  return items(ra.groups as unknown[]).filter(([g]) => isRecord(g)).map(([g, index]) => {
    const r = g as Record<string, unknown>;
    return {
      index,
      ...(isString(r.name) ? { name: r.name } : {}),
      ...(isString(r.department) ? { department: r.department } : {}),
      ...(isString(r.vpn) ? { vpn: r.vpn } : {}),
      ...(isString(r.zone) ? { zone: r.zone } : {}),
    };
  });
}

export function remoteAccessFirewall(ctx: RuleContext): string | undefined {
  const ra = ctx.topology.remoteAccess as unknown;
  return isRecord(ra) && isString(ra.firewall) ? ra.firewall : undefined;
}

/** routing.bgpSpeakers, read defensively (network is a single section). */
export function bgpSpeakers(ctx: RuleContext): Array<[string, number]> {
  const network = ctx.topology.network as unknown;
  const routing = isRecord(network) ? network.routing : undefined;
  return isRecord(routing) ? strings(routing.bgpSpeakers) : [];
}

export function hasBgpSpeakerList(ctx: RuleContext): boolean {
  const network = ctx.topology.network as unknown;
  const routing = isRecord(network) ? network.routing : undefined;
  return isRecord(routing) && Array.isArray(routing.bgpSpeakers);
}

// ---------------------------------------------------------------------------------------- IGP

/** `vlan:N` (a VLAN interface named where a port could be) → N. */
export function parseVlanRef(name: unknown): number | undefined {
  if (typeof name !== 'string') return undefined;
  const m = /^vlan:(\d{1,4})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** An OSPF area id as a number (0 and 0.0.0.0 are the backbone); undefined when unreadable. */
export function areaNumber(id: unknown): number | undefined {
  if (typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= 4294967295) return id;
  return typeof id === 'string' ? parseIpv4(id) : undefined;
}

export interface OspfInterface {
  device: string;
  deviceIndex: number;
  area: number;
  /** The entry as written: a port, lag:N, vlan:N or loopback. */
  ref: string;
  pointer: string;
  /** The layer-3 interfaces (addresses) it stands for; empty when it has none. */
  l3: L3Interface[];
  /** Why the entry cannot be used, when it cannot. */
  problem?: string;
}

/** The layer-3 interfaces an interface reference of a device stands for (port, lag:N, vlan:N, loopback). */
export function l3OfRef(ctx: RuleContext, device: string, ref: string): L3Interface[] {
  const mine = l3Interfaces(ctx).filter((i) => i.device === device);
  if (ref === 'loopback') return mine.filter((i) => i.kind === 'loopback');
  const lag = parseLagRef(ref);
  if (lag !== undefined) return mine.filter((i) => i.kind === 'lag' && i.label === `LAG ${lag}`);
  const vlan = parseVlanRef(ref);
  if (vlan !== undefined) return mine.filter((i) => i.kind === 'svi' && i.vlan === vlan);
  return mine.filter((i) => i.kind === 'port' && i.label === `port ${ref}`);
}

/** Every interface entry of every device's `ospf` areas, resolved. */
export function ospfInterfaces(ctx: RuleContext): OspfInterface[] {
  return once(ctx, 'ospfInterfaces', () => {
    const out: OspfInterface[] = [];
    for (const [d, di] of items(ctx.topology.devices)) {
      if (!isString(d.name) || !isRecord(d.ospf)) continue;
      for (const [a, ai] of items((d.ospf as { areas?: unknown[] }).areas as Array<{ id?: unknown; interfaces?: unknown }> | undefined)) {
        if (!isRecord(a)) continue;
        const area = areaNumber(a.id);
        if (area === undefined) continue;
        for (const [ref, ri] of strings(a.interfaces)) {
          const l3 = l3OfRef(ctx, d.name, ref);
          const entry: OspfInterface = { device: d.name, deviceIndex: di, area, ref, pointer: pointerOf('devices', di, 'ospf', 'areas', ai, 'interfaces', ri), l3 };
          if (ref === 'loopback' && !isString(d.loopback)) continue; // no loopback at all: rule `routing` (*_NO_LOOPBACK)
          if (l3.length === 0) entry.problem = `'${ref}' is no addressed interface of the device (a port or lag:N with an address, vlan:N of a VLAN interface, or loopback)`;
          else if (l3.some((i) => i.vpn !== undefined)) entry.problem = `'${ref}' is bound to VPN instance '${l3.find((i) => i.vpn !== undefined)!.vpn}'; the IGP runs in the global routing table`;
          out.push(entry);
        }
      }
    }
    return out;
  });
}

export interface Adjacency {
  a: OspfInterface;
  b: OspfInterface;
  /** The subnets they share. */
  subnet: string;
}

/** OSPF adjacencies: two devices' usable OSPF interfaces in one area on one subnet and segment. */
export function ospfAdjacencies(ctx: RuleContext): Adjacency[] {
  return once(ctx, 'ospfAdjacencies', () => {
    const usable = ospfInterfaces(ctx).filter((o) => o.problem === undefined);
    const out: Adjacency[] = [];
    for (let i = 0; i < usable.length; i++) {
      for (let j = i + 1; j < usable.length; j++) {
        const a = usable[i]!;
        const b = usable[j]!;
        if (a.device === b.device || a.area !== b.area) continue;
        const shared = a.l3.flatMap((x) => b.l3.filter((y) => x.kind !== 'loopback' && y.kind !== 'loopback'
          && sameBlock(x.cidr, y.cidr) && x.cidr.length < 32
          && (x.segment === undefined || y.segment === undefined || x.segment === y.segment)).map(() => formatPrefix(x.cidr)));
        if (shared.length > 0) out.push({ a, b, subnet: shared[0]! });
      }
    }
    return out;
  });
}

/** The routing.igp section, read defensively. */
export function igpOf(ctx: RuleContext): { protocol?: unknown; process?: unknown } | undefined {
  const network = ctx.topology.network as unknown;
  const routing = isRecord(network) ? network.routing : undefined;
  const igp = isRecord(routing) ? routing.igp : undefined;
  return isRecord(igp) ? igp : undefined;
}
