/**
 * `display interface brief` and `display interface description` (VRP5 and VRP8, also USG).
 * reference/huawei-vrp.md §3.2; captures in ntc-templates huawei_vrp/display_interface_brief,
 * display_interface_description, napalm-ce and napalm-huawei-vrp.
 */
import { fail, nonBlank, prepare, requireOutput } from '../common/text.js';
import type { InterfaceInfo } from '../types.js';
import { normalizeVrpInterfaceName, speedFlagMbps, splitVrpSuffix, vrpNominalSpeedMbps } from './interface-names.js';

const LEGEND = /^\s*(?:[*^#!\-]?[\w/()]+|\([\w]+\)):\s?\S/;

/** A raw row of `display interface brief`, named as ntc-templates names it (plus `trunk`). */
export interface DisplayInterfaceBriefRow {
  /** As printed, with a `(10G)`/`(v)` suffix if any. */
  interface: string;
  phy: string;
  protocol: string;
  inuti: string;
  oututi: string;
  inerrors: string;
  outerrors: string;
  /** The Eth-Trunk this row is indented under (a member), else ''. Not an ntc field. */
  trunk: string;
}

const STATE = String.raw`(?:[*^#!\-]?(?:up|down)(?:\([a-zA-Z]+\))*|[*^#!\-]?\w+)`;
const UTIL = String.raw`(?:[\d.]+%|--|-)`;
const BRIEF_ROW = new RegExp(String.raw`^(\s*)(\S+)\s+(${STATE})\s+(${STATE})\s+(${UTIL})\s+(${UTIL})\s+(\d+|--)\s+(\d+|--)$`);

export function parseDisplayInterfaceBrief(output: string, command = 'display interface brief'): DisplayInterfaceBriefRow[] {
  const lines = nonBlank(requireOutput(command, prepare(output, command)));
  const rows: DisplayInterfaceBriefRow[] = [];
  let header = false;
  let trunk = '';
  for (const l of lines) {
    if (!header) {
      if (/^Interface\s+PHY\s+Protocol\s+InUti\s+OutUti\s+inErrors\s+outErrors$/i.test(l.text.trim())) header = true;
      else if (!LEGEND.test(l.text)) fail(command, l, 'expected the legend or the table header');
      continue;
    }
    const m = BRIEF_ROW.exec(l.text);
    if (!m) fail(command, l, 'not an interface row');
    const [, indent, name, phy, protocol, inuti, oututi, inerrors, outerrors] = m as unknown as string[];
    if (indent!.length === 0) trunk = /^Eth-Trunk\d+$/i.test(splitVrpSuffix(name!).name) ? splitVrpSuffix(name!).name : '';
    rows.push({
      interface: name!, phy: phy!, protocol: protocol!, inuti: inuti!, oututi: oututi!, inerrors: inerrors!, outerrors: outerrors!,
      trunk: indent!.length > 0 ? trunk : '',
    });
  }
  if (!header && lines.length > 0) fail(command, lines[lines.length - 1]!, 'no table header');
  return rows;
}

/** A raw row of `display interface description` (ntc-templates field names). */
export interface DisplayInterfaceDescriptionRow {
  interface: string;
  phy: string;
  protocol: string;
  description: string;
}

const DESC_ROW = new RegExp(String.raw`^(\S+)\s+(${STATE})\s+(${STATE})(?:\s+(.*))?$`);

export function parseDisplayInterfaceDescription(output: string, command = 'display interface description'): DisplayInterfaceDescriptionRow[] {
  const lines = nonBlank(requireOutput(command, prepare(output, command)));
  const rows: DisplayInterfaceDescriptionRow[] = [];
  let header = false;
  for (const l of lines) {
    if (!header) {
      if (/^Interface\s+PHY\s+Protocol\s+Description$/i.test(l.text.trim())) header = true;
      else if (!LEGEND.test(l.text)) fail(command, l, 'expected the legend or the table header');
      continue;
    }
    const m = DESC_ROW.exec(l.text.trim());
    if (!m) fail(command, l, 'not an interface row');
    rows.push({ interface: m[1]!, phy: m[2]!, protocol: m[3]!, description: m[4] ?? '' });
  }
  if (!header && lines.length > 0) fail(command, lines[lines.length - 1]!, 'no table header');
  return rows;
}

/** `up`, `up(l)`, `*down`, `^down`... → is the state up. */
function isUp(state: string): boolean {
  return /^up\b/i.test(state);
}

/** Full interface name → description, from `display interface description` rows. */
export function descriptionsOf(rows: DisplayInterfaceDescriptionRow[]): Map<string, string> {
  return new Map(rows.map((d) => [normalizeVrpInterfaceName(splitVrpSuffix(d.interface).name), d.description]));
}

/**
 * Full interface name → description, from the `interface X` sections of
 * `display current-configuration` (every VRP release and the USG print them; reference/huawei-vrp.md §3.1).
 */
export function parseConfigInterfaceDescriptions(config: string, command = 'display current-configuration'): Map<string, string> {
  const out = new Map<string, string>();
  let cur: string | undefined;
  for (const l of prepare(config, command)) {
    const top = /^interface\s+(\S.*)$/.exec(l.text);
    if (top) { cur = normalizeVrpInterfaceName(top[1]!); continue; }
    if (!/^\s/.test(l.text)) { cur = undefined; continue; }
    const d = /^ description (.*)$/.exec(l.text);
    if (cur && d) out.set(cur, d[1]!);
  }
  return out;
}

/**
 * The uniform interface list: state and LAG membership from `display interface brief`, the
 * description from `descriptions` (full name → text; see descriptionsOf, parseConfigInterfaceDescriptions).
 * operUp follows the PHY column. Speed: the `(10G)` suffix when printed, else the nominal speed of
 * the port type; null for logical interfaces (Eth-Trunk, Vlanif, LoopBack...) and sub-interfaces.
 */
export function mapVrpInterfaces(brief: DisplayInterfaceBriefRow[], descriptions: ReadonlyMap<string, string> = new Map()): InterfaceInfo[] {
  return brief.map((r) => {
    const { name: printed, flags } = splitVrpSuffix(r.interface);
    const name = normalizeVrpInterfaceName(printed);
    const flagged = flags.map(speedFlagMbps).find((s) => s !== undefined);
    const isSub = name.includes('.');
    return {
      name,
      adminUp: !r.phy.startsWith('*'),
      // operational state = the PHY column (link); Protocol is down on a routed port without an address
      operUp: isUp(r.phy),
      speedMbps: flagged ?? (isSub ? null : vrpNominalSpeedMbps(name)),
      description: descriptions.get(name) ?? '',
      lag: r.trunk ? normalizeVrpInterfaceName(r.trunk) : null,
    };
  });
}
