/**
 * The MIB a simulated device serves, computed from the lab's state at each request
 * (reference/snmp.md): SNMPv2-MIB system group, IF-MIB ifNumber/ifTable/ifXTable/ifStackTable,
 * IP-MIB ipAddrTable, VRRP-MIB (RFC 2787) vrrpOperTable and vrrpAssoIpAddrTable, ENTITY-MIB +
 * HUAWEI-ENTITY-EXTENT-MIB CPU/memory (Huawei), RUIJIE-PROCESS-MIB / RUIJIE-MEMORY-MIB (Ruijie),
 * LLDP-MIB local and remote tables. SET: ifAdminStatus, ifAlias, sysContact, sysName, sysLocation.
 */
import type { LabDevice } from '../state/device.js';
import type { InterfaceCounters, InterfaceStatus, LabInterface, LldpNeighbor, VrrpStatus } from '../state/types.js';
import {
  ERR, ObjectMib, T, counter32, counter64, gauge32, int, ip, ipIndex, oidv, scalar, str, table, ticks,
  type MibObject, type RequestContext, type Row, type SetOutcome, type SnmpValue,
} from './mib.js';

/** Main board of a fixed Huawei S-series switch in HUAWEI-ENTITY-EXTENT-MIB walks (reference/snmp.md §5.1). */
export const HUAWEI_MPU_ENTITY = 67108873;
export const HUAWEI_CHASSIS_ENTITY = 67108867;

const ZERO_MAC = Buffer.alloc(6);
const INT32_MAX = 2147483647;

interface IfRow {
  intf: LabInterface;
  st?: InterfaceStatus;
  c?: InterfaceCounters;
}

function ticksSinceBoot(device: LabDevice, atMs: number): number {
  return Math.max(0, Math.floor((atMs - device.bootTimeMs) / 10));
}

function octets(v: unknown): Buffer | undefined {
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  return undefined;
}

/** Validate a DisplayString SET of at most `max` octets. */
function displayString(value: { type: number; value: unknown }, max: number): { error: number; text?: string } {
  if (value.type !== T.OctetString) return { error: ERR.wrongType };
  const b = octets(value.value);
  if (!b) return { error: ERR.wrongType };
  if (b.length > max) return { error: ERR.wrongLength };
  return { error: ERR.noError, text: b.toString('utf8') };
}

function systemGroup(d: LabDevice): MibObject[] {
  const writable = (apply: (text: string) => void) => (value: { type: number; value: unknown }): SetOutcome => {
    const v = displayString(value, 255);
    return v.error ? { error: v.error } : { error: 0, commit: () => apply(v.text!) };
  };
  return [
    scalar('1.3.6.1.2.1.1.1', () => str(d.sysDescr)),
    scalar('1.3.6.1.2.1.1.2', () => oidv(d.sysObjectId)),
    scalar('1.3.6.1.2.1.1.3', (ctx) => ticks(d.uptimeTicks(ctx.now))),
    scalar('1.3.6.1.2.1.1.4', () => str(d.sysContact), writable((t) => d.setSysContact(t, 'snmp'))),
    scalar('1.3.6.1.2.1.1.5', () => str(d.sysName), writable((t) => d.setSysName(t, 'snmp'))),
    scalar('1.3.6.1.2.1.1.6', () => str(d.sysLocation), writable((t) => d.setSysLocation(t, 'snmp'))),
    scalar('1.3.6.1.2.1.1.7', () => int(d.identity.sysServices)),
  ];
}

