/**
 * Where VRP puts each line of `display current-configuration` (reference/huawei-vrp.md §3.1:
 * "global, then vlan, aaa, interfaces in type/number order, routing protocols, snmp, ssh,
 * user-interface"), in the order the renderer (src/render/huawei-vrp) prints them, so that a
 * rendered configuration typed into the simulator reads back identical, and lines added later land
 * where the device would print them. The USG layout (../huawei-usg/layout.ts) extends this one.
 */
import type { Platform } from '../../../model/index.js';
import { getDialect } from '../../../render/index.js';
import type { ConfigLayout, Rank } from '../config-store.js';

export type RankRule = [RegExp, (m: RegExpExecArray) => Rank, string?];

/** Physical interface types in the order VRP prints them. */
export const VRP_PHYSICAL_TYPES = ['Ethernet', 'GigabitEthernet', 'XGigabitEthernet', '25GE', '40GE', '100GE', 'MEth'];

const nums = (s: string): number[] => s.split(/[/.:]/).map(Number);

/** Interface order: Vlanif, Eth-Trunk, physical (each followed by its sub-interfaces), Virtual-Template, NULL0, LoopBack, Tunnel. */
export function vrpInterfaceRank(name: string): Rank {
  let m: RegExpExecArray | null;
  if ((m = /^Vlanif(\d+)$/.exec(name))) return [0, Number(m[1])];
  if ((m = /^Eth-Trunk([\d.]+)$/.exec(name))) return [1, ...nums(m[1]!)];
  if ((m = /^Virtual-Template(\d+)$/.exec(name))) return [3, Number(m[1])];
  if (/^NULL\d+$/.test(name)) return [4];
  if ((m = /^LoopBack(\d+)$/.exec(name))) return [5, Number(m[1])];
  if ((m = /^Tunnel([\d/.]+)$/.exec(name))) return [6, ...nums(m[1]!)];
  if ((m = /^([A-Za-z0-9-]*?[A-Za-z-])(\d[\d/.:]*)$/.exec(name))) {
    const t = VRP_PHYSICAL_TYPES.indexOf(m[1]!);
    return [2, t < 0 ? VRP_PHYSICAL_TYPES.length : t, ...nums(m[2]!)];
  }
  return [7, name];
}

export function rankBy(rules: readonly RankRule[], line: string, fallback: Rank): Rank {
  for (const [re, f] of rules) {
    const m = re.exec(line);
    if (m) return f(m);
  }
  return fallback;
}

export function groupBy(rules: readonly RankRule[], line: string): string {
  for (const [re, , g] of rules) if (re.test(line)) return g ?? line;
  return line;
}

const c = (n: number) => (): Rank => [n];

/** Top-level lines and sections. `vlan N` blocks, classifier/behavior/policy blocks, the user interfaces and the one-line families share a section. */
export function vrpTopRules(tail: readonly RankRule[]): RankRule[] {
  return [
    [/^sysname /, c(0), 'sysname'],
    [/^stp /, c(3), 'stp'],
    [/^clock /, c(4), 'clock'],
    [/^l2tp enable$/, c(5), 'l2tp'],
    [/^vlan batch /, c(10), 'vlan batch'],
    [/^(?:undo )?lldp enable$/, c(20), 'lldp'],
    [/^ip vpn-instance /, c(30)],
    [/^mpls lsr-id /, c(40), 'mpls'],
    [/^mpls$/, c(41), 'mpls'],
    [/^mpls ldp$/, c(42)],
    [/^vlan (\d+)$/, (m) => [50, Number(m[1])], 'vlan blocks'],
    [/^acl (?:number|name) /, c(55)],
    [/^traffic classifier /, c(60), 'traffic classifier'],
    [/^traffic behavior /, c(61), 'traffic behavior'],
    [/^traffic policy /, c(62), 'traffic policy'],
    [/^aaa$/, c(70)],
    [/^ntp-service /, c(75), 'ntp'],
    [/^info-center /, c(76), 'info-center'],
    [/^interface (\S+)$/, (m) => [80, ...vrpInterfaceRank(m[1]!)]],
    ...tail,
    [/^ip route-static /, c(100), 'ip route-static'],
    [/^snmp-agent/, c(110), 'snmp-agent'],
    [/^(?:stelnet server |ssh )/, c(120), 'ssh'],
    [/^user-interface con /, () => [130, 0], 'user-interface'],
    [/^user-interface vty /, () => [130, 1], 'user-interface'],
  ];
}

const VRP_TOP = vrpTopRules([[/^bgp /, c(95)], [/^ospf (\d+)/, (m) => [96, Number(m[1])]]]);

const VRRP_FIELDS = ['virtual-ip', 'priority', 'preempt-mode', 'timer', 'track', 'authentication-mode'];

