/**
 * Where RGOS prints each line of `show running-config` (reference/ruijie-rgos.md §3.1), in the
 * renderer's stanza order (src/render/ruijie-rgos/index.ts): hostname, ACLs, QoS class/policy maps,
 * username, services, SSH, enable services, VRFs, VLANs, interfaces (physical, AggregatePort, VLAN,
 * Loopback), static routes, SNMP, line vty. `!` between stanzas, none before the first.
 */
import { getDialect } from '../../../render/index.js';
import type { ConfigLayout, Rank } from '../config-store.js';
import { type RankRule, groupBy, rankBy } from '../huawei-vrp/layout.js';

const c = (n: number) => (): Rank => [n];

export const RGOS_PHYSICAL_TYPES = [
  'FastEthernet', 'GigabitEthernet', 'TFGigabitEthernet', 'TenGigabitEthernet', 'TwentyFiveGigabitEthernet',
  'FortyGigabitEthernet', 'HundredGigabitEthernet',
];

const nums = (s: string): number[] => s.split(/[/.]/).map(Number);

export function rgosInterfaceRank(name: string): Rank {
  const m = /^([A-Za-z-]+) (\d[\d/.]*)$/.exec(name);
  if (!m) return [9, name];
  const [, type, number] = m;
  if (type === 'AggregatePort') return [1, ...nums(number!)];
  if (type === 'VLAN') return [2, ...nums(number!)];
  if (type === 'Loopback') return [3, ...nums(number!)];
  if (type === 'Mgmt') return [4, ...nums(number!)];
  if (type === 'Tunnel') return [5, ...nums(number!)];
  const t = RGOS_PHYSICAL_TYPES.indexOf(type!);
  return [0, t < 0 ? RGOS_PHYSICAL_TYPES.length : t, ...nums(number!)];
}

const TOP: RankRule[] = [
  [/^hostname /, c(0), 'hostname'],
  [/^ip access-list /, c(10)],
  [/^class-map /, c(11)],
  [/^policy-map /, c(12)],
  [/^username /, c(20), 'username'],
  [/^service /, c(30), 'service'],
  [/^ip ssh /, c(40), 'ip ssh'],
  [/^(?:no )?enable service /, c(50), 'enable service'],
  [/^enable (?:secret|password) /, c(51), 'enable secret'],
  [/^aggregateport /, c(55), 'aggregateport'],
  [/^(?:no )?lldp /, c(56), 'lldp'],
  [/^ip vrf /, c(60)],
  [/^vrf definition /, c(60)],
  [/^vlan range /, () => [70, 0]],
  [/^vlan (\d+)$/, (m) => [70, Number(m[1])]],
  [/^interface (.+)$/, (m) => [80, ...rgosInterfaceRank(m[1]!)]],
  [/^router /, c(85)],
  [/^ip route /, c(90), 'ip route'],
  [/^ntp /, c(92), 'ntp'],
  [/^logging /, c(93), 'logging'],
  [/^(?:no )?snmp-server /, c(100), 'snmp-server'],
  [/^line console /, () => [110, 0]],
  [/^line vty /, () => [110, 1]],
];

const VRRP_FIELDS = ['ip', 'preempt', 'priority', 'timers', 'track', 'authentication', 'description'];

const INTERFACE: RankRule[] = [
  [/^(?:speed|duplex) /, c(0)],
  [/^(?:no )?switchport$/, c(1)],
  [/^description /, c(2)],
  [/^shutdown$/, c(3)],
  [/^port-group /, c(4)],
  [/^switchport mode /, c(5)],
  [/^switchport access vlan /, c(6)],
  [/^switchport trunk native vlan /, c(7)],
  [/^switchport trunk allowed vlan /, c(8)],
  [/^mls qos trust /, c(9)],
  [/^mls qos cos /, c(9.5)],
  [/^service-policy /, c(9.7)],
  [/^ip vrf forwarding /, c(10)],
  [/^vrf forwarding /, c(10)],
  [/^ip address \S+ \S+ secondary$/, c(12)],
  [/^ip address /, c(11)],
  [/^ip access-group /, c(15)],
  [/^(?:no )?vrrp (\d+) (\S+)/, (m) => [20, Number(m[1]), Math.max(0, VRRP_FIELDS.indexOf(m[2]!))]],
  [/^(?:no )?lldp /, c(52)],
];

const SECTIONS: [RegExp, RankRule[]][] = [
  [/^(?:ip vrf|vrf definition) /, [[/^description /, c(0)], [/^rd /, c(1)], [/^route-target /, c(2)], [/^address-family /, c(3)]]],
  [/^vlan \d+$/, [[/^name /, c(1)]]],
  [/^line /, [[/^login /, c(1)], [/^transport input /, c(2)], [/^exec-timeout /, c(3)], [/^access-class /, c(4)]]],
  [/^ip access-list /, [[/^(\d+) /, (m) => [1, Number(m[1])]]]],
  [/^policy-map /, [[/^class /, c(1)]]],
];

export const ruijieRgosLayout: ConfigLayout = {
  platform: 'ruijie-rgos',
  rank(parent, line) {
    if (parent === undefined) return rankBy(TOP, line, [1000]);
    if (/^interface /.test(parent)) return rankBy(INTERFACE, line, [1000]);
    for (const [re, rules] of SECTIONS) if (re.test(parent)) return rankBy(rules, line, [1000]);
    return [1000];
  },
  group: (line) => groupBy(TOP, line),
  nestedSeparator: () => false,
  leadingDelimiter: false,
  hiddenWhenEmpty: () => false,
  families: (parent) => getDialect('ruijie-rgos').families(parent),
};
