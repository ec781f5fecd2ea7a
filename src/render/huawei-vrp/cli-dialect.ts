/**
 * The VRP CLI as the parse/print/diff engines see it (render/dialect.ts): `#` delimiters and
 * `return` (reference/huawei-vrp.md §3.1), `system-view` / `quit` / `return` (§1.3), `undo` (§4.1),
 * and the ordering and negation facts of §2:
 *
 * - a VLAN exists before anything uses it (`vlan batch` in the prepare pass) and goes last;
 * - an `ip vpn-instance` (with its RD) exists before an interface binds to it or a static route or
 *   BGP family names it, and is deleted only after they are gone;
 * - on an interface the binding is sent before the addresses, and a binding change (or a binding
 *   appearing or disappearing) clears the addresses, so they are all sent again (§2.7); VRRP is
 *   removed before the binding or the address it depends on and sent again after (§2.6);
 * - the RD cannot be changed in place: `undo route-distinguisher` (which deletes the VPN targets)
 *   then the new RD and every target again (§2.7);
 * - an Eth-Trunk exists before members join (` eth-trunk N`), members leave before it is deleted,
 *   and leave and rejoin when its mode changes (§2.5);
 * - `mpls lsr-id` before `mpls`, global `mpls`/`mpls ldp` before interface ` mpls` (§2.8);
 * - single-valued lines (`sysname`, `description`, `ip address` primary, `port default vlan`,
 *   `port link-type`, `vrrp vrid N priority` ...) are replaced by sending the new value;
 *   `ip binding vpn-instance`, `route-distinguisher` and `eth-trunk` need the old one undone first.
 *
 * This is not the renderer's release dialect (dialect.ts in this folder): it describes the CLI
 * grammar for diffs, whichever release layout the renderer picked.
 */
import type { Dialect, EquivalentForm, LineRule } from '../dialect.js';
import { allowPass, vlanBatch, vrpFamilyFormat } from '../shared-vrp/dialect-common.js';

const IFACE = /^interface /;
const VPN = /^(?:ip vpn-instance \S+|ipv4-family)$/;
const BGP = /^bgp \d+$/;
const BGP_FAMILY = /^ipv4-family \S/;

