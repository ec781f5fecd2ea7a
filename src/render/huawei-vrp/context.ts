/**
 * What the VRP sections need to know about one device, computed once from the model: its physical
 * interfaces in print order, the settings of each port, Eth-Trunk membership, the far end of each
 * cabled port, VLAN names, credentials, VPN instances in use and the release dialect.
 * Pure: the same input gives the same context.
 */
import {
  findDeviceModel, type Credential, type Device, type DeviceModel, type Endpoint, type Lag, type Port,
  type Speed, type Topology, type VpnInstance, type VrrpGroup,
} from '../../model/index.js';
import type { RenderInput } from '../types.js';
import { dialectFor, type VrpDialect } from './dialect.js';
import { canonicalInterfaceName, compareText, sortPhysicalNames } from './format.js';
import { collectVrrpMemberships, type VrrpMembership } from './vrrp.js';

export interface VrpContext {
  topology: Topology;
  device: Device;
  model: DeviceModel | undefined;
  dialect: VrpDialect;
  /** Every physical interface of the box (catalogue, extra ports, any port the model names), in print order. */
  physicalPorts: readonly string[];
  /** The speed each port runs at by default (catalogue or extra port), by canonical name. */
  portSpeeds: Map<string, Speed>;
  /** The model's settings for a port, by canonical name. */
  portSettings: Map<string, Port>;
  /** The Eth-Trunk a port belongs to, by canonical name. */
  lagOfMember: Map<string, Lag>;
  /** The far end of the link on a port, by canonical name. */
  peers: Map<string, Endpoint>;
  /** VLAN id → name, from `topology.vlans`. */
  vlanNames: Map<number, string>;
  /** The device's login/SNMP credential (`device.credentials`). */
  credential: Credential | undefined;
  /** The VPN instances this device carries (bound on an interface or used by a static route), by name. */
  vpnInstances: VpnInstance[];
  /** The VRRP groups this device joins, by VLAN, each list by VRID. */
  vrrpByVlan: Map<number, VrrpMembership[]>;
}

export function buildVrpContext({ topology, device }: RenderInput): VrpContext {
  const model = findDeviceModel(device.model);
  const catalogue = model ? cataloguePorts(model) : { names: [], speeds: new Map<string, Speed>() };
  const extra = new Set<string>();
  const addExtra = (name: string): void => {
    const n = canonicalInterfaceName(name);
    if (!catalogue.speeds.has(n)) extra.add(n);
  };
  for (const p of device.extraPorts ?? []) addExtra(p.name);
  for (const p of device.ports ?? []) addExtra(p.name);
  for (const lag of device.lags ?? []) for (const m of lag.members) addExtra(m);
  const physicalPorts = extra.size === 0 ? catalogue.names : sortPhysicalNames([...catalogue.names, ...extra]);
  const portSpeeds = new Map(catalogue.speeds);
  for (const p of device.extraPorts ?? []) {
    const n = canonicalInterfaceName(p.name);
    if (!portSpeeds.has(n)) portSpeeds.set(n, p.speed);
  }

  const portSettings = new Map<string, Port>();
  for (const p of device.ports ?? []) {
    const key = canonicalInterfaceName(p.name);
    if (!portSettings.has(key)) portSettings.set(key, p);
  }

  const lagOfMember = new Map<string, Lag>();
  for (const lag of device.lags ?? []) {
    for (const m of lag.members) {
      const key = canonicalInterfaceName(m);
      if (!lagOfMember.has(key)) lagOfMember.set(key, lag);
    }
  }

  const index = topologyIndex(topology);
  const peers = index.peers.get(device.name) ?? new Map<string, Endpoint>();
  const vlanNames = index.vlanNames;

  const used = new Set<string>();
  for (const s of device.svis ?? []) if (s.vpn) used.add(s.vpn);
  for (const p of device.ports ?? []) if (p.vpn) used.add(p.vpn);
  for (const r of device.staticRoutes ?? []) if (r.vpn) used.add(r.vpn);
  const vpnInstances = [...used]
    .sort(compareText)
    .map((name) => index.vpnByName.get(name))
    .filter((v): v is VpnInstance => v !== undefined);

  return {
    topology,
    device,
    model,
    dialect: dialectFor(device.model),
    physicalPorts,
    portSpeeds,
    portSettings,
    lagOfMember,
    peers,
    vlanNames,
    credential: (topology.credentials ?? []).find((c) => c.id === device.credentials),
    vpnInstances,
    vrrpByVlan: collectVrrpMemberships(index.vrrpGroupsOf.get(device.name) ?? [], device),
  };
}

interface TopologyIndex {
  /** device → its cabled ports → the far end (first link wins). */
  peers: Map<string, Map<string, Endpoint>>;
  vlanNames: Map<number, string>;
  vpnByName: Map<string, VpnInstance>;
  /** device → the VRRP groups naming it, in topology order. */
  vrrpGroupsOf: Map<string, VrrpGroup[]>;
}

/**
 * What every device's context needs from the whole topology, built once per topology object
 * (a pure function of it, memoised only for speed: rendering N devices stays O(N), not O(N^2)).
 */
const indexCache = new WeakMap<Topology, TopologyIndex>();

function topologyIndex(topology: Topology): TopologyIndex {
  let index = indexCache.get(topology);
  if (index) return index;
  const peers = new Map<string, Map<string, Endpoint>>();
  const peer = (end: Endpoint, far: Endpoint): void => {
    let ports = peers.get(end.device);
    if (!ports) peers.set(end.device, (ports = new Map()));
    const key = canonicalInterfaceName(end.port);
    if (!ports.has(key)) ports.set(key, far);
  };
  for (const link of topology.links ?? []) {
    peer(link.a, link.b);
    peer(link.b, link.a);
  }
  const vlanNames = new Map<number, string>();
  for (const v of topology.vlans ?? []) if (!vlanNames.has(v.id)) vlanNames.set(v.id, v.name);
  const vpnByName = new Map<string, VpnInstance>();
  for (const v of topology.vpnInstances ?? []) if (!vpnByName.has(v.name)) vpnByName.set(v.name, v);
  const vrrpGroupsOf = new Map<string, VrrpGroup[]>();
  for (const group of topology.vrrp ?? []) {
    for (const name of new Set(group.members.map((m) => m.device))) {
      const list = vrrpGroupsOf.get(name);
      if (list) list.push(group); else vrrpGroupsOf.set(name, [group]);
    }
  }
  index = { peers, vlanNames, vpnByName, vrrpGroupsOf };
  indexCache.set(topology, index);
  return index;
}

/**
 * A model's ports in print order with their speeds, computed once per catalogue entry (a pure
 * function of an immutable catalogue object, memoised only for speed).
 */
const catalogueCache = new WeakMap<DeviceModel, { names: readonly string[]; speeds: ReadonlyMap<string, Speed> }>();

function cataloguePorts(model: DeviceModel): { names: readonly string[]; speeds: ReadonlyMap<string, Speed> } {
  let entry = catalogueCache.get(model);
  if (!entry) {
    const speeds = new Map<string, Speed>();
    for (const p of model.ports) {
      const n = canonicalInterfaceName(p.name);
      if (!speeds.has(n)) speeds.set(n, p.speed);
    }
    entry = { names: sortPhysicalNames(speeds.keys()), speeds };
    catalogueCache.set(model, entry);
  }
  return entry;
}

/** `to core-2 GigabitEthernet 1/1`: names the far end of a cabled port. */
export function peerDescription(peer: Endpoint | undefined): string | undefined {
  return peer ? `to ${peer.device} ${peer.port}` : undefined;
}