function interfaceTables(d: LabDevice): MibObject[] {
  const rows = (): Row<IfRow>[] => d.interfaces().map((intf) => ({ index: [intf.ifIndex], row: { intf } }));
  const st = (r: IfRow) => (r.st ??= d.status(r.intf.name));
  const c = (r: IfRow, ctx: RequestContext) => (r.c ??= d.counters(r.intf.name, ctx.now));
  const mac = (r: IfRow) => (['loopback', 'inloopback', 'null', 'console', 'virtual'].includes(r.intf.kind) ? ZERO_MAC : d.baseMac);
  const adminWritable = new Set(['physical', 'lag', 'svi', 'loopback', 'mgmt']);
  const ifTable = table<IfRow>('1.3.6.1.2.1.2.2.1', 'if', rows, {
    1: { value: (r) => int(r.intf.ifIndex) },
    2: { value: (r) => str(r.intf.name) },
    3: { value: (r) => int(r.intf.ifType) },
    4: { value: (r) => int(r.intf.mtu) },
    5: { value: (r) => gauge32(st(r).speedBps) },
    6: { value: (r) => str(mac(r)) },
    7: {
      value: (r) => int(st(r).adminUp ? 1 : 2),
      set: (r, value) => {
        if (value.type !== T.Integer) return { error: ERR.wrongType };
        if (value.value !== 1 && value.value !== 2) return { error: ERR.wrongValue };
        if (!adminWritable.has(r.intf.kind)) return { error: ERR.inconsistentValue };
        return { error: 0, commit: () => d.setAdminStatus(r.intf.name, value.value === 1, 'snmp') };
      },
    },
    8: { value: (r) => int(st(r).operUp ? 1 : 2) },
    9: { value: (r) => ticks(ticksSinceBoot(d, st(r).lastChangeMs)) },
    10: { value: (r, ctx) => counter32(c(r, ctx).inOctets) },
    11: { value: (r, ctx) => counter32(c(r, ctx).inUcastPkts) },
    13: { value: (r, ctx) => counter32(c(r, ctx).inDiscards) },
    14: { value: (r, ctx) => counter32(c(r, ctx).inErrors) },
    15: { value: () => counter32(0) },
    16: { value: (r, ctx) => counter32(c(r, ctx).outOctets) },
    17: { value: (r, ctx) => counter32(c(r, ctx).outUcastPkts) },
    19: { value: (r, ctx) => counter32(c(r, ctx).outDiscards) },
    20: { value: (r, ctx) => counter32(c(r, ctx).outErrors) },
  });
  const ifXTable = table<IfRow>('1.3.6.1.2.1.31.1.1.1', 'if', rows, {
    1: { value: (r) => str(r.intf.ifName) },
    2: { value: (r, ctx) => counter32(c(r, ctx).inMulticastPkts) },
    3: { value: (r, ctx) => counter32(c(r, ctx).inBroadcastPkts) },
    4: { value: (r, ctx) => counter32(c(r, ctx).outMulticastPkts) },
    5: { value: (r, ctx) => counter32(c(r, ctx).outBroadcastPkts) },
    6: { value: (r, ctx) => counter64(c(r, ctx).inOctets) },
    7: { value: (r, ctx) => counter64(c(r, ctx).inUcastPkts) },
    8: { value: (r, ctx) => counter64(c(r, ctx).inMulticastPkts) },
    9: { value: (r, ctx) => counter64(c(r, ctx).inBroadcastPkts) },
    10: { value: (r, ctx) => counter64(c(r, ctx).outOctets) },
    11: { value: (r, ctx) => counter64(c(r, ctx).outUcastPkts) },
    12: { value: (r, ctx) => counter64(c(r, ctx).outMulticastPkts) },
    13: { value: (r, ctx) => counter64(c(r, ctx).outBroadcastPkts) },
    14: { value: () => int(1) },
    15: { value: (r) => gauge32(st(r).speedBps / 1e6) },
    16: { value: () => int(2) },
    17: { value: (r) => int(r.intf.kind === 'physical' ? 1 : 2) },
    18: {
      value: (r) => str(st(r).description),
      set: (r, value) => {
        const v = displayString(value, 64);
        return v.error ? { error: v.error } : { error: 0, commit: () => d.setDescription(r.intf.name, v.text!, 'snmp') };
      },
    },
    19: { value: () => ticks(0) },
  });
  // ifStackTable: LAG → member relations (only those rows; the 0-index rows are not served).
  const stack = table<number>('1.3.6.1.2.1.31.1.2.1', 'ifStack', () => {
    const out: Row<number>[] = [];
    for (const i of d.interfaces()) {
      if (i.kind !== 'lag') continue;
      for (const m of d.lagMembers(i.name)) out.push({ index: [i.ifIndex, d.interface(m)!.ifIndex], row: 1 });
    }
    return out;
  }, { 3: { value: () => int(1) } });
  return [scalar('1.3.6.1.2.1.2.1', () => int(d.interfaces().length)), ...ifTable, ...ifXTable, ...stack];
}

function prefixToMask(len: number): string {
  const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return [24, 16, 8, 0].map((s) => (m >>> s) & 0xff).join('.');
}

