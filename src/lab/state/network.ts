/**
 * The simulated world: one LabDevice per topology device, the links between them with their
 * up/down state and traffic, VRRP election and LLDP. Time comes only from the injected clock.
 */
import { EventEmitter } from 'node:events';
import { findDeviceModel, type Device, type Endpoint, type Link, type Topology } from '../../model/index.js';
import { LabDevice, type LabDeviceEvents } from './device.js';
import { LAB_BAD_VALUE, LAB_UNKNOWN_DEVICE, LAB_UNKNOWN_LINK, LabStateError } from './errors.js';
import { formatMac } from './identity.js';
import { SPEED_BPS, classifyInterface, nameKey } from './interfaces.js';
import { baselineConfig, configFromTopology } from './oper-config.js';
import { TrafficMeter } from './traffic.js';
import type { LabClock, LldpNeighbor, VrrpStatus } from './types.js';
import { VrrpEngine } from './vrrp.js';

export interface LabNetworkOptions {
  /** Milliseconds; defaults to Date.now. */
  clock?: LabClock;
  /**
   * 'topology' (default): every device runs (and has saved) what the topology implies: port
   * shutdown/description/VLANs, LAGs, SVIs, loopback, VRRP, sysname — as if booted from its
   * rendered configuration. 'baseline': unconfigured boxes (default sysname, no VRRP, no SVIs).
   */
  config?: 'topology' | 'baseline';
}

export type LinkRef = string | Endpoint | LabLink;

/** One cable. `up` is the cable's own state (setLinkState); oper status also needs both ends up. */
export class LabLink {
  readonly id: string;
  readonly a: Readonly<Endpoint>;
  readonly b: Readonly<Endpoint>;
  /** Link speed from the topology (bit/s), if given. */
  readonly speedBps?: number;
  readonly description?: string;
  /** @internal */ upState = true;
  /** @internal */ readonly meter: TrafficMeter;
  /** @internal Clock ms since which both ends are up (LLDP neighbours), undefined when not. */
  activeSince?: number;

  /** @internal */
  constructor(link: Link, now: number) {
    this.id = linkId(link);
    this.a = { ...link.a };
    this.b = { ...link.b };
    if (link.speed) this.speedBps = SPEED_BPS[link.speed];
    if (link.description !== undefined) this.description = link.description;
    this.meter = new TrafficMeter(now);
  }

  get up(): boolean {
    return this.upState;
  }

  /** Whether both ends are operationally up (traffic flows, LLDP sees the neighbour). */
  get active(): boolean {
    return this.meter.isActive();
  }

  /** Offered traffic in bit/s, a→b and b→a. */
  get traffic(): { aToB: number; bToA: number } {
    return this.meter.rates();
  }
}

export function linkId(link: { a: Endpoint; b: Endpoint }): string {
  return `${link.a.device}:${link.a.port}--${link.b.device}:${link.b.port}`;
}

export interface LabNetworkEvents extends LabDeviceEvents {
  link: [{ link: string; up: boolean; atMs: number }];
}

interface FarEnd {
  device: LabDevice;
  port: string;
  linkUp: boolean;
  speedBps?: number;
}

export class LabNetwork extends EventEmitter<LabNetworkEvents> {
  readonly topology: Topology;
  readonly clock: LabClock;
  readonly devices = new Map<string, LabDevice>();
  readonly links = new Map<string, LabLink>();
  private readonly portLinks = new Map<string, { link: LabLink; side: 'a' | 'b' }>();
  private readonly neighbours = new Map<string, Set<string>>();
  /** The links cabled to each device (cabling is fixed once the network is built). */
  private readonly deviceLinks = new Map<string, LabLink[]>();
  private readonly vrrp: VrrpEngine;
  private booting = true;
  /** Devices holding a change their writer has not published yet (see LabDevice.holdChange). */
  private readonly held = new Set<LabDevice>();
  /** Depth of mutate(): state read inside a recomputation is the published state, as it stands. */
  private mutating = 0;

