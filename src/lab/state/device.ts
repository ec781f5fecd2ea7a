/**
 * One simulated box: identity, interfaces with admin/oper status and counters, the running and
 * saved configuration (text owned by the CLI simulator, plus the operational view the state
 * needs), VRRP and LLDP views, faults. Every mutation goes through the network so that traffic
 * is banked before and oper status, links and VRRP are recomputed after.
 */
import { EventEmitter } from 'node:events';
import type { Device, Layer, Platform, Vendor } from '../../model/index.js';
import { LAB_BAD_INTERFACE, LAB_BAD_VALUE, LAB_UNKNOWN_INTERFACE, LabStateError } from './errors.js';
import { mergeFaults } from './faults.js';
import { baseMacOf, identityOf, loadOf } from './identity.js';
import {
  IfIndexAllocator, canonicalLogicalName, classifyInterface, describeInterface, ifNameOf, isCreatable,
  lagName, nameKey, styleOf, systemInterfaces, vrpShortName,
} from './interfaces.js';
import { cloneConfig, emptyInterfaceConfig } from './oper-config.js';
import { AVG_UNICAST_BYTES, BROADCAST_EVERY, MULTICAST_EVERY } from './traffic.js';
import type {
  ConfigChangeEvent, ConfigChangeSource, DeviceFaults, DeviceIdentity, DeviceOperConfig, InterfaceConfig,
  InterfaceCounters, InterfaceStatus, LabInterface, LldpNeighbor, OperChangeEvent, SnmpSetEvent, VrrpChangeEvent,
  VrrpConfig, VrrpStatus,
} from './types.js';
import type { LabNetwork } from './network.js';

export interface LabDeviceEvents {
  change: [ConfigChangeEvent];
  oper: [OperChangeEvent];
  vrrp: [VrrpChangeEvent];
  'snmp-set': [SnmpSetEvent];
  reboot: [{ device: string; atMs: number }];
  faults: [{ device: string; faults: DeviceFaults }];
}

/** Turns running-config text into the operational view; registered by the CLI simulator. */
export type ConfigInterpreter = (running: string, device: LabDevice) => DeviceOperConfig;

interface OperEntry {
  up: boolean;
  speedBps: number;
}

const ZERO_COUNTERS: InterfaceCounters = Object.freeze({
  inOctets: 0n, outOctets: 0n, inUcastPkts: 0n, outUcastPkts: 0n, inMulticastPkts: 0n, outMulticastPkts: 0n,
  inBroadcastPkts: 0n, outBroadcastPkts: 0n, inDiscards: 0n, outDiscards: 0n, inErrors: 0n, outErrors: 0n,
});

export class LabDevice extends EventEmitter<LabDeviceEvents> {
  readonly name: string;
  readonly vendor: Vendor;
  readonly platform: Platform;
  readonly model: string;
  readonly layer: Layer;
  /** The topology's device (read-only: the lab never changes the model). */
  readonly topologyDevice: Device;
  readonly identity: DeviceIdentity;
  /** Six raw bytes of the base MAC (LLDP chassis id, ifPhysAddress). */
  readonly baseMac: Buffer;
  /** Management address from the topology (LLDP management address). */
  readonly managementAddress: string;

  /** CPU and memory load in percent, temperature in °C: stable, settable for tests. */
  cpuPercent: number;
  memoryPercent: number;
  temperatureC: number;

  /** @internal */ readonly net: LabNetwork;
  /** @internal */ config: DeviceOperConfig;
  /** @internal */ savedConfig: DeviceOperConfig;
  /** @internal */ bootMs: number;
  /** @internal */ operCache = new Map<string, OperEntry>();
  /** @internal */ lastChange = new Map<string, number>();
  /** @internal Counter values at the last reboot, subtracted from the link meters. */
  counterOffsets = new Map<string, { in: bigint; out: bigint }>();

