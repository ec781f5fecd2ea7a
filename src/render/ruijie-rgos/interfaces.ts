/**
 * Interface stanzas, in the order `show running-config` lists them (reference/ruijie-rgos.md §3.1):
 * every physical interface by type/slot/port (RGOS prints each one, configured or not: a bare
 * `interface GigabitEthernet 2/10` followed by `!` in the seen capture), then aggregate ports, then
 * `interface VLAN N`, then the loopback (the relative order of the last three is composed).
 *
 * Sub-command order follows the seen capture: ` speed`, ` no switchport`, ` description`,
 * ` shutdown`, ` switchport mode trunk`, ` switchport access vlan` / allowed list, ` ip address`;
 * ` port-group` (§2.4), QoS and ` ip vrf forwarding` (always before ` ip address`, §2.6) slot in
 * after the switchport lines (composed).
 */
import type { Lag, Port, Speed } from '../../model/index.js';
import { describePeer, type RgosContext } from './context.js';
import { formatAddressMask, complementVlans, formatVlanList, text, type Block } from './format.js';
import { nameAggregatePort, toPortKey, nameVlanInterface } from './names.js';
import { renderPortQos } from './qos.js';
import { renderVrfForwarding } from './vrf.js';
import { renderVrrp } from './vrrp.js';

export type PortMode = 'access' | 'trunk' | 'routed';

/**
 * How a trunk's allowed list is printed. `remove`: RGOS 10 (S8610/S5750) prints the VLANs taken
 * away from the default "all" as one ` switchport trunk allowed vlan remove L` line (reference §2.3:
 * "RGOS 10 typically shows the result as ... remove ... lines (unverified)"; valid input on every
 * RGOS release). `only`: the RGOS 11 canonical form (§2.3, seen).
 */
export type TrunkAllowedStyle = 'remove' | 'only';
export const TRUNK_ALLOWED_STYLE: TrunkAllowedStyle = 'remove';

const SPEED_KEYWORD: Record<Speed, string> = {
  '100M': '100', '1G': '1000', '10G': '10000', '25G': '25000', '40G': '40000', '100G': '100000',
};

/** The mode the model asks for, explicit or implied by an address, an allowed list or a VLAN. */
export function resolvePortMode(p: { mode?: PortMode; address?: string; allowedVlans?: number[]; vlan?: number }): PortMode | undefined {
  if (p.mode) return p.mode;
  if (p.address) return 'routed';
  if (p.allowedVlans) return 'trunk';
  if (p.vlan !== undefined) return 'access';
  return undefined;
}

/** The allowed-VLAN line of a trunk; none when every VLAN is allowed (the default). */
export function renderTrunkAllowed(allowed: number[] | undefined, style: TrunkAllowedStyle = TRUNK_ALLOWED_STYLE): string[] {
  if (!allowed) return [];
  if (style === 'only') return [` switchport trunk allowed vlan only ${formatVlanList(allowed)}`];
  const removed = complementVlans(allowed);
  return removed.length === 0 ? [] : [` switchport trunk allowed vlan remove ${formatVlanList(removed)}`];
}

/** Layer-2 lines: access is the default mode, so an access port shows only its VLAN (§2.3, seen). */
export function renderSwitchport(mode: PortMode | undefined, vlan: number | undefined, allowed: number[] | undefined): string[] {
  if (mode === 'access') return vlan !== undefined && vlan !== 1 ? [` switchport access vlan ${vlan}`] : [];
  if (mode === 'trunk') return [' switchport mode trunk', ...renderTrunkAllowed(allowed)];
  return [];
}

function renderSpeed(ctx: RgosContext, port: Port | undefined): string[] {
  if (!port?.speed) return [];
  const native = ctx.nativeSpeeds.get(toPortKey(port.name));
  return native && native !== port.speed ? [` speed ${SPEED_KEYWORD[port.speed]}`] : [];
}

