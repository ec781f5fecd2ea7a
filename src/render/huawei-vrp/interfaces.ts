/**
 * Interfaces, one `#`-delimited section each, in the order VRP prints them ("interfaces in
 * type/number order", reference/huawei-vrp.md §3.1): Vlanif by VLAN, Eth-Trunk by number, every
 * physical port (type, then slot/card/port: the catalogue order), `NULL0`, then `LoopBack0` when
 * the device has a loopback.
 *
 * Every physical port is printed, configured or not, and so is `NULL0`: the device prints a bare
 * `interface X` + `#` for each (§3.1 shows `interface NULL0` with no body), so a diff against a
 * real running configuration only shows what differs.
 *
 * Line order inside a block:
 *   Vlanif      description, ip binding vpn-instance, ip address (primary, then ` sub`), VRRP, mpls, mpls ldp
 *   Eth-Trunk   [undo portswitch], description, layer-2 or layer-3 lines, mode lacp-static, mpls, mpls ldp
 *   physical    [undo portswitch], [undo negotiation auto], description, shutdown,
 *               eth-trunk N | layer-2 | layer-3 lines, speed, QoS, mpls, mpls ldp
 * Seen in public S-series V200R021 / CE captures: `undo negotiation auto` before the description,
 * `shutdown` right after it and before the VLAN lines; `undo portswitch` before the description;
 * Eth-Trunk `mode lacp*` after the VLAN or address lines. The place of `speed` is unverified.
 *
 * - `ip binding vpn-instance` must come BEFORE `ip address`: binding clears the interface's
 *   addresses (§2.7).
 * - Trunks: `port link-type trunk`, `undo port trunk allow-pass vlan 1` when VLAN 1 is not
 *   allowed, `port trunk allow-pass vlan ...` (10 items per line, split like `vlan batch`:
 *   "probably split the same way (not verified)", §2.2), `port trunk pvid vlan N` (§2.4). A trunk
 *   with no allowed list allows every VLAN (as on RGOS), printed as `port trunk allow-pass vlan 2 to
 *   4094` (VLAN 1 is allowed by default and not listed).
 * - Eth-Trunk members show only ` eth-trunk N` (plus description, shutdown) (§2.5); a member's own
 *   layer-2/3 settings are not rendered (intent flags them).
 * - Routed ports: `undo portswitch` (§2.16, S-series V200R005+).
 * - A port slower than its catalogue speed: `undo negotiation auto` + `speed 100|1000` (S-series
 *   forms, not in the reference).
 * - Descriptions name the far end from `topology.links` (`to core-2 GigabitEthernet 1/1`) unless
 *   the model gives one.
 */
import type { Lag, Port, QosProfile, Speed, Svi } from '../../model/index.js';
import { peerDescription, type VrpContext } from './context.js';
import {
  addressWithMask, canonicalInterfaceName, ethTrunkName, text, vlanListLines, vlanifName, type Section,
} from './format.js';
import { renderPortQos } from './qos.js';
import { renderVrrp } from './vrrp.js';

type PortMode = 'access' | 'trunk' | 'routed';

/** Layer-2 lines of an access or trunk port / Eth-Trunk (§2.4). */
export function renderSwitchport(mode: PortMode | undefined, vlan: number | undefined, allowed: readonly number[] | undefined): string[] {
  if (mode === 'access') {
    const lines = [' port link-type access'];
    if (vlan !== undefined && vlan !== 1) lines.push(` port default vlan ${vlan}`);
    return lines;
  }
  if (mode === 'trunk') {
    const lines = [' port link-type trunk'];
    if (allowed === undefined) {
      lines.push(' port trunk allow-pass vlan 2 to 4094');
    } else {
      if (!allowed.includes(1)) lines.push(' undo port trunk allow-pass vlan 1');
      lines.push(...vlanListLines(' port trunk allow-pass vlan', allowed.filter((v) => v !== 1)));
    }
    if (vlan !== undefined && vlan !== 1) lines.push(` port trunk pvid vlan ${vlan}`);
    return lines;
  }
  return [];
}

/** `ip binding vpn-instance` (first: it clears addresses), then the addresses, primary first (§2.3, §2.7). */
export function renderL3(addresses: readonly string[], vpn: string | undefined): string[] {
  const lines: string[] = [];
  if (vpn) lines.push(` ip binding vpn-instance ${vpn}`);
  addresses.forEach((a, i) => lines.push(` ip address ${addressWithMask(a)}${i > 0 ? ' sub' : ''}`));
  return lines;
}

export function renderMplsInterface(mpls: boolean | undefined): string[] {
  return mpls ? [' mpls', ' mpls ldp'] : [];
}

export function renderVlanif(ctx: VrpContext, svi: Svi): Section {
  const lines = [`interface ${vlanifName(svi.vlan)}`];
  if (svi.description) lines.push(` description ${text(svi.description)}`);
  lines.push(...renderL3(svi.addresses, svi.vpn));
  lines.push(...renderVrrp(ctx, svi.vlan));
  lines.push(...renderMplsInterface(svi.mpls));
  return lines;
}