  private runningText = '';
  /** A writer's unpublished change (holdChange): run before anything reads this device's state. */
  private heldPublish: (() => void) | undefined;
  private savedText = '';
  private version = 0;
  private faultState: DeviceFaults = {};
  private interpreter?: ConfigInterpreter;
  private readonly allocator: IfIndexAllocator;
  private readonly ifByName = new Map<string, LabInterface>();
  private readonly ifByKey = new Map<string, LabInterface>();
  private readonly ifByIndex = new Map<number, LabInterface>();
  private sortedIfs: LabInterface[] | undefined;
  private readonly physicalOrder: string[] = [];

  /** @internal Created by LabNetwork. */
  constructor(net: LabNetwork, device: Device, physical: { name: string; bps: number }[], config: DeviceOperConfig, now: number) {
    super();
    this.setMaxListeners(0);
    this.net = net;
    this.name = device.name;
    this.vendor = device.vendor;
    this.platform = device.platform;
    this.model = device.model;
    this.layer = device.layer;
    this.topologyDevice = device;
    this.identity = identityOf(device);
    this.baseMac = baseMacOf(device);
    this.managementAddress = device.management.address;
    const load = loadOf(device.name);
    this.cpuPercent = load.cpuPercent;
    this.memoryPercent = load.memoryPercent;
    this.temperatureC = load.temperatureC;
    this.bootMs = now;
    this.allocator = new IfIndexAllocator(device.platform);
    for (const s of systemInterfaces(device.platform)) this.addInterface(describeInterface(device.platform, s.name, s.ifIndex));
    for (const p of physical) {
      this.addInterface(describeInterface(device.platform, p.name, this.allocator.physical(), p.bps));
      this.physicalOrder.push(p.name);
    }
    this.config = config;
    this.syncLogicalInterfaces();
    this.savedConfig = cloneConfig(config);
  }

  // ------------------------------------------------------------------------------ identity, time

  get sysDescr(): string {
    return this.identity.sysDescr;
  }

  get sysObjectId(): string {
    return this.identity.sysObjectId;
  }

  get sysName(): string {
    this.settleOwn();
    return this.config.sysName;
  }

  get sysContact(): string {
    this.settleOwn();
    return this.config.sysContact;
  }

  get sysLocation(): string {
    this.settleOwn();
    return this.config.sysLocation;
  }

  /** Whether the box is powered and running (not `down`). */
  get up(): boolean {
    return !this.faultState.down;
  }

  /** Milliseconds since the last boot. */
  uptimeMs(now: number = this.net.clock()): number {
    return Math.max(0, now - this.bootMs);
  }

  /** sysUpTime in hundredths of a second (TimeTicks, wraps at 2^32). */
  uptimeTicks(now: number = this.net.clock()): number {
    return Math.floor(this.uptimeMs(now) / 10) % 4294967296;
  }

  /** Clock ms of the last boot. */
  get bootTimeMs(): number {
    return this.bootMs;
  }

  // ------------------------------------------------------------------------------ configuration text

  /** The running configuration as the CLI prints it (the CLI simulator owns its content). */
  get running(): string {
    this.settleOwn();
    return this.runningText;
  }

  set running(text: string) {
    this.setRunning(text, 'cli');
  }

  /** The saved (startup) configuration. Assigning it also snapshots the operational config. */
  get saved(): string {
    this.settleOwn();
    return this.savedText;
  }

  set saved(text: string) {
    this.setSaved(text, 'cli');
  }

  /** Bumped on every change of `running` or `saved`. */
  get configVersion(): number {
    this.settleOwn();
    return this.version;
  }

  setRunning(text: string, source: ConfigChangeSource = 'cli'): void {
    this.settleOwn();
    this.runningText = text;
    this.version++;
    if (this.interpreter) {
      const cfg = this.interpreter(text, this);
      // A change that moves nothing operational (a description, a contact) needs no recomputation
      // of this device, its neighbours, their links and VRRP: the new view simply replaces the old.
      if (sameOperationalState(this.config, cfg)) {
        this.config = cfg;
        if (cfg.vrrp.length) this.net.vrrpConfigChanged(this); // the engine swaps in the new (equal) entries
      } else this.net.mutate([this.name], () => this.replaceConfig(cfg));
    }
    this.emit('change', { device: this.name, field: 'running', configVersion: this.version, source });
  }

