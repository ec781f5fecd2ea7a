/**
 * `display eth-trunk [N]` (static "NORMAL" and LACP trunks). reference/huawei-vrp.md §3.4;
 * capture: ntc-templates huawei_vrp/display_eth-trunk (two files).
 */
import { type Line, fail, nonBlank, prepare } from '../common/text.js';
import { keyValues } from '../common/table.js';
import type { LagInfo, LagMemberStatus } from '../types.js';
import { normalizeVrpInterfaceName } from './interface-names.js';

/**
 * One row per member port and side (local, then LACP partner), carrying the trunk's header
 * fields, as ntc-templates does. '' for fields the trunk does not print.
 */
export interface DisplayEthTrunkRow {
  eth_trunk: string;
  side: 'local' | 'partner';
  working_mode: string;
  hash_arithmetic: string;
  least_active_linknumber: string;
  max_active_linknumber: string;
  max_bandwidth_affected_linknumber: string;
  operate_status: string;
  number_of_up_port_in_trunk: string;
  lag_id: string;
  preempt_delay: string;
  system_priority: string;
  system_id: string;
  interface: string;
  status: string;
  weight: string;
  port_type: string;
  port_priority: string;
  port_number: string;
  port_key: string;
  port_state: string;
  partner_system_priority: string;
  partner_system_id: string;
}

export type EthTrunkHeader = Pick<DisplayEthTrunkRow, 'eth_trunk' | 'working_mode' | 'hash_arithmetic' | 'least_active_linknumber' | 'max_active_linknumber'
  | 'max_bandwidth_affected_linknumber' | 'operate_status' | 'number_of_up_port_in_trunk' | 'lag_id' | 'preempt_delay' | 'system_priority' | 'system_id'>;

const HEADER_KEYS: Record<string, keyof EthTrunkHeader> = {
  'workingmode': 'working_mode', 'hash arithmetic': 'hash_arithmetic', 'least active-linknumber': 'least_active_linknumber',
  'max active-linknumber': 'max_active_linknumber', 'max bandwidth-affected-linknumber': 'max_bandwidth_affected_linknumber',
  'operate status': 'operate_status', 'number of up port in trunk': 'number_of_up_port_in_trunk', 'lag id': 'lag_id',
  'preempt delay': 'preempt_delay', 'system priority': 'system_priority', 'system id': 'system_id',
};

const STATIC_TABLE = /^PortName\s+Status\s+Weight$/i;
const ACTOR_TABLE = /^ActorPortName\s+Status\s+PortType\s+PortPri\s+PortNo\s+PortKey\s+PortState\s+Weight$/i;
const PARTNER_TABLE = /^ActorPortName\s+SysPri\s+SystemID\s+PortPri\s+PortNo\s+PortKey\s+PortState$/i;

function emptyHeader(name: string): EthTrunkHeader {
  return {
    eth_trunk: name, working_mode: '', hash_arithmetic: '', least_active_linknumber: '', max_active_linknumber: '',
    max_bandwidth_affected_linknumber: '', operate_status: '', number_of_up_port_in_trunk: '', lag_id: '', preempt_delay: '',
    system_priority: '', system_id: '',
  };
}

function row(h: EthTrunkHeader, side: 'local' | 'partner', f: Partial<DisplayEthTrunkRow>): DisplayEthTrunkRow {
  return {
    ...h, side, interface: '', status: '', weight: '', port_type: '', port_priority: '', port_number: '', port_key: '', port_state: '',
    partner_system_priority: '', partner_system_id: '', ...f,
  };
}

/** One trunk: its header fields, local member rows and LACP partner rows. */
export interface EthTrunkBlock {
  header: EthTrunkHeader;
  local: DisplayEthTrunkRow[];
  partner: DisplayEthTrunkRow[];
}

