/**
 * VRP `display` outputs in the layouts of the real captures (../shared/fixtures/ntc-templates/
 * huawei_vrp and cli-captures; reference/huawei-vrp.md §3): interface brief, ip interface brief,
 * interface detail, vrrp brief / verbose, eth-trunk, lldp neighbor brief / detail, version,
 * ip vpn-instance, clock, startup. Values come from the state (status, counters, VRRP, LLDP) and
 * from the running configuration (modes, addresses, VPN instances).
 */
import type { ConfigNode } from '../../../render/index.js';
import { formatMacHuawei } from '../../state/identity.js';
import { vrpShortName } from '../../state/interfaces.js';
import type { LabInterface } from '../../state/types.js';
import { type DisplayContext, col, compareInterfaceNames, formatDateTime, portRates, utilisation, vrpUptime } from '../format.js';
import { lengthOfMask } from '../grammar.js';

function section(ctx: DisplayContext, line: string): ConfigNode | undefined {
  return ctx.store.root.children.find((c) => c.line === line);
}

function interfaceLines(ctx: DisplayContext, name: string): string[] {
  return section(ctx, `interface ${name}`)?.children.map((c) => c.line) ?? [];
}

const HIDDEN = new Set(['console', 'inloopback']);

/** Interfaces a brief table lists: everything but the console and InLoopBack0. */
function listed(ctx: DisplayContext): LabInterface[] {
  return ctx.device.interfaces().filter((i) => !HIDDEN.has(i.kind)).sort((a, b) => compareInterfaceNames(a.name, b.name));
}

function phyOf(ctx: DisplayContext, name: string): { phy: string; up: boolean; admin: boolean } {
  const s = ctx.device.status(name);
  return { phy: !s.adminUp ? '*down' : s.operUp ? 'up' : 'down', up: s.operUp, admin: s.adminUp };
}

function isLogical(i: LabInterface): boolean {
  return i.kind === 'svi' || i.kind === 'loopback' || i.kind === 'null' || i.kind === 'virtual' || i.name.startsWith('Virtual-Template');
}

function protocolOf(ctx: DisplayContext, i: LabInterface): string {
  const { up, admin } = phyOf(ctx, i.name);
  if (i.kind === 'loopback' || i.kind === 'null') return admin ? 'up(s)' : 'down';
  return up ? 'up' : 'down';
}

// ------------------------------------------------------------------------------ display version

export function displayVersion(ctx: DisplayContext): string[] {
  const id = ctx.device.identity;
  const up = vrpUptime(ctx.device.uptimeMs(ctx.host.clock()));
  const mb = (b: number) => String(Math.round(b / 1048576)).padEnd(8);
  const product = ctx.device.platform === 'huawei-usg' ? id.model : `${id.model} ${/^S9/.test(id.model) ? 'Terabit ' : ''}Routing Switch`;
  return [
    'Huawei Versatile Routing Platform Software',
    `VRP (R) software, Version ${id.osVersion} (${id.family} ${id.release})`,
    'Copyright (C) 2000-2016 HUAWEI TECH CO., LTD',
    `HUAWEI ${product} uptime is ${up}`,
    '',
    `MPU 0(Master) : uptime is ${up}`,
    `SDRAM Memory Size    : ${mb(id.memoryBytes)}M bytes`,
    `Flash Memory Size    : ${mb(id.flashBytes)}M bytes`,
    'MPU version information : ',
    `1. PCB      Version  : ${id.family}-MPU VER.A`,
    '2. MAB      Version  : 0',
    `3. Board    Type     : ${id.model}`,
    '4. BootROM  Version  : 020a.0001',
  ];
}

// ------------------------------------------------------------------------------ display interface brief

const BRIEF_LEGEND = [
  'PHY: Physical', '*down: administratively down', '^down: standby', '(l): loopback', '(s): spoofing', '(b): BFD down',
  '(e): ETHOAM down', '(dl): DLDP down', '(d): Dampening Suppressed', 'InUti/OutUti: input utility/output utility',
];