  setSaved(text: string, source: ConfigChangeSource = 'cli'): void {
    this.settleOwn();
    this.savedText = text;
    // A boot re-reads the saved text when there is an interpreter: the snapshot is for the others.
    if (!this.interpreter || text === '') this.savedConfig = cloneConfig(this.config);
    this.version++;
    this.emit('change', { device: this.name, field: 'saved', configVersion: this.version, source });
  }

  /**
   * A writer (the CLI, while a session types configuration) holds a change it has not published
   * yet: `publish` publishes it (through setRunning). Until then every read of the lab's state, and
   * every other change, runs it first, so nothing can observe the device without it; the writer
   * publishes on its own when the session leaves configuration or pauses.
   */
  holdChange(publish: () => void): void {
    this.heldPublish = publish;
    this.net.noteHeld(this, true);
  }

  /** The writer published (or dropped) its held change itself. */
  releaseHeld(): void {
    this.heldPublish = undefined;
    this.net.noteHeld(this, false);
  }

  /** Before a read of this device's own configuration: its held change. */
  private settleOwn(): void {
    if (this.heldPublish) this.net.settle([this.name]);
  }

  /** Before a read of interface state: its held change and its neighbours' (their admin state counts). */
  private settleAround(): void {
    this.net.settle([this.name], true);
  }

  /** @internal */ publishHeld(): void {
    const publish = this.heldPublish;
    this.releaseHeld();
    publish?.();
  }

  /** `save`: saved := running, and the operational config is kept for the next boot. */
  save(source: ConfigChangeSource = 'cli'): void {
    this.settleOwn();
    this.setSaved(this.runningText, source);
  }

  /**
   * Lab start: the box boots with `text` as its startup configuration (running := saved := text).
   * Use this for the baseline text and for `--configured` labs; a later reboot returns to it
   * unless something else was saved. With an interpreter registered, the text drives the state.
   */
  bootWith(text: string): void {
    this.setRunning(text, 'boot');
    this.setSaved(text, 'boot');
  }

  /**
   * Register the CLI's parser: from then on every change of `running` (and every reboot) derives the
   * operational config from the text. Without one, the setters below are the only way in.
   */
  setConfigInterpreter(fn: ConfigInterpreter | undefined): void {
    this.interpreter = fn;
  }

  /** A copy of the operational view of the running configuration. */
  operConfig(): DeviceOperConfig {
    this.settleOwn();
    return cloneConfig(this.config);
  }

  /** Replace the whole operational config (what an interpreter returns). */
  applyOperConfig(cfg: DeviceOperConfig): void {
    this.net.mutate([this.name], () => this.replaceConfig(cloneConfig(cfg)));
  }

  /** Apply an arbitrary change to the operational config in one step. */
  updateConfig(fn: (cfg: DeviceOperConfig) => void): void {
    this.net.mutate([this.name], () => {
      fn(this.config);
      this.syncLogicalInterfaces();
      this.net.vrrpConfigChanged(this);
    });
  }

  // ------------------------------------------------------------------------------ configuration setters (CLI / SNMP)

  setSysName(name: string, source: ConfigChangeSource = 'cli'): void {
    this.net.mutate([this.name], () => { this.config.sysName = name; });
    if (source === 'snmp') this.emit('snmp-set', { device: this.name, object: 'sysName', value: name });
  }

  setSysContact(text: string, source: ConfigChangeSource = 'cli'): void {
    this.settleOwn();
    this.config.sysContact = text;
    if (source === 'snmp') this.emit('snmp-set', { device: this.name, object: 'sysContact', value: text });
  }

  setSysLocation(text: string, source: ConfigChangeSource = 'cli'): void {
    this.settleOwn();
    this.config.sysLocation = text;
    if (source === 'snmp') this.emit('snmp-set', { device: this.name, object: 'sysLocation', value: text });
  }

