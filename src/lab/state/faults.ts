/**
 * Fault injection per device. The state only stores them; each simulator honours its own:
 * the SNMP agent `snmpSilent`, `snmpLatencyMs` and `down`; the SSH server and CLI the rest.
 */
import type { DeviceFaults } from './types.js';

export const FAULT_KEYS = [
  'latencyMs', 'snmpLatencyMs', 'dropAfterCommands', 'rejectCommands', 'dropOnCommands', 'refuseAuth', 'altHostKey', 'snmpSilent', 'down',
] as const satisfies readonly (keyof DeviceFaults)[];

/** Merge a partial update; a key set to undefined is removed. */
export function mergeFaults(current: DeviceFaults, update: Partial<DeviceFaults>): DeviceFaults {
  const out: DeviceFaults = { ...current };
  for (const key of FAULT_KEYS) {
    if (!(key in update)) continue;
    const v = update[key];
    if (v === undefined || v === false) delete out[key];
    else (out as Record<string, unknown>)[key] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}

/** Whether a command is listed in `rejectCommands` (exact match after collapsing blanks, case-insensitive). */
export function isRejectedCommand(faults: DeviceFaults, command: string): boolean {
  return listed(faults.rejectCommands, command);
}

/** Whether the connection drops after this command (`dropOnCommands`, matched as rejectCommands). */
export function isDropCommand(faults: DeviceFaults, command: string): boolean {
  return listed(faults.dropOnCommands, command);
}

function listed(list: readonly string[] | undefined, command: string): boolean {
  if (!list?.length) return false;
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const c = norm(command);
  return list.some((r) => norm(r) === c);
}