export function displayInterfaceBrief(ctx: DisplayContext): string[] {
  const out = [...BRIEF_LEGEND, 'Interface                   PHY   Protocol  InUti OutUti   inErrors  outErrors'];
  const members = new Set<string>();
  const all = listed(ctx);
  for (const i of all) if (i.kind === 'lag') for (const m of ctx.device.lagMembers(i.name)) members.add(m);
  const row = (i: LabInterface, indent: string): string => {
    const { phy } = phyOf(ctx, i.name);
    const proto = protocolOf(ctx, i);
    let inU = '--';
    let outU = '--';
    if (!isLogical(i) && i.kind !== 'mgmt') {
      const speed = ctx.device.status(i.name).speedBps;
      const r = i.kind === 'lag'
        ? ctx.device.lagMembers(i.name).reduce((a, m) => { const x = portRates(ctx, m); return { inBps: a.inBps + x.inBps, outBps: a.outBps + x.outBps }; }, { inBps: 0, outBps: 0 })
        : portRates(ctx, i.name);
      const active = ctx.device.status(i.name).operUp;
      inU = utilisation(active ? r.inBps : 0, speed);
      outU = utilisation(active ? r.outBps : 0, speed);
    }
    const c = ctx.device.counters(i.name, ctx.host.clock());
    return `${col(indent + i.name, 28)}${phy.padEnd(6)}${proto}${inU.padStart(Math.max(1, 15 - proto.length))}${outU.padStart(7)}${String(c.inErrors).padStart(11)}${String(c.outErrors).padStart(11)}`;
  };
  for (const i of all) {
    if (members.has(i.name)) continue;
    out.push(row(i, ''));
    if (i.kind === 'lag') for (const m of ctx.device.lagMembers(i.name)) out.push(row(ctx.device.interfaces().find((x) => x.name === m)!, '  '));
  }
  return out;
}

// ------------------------------------------------------------------------------ display ip interface brief

function addressOf(ctx: DisplayContext, name: string): string | undefined {
  for (const l of interfaceLines(ctx, name)) {
    const m = /^ip address (\S+) (\S+)$/.exec(l);
    if (m) return `${m[1]}/${lengthOfMask(m[2]!) ?? 32}`;
  }
  return undefined;
}

function isLayer3(ctx: DisplayContext, i: LabInterface): boolean {
  if (i.kind !== 'physical' && i.kind !== 'lag') return i.kind !== 'console' && i.kind !== 'inloopback';
  const lines = interfaceLines(ctx, i.name);
  if (i.name.includes('.')) return true;
  if (ctx.device.platform === 'huawei-usg') return !lines.includes('portswitch') && !lines.some((l) => l.startsWith('eth-trunk '));
  return lines.includes('undo portswitch');
}

export function displayIpInterfaceBrief(ctx: DisplayContext): string[] {
  const rows = listed(ctx).filter((i) => isLayer3(ctx, i));
  let phyUp = 0;
  let protoUp = 0;
  const lines: string[] = [];
  for (const i of rows) {
    const { phy, up } = phyOf(ctx, i.name);
    const proto = protocolOf(ctx, i);
    if (up) phyUp++;
    if (proto.startsWith('up')) protoUp++;
    lines.push(`${col(i.name, 34)}${col(addressOf(ctx, i.name) ?? 'unassigned', 21)}${col(phy, 11)}${col(proto, 10)}`);
  }
  return [
    '*down: administratively down', '^down: standby', '(l): loopback', '(s): spoofing', '(E): E-Trunk down',
    `The number of interface that is UP in Physical is ${phyUp}`,
    `The number of interface that is DOWN in Physical is ${rows.length - phyUp}`,
    `The number of interface that is UP in Protocol is ${protoUp}`,
    `The number of interface that is DOWN in Protocol is ${rows.length - protoUp}`,
    '',
    'Interface                         IP Address/Mask      Physical   Protocol  ',
    ...lines,
  ];
}