  /** `shutdown` / `undo shutdown` (or ifAdminStatus SET). A shut port takes its link down at both ends. */
  setAdminStatus(ifName: string, up: boolean, source: ConfigChangeSource = 'cli'): void {
    const intf = this.requireInterface(ifName);
    this.net.mutate([this.name], () => { this.cfgFor(intf.name).shutdown = !up; });
    if (source === 'snmp') this.emit('snmp-set', { device: this.name, object: 'ifAdminStatus', interface: intf.name, value: up });
  }

  /** `description` (or ifAlias SET). */
  setDescription(ifName: string, text: string, source: ConfigChangeSource = 'cli'): void {
    this.settleOwn();
    const intf = this.requireInterface(ifName);
    this.cfgFor(intf.name).description = text;
    if (source === 'snmp') this.emit('snmp-set', { device: this.name, object: 'ifAlias', interface: intf.name, value: text });
  }

  /** Layer-2 mode and VLANs of a port or LAG. */
  setSwitchport(ifName: string, sw: { mode?: 'access' | 'trunk' | 'routed'; vlan?: number; allowedVlans?: number[] }): void {
    const intf = this.requireInterface(ifName);
    this.net.mutate([this.name], () => {
      const c = this.cfgFor(intf.name);
      if ('mode' in sw) setOrDelete(c, 'mode', sw.mode);
      if ('vlan' in sw) setOrDelete(c, 'vlan', sw.vlan);
      if ('allowedVlans' in sw) setOrDelete(c, 'allowedVlans', sw.allowedVlans ? [...sw.allowedVlans] : undefined);
    });
  }

  setAddresses(ifName: string, addresses: string[]): void {
    const intf = this.requireInterface(ifName);
    this.net.mutate([this.name], () => { this.cfgFor(intf.name).addresses = [...addresses]; });
  }

  /** Put a physical port into LAG `lagId` (creating the LAG interface) or take it out (undefined). */
  setLagMember(port: string, lagId: number | undefined): void {
    const intf = this.requireInterface(port);
    if (intf.kind !== 'physical') throw new LabStateError(LAB_BAD_INTERFACE, `${intf.name} is not a physical port`);
    this.net.mutate([this.name], () => {
      const c = this.cfgFor(intf.name);
      if (lagId === undefined) delete c.lag;
      else {
        c.lag = lagId;
        const lag = lagName(this.platform, lagId);
        this.config.interfaces[lag] ??= emptyInterfaceConfig();
        this.syncLogicalInterfaces();
      }
    });
  }

  setVlans(vlans: number[]): void {
    this.net.mutate([this.name], () => { this.config.vlans = [...new Set(vlans)].sort((a, b) => a - b); });
  }

  /** Create a logical interface (Vlanif N, Eth-Trunk N, LoopBack N; VLAN N, AggregatePort N, Loopback N). */
  ensureInterface(name: string): LabInterface {
    const existing = this.interface(name);
    if (existing) return existing;
    const canonical = canonicalLogicalName(this.platform, name);
    if (!canonical || !isCreatable(classifyInterface(canonical).kind)) {
      throw new LabStateError(LAB_BAD_INTERFACE, `${this.name}: cannot create interface '${name}'`);
    }
    this.net.mutate([this.name], () => {
      this.config.interfaces[canonical] ??= emptyInterfaceConfig();
      this.syncLogicalInterfaces();
    });
    return this.interface(canonical)!;
  }

  /** `undo interface Vlanif10`: remove a logical interface (its members leave the LAG, its VRRP goes). */
  removeInterface(name: string): void {
    const intf = this.requireInterface(name);
    if (!isCreatable(intf.kind)) throw new LabStateError(LAB_BAD_INTERFACE, `${this.name}: ${intf.name} cannot be removed`);
    this.net.mutate([this.name], () => {
      delete this.config.interfaces[intf.name];
      if (intf.kind === 'lag') for (const c of Object.values(this.config.interfaces)) if (c.lag === intf.number) delete c.lag;
      this.config.vrrp = this.config.vrrp.filter((v) => nameKey(v.interface) !== nameKey(intf.name));
      this.syncLogicalInterfaces();
      this.net.vrrpConfigChanged(this);
    });
  }

