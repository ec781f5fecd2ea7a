/**
 * What every section of the USG renderer reads: the device, its catalogue entry and policy
 * generation, its credentials, the remote-access groups it terminates and its layer-3 interfaces.
 * Built once per render; pure.
 */
import { DcnetError } from '../../errors.js';
import {
  findDeviceModel,
  type Capabilities,
  type CatalogPort,
  type Credential,
  type Department,
  type Device,
  type TextLimits,
  type Topology,
  textLimitsOf,
} from '../../model/index.js';
import { hostRange, prefixLength, subnetContains } from './addresses.js';

/** One `#`-delimited section of the configuration: its lines, sub-lines indented by one space per level. */
export type Block = string[];

export type PolicyStyle = NonNullable<Capabilities['policyStyle']>;

export class UsgRenderError extends DcnetError {}

/** A remote-access user group this firewall terminates (topology.remoteAccess), resolved. */
export interface RemoteGroup {
  /** 1-based: the number of its Virtual-Template, l2tp-group and address pool. */
  index: number;
  name: string;
  department?: Department;
  /** The AAA domain its users authenticate in (user@domain): the department id, else the group name. */
  domain: string;
  vpn: string;
  /** The security zone its users land in, when the model names it. */
  zone?: string;
  /** The department's remote-access pool, if it has one. */
  pool?: string;
}

/** A layer-3 interface of the firewall: name as the device prints it, addresses (a.b.c.d/len), VPN instance. */
export interface L3Interface {
  name: string;
  addresses: string[];
  vpn?: string;
}

export interface UsgContext {
  topology: Topology;
  device: Device;
  style: PolicyStyle;
  /** Catalogue ports, in catalogue order, then the device's extra ports. */
  physicalPorts: CatalogPort[];
  capabilities: Capabilities;
  credential?: Credential;
  remoteGroups: RemoteGroup[];
  /** What text the platform holds (descriptions with Chinese names: yes on the USG). */
  textLimits: TextLimits;
}

export function buildContext(topology: Topology, device: Device): UsgContext {
  const model = findDeviceModel(device.model);
  const style = model?.capabilities.policyStyle;
  if (!model || model.platform !== 'huawei-usg' || !style) {
    throw new UsgRenderError(
      'RENDER_USG_UNKNOWN_MODEL',
      `device ${device.name}: model ${device.model} is not a Huawei USG firewall the catalogue knows`,
      { device: device.name, model: device.model },
    );
  }
  const credential = topology.credentials?.find((c) => c.id === device.credentials);
  const ra = topology.remoteAccess;
  const remoteGroups: RemoteGroup[] = ra && ra.firewall === device.name
    ? ra.groups.map((g, i) => {
      const department = topology.departments?.find((d) => d.id === g.department);
      return {
        index: i + 1, name: g.name, vpn: g.vpn, domain: g.department ?? g.name,
        ...(department ? { department } : {}),
        ...(g.zone ? { zone: g.zone } : {}),
        ...(department?.remoteAccessPool ? { pool: department.remoteAccessPool } : {}),
      };
    })
    : [];
  return {
    topology, device, style, capabilities: model.capabilities, credential, remoteGroups,
    physicalPorts: [...model.ports, ...(device.extraPorts ?? [])], textLimits: textLimitsOf('huawei-usg')!,
  };
}

/** A model interface reference as the USG names it: `lag:N` → `Eth-TrunkN`, `vlan:N` → `VlanifN`. */
export function usgInterfaceName(ref: string): string {
  const lag = /^lag:(\d+)$/.exec(ref);
  if (lag) return `Eth-Trunk${lag[1]}`;
  const vlan = /^vlan:(\d+)$/.exec(ref);
  if (vlan) return `Vlanif${vlan[1]}`;
  return ref;
}

/** The Virtual-Template address of a remote-access group: the first host of its pool, with the pool's length. */
export function remoteGatewayAddress(pool: string): string {
  return `${hostRange(pool).first}/${prefixLength(pool)}`;
}

/** Every layer-3 interface the model gives this firewall (ports, Eth-Trunks, Vlanifs, Virtual-Templates, LoopBack0). */
export function layer3Interfaces(ctx: UsgContext): L3Interface[] {
  const d = ctx.device;
  const out: L3Interface[] = [];
  for (const s of d.svis ?? []) out.push({ name: `Vlanif${s.vlan}`, addresses: s.addresses, ...(s.vpn ? { vpn: s.vpn } : {}) });
  for (const l of d.lags ?? []) if (l.address) out.push({ name: `Eth-Trunk${l.id}`, addresses: [l.address] });
  for (const p of d.ports ?? []) {
    if (p.address) out.push({ name: p.name, addresses: [p.address], ...(p.vpn ? { vpn: p.vpn } : {}) });
  }
  for (const g of ctx.remoteGroups) {
    out.push({ name: `Virtual-Template${g.index}`, addresses: g.pool ? [remoteGatewayAddress(g.pool)] : [], vpn: g.vpn });
  }
  if (d.loopback) out.push({ name: 'LoopBack0', addresses: [`${d.loopback}/32`] });
  return out;
}

/**
 * Where an address lives, seen from this firewall: the VPN instance of the interface whose subnet
 * holds it, else that of the longest static route covering it (`vpn` absent: the public routing
 * table); `undefined` when neither covers it.
 */
export function locateAddress(ctx: UsgContext, ip: string): { vpn?: string } | undefined {
  for (const itf of layer3Interfaces(ctx)) {
    if (itf.addresses.some((a) => subnetContains(a, ip))) return itf.vpn ? { vpn: itf.vpn } : {};
  }
  let best: { len: number; vpn?: string } | undefined;
  for (const r of ctx.device.staticRoutes ?? []) {
    const len = prefixLength(r.prefix);
    if (subnetContains(r.prefix, ip) && (!best || len > best.len)) best = { len, ...(r.vpn ? { vpn: r.vpn } : {}) };
  }
  return best ? (best.vpn ? { vpn: best.vpn } : {}) : undefined;
}

/** The VPN instance of the interfaces of the zones that represent `what` (e.g. internet), if they agree on one. */
export function vpnOfZone(ctx: UsgContext, what: string): string | undefined {
  const names = new Set((ctx.device.firewall?.zones ?? []).filter((z) => z.represents === what).flatMap((z) => z.interfaces.map(usgInterfaceName)));
  const vpns = new Set(layer3Interfaces(ctx).filter((i) => names.has(i.name)).map((i) => i.vpn));
  return vpns.size === 1 ? [...vpns][0] : undefined;
}