// ------------------------------------------------------------------------------ display interface [X]

export function displayInterface(ctx: DisplayContext, only?: string): string[] | undefined {
  const targets = only ? ctx.device.interfaces().filter((i) => i.name === only) : listed(ctx);
  if (only && targets.length === 0) return undefined;
  const now = ctx.host.clock();
  const out: string[] = [];
  for (const i of targets) {
    const s = ctx.device.status(i.name);
    const state = !s.adminUp ? 'Administratively DOWN' : s.operUp ? 'UP' : 'DOWN';
    const proto = protocolOf(ctx, i);
    out.push(`${i.name} current state : ${state}`);
    out.push(`Line protocol current state : ${proto === 'up(s)' ? 'UP (spoofing)' : proto.toUpperCase()}`);
    out.push(`Description:${s.description || `HUAWEI, ${ctx.device.identity.family} Series, ${i.name} Interface`}`);
    const l3 = isLayer3(ctx, i);
    if (l3 || isLogical(i)) {
      out.push(`Route Port,The Maximum Transmit Unit is ${i.mtu}`);
      const addr = addressOf(ctx, i.name);
      out.push(addr ? `Internet Address is ${addr}` : 'Internet protocol processing : disabled');
    } else {
      const pvid = interfaceLines(ctx, i.name).map((l) => /^port (?:default|trunk pvid) vlan (\d+)$/.exec(l)?.[1]).find(Boolean) ?? '1';
      out.push(`Switch Port, PVID : ${pvid.padStart(4)}, TPID : 8100(Hex), The Maximum Frame Length is 9216`);
    }
    out.push(`IP Sending Frames' Format is PKTFMT_ETHNT_2, Hardware address is ${formatMacHuawei(Buffer.from(ctx.device.identity.baseMac.replace(/:/g, ''), 'hex'))}`);
    if (i.kind === 'physical' || i.kind === 'lag') {
      out.push(`Last physical up time   : ${s.operUp ? formatDateTime(s.lastChangeMs) : '-'}`);
      out.push(`Last physical down time : ${s.operUp ? '-' : formatDateTime(s.lastChangeMs)}`);
    }
    out.push(`Current system time: ${formatDateTime(now)}`);
    if (i.kind === 'physical') {
      out.push(`Port Mode: ${s.speedBps >= 10e9 ? 'COMMON FIBER' : 'COMMON COPPER'}`);
      out.push(`Speed : ${Math.round(s.speedBps / 1e6)},  Loopback: NONE`);
      out.push('Duplex: FULL,  Negotiation: ENABLE');
    }
    if (i.kind === 'physical' || i.kind === 'lag') {
      const r = portRates(ctx, i.name);
      const c = ctx.device.counters(i.name, now);
      out.push(`Last 300 seconds input rate ${s.operUp ? Math.round(r.inBps) : 0} bits/sec, ${s.operUp ? Math.round(r.inBps / 5600) : 0} packets/sec`);
      out.push(`Last 300 seconds output rate ${s.operUp ? Math.round(r.outBps) : 0} bits/sec, ${s.operUp ? Math.round(r.outBps / 5600) : 0} packets/sec`);
      out.push(`Input:  ${c.inUcastPkts + c.inMulticastPkts + c.inBroadcastPkts} packets, ${c.inOctets} bytes`);
      out.push(`  Unicast:  ${String(c.inUcastPkts).padStart(19)},  Multicast:  ${String(c.inMulticastPkts).padStart(19)}`);
      out.push(`  Broadcast:${String(c.inBroadcastPkts).padStart(19)},  Jumbo:      ${'0'.padStart(19)}`);
      out.push(`  Discard:  ${String(c.inDiscards).padStart(19)},  Total Error:${String(c.inErrors).padStart(19)}`);
      out.push('');
      out.push(`Output:  ${c.outUcastPkts + c.outMulticastPkts + c.outBroadcastPkts} packets, ${c.outOctets} bytes`);
      out.push(`  Unicast:  ${String(c.outUcastPkts).padStart(19)},  Multicast:  ${String(c.outMulticastPkts).padStart(19)}`);
      out.push(`  Broadcast:${String(c.outBroadcastPkts).padStart(19)},  Jumbo:      ${'0'.padStart(19)}`);
      out.push(`  Discard:  ${String(c.outDiscards).padStart(19)},  Total Error:${String(c.outErrors).padStart(19)}`);
      out.push('');
      out.push(`    Input bandwidth utilization  : ${utilisation(s.operUp ? r.inBps : 0, s.speedBps).padStart(6)}`);
      out.push(`    Output bandwidth utilization : ${utilisation(s.operUp ? r.outBps : 0, s.speedBps).padStart(6)}`);
    }
    out.push('');
  }
  return out;
}

