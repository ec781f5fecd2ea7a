/**
 * The state a change implies, checked through the drivers' getters (vendor-neutral shapes):
 *  - per device, after its read-back: each intended VRRP group is configured on it with its
 *    virtual address and is master or backup (not initialising) when it was before; each LAG
 *    member that was up (selected) before the change is up again;
 *  - across devices, once every device is applied: each VRRP group with a member in the change
 *    has exactly one master, the member with the highest running priority (the intended priority
 *    less its tracked failures, as the device reports it): mastership follows the intent. A
 *    preemption takes its delay: the check polls until the group settles or the delay (plus a
 *    margin) runs out.
 */
import type { DeviceDriver, LagInfo, VrrpInfo } from '../drivers/index.js';
import type { Topology } from '../model/index.js';
import type { DeviceChecks, LagCheck, VrrpCheck } from './types.js';

const norm = (n: string): string => n.replace(/\s+/g, '').toLowerCase();
const UP = new Set(['selected', 'up']);

/** What a device's part of the topology implies: its VRRP groups and LAGs. */
export function checksFor(topology: Topology, deviceName: string): DeviceChecks {
  const device = topology.devices.find((d) => d.name === deviceName);
  const vrrp: VrrpCheck[] = (topology.vrrp ?? [])
    .filter((g) => g.members.some((m) => m.device === deviceName))
    .map((g) => ({
      name: g.name, vrid: g.vrid, vlan: g.members.find((m) => m.device === deviceName)!.vlan, virtualIp: g.virtualIp,
      preemptDelayS: g.preemptDelay ?? 0, members: g.members.map((m) => ({ device: m.device, priority: m.priority })),
    }));
  const lags: LagCheck[] = (device?.lags ?? []).map((l) => ({ id: l.id, members: [...l.members] }));
  return { vrrp, lags };
}

export function hasChecks(c: DeviceChecks): boolean {
  return c.vrrp.length > 0 || c.lags.length > 0;
}

/** The getter state the checks compare (read before and after a change). */
export interface DeviceState {
  vrrp: VrrpInfo[];
  lags: LagInfo[];
}

export async function readState(driver: DeviceDriver, checks: DeviceChecks): Promise<DeviceState> {
  const vrrp = checks.vrrp.length ? await driver.getVrrp() : [];
  const lags = checks.lags.length ? await driver.getLags() : [];
  return { vrrp, lags };
}

function groupOn(state: DeviceState, g: VrrpCheck): VrrpInfo | undefined {
  return state.vrrp.find((v) => v.group === g.vrid && v.virtualIp === g.virtualIp);
}

/** Problems with a device's state after the change, compared with before; empty when it holds. */
export function deviceProblems(device: string, checks: DeviceChecks, before: DeviceState | undefined, after: DeviceState): string[] {
  const problems: string[] = [];
  for (const g of checks.vrrp) {
    const now = groupOn(after, g);
    if (!now) { problems.push(`${device}: VRRP group ${g.name} (vrid ${g.vrid}, ${g.virtualIp}) is not configured`); continue; }
    const was = before ? groupOn(before, g) : undefined;
    if (was && (was.state === 'master' || was.state === 'backup') && !(now.state === 'master' || now.state === 'backup')) {
      problems.push(`${device}: VRRP group ${g.name} was ${was.state} and is now ${now.state}`);
    }
  }
  for (const l of checks.lags) {
    const now = after.lags.find((x) => x.id === l.id);
    if (!now) { problems.push(`${device}: LAG ${l.id} is not configured`); continue; }
    const was = before?.lags.find((x) => x.id === l.id);
    for (const m of was?.members ?? []) {
      if (!UP.has(m.status)) continue;
      const cur = now.members.find((x) => norm(x.port) === norm(m.port));
      if (!cur || !UP.has(cur.status)) problems.push(`${device}: LAG ${l.id} member ${m.port} was ${m.status} and is now ${cur?.status ?? 'gone'}`);
    }
  }
  return problems;
}

export interface GroupReading {
  device: string;
  info: VrrpInfo | undefined;
}

/**
 * Whether a VRRP group's mastership is as intended: exactly one master, with the highest running
 * priority of the members read (a tie at the top is accepted: the address decides). Returns the
 * problem, or undefined.
 */
export function mastershipProblem(g: VrrpCheck, readings: readonly GroupReading[]): string | undefined {
  const live = readings.filter((r) => r.info && (r.info.state === 'master' || r.info.state === 'backup'));
  if (live.length === 0) return `VRRP group ${g.name}: no member is master or backup`;
  const masters = live.filter((r) => r.info!.state === 'master');
  if (masters.length !== 1) return `VRRP group ${g.name}: ${masters.length} masters (${masters.map((m) => m.device).join(', ') || 'none'})`;
  const top = Math.max(...live.map((r) => r.info!.priority));
  const master = masters[0]!;
  if (master.info!.priority < top) {
    const should = live.filter((r) => r.info!.priority === top).map((r) => r.device);
    return `VRRP group ${g.name}: ${master.device} is master with priority ${master.info!.priority}, ${should.join(' or ')} has ${top}`;
  }
  return undefined;
}

/** The master a group's readings show, if exactly one. */
export function masterOf(readings: readonly GroupReading[]): string | undefined {
  const m = readings.filter((r) => r.info?.state === 'master');
  return m.length === 1 ? m[0]!.device : undefined;
}

export { groupOn };
