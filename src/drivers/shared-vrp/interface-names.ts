/**
 * VRP interface names: abbreviations (`GE0/0/1`, `XGE0/0/1`, `Eth-Trunk1`, `Vlanif10`, `Loop0`)
 * and case variants normalised to the full name the device stores (`GigabitEthernet0/0/1`).
 * Names that are already full on CloudEngine (`10GE1/0/1`, `40GE1/0/1`, `100GE1/0/1`) stay as they are.
 */

const CANONICAL: readonly string[] = [
  'XGigabitEthernet', 'GigabitEthernet', 'MultiGE', 'Ethernet', 'Eth-Trunk', 'Vlanif', 'LoopBack', 'InLoopBack', 'NULL',
  'MEth', 'Virtual-Template', 'Virtual-Ethernet', 'Virtual-if', 'Tunnel', 'Dialer', 'Cellular', 'Aux', 'Serial',
  'Wlan-Bss', 'Wlan-Radio', 'Wlan-Dbss', 'Vbdif', 'Nve', 'Ip-Trunk', 'Pos', 'Console', 'Stack-Port',
  '400GE', '200GE', '100GE', '50GE', '40GE', '25GE', '10GE',
];

/** Abbreviation → full type name (display tables, LLDP, ARP). */
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/^XGE$/i, 'XGigabitEthernet'],
  [/^GE$/i, 'GigabitEthernet'],
  [/^(?:Eth|E)$/i, 'Ethernet'],
  [/^(?:Eth-Trunk|ETH-TRUNK|Trunk)$/i, 'Eth-Trunk'],
  [/^(?:Vlanif|Vlan-interface|Vlan|Vif)$/i, 'Vlanif'],
  [/^(?:LoopBack|Loop|Lo)$/i, 'LoopBack'],
  [/^MGE$/i, 'MultiGE'],
  [/^(?:Tun)$/i, 'Tunnel'],
  [/^(?:VT)$/i, 'Virtual-Template'],
];

const SPLIT = /^([A-Za-z][A-Za-z-]*?|\d+GE)\s*(\d[\d/:.]*)$/;

/**
 * The full name of a VRP interface. Unknown types are returned unchanged (trimmed),
 * so a parser never invents a name; a `(10G)`/`(v)` suffix is not expected here (see splitVrpSuffix).
 */
export function normalizeVrpInterfaceName(name: string): string {
  const t = name.trim();
  const m = SPLIT.exec(t);
  if (!m) return t;
  const [, type, num] = m as unknown as [string, string, string];
  const canonical = CANONICAL.find((c) => c.toLowerCase() === type.toLowerCase());
  if (canonical) return canonical + num;
  for (const [re, full] of ABBREVIATIONS) if (re.test(type)) return full + num;
  return t;
}

/** `GigabitEthernet1/0/0(10G)` → name and suffix flags (`10G`, `v`, `a`...). */
export function splitVrpSuffix(raw: string): { name: string; flags: string[] } {
  const flags: string[] = [];
  let name = raw.trim();
  for (let m = /\(([^()]*)\)$/.exec(name); m; m = /\(([^()]*)\)$/.exec(name)) {
    flags.unshift(m[1]!);
    name = name.slice(0, m.index);
  }
  return { name, flags };
}

/** Nominal speed in Mbit/s of a VRP port type; null for logical interfaces. */
export function vrpNominalSpeedMbps(fullName: string): number | null {
  const m = /^([A-Za-z-]+|\d+GE)\d/.exec(fullName);
  const type = m?.[1] ?? '';
  const ge = /^(\d+)GE$/.exec(type);
  if (ge) return Number(ge[1]) * 1000;
  switch (type) {
    case 'XGigabitEthernet': return 10000;
    case 'GigabitEthernet': return 1000;
    case 'MultiGE': return 10000;
    case 'Ethernet': return 100;
    case 'MEth': return 1000;
    default: return null;
  }
}

/** Mbit/s of a speed flag such as `10G`, `40G`, `100M`; undefined if it is not a speed. */
export function speedFlagMbps(flag: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([GM])$/i.exec(flag);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (m[2]!.toUpperCase() === 'G' ? 1000 : 1));
}