  constructor(topology: Topology, options: LabNetworkOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.topology = topology;
    this.clock = options.clock ?? Date.now;
    const now = this.clock();
    const mode = options.config ?? 'topology';
    this.vrrp = new VrrpEngine(() => this.devices.values(), (device, entry, from, to, atMs) => {
      device.emit('vrrp', { device: device.name, interface: entry.interface, vrid: entry.vrid, from, to, atMs });
    });

    const linksByDevice = new Map<string, { port: string; speed?: string }[]>();
    for (const l of topology.links ?? []) {
      for (const e of [l.a, l.b]) {
        const list = linksByDevice.get(e.device) ?? [];
        list.push({ port: e.port, ...(l.speed ? { speed: l.speed } : {}) });
        linksByDevice.set(e.device, list);
      }
    }
    for (const d of topology.devices) {
      const cfg = mode === 'topology' ? configFromTopology(topology, d) : baselineConfig(d.platform);
      const device = new LabDevice(this, d, physicalInventory(d, linksByDevice.get(d.name) ?? []), cfg, now);
      this.devices.set(d.name, device);
      this.forwardEvents(device);
    }
    for (const l of topology.links ?? []) {
      if (!this.devices.has(l.a.device) || !this.devices.has(l.b.device)) continue;
      const link = new LabLink(l, now);
      const aDev = this.devices.get(l.a.device)!;
      const bDev = this.devices.get(l.b.device)!;
      const aPort = aDev.interface(l.a.port)?.name ?? l.a.port;
      const bPort = bDev.interface(l.b.port)?.name ?? l.b.port;
      (link.a as Endpoint).port = aPort;
      (link.b as Endpoint).port = bPort;
      this.links.set(link.id, link);
      this.portLinks.set(portKey(l.a.device, aPort), { link, side: 'a' });
      this.portLinks.set(portKey(l.b.device, bPort), { link, side: 'b' });
      this.neighbourSet(l.a.device).add(l.b.device);
      this.neighbourSet(l.b.device).add(l.a.device);
    }
    this.refresh(this.devices.keys(), now);
    this.booting = false;
  }

  // ------------------------------------------------------------------------------ lookups

  device(name: string): LabDevice {
    const d = this.devices.get(name);
    if (!d) throw new LabStateError(LAB_UNKNOWN_DEVICE, `no device '${name}' in the lab`);
    return d;
  }

  /** A link by id, by either endpoint ({device, port}: any accepted spelling of the port), or itself. */
  link(ref: LinkRef): LabLink {
    this.settle();
    if (ref instanceof LabLink) return ref;
    if (typeof ref === 'string') {
      const l = this.links.get(ref);
      if (!l) throw new LabStateError(LAB_UNKNOWN_LINK, `no link '${ref}'`);
      return l;
    }
    const device = this.device(ref.device);
    const port = device.interface(ref.port)?.name ?? ref.port;
    const pl = this.portLinks.get(portKey(ref.device, port));
    if (!pl) throw new LabStateError(LAB_UNKNOWN_LINK, `no link on ${ref.device} ${ref.port}`);
    return pl.link;
  }

  /** The link on a port, if cabled. */
  linkAt(device: string, port: string): LabLink | undefined {
    this.settle();
    const d = this.devices.get(device);
    const name = d?.interface(port)?.name ?? port;
    return this.portLinks.get(portKey(device, name))?.link;
  }

  // ------------------------------------------------------------------------------ changes

  /** Take a cable down or up: both ends go oper down/up. */
  setLinkState(ref: LinkRef, up: boolean): void {
    const link = this.link(ref);
    if (link.upState === up) return;
    this.mutate([link.a.device, link.b.device], (now) => {
      link.upState = up;
      this.emit('link', { link: link.id, up, atMs: now });
    });
  }

  /**
   * Power a device off (every interface down, so its links' far ends go oper down) or on again.
   * Coming back up is a boot: running := saved, uptime and counters restart.
   */
  setDeviceState(name: string, up: boolean): void {
    const device = this.device(name);
    if (device.up === up) return;
    this.mutate([name], (now) => {
      device.setDown(!up);
      if (up) device.boot(now);
    });
    if (up) device.emit('reboot', { device: name, atMs: this.clock() });
  }

