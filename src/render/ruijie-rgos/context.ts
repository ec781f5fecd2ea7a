/**
 * What the RGOS sections need to know about one device, computed once from the model: its physical
 * interfaces in running-config order, the model's settings per port, aggregate membership, the far
 * end of each cabled port, and VLAN names. Pure: the same input gives the same context.
 */
import { findDeviceModel, type Device, type Endpoint, type Lag, type Port, type Speed, type Topology } from '../../model/index.js';
import type { RenderInput } from '../types.js';
import { canonicalizePortName, comparePortNames, toPortKey } from './names.js';

export interface RgosContext {
  topology: Topology;
  device: Device;
  /** Every physical interface of the box (catalogue, extra ports, any port the model names), sorted. */
  physicalPorts: string[];
  /** The speed a port runs at unless told otherwise (catalogue or extra port), by `toPortKey`. */
  nativeSpeeds: Map<string, Speed>;
  /** The model's settings for a port, by `toPortKey`. */
  portSettings: Map<string, Port>;
  /** The aggregate a port belongs to, by `toPortKey`. */
  lagOfMember: Map<string, Lag>;
  /** The far end of the link on a port, by `toPortKey`. */
  peers: Map<string, Endpoint>;
  /** VLAN id → name, from `topology.vlans`. */
  vlanNames: Map<number, string>;
}

export function buildRgosContext({ topology, device }: RenderInput): RgosContext {
  const byKey = new Map<string, string>();
  const nativeSpeeds = new Map<string, Speed>();
  const add = (name: string, speed?: Speed): void => {
    const key = toPortKey(name);
    if (!byKey.has(key)) byKey.set(key, canonicalizePortName(name));
    if (speed && !nativeSpeeds.has(key)) nativeSpeeds.set(key, speed);
  };
  for (const p of findDeviceModel(device.model)?.ports ?? []) add(p.name, p.speed);
  for (const p of device.extraPorts ?? []) add(p.name, p.speed);
  for (const p of device.ports ?? []) add(p.name);
  for (const lag of device.lags ?? []) for (const m of lag.members) add(m);

  const portSettings = new Map<string, Port>();
  for (const p of device.ports ?? []) if (!portSettings.has(toPortKey(p.name))) portSettings.set(toPortKey(p.name), p);

  const lagOfMember = new Map<string, Lag>();
  for (const lag of device.lags ?? []) for (const m of lag.members) lagOfMember.set(toPortKey(m), lag);

  const peers = new Map<string, Endpoint>();
  for (const link of topology.links ?? []) {
    if (link.a.device === device.name && !peers.has(toPortKey(link.a.port))) peers.set(toPortKey(link.a.port), link.b);
    if (link.b.device === device.name && !peers.has(toPortKey(link.b.port))) peers.set(toPortKey(link.b.port), link.a);
  }

  const vlanNames = new Map<number, string>();
  for (const v of topology.vlans ?? []) if (!vlanNames.has(v.id)) vlanNames.set(v.id, v.name);

  return {
    topology,
    device,
    physicalPorts: [...byKey.values()].sort(comparePortNames),
    nativeSpeeds,
    portSettings,
    lagOfMember,
    peers,
    vlanNames,
  };
}

/** The description that names the far end of a cabled port: `to core-1 GigabitEthernet1/0/1`. */
export function describePeer(peer: Endpoint | undefined): string | undefined {
  return peer ? `to ${peer.device} ${peer.port}` : undefined;
}
