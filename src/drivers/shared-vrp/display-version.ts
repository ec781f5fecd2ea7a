/**
 * `display version`, `display esn`, `display elabel brief` and the sysname line of the
 * configuration: the facts of a VRP device (switch, router or USG).
 * reference/huawei-vrp.md §3.7; captures: ntc-templates huawei_vrp/display_version (7),
 * cli-captures rpqin123 display_esn (2) and display_elabel_brief (2).
 */
import { fail, nonBlank, prepare, requireOutput } from '../common/text.js';
import type { Facts } from '../types.js';

/** ntc-templates field names. */
export interface DisplayVersionRow {
  vrp_version: string;
  /** The parenthesised product and release, e.g. `S7700 V200R010C00SPC600`. */
  product_version: string;
  /** The product line without the vendor word and without a trailing ` Router` (as ntc-templates). */
  model: string;
  uptime: string;
  patch_version: string;
}

const VRP_LINE = /^VRP \(R\) software,\s*Version\s+(\S+)\s+\((.+)\)\s*$/i;
const UPTIME_LINE = /^(?:HUAWEI|Huawei|Quidway)?\s*(.+?)\s+uptime is\s+(.+)$/;

export function parseDisplayVersion(output: string, command = 'display version'): DisplayVersionRow[] {
  const lines = nonBlank(requireOutput(command, prepare(output, command)));
  if (!/Versatile (?:Routing|Security) Platform Software/i.test(lines[0]!.text)) fail(command, lines[0]!, 'expected "Huawei Versatile Routing Platform Software"');
  const row: DisplayVersionRow = { vrp_version: '', product_version: '', model: '', uptime: '', patch_version: '' };
  for (const l of lines) {
    const t = l.text.trim();
    const v = VRP_LINE.exec(t);
    if (v && !row.vrp_version) { row.vrp_version = v[1]!; row.product_version = v[2]!.trim(); continue; }
    const u = UPTIME_LINE.exec(t);
    if (u && !row.model && !/^(?:MPU|LPU|SRU|BKP|SFU|CXP|PWR|FAN|NSP)\b/.test(u[1]!) && !u[1]!.includes(':')) {
      row.model = u[1]!.replace(/\s+Router$/, '');
      row.uptime = u[2]!.trim();
      continue;
    }
    const p = /^Patch Version\s*:\s*(\S+)/i.exec(t);
    if (p && !row.patch_version) row.patch_version = p[1]!;
  }
  if (!row.vrp_version) fail(command, lines[Math.min(1, lines.length - 1)]!, 'no "VRP (R) software, Version" line');
  if (!row.model) fail(command, lines[lines.length - 1]!, 'no "<product> uptime is" line');
  return [row];
}

/** `85 weeks, 4 days, 0 hour, 10 minutes` → seconds. */
export function parseVrpUptime(text: string): number {
  const unit: Record<string, number> = { week: 604800, day: 86400, hour: 3600, minute: 60, second: 1 };
  let s = 0;
  for (const m of text.matchAll(/(\d+)\s*(week|day|hour|minute|second)s?/gi)) s += Number(m[1]) * unit[m[2]!.toLowerCase()]!;
  return s;
}

/** ntc-templates field names (rpqin123). */
export interface DisplayEsnRow {
  role: string;
  esn: string;
}

export function parseDisplayEsn(output: string, command = 'display esn'): DisplayEsnRow[] {
  const rows: DisplayEsnRow[] = [];
  for (const l of nonBlank(requireOutput(command, prepare(output, command)))) {
    const m = /^ESN(?: of ([^:]+?))?\s*:\s*(\S+)$/i.exec(l.text.trim());
    if (!m) fail(command, l, 'expected "ESN of <role>: <serial>"');
    rows.push({ role: m[1] ?? '', esn: m[2]! });
  }
  return rows;
}

/** ntc-templates field names (rpqin123). */
export interface DisplayElabelBriefRow {
  slot: string;
  board_type: string;
  bar_code: string;
  desc: string;
}

export function parseDisplayElabelBrief(output: string, command = 'display elabel brief'): DisplayElabelBriefRow[] {
  const rows: DisplayElabelBriefRow[] = [];
  let header = false;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (/^Elabel brief information:?$/i.test(t) || /^[-=]{10,}$/.test(t)) continue;
    if (/^Slot\s*#?\s+BoardType\s+BarCode\s+Description$/i.test(t)) { header = true; continue; }
    if (!header) fail(command, l, 'expected the table header');
    const m = /^([A-Z][A-Za-z]*(?: \d+)?)(?:\s+(\S+)(?:\s+(\S+)(?:\s+(.+))?)?)?$/.exec(t);
    if (!m) fail(command, l, 'not a board row');
    if (!m[2]) continue; // an empty slot (no board): nothing to report
    rows.push({ slot: m[1]!, board_type: m[2], bar_code: m[3] ?? '', desc: m[4] ?? '' });
  }
  return rows;
}

/** `sysname X` from `display current-configuration | include sysname`. */
export function parseSysname(output: string, command = 'display current-configuration | include sysname'): string {
  const lines = nonBlank(prepare(output, command));
  for (const l of lines) {
    const m = /^\s*sysname\s+(.+)$/.exec(l.text);
    if (m) return m[1]!.trim();
  }
  return fail(command, lines[0] ?? { text: '', n: 0 }, 'no "sysname" line');
}

/** `VRP (R) software` product: `S7700 V200R010C00SPC600` → release `V200R010C00SPC600`. */
function releaseOf(productVersion: string): string {
  const m = /(V\d{3}R\d{3}\S*)$/.exec(productVersion);
  return m ? m[1]! : productVersion;
}

/** `S7706 Terabit Routing Switch` → `S7706`. */
function modelOf(model: string): string {
  return model.replace(/\s+(?:Terabit\s+|Gigabit\s+)?(?:Routing\s+)?Switch$/i, '').replace(/\s+Router$/i, '').trim();
}

/** Uniform facts; the serial is the master's ESN (else the first one printed). */
export function mapVrpFacts(version: DisplayVersionRow[], esn: DisplayEsnRow[], hostname: string): Facts {
  const v = version[0];
  const serial = esn.find((e) => /master/i.test(e.role)) ?? esn[0];
  return {
    vendor: 'huawei',
    model: v ? modelOf(v.model) : '',
    osVersion: v ? releaseOf(v.product_version) : '',
    serial: serial?.esn ?? '',
    uptimeSeconds: v ? parseVrpUptime(v.uptime) : 0,
    hostname,
  };
}
