/**
 * USG commands of issue #10 (src/render/huawei-usg: hrp.ts, aaa.ts, remote-access.ts,
 * source-nat.ts; evidence and what is unverified in docs/devices/huawei-usg.md):
 *
 * - hot standby: `hrp enable`, `hrp interface IF [remote IP]`, `hrp standby-device`;
 * - administrators of the USG6000: `aaa` / `manager-user NAME` with `password cipher`,
 *   `service-type`, `level`; AAA domains: `domain NAME` with `service-type` and `ip pool N A [B]`;
 * - L2TP over IPsec: `l2tp domain suffix-separator C`, `ike proposal N`, `ike peer NAME`,
 *   `ipsec proposal NAME`, `ipsec policy-template NAME N`, `ipsec policy NAME N isakmp template T`,
 *   and ` ipsec policy NAME` on an interface (each name must exist when referenced);
 * - source NAT: `nat address-group` (USG6000: a view with `mode` and `section`; USG2000: one line
 *   `nat address-group N A B`), the USG6000 `nat-policy` view with rules (the rule commands of
 *   `security-policy` plus `action source-nat { easy-ip | address-group NAME }` / `action no-nat`),
 *   the USG2000 `nat-policy interzone Z1 Z2 DIR` with `policy N` entries (`action source-nat`,
 *   `policy source|destination`, `address-group N`, `easy-ip IF`).
 */
import { cmd, fixedLine, setCmd, startsWithWords, unsetCmd } from '../commands.js';
import type { InterfaceName } from '../grammar.js';
import type { CommandDef, Exec } from '../platform.js';
import type { PolicyStyle } from './layout.js';

const top = (x: Exec, re: RegExp): boolean => x.store.root.children.some((c) => re.test(c.line));
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function interfaceExists(x: Exec, name: string): boolean {
  return x.device.physicalPorts().includes(name) || x.store.root.children.some((c) => c.line === `interface ${name}`);
}

/** A top-level section: created if missing, then entered. */
function section(x: Exec, line: string, view: string, label: string): void {
  const node = x.store.ensure(x.store.root, line);
  x.changed();
  x.enter(view, node, label);
}

function removeTop(x: Exec, match: (l: string) => boolean, missing: string): void {
  if (x.store.remove(x.store.root, match) === 0) x.fail(missing);
  else x.changed();
}

/** `undo KEYWORD...` for single-valued settings of a view. */
function undoSettings(keywords: readonly string[]): CommandDef[] {
  return keywords.map((k) => unsetCmd(`undo ${k}`, k));
}

const ENCRYPTION_IKE = '{ des-cbc | 3des-cbc | aes-cbc-128 | aes-cbc-192 | aes-cbc-256 | des | 3des | aes-128 | aes-192 | aes-256 }';
const AUTH_IKE = '{ md5 | sha1 | sha2-256 | sha2-384 | sha2-512 }';
const INTEGRITY_IKE = '{ hmac-md5-96 | hmac-sha1-96 | aes-xcbc-mac-96 | hmac-sha2-256 | hmac-sha2-384 | hmac-sha2-512 }';
const DH = '{ group1 | group2 | group5 | group14 | group15 | group16 | group19 | group20 | group21 }';
const ESP_AUTH = '{ md5 | sha1 | sha2-256 | sha2-384 | sha2-512 }';
const ESP_ENCRYPTION = '{ des | 3des | aes-128 | aes-192 | aes-256 }';
const SERVICE_TYPES = ['ssh', 'telnet', 'web', 'terminal', 'ftp', 'api', 'snmp', 'l2tp', 'ike', 'ssl-vpn', 'internetaccess', 'ppp'];

/** `service-type a b c` checked against the known types (the word index of the first bad one). */
function serviceTypes(x: Exec): boolean {
  const bad = (x.args.text as string).split(/\s+/).findIndex((t) => !SERVICE_TYPES.includes(t));
  if (bad >= 0) { x.syntaxError('wrong', 1 + bad); return false; }
  return true;
}

export interface UsgHaVpnNatViews {
  system: CommandDef[];
  interface: CommandDef[];
  aaa: CommandDef[];
  /** The views these commands enter. */
  views: Record<string, CommandDef[]>;
}

/**
 * @param ruleCommands the match commands of a `security-policy` rule (zones, addresses, services,
 *   description), reused by `nat-policy` rules
 * @param moveCommands `rule move` of `security-policy`, reused by `nat-policy` (rules are ordered)
 */
