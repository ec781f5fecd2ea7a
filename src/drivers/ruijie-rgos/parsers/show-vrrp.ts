/**
 * `show vrrp brief` and `show vrrp` (detail). No real capture exists; both layouts follow
 * reference/ruijie-rgos.md §3.3 (composed there, Cisco-like) and the lab simulator.
 */
import { type Line, fail, nonBlank, prepare } from '../../common/text.js';
import { headerOffsets, splitRow } from '../../common/table.js';
import type { VrrpInfo, VrrpState } from '../../types.js';
import { normalizeRgosInterfaceName } from './interface-names.js';

export interface ShowVrrpBriefRow {
  interface: string;
  group: string;
  priority: string;
  timer: string;
  owner: string;
  preempt: string;
  state: string;
  master_address: string;
  group_address: string;
}

const TITLES = ['Interface', 'Grp', 'Pri', 'timer', 'Own', 'Pre', 'State', 'Master addr', 'Group addr'];
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const ROW = new RegExp(String.raw`^([A-Za-z][A-Za-z-]*\s?\d[\d/:.]*)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+(\S)\s+(\S)\s+(\S+)\s+(${IPV4}|unknown|-)\s+(${IPV4})$`, 'i');

export function parseShowVrrpBrief(output: string, command = 'show vrrp brief'): ShowVrrpBriefRow[] {
  const rows: ShowVrrpBriefRow[] = [];
  let offsets: number[] | undefined;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (!offsets) {
      if (/^Interface\s+Grp\s+Pri\s+timer\s+Own\s+Pre\s+State\s+Master addr\s+Group addr$/i.test(t)) { offsets = headerOffsets(l.text, TITLES); continue; }
      fail(command, l, 'expected the table header');
    }
    let m = ROW.exec(t);
    if (!m) {
      const c = splitRow(l.text, offsets);
      const joined = c.join('  ');
      m = ROW.exec(joined);
    }
    if (!m) fail(command, l, 'not a VRRP row');
    rows.push({
      interface: m[1]!, group: m[2]!, priority: m[3]!, timer: m[4]!, owner: m[5]!, preempt: m[6]!, state: m[7]!,
      master_address: m[8]!, group_address: m[9]!,
    });
  }
  return rows;
}

export interface ShowVrrpRow {
  interface: string;
  group: string;
  state: string;
  virtual_ips: string[];
  virtual_mac: string;
  advertisement_interval: string;
  preemption: string;
  preempt_delay: string;
  priority: string;
  master_address: string;
  master_local: boolean;
  master_priority: string;
}

const RULES: [RegExp, (r: ShowVrrpRow, m: RegExpExecArray) => void][] = [
  [/^State is (\S+)$/i, (r, m) => { r.state = m[1]!; }],
  [new RegExp(String.raw`^Virtual IP address is (${IPV4})(?: configured| learned)?$`, 'i'), (r, m) => { r.virtual_ips.push(m[1]!); }],
  [/^Virtual MAC address is (\S+)$/i, (r, m) => { r.virtual_mac = m[1]!; }],
  [/^Advertisement interval is ([\d.]+) sec$/i, (r, m) => { r.advertisement_interval = m[1]!; }],
  [/^Preemption is (enabled|disabled)$/i, (r, m) => { r.preemption = m[1]!; }],
  [/^min delay is ([\d.]+) sec$/i, (r, m) => { r.preempt_delay = m[1]!; }],
  [/^Priority is (\d+)$/i, (r, m) => { r.priority = m[1]!; }],
  [new RegExp(String.raw`^Master Router is (${IPV4}|unknown)( \(local\))?, priority is (\d+|unknown)$`, 'i'), (r, m) => {
    r.master_address = m[1]!; r.master_local = !!m[2]; r.master_priority = m[3]!;
  }],
  [/^Master Advertisement interval is .*$/i, () => {}],
  [/^Master Down interval is .*$/i, () => {}],
  [/^Authentication .*$/i, () => {}],
  [/^Track(?:ing)? .*$/i, () => {}],
  [/^Description is .*$/i, () => {}],
];

export function parseShowVrrp(output: string, command = 'show vrrp'): ShowVrrpRow[] {
  const rows: ShowVrrpRow[] = [];
  const starts: Line[] = [];
  let cur: ShowVrrpRow | undefined;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    const b = /^(.+?)\s+-\s+Group\s+(\d+)$/i.exec(t);
    if (b) {
      cur = {
        interface: b[1]!, group: b[2]!, state: '', virtual_ips: [], virtual_mac: '', advertisement_interval: '', preemption: '',
        preempt_delay: '', priority: '', master_address: '', master_local: false, master_priority: '',
      };
      rows.push(cur);
      starts.push(l);
      continue;
    }
    if (!cur) fail(command, l, 'expected "<interface> - Group <n>"');
    const rule = RULES.find(([re]) => re.test(t));
    if (!rule) fail(command, l, 'unknown line in a VRRP group');
    rule[1](cur, rule[0].exec(t)!);
  }
  rows.forEach((r, i) => { if (!r.state) fail(command, starts[i]!, 'VRRP group without "State is"'); });
  return rows;
}

function vrrpState(s: string): VrrpState {
  const t = s.toLowerCase();
  if (t === 'master') return 'master';
  if (t === 'backup') return 'backup';
  if (t === 'init' || t === 'initialize') return 'initialize';
  return 'unknown';
}

const masterOf = (a: string): string | null => (/^\d/.test(a) && a !== '0.0.0.0' ? a : null);

export function mapRgosVrrpBrief(rows: ShowVrrpBriefRow[]): VrrpInfo[] {
  return rows.map((r) => ({
    group: Number(r.group),
    interface: normalizeRgosInterfaceName(r.interface),
    virtualIp: r.group_address,
    state: vrrpState(r.state),
    priority: Number(r.priority),
    masterAddress: masterOf(r.master_address),
  }));
}

export function mapRgosVrrp(rows: ShowVrrpRow[]): VrrpInfo[] {
  return rows.map((r) => ({
    group: Number(r.group),
    interface: normalizeRgosInterfaceName(r.interface),
    virtualIp: r.virtual_ips[0] ?? '',
    state: vrrpState(r.state),
    priority: Number(r.priority || 100),
    masterAddress: masterOf(r.master_address),
  }));
}
