/**
 * `display ip interface brief` (VRP5, VRP8 with the VPN column, USG).
 * reference/huawei-vrp.md §3.2; captures in cli-captures ntc-templates-pr2085, pr2109 and rpqin123.
 * Three ntc-templates variants name the fields differently; the row carries all of them.
 */
import { fail, nonBlank, prepare, requireOutput } from '../common/text.js';
import type { IpInterfaceInfo } from '../types.js';
import { normalizeVrpInterfaceName } from './interface-names.js';

export interface DisplayIpInterfaceBriefRow {
  interface: string;
  /** `a.b.c.d/len` or `unassigned` (pr2085/pr2109 field). */
  ip_address_mask: string;
  /** Address alone, or `unassigned` (rpqin123 field). */
  ip: string;
  /** Prefix length, '' when unassigned (rpqin123 field). */
  mask: string;
  physical: string;
  protocol: string;
  /** VRP8 VPN column (`--` when none), '' when the column is absent. */
  vpn: string;
  /** Counts from the `The number of interface that is ...` lines ('' when absent). */
  physical_up: string;
  physical_down: string;
  protocol_up: string;
  protocol_down: string;
}

const LEGEND = /^\s*(?:[*^#!\-]?[\w/()]+|\([\w]+\)):\s?\S/;
const COUNT = /^The number of interface that is (UP|DOWN) in (Physical|Protocol) is (\d+)$/i;
const STATE = String.raw`[*^#!\-]?(?:up|down)(?:\([a-zA-Z]+\))*`;
const ROW = new RegExp(String.raw`^(\S+)\s+(\S+)\s+(${STATE})\s+(${STATE})(?:\s+(\S+))?$`, 'i');

export function parseDisplayIpInterfaceBrief(output: string, command = 'display ip interface brief'): DisplayIpInterfaceBriefRow[] {
  const lines = nonBlank(requireOutput(command, prepare(output, command)));
  const counts = { physical_up: '', physical_down: '', protocol_up: '', protocol_down: '' };
  const rows: DisplayIpInterfaceBriefRow[] = [];
  let header = false;
  let vpnColumn = false;
  for (const l of lines) {
    const t = l.text.trim();
    if (!header) {
      const c = COUNT.exec(t);
      if (c) {
        counts[`${c[2]!.toLowerCase()}_${c[1]!.toLowerCase()}` as keyof typeof counts] = c[3]!;
      } else if (/^Interface\s+IP Address\/Mask\s+Physical\s+Protocol(\s+VPN)?$/i.test(t)) {
        header = true;
        vpnColumn = /\sVPN$/i.test(t);
      } else if (!LEGEND.test(t)) fail(command, l, 'expected the legend, the counters or the table header');
      continue;
    }
    const m = ROW.exec(t);
    if (!m || (m[5] !== undefined && !vpnColumn)) fail(command, l, 'not an interface row');
    const addr = m[2]!;
    if (addr !== 'unassigned' && !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(addr) && !/^[\d.]+\(sub\)$/.test(addr)) fail(command, l, 'bad address');
    const [ip, mask] = addr.includes('/') ? (addr.split('/') as [string, string]) : [addr, ''];
    rows.push({ interface: m[1]!, ip_address_mask: addr, ip, mask, physical: m[3]!, protocol: m[4]!, vpn: m[5] ?? '', ...counts });
  }
  if (!header && lines.length > 0) fail(command, lines[lines.length - 1]!, 'no table header');
  return rows;
}

export function mapVrpIpInterfaces(rows: DisplayIpInterfaceBriefRow[]): IpInterfaceInfo[] {
  return rows.map((r) => ({
    name: normalizeVrpInterfaceName(r.interface),
    address: r.mask ? r.ip_address_mask : null,
    adminUp: !r.physical.startsWith('*'),
    operUp: /^up/i.test(r.physical),
  }));
}