  /** Reboot: the device goes down and comes back at once, from its saved configuration (unsaved changes are lost, links flap). */
  reboot(name: string): void {
    const device = this.device(name);
    if (!device.up) {
      this.setDeviceState(name, true);
      return;
    }
    this.mutate([name], () => device.setDown(true));
    this.mutate([name], (now) => {
      device.setDown(false);
      device.boot(now);
    });
    device.emit('reboot', { device: name, atMs: this.clock() });
  }

  /**
   * Offered load on a link in bit/s (a number: the same both ways; or per direction, a→b as the
   * link is written). A ref naming a LAG interface ({device, port: 'Eth-Trunk1'}) spreads the load
   * evenly over its member links, direction taken from that device's side.
   */
  setTraffic(ref: LinkRef, bps: number | { aToB: number; bToA: number } | { out: number; in: number }): void {
    this.settle();
    const spread = this.lagLinks(ref);
    if (spread) {
      const { device, links } = spread;
      const r = typeof bps === 'number' ? { out: bps, in: bps } : 'out' in bps ? bps : { out: bps.aToB, in: bps.bToA };
      for (const link of links) {
        const mine = link.a.device === device ? 'a' : 'b';
        const out = r.out / links.length;
        const inn = r.in / links.length;
        this.setLinkRates(link, mine === 'a' ? out : inn, mine === 'a' ? inn : out);
      }
      return;
    }
    const link = this.link(ref);
    if (typeof bps === 'number') return this.setLinkRates(link, bps, bps);
    if ('aToB' in bps) return this.setLinkRates(link, bps.aToB, bps.bToA);
    // {out, in} relative to the device named in the ref
    const fromA = typeof ref === 'object' && !(ref instanceof LabLink) && ref.device === link.a.device;
    this.setLinkRates(link, fromA ? bps.out : bps.in, fromA ? bps.in : bps.out);
  }

  private setLinkRates(link: LabLink, aToB: number, bToA: number): void {
    if (!(aToB >= 0) || !(bToA >= 0)) throw new LabStateError(LAB_BAD_VALUE, `traffic must be ≥ 0 bit/s`);
    link.meter.setRate(this.clock(), aToB, bToA);
  }

  private lagLinks(ref: LinkRef): { device: string; links: LabLink[] } | undefined {
    if (typeof ref !== 'object' || ref instanceof LabLink) return undefined;
    const device = this.device(ref.device);
    const intf = device.interface(ref.port);
    if (!intf || intf.kind !== 'lag') return undefined;
    const links = device.lagMembers(intf.name).map((m) => this.linkAt(device.name, m)).filter((l): l is LabLink => !!l);
    if (links.length === 0) throw new LabStateError(LAB_UNKNOWN_LINK, `${ref.device} ${intf.name} has no cabled member`);
    return { device: device.name, links };
  }

  // ------------------------------------------------------------------------------ views

  /** VRRP groups of a device, with this device's state in each. */
  vrrpGroups(device: string | LabDevice): VrrpStatus[] {
    this.settle();
    const d = typeof device === 'string' ? this.device(device) : device;
    return this.vrrp.statusOf(d, this.clock());
  }

