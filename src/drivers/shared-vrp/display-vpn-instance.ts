/**
 * `display ip vpn-instance`, `display ip vpn-instance interface` (captures: ntc-templates
 * huawei_vrp/display_ip_vpn-instance and display_ip_vpn-instance_interface) and
 * `display ip vpn-instance verbose` (no real capture exists; field names from
 * reference/huawei-vrp.md §3.5, layout as the lab prints it).
 */
import { type Line, fail, nonBlank, prepare } from '../common/text.js';
import type { VpnInstanceInfo } from '../types.js';
import { normalizeVrpInterfaceName } from './interface-names.js';

const TOTAL = /^Total (?:IPv[46] )?VPN-Instances configured\s*:\s*\d+$/i;

/** ntc-templates field names. */
export interface DisplayIpVpnInstanceRow {
  name: string;
  rd: string;
  address_family: string;
}

export function parseDisplayIpVpnInstance(output: string, command = 'display ip vpn-instance'): DisplayIpVpnInstanceRow[] {
  const rows: DisplayIpVpnInstanceRow[] = [];
  let header = false;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (TOTAL.test(t)) continue;
    if (/^VPN-Instance Name\s+RD(?:\s+\S.*)?$/i.test(t)) { header = true; continue; }
    if (!header) fail(command, l, 'expected the totals or the table header');
    const w = t.split(/\s+/);
    if (w.length === 3) rows.push({ name: w[0]!, rd: w[1]!, address_family: w[2]! });
    else if (w.length === 2 && /^IPv[46]$/i.test(w[1]!)) rows.push({ name: w[0]!, rd: '', address_family: w[1]! });
    else if (w.length === 2) rows.push({ name: w[0]!, rd: w[1]!, address_family: '' });
    else if (w.length === 1) rows.push({ name: w[0]!, rd: '', address_family: '' });
    else fail(command, l, 'not a VPN instance row');
  }
  return rows;
}

/** ntc-templates field names. */
export interface DisplayIpVpnInstanceInterfaceRow {
  name: string;
  id: string;
  interface_list: string[];
}

const NAME_AND_ID = /^VPN-Instance Name and ID\s*:\s*(\S+?)\s*,\s*(\d+)$/i;

/** Comma-separated interface names, possibly continued on the next lines. */
function interfaceList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseDisplayIpVpnInstanceInterface(output: string, command = 'display ip vpn-instance interface'): DisplayIpVpnInstanceInterfaceRow[] {
  const rows: DisplayIpVpnInstanceInterfaceRow[] = [];
  let cur: DisplayIpVpnInstanceInterfaceRow | undefined;
  let inList = false;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (TOTAL.test(t)) continue;
    const n = NAME_AND_ID.exec(t);
    if (n) { cur = { name: n[1]!, id: n[2]!, interface_list: [] }; rows.push(cur); inList = false; continue; }
    if (!cur) fail(command, l, 'expected "VPN-Instance Name and ID"');
    if (/^Interface Number\s*:\s*\d+$/i.test(t)) { inList = false; continue; }
    const list = /^Interface list\s*:\s*(.*)$/i.exec(t);
    if (list) { cur.interface_list.push(...interfaceList(list[1]!)); inList = true; continue; }
    if (inList && /^[A-Za-z][\w\-/.:]*,?(?:\s*,\s*[A-Za-z][\w\-/.:]*)*,?$/.test(t)) { cur.interface_list.push(...interfaceList(t)); continue; }
    fail(command, l, 'not part of a VPN instance block');
  }
  return rows;
}

/** A block of `display ip vpn-instance verbose` (per instance; the IPv4 family's RD and targets). */
export interface DisplayIpVpnInstanceVerboseRow {
  name: string;
  id: string;
  description: string;
  interfaces: string[];
  /** Per address family (`ipv4`, `ipv6`). */
  families: { family: string; rd: string; export_targets: string[]; import_targets: string[] }[];
}

export function parseDisplayIpVpnInstanceVerbose(output: string, command = 'display ip vpn-instance verbose'): DisplayIpVpnInstanceVerboseRow[] {
  const rows: DisplayIpVpnInstanceVerboseRow[] = [];
  let cur: DisplayIpVpnInstanceVerboseRow | undefined;
  let last = '';
  const family = (l: Line) => {
    if (!cur) return fail(command, l, 'expected "VPN-Instance Name and ID"');
    let f = cur.families[cur.families.length - 1];
    if (!f) { f = { family: 'ipv4', rd: '', export_targets: [], import_targets: [] }; cur.families.push(f); }
    return f;
  };
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (TOTAL.test(t)) continue;
    const n = NAME_AND_ID.exec(t);
    if (n) { cur = { name: n[1]!, id: n[2]!, description: '', interfaces: [], families: [] }; rows.push(cur); last = ''; continue; }
    if (!cur) fail(command, l, 'expected "VPN-Instance Name and ID"');
    const af = /^Address family (ipv4|ipv6)$/i.exec(t);
    if (af) { cur.families.push({ family: af[1]!.toLowerCase(), rd: '', export_targets: [], import_targets: [] }); last = ''; continue; }
    const kv = /^([A-Za-z][A-Za-z \-()]*?)\s*:\s*(.*)$/.exec(t);
    if (!kv) {
      // continuation of a wrapped list (interfaces or targets)
      if (last === 'interfaces') { cur.interfaces.push(...interfaceList(t)); continue; }
      if (last === 'export vpn targets') { family(l).export_targets.push(...t.split(/[\s,]+/).filter(Boolean)); continue; }
      if (last === 'import vpn targets') { family(l).import_targets.push(...t.split(/[\s,]+/).filter(Boolean)); continue; }
      fail(command, l, 'not a "key : value" line');
    }
    const key = kv[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = kv[2]!.trim();
    last = key;
    if (key === 'interfaces' || key === 'interface list') cur.interfaces.push(...interfaceList(value));
    else if (key === 'description') cur.description = value;
    else if (key === 'route distinguisher') family(l).rd = value;
    else if (key === 'export vpn targets') family(l).export_targets.push(...value.split(/[\s,]+/).filter(Boolean));
    else if (key === 'import vpn targets') family(l).import_targets.push(...value.split(/[\s,]+/).filter(Boolean));
    // other keys (Create date, Up time, Label Policy, Log Interval, Tunnel Policy...) are valid and unused
  }
  return rows;
}

/** Uniform VPN instances from the verbose display (IPv4 family, else the first family). */
export function mapVrpVpnInstances(rows: DisplayIpVpnInstanceVerboseRow[]): VpnInstanceInfo[] {
  return rows.map((r) => {
    const f = r.families.find((x) => x.family === 'ipv4') ?? r.families[0];
    return {
      name: r.name,
      rd: f?.rd ? f.rd : null,
      importTargets: f?.import_targets ?? [],
      exportTargets: f?.export_targets ?? [],
      interfaces: r.interfaces.map(normalizeVrpInterfaceName),
    };
  });
}
