/**
 * RGOS interface names. The device prints the type, one space, then the number
 * (`GigabitEthernet 0/1`, `AggregatePort 1`, `VLAN 10`; reference/ruijie-rgos.md §1.1) and lists
 * physical interfaces by type, then slot, then port (§3.1: Gi 2/x, Gi 9/x, Te 5/x, Te 6/x).
 */

/** Physical interface types in the order the running configuration lists them (slowest first). */
const TYPE_ORDER = [
  'FastEthernet', 'GigabitEthernet', 'TFGigabitEthernet', 'TenGigabitEthernet', 'TwentyFiveGigabitEthernet',
  'FortyGigabitEthernet', 'HundredGigabitEthernet',
];

const NAME = /^([A-Za-z][A-Za-z-]*?)\s*(\d+(?:\/\d+)*)$/;

/** `GigabitEthernet0/1`, `gigabitethernet 0/1` → `GigabitEthernet 0/1`; anything unparsable as written. */
export function canonicalizePortName(name: string): string {
  const m = NAME.exec(name.trim());
  if (!m) return name.trim();
  const known = TYPE_ORDER.find((t) => t.toLowerCase() === m[1]!.toLowerCase());
  return `${known ?? m[1]} ${m[2]}`;
}

/** The key two spellings of one port share (`GigabitEthernet 0/1` = `GigabitEthernet0/1`). */
export function toPortKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** Sort physical interfaces as `show running-config` lists them: type, then each number in turn. */
export function comparePortNames(a: string, b: string): number {
  const ma = NAME.exec(a);
  const mb = NAME.exec(b);
  if (!ma || !mb) return ma ? -1 : mb ? 1 : a.localeCompare(b);
  const ta = TYPE_ORDER.indexOf(ma[1]!);
  const tb = TYPE_ORDER.indexOf(mb[1]!);
  const ra = ta < 0 ? TYPE_ORDER.length : ta;
  const rb = tb < 0 ? TYPE_ORDER.length : tb;
  if (ra !== rb) return ra - rb || ma[1]!.localeCompare(mb[1]!);
  const na = ma[2]!.split('/').map(Number);
  const nb = mb[2]!.split('/').map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export const nameAggregatePort = (id: number): string => `AggregatePort ${id}`;
export const nameVlanInterface = (vlan: number): string => `VLAN ${vlan}`;

/**
 * A model interface reference (a port name, or `lag:N` for an aggregate, as VRRP tracks use) as RGOS
 * names it.
 */
export function resolveInterfaceRef(ref: string): string {
  const lag = /^lag:(\d+)$/i.exec(ref.trim());
  if (lag) return nameAggregatePort(Number(lag[1]));
  return canonicalizePortName(ref);
}
