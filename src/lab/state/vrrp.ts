/**
 * VRRP election across devices. Members of one group are the VRRP entries, on any device of any
 * vendor, with the same VLAN and VRID. Rules (RFC 3768 with the vendors' preemption delay):
 *
 *  - A member can be master only if its device is up and its interface is up with an address.
 *  - Running priority = 255 for the address owner, else configured priority − Σ reduce of its
 *    tracked interfaces that are down (at least 1).
 *  - When there is no live master, the best eligible member becomes master at once (the
 *    Master_Down_Interval of ~3 s is not modelled).
 *  - A live master is replaced only by preemption: a member with a higher running priority (ties:
 *    higher primary address) and preempt on takes over after its preemptDelayS has passed with the
 *    condition holding continuously. The address owner always preempts.
 *
 * Time only moves through the injected clock: pending preemptions are settled whenever the state
 * is read or changed, at the time they were due.
 */
import type { LabDevice } from './device.js';
import type { VrrpConfig, VrrpState, VrrpStatus } from './types.js';

interface Member {
  device: LabDevice;
  entry: VrrpConfig;
}

interface Candidate extends Member {
  priority: number;
  ipNum: number;
}

interface GroupRuntime {
  key: string;
  master?: string;
  pending?: { device: string; since: number; due: number };
  states: Map<string, { state: VrrpState; since: number }>;
}

export function groupKey(vlan: number, vrid: number): string {
  return `${vlan}/${vrid}`;
}

function ipToNum(ip: string): number {
  const p = ip.split('.').map(Number);
  return p.length === 4 ? ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]! : 0;
}

/** The interface's primary address without prefix, or undefined. */
export function primaryAddress(device: LabDevice, ifName: string): string | undefined {
  const i = device.interface(ifName);
  if (!i) return undefined;
  const a = device.interfaceConfig(i.name).addresses[0];
  return a ? a.split('/')[0] : undefined;
}

export function trackedDown(device: LabDevice, entry: VrrpConfig): string[] {
  const out: string[] = [];
  for (const t of entry.track) {
    const i = device.interface(t.interface);
    if (!i || !device.operUp(i.name)) out.push(i?.name ?? t.interface);
  }
  return out;
}

export function runningPriority(device: LabDevice, entry: VrrpConfig): number {
  const i = device.interface(entry.interface);
  if (i) {
    const own = device.interfaceConfig(i.name).addresses.map((a) => a.split('/')[0]);
    if (entry.virtualIps.some((v) => own.includes(v))) return 255;
  }
  let p = entry.priority;
  const down = new Set(trackedDown(device, entry));
  for (const t of entry.track) {
    const name = device.interface(t.interface)?.name ?? t.interface;
    if (down.has(name)) p -= t.reduce;
  }
  return Math.max(1, Math.min(254, p));
}

function eligible(m: Member): boolean {
  if (!m.device.up) return false;
  const i = m.device.interface(m.entry.interface);
  return !!i && m.device.operUp(i.name) && primaryAddress(m.device, i.name) !== undefined;
}

function better(a: Candidate, b: Candidate): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.ipNum > b.ipNum);
}

export class VrrpEngine {
  private readonly groups = new Map<string, GroupRuntime>();
  private members = new Map<string, Member[]>();
  private byDevice = new Map<string, Set<string>>();
  private dirty = true;
  /** Devices whose VRRP configuration changed since the last index (used when `dirty` is false). */
  private readonly stale = new Set<LabDevice>();

  constructor(
    private readonly devices: () => Iterable<LabDevice>,
    private readonly onChange: (device: LabDevice, entry: VrrpConfig, from: VrrpState, to: VrrpState, at: number) => void,
  ) {}

  /**
   * Some device's VRRP configuration (or interfaces) changed: rebuild the membership index. With
   * `device`, only that device's part is revisited (a full rebuild when its groups changed).
   */
  invalidate(device?: LabDevice): void {
    if (device && !this.dirty) this.stale.add(device);
    else this.dirty = true;
  }

  /** Refresh the members of stale devices in place; false when a full rebuild is needed (their set of groups changed). */
  private patch(): boolean {
    for (const device of this.stale) {
      const keys = device.vrrpConfig.map((e) => groupKey(e.vlan, e.vrid));
      const had = this.byDevice.get(device.name);
      const counts = new Map<string, number>();
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      if ((had?.size ?? 0) !== counts.size || [...counts.keys()].some((k) => !had!.has(k))) return false;
      for (const [k, n] of counts) {
        const mine = this.members.get(k)!.filter((m) => m.device === device);
        if (mine.length !== n) return false;
      }
      // Same groups, same number of entries in each: swap in the current entry objects, keeping member order.
      const next = new Map<string, VrrpConfig[]>();
      for (const e of device.vrrpConfig) {
        const k = groupKey(e.vlan, e.vrid);
        let l = next.get(k);
        if (!l) next.set(k, (l = []));
        l.push(e);
      }
      for (const [k, entries] of next) {
        let i = 0;
        for (const m of this.members.get(k)!) if (m.device === device) m.entry = entries[i++]!;
      }
    }
    this.stale.clear();
    return true;
  }

