/**
 * `show aggregatePort summary`. No real Ruijie capture exists; layout from reference/ruijie-rgos.md
 * §3.4 (seen on an RGOS-based QTech switch; RGOS 10 may omit `Load balance`) and the lab.
 */
import { fail, nonBlank, prepare } from '../../common/text.js';
import type { LagInfo, LagMemberStatus } from '../../types.js';
import { normalizeRgosInterfaceName } from './interface-names.js';
import type { ShowInterfacesStatusRow } from './show-interfaces.js';

export interface ShowAggregatePortSummaryRow {
  aggregate_port: string;
  max_ports: string;
  switch_port: string;
  mode: string;
  load_balance: string;
  /** Member ports as printed (`Gi0/1`, `Hu0/55`). */
  ports: string[];
}

export function parseShowAggregatePortSummary(output: string, command = 'show aggregatePort summary'): ShowAggregatePortSummaryRow[] {
  const rows: ShowAggregatePortSummaryRow[] = [];
  let header: 'none' | 'balance' | 'plain' = 'none';
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (header === 'none') {
      if (/^AggregatePort\s+MaxPorts\s+SwitchPort\s+Mode\s+Load balance\s+Ports$/i.test(t)) { header = 'balance'; continue; }
      if (/^AggregatePort\s+MaxPorts\s+SwitchPort\s+Mode\s+Ports$/i.test(t)) { header = 'plain'; continue; }
      fail(command, l, 'expected the table header');
    }
    if (/^[-\s]+$/.test(t)) continue;
    const re = header === 'balance'
      ? /^(Ag\s*\d+|AggregatePort\s*\d+)\s+(\d+)\s+(Enabled|Disabled)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/i
      : /^(Ag\s*\d+|AggregatePort\s*\d+)\s+(\d+)\s+(Enabled|Disabled)\s+(\S+)()(?:\s+(.*))?$/i;
    const m = re.exec(t);
    if (!m) fail(command, l, 'not an aggregate port row');
    const ports = (m[6] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    rows.push({ aggregate_port: m[1]!, max_ports: m[2]!, switch_port: m[3]!, mode: m[4]!, load_balance: m[5] ?? '', ports });
  }
  return rows;
}

/** `port-group N mode active|passive` lines of the configuration → ids of LACP aggregate ports. */
export function parseLacpPortGroups(config: string, command = 'show running-config | include port-group'): Set<number> {
  const out = new Set<number>();
  for (const l of nonBlank(prepare(config, command))) {
    const m = /^\s*port-group\s+(\d+)\s+mode\s+(active|passive)\b/.exec(l.text);
    if (m) out.add(Number(m[1]));
  }
  return out;
}

/**
 * Uniform LAGs. Member status (`up`/`down`) and the AP's state come from `show interfaces status`
 * when given; mode is `lacp` for the ids in `lacpIds` (from the configuration), else `static`.
 */
export function mapRgosLags(rows: ShowAggregatePortSummaryRow[], status: ShowInterfacesStatusRow[] = [], lacpIds: ReadonlySet<number> = new Set()): LagInfo[] {
  const st = new Map(status.map((s) => [normalizeRgosInterfaceName(s.interface), s.status.toLowerCase()]));
  return rows.map((r) => {
    const name = normalizeRgosInterfaceName(r.aggregate_port);
    const id = Number(/\d+$/.exec(name)?.[0] ?? 0);
    const members = r.ports.map((p) => {
      const port = normalizeRgosInterfaceName(p);
      const s = st.get(port);
      const status: LagMemberStatus = s === 'up' || s === 'connected' ? 'up' : 'down';
      return { port, status };
    });
    const own = st.get(name);
    return {
      name, id,
      mode: lacpIds.has(id) ? 'lacp' as const : 'static' as const,
      members,
      operUp: own !== undefined ? own === 'up' || own === 'connected' : members.some((m) => m.status === 'up'),
    };
  });
}

/** LAG membership of each port (full names), for the interfaces getter. */
export function rgosLagMembership(rows: ShowAggregatePortSummaryRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) for (const p of r.ports) out.set(normalizeRgosInterfaceName(p), normalizeRgosInterfaceName(r.aggregate_port));
  return out;
}
