/**
 * RGOS `show` outputs (reference/ruijie-rgos.md §3 and ../shared/fixtures/cli-captures/
 * rpqin123-ntc-templates/ruijie_os): version, ip interface brief, interfaces status, interfaces
 * detail, vrrp brief / detail, aggregatePort summary, lldp neighbors, ip vrf, clock.
 */
import { formatMacRuijie } from '../../state/identity.js';
import { ifNameOf } from '../../state/interfaces.js';
import type { LabInterface } from '../../state/types.js';
import { type DisplayContext, col, compareInterfaceNames, formatDateTime, portRates, rgosUptime } from '../format.js';
import { lengthOfMask } from '../grammar.js';

function interfaceLines(ctx: DisplayContext, name: string): string[] {
  return ctx.store.root.children.find((c) => c.line === `interface ${name}`)?.children.map((c) => c.line) ?? [];
}

function listed(ctx: DisplayContext): LabInterface[] {
  return ctx.device.interfaces().filter((i) => i.kind !== 'console' && i.kind !== 'inloopback').sort((a, b) => {
    const order = (i: LabInterface) => ({ physical: 0, lag: 1, svi: 2, loopback: 3, mgmt: 4, null: 5 } as Record<string, number>)[i.kind] ?? 6;
    return order(a) - order(b) || compareInterfaceNames(a.name, b.name);
  });
}

const mac = (ctx: DisplayContext): string => formatMacRuijie(Buffer.from(ctx.device.identity.baseMac.replace(/:/g, ''), 'hex'));

export function showVersion(ctx: DisplayContext): string[] {
  const id = ctx.device.identity;
  const now = ctx.host.clock();
  const ver = id.osVersion;
  return [
    `System description      : ${id.sysDescr}`,
    `System start time       : ${formatDateTime(ctx.device.bootTimeMs)}`,
    `System uptime           : ${rgosUptime(ctx.device.uptimeMs(now))}`,
    'System hardware version : 1.00',
    `System software version : ${id.release} Release(180301)`,
    `System BOOT version     : ${ver.replace(/p\d+$/, '')} Release(180301)`,
    `System CTRL version     : ${ver} Release(180301)`,
    `System serial number    : ${id.serial}`,
  ];
}

function isLayer3(ctx: DisplayContext, i: LabInterface): boolean {
  if (i.kind === 'svi' || i.kind === 'loopback') return true;
  if (i.kind === 'physical' || i.kind === 'lag') return interfaceLines(ctx, i.name).includes('no switchport');
  return false;
}

function addresses(ctx: DisplayContext, name: string): { primary?: string; secondary?: string } {
  let primary: string | undefined;
  let secondary: string | undefined;
  for (const l of interfaceLines(ctx, name)) {
    const m = /^ip address (\S+) (\S+)( secondary)?$/.exec(l);
    if (!m) continue;
    const a = `${m[1]}/${lengthOfMask(m[2]!) ?? 32}`;
    if (m[3]) secondary ??= a;
    else primary = a;
  }
  return { ...(primary ? { primary } : {}), ...(secondary ? { secondary } : {}) };
}

export function showIpInterfaceBrief(ctx: DisplayContext): string[] {
  const out = ['Interface                        IP-Address(Pri)      IP-Address(Sec)                Status                Protocol'];
  for (const i of listed(ctx).filter((x) => isLayer3(ctx, x))) {
    const s = ctx.device.status(i.name);
    const a = addresses(ctx, i.name);
    const status = !s.adminUp ? 'administratively down' : s.operUp ? 'up' : 'down';
    out.push(`${col(i.name, 33)}${col(a.primary ?? 'no address', 21)}${col(a.secondary ?? 'no address', 31)}${col(status, 22)}${s.operUp ? 'up' : 'down'}`);
  }
  return out;
}

