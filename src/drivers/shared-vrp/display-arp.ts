/**
 * `display arp [all | brief]` (VRP5, VRP8). Captures: ntc-templates huawei_vrp/display_arp_all,
 * display_arp_brief; cli-captures rpqin123 huawei_vrp/display_arp.
 */
import { fail, nonBlank, prepare } from '../common/text.js';
import type { ArpEntry } from '../types.js';
import { normalizeVrpInterfaceName } from './interface-names.js';

/** ntc-templates field names (display_arp_all / display_arp_brief). */
export interface DisplayArpRow {
  ip_address: string;
  mac_address: string;
  /** Minutes left ('' for interface and static entries). */
  expire: string;
  /** As printed: `I -`, `D-0`, `S-`... */
  type: string;
  interface: string;
  vpn_instance: string;
  /** VLAN/CEVLAN cell (`10/-`, `10`), inline or on the continuation line. */
  vlan_id: string;
  pvc: string;
}

const ROW = /^(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})\s+(?:(\d+)\s+)?([A-Z](?: -|-\d*|\b))\s+(\S+)(?:\s+(\S+))?(?:\s+(\S+))?$/i;
const CONTINUATION = /^\s+(\d+(?:\/[\d-]+)?)(?:\s+(\S+))?$/;

export function parseDisplayArp(output: string, command = 'display arp'): DisplayArpRow[] {
  const rows: DisplayArpRow[] = [];
  let header = false;
  let vpnColumn = false;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (/^IP ADDRESS\s+MAC ADDRESS\s+EXPIRE\(M\)\s+TYPE\s+INTERFACE/i.test(t)) { header = true; vpnColumn = /VPN-INSTANCE/i.test(t); continue; }
    if (!header) fail(command, l, 'expected the table header');
    if (/^-{10,}$/.test(t) || /^(?:Total|Redirect):\s*\d+/i.test(t)) continue;
    if (/^(?:VLAN|VLAN\/CEVLAN)/i.test(t) && rows.length === 0) continue; // second header line
    const m = ROW.exec(t);
    if (m) {
      const extra = [m[6], m[7]].filter((x): x is string => x !== undefined);
      rows.push({
        ip_address: m[1]!, mac_address: m[2]!, expire: m[3] ?? '', type: m[4]!, interface: m[5]!,
        vpn_instance: vpnColumn ? extra[0] ?? '' : '',
        vlan_id: vpnColumn ? '' : extra[0] ?? '',
        pvc: vpnColumn ? '' : extra[1] ?? '',
      });
      continue;
    }
    const c = CONTINUATION.exec(l.text);
    if (c && rows.length > 0) {
      const last = rows[rows.length - 1]!;
      last.vlan_id = c[1]!;
      if (c[2]) last.pvc = c[2];
      continue;
    }
    fail(command, l, 'not an ARP row');
  }
  return rows;
}

/** Uniform ARP entries: MAC as `aa:bb:cc:dd:ee:ff`, full interface name, outer VLAN, VPN instance. */
export function mapVrpArp(rows: DisplayArpRow[]): ArpEntry[] {
  return rows.map((r) => {
    const hex = r.mac_address.replace(/-/g, '').toLowerCase();
    const vlan = /^(\d+)/.exec(r.vlan_id);
    return {
      ip: r.ip_address,
      mac: hex.match(/../g)!.join(':'),
      interface: normalizeVrpInterfaceName(r.interface),
      vlan: vlan ? Number(vlan[1]) : null,
      vrf: r.vpn_instance || null,
    };
  });
}
