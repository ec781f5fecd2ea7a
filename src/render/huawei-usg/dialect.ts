/**
 * The USG firewall CLI as the parse/print/diff engines see it (render/dialect.ts). The USG runs the
 * VRP engine (reference/huawei-usg.md: prompts, views, `quit`/`return`, `undo`, `#` sections), so
 * its VLAN lists, text format and ciphers come from ../shared-vrp; most line rules repeat the VRP
 * ones (renderer folders never import each other); what is specific:
 *
 * - security zones: built-in zones (`trust`, `untrust`, `dmz`, `local`) cannot be deleted, named
 *   zones can (`undo firewall zone name X`); an interface leaves its old zone (unwire) before it
 *   joins a new one (wire); zones come after the interfaces they hold and before the policies that
 *   name them;
 * - `security-policy` rules are ordered (first match wins): new rules are appended, then moved into
 *   place with `rule move X before Y`; removed with `undo rule name X`;
 * - `policy interzone A B dir` blocks with numbered ` policy N` entries (older generation);
 * - `nat server NAME ...` is one line per mapping, replaced by `undo nat server name NAME` and the
 *   new line; `ip service-set` objects exist before the policies that use them;
 * - remote access: `l2tp enable`, `interface Virtual-TemplateN` (bound before addressed, like any
 *   interface), `l2tp-group N`, `ip pool N` in `aaa`.
 */
import type { Dialect, EquivalentForm, LineRule } from '../dialect.js';
import { allowPass, vlanBatch, vrpFamilyFormat } from '../shared-vrp/dialect-common.js';

const IFACE = /^interface /;
const VPN = /^(?:ip vpn-instance \S+|ipv4-family)$/;
const ZONE = /^firewall zone /;
const RULE = /^rule name \S+$/;
const INTERZONE = /^policy interzone /;
const INTERZONE_ENTRY = /^policy \d+$/;

const vrrpGroup = (m: RegExpExecArray): { id: string; negation: string } => ({ id: `vrrp vrid ${m[1]}`, negation: `undo vrrp vrid ${m[1]}` });
const addressGroup = (): { id: string; negation: string } => ({ id: 'ip address', negation: 'undo ip address' });
const localUserGroup = (m: RegExpExecArray): { id: string; negation: string } => ({ id: `local-user ${m[1]}`, negation: `undo local-user ${m[1]}` });

