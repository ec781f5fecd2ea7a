/**
 * What a USG accepts beyond the VRP grammar (reference/huawei-usg.md): security zones (§2),
 * the policy generation of the box (§3: `security-policy` rules on the USG6000, `policy interzone`
 * on the USG2000/5000), NAT servers (§4.1), service sets, L2TP remote access, interface
 * `service-manage` (§1) and the AAA address pools of remote-access users.
 */
import { type LineTest, cmd, fixedLine, setCmd, startsWithWords, unsetCmd } from '../commands.js';
import type { InterfaceName } from '../grammar.js';
import type { CommandDef, Exec } from '../platform.js';
import type { PolicyStyle } from './layout.js';
import { usgHaVpnNatCommands } from './grammar-ha-vpn-nat.js';

export const BUILT_IN_ZONES: Record<string, number> = { local: 100, trust: 85, untrust: 5, dmz: 50 };
const PREDEFINED_SERVICES = ['http', 'https', 'ssh', 'telnet', 'ping', 'icmp', 'dns', 'ftp', 'smtp', 'pop3', 'imap', 'snmp', 'ntp', 'tcp', 'udp', 'rdp', 'sql-server', 'mysql', 'ldap', 'radius', 'syslog', 'tftp'];

function zoneNodes(x: Exec) {
  return x.store.root.children.filter((c) => /^firewall zone /.test(c.line));
}

function zoneName(line: string): string {
  return line.replace(/^firewall zone (?:name )?/, '');
}

/** The four built-in zones always exist (they are printed once configured); the others once created. */
function zoneExists(x: Exec, name: string): boolean {
  return name in BUILT_IN_ZONES || zoneNodes(x).some((z) => zoneName(z.line) === name);
}

function interfaceExists(x: Exec, name: string): boolean {
  return x.device.physicalPorts().includes(name) || x.store.root.children.some((c) => c.line === `interface ${name}`);
}

/** `10.0.0.0 mask 255.0.0.0` / `10.0.0.0 8` → the device's form `10.0.0.0 mask 255.0.0.0`. */
function addressForm(x: Exec, which: 'source-address' | 'destination-address'): string {
  const a = x.args;
  if (a.range) return x.line;
  if (x.line.includes(' address-set ')) return x.line;
  return `${which} ${a.ip} mask ${a.mask}`;
}

function matchLine(line: string): LineTest {
  return (l) => l === line;
}

