/**
 * Where a USG prints each line (reference/huawei-usg.md, and the renderer's order in
 * src/render/huawei-usg/index.ts): VRP's layout, with l2tp groups, security zones and the policy
 * sections; the two policy generations place NAT servers and policies differently.
 */
import type { ConfigLayout, Rank } from '../config-store.js';
import { type RankRule, VRP_SECTION_RULES, makeVrpLayout, vrpInterfaceRules, vrpTopRules } from '../huawei-vrp/layout.js';

export type PolicyStyle = 'interzone' | 'security-policy';

const c = (n: number) => (): Rank => [n];
const BUILT_IN_ZONES = ['local', 'trust', 'untrust', 'dmz'];

function usgTop(style: PolicyStyle): RankRule[] {
  const common: RankRule[] = [
    [/^l2tp-group (\d+)$/, (m) => [85, Number(m[1])]],
    [/^firewall zone (local|trust|untrust|dmz)$/, (m) => [86, BUILT_IN_ZONES.indexOf(m[1]!)]],
    [/^firewall zone name /, () => [86, 10]],
    [/^firewall packet-filter /, c(87), 'firewall packet-filter'],
    [/^ip service-set /, c(88)],
    [/^ip address-set /, c(88)],
  ];
  const tail: RankRule[] = style === 'interzone'
    ? [[/^policy interzone /, c(89)], [/^nat-policy interzone /, c(89.5)], [/^nat address-group /, c(89.7), 'nat address-group'], [/^nat server /, c(90), 'nat server']]
    : [
      [/^nat address-group /, c(139), 'nat address-group'], [/^nat server /, c(140), 'nat server'],
      [/^security-policy$/, c(150)], [/^nat-policy$/, c(151)],
    ];
  return [...vrpTopRules([...common, ...(style === 'interzone' ? tail : [])]), ...(style === 'security-policy' ? tail : [])];
}

const USG_INTERFACE = vrpInterfaceRules([[/^(?:undo )?portswitch$/, c(8)], [/^mode /, c(5)]]);

const USG_SECTIONS: [RegExp, RankRule[]][] = [
  ...VRP_SECTION_RULES,
  [/^firewall zone /, [[/^set priority /, c(1)], [/^add interface /, c(2)], [/^detect /, c(3)]]],
  [/^security-policy$/, [[/^rule /, c(1)]]],
  [/^nat-policy$/, [[/^rule /, c(1)]]],
  [/^rule name /, [
    [/^description /, c(0)], [/^source-zone /, c(1)], [/^destination-zone /, c(2)], [/^source-address /, c(3)],
    [/^destination-address /, c(4)], [/^service /, c(5)], [/^application /, c(6)], [/^time-range /, c(7)],
    [/^action /, c(9)], [/^(?:profile|policy logging|session logging|disable)/, c(10)],
  ]],
  [/^policy interzone /, [[/^policy \d+$/, c(1)]]],
  [/^nat-policy interzone /, [[/^policy \d+$/, c(1)]]],
  [/^policy \d+$/, [
    [/^description /, c(0)], [/^action /, c(1)], [/^policy source /, c(2)], [/^policy destination /, c(3)], [/^policy service /, c(4)],
    [/^address-group /, c(5)],
  ]],
  [/^ip service-set /, [[/^service (\d+) /, (m) => [1, Number(m[1])]]]],
  [/^l2tp-group /, [[/^(?:undo )?tunnel /, c(1)], [/^allow /, c(2)]]],
];

export function huaweiUsgLayout(style: PolicyStyle): ConfigLayout {
  return makeVrpLayout('huawei-usg', usgTop(style), USG_INTERFACE, USG_SECTIONS);
}