function vlanOf(ctx: DisplayContext, name: string): string {
  const lines = interfaceLines(ctx, name);
  if (lines.includes('no switchport')) return 'routed';
  if (lines.includes('switchport mode trunk')) return 'trunk';
  return lines.map((l) => /^switchport access vlan (\d+)$/.exec(l)?.[1]).find(Boolean) ?? '1';
}

function speedText(bps: number): string {
  return bps >= 1e9 ? `${bps / 1e9}G` : `${bps / 1e6}M`;
}

export function showInterfacesStatus(ctx: DisplayContext): string[] {
  const out = [
    'Interface                        Status    Vlan   Duplex   Speed     Type',
    '-------------------------------- --------  ------ -------  --------- ------',
  ];
  for (const i of listed(ctx).filter((x) => x.kind === 'physical' || x.kind === 'lag')) {
    const s = ctx.device.status(i.name);
    const status = !s.adminUp ? 'disabled' : s.operUp ? 'up' : 'down';
    const member = interfaceLines(ctx, i.name).find((l) => l.startsWith('port-group '));
    const vlan = member ? `Ag${member.split(' ')[1]}` : vlanOf(ctx, i.name);
    out.push(`${col(i.name, 33)}${col(status, 10)}${col(vlan, 7)}${col(s.operUp ? 'Full' : 'Unknown', 9)}${col(s.operUp ? speedText(s.speedBps) : 'Unknown', 10)}${i.kind === 'lag' ? '' : s.speedBps >= 10e9 ? 'fiber' : 'copper'}`);
  }
  return out;
}

export function showInterfaces(ctx: DisplayContext, only?: string): string[] | undefined {
  const all = only ? ctx.device.interfaces().filter((i) => i.name === only) : listed(ctx);
  if (only && all.length === 0) return undefined;
  const now = ctx.host.clock();
  const out: string[] = [];
  for (const i of all) {
    const s = ctx.device.status(i.name);
    const state = !s.adminUp ? 'administratively down' : s.operUp ? 'UP' : 'DOWN';
    out.push(`Index(dec):${i.ifIndex} (hex):${i.ifIndex.toString(16)}`);
    out.push(`${i.name} is ${state}  , line protocol is ${s.operUp ? 'UP' : 'DOWN'}`);
    out.push(`Hardware is ${i.kind === 'svi' ? 'VLAN' : i.kind === 'lag' ? 'Aggregate Link' : 'Gigabit Ethernet'}, address is ${mac(ctx)} (bia ${mac(ctx)})`);
    out.push(`Interface address is: ${addresses(ctx, i.name).primary ?? 'no ip address'}`);
    if (s.description) out.push(`Description: ${s.description}`);
    out.push(`  MTU ${i.mtu} bytes, BW ${Math.round(s.speedBps / 1000)} Kbit`);
    out.push('  Encapsulation protocol is Ethernet-II, loopback not set');
    out.push('  Keepalive interval is 10 sec , set');
    out.push('  Carrier delay is 2 sec');
    if (i.kind === 'physical' || i.kind === 'lag') {
      const r = portRates(ctx, i.name);
      const c = ctx.device.counters(i.name, now);
      out.push(`  Switchport attributes:`, `    interface's description:"${s.description}"`);
      out.push(`  10 seconds input rate ${s.operUp ? Math.round(r.inBps) : 0} bits/sec, ${s.operUp ? Math.round(r.inBps / 5600) : 0} packets/sec`);
      out.push(`  10 seconds output rate ${s.operUp ? Math.round(r.outBps) : 0} bits/sec, ${s.operUp ? Math.round(r.outBps / 5600) : 0} packets/sec`);
      out.push(`    ${c.inUcastPkts + c.inMulticastPkts + c.inBroadcastPkts} packets input, ${c.inOctets} bytes, 0 no buffer, ${c.inDiscards} dropped`);
      out.push(`    Received ${c.inBroadcastPkts} broadcasts, 0 runts, 0 giants`);
      out.push(`    ${c.inErrors} input errors, 0 CRC, 0 frame, 0 overrun, 0 abort`);
      out.push(`    ${c.outUcastPkts + c.outMulticastPkts + c.outBroadcastPkts} packets output, ${c.outOctets} bytes, 0 underruns , ${c.outDiscards} dropped`);
      out.push(`    ${c.outErrors} output errors, 0 collisions, 0 interface resets`);
    }
  }
  return out;
}