  private index(): void {
    if (!this.dirty) {
      if (this.stale.size === 0 || this.patch()) return;
    }
    this.stale.clear();
    this.dirty = false;
    const members = new Map<string, Member[]>();
    const byDevice = new Map<string, Set<string>>();
    for (const device of this.devices()) {
      for (const entry of device.vrrpConfig) {
        const key = groupKey(entry.vlan, entry.vrid);
        let list = members.get(key);
        if (!list) members.set(key, (list = []));
        list.push({ device, entry });
        let keys = byDevice.get(device.name);
        if (!keys) byDevice.set(device.name, (keys = new Set()));
        keys.add(key);
      }
    }
    this.members = members;
    this.byDevice = byDevice;
    for (const key of [...this.groups.keys()]) if (!members.has(key)) this.groups.delete(key);
  }

  /** Groups any of these devices belongs to. */
  groupsOf(devices: Iterable<string>): Set<string> {
    this.index();
    const out = new Set<string>();
    for (const d of devices) for (const k of this.byDevice.get(d) ?? []) out.add(k);
    return out;
  }

  /** Settle the given groups (all when omitted) at time `now`. */
  evaluate(now: number, keys?: Iterable<string>): void {
    this.index();
    for (const key of keys ?? this.members.keys()) this.evaluateGroup(key, now);
  }

  private evaluateGroup(key: string, now: number): void {
    const members = this.members.get(key);
    if (!members) return;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { key, states: new Map() }));
    const candidates: Candidate[] = members.filter(eligible).map((m) => ({
      ...m,
      priority: runningPriority(m.device, m.entry),
      ipNum: ipToNum(primaryAddress(m.device, m.entry.interface) ?? '0.0.0.0'),
    }));
    const best = (list: Candidate[]) => list.reduce<Candidate | undefined>((acc, c) => (!acc || better(c, acc) ? c : acc), undefined);
    let master = candidates.find((c) => c.device.name === g.master);
    let switchedAt = now;
    if (!master) {
      master = best(candidates);
      g.master = master?.device.name;
      g.pending = undefined;
    } else {
      const challenger = best(candidates.filter((c) => c !== master));
      if (challenger && better(challenger, master) && (challenger.entry.preempt || challenger.priority === 255)) {
        const delayMs = challenger.priority === 255 ? 0 : Math.max(0, challenger.entry.preemptDelayS) * 1000;
        if (!g.pending || g.pending.device !== challenger.device.name) {
          g.pending = { device: challenger.device.name, since: now, due: now + delayMs };
        }
        if (now >= g.pending.due) {
          switchedAt = g.pending.due;
          master = challenger;
          g.master = challenger.device.name;
          g.pending = undefined;
        }
      } else {
        g.pending = undefined;
      }
    }
    for (const m of members) {
      const state: VrrpState = !eligible(m) ? 'Initialize' : m.device.name === g.master ? 'Master' : 'Backup';
      const prev = g.states.get(m.device.name);
      if (!prev) {
        g.states.set(m.device.name, { state, since: now });
      } else if (prev.state !== state) {
        const at = state === 'Master' || prev.state === 'Master' ? switchedAt : now;
        g.states.set(m.device.name, { state, since: at });
        this.onChange(m.device, m.entry, prev.state, state, at);
      }
    }
  }

  /** The groups of one device, settled at `now`. */
  statusOf(device: LabDevice, now: number): VrrpStatus[] {
    const keys = this.groupsOf([device.name]);
    this.evaluate(now, keys);
    const out: VrrpStatus[] = [];
    for (const entry of device.vrrpConfig) {
      const key = groupKey(entry.vlan, entry.vrid);
      const g = this.groups.get(key);
      const members = this.members.get(key) ?? [];
      const masterMember = members.find((m) => m.device.name === g?.master);
      const st = g?.states.get(device.name);
      const intf = device.interface(entry.interface);
      const state: VrrpState = device.up ? st?.state ?? 'Initialize' : 'Initialize';
      const primaryIp = primaryAddress(device, entry.interface) ?? '0.0.0.0';
      const masterIp = state === 'Initialize' || !masterMember ? '0.0.0.0' : primaryAddress(masterMember.device, masterMember.entry.interface) ?? '0.0.0.0';
      out.push({
        interface: intf?.name ?? entry.interface,
        ifIndex: intf?.ifIndex ?? 0,
        vlan: entry.vlan,
        vrid: entry.vrid,
        virtualIps: [...entry.virtualIps],
        state,
        configuredPriority: entry.priority,
        runningPriority: runningPriority(device, entry),
        preempt: entry.preempt,
        preemptDelayS: entry.preemptDelayS,
        advertiseIntervalS: entry.advertiseIntervalS,
        primaryIp,
        masterIp,
        ...(masterMember && state !== 'Initialize'
          ? { masterDevice: masterMember.device.name, masterPriority: runningPriority(masterMember.device, masterMember.entry) }
          : {}),
        trackedDown: trackedDown(device, entry),
        virtualMac: `00:00:5e:00:01:${entry.vrid.toString(16).padStart(2, '0')}`,
        lastChangeMs: st?.since ?? device.bootTimeMs,
        ...(g?.pending ? { preemptAtMs: g.pending.due } : {}),
      });
    }
    return out;
  }
}
