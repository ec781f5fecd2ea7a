/**
 * The RGOS CLI as the parse/print/diff engines see it (render/dialect.ts): `!` delimiters and
 * `end`, the `Building configuration...` / `Current configuration : N bytes` preamble
 * (reference/ruijie-rgos.md §3.1), `configure terminal` / `exit` / `end` (§1.1, §1.5), `no` (§4),
 * and the ordering and negation facts of §2:
 *
 * - a VLAN stanza exists before an SVI or a port uses it and goes last (`no vlan N`);
 * - an `ip vrf` exists before `ip vrf forwarding` names it or a route uses it, and goes after;
 * - ` ip vrf forwarding` is sent before ` ip address`, and a change of it clears the addresses, so
 *   every address is sent again (§2.6); VRRP goes before the address it depends on and comes back
 *   after;
 * - an AggregatePort exists before members join with ` port-group N`, and members leave first;
 * - ` no switchport` (routed port) first on, last off;
 * - single-valued lines (`hostname`, `description`, ` switchport access vlan`, ` vrrp N priority`...)
 *   are replaced by sending the new value; the removal forms drop the value where RGOS, like IOS,
 *   takes none (`no switchport access vlan`, `no description`).
 * - a trunk's allowed list is a set (all VLANs by default): `switchport trunk allowed vlan add|remove L`.
 */
import type { Dialect, EquivalentForm, IdSetFamily, IdSetOp, LineRule } from '../dialect.js';
import { idRuns } from '../dialect.js';

// ---------------------------------------------------------------------------- VLAN lists

/** `10,20,100-110` → ids; undefined when the text is not a VLAN list. */
function parseVlanList(text: string): number[] | undefined {
  const ids: number[] = [];
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return undefined;
    for (let v = a; v <= b; v++) ids.push(v);
  }
  return ids;
}