const interfaceRules: LineRule[] = [
  { in: IFACE, match: /^(?:undo )?portswitch$/, key: 'portswitch', rank: 0, removeRank: 95 },
  { in: IFACE, match: /^description .*$/, key: 'description', negate: 'undo description', rank: 1, removeRank: 1 },
  { in: IFACE, match: /^vlan-type dot1q (\d+)$/, key: 'vlan-type dot1q', negate: 'undo vlan-type dot1q', rank: 2, removeRank: 96 },
  {
    in: IFACE, match: /^eth-trunk (\d+)$/, key: 'eth-trunk', replace: 'negate-first', negate: 'undo eth-trunk', rank: 3, removeRank: 0,
    reference: (m) => `interface Eth-Trunk${m[1]}`,
  },
  { in: /^interface Eth-Trunk\d+$/, match: /^mode (.+)$/, key: 'mode', negate: 'mode manual load-balance', resets: true, rank: 4, removeRank: 90 },
  { in: IFACE, match: /^port link-type (\S+)$/, key: 'port link-type', negate: 'undo port link-type', rank: 5, removeRank: 90 },
  { in: IFACE, match: /^port default vlan (\d+)$/, key: 'port default vlan', negate: 'undo port default vlan', rank: 7, removeRank: 10 },
  { in: IFACE, match: /^port trunk pvid vlan (\d+)$/, key: 'port trunk pvid vlan', negate: 'undo port trunk pvid vlan', rank: 7, removeRank: 10 },
  { in: IFACE, match: /^ppp authentication-mode (.+)$/, key: 'ppp authentication-mode', negate: 'undo ppp authentication-mode', rank: 8, removeRank: 85 },
  {
    in: IFACE, match: /^ip binding vpn-instance (\S+)$/, key: 'ip binding vpn-instance', replace: 'negate-first',
    clears: { lines: /^ip address /, rebuild: /^vrrp vrid / }, rank: 10, removeRank: 80,
  },
  { in: IFACE, match: /^ip address (\S+) (\S+) sub$/, negate: (m) => `undo ip address ${m[1]} ${m[2]} sub`, group: addressGroup, rank: 12, removeRank: 55 },
  { in: IFACE, match: /^ip address (\S+) (\S+)$/, key: 'ip address', negate: (m) => `undo ip address ${m[1]} ${m[2]}`, group: addressGroup, rank: 11, removeRank: 60 },
  { in: IFACE, match: /^remote address pool (\d+)$/, key: 'remote address pool', negate: 'undo remote address pool', rank: 13, removeRank: 50 },
  { in: IFACE, match: /^vrrp vrid (\d+) virtual-ip (\S+)(?: .*)?$/, negate: (m) => `undo vrrp vrid ${m[1]} virtual-ip ${m[2]}`, group: vrrpGroup, anchor: true, rank: 20, removeRank: 22 },
  { in: IFACE, match: /^vrrp vrid (\d+) priority (\d+)$/, key: (m) => `vrrp vrid ${m[1]} priority`, negate: (m) => `undo vrrp vrid ${m[1]} priority`, group: vrrpGroup, rank: 21, removeRank: 21 },
  { in: IFACE, match: /^vrrp vrid (\d+) preempt-mode timer delay (\d+)$/, key: (m) => `vrrp vrid ${m[1]} preempt-mode`, negate: (m) => `vrrp vrid ${m[1]} preempt-mode timer delay 0`, group: vrrpGroup, rank: 22, removeRank: 21 },
  { in: IFACE, match: /^vrrp vrid (\d+) timer advertise (\d+)$/, key: (m) => `vrrp vrid ${m[1]} timer advertise`, negate: (m) => `undo vrrp vrid ${m[1]} timer advertise`, group: vrrpGroup, rank: 23, removeRank: 21 },
  { in: IFACE, match: /^(?:undo )?shutdown$/, key: 'shutdown', rank: 45, removeRank: 45 },
  { in: IFACE, match: /^ipsec policy (\S+)(?: auto-neg)?$/, key: 'ipsec policy', negate: 'undo ipsec policy', rank: 58, removeRank: 7 },
  { in: IFACE, match: /^service-manage (\S+) (permit|deny)$/, key: (m) => `service-manage ${m[1]}`, negate: (m) => `undo service-manage ${m[1]}`, rank: 60, removeRank: 5 },
  { in: IFACE, match: /^(?:undo )?service-manage enable$/, key: 'service-manage enable', rank: 59, removeRank: 6 },
];