/** Interface lines, in the order they are sent (rank) and removed (removeRank). */
const interfaceRules: LineRule[] = [
  // Routed port: first on, last off (the layer-3 lines need it, the layer-2 lines need it gone).
  { in: IFACE, match: /^undo portswitch$/, key: 'portswitch', rank: 0, removeRank: 95 },
  { in: IFACE, match: /^portswitch$/, key: 'portswitch', rank: 0, removeRank: 95 },
  { in: IFACE, match: /^description .*$/, key: 'description', negate: 'undo description', rank: 1, removeRank: 1 },
  { in: IFACE, match: /^vlan-type dot1q (\d+)$/, key: 'vlan-type dot1q', negate: 'undo vlan-type dot1q', rank: 2, removeRank: 96 },
  { in: IFACE, match: /^dot1q termination vid (\d+)$/, key: 'dot1q termination vid', negate: (m) => `undo dot1q termination vid ${m[1]}`, rank: 2, removeRank: 96 },
  {
    in: IFACE, match: /^eth-trunk (\d+)$/, key: 'eth-trunk', replace: 'negate-first', negate: 'undo eth-trunk', rank: 3, removeRank: 0,
    reference: (m) => `interface Eth-Trunk${m[1]}`,
  },
  { in: /^interface Eth-Trunk\d+$/, match: /^mode (.+)$/, key: 'mode', negate: 'mode manual load-balance', resets: true, rank: 4, removeRank: 90 },
  { in: IFACE, match: /^port link-type (\S+)$/, key: 'port link-type', negate: 'undo port link-type', rank: 5, removeRank: 90 },
  { in: IFACE, match: /^port default vlan (\d+)$/, key: 'port default vlan', negate: 'undo port default vlan', rank: 7, removeRank: 10 },
  { in: IFACE, match: /^port trunk pvid vlan (\d+)$/, key: 'port trunk pvid vlan', negate: 'undo port trunk pvid vlan', rank: 7, removeRank: 10 },
  {
    in: IFACE, match: /^ip binding vpn-instance (\S+)$/, key: 'ip binding vpn-instance', replace: 'negate-first',
    clears: { lines: /^ip address /, rebuild: /^vrrp vrid / }, rank: 10, removeRank: 80,
  },
  {
    in: IFACE, match: /^ip address (\S+) (\S+) sub$/, rank: 12, removeRank: 55,
    negate: (m) => `undo ip address ${m[1]} ${m[2]} sub`, group: () => ({ id: 'ip address', negation: 'undo ip address' }),
  },
  {
    in: IFACE, match: /^ip address (\S+) (\S+)$/, key: 'ip address', rank: 11, removeRank: 60,
    negate: (m) => `undo ip address ${m[1]} ${m[2]}`, group: () => ({ id: 'ip address', negation: 'undo ip address' }),
  },
  { in: IFACE, match: /^ip address unnumbered interface (\S+)$/, key: 'ip address', negate: 'undo ip address unnumbered', rank: 11, removeRank: 60 },
  ...vrrpRules(),
  { in: IFACE, match: /^undo negotiation auto$/, key: 'negotiation auto', rank: 40, removeRank: 41 },
  { in: IFACE, match: /^speed (\S+)$/, key: 'speed', negate: 'undo speed', rank: 41, removeRank: 40 },
  { in: IFACE, match: /^duplex (\S+)$/, key: 'duplex', negate: 'undo duplex', rank: 41, removeRank: 40 },
  { in: IFACE, match: /^(?:undo )?shutdown$/, key: 'shutdown', rank: 45, removeRank: 45 },
  { in: IFACE, match: /^trust (\S+)$/, key: 'trust', negate: 'undo trust', rank: 46, removeRank: 46 },
  {
    in: IFACE, match: /^traffic-policy (\S+) (inbound|outbound)$/, key: (m) => `traffic-policy ${m[2]}`,
    negate: (m) => `undo traffic-policy ${m[2]}`, rank: 47, removeRank: 47,
  },
  { in: IFACE, match: /^mpls$/, rank: 50, removeRank: 71 },
  { in: IFACE, match: /^mpls ldp$/, rank: 51, removeRank: 70 },
  { in: IFACE, match: /^(?:undo )?lldp enable$/, key: 'lldp enable', rank: 52, removeRank: 52 },
  { in: IFACE, match: /^service-manage (\S+) (permit|deny)$/, key: (m) => `service-manage ${m[1]}`, negate: (m) => `undo service-manage ${m[1]}`, rank: 60, removeRank: 5 },
  { in: IFACE, match: /^service-manage enable$/, rank: 59, removeRank: 6 },
];

/** VRRP on a Vlanif (§2.6); `undo vrrp vrid N` removes a whole group. */
function vrrpRules(): LineRule[] {
  const group = (m: RegExpExecArray): { id: string; negation: string } => ({ id: `vrrp vrid ${m[1]}`, negation: `undo vrrp vrid ${m[1]}` });
  return [
    // VRP deletes a group with its last virtual address (docs/devices/huawei-vrp.md, "VRRP"): anchor.
    { in: IFACE, match: /^vrrp vrid (\d+) virtual-ip (.+)$/, negate: (m) => `undo vrrp vrid ${m[1]} virtual-ip ${m[2]!.split(' ')[0]}`, group, anchor: true, rank: 20, removeRank: 22 },
    { in: IFACE, match: /^vrrp vrid (\d+) priority (\d+)$/, key: (m) => `vrrp vrid ${m[1]} priority`, negate: (m) => `undo vrrp vrid ${m[1]} priority`, group, rank: 21, removeRank: 21 },
    // `undo vrrp vrid N preempt-mode` would disable preemption: a delay goes back to 0 instead.
    {
      in: IFACE, match: /^vrrp vrid (\d+) preempt-mode timer delay (\d+)$/, key: (m) => `vrrp vrid ${m[1]} preempt-mode`,
      negate: (m) => `vrrp vrid ${m[1]} preempt-mode timer delay 0`, group, rank: 22, removeRank: 21,
    },
    {
      in: IFACE, match: /^undo vrrp vrid (\d+) preempt-mode$/, key: (m) => `vrrp vrid ${m[1]} preempt-mode`,
      negate: (m) => `vrrp vrid ${m[1]} preempt-mode`, group, rank: 22, removeRank: 21,
    },
    { in: IFACE, match: /^vrrp vrid (\d+) timer advertise (\d+)$/, key: (m) => `vrrp vrid ${m[1]} timer advertise`, negate: (m) => `undo vrrp vrid ${m[1]} timer advertise`, group, rank: 23, removeRank: 21 },
    {
      in: IFACE, match: /^vrrp vrid (\d+) track interface (\S+)(?: reduced (\d+))?$/, key: (m) => `vrrp vrid ${m[1]} track ${m[2]}`,
      negate: (m) => `undo vrrp vrid ${m[1]} track interface ${m[2]}`, group, rank: 24, removeRank: 20,
    },
    { in: IFACE, match: /^vrrp vrid (\d+) authentication-mode .*$/, key: (m) => `vrrp vrid ${m[1]} authentication-mode`, negate: (m) => `undo vrrp vrid ${m[1]} authentication-mode`, group, rank: 23, removeRank: 21 },
  ];
}