/** The far end of an Eth-Trunk: the peer device, and its aggregate when all members land in one. */
export function describeLagPeer(ctx: VrpContext, lag: Lag): string | undefined {
  const ends = lag.members.map((m) => ctx.peers.get(canonicalInterfaceName(m)));
  if (ends.length === 0 || ends.some((e) => e === undefined)) return undefined;
  const devices = new Set(ends.map((e) => e!.device));
  if (devices.size !== 1) return undefined;
  const farName = [...devices][0]!;
  const far = ctx.topology.devices.find((d) => d.name === farName);
  const farPorts = ends.map((e) => canonicalInterfaceName(e!.port));
  const farLag = far?.lags?.find((l) => farPorts.every((p) => l.members.some((m) => canonicalInterfaceName(m) === p)));
  if (!far || !farLag) return `to ${farName}`;
  // The far aggregate under the name its own platform prints.
  const farLagName = far.platform === 'ruijie-rgos' ? `AggregatePort ${farLag.id}` : ethTrunkName(farLag.id);
  return `to ${farName} ${farLagName}`;
}

export function renderEthTrunk(ctx: VrpContext, lag: Lag): Section {
  const lines = [`interface ${ethTrunkName(lag.id)}`];
  const mode: PortMode | undefined = lag.portMode ?? (lag.address ? 'routed' : undefined);
  if (mode === 'routed') lines.push(' undo portswitch');
  const description = lag.description ?? describeLagPeer(ctx, lag);
  if (description) lines.push(` description ${text(description)}`);
  if (mode === 'routed') lines.push(...renderL3(lag.address ? [lag.address] : [], undefined));
  else lines.push(...renderSwitchport(mode, lag.vlan, lag.allowedVlans));
  if (lag.mode === 'lacp') lines.push(` mode ${ctx.dialect.lacpMode}`);
  lines.push(...renderMplsInterface(lag.mpls));
  return lines;
}

const SPEED_MBPS: Record<Speed, number> = { '100M': 100, '1G': 1000, '10G': 10000, '25G': 25000, '40G': 40000, '100G': 100000 };

export function renderPhysical(ctx: VrpContext, name: string, qos: (name: string | undefined) => QosProfile | undefined): Section {
  const port: Port | undefined = ctx.portSettings.get(name);
  const lag = ctx.lagOfMember.get(name);
  const lines = [`interface ${name}`];
  const description = port?.description ?? peerDescription(ctx.peers.get(name));
  const mode: PortMode | undefined = port?.mode ?? (port?.address ? 'routed' : undefined);
  const routed = !lag && mode === 'routed';
  const native = ctx.portSpeeds.get(name);
  const forcedSpeed = port?.speed && native && SPEED_MBPS[port.speed] < SPEED_MBPS[native] ? SPEED_MBPS[port.speed] : undefined;
  if (routed) lines.push(' undo portswitch');
  if (forcedSpeed !== undefined) lines.push(' undo negotiation auto');
  if (description) lines.push(` description ${text(description)}`);
  if (port?.shutdown) lines.push(' shutdown');
  if (lag) {
    lines.push(` eth-trunk ${lag.id}`);
  } else if (routed) {
    lines.push(...renderL3(port?.address ? [port.address] : [], port?.vpn));
  } else if (port) {
    lines.push(...renderSwitchport(mode, port.vlan, port.allowedVlans));
  }
  if (forcedSpeed !== undefined) lines.push(` speed ${forcedSpeed}`);
  if (!lag) {
    lines.push(...renderPortQos(qos(port?.qos)));
    lines.push(...renderMplsInterface(port?.mpls));
  }
  return lines;
}

export function renderLoopback(loopback: string | undefined): Section[] {
  return loopback ? [['interface LoopBack0', ` ip address ${addressWithMask(`${loopback}/32`)}`]] : [];
}

export function renderInterfaces(ctx: VrpContext): Section[] {
  const qosByName = new Map<string, QosProfile>();
  for (const q of ctx.topology.qosProfiles ?? []) if (!qosByName.has(q.name)) qosByName.set(q.name, q);
  const qos = (n: string | undefined): QosProfile | undefined => (n === undefined ? undefined : qosByName.get(n));
  const svis = [...(ctx.device.svis ?? [])].sort((a, b) => a.vlan - b.vlan);
  const lags = [...(ctx.device.lags ?? [])].sort((a, b) => a.id - b.id);
  return [
    ...svis.map((s) => renderVlanif(ctx, s)),
    ...lags.map((l) => renderEthTrunk(ctx, l)),
    ...ctx.physicalPorts.map((p) => renderPhysical(ctx, p, qos)),
    ['interface NULL0'],
    ...renderLoopback(ctx.device.loopback),
  ];
}
