/**
 * RGOS interface names: `Gi0/1`, `GigabitEthernet0/1`, `gi 0/1`, `Ag1`, `Vl10`, `TF0/1` →
 * the full name with one blank before the number, as RGOS stores it (`GigabitEthernet 0/1`,
 * `AggregatePort 1`, `VLAN 10`, `TFGigabitEthernet 0/1`).
 */

const TYPES: readonly [RegExp, string][] = [
  [/^(?:HundredGigabitEthernet|Hu|HundredGigE)$/i, 'HundredGigabitEthernet'],
  [/^(?:FortyGigabitEthernet|Fo|FortyGigE)$/i, 'FortyGigabitEthernet'],
  [/^(?:TFGigabitEthernet|TF|TwentyFiveGigE|TwentyFiveGigabitEthernet)$/i, 'TFGigabitEthernet'],
  [/^(?:TenGigabitEthernet|Te|Ten|TenGigE)$/i, 'TenGigabitEthernet'],
  [/^(?:GigabitEthernet|Gi|Gig|GE)$/i, 'GigabitEthernet'],
  [/^(?:FastEthernet|Fa)$/i, 'FastEthernet'],
  [/^(?:AggregatePort|Ag|Agg|Po)$/i, 'AggregatePort'],
  [/^(?:VLAN|Vl|Vlan)$/i, 'VLAN'],
  [/^(?:Loopback|Lo)$/i, 'Loopback'],
  [/^(?:Mgmt|Mg)$/i, 'Mgmt'],
  [/^(?:Null|Nu)$/i, 'Null'],
  [/^(?:Tunnel|Tu)$/i, 'Tunnel'],
];

export function normalizeRgosInterfaceName(name: string): string {
  const t = name.trim();
  const m = /^([A-Za-z][A-Za-z-]*?)\s*(\d[\d/:.]*)$/.exec(t);
  if (!m) return t;
  for (const [re, full] of TYPES) if (re.test(m[1]!)) return `${full} ${m[2]}`;
  return t;
}

/** Nominal speed in Mbit/s of an RGOS port type; null for logical interfaces. */
export function rgosNominalSpeedMbps(fullName: string): number | null {
  const type = fullName.split(' ')[0];
  switch (type) {
    case 'HundredGigabitEthernet': return 100000;
    case 'FortyGigabitEthernet': return 40000;
    case 'TFGigabitEthernet': return 25000;
    case 'TenGigabitEthernet': return 10000;
    case 'GigabitEthernet': return 1000;
    case 'FastEthernet': return 100;
    default: return null;
  }
}

/** `1000M`, `10G`, `100M`, `Unknown`, `auto` → Mbit/s or null. */
export function rgosSpeedMbps(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([GM])(?:b(?:ps)?)?$/i.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2]!.toUpperCase() === 'G' ? 1000 : 1));
}
