/**
 * `show ip vrf` (Cisco `ip vrf` style of RGOS 10) and the `ip vrf` sections of
 * `show running-config` (route targets are not in the table). No real capture exists; layout
 * from reference/ruijie-rgos.md §2.6 (configuration) and the lab simulator.
 */
import { fail, nonBlank, prepare } from '../../common/text.js';
import type { VpnInstanceInfo } from '../../types.js';
import { normalizeRgosInterfaceName } from './interface-names.js';

export interface ShowIpVrfRow {
  name: string;
  /** `<not set>` when the VRF has no RD. */
  default_rd: string;
  interfaces: string[];
}

const IF_NAME = /^[A-Za-z][A-Za-z-]*\s?\d[\d/:.]*$/;

export function parseShowIpVrf(output: string, command = 'show ip vrf'): ShowIpVrfRow[] {
  const rows: ShowIpVrfRow[] = [];
  let header = false;
  for (const l of nonBlank(prepare(output, command))) {
    const t = l.text.trim();
    if (!header) {
      if (/^Name\s+Default RD\s+Interfaces$/i.test(t)) { header = true; continue; }
      fail(command, l, 'expected the table header');
    }
    // continuation: only an interface, indented under the Interfaces column
    if (/^\s{20,}\S/.test(l.text) && IF_NAME.test(t) && rows.length > 0) { rows[rows.length - 1]!.interfaces.push(t); continue; }
    const m = /^(\S+)\s+(<not set>|\S+:\S+)(?:\s+(.+))?$/.exec(t);
    if (!m) fail(command, l, 'not a VRF row');
    const ifs = (m[3] ?? '').split(/\s*,\s*|\s{2,}/).map((s) => s.trim()).filter(Boolean);
    for (const i of ifs) if (!IF_NAME.test(i)) fail(command, l, `bad interface name "${i}"`);
    rows.push({ name: m[1]!, default_rd: m[2]!, interfaces: ifs });
  }
  return rows;
}

/** The `ip vrf NAME` / `vrf definition NAME` sections of a configuration. */
export interface RgosVrfConfig {
  name: string;
  rd: string | null;
  importTargets: string[];
  exportTargets: string[];
}

export function parseRgosVrfConfig(config: string, command = 'show running-config'): RgosVrfConfig[] {
  const out: RgosVrfConfig[] = [];
  let cur: RgosVrfConfig | undefined;
  for (const l of prepare(config, command)) {
    const top = /^(?:ip vrf|vrf definition)\s+(\S+)$/.exec(l.text);
    if (top) { cur = { name: top[1]!, rd: null, importTargets: [], exportTargets: [] }; out.push(cur); continue; }
    if (!/^\s/.test(l.text)) { cur = undefined; continue; }
    if (!cur) continue;
    const t = l.text.trim();
    const rd = /^rd\s+(\S+)$/.exec(t);
    if (rd) { cur.rd = rd[1]!; continue; }
    const rt = /^route-target\s+(import|export|both)\s+(\S+)$/.exec(t);
    if (rt) {
      if (rt[1] !== 'export') cur.importTargets.push(rt[2]!);
      if (rt[1] !== 'import') cur.exportTargets.push(rt[2]!);
    }
  }
  return out;
}

/** Uniform VPN instances: name, RD and interfaces from `show ip vrf`, route targets from the configuration. */
export function mapRgosVpnInstances(rows: ShowIpVrfRow[], config: RgosVrfConfig[] = []): VpnInstanceInfo[] {
  const cfg = new Map(config.map((c) => [c.name, c]));
  return rows.map((r) => {
    const c = cfg.get(r.name);
    return {
      name: r.name,
      rd: /^<not set>$/i.test(r.default_rd) ? c?.rd ?? null : r.default_rd,
      importTargets: c?.importTargets ?? [],
      exportTargets: c?.exportTargets ?? [],
      interfaces: r.interfaces.map(normalizeRgosInterfaceName),
    };
  });
}