  /** LLDP neighbours of a device: one per cabled port whose link is up at both ends. */
  lldpNeighbors(device: string | LabDevice): LldpNeighbor[] {
    const d = typeof device === 'string' ? this.device(device) : device;
    this.settle([d.name], true);
    if (!d.up) return [];
    const out: LldpNeighbor[] = [];
    d.physicalPorts().forEach((port, i) => {
      const pl = this.portLinks.get(portKey(d.name, port));
      if (!pl || !pl.link.active || pl.link.activeSince === undefined) return;
      const farEnd = pl.side === 'a' ? pl.link.b : pl.link.a;
      const far = this.devices.get(farEnd.device)!;
      const farIntf = far.interface(farEnd.port)!;
      out.push({
        localPort: port,
        localIfIndex: d.interface(port)!.ifIndex,
        localPortNum: i + 1,
        neighborDevice: far.name,
        neighborSysName: far.sysName,
        neighborSysDesc: far.sysDescr,
        neighborPort: farIntf.name,
        portId: farIntf.ifName,
        portDescription: far.interfaceConfig(farIntf.name).description,
        chassisId: formatMac(far.baseMac),
        chassisMac: far.baseMac,
        managementAddress: far.managementAddress,
        sinceMs: Math.max(pl.link.activeSince, d.bootTimeMs),
        ttlS: far.vendor === 'ruijie' ? 121 : 120,
        capabilities: far.layer === 'access' ? ['bridge'] : far.layer === 'firewall' || far.layer === 'router' ? ['router'] : ['bridge', 'router'],
      });
    });
    return out;
  }

  // ------------------------------------------------------------------------------ internals (device and SNMP use these)

  /** @internal The other end of a cabled port. */
  farEnd(device: LabDevice, port: string): FarEnd | undefined {
    const pl = this.portLinks.get(portKey(device.name, port));
    if (!pl) return undefined;
    const e = pl.side === 'a' ? pl.link.b : pl.link.a;
    return {
      device: this.devices.get(e.device)!,
      port: e.port,
      linkUp: pl.link.upState,
      ...(pl.link.speedBps !== undefined ? { speedBps: pl.link.speedBps } : {}),
    };
  }

  /** @internal Raw octets a port has received and sent over its link's life. */
  rawOctets(device: LabDevice, port: string, now: number): { in: bigint; out: bigint } | undefined {
    const pl = this.portLinks.get(portKey(device.name, port));
    if (!pl) return undefined;
    const out = pl.link.meter.octets(now, pl.side === 'a' ? 0 : 1);
    const inn = pl.link.meter.octets(now, pl.side === 'a' ? 1 : 0);
    return { in: inn, out };
  }

  /** @internal A device's VRRP config or interface set changed. */
  vrrpConfigChanged(device?: LabDevice): void {
    this.vrrp.invalidate(device);
  }

  /**
   * @internal Apply a change to some devices: bank traffic at `now` first, then recompute oper
   * status of those devices and their neighbours, link activity and the VRRP groups involved.
   */
  mutate<T>(devices: Iterable<string>, fn: (now: number) => T): T {
    const names = [...devices];
    this.settle(names); // a change held for these devices came first: it goes first
    const now = this.clock();
    const affected = new Set<string>();
    for (const d of names) {
      affected.add(d);
      for (const n of this.neighbours.get(d) ?? []) affected.add(n);
    }
    if (!this.booting) for (const link of this.linksOf(affected)) link.meter.settle(now);
    this.mutating++;
    try {
      const result = fn(now);
      if (!this.booting) this.refresh(affected, now);
      return result;
    } finally {
      this.mutating--;
    }
  }

  /**
   * Publish held changes (a CLI session's edits not yet committed) so that what is read next is
   * the state as the configurations now stand: of every device, or of `devices` (and, with
   * `neighbours`, of the devices cabled to them, whose admin state their oper state follows).
   * Cheap when nothing is held; a no-op inside a recomputation (which works on the published state).
   */
  settle(devices?: Iterable<string>, neighbours = false): void {
    if (this.held.size === 0 || this.mutating > 0) return;
    if (!devices) {
      for (const d of [...this.held]) d.publishHeld();
      return;
    }
    for (const name of devices) {
      this.publishIfHeld(name);
      if (neighbours) for (const n of this.neighbours.get(name) ?? []) this.publishIfHeld(n);
    }
  }

  private publishIfHeld(name: string): void {
    const d = this.devices.get(name);
    if (d && this.held.has(d)) d.publishHeld();
  }

  /** @internal A device holds (true) or no longer holds (false) an unpublished change. */
  noteHeld(device: LabDevice, held: boolean): void {
    if (held) this.held.add(device);
    else this.held.delete(device);
  }