// ------------------------------------------------------------------------------ display vrrp

export function displayVrrpBrief(ctx: DisplayContext): string[] {
  const groups = ctx.device.vrrpGroups();
  const master = groups.filter((g) => g.state === 'Master').length;
  const backup = groups.filter((g) => g.state === 'Backup').length;
  const out = [
    `Total:${String(groups.length).padEnd(6)}Master:${String(master).padEnd(6)}Backup:${String(backup).padEnd(6)}Non-active:${String(groups.length - master - backup).padEnd(7)}`,
    'VRID  State        Interface                Type     Virtual IP     ',
    '----------------------------------------------------------------',
  ];
  for (const g of groups) {
    out.push(`${col(String(g.vrid), 6)}${col(g.state, 13)}${col(g.interface, 25)}${col('Normal', 9)}${col(g.virtualIps[0] ?? '0.0.0.0', 15)}`);
    for (const extra of g.virtualIps.slice(1)) out.push(`${' '.repeat(53)}${col(extra, 15)}`);
  }
  return out;
}

export function displayVrrp(ctx: DisplayContext): string[] {
  const out: string[] = [];
  const now = ctx.host.clock();
  for (const g of ctx.device.vrrpGroups()) {
    out.push(`  ${g.interface} | Virtual Router ${g.vrid}`);
    out.push(`    State : ${g.state}`);
    out.push(`    Virtual IP : ${g.virtualIps.join(' ')}`);
    out.push(`    Master IP : ${g.masterIp}`);
    out.push(`    PriorityRun : ${g.runningPriority}`);
    out.push(`    PriorityConfig : ${g.configuredPriority}`);
    out.push(`    MasterPriority : ${g.masterPriority ?? 0}`);
    out.push(`    Preempt : ${g.preempt ? 'YES' : 'NO'}   Delay Time : ${g.preemptDelayS} s`);
    out.push(`    TimerRun : ${g.advertiseIntervalS} s`);
    out.push(`    TimerConfig : ${g.advertiseIntervalS} s`);
    out.push('    Auth type : NONE');
    out.push(`    Virtual MAC : 0000-5e00-01${g.vrid.toString(16).padStart(2, '0')}`);
    out.push('    Check TTL : YES');
    out.push('    Config type : normal-vrrp');
    const tracks = interfaceLines(ctx, g.interface)
      .map((l) => new RegExp(`^vrrp vrid ${g.vrid} track interface (\\S+)(?: reduced (\\d+))?$`).exec(l))
      .filter((m): m is RegExpExecArray => !!m);
    for (const t of tracks) out.push(`    Track IF : ${t[1]}   Priority reduced : ${t[2] ?? 10}`);
    out.push(`    IF state : ${t(ctx.device.status(g.interface).operUp)}`);
    out.push(`    Create time : ${formatDateTime(ctx.device.bootTimeMs)}`);
    out.push(`    Last change time : ${formatDateTime(Math.min(now, g.lastChangeMs))}`);
    out.push('');
  }
  return out;
}

const t = (up: boolean): string => (up ? 'UP' : 'DOWN');