const rules: LineRule[] = [
  // ------------------------------------------------------------------ top level
  { in: 'root', match: /^sysname (.+)$/, key: 'sysname', negate: 'undo sysname', rank: 0 },
  { in: 'root', match: /^(?:undo )?lldp enable$/, key: 'lldp enable', rank: 5 },
  { in: 'root', match: /^clock timezone .*$/, key: 'clock timezone', negate: (_m, line) => `undo ${line.split(' ').slice(0, 3).join(' ')}`, rank: 4 },
  { in: 'root', match: /^vlan (\d+)$/, opensView: true, rank: 11, createStage: 'prepare', deletable: false, orphan: 'clear', negate: (m) => `undo vlan ${m[1]}` },
  { in: 'root', match: /^ip vpn-instance (\S+)$/, opensView: true, rank: 20, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^mpls lsr-id (\S+)$/, key: 'mpls lsr-id', negate: 'undo mpls lsr-id', rank: 25, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^mpls$/, rank: 26, opensView: true, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^mpls ldp$/, rank: 27, opensView: true, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^aaa$/, rank: 30, opensView: true, deletable: false },
  {
    in: 'root', match: /^traffic classifier (\S+)(?: operator \S+)?$/, key: (m) => `traffic classifier ${m[1]}`,
    negate: (m) => `undo traffic classifier ${m[1]}`, opensView: true, rank: 31, createStage: 'prepare', deleteStage: 'teardown',
  },
  { in: 'root', match: /^traffic behavior (\S+)$/, opensView: true, rank: 32, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^traffic policy (\S+)(?: .*)?$/, key: (m) => `traffic policy ${m[1]}`, negate: (m) => `undo traffic policy ${m[1]}`, opensView: true, rank: 33, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface Eth-Trunk(\d+)$/, opensView: true, rank: 40, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface LoopBack(\d+)$/, opensView: true, rank: 41, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface Vlanif(\d+)$/, opensView: true, rank: 45 },
  { in: 'root', match: /^interface NULL0$/, opensView: true, rank: 49, deletable: false },
  { in: 'root', match: /^interface \S+\.\d+$/, opensView: true, rank: 52 },
  { in: 'root', match: /^interface (?:Tunnel|Virtual-Template)\S*$/, opensView: true, rank: 53 },
  // Physical ports cannot be deleted; one the intended configuration does not print is not dcnet's.
  { in: 'root', match: /^interface \S+$/, opensView: true, rank: 50, deletable: false },
  { in: 'root', match: /^bgp (\d+)$/, key: 'bgp', opensView: true, rank: 60 },
  // The router id is part of the section line: a new one rebuilds the process (undo ospf N asks to confirm).
  { in: 'root', match: /^ospf (\d+)(?: router-id \S+)?$/, key: (m) => `ospf ${m[1]}`, negate: (m) => `undo ospf ${m[1]}`, opensView: true, rank: 62 },
  {
    in: 'root', match: /^ip route-static (vpn-instance \S+ )?(\S+) (\S+) (\S+)(?: .*)?$/,
    key: (m) => `ip route-static ${m[1] ?? ''}${m[2]} ${m[3]} ${m[4]}`,
    negate: (m) => `undo ip route-static ${m[1] ?? ''}${m[2]} ${m[3]} ${m[4]}`, rank: 70,
  },
  { in: 'root', match: /^snmp-agent local-engineid .*$/, ignored: true },
  { in: 'root', match: /^snmp-agent$/, rank: 80, removeRank: 89 },
  { in: 'root', match: /^snmp-agent sys-info (contact|location) .*$/, key: (m) => `snmp-agent sys-info ${m[1]}`, negate: (m) => `undo snmp-agent sys-info ${m[1]}`, rank: 81 },
  { in: 'root', match: /^snmp-agent sys-info version .*$/, key: 'snmp-agent sys-info version', rank: 81 },
  { in: 'root', match: /^snmp-agent udp-port (\d+)$/, key: 'snmp-agent udp-port', negate: 'undo snmp-agent udp-port', rank: 81 },
  {
    in: 'root', match: /^snmp-agent community (read|write) (?:cipher |simple )?(\S+)(?: .*)?$/,
    negate: (m) => `undo snmp-agent community ${m[1]} ${m[2]}`, rank: 82,
  },
  { in: 'root', match: /^snmp-agent group v3 (\S+) .*$/, key: (m) => `snmp-agent group v3 ${m[1]}`, negate: (m) => `undo snmp-agent group v3 ${m[1]}`, rank: 82, removeRank: 84 },
  { in: 'root', match: /^snmp-agent usm-user v3 (\S+) .*$/, key: (m) => `snmp-agent usm-user v3 ${m[1]}`, negate: (m) => `undo snmp-agent usm-user v3 ${m[1]}`, rank: 83, removeRank: 82 },
  { in: 'root', match: /^snmp-agent target-host .*$/, rank: 84 },
  { in: 'root', match: /^snmp-agent .*$/, rank: 85 },
  { in: 'root', match: /^stelnet server enable$/, rank: 86, removeRank: 89 },
  { in: 'root', match: /^ssh server port (\d+)$/, key: 'ssh server port', negate: 'undo ssh server port', rank: 87 },
  {
    in: 'root', match: /^ssh user (\S+)$/, scope: (m) => `user ${m[1]}`, rank: 87, removeRank: 88,
    group: (m) => ({ id: `ssh user ${m[1]}`, negation: `undo ssh user ${m[1]}` }),
  },
  {
    in: 'root', match: /^ssh user (\S+) (authentication-type|service-type) .*$/, key: (m) => `ssh user ${m[1]} ${m[2]}`,
    negate: (m) => `undo ssh user ${m[1]} ${m[2]}`, scope: (m) => `user ${m[1]}`, rank: 88, removeRank: 87,
    group: (m) => ({ id: `ssh user ${m[1]}`, negation: `undo ssh user ${m[1]}` }),
  },
  { in: 'root', match: /^user-interface vty .*$/, opensView: true, rank: 90, deletable: false },
  { in: 'root', match: /^ntp-service unicast-server (\S+)(?: .*)?$/, key: (m) => `ntp-service unicast-server ${m[1]}`, negate: (m) => `undo ntp-service unicast-server ${m[1]}`, rank: 95 },

  // ------------------------------------------------------------------ inside sections
  ...interfaceRules,
  { in: /^vlan \d+$/, match: /^(description|name) .*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}` },
  { in: /^ip vpn-instance \S+$/, match: /^description .*$/, key: 'description', negate: 'undo description', rank: 1 },
  { in: /^ip vpn-instance \S+$/, match: /^ipv4-family$/, rank: 5, opensView: true },
  {
    in: VPN, match: /^route-distinguisher (\S+)$/, key: 'route-distinguisher', replace: 'negate-first', negate: 'undo route-distinguisher',
    clears: { lines: /^vpn-target / }, rank: 10, removeRank: 90,
  },
  { in: VPN, match: /^vpn-target (\S+) (export|import)-extcommunity$/, negate: (m) => `undo vpn-target ${m[1]} ${m[2]}-extcommunity`, rank: 11, removeRank: 10 },
  { in: /^aaa$/, match: /^local-user (\S+) password .*$/, key: (m) => `local-user ${m[1]} password`, scope: (m) => `user ${m[1]}`, rank: 1, group: localUserGroup },
  { in: /^aaa$/, match: /^local-user (\S+) (privilege level|service-type|level) .*$/, key: (m) => `local-user ${m[1]} ${m[2]}`, negate: (m) => `undo local-user ${m[1]} ${m[2]}`, scope: (m) => `user ${m[1]}`, rank: 2, group: localUserGroup },
  { in: /^traffic classifier /, match: /^if-match .*$/, rank: 1 },
  { in: /^traffic behavior /, match: /^remark (\S+) (\S+)$/, key: (m) => `remark ${m[1]}`, negate: (m) => `undo remark ${m[1]}`, rank: 1 },
  { in: /^traffic policy /, match: /^classifier (\S+) behavior (\S+)(?: .*)?$/, key: (m) => `classifier ${m[1]}`, negate: (m) => `undo classifier ${m[1]}`, rank: 1 },
  { in: BGP, match: /^router-id (\S+)$/, key: 'router-id', negate: 'undo router-id', rank: 1 },
  {
    in: BGP, match: /^peer (\S+) as-number (\d+)$/, key: (m) => `peer ${m[1]} as-number`, negate: (m) => `undo peer ${m[1]}`, rank: 10, removeRank: 12,
    group: (m) => ({ id: `peer ${m[1]}`, negation: `undo peer ${m[1]}` }),
  },
  {
    in: BGP, match: /^peer (\S+) (connect-interface|description|password) .*$/, key: (m) => `peer ${m[1]} ${m[2]}`, negate: (m) => `undo peer ${m[1]} ${m[2]}`, rank: 11, removeRank: 11,
    group: (m) => ({ id: `peer ${m[1]}`, negation: `undo peer ${m[1]}` }),
  },
  { in: BGP, match: /^ipv4-family (.+)$/, rank: 20, opensView: true },
  { in: BGP_FAMILY, match: /^preference (\d+) (\d+) (\d+)$/, key: 'preference', negate: 'undo preference', rank: 2 },
  { in: BGP_FAMILY, match: /^peer (\S+) enable$/, rank: 10 },
  { in: BGP_FAMILY, match: /^(?:undo )?synchronization$/, key: 'synchronization', rank: 1 },
  { in: BGP_FAMILY, match: /^.+$/, rank: 20 },
  { in: /^user-interface /, match: /^(authentication-mode|protocol inbound|idle-timeout|user privilege level|acl \d+) ?.*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 1 },
  { in: /^ospf \d+/, match: /^area (\S+)$/, opensView: true, negate: (m) => `undo area ${m[1]}`, rank: 1 },
  { in: /^area \S+$/, match: /^network (\S+) (\S+)$/, rank: 1 },
];

/**
 * Forms of one setting (docs/devices/huawei-vrp.md, "Equivalent forms"): `mode lacp` is what some
 * V200R releases print for `mode lacp-static`; a static route at the default preference 60 may be
 * printed with or without it.
 */
const equivalents: EquivalentForm[] = [
  { in: /^interface Eth-Trunk\d+$/, match: /^mode (?:lacp|lacp-static)$/, key: () => 'mode lacp' },
  {
    in: 'root', match: /^ip route-static (.*?)(?: preference 60)?((?: description .*)?)$/,
    key: (m) => `ip route-static ${m[1]}${m[2] ?? ''}`,
  },
];

function localUserGroup(m: RegExpExecArray): { id: string; negation: string } {
  return { id: `local-user ${m[1]}`, negation: `undo local-user ${m[1]}` };
}

// ---------------------------------------------------------------------------- the dialect

export const huaweiVrpDialect: Dialect = {
  platform: 'huawei-vrp',
  ...vrpFamilyFormat({
    notThis: 'VRP', terminatorName: "VRP's `return`", sysnameUser: 'VRP',
    interfaceHint: ', VRP prints `GigabitEthernet0/0/1`',
  }),
  rules,
  equivalents,
  families: (parentLine) => (parentLine === undefined ? [vlanBatch] : IFACE.test(parentLine) ? [allowPass] : []),
};