const rules: LineRule[] = [
  // ------------------------------------------------------------------ top level
  { in: 'root', match: /^sysname (.+)$/, key: 'sysname', negate: 'undo sysname', rank: 0 },
  { in: 'root', match: /^hrp enable$/, rank: 1 },
  { in: 'root', match: /^hrp interface (\S+)(?: remote \S+)?$/, key: 'hrp interface', negate: 'undo hrp interface', rank: 1 },
  { in: 'root', match: /^hrp standby-device$/, rank: 1 },
  { in: 'root', match: /^l2tp enable$/, rank: 2, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^l2tp domain suffix-separator (\S+)$/, key: 'l2tp domain suffix-separator', negate: 'undo l2tp domain suffix-separator', rank: 2 },
  { in: 'root', match: /^ike proposal (\d+)$/, opensView: true, rank: 36, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^ike peer (\S+)$/, opensView: true, rank: 37, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^ipsec proposal (\S+)$/, opensView: true, rank: 37, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^ipsec policy-template (\S+) (\d+)$/, opensView: true, rank: 38, createStage: 'prepare', deleteStage: 'teardown' },
  {
    in: 'root', match: /^ipsec policy (\S+) (\d+) isakmp(?: template \S+)?$/, key: (m) => `ipsec policy ${m[1]} ${m[2]}`,
    negate: (m) => `undo ipsec policy ${m[1]} ${m[2]}`, opensView: true, rank: 39, createStage: 'prepare', deleteStage: 'teardown',
  },
  {
    in: 'root', match: /^nat address-group (\S+)(?: \S+ \S+)?$/, key: (m) => `nat address-group ${m[1]}`, negate: (m) => `undo nat address-group ${m[1]}`,
    rank: 66, createStage: 'prepare', deleteStage: 'teardown',
  },
  {
    in: 'root', match: /^nat-policy$/, opensView: true, rank: 68, deletable: false, orphan: 'clear',
    ordered: { item: (line) => /^rule name (\S+)$/.exec(line)?.[1], move: (item, before) => `rule move ${item} before ${before}` },
  },
  { in: 'root', match: /^nat-policy interzone (\S+) (\S+) (inbound|outbound)$/, opensView: true, rank: 68 },
  { in: 'root', match: /^vlan (\d+)$/, opensView: true, rank: 11, createStage: 'prepare', deletable: false, orphan: 'clear' },
  { in: 'root', match: /^ip vpn-instance (\S+)$/, opensView: true, rank: 20, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^aaa$/, rank: 30, opensView: true, deletable: false },
  { in: 'root', match: /^ip service-set (\S+) type .*$/, key: (m) => `ip service-set ${m[1]}`, negate: (m) => `undo ip service-set ${m[1]}`, opensView: true, rank: 35, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^ip address-set (\S+) type .*$/, key: (m) => `ip address-set ${m[1]}`, negate: (m) => `undo ip address-set ${m[1]}`, opensView: true, rank: 35, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface Eth-Trunk(\d+)$/, opensView: true, rank: 40, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface LoopBack(\d+)$/, opensView: true, rank: 41, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface Vlanif(\d+)$/, opensView: true, rank: 45 },
  { in: 'root', match: /^interface NULL0$/, opensView: true, rank: 49, deletable: false },
  { in: 'root', match: /^interface \S+\.\d+$/, opensView: true, rank: 52 },
  { in: 'root', match: /^interface (?:Tunnel|Virtual-Template|Virtual-if)\S*$/, opensView: true, rank: 53 },
  { in: 'root', match: /^interface \S+$/, opensView: true, rank: 50, deletable: false },
  { in: 'root', match: /^l2tp-group (\d+)$/, opensView: true, rank: 54 },
  { in: 'root', match: /^firewall zone (?:trust|untrust|dmz|local)$/, opensView: true, rank: 55, deletable: false, orphan: 'clear' },
  // Deleted before the wire pass, so that its interfaces are free to join another zone (after the rules naming it are gone).
  { in: 'root', match: /^firewall zone name (\S+)$/, opensView: true, rank: 55, deleteStage: 'unwire', negate: (m) => `undo firewall zone name ${m[1]}` },
  {
    in: 'root', match: /^firewall packet-filter default (permit|deny) (interzone \S+ \S+ direction \S+)$/,
    key: (m) => `firewall packet-filter default ${m[2]}`, negate: (m) => `undo firewall packet-filter default ${m[1]} ${m[2]}`, rank: 64,
  },
  {
    in: 'root', match: /^security-policy$/, opensView: true, rank: 65, deletable: false, orphan: 'clear',
    ordered: { item: (line) => /^rule name (\S+)$/.exec(line)?.[1], move: (item, before) => `rule move ${item} before ${before}` },
  },
  { in: 'root', match: /^policy interzone (\S+) (\S+) (inbound|outbound)$/, opensView: true, rank: 65 },
  {
    in: 'root', match: /^nat server (?!protocol )(\S+) .*$/, key: (m) => `nat server ${m[1]}`, replace: 'negate-first',
    negate: (m) => `undo nat server name ${m[1]}`, rank: 67,
  },
  { in: 'root', match: /^nat server protocol .*$/, rank: 67 },
  {
    in: 'root', match: /^ip route-static (vpn-instance \S+ )?(\S+) (\S+) (\S+)(?: .*)?$/,
    key: (m) => `ip route-static ${m[1] ?? ''}${m[2]} ${m[3]} ${m[4]}`,
    negate: (m) => `undo ip route-static ${m[1] ?? ''}${m[2]} ${m[3]} ${m[4]}`, rank: 70,
  },
  { in: 'root', match: /^snmp-agent local-engineid .*$/, ignored: true },
  { in: 'root', match: /^snmp-agent$/, rank: 80, removeRank: 89 },
  { in: 'root', match: /^snmp-agent sys-info (contact|location) .*$/, key: (m) => `snmp-agent sys-info ${m[1]}`, negate: (m) => `undo snmp-agent sys-info ${m[1]}`, rank: 81 },
  { in: 'root', match: /^snmp-agent sys-info version .*$/, key: 'snmp-agent sys-info version', rank: 81 },
  { in: 'root', match: /^snmp-agent community (read|write) (?:cipher |simple )?(\S+)(?: .*)?$/, negate: (m) => `undo snmp-agent community ${m[1]} ${m[2]}`, rank: 82 },
  { in: 'root', match: /^snmp-agent group v3 (\S+) .*$/, key: (m) => `snmp-agent group v3 ${m[1]}`, negate: (m) => `undo snmp-agent group v3 ${m[1]}`, rank: 82, removeRank: 84 },
  { in: 'root', match: /^snmp-agent usm-user v3 (\S+) .*$/, key: (m) => `snmp-agent usm-user v3 ${m[1]}`, negate: (m) => `undo snmp-agent usm-user v3 ${m[1]}`, rank: 83, removeRank: 82 },
  { in: 'root', match: /^snmp-agent .*$/, rank: 85 },
  { in: 'root', match: /^stelnet server enable$/, rank: 86, removeRank: 89 },
  { in: 'root', match: /^ssh server port (\d+)$/, key: 'ssh server port', negate: 'undo ssh server port', rank: 87 },
  { in: 'root', match: /^ssh user (\S+)$/, scope: (m) => `user ${m[1]}`, rank: 87, removeRank: 88, group: (m) => ({ id: `ssh user ${m[1]}`, negation: `undo ssh user ${m[1]}` }) },
  {
    in: 'root', match: /^ssh user (\S+) (authentication-type|service-type) .*$/, key: (m) => `ssh user ${m[1]} ${m[2]}`,
    negate: (m) => `undo ssh user ${m[1]} ${m[2]}`, scope: (m) => `user ${m[1]}`, rank: 88, removeRank: 87,
    group: (m) => ({ id: `ssh user ${m[1]}`, negation: `undo ssh user ${m[1]}` }),
  },
  { in: 'root', match: /^user-interface vty .*$/, opensView: true, rank: 90, deletable: false },

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
  { in: /^aaa$/, match: /^ip pool (\d+) .*$/, key: (m) => `ip pool ${m[1]}`, negate: (m) => `undo ip pool ${m[1]}`, rank: 3 },
  { in: /^aaa$/, match: /^manager-user (\S+)$/, opensView: true, scope: (m) => `user ${m[1]}`, negate: (m) => `undo manager-user ${m[1]}`, rank: 1 },
  { in: /^manager-user \S+$/, match: /^password cipher .*$/, key: 'password', negate: 'undo password', rank: 1 },
  { in: /^manager-user \S+$/, match: /^(service-type|level) .*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 2 },
  { in: /^aaa$/, match: /^domain (\S+)$/, opensView: true, negate: (m) => `undo domain ${m[1]}`, rank: 4 },
  { in: /^domain \S+$/, match: /^service-type .*$/, key: 'service-type', negate: 'undo service-type', rank: 1 },
  { in: /^domain \S+$/, match: /^ip pool (\d+) .*$/, key: (m) => `ip pool ${m[1]}`, negate: (m) => `undo ip pool ${m[1]}`, rank: 2 },
  { in: /^ike proposal \d+$/, match: /^(encryption-algorithm|authentication-algorithm|integrity-algorithm|dh) .*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 1 },
  { in: /^ike peer \S+$/, match: /^(pre-shared-key|ike-proposal|exchange-mode|remote-address) .*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 1 },
  { in: /^ipsec proposal \S+$/, match: /^(encapsulation-mode|transform|esp authentication-algorithm|esp encryption-algorithm) .*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 1 },
  { in: /^ipsec policy(?:-template)? \S+ \d+/, match: /^(ike-peer|proposal|security acl) .*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 1 },
  { in: /^nat address-group \S+$/, match: /^(mode|section \d+) .*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 1 },
  { in: /^nat-policy$/, match: /^rule name (\S+)$/, rank: 1, opensView: true, negate: (m) => `undo rule name ${m[1]}` },
  { in: /^nat-policy interzone /, match: /^policy (\d+)$/, rank: 1, opensView: true },
  { in: INTERZONE_ENTRY, match: /^(address-group|easy-ip) .*$/, key: 'translation', rank: 4 },
  { in: /^ip (?:service|address)-set /, match: /^(service|address) (\d+) .*$/, key: (m) => `${m[1]} ${m[2]}`, negate: (m) => `undo ${m[1]} ${m[2]}`, rank: 1 },
  { in: /^l2tp-group \d+$/, match: /^(?:undo )?tunnel authentication$/, key: 'tunnel authentication', rank: 1 },
  { in: /^l2tp-group \d+$/, match: /^allow l2tp virtual-template (\d+)(?: .*)?$/, key: 'allow l2tp', negate: (_m, line) => `undo ${line}`, rank: 2 },
  { in: ZONE, match: /^set priority (\d+)$/, key: 'set priority', negate: 'undo set priority', rank: 1, removeRank: 90 },
  { in: ZONE, match: /^add interface (\S+)$/, rank: 2, removeRank: 1 },
  { in: /^security-policy$/, match: /^rule name (\S+)$/, rank: 1, opensView: true, negate: (m) => `undo rule name ${m[1]}` },
  { in: RULE, match: /^description .*$/, key: 'description', negate: 'undo description', rank: 1 },
  { in: RULE, match: /^(source-zone|destination-zone) (\S+)$/, rank: 2 },
  { in: RULE, match: /^(source-address|destination-address) .*$/, rank: 3 },
  { in: RULE, match: /^service .*$/, rank: 4 },
  { in: RULE, match: /^action (\S+)(?: .*)?$/, key: 'action', negate: 'undo action', rank: 9 },
  { in: RULE, match: /^(?:undo )?(?:disable|policy logging|session logging)$/, rank: 8 },
  { in: INTERZONE, match: /^policy (\d+)$/, rank: 1, opensView: true },
  { in: INTERZONE_ENTRY, match: /^description .*$/, key: 'description', negate: 'undo description', rank: 1 },
  { in: INTERZONE_ENTRY, match: /^action (\S+)$/, key: 'action', negate: 'undo action', rank: 2 },
  { in: INTERZONE_ENTRY, match: /^policy (source|destination|service) .*$/, rank: 3 },
  { in: /^user-interface /, match: /^(authentication-mode|protocol inbound|idle-timeout|user privilege level|acl \d+) ?.*$/, key: (m) => m[1]!, negate: (m) => `undo ${m[1]}`, rank: 1 },
];

