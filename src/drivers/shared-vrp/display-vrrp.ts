/**
 * `display vrrp brief` (capture: cli-captures rpqin123 huawei_vrp/display_vrrp_brief) and
 * `display vrrp` / `display vrrp verbose` (no real capture exists; format from
 * reference/huawei-vrp.md §3.3 and the lab simulator).
 */
import { type Line, fail, nonBlank, prepare } from '../common/text.js';
import { keyValues } from '../common/table.js';
import type { VrrpInfo, VrrpState } from '../types.js';
import { normalizeVrpInterfaceName } from './interface-names.js';

/** A raw row of `display vrrp brief` (ntc-templates field names). */
export interface DisplayVrrpBriefRow {
  vrid: string;
  state: string;
  interface: string;
  type: string;
  vip: string;
  /** Further virtual IPs printed on continuation lines (not an ntc field). */
  extra_vips: string[];
}

const IPV4 = String.raw`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`;
const BRIEF_ROW = new RegExp(String.raw`^(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(${IPV4})$`);
const CONTINUATION = new RegExp(String.raw`^\s+(${IPV4})$`);

export function parseDisplayVrrpBrief(output: string, command = 'display vrrp brief'): DisplayVrrpBriefRow[] {
  const lines = nonBlank(prepare(output, command));
  const rows: DisplayVrrpBriefRow[] = [];
  let header = false;
  for (const l of lines) {
    const t = l.text.trim();
    if (/^Total\s*:\s*\d+/i.test(t) || /^-{10,}$/.test(t)) continue;
    if (/^VRID\s+State\s+Interface\s+Type\s+Virtual IP$/i.test(t)) { header = true; continue; }
    if (!header) fail(command, l, 'expected the totals or the table header');
    const m = BRIEF_ROW.exec(t);
    if (m) { rows.push({ vrid: m[1]!, state: m[2]!, interface: m[3]!, type: m[4]!, vip: m[5]!, extra_vips: [] }); continue; }
    const c = CONTINUATION.exec(l.text);
    if (c && rows.length > 0) { rows[rows.length - 1]!.extra_vips.push(c[1]!); continue; }
    fail(command, l, 'not a VRRP row');
  }
  return rows;
}

/** A block of `display vrrp [verbose]`; field names are the device's keys in snake_case. */
export interface DisplayVrrpRow {
  interface: string;
  vrid: string;
  state: string;
  virtual_ip: string[];
  master_ip: string;
  local_ip: string;
  priority_run: string;
  priority_config: string;
  master_priority: string;
  preempt: string;
  delay_time: string;
  timer_run: string;
  timer_config: string;
  auth_type: string;
  virtual_mac: string;
  check_ttl: string;
  config_type: string;
  track_if: { interface: string; priority_reduced: string }[];
  if_state: string;
  create_time: string;
  last_change_time: string;
}

const KEYS: Record<string, keyof DisplayVrrpRow> = {
  'state': 'state', 'virtual ip': 'virtual_ip', 'master ip': 'master_ip', 'local ip': 'local_ip',
  'priorityrun': 'priority_run', 'priorityconfig': 'priority_config', 'masterpriority': 'master_priority',
  'preempt': 'preempt', 'delay time': 'delay_time', 'timerrun': 'timer_run', 'timerconfig': 'timer_config',
  'auth type': 'auth_type', 'virtual mac': 'virtual_mac', 'check ttl': 'check_ttl', 'config type': 'config_type',
  'if state': 'if_state', 'create time': 'create_time', 'last change time': 'last_change_time',
};

const BLOCK = /^\s*(\S+)\s*\|\s*Virtual Router\s+(\d+)$/i;

function emptyVrrp(iface: string, vrid: string): DisplayVrrpRow {
  return {
    interface: iface, vrid, state: '', virtual_ip: [], master_ip: '', local_ip: '', priority_run: '', priority_config: '',
    master_priority: '', preempt: '', delay_time: '', timer_run: '', timer_config: '', auth_type: '', virtual_mac: '',
    check_ttl: '', config_type: '', track_if: [], if_state: '', create_time: '', last_change_time: '',
  };
}

export function parseDisplayVrrp(output: string, command = 'display vrrp'): DisplayVrrpRow[] {
  const lines = nonBlank(prepare(output, command));
  const rows: DisplayVrrpRow[] = [];
  const starts: Line[] = [];
  let cur: DisplayVrrpRow | undefined;
  let lastKey = '';
  for (const l of lines) {
    const b = BLOCK.exec(l.text);
    if (b) { cur = emptyVrrp(b[1]!, b[2]!); rows.push(cur); starts.push(l); lastKey = ''; continue; }
    if (!cur) {
      // VRP8 may print a totals line first
      if (/^\s*Total\s*:\s*\d+/i.test(l.text)) continue;
      fail(command, l, 'expected "<interface> | Virtual Router <vrid>"');
    }
    const cont = /^\s+(\d{1,3}(?:\.\d{1,3}){3})$/.exec(l.text);
    if (cont && lastKey === 'virtual ip') { cur.virtual_ip.push(cont[1]!); continue; }
    const pairs = keyValues(l.text);
    if (!pairs) fail(command, l, 'not a "key : value" line');
    for (const [k, v] of pairs) {
      const key = k.toLowerCase().replace(/\s+/g, ' ');
      lastKey = key;
      if (key === 'track if') { cur.track_if.push({ interface: v, priority_reduced: '' }); continue; }
      if (key === 'priority reduced') { const t = cur.track_if[cur.track_if.length - 1]; if (t) t.priority_reduced = v; continue; }
      const field = KEYS[key];
      if (!field) continue; // other keys (Backup-forward, Fast-resume, Hold Multiplier...) are valid but unused
      if (field === 'virtual_ip') cur.virtual_ip.push(...v.split(/[\s,]+/).filter((x) => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(x) && !x.startsWith('255.')));
      else (cur as unknown as Record<string, string>)[field] = v;
    }
  }
  rows.forEach((r, i) => { if (!r.state || r.virtual_ip.length === 0) fail(command, starts[i]!, 'VRRP block without State or Virtual IP'); });
  return rows;
}

function vrrpState(s: string): VrrpState {
  const t = s.toLowerCase();
  if (t === 'master') return 'master';
  if (t === 'backup') return 'backup';
  if (t === 'initialize' || t === 'init') return 'initialize';
  return 'unknown';
}

/** Uniform VRRP from the verbose display (running priority, master address). */
export function mapVrpVrrp(rows: DisplayVrrpRow[]): VrrpInfo[] {
  return rows.map((r) => ({
    group: Number(r.vrid),
    interface: normalizeVrpInterfaceName(r.interface),
    virtualIp: r.virtual_ip[0] ?? '',
    state: vrrpState(r.state),
    priority: Number(r.priority_run || r.priority_config || 100),
    masterAddress: r.master_ip && r.master_ip !== '0.0.0.0' ? r.master_ip : null,
  }));
}

/** Uniform VRRP from the brief display (no priority or master there: priority 0 is "unknown"). */
export function mapVrpVrrpBrief(rows: DisplayVrrpBriefRow[]): VrrpInfo[] {
  return rows.map((r) => ({
    group: Number(r.vrid),
    interface: normalizeVrpInterfaceName(r.interface),
    virtualIp: r.vip,
    state: vrrpState(r.state),
    priority: 0,
    masterAddress: null,
  }));
}
