/**
 * Interfaces, in the order `display current-configuration` prints them (VRP §3.1: Vlanif, then
 * Eth-Trunk, then physical ports in catalogue order, each followed by its sub-interfaces; then the
 * remote-access Virtual-Templates, `interface NULL0` (always present on the device) and LoopBack0).
 *
 * Inside a block: description (the model's, else the far end of the link: `to DEVICE PORT`),
 * `vlan-type dot1q N` on sub-interfaces (USG §5.1), `shutdown`, then either layer-2 lines (USG6000
 * only, VRP §2.4 syntax after `portswitch`; composed) or `ip binding vpn-instance` BEFORE
 * `ip address` (binding clears the address: VRP §2.7, USG §5.1), then VRRP (vrrp.ts), then on the
 * USG6000 `service-manage ping|ssh|snmp permit` on the interface that carries the management
 * address (USG §1: interfaces do not answer management traffic otherwise). LAG members print only
 * their description and `eth-trunk N` (VRP §2.5).
 */
import { deviceText, type Lag, type Port } from '../../model/index.js';
import { addressWithMask, splitAddress } from './addresses.js';
import type { Block, UsgContext } from './context.js';
import { ipsecOnInterface, renderVirtualTemplates } from './remote-access.js';
import { chunkItems, vlanItems } from './vlans.js';
import { vrrpLinesByInterface } from './vrrp.js';

interface Extras {
  vrrp: Map<string, string[]>;
  farEnd: Map<string, string>;
}

/** `device|port` → `to DEVICE PORT` for every link end on this device. */
function farEnds(ctx: UsgContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const link of ctx.topology.links ?? []) {
    if (link.a.device === ctx.device.name) out.set(link.a.port, `to ${link.b.device} ${link.b.port}`);
    if (link.b.device === ctx.device.name) out.set(link.b.port, `to ${link.a.device} ${link.a.port}`);
  }
  return out;
}

function serviceManage(ctx: UsgContext, addresses: readonly string[]): string[] {
  if (ctx.style !== 'security-policy') return [];
  if (!addresses.some((a) => splitAddress(a).ip === ctx.device.management.address)) return [];
  return [' service-manage ping permit', ' service-manage ssh permit', ' service-manage snmp permit'];
}

function layer2Lines(ctx: UsgContext, mode: 'access' | 'trunk', vlan: number | undefined, allowed: number[] | undefined): string[] {
  // The USG2205BSR has no layer-2 switching in the catalogue (svi: false): nothing to render there.
  if (!ctx.capabilities.svi) return [];
  const lines = [' portswitch'];
  if (mode === 'access') {
    lines.push(' port link-type access');
    if (vlan !== undefined) lines.push(` port default vlan ${vlan}`);
  } else {
    lines.push(' port link-type trunk');
    for (const l of chunkItems(vlanItems(allowed ?? []))) lines.push(` port trunk allow-pass vlan ${l}`);
  }
  return lines;
}

function layer3Lines(ctx: UsgContext, name: string, addresses: readonly string[], vpn: string | undefined, x: Extras): string[] {
  const lines: string[] = [];
  if (vpn) lines.push(` ip binding vpn-instance ${vpn}`);
  addresses.forEach((a, i) => lines.push(` ip address ${addressWithMask(a)}${i > 0 ? ' sub' : ''}`));
  lines.push(...(x.vrrp.get(name) ?? []));
  lines.push(...ipsecOnInterface(ctx, name));
  lines.push(...serviceManage(ctx, addresses));
  return lines;
}

function renderPort(ctx: UsgContext, name: string, port: Port | undefined, lag: Lag | undefined, x: Extras): Block {
  const lines = [`interface ${name}`];
  const description = port?.description ?? x.farEnd.get(name);
  if (description) lines.push(` description ${deviceText(description, ctx.textLimits.nonAscii)}`);
  if (lag) return [...lines, ` eth-trunk ${lag.id}`];
  if (!port) return lines;
  const dot = name.indexOf('.');
  if (dot > 0) lines.push(` vlan-type dot1q ${port.vlan ?? Number(name.slice(dot + 1))}`);
  if (port.shutdown) lines.push(' shutdown');
  const mode = port.mode ?? 'routed';
  if (mode === 'routed') lines.push(...layer3Lines(ctx, name, port.address ? [port.address] : [], port.vpn, x));
  else lines.push(...layer2Lines(ctx, mode, port.vlan, port.allowedVlans));
  return lines;
}

function renderLag(ctx: UsgContext, lag: Lag, x: Extras): Block {
  const name = `Eth-Trunk${lag.id}`;
  const lines = [`interface ${name}`];
  if (lag.description) lines.push(` description ${deviceText(lag.description, ctx.textLimits.nonAscii)}`);
  if (lag.mode === 'lacp') lines.push(' mode lacp-static');
  const mode = lag.portMode ?? 'routed';
  if (mode === 'routed') lines.push(...layer3Lines(ctx, name, lag.address ? [lag.address] : [], undefined, x));
  else lines.push(...layer2Lines(ctx, mode, lag.vlan, lag.allowedVlans));
  return lines;
}

export function renderInterfaces(ctx: UsgContext): Block[] {
  const d = ctx.device;
  const x: Extras = { vrrp: vrrpLinesByInterface(ctx), farEnd: farEnds(ctx) };
  const blocks: Block[] = [];

  for (const s of [...(d.svis ?? [])].sort((a, b) => a.vlan - b.vlan)) {
    const name = `Vlanif${s.vlan}`;
    blocks.push([`interface ${name}`, ...(s.description ? [` description ${deviceText(s.description, ctx.textLimits.nonAscii)}`] : []), ...layer3Lines(ctx, name, s.addresses, s.vpn, x)]);
  }
  for (const lag of [...(d.lags ?? [])].sort((a, b) => a.id - b.id)) blocks.push(renderLag(ctx, lag, x));

  const ports = new Map((d.ports ?? []).map((p) => [p.name, p]));
  const memberOf = new Map<string, Lag>();
  for (const lag of d.lags ?? []) for (const m of lag.members) memberOf.set(m, lag);
  const subsOf = (parent: string) => (d.ports ?? [])
    .filter((p) => p.name.startsWith(`${parent}.`))
    .sort((a, b) => Number(a.name.slice(parent.length + 1)) - Number(b.name.slice(parent.length + 1)));

  const printed = new Set<string>();
  const physical = ctx.physicalPorts.map((p) => p.name);
  // Ports the model configures that the catalogue does not list (an intent finding) still render, after the rest.
  const strays = (d.ports ?? []).map((p) => p.name).filter((n) => !n.includes('.') && !physical.includes(n));
  for (const name of [...physical, ...strays]) {
    blocks.push(renderPort(ctx, name, ports.get(name), memberOf.get(name), x));
    printed.add(name);
    for (const sub of subsOf(name)) {
      blocks.push(renderPort(ctx, sub.name, sub, undefined, x));
      printed.add(sub.name);
    }
  }
  for (const p of d.ports ?? []) if (!printed.has(p.name)) blocks.push(renderPort(ctx, p.name, p, undefined, x));

  blocks.push(...renderVirtualTemplates(ctx));
  blocks.push(['interface NULL0']);
  if (d.loopback) blocks.push(['interface LoopBack0', ` ip address ${addressWithMask(`${d.loopback}/32`)}`]);
  return blocks;
}