// ------------------------------------------------------------------------------ display eth-trunk

function portType(speedBps: number): string {
  return speedBps >= 100e9 ? '100GE' : speedBps >= 40e9 ? '40GE' : speedBps >= 10e9 ? '10GE' : speedBps >= 1e9 ? '1GE' : 'FE';
}

export function displayEthTrunk(ctx: DisplayContext, only?: number): string[] {
  const trunks = ctx.device.interfaces().filter((i) => i.kind === 'lag' && (only === undefined || i.number === only))
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  if (trunks.length === 0) return ['Info: No valid trunk in the system.'];
  const half = (a: string, b: string): string => `${a.padEnd(28)}${b.padEnd(50)}`;
  const out: string[] = [];
  const ports = ctx.device.physicalPorts();
  const neighbours = ctx.device.lldpNeighbors();
  trunks.forEach((lag, k) => {
    if (k > 0) out.push('  ');
    const members = ctx.device.lagMembers(lag.name);
    const up = members.filter((m) => ctx.device.status(m).operUp);
    const lacp = interfaceLines(ctx, lag.name).some((l) => /^mode lacp/.test(l));
    out.push(`${lag.name}'s state information is:`);
    const status = ctx.device.status(lag.name).operUp ? 'up' : 'down';
    if (!lacp) {
      out.push(half('WorkingMode: NORMAL', 'Hash arithmetic: According to SIP-XOR-DIP'));
      out.push(half('Least Active-linknumber: 1', 'Max Bandwidth-affected-linknumber: 8'));
      out.push(half(`Operate status: ${status}`, `Number Of Up Port In Trunk: ${up.length}`));
      out.push('-'.repeat(80));
      out.push('PortName                      Status      Weight ');
      for (const m of members) out.push(`${m.padEnd(30)}${(ctx.device.status(m).operUp ? 'Up' : 'Down').padEnd(12)}${'1'.padEnd(7)}`);
      return;
    }
    const sysId = formatMacHuawei(Buffer.from(ctx.device.identity.baseMac.replace(/:/g, ''), 'hex'));
    out.push('Local:');
    out.push(half(`LAG ID: ${lag.number}`, 'WorkingMode: LACP'));
    out.push(half('Preempt Delay: Disabled', 'Hash arithmetic: According to SIP-XOR-DIP'));
    out.push(half('System Priority: 32768', `System ID: ${sysId}`));
    out.push(half('Least Active-linknumber: 1', 'Max Active-linknumber: 8'));
    out.push(half(`Operate status: ${status}`, `Number Of Up Port In Trunk: ${up.length}`));
    out.push('-'.repeat(80));
    out.push('ActorPortName          Status   PortType PortPri PortNo PortKey PortState Weight');
    const key = (m: string) => String(lag.number! * 16 + 289 + (ctx.device.status(m).speedBps >= 10e9 ? 256 : 0));
    for (const m of members) {
      const s = ctx.device.status(m);
      out.push(`${m.padEnd(23)}${(s.operUp ? 'Selected' : 'Unselect').padEnd(9)}${portType(s.speedBps).padEnd(9)}${'32768'.padEnd(8)}${String(ports.indexOf(m) + 1).padEnd(7)}${key(m).padEnd(8)}${(s.operUp ? '10111100' : '10100010').padEnd(10)}${'1'.padEnd(6)}`);
    }
    out.push('');
    out.push('Partner:');
    out.push('-'.repeat(80));
    out.push('ActorPortName          SysPri   SystemID        PortPri PortNo PortKey PortState');
    for (const m of members) {
      const n = neighbours.find((x) => x.localPort === m);
      const s = ctx.device.status(m);
      const pid = n && s.operUp ? formatMacHuawei(n.chassisMac) : '0000-0000-0000';
      out.push(`${m.padEnd(23)}${(n && s.operUp ? '32768' : '0').padEnd(9)}${pid.padEnd(16)}${(n && s.operUp ? '32768' : '0').padEnd(8)}${String(n && s.operUp ? n.localPortNum : 0).padEnd(7)}${(n && s.operUp ? key(m) : '0').padEnd(8)}${s.operUp ? '10111100' : '10100011'}`);
    }
  });
  return out;
}

