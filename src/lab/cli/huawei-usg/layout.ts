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
    [/^hrp (enable|standby-device|interface)/, (m) => [2, ['enable', 'standby-device', 'interface'].indexOf(m[1]!)], 'hrp'],
    [/^l2tp domain /, c(6)],
    [/^ike proposal (\d+)$/, (m) => [71, Number(m[1])]],
    [/^ike peer /, c(72)],
    [/^ipsec proposal /, c(73)],
    [/^ipsec policy-template /, c(74)],
    [/^ipsec policy /, c(75), 'ipsec policy'],
    [/^l2tp-group (\d+)$/, (m) => [85, Number(m[1])]],
    [/^firewall zone (local|trust|untrust|dmz)$/, (m) => [86, BUILT_IN_ZONES.indexOf(m[1]!)]],
    [/^firewall zone name /, () => [86, 10]],
    [/^firewall packet-filter /, c(87), 'firewall packet-filter'],
    [/^ip service-set /, c(88)],
    [/^ip address-set /, c(88)],
  ];
  const tail: RankRule[] = style === 'interzone'
    ? [[/^policy interzone /, c(89)], [/^nat address-group /, c(89.3), 'nat address-group'], [/^nat-policy interzone /, c(89.5)], [/^nat server /, c(90), 'nat server']]
    : [
      [/^nat address-group /, c(139)], [/^nat server /, c(140), 'nat server'],
      [/^security-policy$/, c(150)], [/^nat-policy$/, c(151)],
    ];
  return [...vrpTopRules([...common, ...(style === 'interzone' ? tail : [])]), ...(style === 'security-policy' ? tail : [])];
}

const USG_INTERFACE = vrpInterfaceRules([[/^(?:undo )?portswitch$/, c(8)], [/^mode /, c(5)], [/^ipsec policy /, c(35)]]);

const USG_SECTIONS: [RegExp, RankRule[]][] = [
  [/^aaa$/, [[/^authentication-scheme /, c(0)], [/^(?:manager-user|local-user) /, c(1)], [/^domain /, c(10)], [/^ip pool /, c(20)]]],
  [/^manager-user /, [[/^password /, c(1)], [/^service-type /, c(2)], [/^level /, c(3)]]],
  [/^domain /, [[/^service-type /, c(1)], [/^ip pool (\d+) /, (m) => [2, Number(m[1])]]]],
  [/^ike proposal /, [
    [/^encryption-algorithm /, c(1)], [/^dh /, c(2)], [/^authentication-algorithm /, c(3)], [/^integrity-algorithm /, c(4)],
    [/^authentication-method /, c(5)], [/^sa /, c(6)],
  ]],
  [/^ike peer /, [[/^exchange-mode /, c(0)], [/^pre-shared-key /, c(1)], [/^ike-proposal /, c(2)], [/^remote-address /, c(3)]]],
  [/^ipsec proposal /, [[/^transform /, c(0)], [/^encapsulation-mode /, c(1)], [/^esp authentication-algorithm /, c(2)], [/^esp encryption-algorithm /, c(3)]]],
  [/^ipsec policy-template /, [[/^ike-peer /, c(1)], [/^proposal /, c(2)]]],
  [/^nat address-group /, [[/^mode /, c(1)], [/^section (\d+) /, (m) => [2, Number(m[1])]]]],
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
    [/^(?:address-group|easy-ip) /, c(5)],
  ]],
  [/^ip service-set /, [[/^service (\d+) /, (m) => [1, Number(m[1])]]]],
  [/^l2tp-group /, [[/^(?:undo )?tunnel /, c(1)], [/^allow /, c(2)]]],
];

export function huaweiUsgLayout(style: PolicyStyle): ConfigLayout {
  return makeVrpLayout('huawei-usg', usgTop(style), USG_INTERFACE, USG_SECTIONS);
}