/** Interface sub-lines in the renderer's order (src/render/huawei-vrp/interfaces.ts). */
export function vrpInterfaceRules(overrides: readonly RankRule[] = []): RankRule[] {
  return [
    ...overrides,
    [/^(?:undo )?portswitch$/, c(0)],
    [/^undo negotiation auto$/, c(1)],
    [/^description /, c(2)],
    [/^(?:vlan-type dot1q|dot1q termination vid) /, c(3)],
    [/^shutdown$/, c(4)],
    [/^ppp /, c(6)],
    [/^eth-trunk /, c(7)],
    [/^port link-type /, c(10)],
    [/^port default vlan /, c(11)],
    [/^(?:undo )?port trunk allow-pass vlan /, c(12)],
    [/^port trunk pvid vlan /, c(13)],
    [/^mode /, c(14)],
    [/^ip binding vpn-instance /, c(20)],
    [/^ip address \S+ \S+ sub$/, c(22)],
    [/^ip address /, c(21)],
    [/^remote address /, c(25)],
    [/^vrrp vrid (\d+) (\S+)/, (m) => [30, Number(m[1]), Math.max(0, VRRP_FIELDS.indexOf(m[2]!))]],
    [/^(?:undo )?vrrp vrid (\d+) (\S+)/, (m) => [30, Number(m[1]), Math.max(0, VRRP_FIELDS.indexOf(m[2]!))]],
    [/^(?:speed|duplex) /, c(40)],
    [/^trust /, c(45)],
    [/^traffic-policy /, c(46)],
    [/^traffic-filter /, c(47)],
    [/^mpls$/, c(50)],
    [/^mpls ldp$/, c(51)],
    [/^(?:undo )?lldp /, c(55)],
    [/^stp /, c(56)],
    [/^service-manage enable$/, c(59)],
    [/^service-manage /, c(60)],
  ];
}

const VRP_INTERFACE = vrpInterfaceRules();

/** Sub-lines of the other sections. */
export const VRP_SECTION_RULES: [RegExp, RankRule[]][] = [
  [/^ip vpn-instance /, [[/^description /, c(0)], [/^ipv4-family/, c(5)], [/^route-distinguisher /, c(10)], [/^vpn-target /, c(11)]]],
  [/^ipv4-family$/, [[/^route-distinguisher /, c(10)], [/^vpn-target /, c(11)]]],
  [/^bgp /, [[/^router-id /, c(1)], [/^peer /, c(10)], [/^ipv4-family /, c(20)]]],
  [/^ipv4-family \S/, [[/^(?:undo )?synchronization$/, c(1)], [/^policy /, c(2)], [/^preference /, c(3)], [/^import-route /, c(5)], [/^peer /, c(10)]]],
  [/^ospf \d+/, [[/^area (\d+)\.(\d+)\.(\d+)\.(\d+)$/, (m) => [1, ...m.slice(1, 5).map(Number)]]]],
  [/^area /, [[/^network /, c(1)]]],
  [/^aaa$/, [[/^authentication-scheme /, c(0)], [/^local-user /, c(1)], [/^ip pool /, c(20)]]],
  [/^user-interface /, [
    [/^authentication-mode /, c(1)], [/^user privilege /, c(2)], [/^protocol inbound /, c(3)], [/^idle-timeout /, c(4)], [/^acl /, c(5)],
  ]],
  [/^vlan \d+$/, [[/^description /, c(1)], [/^name /, c(0)]]],
];

/** The rank of a line under its parent, with the interface table for interface sections. */
export function sectionRank(interfaceRules: readonly RankRule[], sections: readonly [RegExp, RankRule[]][], parent: string, line: string): Rank {
  if (/^interface /.test(parent)) return rankBy(interfaceRules, line, [1000]);
  for (const [re, rules] of sections) if (re.test(parent)) return rankBy(rules, line, [1000]);
  return [1000];
}

export function makeVrpLayout(platform: Platform, top: readonly RankRule[], interfaceRules: readonly RankRule[], sections: readonly [RegExp, RankRule[]][]): ConfigLayout {
  const dialect = getDialect(platform);
  return {
    platform,
    rank: (parent, line) => (parent === undefined ? rankBy(top, line, [1000]) : sectionRank(interfaceRules, sections, parent, line)),
    group: (line) => groupBy(top, line),
    nestedSeparator: (parent, line) => /^bgp /.test(parent) && /^ipv4-family /.test(line),
    leadingDelimiter: true,
    hiddenWhenEmpty: (line) => /^vlan \d+$/.test(line),
    families: (parent) => dialect.families(parent),
  };
}

export const huaweiVrpLayout: ConfigLayout = makeVrpLayout('huawei-vrp', VRP_TOP, VRP_INTERFACE, VRP_SECTION_RULES);