/** Well-known port names a USG prints in `nat server` (seen: www, telnet; the others unverified). */
const PORT_NAMES: Record<string, string> = { ftp: '21', ssh: '22', telnet: '23', smtp: '25', domain: '53', www: '80', pop3: '110' };

/**
 * Forms of one setting (docs/devices/huawei-usg.md, "Equivalent forms"): `mode lacp` for
 * `mode lacp-static`; an address in a policy or NAT rule as `A mask M` or `A LEN` (the V500 capture
 * prints lengths); a NAT server port by its name (`www` for 80); a static route at the default
 * preference.
 */
const maskLength = (mask: string): number => mask.split('.').reduce((n, o) => n + (Number(o) >>> 0).toString(2).replace(/0/g, '').length, 0);
const equivalents: EquivalentForm[] = [
  { in: /^interface Eth-Trunk\d+$/, match: /^mode (?:lacp|lacp-static)$/, key: () => 'mode lacp' },
  {
    in: RULE, match: /^(source|destination)-address (\d+\.\d+\.\d+\.\d+) (?:mask (\d+\.\d+\.\d+\.\d+)|(\d{1,2}))$/,
    key: (m) => `${m[1]}-address ${m[2]}/${m[3] !== undefined ? maskLength(m[3]) : Number(m[4])}`,
  },
  {
    in: 'root', match: /^nat server .*$/,
    key: (_m, line) => line.replace(/ (global|inside) (\S+) (\S+)/g, (_all, side: string, ip: string, port: string) => ` ${side} ${ip} ${PORT_NAMES[port] ?? port}`),
  },
  {
    in: 'root', match: /^ip route-static (.*?)(?: preference 60)?((?: description .*)?)$/,
    key: (m) => `ip route-static ${m[1]}${m[2] ?? ''}`,
  },
];

// ---------------------------------------------------------------------------- the dialect

export const huaweiUsgDialect: Dialect = {
  platform: 'huawei-usg',
  ...vrpFamilyFormat({ notThis: 'USG/VRP', terminatorName: '`return`', sysnameUser: 'the USG', interfaceHint: '' }),
  rules,
  equivalents,
  families: (parentLine) => (parentLine === undefined ? [vlanBatch] : IFACE.test(parentLine) ? [allowPass] : []),
};