function ipAddrTable(d: LabDevice): MibObject[] {
  interface A { addr: string; mask: string; ifIndex: number }
  return table<A>('1.3.6.1.2.1.4.20.1', 'ipAddr', () => {
    const seen = new Set<string>();
    const out: Row<A>[] = [];
    for (const i of d.interfaces()) {
      for (const a of d.interfaceConfig(i.name).addresses) {
        const [addr, len] = a.split('/');
        if (!addr || seen.has(addr)) continue;
        seen.add(addr);
        out.push({ index: ipIndex(addr), row: { addr, mask: prefixToMask(Number(len ?? 32)), ifIndex: i.ifIndex } });
      }
    }
    return out;
  }, {
    1: { value: (r) => ip(r.addr) },
    2: { value: (r) => int(r.ifIndex) },
    3: { value: (r) => ip(r.mask) },
    4: { value: () => int(1) },
  });
}

const VRRP_STATE = { Initialize: 1, Backup: 2, Master: 3 } as const;

function vrrpMib(d: LabDevice): MibObject[] {
  const groups = (ctx: RequestContext): VrrpStatus[] => {
    let g = ctx.memo.get('vrrp') as VrrpStatus[] | undefined;
    if (!g) {
      g = d.vrrpGroups().filter((s) => s.ifIndex > 0);
      ctx.memo.set('vrrp', g);
    }
    return g;
  };
  const oper = table<VrrpStatus>('1.3.6.1.2.1.68.1.3.1', 'vrrpOper', (ctx) => groups(ctx).map((s) => ({ index: [s.ifIndex, s.vrid], row: s })), {
    2: { value: (s) => str(Buffer.from(s.virtualMac.split(':').map((h) => parseInt(h, 16)))) },
    3: { value: (s) => int(VRRP_STATE[s.state]) },
    4: { value: () => int(1) },
    5: { value: (s) => int(s.runningPriority) },
    6: { value: (s) => int(s.virtualIps.length) },
    7: { value: (s) => ip(s.masterIp) },
    8: { value: (s) => ip(s.primaryIp) },
    9: { value: () => int(1) },
    11: { value: (s) => int(s.advertiseIntervalS) },
    12: { value: (s) => int(s.preempt ? 1 : 2) },
    13: { value: (s) => ticks(s.state === 'Initialize' ? 0 : ticksSinceBoot(d, s.lastChangeMs)) },
    14: { value: () => int(1) },
    15: { value: () => int(1) },
  });
  const asso = table<VrrpStatus>('1.3.6.1.2.1.68.1.4.1', 'vrrpAsso', (ctx) => groups(ctx).flatMap((s) =>
    s.virtualIps.map((v) => ({ index: [s.ifIndex, s.vrid, ...ipIndex(v)], row: s }))), {
    2: { value: () => int(1) },
  });
  return [scalar('1.3.6.1.2.1.68.1.1', () => int(2)), ...oper, ...asso];
}

function huaweiEntity(d: LabDevice): MibObject[] {
  interface E { index: number; mpu: boolean }
  const rows = (): Row<E>[] => [
    { index: [HUAWEI_CHASSIS_ENTITY], row: { index: HUAWEI_CHASSIS_ENTITY, mpu: false } },
    { index: [HUAWEI_MPU_ENTITY], row: { index: HUAWEI_MPU_ENTITY, mpu: true } },
  ];
  const id = d.identity;
  const physical = table<E>('1.3.6.1.2.1.47.1.1.1.1', 'entity', rows, {
    2: { value: (e) => str(e.mpu ? `${d.model} MPU` : `${d.model} chassis`) },
    3: { value: () => oidv(id.sysObjectId) },
    4: { value: (e) => int(e.mpu ? HUAWEI_CHASSIS_ENTITY : 0) },
    5: { value: (e) => int(e.mpu ? 9 : 3) },
    6: { value: (e) => int(e.mpu ? 1 : -1) },
    7: { value: (e) => str(e.mpu ? 'MPU Board 0' : d.model) },
    10: { value: () => str(`Version ${id.osVersion} ${id.release}`) },
    11: { value: () => str(id.serial) },
    12: { value: () => str('Huawei') },
    13: { value: () => str(d.model) },
  });
  const state = table<E>('1.3.6.1.4.1.2011.5.25.31.1.1.1.1', 'entity', rows, {
    1: { value: () => int(4) },
    2: { value: () => int(3) },
    3: { value: () => int(4) },
    5: { value: (e) => int(e.mpu ? d.cpuPercent : 0) },
    6: { value: (e) => int(e.mpu ? 95 : 0) },
    7: { value: (e) => int(e.mpu ? d.memoryPercent : 0) },
    8: { value: (e) => int(e.mpu ? 90 : 0) },
    9: { value: (e) => int(e.mpu ? Math.min(INT32_MAX, id.memoryBytes) : 0) },
    11: { value: (e) => int(e.mpu ? d.temperatureC : 0) },
    43: { value: (e) => str(e.mpu ? d.model : '') },
  });
  return [...physical, ...state];
}