/** The trunks of `display eth-trunk`, including trunks that have no member yet. */
export function parseDisplayEthTrunkBlocks(output: string, command = 'display eth-trunk'): EthTrunkBlock[] {
  const lines = nonBlank(prepare(output, command));
  if (lines.length === 1 && /^Info: No valid trunk in the system\.?$/i.test(lines[0]!.text.trim())) return [];
  const blocks: EthTrunkBlock[] = [];
  let cur: EthTrunkBlock | undefined;
  let table: 'none' | 'static' | 'actor' | 'partner' = 'none';
  const bad = (l: Line, why: string): never => fail(command, l, why);
  for (const l of lines) {
    const t = l.text.trim();
    const start = /^(Eth-Trunk\d+)'s state information is:$/i.exec(t);
    if (start) { cur = { header: emptyHeader(start[1]!), local: [], partner: [] }; blocks.push(cur); table = 'none'; continue; }
    if (!cur) return bad(l, 'expected "Eth-TrunkN\'s state information is:"');
    const h = cur.header;
    if (/^-{10,}$/.test(t) || /^Local:$/i.test(t)) continue;
    if (/^Partner:$/i.test(t)) { table = 'none'; continue; }
    if (STATIC_TABLE.test(t)) { table = 'static'; continue; }
    if (ACTOR_TABLE.test(t)) { table = 'actor'; continue; }
    if (PARTNER_TABLE.test(t)) { table = 'partner'; continue; }
    const w = t.split(/\s+/);
    if (table === 'static') {
      if (w.length !== 3 || !/^\d+$/.test(w[2]!)) bad(l, 'not a member row');
      cur.local.push(row(h, 'local', { interface: w[0]!, status: w[1]!, weight: w[2]! }));
      continue;
    }
    if (table === 'actor') {
      if (w.length !== 8 || !/^\d+$/.test(w[3]!)) bad(l, 'not an LACP actor row');
      cur.local.push(row(h, 'local', { interface: w[0]!, status: w[1]!, port_type: w[2]!, port_priority: w[3]!, port_number: w[4]!, port_key: w[5]!, port_state: w[6]!, weight: w[7]! }));
      continue;
    }
    if (table === 'partner') {
      if (w.length !== 7 || !/^\d+$/.test(w[1]!)) bad(l, 'not an LACP partner row');
      cur.partner.push(row(h, 'partner', {
        interface: w[0]!, partner_system_priority: w[1]!, partner_system_id: w[2]!, port_priority: w[3]!, port_number: w[4]!, port_key: w[5]!, port_state: w[6]!,
      }));
      continue;
    }
    const pairs = keyValues(t);
    if (!pairs) bad(l, 'not a "Key: value" header line');
    for (const [k, v] of pairs!) {
      const key = HEADER_KEYS[k.toLowerCase().replace(/\s+/g, ' ')];
      if (key) h[key] = v; // other keys (Timeout Period, Trunk Up Delay...) are valid and unused
    }
  }
  // rows were built while the header was still filling in: refresh them with the final header
  for (const b of blocks) for (const r of [...b.local, ...b.partner]) Object.assign(r, b.header);
  return blocks;
}

/** ntc-style rows: per trunk, the local member rows then the partner rows. */
export function parseDisplayEthTrunk(output: string, command = 'display eth-trunk'): DisplayEthTrunkRow[] {
  return parseDisplayEthTrunkBlocks(output, command).flatMap((b) => [...b.local, ...b.partner]);
}

function memberStatus(s: string): LagMemberStatus {
  const t = s.toLowerCase();
  if (t === 'selected') return 'selected';
  if (t === 'up') return 'up';
  if (t === 'down') return 'down';
  return 'unselected'; // Unselect, Indep
}

/** The uniform LAG list: one entry per trunk with its local members. */
export function mapVrpLags(blocks: EthTrunkBlock[]): LagInfo[] {
  return blocks.map((b) => ({
    name: b.header.eth_trunk,
    id: Number(/\d+$/.exec(b.header.eth_trunk)?.[0] ?? 0),
    mode: /^(?:NORMAL|MANUAL)$/i.test(b.header.working_mode) ? 'static' : 'lacp',
    members: b.local.map((r) => ({ port: normalizeVrpInterfaceName(r.interface), status: memberStatus(r.status) })),
    operUp: b.header.operate_status.toLowerCase() === 'up',
  }));
}
