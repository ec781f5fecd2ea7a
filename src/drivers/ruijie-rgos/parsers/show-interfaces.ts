/**
 * `show ip interface brief` (capture: rpqin123 ruijie_os/show_ip_interface_brief),
 * `show interfaces` (capture: rpqin123 ruijie_os/show_interfaces) and
 * `show interfaces status` (no real capture exists; columns from reference/ruijie-rgos.md §3.2,
 * layout as the lab prints it).
 */
import { type Line, fail, nonBlank, prepare, requireOutput } from '../../common/text.js';
import { headerOffsets, splitRow } from '../../common/table.js';
import type { InterfaceInfo, IpInterfaceInfo } from '../../types.js';
import { normalizeRgosInterfaceName, rgosNominalSpeedMbps, rgosSpeedMbps } from './interface-names.js';

// ------------------------------------------------------------------------------ show ip interface brief

/** ntc-templates field names, plus the secondary address. */
export interface ShowIpInterfaceBriefRow {
  interface: string;
  /** Primary address, or `no address`. */
  ip: string;
  /** Prefix length ('' when no address). */
  mask: string;
  /** Secondary address `a.b.c.d/len` or `no address` (not an ntc field). */
  secondary: string;
  status: string;
  protocol: string;
}

const IF_NAME = String.raw`[A-Za-z][A-Za-z-]*\s?\d[\d/:.]*`;
const ADDR = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}|no address|unassigned)`;
const IP_BRIEF_ROW = new RegExp(String.raw`^(${IF_NAME})\s+(${ADDR})\s+(?:(${ADDR})\s+)?(administratively down|up|down)\s+(up|down)$`, 'i');

export function parseShowIpInterfaceBrief(output: string, command = 'show ip interface brief'): ShowIpInterfaceBriefRow[] {
  const rows: ShowIpInterfaceBriefRow[] = [];
  let header = false;
  for (const l of nonBlank(requireOutput(command, prepare(output, command)))) {
    const t = l.text.trim();
    if (!header) {
      if (/^Interface\s+IP-Address(?:\(Pri\))?\s+(?:IP-Address\(Sec\)\s+)?(?:OK\?\s+(?:Method\s+)?)?Status\s+Protocol$/i.test(t)) { header = true; continue; }
      fail(command, l, 'expected the table header');
    }
    const m = IP_BRIEF_ROW.exec(t);
    if (!m) fail(command, l, 'not an interface row');
    const primary = m[2]!;
    const [ip, mask] = primary.includes('/') ? (primary.split('/') as [string, string]) : [primary, ''];
    rows.push({ interface: m[1]!, ip, mask, secondary: m[3] ?? 'no address', status: m[4]!, protocol: m[5]! });
  }
  return rows;
}

export function mapRgosIpInterfaces(rows: ShowIpInterfaceBriefRow[]): IpInterfaceInfo[] {
  return rows.map((r) => ({
    name: normalizeRgosInterfaceName(r.interface),
    address: r.mask ? `${r.ip}/${r.mask}` : null,
    adminUp: !/administratively/i.test(r.status),
    operUp: r.status.toLowerCase() === 'up',
  }));
}

// ------------------------------------------------------------------------------ show interfaces status

export interface ShowInterfacesStatusRow {
  interface: string;
  status: string;
  vlan: string;
  duplex: string;
  speed: string;
  type: string;
}

const STATUS_TITLES = ['Interface', 'Status', 'Vlan', 'Duplex', 'Speed', 'Type'];
const STATUS_ROW = new RegExp(String.raw`^(${IF_NAME})\s+(up|down|disabled|err-disabled|notconnect|connected|administratively down)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(\S+))?$`, 'i');

export function parseShowInterfacesStatus(output: string, command = 'show interfaces status'): ShowInterfacesStatusRow[] {
  const rows: ShowInterfacesStatusRow[] = [];
  let offsets: number[] | undefined;
  for (const l of nonBlank(requireOutput(command, prepare(output, command)))) {
    const t = l.text.trim();
    if (!offsets) {
      if (/^Interface\s+Status\s+Vlan\s+Duplex\s+Speed\s+Type$/i.test(t)) { offsets = headerOffsets(l.text, STATUS_TITLES); continue; }
      fail(command, l, 'expected the table header');
    }
    if (/^[-\s]+$/.test(t)) continue;
    const m = STATUS_ROW.exec(t);
    if (m) { rows.push({ interface: m[1]!, status: m[2]!, vlan: m[3]!, duplex: m[4]!, speed: m[5]!, type: m[6] ?? '' }); continue; }
    const c = splitRow(l.text, offsets);
    if (!new RegExp(`^${IF_NAME}$`).test(c[0] ?? '') || !c[1]) fail(command, l, 'not an interface row');
    rows.push({ interface: c[0]!, status: c[1]!, vlan: c[2] ?? '', duplex: c[3] ?? '', speed: c[4] ?? '', type: c[5] ?? '' });
  }
  return rows;
}

// ------------------------------------------------------------------------------ show interfaces

/** ntc-templates field names (rpqin123 ruijie_os/show_interfaces), plus the AggregatePort members. */
export interface ShowInterfacesRow {
  interface: string;
  link_status: string;
  protocol_status: string;
  hardware_type: string;
  address: string;
  bia: string;
  description: string;
  ip_address: string;
  ip_address_sec: string[];
  ip_address_v6: string[];
  mtu: string;
  delay_up: string;
  delay_down: string;
  last_change: string;
  medium_type: string;
  duplex: string;
  speed: string;
  bandwidth: string;
  encapsulation: string;
  input_peak_rate: string;
  output_peak_rate: string;
  input_rate: string;
  output_rate: string;
  input_packets: string;
  output_packets: string;
  input_errors: string;
  crc: string;
  abort: string;
  output_errors: string;
  /** Members listed under `Aggregate Port Informations:` (not an ntc field). */
  members: { interface: string; link_status: string; lacp_status: string }[];
}

function emptyInterface(name: string, link: string, protocol: string): ShowInterfacesRow {
  return {
    interface: name, link_status: link, protocol_status: protocol, hardware_type: '', address: '', bia: '', description: '',
    ip_address: '', ip_address_sec: [], ip_address_v6: [], mtu: '', delay_up: '', delay_down: '', last_change: '',
    medium_type: '', duplex: '', speed: '', bandwidth: '', encapsulation: '', input_peak_rate: '', output_peak_rate: '',
    input_rate: '', output_rate: '', input_packets: '', output_packets: '', input_errors: '', crc: '', abort: '',
    output_errors: '', members: [],
  };
}

type Rule = [RegExp, (r: ShowInterfacesRow, m: RegExpExecArray) => void];

/** Line forms of one interface block; a line matching none is a parse error. */
const RULES: Rule[] = [
  [/^Index\(dec\):\d+ \(hex\):[0-9a-f]+$/i, () => {}],
  [/^Hardware is (.+?)(?:, address is (\S+) \(bia (\S+)\))?$/, (r, m) => { r.hardware_type = m[1]!; r.address = m[2] ?? ''; r.bia = m[3] ?? ''; }],
  [/^Description:\s?(.*)$/, (r, m) => { r.description = m[1]!; }],
  [/^Interface address is:\s*(.+)$/, (r, m) => { r.ip_address = m[1]!; }],
  [/^Secondary address is:?\s*(.+)$/i, (r, m) => { r.ip_address_sec.push(m[1]!); }],
  [/^ARP type: .*$/, () => {}],
  [/^Interface IPv6 address is:$/, () => {}],
  [/^(No IPv6 address|[0-9a-f:]+:[0-9a-f:]*(?:\/\d+)?.*)$/i, (r, m) => { r.ip_address_v6.push(m[1]!); }],
  [/^MTU (\d+) bytes, BW (\d+ \w+)$/, (r, m) => { r.mtu = m[1]!; r.bandwidth = m[2]!; }],
  [/^Encapsulation protocol is ([^,]+),.*$/, (r, m) => { r.encapsulation = m[1]!; }],
  [/^Keepalive interval is .*$/, () => {}],
  [/^Carrier delay is (\d+) sec$/, (r, m) => { r.delay_up = m[1]!; r.delay_down = m[1]!; }],
  [/^Carrier delay \(up\) is (\d+) sec(?:, carrier delay \(down\) is (\d+) sec)?$/i, (r, m) => { r.delay_up = m[1]!; r.delay_down = m[2] ?? m[1]!; }],
  [/^(?:Ethernet|Bridge|Switchport) attributes:$/, () => {}],
  [/^interface's description:"(.*)"$/, (r, m) => { if (!r.description) r.description = m[1]!; }],
  [/^Last link state change time: (.+)$/, (r, m) => { r.last_change = m[1]!; }],
  [/^Time duration since last link state change: .*$/, () => {}],
  [/^Priority is \d+$/, () => {}],
  [/^Medium-type is (\S+)$/, (r, m) => { r.medium_type = m[1]!; }],
  [/^Admin duplex mode is \S+, oper duplex is (\S+)$/, (r, m) => { r.duplex = m[1]!; }],
  [/^Admin speed is \S+, oper speed is (\S+)$/, (r, m) => { r.speed = m[1]!; }],
  [/^Flow control admin status is .*$/, () => {}],
  [/^Admin negotiation mode is .*$/, () => {}],
  [/^Storm Control: .*$/, () => {}],
  [/^Vlan id: .*$/, () => {}],
  [/^Port-type: .*$/, () => {}],
  [/^Aggregate Port Informations:$/, () => {}],
  [/^Aggregate Number: \d+$/, () => {}],
  [/^Name: ".*"$/, () => {}],
  [/^Members: \(count=\d+\)$/, () => {}],
  [new RegExp(String.raw`^(${IF_NAME})\s+Link Status: (\S+)\s+Lacp Status: (\S+)$`), (r, m) => { r.members.push({ interface: m[1]!, link_status: m[2]!, lacp_status: m[3]! }); }],
  [/^Load Balance by: .*$/, () => {}],
  [/^Rxload is .*$/, () => {}],
  [/^Input peak rate: (\d+) bits\/sec.*$/, (r, m) => { r.input_peak_rate = m[1]!; }],
  [/^Output peak rate: (\d+) bits\/sec.*$/, (r, m) => { r.output_peak_rate = m[1]!; }],
  [/^\d+ seconds input rate (\d+) bits\/sec.*$/, (r, m) => { r.input_rate = m[1]!; }],
  [/^\d+ seconds output rate (\d+) bits\/sec.*$/, (r, m) => { r.output_rate = m[1]!; }],
  [/^(\d+) packets input, .*$/, (r, m) => { r.input_packets = m[1]!; }],
  [/^Received \d+ broadcasts.*$/, () => {}],
  [/^(\d+) input errors, (\d+) CRC, \d+ frame, \d+ overrun, (\d+) abort$/, (r, m) => { r.input_errors = m[1]!; r.crc = m[2]!; r.abort = m[3]!; }],
  [/^(\d+) packets output, .*$/, (r, m) => { r.output_packets = m[1]!; }],
  [/^(\d+) output errors, .*$/, (r, m) => { r.output_errors = m[1]!; }],
];

const BLOCK_START = new RegExp(String.raw`^(${IF_NAME}) is (administratively down|UP|DOWN)\s*,\s*line protocol is (UP|DOWN)$`, 'i');

export function parseShowInterfaces(output: string, command = 'show interfaces'): ShowInterfacesRow[] {
  const rows: ShowInterfacesRow[] = [];
  let cur: ShowInterfacesRow | undefined;
  let pendingIndex: Line | undefined;
  for (const l of nonBlank(requireOutput(command, prepare(output, command)))) {
    const t = l.text.trim();
    if (/^=+ .+ =+$/.test(t)) continue;
    const b = BLOCK_START.exec(t);
    if (b) { cur = emptyInterface(b[1]!, b[2]!, b[3]!); rows.push(cur); pendingIndex = undefined; continue; }
    if (/^Index\(dec\):/.test(t)) { pendingIndex = l; if (!cur) continue; }
    if (!cur) fail(command, l, 'expected "<interface> is <state>, line protocol is <state>"');
    const rule = RULES.find(([re]) => re.test(t));
    if (!rule) fail(command, l, 'unknown line in an interface block');
    rule[1](cur, rule[0].exec(t)!);
  }
  if (pendingIndex && rows.length === 0) fail(command, pendingIndex, 'no interface block');
  return rows;
}

// ------------------------------------------------------------------------------ uniform interfaces

/** `aa:bb:cc:dd:ee:ff` from RGOS `0074.9ca2.0fdb`. */
function macOf(dotted: string): string | undefined {
  const hex = dotted.replace(/[.:-]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(hex) ? hex.match(/../g)!.join(':') : undefined;
}

/**
 * Uniform interfaces from `show interfaces status` (state, speed, LAG membership through the
 * AggregatePort summary or the status table's `AgN` VLAN cell) completed by `show interfaces`
 * (description, MAC, and the logical interfaces the status table does not list).
 */
export function mapRgosInterfaces(
  status: ShowInterfacesStatusRow[],
  detail: ShowInterfacesRow[] = [],
  lagOf: ReadonlyMap<string, string> = new Map(),
): InterfaceInfo[] {
  const byName = new Map(detail.map((d) => [normalizeRgosInterfaceName(d.interface), d]));
  const out: InterfaceInfo[] = [];
  const seen = new Set<string>();
  for (const s of status) {
    const name = normalizeRgosInterfaceName(s.interface);
    const d = byName.get(name);
    const st = s.status.toLowerCase();
    const agVlan = /^Ag\s*(\d+)$/i.exec(s.vlan);
    const mac = d ? macOf(d.address) : undefined;
    seen.add(name);
    out.push({
      name,
      adminUp: !(st === 'disabled' || st.startsWith('administratively')),
      operUp: st === 'up' || st === 'connected',
      speedMbps: rgosSpeedMbps(s.speed) ?? rgosSpeedMbps(d?.speed ?? '') ?? rgosNominalSpeedMbps(name),
      description: d?.description ?? '',
      lag: lagOf.get(name) ?? (agVlan ? `AggregatePort ${agVlan[1]}` : null),
      ...(mac ? { mac } : {}),
    });
  }
  for (const d of detail) {
    const name = normalizeRgosInterfaceName(d.interface);
    if (seen.has(name)) continue;
    const mac = macOf(d.address);
    out.push({
      name,
      adminUp: !/administratively/i.test(d.link_status),
      operUp: d.link_status.toUpperCase() === 'UP',
      speedMbps: rgosSpeedMbps(d.speed) ?? rgosNominalSpeedMbps(name),
      description: d.description,
      lag: lagOf.get(name) ?? null,
      ...(mac ? { mac } : {}),
    });
  }
  return out;
}