export function usgHaVpnNatCommands(style: PolicyStyle, ruleCommands: readonly CommandDef[], moveCommands: readonly CommandDef[]): UsgHaVpnNatViews {
  const system: CommandDef[] = [
    fixedLine('hrp enable', 'hrp enable', 'set'),
    fixedLine('undo hrp enable', 'hrp enable', 'unset'),
    cmd('hrp interface <if> [remote <ip>]', (x) => {
      const name = (x.args.if as InterfaceName).name;
      if (!interfaceExists(x, name)) { x.syntaxError('wrong', 2); return; }
      x.set(startsWithWords('hrp interface'));
    }),
    unsetCmd('undo hrp interface [<text>]', 'hrp interface'),
    fixedLine('hrp standby-device', 'hrp standby-device', 'set'),
    fixedLine('undo hrp standby-device', 'hrp standby-device', 'unset'),
    setCmd('l2tp domain suffix-separator <word>', 'l2tp domain suffix-separator'),
    unsetCmd('undo l2tp domain suffix-separator', 'l2tp domain suffix-separator'),

    cmd('ike proposal <1-99>', (x) => section(x, `ike proposal ${x.args.int}`, 'ike-proposal', `ike-proposal-${x.args.int}`)),
    cmd('undo ike proposal <1-99>', (x) => removeTop(x, (l) => l === `ike proposal ${x.args.int}`, 'The IKE proposal does not exist.')),
    cmd('ike peer <word>', (x) => section(x, `ike peer ${x.args.word}`, 'ike-peer', `ike-peer-${x.args.word}`)),
    cmd('undo ike peer <word>', (x) => removeTop(x, (l) => l === `ike peer ${x.args.word}`, 'The IKE peer does not exist.')),
    cmd('ipsec proposal <word>', (x) => section(x, `ipsec proposal ${x.args.word}`, 'ipsec-proposal', `ipsec-proposal-${x.args.word}`)),
    cmd('undo ipsec proposal <word>', (x) => removeTop(x, (l) => l === `ipsec proposal ${x.args.word}`, 'The IPSec proposal does not exist.')),
    cmd('ipsec policy-template <word> <1-10000>', (x) => section(x, `ipsec policy-template ${x.args.word} ${x.args.int}`, 'ipsec-template', `ipsec-policy-templet-${x.args.word}-${x.args.int}`)),
    cmd('undo ipsec policy-template <word> [<1-10000>]', (x) => {
      const line = `ipsec policy-template ${x.args.word}${x.args.int !== undefined ? ` ${x.args.int}` : ''}`;
      removeTop(x, startsWithWords(line), 'The IPSec policy template does not exist.');
    }),
    cmd('ipsec policy <word> <1-10000> isakmp template <t:word>', (x) => {
      if (!top(x, new RegExp(`^ipsec policy-template ${esc(x.args.t as string)} `))) { x.fail('The IPSec policy template does not exist.'); return; }
      x.set(startsWithWords(`ipsec policy ${x.args.word} ${x.args.int}`));
    }),
    cmd('undo ipsec policy <word> [<1-10000>]', (x) => {
      const line = `ipsec policy ${x.args.word}${x.args.int !== undefined ? ` ${x.args.int}` : ''}`;
      removeTop(x, startsWithWords(line), 'The IPSec policy does not exist.');
    }),

    ...(style === 'security-policy'
      ? [
        cmd('nat address-group <word> [<0-255>]', (x) => section(x, `nat address-group ${x.args.word}`, 'nat-group', `address-group-${x.args.word}`)),
        cmd('undo nat address-group <word>', (x) => removeTop(x, (l) => l === `nat address-group ${x.args.word}`, 'The address pool does not exist.')),
        cmd('nat-policy', (x) => section(x, 'nat-policy', 'nat-policy', 'policy-nat')),
      ]
      : [
        cmd('nat address-group <0-255> <ip> <to:ip>', (x) => { x.set(startsWithWords(`nat address-group ${x.args.int}`)); }),
        cmd('undo nat address-group <0-255>', (x) => removeTop(x, startsWithWords(`nat address-group ${x.args.int}`), 'The address pool does not exist.')),
        cmd('nat-policy interzone <z1:word> <z2:word> { inbound | outbound }', (x) => {
          const dir = x.parse.pieces[4]!.text;
          section(x, x.line, 'nat-interzone', `nat-policy-interzone-${x.args.z1}-${x.args.z2}-${dir}`);
        }),
        cmd('undo nat-policy interzone <z1:word> <z2:word> { inbound | outbound }', (x) => removeTop(x, (l) => l === x.line.slice(5), 'The NAT policy does not exist.')),
      ]),
  ];

  const iface: CommandDef[] = [
    cmd('ipsec policy <word> [auto-neg]', (x) => {
      if (!top(x, new RegExp(`^ipsec policy ${esc(x.args.word as string)} \\d+ `))) { x.fail('The IPSec policy does not exist.'); return; }
      x.set(startsWithWords('ipsec policy'));
    }),
    unsetCmd('undo ipsec policy [<word>]', 'ipsec policy'),
  ];

  const aaa: CommandDef[] = [
    cmd('manager-user <word>', (x) => {
      const node = x.store.ensure(x.level, `manager-user ${x.args.word}`);
      x.changed();
      x.enter('manager-user', node, `aaa-manager-user-${x.args.word}`);
    }),
    cmd('undo manager-user <word>', (x) => {
      if (x.unset((l) => l === `manager-user ${x.args.word}`) === 0) x.fail('The administrator does not exist.');
    }),
    cmd('domain <word>', (x) => {
      const node = x.store.ensure(x.level, `domain ${x.args.word}`);
      x.changed();
      x.enter('aaa-domain', node, `aaa-domain-${x.args.word}`);
    }),
    cmd('undo domain <word>', (x) => {
      if (x.unset((l) => l === `domain ${x.args.word}`) === 0) x.fail('The domain does not exist.');
    }),
  ];

  const managerUser: CommandDef[] = [
    setCmd('password cipher <secret>', 'password'),
    cmd('service-type <text>', (x) => { if (serviceTypes(x)) x.set(startsWithWords('service-type')); }),
    setCmd('level <0-15>', 'level'),
    ...undoSettings(['password', 'service-type', 'level']),
  ];
  const domain: CommandDef[] = [
    cmd('service-type <text>', (x) => { if (serviceTypes(x)) x.set(startsWithWords('service-type')); }),
    unsetCmd('undo service-type', 'service-type'),
    setCmd('ip pool <0-99> <ip> [<to:ip>]', (x) => startsWithWords(`ip pool ${x.args.int}`)),
    unsetCmd('undo ip pool <0-99>', (x) => startsWithWords(`ip pool ${x.args.int}`)),
  ];

  const ikeProposal: CommandDef[] = [
    setCmd(`encryption-algorithm ${ENCRYPTION_IKE}`, 'encryption-algorithm'),
    setCmd(`dh ${DH}`, 'dh'),
    setCmd(`authentication-algorithm ${AUTH_IKE}`, 'authentication-algorithm'),
    setCmd(`integrity-algorithm ${INTEGRITY_IKE}`, 'integrity-algorithm'),
    setCmd('authentication-method { pre-share | rsa-signature | digital-envelope }', 'authentication-method'),
    setCmd('sa duration <60-604800>', 'sa duration'),
    ...undoSettings(['encryption-algorithm', 'dh', 'authentication-algorithm', 'integrity-algorithm', 'authentication-method', 'sa duration']),
  ];
  const ikePeer: CommandDef[] = [
    setCmd('pre-shared-key <secret>', 'pre-shared-key'),
    cmd('ike-proposal <1-99>', (x) => {
      if (!top(x, new RegExp(`^ike proposal ${x.args.int}$`))) { x.fail('The IKE proposal does not exist.'); return; }
      x.set(startsWithWords('ike-proposal'));
    }),
    setCmd('remote-address <ip>', 'remote-address'),
    setCmd('exchange-mode { main | aggressive }', 'exchange-mode'),
    ...undoSettings(['pre-shared-key', 'ike-proposal', 'remote-address', 'exchange-mode']),
  ];
  const ipsecProposal: CommandDef[] = [
    setCmd('transform { esp | ah | ah-esp }', 'transform'),
    setCmd('encapsulation-mode { tunnel | transport | auto }', 'encapsulation-mode'),
    setCmd(`esp authentication-algorithm ${ESP_AUTH}`, 'esp authentication-algorithm'),
    setCmd(`esp encryption-algorithm ${ESP_ENCRYPTION}`, 'esp encryption-algorithm'),
    ...undoSettings(['transform', 'encapsulation-mode', 'esp authentication-algorithm', 'esp encryption-algorithm']),
  ];
  const ipsecTemplate: CommandDef[] = [
    cmd('ike-peer <word>', (x) => {
      if (!top(x, new RegExp(`^ike peer ${esc(x.args.word as string)}$`))) { x.fail('The IKE peer does not exist.'); return; }
      x.set(startsWithWords('ike-peer'));
    }),
    cmd('proposal <word>', (x) => {
      if (!top(x, new RegExp(`^ipsec proposal ${esc(x.args.word as string)}$`))) { x.fail('The IPSec proposal does not exist.'); return; }
      x.set(startsWithWords('proposal'));
    }),
    ...undoSettings(['ike-peer', 'proposal']),
  ];
  const natGroup: CommandDef[] = [
    setCmd('mode { pat | no-pat { global | local } }', 'mode'),
    unsetCmd('undo mode', 'mode'),
    cmd('section [<0-255>] <ip> <to:ip>', (x) => {
      const n = (x.args.int as number | undefined) ?? 0;
      x.set(startsWithWords(`section ${n}`), `section ${n} ${x.args.ip} ${x.args.to}`);
    }),
    cmd('undo section <0-255>', (x) => {
      if (x.unset(startsWithWords(`section ${x.args.int}`)) === 0) x.fail('The section does not exist.');
    }),
  ];
  const natPolicy: CommandDef[] = [
    cmd('rule name <word>', (x) => {
      const node = x.store.ensure(x.level, `rule name ${x.args.word}`);
      x.changed();
      x.enter('nat-rule', node, `policy-nat-rule-${x.args.word}`);
    }),
    cmd('undo rule name <word>', (x) => {
      if (x.unset((l) => l === `rule name ${x.args.word}`) === 0) x.fail('The rule does not exist.');
    }),
    ...moveCommands,
  ];
  const natRule: CommandDef[] = [
    ...ruleCommands,
    setCmd('action source-nat easy-ip', 'action'),
    cmd('action source-nat address-group <word>', (x) => {
      if (!top(x, new RegExp(`^nat address-group ${esc(x.args.word as string)}$`))) { x.fail('The address pool does not exist.'); return; }
      x.set(startsWithWords('action'));
    }),
    setCmd('action no-nat', 'action'),
    unsetCmd('undo action', 'action'),
  ];
  const natInterzone: CommandDef[] = [
    cmd('policy <0-65535>', (x) => {
      const node = x.store.ensure(x.level, `policy ${x.args.int}`);
      x.changed();
      x.enter('nat-interzone-policy', node, `${x.frame.label}-${x.args.int}`);
    }),
    unsetCmd('undo policy <0-65535>', (x) => (l) => l === `policy ${x.args.int}`),
  ];
  const natInterzonePolicy: CommandDef[] = [
    setCmd('action { source-nat | no-nat }', 'action'),
    unsetCmd('undo action', 'action'),
    setCmd('policy { source | destination } { <ip> <wild> | range <ip> <to:ip> | any }', (x) => (l) => l === x.line),
    unsetCmd('undo policy { source | destination } { <ip> <wild> | range <ip> <to:ip> | any }', (x) => (l) => l === x.line.slice(5)),
    cmd('address-group <0-255>', (x) => {
      if (!top(x, new RegExp(`^nat address-group ${x.args.int} `))) { x.fail('The address pool does not exist.'); return; }
      x.set((l) => l.startsWith('address-group ') || l.startsWith('easy-ip '));
    }),
    cmd('easy-ip <if>', (x) => {
      if (!interfaceExists(x, (x.args.if as InterfaceName).name)) { x.syntaxError('wrong', 1); return; }
      x.set((l) => l.startsWith('address-group ') || l.startsWith('easy-ip '));
    }),
    unsetCmd('undo { address-group | easy-ip }', (x) => startsWithWords(x.parse.pieces[1]!.text)),
  ];

  return {
    system,
    interface: iface,
    aaa,
    views: {
      'manager-user': managerUser, 'aaa-domain': domain, 'ike-proposal': ikeProposal, 'ike-peer': ikePeer,
      'ipsec-proposal': ipsecProposal, 'ipsec-template': ipsecTemplate, 'nat-group': natGroup, 'nat-policy': natPolicy,
      'nat-rule': natRule, 'nat-interzone': natInterzone, 'nat-interzone-policy': natInterzonePolicy,
    },
  };
}