  /** Replace this device's VRRP configuration (all groups on all interfaces). */
  setVrrp(entries: VrrpConfig[]): void {
    this.net.mutate([this.name], () => {
      this.config.vrrp = entries.map((e) => ({ ...e, virtualIps: [...e.virtualIps], track: e.track.map((t) => ({ ...t })) }));
      this.net.vrrpConfigChanged(this);
    });
  }

  get vrrpConfig(): readonly VrrpConfig[] {
    return this.config.vrrp;
  }

  // ------------------------------------------------------------------------------ interfaces

  /** All interfaces, by ifIndex. */
  interfaces(): readonly LabInterface[] {
    this.settleOwn();
    this.sortedIfs ??= [...this.ifByName.values()].sort((a, b) => a.ifIndex - b.ifIndex);
    return this.sortedIfs;
  }

  /** Physical ports in panel order (their position + 1 is lldpLocPortNum). */
  physicalPorts(): readonly string[] {
    return this.physicalOrder;
  }

  /**
   * An interface by name: exact, then ignoring case and blanks (`GigabitEthernet0/1` for RGOS's
   * `GigabitEthernet 0/1`), ifName (`Gi0/1`), VRP brief forms (`GE0/0/1`), or `lag:N`.
   */
  interface(name: string): LabInterface | undefined {
    const exact = this.ifByName.get(name);
    if (exact) return exact;
    const lag = /^lag:(\d+)$/i.exec(name.trim());
    if (lag) return this.ifByName.get(lagName(this.platform, Number(lag[1])));
    return this.ifByKey.get(nameKey(name));
  }

  interfaceByIndex(ifIndex: number): LabInterface | undefined {
    return this.ifByIndex.get(ifIndex);
  }

  requireInterface(name: string): LabInterface {
    const i = this.interface(name);
    if (!i) throw new LabStateError(LAB_UNKNOWN_INTERFACE, `${this.name}: no interface '${name}'`);
    return i;
  }

  /** The configuration of an interface (defaults when nothing is configured). Do not mutate. */
  interfaceConfig(name: string): Readonly<InterfaceConfig> {
    this.settleOwn();
    const i = this.requireInterface(name);
    return this.config.interfaces[i.name] ?? emptyInterfaceConfig();
  }

  adminUp(name: string): boolean {
    this.settleOwn();
    const i = this.requireInterface(name);
    return !(this.config.interfaces[i.name]?.shutdown ?? false);
  }

  operUp(name: string): boolean {
    this.settleAround();
    const i = this.requireInterface(name);
    return this.operCache.get(i.name)?.up ?? false;
  }

  /** Current speed (bit/s): LAG = sum of its up members. */
  speedBps(name: string): number {
    this.settleAround();
    const i = this.requireInterface(name);
    return this.operCache.get(i.name)?.speedBps ?? i.nominalBps;
  }

  status(name: string): InterfaceStatus {
    this.settleAround();
    const i = this.requireInterface(name);
    const e = this.operCache.get(i.name);
    return {
      name: i.name,
      ifIndex: i.ifIndex,
      adminUp: !(this.config.interfaces[i.name]?.shutdown ?? false),
      operUp: e?.up ?? false,
      speedBps: e?.speedBps ?? i.nominalBps,
      lastChangeMs: this.lastChange.get(i.name) ?? this.bootMs,
      description: this.config.interfaces[i.name]?.description ?? '',
    };
  }