function ruijieProcess(d: LabDevice): MibObject[] {
  const base = '1.3.6.1.4.1.4881.1.1.10.2';
  const product = d.model.replace(/^RG-/, '');
  const memKB = Math.floor(d.identity.memoryBytes / 1024);
  const usedKB = () => Math.floor((memKB * d.memoryPercent) / 100);
  const one = (): Row<number>[] => [{ index: [1], row: 1 }];
  return [
    scalar(`${base}.36.1.1.1`, () => int(d.cpuPercent)),
    scalar(`${base}.36.1.1.2`, () => int(d.cpuPercent)),
    scalar(`${base}.36.1.1.3`, () => int(d.cpuPercent)),
    ...table<number>(`${base}.36.1.2.1`, 'ruijieCpu', one, {
      1: { value: () => int(1) },
      2: { value: () => str(`Slot 0: ${product}`) },
      3: { value: () => int(d.cpuPercent) },
      4: { value: () => int(d.cpuPercent) },
      5: { value: () => int(d.cpuPercent) },
      6: { value: () => int(75) },
      7: { value: () => int(85) },
    }),
    ...table<number>(`${base}.35.1.1.1`, 'ruijieMem', one, {
      1: { value: () => int(1) },
      2: { value: () => str('dram') },
      3: { value: () => int(d.memoryPercent) },
      6: { value: () => int(memKB) },
      7: { value: () => int(usedKB()) },
      8: { value: () => int(memKB - usedKB()) },
    }),
  ];
}

function lldpMib(d: LabDevice): MibObject[] {
  const base = '1.0.8802.1.1.2.1';
  const neighbours = (ctx: RequestContext): LldpNeighbor[] => {
    let n = ctx.memo.get('lldp') as LldpNeighbor[] | undefined;
    if (!n) {
      n = d.lldpNeighbors();
      ctx.memo.set('lldp', n);
    }
    return n;
  };
  const caps = (n: LldpNeighbor): SnmpValue => {
    let bits = 0;
    if (n.capabilities.includes('bridge')) bits |= 0x20; // bit 2
    if (n.capabilities.includes('router')) bits |= 0x08; // bit 4
    return str(Buffer.from([bits]));
  };
  const remIndex = (n: LldpNeighbor) => [ticksSinceBoot(d, n.sinceMs), n.localPortNum, 1];
  const locPorts = table<string>(`${base}.3.7.1`, 'lldpLoc', () =>
    d.physicalPorts().map((p, i) => ({ index: [i + 1], row: p })), {
    2: { value: () => int(5) },
    3: { value: (p) => str(d.interface(p)!.ifName) },
    4: { value: (p) => str(d.interfaceConfig(p).description) },
  });
  const rem = table<LldpNeighbor>(`${base}.4.1.1`, 'lldpRem', (ctx) => neighbours(ctx).map((n) => ({ index: remIndex(n), row: n })), {
    4: { value: () => int(4) },
    5: { value: (n) => str(n.chassisMac) },
    6: { value: () => int(5) },
    7: { value: (n) => str(n.portId) },
    8: { value: (n) => str(n.portDescription) },
    9: { value: (n) => str(n.neighborSysName) },
    10: { value: (n) => str(n.neighborSysDesc) },
    11: { value: (n) => caps(n) },
    12: { value: (n) => caps(n) },
  });
  const manAddr = table<LldpNeighbor>(`${base}.4.2.1`, 'lldpRemMan', (ctx) => neighbours(ctx).map((n) => ({
    index: [...remIndex(n), 1, 4, ...ipIndex(n.managementAddress)], row: n,
  })), {
    3: { value: () => int(2) },
    4: { value: () => int(0) },
  });
  return [
    scalar(`${base}.3.1`, () => int(4)),
    scalar(`${base}.3.2`, () => str(d.baseMac)),
    scalar(`${base}.3.3`, () => str(d.sysName)),
    scalar(`${base}.3.4`, () => str(d.sysDescr)),
    ...locPorts, ...rem, ...manAddr,
  ];
}

/** The view a LabDevice serves. */
export function createDeviceMib(d: LabDevice): ObjectMib {
  const vendor = d.vendor === 'ruijie' ? ruijieProcess(d) : huaweiEntity(d);
  return new ObjectMib([
    ...systemGroup(d), ...interfaceTables(d), ...ipAddrTable(d), ...vrrpMib(d), ...vendor, ...lldpMib(d),
  ]);
}