// ------------------------------------------------------------------------------ display lldp neighbor

function expiresIn(ttlS: number, sinceMs: number, now: number): number {
  return ttlS - (Math.floor(Math.max(0, now - sinceMs) / 1000) % 30);
}

export function displayLldpNeighborBrief(ctx: DisplayContext): string[] {
  const now = ctx.host.clock();
  const out = ['Local Intf    Neighbor Dev          Neighbor Intf             Exptime(s)'];
  const rows = [...ctx.device.lldpNeighbors()].sort((a, b) => a.localIfIndex - b.localIfIndex);
  for (const n of rows) {
    out.push(`${col(vrpShortName(n.localPort), 14)}${col(n.neighborSysName, 22)}${col(vrpShortName(n.portId), 26)}${expiresIn(n.ttlS, n.sinceMs, now)}`);
  }
  return out;
}

export function displayLldpNeighbor(ctx: DisplayContext, only?: string): string[] {
  const now = ctx.host.clock();
  const out: string[] = [];
  const rows = [...ctx.device.lldpNeighbors()].filter((n) => !only || n.localPort === only).sort((a, b) => a.localIfIndex - b.localIfIndex);
  for (const n of rows) {
    out.push(`${n.localPort} has 1 neighbor(s):`, '');
    out.push('Neighbor index :1');
    out.push('Chassis type   :MAC address ');
    out.push(`Chassis ID     :${formatMacHuawei(n.chassisMac)} `);
    out.push('Port ID type   :Interface name ');
    out.push(`Port ID        :${n.portId}`);
    out.push(`Port description    :${n.portDescription}`);
    out.push(`System name         :${n.neighborSysName}`);
    out.push(`System description  :${n.neighborSysDesc.replace(/\r?\n/g, ' ').replace(/\s+/g, ' ').trim()}`);
    const caps = n.capabilities.join(' ');
    out.push(`System capabilities supported   :${caps} `);
    out.push(`System capabilities enabled     :${caps} `);
    out.push('Management address type  :ipv4');
    out.push(`Management address value :${n.managementAddress}`);
    out.push(`Expired time   :${expiresIn(n.ttlS, n.sinceMs, now)}s`, '');
  }
  return out;
}

// ------------------------------------------------------------------------------ display ip vpn-instance

export interface VpnInstanceInfo {
  name: string;
  rd: string | undefined;
  ipv4: boolean;
  exportTargets: string[];
  importTargets: string[];
}

export function vpnInstances(ctx: DisplayContext): VpnInstanceInfo[] {
  const out: VpnInstanceInfo[] = [];
  for (const n of ctx.store.root.children) {
    const m = /^ip vpn-instance (\S+)$/.exec(n.line);
    if (!m) continue;
    const af = n.children.find((c) => c.line === 'ipv4-family');
    const lines = [...n.children, ...(af?.children ?? [])].map((c) => c.line);
    const rd = lines.map((l) => /^route-distinguisher (\S+)$/.exec(l)?.[1]).find(Boolean);
    const targets = (dir: string) => lines.map((l) => new RegExp(`^vpn-target (\\S+) ${dir}-extcommunity$`).exec(l)?.[1]).filter((x): x is string => !!x);
    out.push({ name: m[1]!, rd, ipv4: !!af || !!rd, exportTargets: targets('export'), importTargets: targets('import') });
  }
  return out;
}

function boundInterfaces(ctx: DisplayContext, vpn: string): string[] {
  return ctx.store.root.children
    .filter((n) => n.line.startsWith('interface ') && n.children.some((c) => c.line === `ip binding vpn-instance ${vpn}`))
    .map((n) => n.line.slice('interface '.length));
}