export function showVrrpBrief(ctx: DisplayContext): string[] {
  const out = ['Interface                 Grp  Pri  timer  Own Pre  State   Master addr      Group addr'];
  for (const g of ctx.device.vrrpGroups()) {
    out.push(`${col(g.interface, 26)}${col(String(g.vrid), 5)}${col(String(g.runningPriority), 5)}${col(g.advertiseIntervalS.toFixed(2), 7)}${col(g.runningPriority === 255 ? 'O' : '-', 4)}${col(g.preempt ? 'P' : '-', 5)}${col(g.state === 'Initialize' ? 'Init' : g.state, 8)}${col(g.masterIp, 17)}${g.virtualIps[0] ?? '0.0.0.0'}`);
  }
  return out;
}

export function showVrrp(ctx: DisplayContext): string[] {
  const out: string[] = [];
  for (const g of ctx.device.vrrpGroups()) {
    out.push(`${g.interface} - Group ${g.vrid}`);
    out.push(`  State is ${g.state === 'Initialize' ? 'Init' : g.state}`);
    for (const ip of g.virtualIps) out.push(`  Virtual IP address is ${ip} configured`);
    out.push(`  Virtual MAC address is 0000.5e00.01${g.vrid.toString(16).padStart(2, '0')}`);
    out.push(`  Advertisement interval is ${g.advertiseIntervalS} sec`);
    out.push(`  Preemption is ${g.preempt ? 'enabled' : 'disabled'}`);
    if (g.preempt) out.push(`    min delay is ${g.preemptDelayS} sec`);
    out.push(`  Priority is ${g.runningPriority}`);
    const local = g.state === 'Master';
    out.push(`  Master Router is ${g.masterIp}${local ? ' (local)' : ''}, priority is ${g.masterPriority ?? g.runningPriority}`);
    out.push(`  Master Advertisement interval is ${g.advertiseIntervalS} sec`);
    out.push(`  Master Down interval is ${(3 * g.advertiseIntervalS + (256 - g.runningPriority) / 256).toFixed(2)} sec`);
  }
  return out;
}

export function showAggregatePortSummary(ctx: DisplayContext): string[] {
  const out = [
    'AggregatePort MaxPorts SwitchPort Mode   Load balance                 Ports',
    '------------- -------- ---------- ------ ---------------------------- -----------------------------------',
  ];
  const balance = ctx.store.root.children.map((c) => /^aggregateport load-balance (\S+)$/.exec(c.line)?.[1]).find(Boolean) ?? 'src-dst-mac';
  for (const ap of ctx.device.interfaces().filter((i) => i.kind === 'lag').sort((a, b) => (a.number ?? 0) - (b.number ?? 0))) {
    const lines = interfaceLines(ctx, ap.name);
    const routed = lines.includes('no switchport');
    const mode = routed ? 'ROUTED' : lines.includes('switchport mode trunk') ? 'TRUNK' : 'ACCESS';
    const members = ctx.device.lagMembers(ap.name).map((m) => ifNameOf('ruijie-rgos', m));
    const ports = members.map((m, k) => (k < members.length - 1 ? m.padEnd(8) : m)).join(',');
    out.push(`${col(ifNameOf('ruijie-rgos', ap.name), 14)}${col('8', 9)}${col(routed ? 'Disabled' : 'Enabled', 11)}${col(mode, 7)}${col(balance, 29)}${ports}`);
  }
  return out;
}