function formatVlanList(ids: readonly number[]): string {
  return idRuns(ids).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

const ALLOWED = 'switchport trunk allowed vlan ';
const ALL_VLANS = Array.from({ length: 4094 }, (_v, i) => i + 1);

/** ` switchport trunk allowed vlan { all | only L | add L | remove L | except L }` (§2.3); all by default. */
const trunkAllowed: IdSetFamily = {
  name: 'switchport trunk allowed vlan',
  max: 4094,
  base: ALL_VLANS,
  rank: 6,
  owns: (line) => line.startsWith(ALLOWED),
  parse(line) {
    if (!line.startsWith(ALLOWED)) return undefined;
    const rest = line.slice(ALLOWED.length);
    if (rest === 'all') return { op: 'add', ids: ALL_VLANS };
    const sp = rest.indexOf(' ');
    if (sp < 0) return undefined;
    const word = rest.slice(0, sp);
    const ids = parseVlanList(rest.slice(sp + 1));
    if (!ids) return undefined;
    const ops: Record<string, IdSetOp['op']> = { only: 'only', add: 'add', remove: 'remove' };
    if (word === 'except') {
      const ex = new Set(ids);
      return { op: 'only', ids: ALL_VLANS.filter((v) => !ex.has(v)) };
    }
    const op = ops[word];
    return op ? { op, ids } : undefined;
  },
  addCommands: (ids) => [`switchport trunk allowed vlan add ${formatVlanList(ids)}`],
  removeCommands: (ids) => [`switchport trunk allowed vlan remove ${formatVlanList(ids)}`],
  /** RGOS 10 shows what was taken away from "all" (the renderer's `remove` style). */
  printLines(ids) {
    const have = new Set(ids);
    const removed = ALL_VLANS.filter((v) => !have.has(v));
    return removed.length ? [`switchport trunk allowed vlan remove ${formatVlanList(removed)}`] : [];
  },
};

// ---------------------------------------------------------------------------- equivalent forms

/**
 * Forms of one setting (docs/devices/ruijie-rgos.md, "Equivalent forms"): a static route at the
 * default distance 1 with or without it; an OSPF area written as a number or dotted.
 */
const equivalents: EquivalentForm[] = [
  { in: 'root', match: /^ip route (vrf \S+ )?(\S+ \S+ \S+)(?: 1)?$/, key: (m) => `ip route ${m[1] ?? ''}${m[2]}` },
  {
    in: /^router ospf \d+$/, match: /^network (\S+) (\S+) area (\S+)$/,
    key: (m) => `network ${m[1]} ${m[2]} area ${/^\d+$/.test(m[3]!) ? m[3] : m[3]!.split('.').reduce((a, o) => a * 256 + Number(o), 0)}`,
  },
];

// ---------------------------------------------------------------------------- rules

const IFACE = /^interface /;
const VRF = /^(?:ip vrf \S+|vrf definition \S+|address-family ipv4(?: unicast)?)$/;

const vrrpGroup = (m: RegExpExecArray): { id: string; negation: string } => ({ id: `vrrp ${m[1]}`, negation: `no vrrp ${m[1]}` });
const addressGroup = (): { id: string; negation: string } => ({ id: 'ip address', negation: 'no ip address' });

const interfaceRules: LineRule[] = [
  { in: IFACE, match: /^speed (\S+)$/, key: 'speed', negate: 'no speed', rank: 0, removeRank: 96 },
  { in: IFACE, match: /^duplex (\S+)$/, key: 'duplex', negate: 'no duplex', rank: 0, removeRank: 96 },
  // Routed port: first on, last off.
  { in: IFACE, match: /^(?:no )?switchport$/, key: 'switchport', rank: 1, removeRank: 95 },
  { in: IFACE, match: /^description .*$/, key: 'description', negate: 'no description', rank: 2, removeRank: 1 },
  { in: IFACE, match: /^(?:no )?shutdown$/, key: 'shutdown', rank: 45, removeRank: 45 },
  {
    in: IFACE, match: /^port-group (\d+)(?: mode (\S+))?$/, key: 'port-group', replace: 'negate-first', negate: 'no port-group', rank: 3, removeRank: 0,
    reference: (m) => `interface AggregatePort ${m[1]}`,
  },
  { in: IFACE, match: /^switchport mode (\S+)$/, key: 'switchport mode', negate: 'no switchport mode', rank: 5, removeRank: 90 },
  { in: IFACE, match: /^switchport access vlan (\d+)$/, key: 'switchport access vlan', negate: 'no switchport access vlan', rank: 7, removeRank: 10 },
  { in: IFACE, match: /^switchport trunk native vlan (\d+)$/, key: 'switchport trunk native vlan', negate: 'no switchport trunk native vlan', rank: 7, removeRank: 10 },
  {
    in: IFACE, match: /^(ip vrf|vrf) forwarding (\S+)$/, key: 'vrf forwarding', replace: 'negate-first', negate: (m) => `no ${m[1]} forwarding ${m[2]}`,
    clears: { lines: /^ip address /, rebuild: /^vrrp / }, rank: 10, removeRank: 80,
  },
  { in: IFACE, match: /^ip address (\S+) (\S+) secondary$/, negate: (m) => `no ip address ${m[1]} ${m[2]} secondary`, group: addressGroup, rank: 12, removeRank: 55 },
  { in: IFACE, match: /^ip address (\S+) (\S+)$/, key: 'ip address', negate: (m) => `no ip address ${m[1]} ${m[2]}`, group: addressGroup, rank: 11, removeRank: 60 },
  { in: IFACE, match: /^vrrp (\d+) ip (\S+)$/, negate: (m) => `no vrrp ${m[1]} ip ${m[2]}`, group: vrrpGroup, rank: 20, removeRank: 22 },
  { in: IFACE, match: /^vrrp (\d+) priority (\d+)$/, key: (m) => `vrrp ${m[1]} priority`, negate: (m) => `no vrrp ${m[1]} priority`, group: vrrpGroup, rank: 22, removeRank: 21 },
  { in: IFACE, match: /^vrrp (\d+) preempt(?: delay (\d+))?$/, key: (m) => `vrrp ${m[1]} preempt`, negate: (m) => `no vrrp ${m[1]} preempt delay`, group: vrrpGroup, rank: 21, removeRank: 21 },
  { in: IFACE, match: /^no vrrp (\d+) preempt$/, key: (m) => `vrrp ${m[1]} preempt`, negate: (m) => `vrrp ${m[1]} preempt`, group: vrrpGroup, rank: 21, removeRank: 21 },
  { in: IFACE, match: /^vrrp (\d+) timers advertise (\d+)$/, key: (m) => `vrrp ${m[1]} timers advertise`, negate: (m) => `no vrrp ${m[1]} timers advertise`, group: vrrpGroup, rank: 23, removeRank: 21 },
  { in: IFACE, match: /^vrrp (\d+) track (.+) (\d+)$/, key: (m) => `vrrp ${m[1]} track ${m[2]}`, negate: (m) => `no vrrp ${m[1]} track ${m[2]}`, group: vrrpGroup, rank: 24, removeRank: 20 },
  { in: IFACE, match: /^vrrp (\d+) (description|authentication) .*$/, key: (m) => `vrrp ${m[1]} ${m[2]}`, negate: (m) => `no vrrp ${m[1]} ${m[2]}`, group: vrrpGroup, rank: 23, removeRank: 21 },
  { in: IFACE, match: /^mls qos trust (\S+)$/, key: 'mls qos trust', negate: 'no mls qos trust', rank: 46, removeRank: 46 },
  { in: IFACE, match: /^mls qos cos (\d+)$/, key: 'mls qos cos', negate: 'no mls qos cos', rank: 46, removeRank: 46 },
  { in: IFACE, match: /^service-policy (input|output) (\S+)$/, key: (m) => `service-policy ${m[1]}`, negate: (m) => `no service-policy ${m[1]} ${m[2]}`, rank: 47, removeRank: 47 },
  { in: IFACE, match: /^(?:no )?lldp enable$/, key: 'lldp enable', rank: 52, removeRank: 52 },
];

const rules: LineRule[] = [
  // ------------------------------------------------------------------ top level
  { in: 'root', match: /^version .*$/, ignored: true },
  { in: 'root', match: /^install \d+ .*$/, ignored: true },
  // RGOS 11 folds unnamed VLANs into `vlan range`; dcnet renders one stanza per VLAN and leaves ranges alone.
  { in: 'root', match: /^vlan range .*$/, ignored: true },
  { in: 'root', match: /^hostname (.+)$/, key: 'hostname', negate: 'no hostname', rank: 0 },
  { in: 'root', match: /^service password-encryption$/, rank: 1 },
  { in: 'root', match: /^ip access-list (standard|extended) (\S+)$/, opensView: true, rank: 30, createStage: 'prepare', deleteStage: 'teardown', negate: (m) => `no ip access-list ${m[1]} ${m[2]}` },
  { in: 'root', match: /^class-map (?:match-\S+ )?(\S+)$/, key: (m) => `class-map ${m[1]}`, negate: (m) => `no class-map ${m[1]}`, opensView: true, rank: 31, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^policy-map (\S+)$/, opensView: true, rank: 32, createStage: 'prepare', deleteStage: 'teardown' },
  {
    in: 'root', match: /^username (\S+) .*$/, key: (m) => `username ${m[1]}`, negate: (m) => `no username ${m[1]}`, scope: (m) => `user ${m[1]}`, rank: 2,
  },
  { in: 'root', match: /^ip ssh version (\d+)$/, key: 'ip ssh version', negate: 'no ip ssh version', rank: 3 },
  { in: 'root', match: /^(?:no )?enable service (\S+)$/, key: (m) => `enable service ${m[1]}`, rank: 4 },
  { in: 'root', match: /^ip vrf (\S+)$/, opensView: true, rank: 20, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^vrf definition (\S+)$/, opensView: true, rank: 20, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^vlan 1$/, rank: 10, createStage: 'prepare', deletable: false, orphan: 'clear' },
  { in: 'root', match: /^vlan (\d+)$/, rank: 10, createStage: 'prepare', deleteStage: 'teardown', opensView: true },
  { in: 'root', match: /^interface AggregatePort \d+$/, opensView: true, rank: 40, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface Loopback \d+$/, opensView: true, rank: 41, createStage: 'prepare', deleteStage: 'teardown' },
  { in: 'root', match: /^interface VLAN \d+$/, opensView: true, rank: 45 },
  { in: 'root', match: /^interface \S+ \d+(?:\/\d+)*\.\d+$/, opensView: true, rank: 52 },
  { in: 'root', match: /^interface .+$/, opensView: true, rank: 50, deletable: false },
  { in: 'root', match: /^router ospf (\d+)$/, opensView: true, negate: (m) => `no router ospf ${m[1]}`, rank: 65 },
  {
    in: 'root', match: /^ip route (vrf \S+ )?(\S+) (\S+) (\S+)(?: .*)?$/, key: (m) => `ip route ${m[1] ?? ''}${m[2]} ${m[3]} ${m[4]}`,
    negate: (m) => `no ip route ${m[1] ?? ''}${m[2]} ${m[3]} ${m[4]}`, rank: 70,
  },
  { in: 'root', match: /^snmp-server community (\S+)(?: .*)?$/, negate: (m) => `no snmp-server community ${m[1]}`, rank: 80 },
  { in: 'root', match: /^snmp-server (location|contact) .*$/, key: (m) => `snmp-server ${m[1]}`, negate: (m) => `no snmp-server ${m[1]}`, rank: 81 },
  { in: 'root', match: /^snmp-server group (\S+) .*$/, key: (m) => `snmp-server group ${m[1]}`, negate: (_m, line) => `no ${line}`, rank: 80, removeRank: 82 },
  { in: 'root', match: /^snmp-server user (\S+) .*$/, key: (m) => `snmp-server user ${m[1]}`, negate: (_m, line) => `no ${line.split(' ').slice(0, 5).join(' ')}`, rank: 81, removeRank: 80 },
  { in: 'root', match: /^(?:no )?(?:snmp-server|enable service snmp-agent).*$/, rank: 82 },
  { in: 'root', match: /^line (vty|console) .*$/, opensView: true, rank: 90, deletable: false },
  { in: 'root', match: /^ntp server (\S+)(?: .*)?$/, key: (m) => `ntp server ${m[1]}`, negate: (m) => `no ntp server ${m[1]}`, rank: 95 },
  { in: 'root', match: /^logging server (\S+)$/, negate: (m) => `no logging server ${m[1]}`, rank: 95 },

  // ------------------------------------------------------------------ inside sections
  ...interfaceRules,
  { in: /^vlan \d+$/, match: /^name .*$/, key: 'name', negate: 'no name', rank: 1 },
  { in: /^router ospf \d+$/, match: /^router-id (\S+)$/, key: 'router-id', negate: 'no router-id', rank: 1 },
  { in: /^router ospf \d+$/, match: /^network (\S+) (\S+) area (\S+)$/, rank: 2 },
  {
    in: /^(?:ip vrf \S+|vrf definition \S+)$/, match: /^rd (\S+)$/, key: 'rd', replace: 'negate-first', negate: (m) => `no rd ${m[1]}`, rank: 1, removeRank: 90,
  },
  { in: /^(?:ip vrf \S+|vrf definition \S+)$/, match: /^description .*$/, key: 'description', negate: 'no description', rank: 0 },
  { in: /^vrf definition \S+$/, match: /^address-family ipv4(?: unicast)?$/, rank: 5, opensView: true },
  { in: VRF, match: /^route-target (export|import|both) (\S+)$/, negate: (m) => `no route-target ${m[1]} ${m[2]}`, rank: 10, removeRank: 10 },
  { in: /^ip access-list /, match: /^(\d+) .*$/, key: (m) => `seq ${m[1]}`, negate: (m) => `no ${m[1]}`, rank: 1 },
  { in: /^class-map /, match: /^match .*$/, rank: 1 },
  { in: /^policy-map /, match: /^class (\S+)$/, rank: 1, opensView: true },
  { in: /^class \S+$/, match: /^set (.+) (\S+)$/, key: (m) => `set ${m[1]}`, negate: (_m, line) => `no ${line}`, rank: 1 },
  { in: /^line /, match: /^(login|transport input|exec-timeout|access-class) ?.*$/, key: (m) => m[1]!, negate: (m) => `no ${m[1]}`, rank: 1 },
];

// ---------------------------------------------------------------------------- secrets

/**
 * A `{{secret:...}}` token, or what the device prints for a secret: `password 7 <cipher>`,
 * `secret 8 $1c$...`, an SNMP community (the community string is the secret), v3 keys.
 */
const SECRET_FORMS: [RegExp, string][] = [
  [/\b(password|secret) (?:[0-9] )?(?:\{\{secret:[^}]+\}\}|\S+)/g, '$1 <secret>'],
  [/^snmp-server community (?:[0-9] )?(?:\{\{secret:[^}]+\}\}|\S+)/, 'snmp-server community <secret>'],
  [/\b(auth (?:sha|md5)|priv (?:aes128|aes|des|3des)) (?:\{\{secret:[^}]+\}\}|\S+)/g, '$1 <secret>'],
  [/\{\{secret:[^}]+\}\}/g, '<secret>'],
];