/** ` port-group N mode active` (LACP) or ` port-group N` (static) on an aggregate member (§2.4). */
export function renderPortGroup(lag: Lag): string {
  return lag.mode === 'lacp' ? ` port-group ${lag.id} mode active` : ` port-group ${lag.id}`;
}

export function renderPhysicalInterface(ctx: RgosContext, name: string): Block {
  const key = toPortKey(name);
  const port = ctx.portSettings.get(key);
  const lag = ctx.lagOfMember.get(key);
  const description = port?.description ?? describePeer(ctx.peers.get(key));
  const lines = [`interface ${name}`, ...renderSpeed(ctx, port)];
  if (lag) {
    // A member takes its layer-2/3 settings from its AggregatePort.
    if (description) lines.push(` description ${text(description)}`);
    if (port?.shutdown) lines.push(' shutdown');
    lines.push(renderPortGroup(lag));
    return lines;
  }
  const mode = port ? resolvePortMode(port) : undefined;
  if (mode === 'routed') lines.push(' no switchport');
  if (description) lines.push(` description ${text(description)}`);
  if (port?.shutdown) lines.push(' shutdown');
  lines.push(...renderSwitchport(mode, port?.vlan, port?.allowedVlans));
  lines.push(...renderPortQos(ctx, port?.qos));
  if (mode === 'routed' && port) {
    lines.push(...renderVrfForwarding(port.vpn));
    if (port.address) lines.push(` ip address ${formatAddressMask(port.address)}`);
  }
  return lines;
}

export function renderPhysicalInterfaces(ctx: RgosContext): Block[] {
  return ctx.physicalPorts.map((name) => renderPhysicalInterface(ctx, name));
}

/** An aggregate's description: its own, else the device every member is cabled to. */
function describeLag(ctx: RgosContext, lag: Lag): string | undefined {
  if (lag.description) return lag.description;
  const far = new Set(lag.members.map((m) => ctx.peers.get(toPortKey(m))?.device));
  const [only] = [...far];
  return far.size === 1 && only ? `to ${only}` : undefined;
}

export function renderAggregatePort(ctx: RgosContext, lag: Lag): Block {
  const mode = resolvePortMode({ mode: lag.portMode, address: lag.address, allowedVlans: lag.allowedVlans, vlan: lag.vlan });
  const lines = [`interface ${nameAggregatePort(lag.id)}`];
  if (mode === 'routed') lines.push(' no switchport');
  const description = describeLag(ctx, lag);
  if (description) lines.push(` description ${text(description)}`);
  lines.push(...renderSwitchport(mode, lag.vlan, lag.allowedVlans));
  if (mode === 'routed' && lag.address) lines.push(` ip address ${formatAddressMask(lag.address)}`);
  return lines;
}

export function renderAggregatePorts(ctx: RgosContext): Block[] {
  return [...(ctx.device.lags ?? [])].sort((a, b) => a.id - b.id).map((lag) => renderAggregatePort(ctx, lag));
}

/** `interface VLAN N`: description, VRF binding, primary then secondary addresses, VRRP (§2.2, §2.5). */
export function renderVlanInterfaces(ctx: RgosContext): Block[] {
  return [...(ctx.device.svis ?? [])].sort((a, b) => a.vlan - b.vlan).map((svi) => {
    const lines = [`interface ${nameVlanInterface(svi.vlan)}`];
    if (svi.description) lines.push(` description ${text(svi.description)}`);
    lines.push(...renderVrfForwarding(svi.vpn));
    svi.addresses.forEach((a, i) => lines.push(` ip address ${formatAddressMask(a)}${i === 0 ? '' : ' secondary'}`));
    lines.push(...renderVrrp(ctx, svi.vlan));
    return lines;
  });
}

/** `interface Loopback 0` carrying the device's loopback (router id) address as a /32. */
export function renderLoopback(ctx: RgosContext): Block[] {
  const lo = ctx.device.loopback;
  return lo ? [['interface Loopback 0', ` ip address ${lo} 255.255.255.255`]] : [];
}