function agingTime(ttlS: number, sinceMs: number, now: number): string {
  const left = ttlS - (Math.floor(Math.max(0, now - sinceMs) / 1000) % 30);
  const m = Math.floor(left / 60);
  const s = left % 60;
  return m ? `${m}minute${m > 1 ? 's' : ''} ${s}seconds` : `${s}seconds`;
}

export function showLldpNeighbors(ctx: DisplayContext): string[] {
  const now = ctx.host.clock();
  const out = [
    'Capability codes:',
    '    (R) Router, (B) Bridge, (C) DOCSIS Cable Device, (T) Telephone',
    '    (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
    'System Name          Local Intf             Port ID              Capability Aging-time',
  ];
  for (const n of [...ctx.device.lldpNeighbors()].sort((a, b) => a.localIfIndex - b.localIfIndex)) {
    const caps = n.capabilities.map((c) => (c === 'router' ? 'R' : 'B')).join(',');
    out.push(`${col(n.neighborSysName, 21)}${col(ifNameOf('ruijie-rgos', n.localPort), 23)}${col(n.portId, 21)}${col(caps, 11)}${agingTime(n.ttlS, n.sinceMs, now)}`);
  }
  return out;
}

export function showLldpNeighborsDetail(ctx: DisplayContext): string[] {
  const now = ctx.host.clock();
  const out: string[] = [];
  for (const n of [...ctx.device.lldpNeighbors()].sort((a, b) => a.localIfIndex - b.localIfIndex)) {
    out.push(`Lldp neighbor-information of port [${n.localPort}]`);
    out.push('---------------------------------------------------------------------------');
    out.push(`  Neighbor index                    : 1`);
    out.push(`  Device type                       : LLDP Device`);
    out.push(`  Update time                       : ${formatDateTime(n.sinceMs)}`);
    out.push(`  Aging time                        : ${agingTime(n.ttlS, n.sinceMs, now)}`);
    out.push('', 'Basic Information:', '---------------------------------------------------------------------------');
    out.push('  Chassis ID type                   : MAC address');
    out.push(`  Chassis id                        : ${formatMacRuijie(n.chassisMac)}`);
    out.push(`  System name                       : ${n.neighborSysName}`);
    out.push(`  System description                : ${n.neighborSysDesc.replace(/\r?\n/g, ' ').replace(/\s+/g, ' ').trim()}`);
    out.push(`  System capabilities supported     : ${n.capabilities.map((c) => (c === 'router' ? 'Router' : 'Bridge')).join(', ')}`);
    out.push(`  System capabilities enabled       : ${n.capabilities.map((c) => (c === 'router' ? 'Router' : 'Bridge')).join(', ')}`);
    out.push('  Management address subtype        : ipv4');
    out.push(`  Management address                : ${n.managementAddress}`);
    out.push('  Port ID type                      : Interface name');
    out.push(`  Port id                           : ${n.portId}`);
    out.push(`  Port description                  : ${n.portDescription}`, '');
  }
  return out;
}

export function showIpVrf(ctx: DisplayContext): string[] {
  const out = ['  Name                             Default RD            Interfaces'];
  for (const n of ctx.store.root.children) {
    const m = /^ip vrf (\S+)$/.exec(n.line);
    if (!m) continue;
    const rd = n.children.map((c) => /^rd (\S+)$/.exec(c.line)?.[1]).find(Boolean) ?? '<not set>';
    const ifs = ctx.store.root.children.filter((i) => i.line.startsWith('interface ') && i.children.some((c) => c.line === `ip vrf forwarding ${m[1]}`)).map((i) => ifNameOf('ruijie-rgos', i.line.slice(10)));
    out.push(`  ${col(m[1]!, 33)}${col(rd, 22)}${ifs[0] ?? ''}`);
    for (const extra of ifs.slice(1)) out.push(`${' '.repeat(57)}${extra}`);
  }
  return out;
}

export function showClock(ctx: DisplayContext): string[] {
  const d = new Date(ctx.host.clock());
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return [`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${day}, ${mon} ${d.getUTCDate()}, ${d.getUTCFullYear()}`];
}
