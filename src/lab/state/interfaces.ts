/**
 * Interface names, kinds, ifIndex numbering, ifName and ifType per platform, in the forms the
 * real recordings show (../shared/fixtures/snmprec/librenms):
 *
 *  - VRP (S5720/S5328C walks): 1 InLoopBack0, 2 NULL0, 3 Console9/0/0, 4 MEth0/0/1, 5 Vlanif1,
 *    then the physical ports in panel order, then logical interfaces (Vlanif, Eth-Trunk,
 *    LoopBack) in creation order. ifName = ifDescr. ifType: port 6, Vlanif 53, Eth-Trunk 161,
 *    LoopBack/InLoopBack 24, NULL0 1.
 *  - RGOS (S6220/S6150 walks): physical ports 1..n, AggregatePort N = last port + N, Mgmt 0 = 4095,
 *    Null 0 = 4096, VLAN N = 4096 + N, Loopback N = 16385 + N. ifDescr keeps the space
 *    (`TenGigabitEthernet 0/1`), ifName is short (`Te0/1`, `Ag1`, `Vl1543`, `Lo0`).
 *    ifType: port 6, AggregatePort 53, VLAN 136, Loopback 24, Null 1.
 *  - USG: VRP-like; InLoopBack0, NULL0, Virtual-if0 then ports (composed: no USG recording exists).
 */
import type { Platform, Speed } from '../../model/index.js';
import type { InterfaceKind, LabInterface } from './types.js';

export const SPEED_BPS: Record<Speed, number> = {
  '100M': 100e6, '1G': 1e9, '10G': 10e9, '25G': 25e9, '40G': 40e9, '100G': 100e9,
};

/** `1G`, `1000`, `10000M`, `10G` → bit/s; undefined when unreadable. */
export function parseSpeed(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([MG]?)$/i.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toUpperCase();
  return unit === 'G' ? n * 1e9 : n * 1e6; // a bare number is Mb/s, as `speed 1000` is on both CLIs
}

export type VendorStyle = 'vrp' | 'rgos';

export function styleOf(platform: Platform): VendorStyle {
  return platform === 'ruijie-rgos' ? 'rgos' : 'vrp';
}

export function lagName(platform: Platform, id: number): string {
  return styleOf(platform) === 'rgos' ? `AggregatePort ${id}` : `Eth-Trunk${id}`;
}

export function sviName(platform: Platform, vlan: number): string {
  return styleOf(platform) === 'rgos' ? `VLAN ${vlan}` : `Vlanif${vlan}`;
}

export function loopbackName(platform: Platform, n: number): string {
  return styleOf(platform) === 'rgos' ? `Loopback ${n}` : `LoopBack${n}`;
}

const CLASSIFY: [RegExp, InterfaceKind][] = [
  [/^eth-trunk\s*(\d+)$/i, 'lag'],
  [/^aggregateport\s*(\d+)$/i, 'lag'],
  [/^vlanif\s*(\d+)$/i, 'svi'],
  [/^vlan\s*(\d+)$/i, 'svi'],
  [/^inloopback\s*(\d+)$/i, 'inloopback'],
  [/^loopback\s*(\d+)$/i, 'loopback'],
  [/^null\s*(\d+)$/i, 'null'],
  [/^console/i, 'console'],
  [/^(meth|mgmt)/i, 'mgmt'],
  [/^virtual-if\s*(\d+)$/i, 'virtual'],
];

/** The kind of an interface from its name, with its number (VLAN, LAG id, loopback number). */
export function classifyInterface(name: string): { kind: InterfaceKind; number?: number } {
  for (const [re, kind] of CLASSIFY) {
    const m = re.exec(name.trim());
    if (m) return m[1] !== undefined && kind !== 'mgmt' && kind !== 'console' ? { kind, number: Number(m[1]) } : { kind };
  }
  return { kind: 'physical' };
}

/** A logical interface the configuration may create (Vlanif, Eth-Trunk, LoopBack and the RGOS forms). */
export function isCreatable(kind: InterfaceKind): boolean {
  return kind === 'lag' || kind === 'svi' || kind === 'loopback';
}

/** The full name in the platform's own spelling, for any accepted spelling of a logical interface. */
export function canonicalLogicalName(platform: Platform, name: string): string | undefined {
  const c = classifyInterface(name);
  if (c.number === undefined) return undefined;
  if (c.kind === 'lag') return lagName(platform, c.number);
  if (c.kind === 'svi') return sviName(platform, c.number);
  if (c.kind === 'loopback') return loopbackName(platform, c.number);
  return undefined;
}

const RGOS_SHORT: [string, string][] = [
  ['HundredGigabitEthernet', 'Hu'], ['FortyGigabitEthernet', 'Fo'], ['TwentyFiveGigE', 'TF'],
  ['TFGigabitEthernet', 'TF'], ['TenGigabitEthernet', 'Te'], ['GigabitEthernet', 'Gi'],
  ['FastEthernet', 'Fa'], ['AggregatePort', 'Ag'], ['VLAN', 'Vl'], ['Loopback', 'Lo'],
  ['Null', 'Nu'], ['Mgmt', 'Mg'], ['Tunnel', 'Tu'],
];