  /** 64-bit counters now (LAG = sum of members; SVIs and loopbacks count nothing). */
  counters(name: string, now: number = this.net.clock()): InterfaceCounters {
    this.settleAround();
    const i = this.requireInterface(name);
    if (i.kind === 'lag') {
      const sum = { ...ZERO_COUNTERS } as Record<keyof InterfaceCounters, bigint>;
      for (const m of this.lagMembers(i.name)) {
        const c = this.counters(m, now);
        for (const k of Object.keys(sum) as (keyof InterfaceCounters)[]) sum[k] += c[k];
      }
      return sum;
    }
    if (i.kind !== 'physical') return ZERO_COUNTERS;
    const raw = this.net.rawOctets(this, i.name, now);
    if (!raw) return ZERO_COUNTERS;
    const off = this.counterOffsets.get(i.name);
    const inOctets = raw.in - (off?.in ?? 0n);
    const outOctets = raw.out - (off?.out ?? 0n);
    const inPkts = inOctets / AVG_UNICAST_BYTES;
    const outPkts = outOctets / AVG_UNICAST_BYTES;
    return {
      inOctets, outOctets,
      inUcastPkts: inPkts, outUcastPkts: outPkts,
      inMulticastPkts: inPkts / MULTICAST_EVERY, outMulticastPkts: outPkts / MULTICAST_EVERY,
      inBroadcastPkts: inPkts / BROADCAST_EVERY, outBroadcastPkts: outPkts / BROADCAST_EVERY,
      inDiscards: 0n, outDiscards: 0n, inErrors: 0n, outErrors: 0n,
    };
  }

  /** Member ports of a LAG interface, in panel order. */
  lagMembers(lag: string): string[] {
    this.settleOwn();
    const i = this.requireInterface(lag);
    if (i.kind !== 'lag') return [];
    return this.physicalOrder.filter((p) => this.config.interfaces[p]?.lag === i.number);
  }

  /** The VLANs an interface carries (access VLAN, trunk list); empty for routed and logical ones. */
  carriedVlans(name: string): number[] | 'all' {
    this.settleOwn();
    const i = this.requireInterface(name);
    if (i.kind !== 'physical' && i.kind !== 'lag') return [];
    const c = this.config.interfaces[i.name];
    return carried(this.platform, c);
  }

  // ------------------------------------------------------------------------------ VRRP, LLDP

  vrrpGroups(): VrrpStatus[] {
    return this.net.vrrpGroups(this);
  }

  lldpNeighbors(): LldpNeighbor[] {
    return this.net.lldpNeighbors(this);
  }

  // ------------------------------------------------------------------------------ faults, load

  get faults(): Readonly<DeviceFaults> {
    return this.faultState;
  }

  /** Merge fault settings (`down` is better set with network.setDeviceState, which this calls). */
  setFaults(update: Partial<DeviceFaults>): void {
    if ('down' in update && !!update.down !== !!this.faultState.down) {
      this.net.setDeviceState(this.name, !update.down);
    }
    const { down: _down, ...rest } = update;
    this.faultState = mergeFaults(this.faultState, rest);
    this.emit('faults', { device: this.name, faults: this.faultState });
  }

  clearFaults(): void {
    if (this.faultState.down) this.net.setDeviceState(this.name, true);
    this.faultState = {};
    this.emit('faults', { device: this.name, faults: this.faultState });
  }

  setLoad(load: { cpuPercent?: number; memoryPercent?: number; temperatureC?: number }): void {
    for (const [k, v] of Object.entries(load)) {
      if (v === undefined) continue;
      if (!Number.isFinite(v) || v < 0 || (k !== 'temperatureC' && v > 100)) throw new LabStateError(LAB_BAD_VALUE, `${k} ${v} out of range`);
      (this as unknown as Record<string, number>)[k] = Math.round(v);
    }
  }

  // ------------------------------------------------------------------------------ internals

  /** @internal */ setDown(down: boolean): void {
    this.faultState = mergeFaults(this.faultState, { down });
    this.emit('faults', { device: this.name, faults: this.faultState });
  }

