/**
 * Public shapes of the lab's state. The CLI simulator (src/lab/cli) and the SNMP agent
 * (src/lab/snmp) read these; the state computes them.
 */
import type { Platform, Vendor } from '../../model/index.js';

/** Milliseconds, like Date.now(). Tests pass a fake one. */
export type LabClock = () => number;

export type InterfaceKind =
  | 'physical' // a front-panel port (catalogue or extraPorts)
  | 'lag' // Eth-Trunk N / AggregatePort N
  | 'svi' // Vlanif N / VLAN N
  | 'loopback' // LoopBack N / Loopback N
  | 'inloopback' // Huawei InLoopBack0
  | 'null' // NULL0 / Null 0
  | 'console' // Console9/0/0
  | 'mgmt' // MEth0/0/1 / Mgmt 0
  | 'virtual'; // USG Virtual-if0

/** What the running configuration says about one interface (the CLI keeps the text). */
export interface InterfaceConfig {
  shutdown: boolean;
  /** The `description`, served as ifAlias. */
  description: string;
  /** Layer-2 mode; undefined = the platform default (access port in VLAN 1). */
  mode?: 'access' | 'trunk' | 'routed';
  /** Access VLAN (or PVID of a trunk). */
  vlan?: number;
  /** VLANs a trunk carries; undefined = the platform default (VRP: 1 only, RGOS: all). */
  allowedVlans?: number[];
  /** Member of LAG N (physical ports only). */
  lag?: number;
  /** Addresses `a.b.c.d/len`, primary first. */
  addresses: string[];
  vpn?: string;
  /** Configured speed (`speed 1000` / `speed 1G`); undefined = negotiated from the link/catalogue. */
  speed?: string;
}

export interface VrrpTrackConfig {
  /** Interface name on this device (full name, or `lag:N`). */
  interface: string;
  reduce: number;
}

/** One `vrrp vrid N` on one interface of one device. */
export interface VrrpConfig {
  /** The interface carrying it (Vlanif10 / VLAN 10). */
  interface: string;
  /** The VLAN of that interface: devices elect together when vlan and vrid match. */
  vlan: number;
  vrid: number;
  virtualIps: string[];
  /** Configured priority 1..254 (255 is implied when a virtual IP is the interface's own address). */
  priority: number;
  preempt: boolean;
  /** Seconds a higher-priority backup waits before taking over from a live master. */
  preemptDelayS: number;
  advertiseIntervalS: number;
  track: VrrpTrackConfig[];
}

/**
 * The operational part of a device's running configuration: what state needs to compute
 * interface status, VRRP and LLDP. The CLI owns the text; it either calls the LabDevice
 * setters as commands are accepted, or registers an interpreter (text → this) once.
 */
export interface DeviceOperConfig {
  sysName: string;
  sysContact: string;
  sysLocation: string;
  /** Keyed by full interface name. Logical interfaces (Vlanif, Eth-Trunk, LoopBack...) exist iff present here. */
  interfaces: Record<string, InterfaceConfig>;
  vlans: number[];
  vrrp: VrrpConfig[];
}

/** Fault injection, per device. The SSH engineer reads the SSH ones; the SNMP agent the SNMP ones. */
export interface DeviceFaults {
  /** Added latency per CLI command (ms). */
  latencyMs?: number;
  /** Added latency per SNMP request (ms). */
  snmpLatencyMs?: number;
  /** Drop the SSH connection after the k-th command. */
  dropAfterCommands?: number;
  /** Commands to reject (as typed; matching is the CLI's business). */
  rejectCommands?: string[];
  /** Commands after which the SSH connection drops (as typed, matched as rejectCommands are): the command has run. */
  dropOnCommands?: string[];
  /** Refuse every SSH authentication. */
  refuseAuth?: boolean;
  /** Present a different SSH host key. */
  altHostKey?: boolean;
  /** Stop answering SNMP. */
  snmpSilent?: boolean;
  /** The whole device is down (set through setDeviceState). */
  down?: boolean;
}

export interface LabInterface {
  /** Full name as the device prints it: `GigabitEthernet0/0/1`, `GigabitEthernet 0/1`, `Vlanif10`, `AggregatePort 1`. */
  name: string;
  ifIndex: number;
  /** ifXTable ifName: VRP the full name, RGOS the short form (`Gi0/1`, `Ag1`, `Vl10`). */
  ifName: string;
  kind: InterfaceKind;
  /** IANAifType. */
  ifType: number;
  mtu: number;
  /** Nominal speed of the port in bit/s (physical: catalogue or extraPorts). */
  nominalBps: number;
  /** VLAN of an SVI, id of a LAG, number of a loopback. */
  number?: number;
}

