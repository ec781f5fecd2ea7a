/**
 * `show version` (RGOS 10 and 11). reference/ruijie-rgos.md §3.6; captures: cli-captures
 * rpqin123-ntc-templates ruijie_os/show_version (2).
 */
import { fail, nonBlank, prepare, requireOutput } from '../../common/text.js';
import type { Facts } from '../../types.js';

/**
 * ntc-templates rows: the first row carries the system fields, then one row per module slot
 * carrying the slot fields ('' elsewhere).
 */
export interface ShowVersionRow {
  model: string;
  start_time: string;
  uptime: string;
  hard_version: string;
  soft_version: string;
  patch: string;
  serial_number: string;
  slot_number: string;
  slot_name: string;
  slot_hard_version: string;
  /** The slot's full software version (ntc-templates keeps only its first word). */
  slot_soft_version: string;
  slot_serial_number: string;
}

function emptyRow(): ShowVersionRow {
  return {
    model: '', start_time: '', uptime: '', hard_version: '', soft_version: '', patch: '', serial_number: '',
    slot_number: '', slot_name: '', slot_hard_version: '', slot_soft_version: '', slot_serial_number: '',
  };
}

const SYSTEM_KEYS: Record<string, keyof ShowVersionRow> = {
  'system start time': 'start_time', 'system uptime': 'uptime', 'system hardware version': 'hard_version',
  'system software version': 'soft_version', 'system patch number': 'patch', 'system serial number': 'serial_number',
};
const SLOT_KEYS: Record<string, keyof ShowVersionRow> = {
  'hardware version': 'slot_hard_version', 'system hardware version': 'slot_hard_version',
  'software version': 'slot_soft_version', 'system software version': 'slot_soft_version',
  'serial number': 'slot_serial_number', 'system serial number': 'slot_serial_number',
};

/** `...Switch(S8607E) By Ruijie Networks` / `Ruijie Router (RSR7708-X) by Ruijie Networks` → the model. */
function modelOfDescription(d: string): string {
  const all = [...d.matchAll(/\(([^()]+)\)/g)];
  return all.length ? all[all.length - 1]![1]!.trim() : '';
}

export function parseShowVersion(output: string, command = 'show version'): ShowVersionRow[] {
  const lines = nonBlank(requireOutput(command, prepare(output, command)));
  const sys = emptyRow();
  const rows: ShowVersionRow[] = [sys];
  let slot: ShowVersionRow | undefined;
  let sawDescription = false;
  for (const l of lines) {
    const t = l.text.trim();
    if (/^Module information:?$/i.test(t)) continue;
    const s = /^Slot[\s-]*([\w/]+)\s*:\s*(\S.*)$/i.exec(t);
    if (s) { slot = { ...emptyRow(), slot_number: s[1]!, slot_name: s[2]!.trim() }; rows.push(slot); continue; }
    const kv = /^([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/.exec(t);
    if (!kv) fail(command, l, 'not a "key : value" line');
    const key = kv[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = kv[2]!.trim();
    if (slot) {
      const f = SLOT_KEYS[key];
      if (f && !slot[f]) slot[f] = value;
      continue;
    }
    if (key === 'system description') { sys.model = modelOfDescription(value); sawDescription = true; continue; }
    const f = SYSTEM_KEYS[key];
    if (f) sys[f] = value;
    // other keys (System BOOT version, System CTRL version...) are valid and unused
  }
  if (!sawDescription) fail(command, lines[0]!, 'no "System description" line');
  return rows;
}

/** `846:16:52:08` (days:hours:minutes:seconds) → seconds. */
export function parseRgosUptime(text: string): number {
  const p = text.trim().split(':').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isFinite(x))) return 0;
  return ((p[0]! * 24 + p[1]!) * 60 + p[2]!) * 60 + p[3]!;
}

/** `hostname X` from `show running-config | include hostname`. */
export function parseHostname(output: string, command = 'show running-config | include hostname'): string {
  const lines = nonBlank(prepare(output, command));
  for (const l of lines) {
    const m = /^\s*hostname\s+(\S.*)$/.exec(l.text);
    if (m) return m[1]!.trim();
  }
  return fail(command, lines[0] ?? { text: '', n: 0 }, 'no "hostname" line');
}

/**
 * Uniform facts. The model gets Ruijie's `RG-` product prefix (the device prints `S5750-24GT/12SFP`,
 * the catalogue says `RG-S5750-24GT/12SFP`); the OS version is the software version without its
 * `Release(...)` build tag.
 */
export function mapRgosFacts(rows: ShowVersionRow[], hostname: string): Facts {
  const s = rows[0] ?? emptyRow();
  return {
    vendor: 'ruijie',
    model: s.model ? (/^RG-/i.test(s.model) ? s.model : `RG-${s.model}`) : '',
    osVersion: s.soft_version.replace(/\s+Release\([^)]*\)\s*$/i, ''),
    serial: s.serial_number,
    uptimeSeconds: parseRgosUptime(s.uptime),
    hostname,
  };
}
