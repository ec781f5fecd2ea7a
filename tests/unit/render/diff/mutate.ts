/**
 * A running configuration derived from an intended one: about `rate` of its configuration lines
 * dropped or altered, secret tokens shown as cipher text as a device shows them. Deterministic for a
 * seed (mulberry32). Only states a device can be in: never a delimiter, the terminator or a line
 * holding sub-lines; never a line others depend on (a port's mode); values are altered only where any
 * value is valid (descriptions, names, priorities, delays, route preferences), so that no port lands
 * in a VLAN that does not exist and no interface in two zones. A VRP VRRP group whose last virtual
 * address went loses its other lines too, as on the device (`undo vrrp vrid N virtual-ip X` deletes
 * the group with its last address).
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Lines other lines depend on (a port's mode, VLANs, an SSH user, the SNMP agent, an RD, the primary
 * address VRRP needs, a BGP peer), and ports (always shown).
 */
const KEEP = /^(port link-type |switchport mode |undo portswitch$|portswitch$|no switchport$|vlan batch |vlan \d+$|ssh user \S+$|snmp-agent$|interface |route-distinguisher |rd |ip address \S+ \S+$|peer \S+ as-number )/;
/** Lines whose value may change to any other. */
const ALTER = /^(description |name |vrrp vrid \d+ (priority|preempt-mode timer delay) |vrrp \d+ (priority|preempt delay) |snmp-agent sys-info location |snmp-server location |ip route-static .* preference \d+|ip route .* \d+\.\d+\.\d+\.\d+ \d+$)/;

export function mutateConfig(intended: string, seed: number, opts: { delimiter: string; terminator: string; rate?: number; cipher?: string }): string {
  const rnd = prng(seed);
  const rate = opts.rate ?? 0.05;
  const lines = intended.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = opts.cipher === undefined ? lines[i]! : lines[i]!.replace(/\{\{secret:[^}]+\}\}/g, opts.cipher);
    const body = line.trimStart();
    const indent = line.length - body.length;
    const next = lines[i + 1] ?? '';
    const hasChildren = next.length - next.trimStart().length > indent;
    if (body === '' || body === opts.delimiter || body === opts.terminator || hasChildren || KEEP.test(body) || rnd() >= rate) { out.push(line); continue; }
    if (rnd() < 0.5 || !ALTER.test(body)) continue; // dropped
    const digits = /(\d+)(?!.*\d)/.exec(line);
    out.push(digits && !/^(description|name) /.test(body)
      ? line.slice(0, digits.index) + String(Number(digits[1]) + 1) + line.slice(digits.index + digits[1]!.length)
      : `${line} x`);
  }
  return withoutOrphanVrrp(out).join('\n');
}

/** Drop `vrrp vrid N ...` lines of a section that no longer has a `vrrp vrid N virtual-ip`. */
function withoutOrphanVrrp(lines: readonly string[]): string[] {
  const keep: boolean[] = lines.map(() => true);
  let start = 0;
  const flush = (end: number): void => {
    const withVip = new Set<string>();
    for (let i = start; i < end; i++) {
      const m = /^\s+vrrp vrid (\d+) virtual-ip /.exec(lines[i]!);
      if (m) withVip.add(m[1]!);
    }
    for (let i = start; i < end; i++) {
      const m = /^\s+vrrp vrid (\d+) /.exec(lines[i]!);
      if (m && !withVip.has(m[1]!)) keep[i] = false;
    }
  };
  lines.forEach((l, i) => {
    if (!/^\s/.test(l)) { flush(i); start = i; }
  });
  flush(lines.length);
  return lines.filter((_l, i) => keep[i]);
}