export function maskRgosSecret(line: string): string | undefined {
  if (!line.includes('{{secret:') && !/\b(?:password|secret|community|auth|priv) /.test(line)) return undefined;
  let out = line;
  for (const [re, to] of SECRET_FORMS) out = out.replace(re, to);
  return out === line ? undefined : out;
}

// ---------------------------------------------------------------------------- the dialect

export const ruijieRgosDialect: Dialect = {
  platform: 'ruijie-rgos',
  delimiter: '!',
  terminator: 'end',
  enterConfig: ['configure terminal'],
  leaveConfig: ['end'],
  exitView: (path) => (/^address-family /.test(path[path.length - 1] ?? '') ? 'exit-address-family' : 'exit'),
  negationPrefix: 'no ',
  isHeader: (line) => /^Building configuration/.test(line) || /^Current configuration\s*:/.test(line)
    || /^\S+[#>]\s*sh(?:ow)?\s+run/.test(line),
  isTrailer: (line) => /^\S+[#>]\s*$/.test(line),
  foreignSyntax(text, indent) {
    // Fast path: only a few first characters can start another vendor's tell-tale line.
    const c = text.charCodeAt(0);
    if (c !== 0x23 /* # */ && c !== 0x72 /* r */ && c !== 0x21 /* ! */ && c !== 0x73 /* s */ && c !== 0x76 /* v */ && c !== 0x75 /* u */ && c !== 0x69 /* i */) return undefined;
    if (text === '#') return 'a `#` delimiter: Huawei VRP syntax, not RGOS (wrong platform?)';
    if (indent === 0 && text === 'return') return '`return`: the VRP terminator, not RGOS\'s `end` (wrong platform?)';
    if (/^!Software Version /.test(text)) return `\`${text}\`: a Huawei VRP preamble (wrong platform?)`;
    if (indent === 0 && /^(?:sysname |vlan batch |undo )/.test(text)) return `\`${text.split(' ')[0]}\`: Huawei VRP syntax (wrong platform?)`;
    if (indent === 0 && /^interface (?:Vlanif|Eth-Trunk|GigabitEthernet\d|XGigabitEthernet\d)/.test(text)) {
      return 'a Huawei interface name (no space before its number): VRP syntax, RGOS prints `GigabitEthernet 0/1` (wrong platform?)';
    }
    return undefined;
  },
  rules,
  equivalents,
  families: (parentLine) => (parentLine !== undefined && IFACE.test(parentLine) ? [trunkAllowed] : []),
  maskSecret: maskRgosSecret,
};