export function displayIpVpnInstance(ctx: DisplayContext, verbose: boolean): string[] {
  const all = vpnInstances(ctx);
  if (!verbose) {
    const out = [
      ` Total VPN-Instances configured      : ${all.length}`,
      ` Total IPv4 VPN-Instances configured : ${all.filter((v) => v.ipv4).length}`,
      ' Total IPv6 VPN-Instances configured : 0',
      '',
      '  VPN-Instance Name               RD                    Address-family',
    ];
    for (const v of all) if (v.ipv4) out.push(`  ${col(v.name, 32)}${col(v.rd ?? '', 22)}IPv4`);
    return out;
  }
  const out = [` Total VPN-Instances configured      : ${all.length}`, ''];
  all.forEach((v, i) => {
    const ifs = boundInterfaces(ctx, v.name);
    out.push(` VPN-Instance Name and ID : ${v.name}, ${i + 1}`);
    out.push(`  Interfaces : ${ifs.join(', ')}`);
    out.push(' Address family ipv4');
    out.push(`  Route Distinguisher : ${v.rd ?? ''}`);
    out.push(`  Export VPN Targets :  ${v.exportTargets.join(' ')}`);
    out.push(`  Import VPN Targets :  ${v.importTargets.join(' ')}`);
    out.push('');
  });
  return out;
}

export function displayIpVpnInstanceInterface(ctx: DisplayContext): string[] {
  const all = vpnInstances(ctx);
  const out = [` Total VPN-Instances configured      : ${all.length}`];
  all.forEach((v, i) => {
    const ifs = boundInterfaces(ctx, v.name);
    out.push('', ` VPN-Instance Name and ID : ${v.name}, ${i + 1}`);
    out.push(`  Interface Number : ${ifs.length} `);
    ifs.forEach((name, k) => out.push(`${k === 0 ? '  Interface list : ' : ' '.repeat(19)}${name}${k < ifs.length - 1 ? ', ' : ''}`));
  });
  return out;
}

// ------------------------------------------------------------------------------ clock, startup

export function displayClock(ctx: DisplayContext): string[] {
  const now = ctx.host.clock();
  const d = new Date(now);
  return [`${formatDateTime(now)}+00:00`, ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()]!, 'Time Zone(UTC) : UTC'];
}

export function displayStartup(ctx: DisplayContext): string[] {
  const soft = `flash:/${ctx.device.identity.family.toLowerCase()}-${ctx.device.identity.release.toLowerCase()}.cc`;
  const cfg = ctx.device.saved.trim() ? 'flash:/vrpcfg.zip' : 'NULL';
  return [
    'MainBoard: ',
    `  Configured startup system software:        ${soft}`,
    `  Startup system software:                   ${soft}`,
    `  Next startup system software:              ${soft}`,
    `  Startup saved-configuration file:          ${cfg}`,
    `  Next startup saved-configuration file:     ${cfg}`,
    '  Startup paf file:                          default',
    '  Next startup paf file:                     default',
    '  Startup license file:                      default',
    '  Next startup license file:                 default',
    '  Startup patch package:                     NULL',
    '  Next startup patch package:                NULL',
  ];
}

export function displayCpuUsage(ctx: DisplayContext, cpu: number): string[] {
  return [
    `CPU Usage Stat. Cycle: 60 (Second)`,
    `CPU Usage            : ${cpu}% Max: ${Math.min(100, cpu + 12)}%`,
    `CPU Usage Stat. Time : ${formatDateTime(ctx.host.clock())}`,
  ];
}

export function displayMemoryUsage(ctx: DisplayContext, pct: number): string[] {
  const total = ctx.device.identity.memoryBytes;
  const used = Math.round((total * pct) / 100);
  return [
    `Memory utilization statistics at ${formatDateTime(ctx.host.clock())}+00:00`,
    `System Total Memory Is: ${total} bytes`,
    `Total Memory Used Is: ${used} bytes`,
    `Memory Using Percentage Is: ${pct}%`,
  ];
}