/** ifName: VRP uses the full name, RGOS the short form without the space. */
export function ifNameOf(platform: Platform, name: string): string {
  if (styleOf(platform) !== 'rgos') return name;
  for (const [long, short] of RGOS_SHORT) {
    if (name.startsWith(long)) return short + name.slice(long.length).trim();
  }
  return name.replace(/\s+/g, '');
}

const VRP_SHORT: [string, string][] = [
  ['100GE', '100GE'], ['40GE', '40GE'], ['25GE', '25GE'], ['10GE', '10GE'],
  ['XGigabitEthernet', 'XGE'], ['GigabitEthernet', 'GE'], ['Ethernet', 'Eth'],
];

/** The abbreviation VRP prints in brief tables (`GE0/0/1`, `XGE0/0/1`). */
export function vrpShortName(name: string): string {
  for (const [long, short] of VRP_SHORT) if (name.startsWith(long)) return short + name.slice(long.length);
  return name;
}

/** Lookup key: lower case, no blanks. `GigabitEthernet 0/1`, `gigabitethernet0/1` → same key. */
export function nameKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

const IFTYPE: Record<VendorStyle, Record<InterfaceKind, number>> = {
  vrp: { physical: 6, lag: 161, svi: 53, loopback: 24, inloopback: 24, null: 1, console: 1, mgmt: 6, virtual: 53 },
  rgos: { physical: 6, lag: 53, svi: 136, loopback: 24, inloopback: 24, null: 1, console: 1, mgmt: 6, virtual: 53 },
};

/** Nominal speed (bit/s) of non-physical interfaces, as the recordings show them in ifHighSpeed. */
const LOGICAL_BPS: Record<VendorStyle, Partial<Record<InterfaceKind, number>>> = {
  vrp: { svi: 1e9, mgmt: 100e6, loopback: 0, inloopback: 0, null: 0, console: 0, virtual: 0, lag: 0 },
  rgos: { svi: 1e9, mgmt: 1e9, loopback: 8e9, null: 10e9, lag: 0 },
};

export function describeInterface(platform: Platform, name: string, ifIndex: number, nominalBps?: number): LabInterface {
  const style = styleOf(platform);
  const { kind, number } = classifyInterface(name);
  return {
    name,
    ifIndex,
    ifName: ifNameOf(platform, name),
    kind,
    ifType: IFTYPE[style][kind],
    mtu: kind === 'console' ? 0 : 1500,
    nominalBps: nominalBps ?? LOGICAL_BPS[style][kind] ?? 0,
    ...(number !== undefined ? { number } : {}),
  };
}

/** Interfaces every box of the platform has from boot, with their fixed ifIndex. */
export function systemInterfaces(platform: Platform): { name: string; ifIndex: number }[] {
  if (platform === 'ruijie-rgos') return [{ name: 'Mgmt 0', ifIndex: 4095 }, { name: 'Null 0', ifIndex: 4096 }];
  if (platform === 'huawei-usg') return [{ name: 'InLoopBack0', ifIndex: 1 }, { name: 'NULL0', ifIndex: 2 }, { name: 'Virtual-if0', ifIndex: 3 }];
  return [
    { name: 'InLoopBack0', ifIndex: 1 }, { name: 'NULL0', ifIndex: 2 },
    { name: 'Console9/0/0', ifIndex: 3 }, { name: 'MEth0/0/1', ifIndex: 4 },
  ];
}

/** Logical interfaces an unconfigured box already has (VRP S-series: Vlanif1 at ifIndex 5). */
export function defaultLogicalInterfaces(platform: Platform): { name: string; ifIndex: number }[] {
  return platform === 'huawei-vrp' ? [{ name: 'Vlanif1', ifIndex: 5 }] : [];
}

/**
 * Hands out ifIndex values in the platform's style. Physical ports are numbered once at boot;
 * logical interfaces get theirs when first created and keep them for the life of the lab.
 */
export class IfIndexAllocator {
  private readonly style: VendorStyle;
  private next: number;
  private lastPhysical = 0;
  private readonly used = new Set<number>();

  constructor(platform: Platform) {
    this.style = styleOf(platform);
    const sys = [...systemInterfaces(platform), ...defaultLogicalInterfaces(platform)];
    for (const s of sys) this.used.add(s.ifIndex);
    this.next = this.style === 'rgos' ? 1 : Math.max(0, ...sys.map((s) => s.ifIndex)) + 1;
  }

  physical(): number {
    const i = this.take(this.next);
    this.lastPhysical = i;
    this.next = i + 1;
    return i;
  }

  logical(kind: InterfaceKind, number: number | undefined): number {
    if (this.style === 'rgos') {
      const n = number ?? 0;
      if (kind === 'svi') return this.take(4096 + n);
      if (kind === 'loopback') return this.take(16385 + n);
      if (kind === 'lag') return this.take(this.lastPhysical + Math.max(1, n));
      return this.take(20000);
    }
    const i = this.take(this.next);
    this.next = i + 1;
    return i;
  }

  /** The wanted index, or the next free one above it. */
  private take(wanted: number): number {
    let i = wanted;
    while (this.used.has(i)) i++;
    this.used.add(i);
    return i;
  }
}