  private refresh(devices: Iterable<string>, now: number): void {
    const names = [...devices];
    for (const name of names) {
      const d = this.devices.get(name);
      if (!d) continue;
      const next = d.computeOper();
      for (const [ifName, e] of next) {
        const prev = d.operCache.get(ifName);
        if (prev && prev.up !== e.up) {
          d.lastChange.set(ifName, now);
          d.emit('oper', { device: d.name, interface: ifName, ifIndex: d.interface(ifName)!.ifIndex, up: e.up, atMs: now });
        } else if (!prev && !d.lastChange.has(ifName)) {
          d.lastChange.set(ifName, now);
        }
      }
      d.operCache = next;
    }
    for (const link of this.linksOf(names)) {
      const a = this.devices.get(link.a.device)!;
      const b = this.devices.get(link.b.device)!;
      const active = (a.operCache.get(link.a.port)?.up ?? false) && (b.operCache.get(link.b.port)?.up ?? false);
      if (active && link.activeSince === undefined) link.activeSince = now;
      if (!active) link.activeSince = undefined;
      link.meter.setActive(now, active);
    }
    this.vrrp.evaluate(now, this.booting ? undefined : this.vrrp.groupsOf(names));
  }

  private linksOf(devices: Iterable<string>): Set<LabLink> {
    const out = new Set<LabLink>();
    for (const d of devices) for (const link of this.linksAt(d)) out.add(link);
    return out;
  }

  /** The links cabled to a device's physical ports (computed once: the cabling never changes). */
  private linksAt(name: string): readonly LabLink[] {
    let list = this.deviceLinks.get(name);
    if (list) return list;
    list = [];
    const dev = this.devices.get(name);
    for (const p of dev?.physicalPorts() ?? []) {
      const pl = this.portLinks.get(portKey(name, p));
      if (pl) list.push(pl.link);
    }
    if (dev) this.deviceLinks.set(name, list);
    return list;
  }

  private neighbourSet(name: string): Set<string> {
    let s = this.neighbours.get(name);
    if (!s) this.neighbours.set(name, (s = new Set()));
    return s;
  }

  private forwardEvents(device: LabDevice): void {
    for (const ev of ['change', 'oper', 'vrrp', 'snmp-set', 'reboot', 'faults'] as const) {
      device.on(ev, (...args: unknown[]) => (this.emit as (e: string, ...a: unknown[]) => boolean)(ev, ...args));
    }
  }
}

function portKey(device: string, port: string): string {
  return `${device}\u0000${port}`;
}

/**
 * Physical ports of a device: the catalogue's inventory, then extraPorts, then any port the
 * topology names (ports, LAG members, links) that neither lists, so a lab never lacks a cabled port.
 */
function physicalInventory(device: Device, linked: { port: string; speed?: string }[]): { name: string; bps: number }[] {
  const out: { name: string; bps: number }[] = [];
  const seen = new Set<string>();
  const add = (name: string, bps: number) => {
    const k = nameKey(name);
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ name, bps });
  };
  for (const p of findDeviceModel(device.model)?.ports ?? []) add(p.name, SPEED_BPS[p.speed]);
  for (const p of device.extraPorts ?? []) add(p.name, SPEED_BPS[p.speed]);
  const physical = (n: string) => classifyInterface(n).kind === 'physical';
  for (const p of device.ports ?? []) if (physical(p.name)) add(p.name, p.speed ? SPEED_BPS[p.speed] : 1e9);
  for (const lag of device.lags ?? []) for (const m of lag.members) if (physical(m)) add(m, 1e9);
  for (const l of linked) if (physical(l.port)) add(l.port, l.speed ? SPEED_BPS[l.speed as keyof typeof SPEED_BPS] : 1e9);
  return out;
}

/** Build the lab's state for a topology. */
export function createLabNetwork(topology: Topology, options: LabNetworkOptions = {}): LabNetwork {
  return new LabNetwork(topology, options);
}