  /** @internal Boot: running := saved, config := saved config, uptime and counters restart. */
  boot(now: number): void {
    this.runningText = this.savedText;
    this.version++;
    this.config = this.interpreter && this.savedText !== '' ? this.interpreter(this.savedText, this) : cloneConfig(this.savedConfig);
    this.syncLogicalInterfaces();
    this.bootMs = now;
    for (const i of this.ifByName.values()) this.lastChange.set(i.name, now);
    for (const p of this.physicalOrder) {
      const raw = this.net.rawOctets(this, p, now);
      if (raw) this.counterOffsets.set(p, { in: raw.in, out: raw.out });
    }
    this.net.vrrpConfigChanged(this);
    this.emit('change', { device: this.name, field: 'running', configVersion: this.version, source: 'reboot' });
  }

  /** @internal */ replaceConfig(cfg: DeviceOperConfig): void {
    this.config = cfg;
    this.syncLogicalInterfaces();
    this.net.vrrpConfigChanged(this);
  }

  /** @internal Compute oper status and speed of every interface from config, links and the far ends. */
  computeOper(): Map<string, OperEntry> {
    const out = new Map<string, OperEntry>();
    const devUp = this.up;
    const cfg = this.config.interfaces;
    const upVlans = new Set<number>();
    let allVlansUp = false;
    const addCarried = (c: InterfaceConfig | undefined) => {
      const v = carried(this.platform, c);
      if (v === 'all') allVlansUp = true;
      else for (const x of v) upVlans.add(x);
    };
    const lagUp = new Map<number, number>();
    for (const p of this.physicalOrder) {
      const c = cfg[p];
      const intf = this.ifByName.get(p)!;
      const admin = !(c?.shutdown ?? false);
      const far = this.net.farEnd(this, p);
      const up = devUp && admin && !!far && far.linkUp && far.device.up && far.device.adminUpExact(far.port);
      const speedBps = parseSpeedOr(c?.speed, far?.speedBps ?? intf.nominalBps);
      out.set(p, { up, speedBps });
      if (!up) continue;
      if (c?.lag !== undefined) lagUp.set(c.lag, (lagUp.get(c.lag) ?? 0) + speedBps);
      else addCarried(c);
    }
    for (const intf of this.ifByName.values()) {
      if (intf.kind === 'physical' || intf.kind === 'svi') continue;
      const c = cfg[intf.name];
      const admin = !(c?.shutdown ?? false);
      if (intf.kind === 'lag') {
        const sum = lagUp.get(intf.number!) ?? 0;
        const up = devUp && admin && sum > 0;
        out.set(intf.name, { up, speedBps: sum });
        if (up) addCarried(c);
      } else {
        out.set(intf.name, { up: devUp && admin, speedBps: intf.nominalBps });
      }
    }
    for (const intf of this.ifByName.values()) {
      if (intf.kind !== 'svi') continue;
      const admin = !(cfg[intf.name]?.shutdown ?? false);
      const up = devUp && admin && (allVlansUp || upVlans.has(intf.number!));
      out.set(intf.name, { up, speedBps: intf.nominalBps });
    }
    return out;
  }

  /** @internal Admin status by exact name (used for far ends; no lookup tolerance needed). */
  adminUpExact(port: string): boolean {
    return !(this.config.interfaces[port]?.shutdown ?? false);
  }

  private cfgFor(name: string): InterfaceConfig {
    let c = this.config.interfaces[name];
    if (!c) {
      c = emptyInterfaceConfig();
      this.config.interfaces[name] = c;
    }
    return c;
  }

  private addInterface(i: LabInterface): void {
    this.ifByName.set(i.name, i);
    this.ifByIndex.set(i.ifIndex, i);
    for (const k of new Set([nameKey(i.name), nameKey(i.ifName), nameKey(vrpShortName(i.name))])) {
      if (!this.ifByKey.has(k)) this.ifByKey.set(k, i);
    }
    this.sortedIfs = undefined;
  }

  private dropInterface(i: LabInterface): void {
    this.ifByName.delete(i.name);
    this.ifByIndex.delete(i.ifIndex);
    for (const [k, v] of [...this.ifByKey]) if (v === i) this.ifByKey.delete(k);
    this.sortedIfs = undefined;
  }

