/**
 * What every intent rule receives: the topology (elements that broke the schema removed) and
 * indexes built once, so that each rule stays a small pure function.
 */
import type { Device, Topology } from '../model/index.js';

export interface IndexedDevice {
  device: Device;
  /** Position in topology.devices (for JSON pointers). */
  index: number;
}

export interface RuleContext {
  topology: Topology;
  /** Devices by name (the first one when a name is declared twice). */
  devices: Map<string, IndexedDevice>;
  /**
   * Names (or ids) of elements dropped because they broke the schema, by section. A reference to
   * one of them is not reported again as dangling: the schema finding already says what is wrong.
   * Besides the list sections, `vlanIds` holds the ids of broken VLANs and `securityZones` the
   * security-zone names found on broken devices.
   */
  brokenNames: Map<string, Set<string>>;
  /**
   * True when some file of the network could not be read or parsed: what it declares is missing,
   * so a reference that resolves nowhere may be resolved by that file (reported as a warning).
   */
  incomplete: boolean;
}

export function buildContext(
  topology: Topology, brokenNames = new Map<string, Set<string>>(), options: { incomplete?: boolean } = {},
): RuleContext {
  const devices = new Map<string, IndexedDevice>();
  items(topology?.devices).forEach(([device, index]) => {
    if (typeof device === 'object' && typeof device.name === 'string' && !devices.has(device.name)) {
      devices.set(device.name, { device, index });
    }
  });
  return { topology, devices, brokenNames, incomplete: options.incomplete ?? false };
}

/** True when `name` in `section` was dropped for a schema error (so a reference to it is not news). */
export function isBroken(ctx: RuleContext, section: string, name: unknown): boolean {
  return (typeof name === 'string' || typeof name === 'number') && (ctx.brokenNames.get(section)?.has(String(name)) ?? false);
}

/** The elements of a list with their positions, skipping holes left by dropped (broken) elements. */
export function items<T>(list: readonly (T | undefined | null)[] | undefined): Array<[T, number]> {
  const out: Array<[T, number]> = [];
  if (!Array.isArray(list)) return out;
  list.forEach((item, i) => { if (item !== undefined && item !== null) out.push([item, i]); });
  return out;
}