export interface InterfaceStatus {
  name: string;
  ifIndex: number;
  adminUp: boolean;
  operUp: boolean;
  /** Current speed in bit/s: LAG = sum of up members; others nominal (or configured/link speed). */
  speedBps: number;
  /** Clock ms of the last oper-status change (or of device boot). */
  lastChangeMs: number;
  description: string;
}

/** 64-bit counters of one interface, as BigInt. */
export interface InterfaceCounters {
  inOctets: bigint;
  outOctets: bigint;
  inUcastPkts: bigint;
  outUcastPkts: bigint;
  inMulticastPkts: bigint;
  outMulticastPkts: bigint;
  inBroadcastPkts: bigint;
  outBroadcastPkts: bigint;
  inDiscards: bigint;
  outDiscards: bigint;
  inErrors: bigint;
  outErrors: bigint;
}

export type VrrpState = 'Initialize' | 'Backup' | 'Master';

/** One VRRP group as seen from one device (display vrrp / vrrpOperTable). */
export interface VrrpStatus {
  interface: string;
  ifIndex: number;
  vlan: number;
  vrid: number;
  virtualIps: string[];
  state: VrrpState;
  configuredPriority: number;
  /** Priority after tracked-interface reductions (255 for the address owner). */
  runningPriority: number;
  preempt: boolean;
  preemptDelayS: number;
  advertiseIntervalS: number;
  /** This device's own address on the interface (no prefix), '0.0.0.0' if none. */
  primaryIp: string;
  /** The master's primary address, '0.0.0.0' when there is none or this device is initializing. */
  masterIp: string;
  masterDevice?: string;
  masterPriority?: number;
  /** Tracked interfaces that are down now. */
  trackedDown: string[];
  /** Virtual MAC 00:00:5e:00:01:<vrid>. */
  virtualMac: string;
  /** Clock ms of this device's last state change in this group. */
  lastChangeMs: number;
  /** Clock ms at which a higher-priority member will preempt, when one is waiting. */
  preemptAtMs?: number;
}

export interface LldpNeighbor {
  /** Local port, full name. */
  localPort: string;
  localIfIndex: number;
  /** lldpLocPortNum of the local port. */
  localPortNum: number;
  /** Neighbour device (the lab's name) and its sysName as advertised. */
  neighborDevice: string;
  neighborSysName: string;
  neighborSysDesc: string;
  /** Neighbour port, full name. */
  neighborPort: string;
  /** Port ID as advertised (subtype interfaceName): VRP full name, RGOS short name. */
  portId: string;
  portDescription: string;
  /** Chassis ID (subtype macAddress): `48:8e:ef:12:34:56`. */
  chassisId: string;
  chassisMac: Buffer;
  managementAddress: string;
  /** Clock ms since which the neighbour is seen. */
  sinceMs: number;
  /** Hold time the neighbour advertised (s). */
  ttlS: number;
  capabilities: ('bridge' | 'router')[];
}

/** Identity of the box: what sysDescr, sysObjectID and `display version` / `show version` print. */
export interface DeviceIdentity {
  vendor: Vendor;
  platform: Platform;
  model: string;
  /** Product family in the version string: S9300, S5700, S2700, USG6000, S8600... */
  family: string;
  /** `VRP (R) software` version (5.170) or RGOS version (10.4(3b17)p2). */
  osVersion: string;
  /** VRP release V200R010C00SPC600; RGOS release line (same as osVersion). */
  release: string;
  sysDescr: string;
  sysObjectId: string;
  /** Stable serial / ESN. */
  serial: string;
  /** Base MAC, `48:8e:ef:xx:xx:xx`; also the LLDP chassis id. */
  baseMac: string;
  memoryBytes: number;
  flashBytes: number;
  /** sysServices (sum of 2^(layer-1)). */
  sysServices: number;
}

export type ConfigChangeSource = 'cli' | 'snmp' | 'reboot' | 'api' | 'boot';

export interface ConfigChangeEvent {
  device: string;
  field: 'running' | 'saved';
  configVersion: number;
  source: ConfigChangeSource;
}

/** An SNMP SET that changed the device: the CLI mirrors it into the running-config text. */
export interface SnmpSetEvent {
  device: string;
  object: 'ifAdminStatus' | 'ifAlias' | 'sysName' | 'sysContact' | 'sysLocation';
  interface?: string;
  value: string | boolean;
}

export interface OperChangeEvent {
  device: string;
  interface: string;
  ifIndex: number;
  up: boolean;
  atMs: number;
}

export interface VrrpChangeEvent {
  device: string;
  interface: string;
  vrid: number;
  from: VrrpState;
  to: VrrpState;
  atMs: number;
}