  /** Logical interfaces mirror the config's keys: create the missing, drop the removed (ifIndex kept for re-creation). */
  private readonly logicalIndex = new Map<string, number>();
  /** @internal */ syncLogicalInterfaces(): void {
    for (const name of Object.keys(this.config.interfaces)) {
      if (this.ifByName.has(name)) continue;
      const canonical = canonicalLogicalName(this.platform, name);
      if (canonical === undefined) continue; // a physical port the device does not have: ignored
      if (canonical !== name) {
        // keep the config under the platform's own spelling
        this.config.interfaces[canonical] = this.config.interfaces[name]!;
        delete this.config.interfaces[name];
        if (this.ifByName.has(canonical)) continue;
      }
      const { kind, number } = classifyInterface(canonical);
      let ifIndex = this.logicalIndex.get(canonical);
      if (ifIndex === undefined) {
        ifIndex = canonical === 'Vlanif1' && this.platform === 'huawei-vrp' ? 5 : this.allocator.logical(kind, number);
        this.logicalIndex.set(canonical, ifIndex);
      }
      this.addInterface(describeInterface(this.platform, canonical, ifIndex));
      this.lastChange.set(canonical, this.net.clock());
    }
    for (const i of [...this.ifByName.values()]) {
      if (isCreatable(i.kind) && !(i.name in this.config.interfaces)) this.dropInterface(i);
    }
  }

  /** @internal For the SNMP agent and the CLI: the short or long name as the platform shows it. */
  ifNameOf(name: string): string {
    return ifNameOf(this.platform, name);
  }

  /** @internal */ get style(): 'vrp' | 'rgos' {
    return styleOf(this.platform);
  }
}

/**
 * Whether two operational configs give the same interface states, links and VRRP: equal in every
 * field but the free texts (descriptions, sysName, contact, location), which state reads live and
 * never caches. Same interface set (in the same order) too, so logical interfaces need no resync.
 */
export function sameOperationalState(a: DeviceOperConfig, b: DeviceOperConfig): boolean {
  if (!sameNumbers(a.vlans, b.vlans)) return false;
  const ak = Object.keys(a.interfaces);
  const bk = Object.keys(b.interfaces);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) {
    if (ak[i] !== bk[i]) return false;
    const x = a.interfaces[ak[i]!]!;
    const y = b.interfaces[bk[i]!]!;
    if (x.shutdown !== y.shutdown || x.mode !== y.mode || x.vlan !== y.vlan || x.lag !== y.lag || x.vpn !== y.vpn || x.speed !== y.speed) return false;
    if (!sameNumbers(x.allowedVlans, y.allowedVlans) || !sameStrings(x.addresses, y.addresses)) return false;
  }
  if (a.vrrp.length !== b.vrrp.length) return false;
  return a.vrrp.length === 0 || JSON.stringify(a.vrrp) === JSON.stringify(b.vrrp);
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function setOrDelete<K extends keyof InterfaceConfig>(c: InterfaceConfig, key: K, value: InterfaceConfig[K] | undefined): void {
  if (value === undefined) delete c[key];
  else c[key] = value;
}

function parseSpeedOr(configured: string | undefined, fallback: number): number {
  if (!configured) return fallback;
  const m = /^(\d+(?:\.\d+)?)\s*([MG]?)$/i.exec(configured.trim());
  if (!m) return fallback;
  return (m[2] ?? '').toUpperCase() === 'G' ? Number(m[1]) * 1e9 : Number(m[1]) * 1e6;
}

/** VLANs an L2 interface carries: access VLAN (default 1), trunk list (VRP default: 1; RGOS default: all). */
function carried(platform: Platform, c: InterfaceConfig | undefined): number[] | 'all' {
  const mode = c?.mode;
  if (mode === 'routed') return [];
  if (mode === 'trunk') {
    if (c?.allowedVlans) return c.allowedVlans;
    return styleOf(platform) === 'rgos' ? 'all' : [c?.vlan ?? 1];
  }
  return [c?.vlan ?? 1];
}