export function usgExtraCommands(style: PolicyStyle): Record<string, CommandDef[]> {
  const zoneCommand = (pattern: string, named: boolean) => cmd(pattern, (x) => {
    const name = (named ? x.args.word : x.parse.pieces[2]!.text) as string;
    if (named && name in BUILT_IN_ZONES) { x.syntaxError('wrong', 3); return; }
    const node = x.store.ensure(x.store.root, named ? `firewall zone name ${name}` : `firewall zone ${name}`);
    if (!named && !node.children.some((c) => c.line.startsWith('set priority '))) x.store.setLine(x.store.levelOf(node), `set priority ${BUILT_IN_ZONES[name]}`);
    x.changed();
    x.enter('zone', node, `zone-${name}`, { zone: name });
  });

  const system: CommandDef[] = [
    zoneCommand('firewall zone { local | trust | untrust | dmz }', false),
    zoneCommand('firewall zone name <word>', true),
    cmd('undo firewall zone name <word>', (x) => {
      if (x.store.remove(x.store.root, (l) => l === `firewall zone name ${x.args.word}`) === 0) x.fail('The security zone does not exist.');
      else x.changed();
    }),
    setCmd('firewall packet-filter default { permit | deny } interzone <z1:word> <z2:word> direction { inbound | outbound }',
      (x) => (l) => l.startsWith('firewall packet-filter default ') && l.endsWith(` interzone ${x.args.z1} ${x.args.z2} direction ${x.parse.pieces[x.parse.pieces.length - 1]!.text}`)),
    setCmd('firewall detect { ftp | rtsp | pptp | sip }', (x) => matchLine(x.line)),
    fixedLine('l2tp enable', 'l2tp enable', 'set'),
    fixedLine('undo l2tp enable', 'l2tp enable', 'unset'),
    cmd('l2tp-group <1-1000>', (x) => {
      const node = x.store.ensure(x.store.root, `l2tp-group ${x.args.int}`);
      x.changed();
      x.enter('l2tp', node, `l2tp${x.args.int}`);
    }),
    cmd('undo l2tp-group <1-1000>', (x) => { x.store.remove(x.store.root, (l) => l === `l2tp-group ${x.args.int}`); x.changed(); }),
    cmd('ip service-set <word> type { object | group }', (x) => {
      const name = x.args.word as string;
      const existing = x.store.root.children.find((c) => c.line.startsWith(`ip service-set ${name} `));
      const node = existing ?? x.store.ensure(x.store.root, x.line);
      x.changed();
      x.enter('service-set', node, `object-service-set-${name}`);
    }),
    cmd('undo ip service-set <word>', (x) => { x.store.remove(x.store.root, startsWithWords(`ip service-set ${x.args.word}`)); x.changed(); }),
    cmd('nat server [<name:word>] [zone <zone:word>] [protocol { tcp | udp | icmp | <1-255> }] global <g:ip> [<gport:word>] [vpn-instance <gvpn:word>] inside <i:ip> [<iport:word>] [vpn-instance <ivpn:word>] [no-reverse] [description <text>]', (x) => {
      for (const v of [x.args.gvpn, x.args.ivpn]) {
        if (v && !x.store.root.children.some((c) => c.line === `ip vpn-instance ${v}`)) { x.fail('The VPN instance does not exist.'); return; }
      }
      const name = x.args.name as string | undefined;
      if (name) x.set((l) => startsWithWords(`nat server ${name}`)(l) && !/^nat server (?:zone|protocol|global) /.test(l));
      else x.set((l) => l === x.line);
    }),
    cmd('undo nat server name <word>', (x) => {
      if (x.unset((l) => startsWithWords(`nat server ${x.args.word}`)(l)) === 0) x.fail('The NAT server does not exist.');
    }),
    cmd('undo nat server <text>', (x) => {
      if (x.unset((l) => l === `nat server ${x.args.text}`) === 0) x.fail('The NAT server does not exist.');
    }),
    ...(style === 'security-policy'
      ? [
        cmd('security-policy', (x) => {
          const node = x.store.ensure(x.store.root, 'security-policy');
          x.changed();
          x.enter('sec-policy', node, 'policy-security');
        }),
      ]
      : [
        cmd('policy interzone <z1:word> <z2:word> { inbound | outbound }', (x) => {
          for (const [k, z] of [[2, x.args.z1], [3, x.args.z2]] as const) {
            if (!zoneExists(x, z as string)) { x.syntaxError('wrong', k); return; }
          }
          const dir = x.parse.pieces[4]!.text;
          const node = x.store.ensure(x.store.root, x.line);
          x.changed();
          x.enter('interzone', node, `policy-interzone-${x.args.z1}-${x.args.z2}-${dir}`);
        }),
        cmd('undo policy interzone <z1:word> <z2:word> { inbound | outbound }', (x) => { x.store.remove(x.store.root, (l) => l === x.line.slice(5)); x.changed(); }),
      ]),
  ];

  const zone: CommandDef[] = [
    cmd('set priority <1-100>', (x) => {
      const name = String(x.frame.data.zone);
      const p = x.args.int as number;
      if (name in BUILT_IN_ZONES && BUILT_IN_ZONES[name] !== p) { x.fail('The priority of a default security zone cannot be modified.'); return; }
      const clash = zoneNodes(x).find((z) => zoneName(z.line) !== name && z.children.some((c) => c.line === `set priority ${p}`));
      if (clash) { x.fail(`The priority ${p} has been used by security zone ${zoneName(clash.line)}.`); return; }
      x.set(startsWithWords('set priority'));
    }),
    cmd('undo set priority', (x) => {
      if (String(x.frame.data.zone) in BUILT_IN_ZONES) { x.fail('The priority of a default security zone cannot be modified.'); return; }
      x.unset(startsWithWords('set priority'));
    }),
    cmd('add interface <if>', (x) => {
      const name = (x.args.if as InterfaceName).name;
      if (!interfaceExists(x, name)) { x.syntaxError('wrong', x.words.length - 1); return; }
      const other = zoneNodes(x).find((z) => z.line !== x.level.line && z.children.some((c) => c.line === `add interface ${name}`));
      if (other) { x.fail(`The interface has been added to security zone ${zoneName(other.line)}.`); return; }
      x.set((l) => l === x.line);
    }),
    cmd('undo add interface <if>', (x) => {
      if (x.unset((l) => l === x.line.slice(5)) === 0) x.fail('The interface is not in the security zone.');
    }),
    setCmd('detect { ftp | rtsp | pptp | sip | qq | msn }', (x) => matchLine(x.line)),
    unsetCmd('undo detect { ftp | rtsp | pptp | sip | qq | msn }', (x) => matchLine(x.line.slice(5))),
  ];

  const zoneRef = (dir: 'source-zone' | 'destination-zone') => cmd(`${dir} <word>`, (x) => {
    if (!zoneExists(x, x.args.word as string)) { x.syntaxError('wrong', 1); return; }
    x.set(matchLine(x.line));
  });
  const address = (dir: 'source-address' | 'destination-address') => [
    cmd(`${dir} { <ip> { mask <mask:dmask> | <mask> } | range <range:ip> <to:ip> | address-set <set:word> }`, (x) => {
      const line = addressForm(x, dir);
      x.set(matchLine(line), line);
    }),
    cmd(`undo ${dir} { <ip> { mask <mask:dmask> | <mask> } | range <range:ip> <to:ip> | address-set <set:word> }`, (x) => {
      const line = addressForm({ ...x, line: x.line.slice(5) } as Exec, dir);
      x.unset(matchLine(line));
    }),
  ];
  const secRule: CommandDef[] = [
    setCmd('description <text>', 'description'),
    unsetCmd('undo description', 'description'),
    zoneRef('source-zone'),
    zoneRef('destination-zone'),
    unsetCmd('undo source-zone <word>', (x) => matchLine(x.line.slice(5))),
    unsetCmd('undo destination-zone <word>', (x) => matchLine(x.line.slice(5))),
    ...address('source-address'),
    ...address('destination-address'),
    cmd('service <word>', (x) => {
      const name = x.args.word as string;
      const known = PREDEFINED_SERVICES.includes(name) || x.store.root.children.some((c) => c.line.startsWith(`ip service-set ${name} `));
      if (!known) { x.syntaxError('wrong', 1); return; }
      x.set(matchLine(x.line));
    }),
    setCmd('service protocol { tcp | udp } [source-port <sp:1-65535> [to <spt:1-65535>]] destination-port <dp:1-65535> [to <dpt:1-65535>]', (x) => matchLine(x.line)),
    unsetCmd('undo service <text>', (x) => matchLine(`service ${x.args.text}`)),
    setCmd('action { permit | deny }', 'action'),
    unsetCmd('undo action', 'action'),
    setCmd('application app <word>', (x) => matchLine(x.line)),
    setCmd('profile { av | ips | url-filter | file-block } <word>', (x) => startsWithWords(`profile ${x.parse.pieces[1]!.text}`)),
    fixedLine('policy logging', 'policy logging', 'set'),
    fixedLine('session logging', 'session logging', 'set'),
    fixedLine('disable', 'disable', 'set'),
    fixedLine('enable', 'disable', 'unset'),
  ];
  const secPolicy: CommandDef[] = [
    cmd('rule name <word>', (x) => {
      const node = x.store.ensure(x.level, `rule name ${x.args.word}`);
      x.changed();
      x.enter('sec-rule', node, `policy-security-rule-${x.args.word}`);
    }),
    cmd('undo rule name <word>', (x) => {
      if (x.unset((l) => l === `rule name ${x.args.word}`) === 0) x.fail('The rule does not exist.');
    }),
    cmd('rule move <a:word> { before <b:word> | after <b:word> | top | bottom }', (x) => {
      const rules = x.level.children;
      const from = rules.findIndex((c) => c.line === `rule name ${x.args.a}`);
      if (from < 0) { x.syntaxError('wrong', 2); return; }
      const [node] = rules.splice(from, 1);
      const how = x.parse.pieces[3]!.text;
      let to = how === 'top' ? 0 : rules.length;
      if (how === 'before' || how === 'after') {
        const i = rules.findIndex((c) => c.line === `rule name ${x.args.b}`);
        if (i < 0) { rules.splice(from, 0, node!); x.syntaxError('wrong', 4); return; }
        to = how === 'before' ? i : i + 1;
      }
      rules.splice(to, 0, node!);
      x.changed();
    }),
  ];

  const interzone: CommandDef[] = [
    cmd('policy <0-65535>', (x) => {
      const node = x.store.ensure(x.level, `policy ${x.args.int}`);
      x.changed();
      x.enter('interzone-policy', node, `${x.frame.label}-${x.args.int}`);
    }),
    unsetCmd('undo policy <0-65535>', (x) => matchLine(`policy ${x.args.int}`)),
  ];
  const interzonePolicy: CommandDef[] = [
    setCmd('action { permit | deny }', 'action'),
    unsetCmd('undo action', 'action'),
    setCmd('description <text>', 'description'),
    unsetCmd('undo description', 'description'),
    setCmd('policy { source | destination } { <ip> <wild> | address-set <word> | range <ip> <to:ip> | any }', (x) => matchLine(x.line)),
    unsetCmd('undo policy { source | destination } { <ip> <wild> | address-set <word> | range <ip> <to:ip> | any }', (x) => matchLine(x.line.slice(5))),
    cmd('policy service service-set <word>', (x) => {
      const name = x.args.word as string;
      const known = PREDEFINED_SERVICES.includes(name) || x.store.root.children.some((c) => c.line.startsWith(`ip service-set ${name} `));
      if (!known) { x.syntaxError('wrong', 3); return; }
      x.set(matchLine(x.line));
    }),
    unsetCmd('undo policy service service-set <word>', (x) => matchLine(x.line.slice(5))),
  ];
  const serviceSet: CommandDef[] = [
    setCmd('service <0-65535> protocol { tcp | udp | icmp } [source-port <sp:0-65535> [to <spt:0-65535>]] [destination-port <dp:0-65535> [to <dpt:0-65535>]]', (x) => startsWithWords(`service ${x.args.int}`)),
    unsetCmd('undo service <0-65535>', (x) => startsWithWords(`service ${x.args.int}`)),
    setCmd('description <text>', 'description'),
  ];
  const l2tp: CommandDef[] = [
    fixedLine('undo tunnel authentication', 'undo tunnel authentication', 'set'),
    fixedLine('tunnel authentication', 'undo tunnel authentication', 'unset'),
    setCmd('allow l2tp virtual-template <0-1023> [{ remote <word> | domain <domain:word> }]', 'allow l2tp'),
    unsetCmd('undo allow l2tp [<text>]', 'allow l2tp'),
    setCmd('tunnel password { simple | cipher } <secret>', 'tunnel password'),
    setCmd('tunnel name <word>', 'tunnel name'),
  ];
  const iface: CommandDef[] = [
    setCmd('service-manage { http | https | ping | ssh | snmp | telnet | netconf } { permit | deny }', (x) => startsWithWords(`service-manage ${x.parse.pieces[1]!.text}`)),
    unsetCmd('undo service-manage { http | https | ping | ssh | snmp | telnet | netconf }', (x) => startsWithWords(`service-manage ${x.parse.pieces[2]!.text}`)),
    fixedLine('service-manage enable', 'service-manage enable', 'set'),
    fixedLine('undo service-manage enable', 'service-manage enable', 'unset'),
    cmd('ppp authentication-mode { chap | pap }', (x) => {
      if (!/^Virtual-Template/.test(String(x.frame.data.name))) { x.syntaxError('unrecognized', 0); return; }
      x.set(startsWithWords('ppp authentication-mode'));
    }),
    unsetCmd('undo ppp authentication-mode', 'ppp authentication-mode'),
    cmd('remote address pool <0-99>', (x) => {
      if (!/^Virtual-Template/.test(String(x.frame.data.name))) { x.syntaxError('unrecognized', 0); return; }
      x.set(startsWithWords('remote address'));
    }),
    unsetCmd('undo remote address [pool [<0-99>]]', 'remote address'),
  ];
  const aaa: CommandDef[] = [
    setCmd('ip pool <0-99> <ip> [<to:ip>]', (x) => startsWithWords(`ip pool ${x.args.int}`)),
    unsetCmd('undo ip pool <0-99>', (x) => startsWithWords(`ip pool ${x.args.int}`)),
  ];
  const more = usgHaVpnNatCommands(style, secRule.filter((c) => !/^(?:undo )?action\b/.test(c.pattern) && !/^(?:application|profile|policy logging|session logging|disable|enable)/.test(c.pattern)),
    secPolicy.filter((c) => c.pattern.startsWith('rule move ')));
  return {
    system: [...system, ...more.system], interface: [...iface, ...more.interface], aaa: [...aaa, ...more.aaa], zone, 'sec-policy': secPolicy,
    'sec-rule': secRule, interzone, 'interzone-policy': interzonePolicy, 'service-set': serviceSet, l2tp, ...more.views,
  };
}
