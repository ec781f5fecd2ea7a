/**
 * The VRP5 command grammar (reference/huawei-vrp.md §1.3, §2, §4.1): per view, the commands it
 * accepts, each as a pattern and what it does to the running configuration. Covers every line the
 * renderer prints (tests/golden/huawei-vrp), their `undo` forms, the view-entering commands, and
 * the display commands the drivers read. The USG grammar (../huawei-usg/grammar.ts) builds on it.
 *
 * Side effects the devices have are modelled where the reference states them: `ip binding
 * vpn-instance` clears the interface's addresses (§2.7), `vlan N` creates the VLAN, `undo vlan`
 * cannot remove VLAN 1 (§2.2), the RD cannot be changed in place (§2.7), BGP enables a new peer in
 * the IPv4 unicast family, and confirmation questions block until answered (§1.5).
 */
import type { ConfigNode } from '../../../render/index.js';
import { getDialect } from '../../../render/index.js';
import { type LineTest, cmd, fixedLine, isYes, setCmd, startsWithWords, unsetCmd } from '../commands.js';
import type { Level } from '../config-store.js';
import type { InterfaceName } from '../grammar.js';
import type { CommandDef, Exec } from '../platform.js';
import type { DisplayContext } from '../format.js';
import * as d from './display.js';
import { vrpOspfCommands } from './grammar-ospf.js';

export interface VrpGrammarOptions {
  platform: 'huawei-vrp' | 'huawei-usg';
  /** Extra commands per view id (the USG's zones, policies, NAT servers...). */
  extra?: Record<string, CommandDef[]>;
  /** Extra display commands. */
  extraDisplays?: CommandDef[];
  /** Interface types that the configuration may create. */
  creatable: RegExp;
  /** The lines of `display current-configuration` before the body. */
  header: (x: DisplayContext) => string[];
  defaultSysName: string;
}

const is = (re: RegExp): LineTest => (l) => re.test(l);
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function vrpSysname(root: Level, fallback: string): string {
  for (const c of root.children) if (c.line.startsWith('sysname ')) return c.line.slice(8);
  return fallback;
}

export function displayContext(x: Exec): DisplayContext {
  return { device: x.device, host: x.host, store: x.store };
}

function vlanFamily(x: Exec) {
  return getDialect(x.device.platform).families(undefined)[0]!;
}

export function vlanIds(x: Exec): Set<number> {
  return new Set([1, ...x.store.familyIds(x.store.root, vlanFamily(x))]);
}

function section(x: Exec, line: string): ConfigNode | undefined {
  return x.store.root.children.find((c) => c.line === line);
}

// ------------------------------------------------------------------------------ the views

export function vrpCommands(o: VrpGrammarOptions): Record<string, CommandDef[]> {
  const usg = o.platform === 'huawei-usg';
  const extra = (view: string): CommandDef[] => o.extra?.[view] ?? [];
  const igp = vrpOspfCommands();

  // ---------------------------------------------------------------- user view
  const user: CommandDef[] = [
    cmd('system-view', (x) => {
      x.out('Enter system view, return user view with Ctrl+Z.');
      x.enter('system', x.store.root, '');
    }),
    cmd('screen-length <0-512> temporary', (x) => {
      x.session.setPaging(x.args.int !== 0);
      x.out('Info: The configuration takes effect on the current user terminal interface only.');
    }),
    cmd('undo screen-length temporary', (x) => {
      x.session.setPaging(true);
      x.out('Info: The configuration takes effect on the current user terminal interface only.');
    }),
    cmd('terminal echo-mode { line | character }', () => undefined),
    cmd('terminal monitor', (x) => x.out('Info: Current terminal monitor is on.')),
    cmd('undo terminal monitor', (x) => x.out('Info: Current terminal monitor is off.')),
    cmd('save [<file:word>]', saveConfig),
    cmd('reboot', async (x) => {
      if (!x.host.reboot) { x.fail('The device cannot be rebooted in this lab.'); return; }
      x.out('Info: The system is comparing the configuration, please wait.');
      const a = await x.ask('System will reboot! Continue ? [y/n]:');
      if (!isYes(a)) { x.out('Info: The operation has been cancelled.'); return; }
      x.out('Info: system is rebooting ,please wait...');
      x.session.close();
      setImmediate(() => x.host.reboot!(x.device.name));
    }),
    cmd('reset saved-configuration', async (x) => {
      const a = await x.ask('Warning: The action will delete the saved configuration in the device.\nThe configuration will be erased to reconfigure. Continue? [Y/N]:');
      if (!isYes(a)) return;
      x.device.setSaved('', 'cli');
      x.out('Warning: Now clearing the configuration in the device.', 'Info: Succeeded in clearing the configuration in the device.');
    }),
  ];

  // ---------------------------------------------------------------- system view
  const system: CommandDef[] = [
    setCmd('sysname <word>', 'sysname'),
    cmd('undo sysname', (x) => { x.set((l) => l.startsWith('sysname '), `sysname ${o.defaultSysName}`); }),
    cmd('vlan batch <vlans>', (x) => { x.store.applyFamily(x.store.root, vlanFamily(x), { op: 'add', ids: x.args.vlans as number[] }); x.changed(); }),
    cmd('undo vlan batch <vlans>', (x) => {
      const ids = (x.args.vlans as number[]).filter((v) => v !== 1);
      x.store.applyFamily(x.store.root, vlanFamily(x), { op: 'remove', ids });
      x.store.remove(x.store.root, (l) => ids.some((v) => l === `vlan ${v}`));
      x.changed();
    }),
    cmd('vlan <1-4094>', (x) => {
      const id = x.args.int as number;
      if (id !== 1) x.store.applyFamily(x.store.root, vlanFamily(x), { op: 'add', ids: [id] });
      x.changed();
      x.enter('vlan', x.store.ensure(x.store.root, `vlan ${id}`), `vlan${id}`, { vlan: id });
    }),
    cmd('undo vlan <1-4094>', (x) => {
      const id = x.args.int as number;
      if (id === 1) { x.fail('Default VLAN 1 cannot be deleted.'); return; }
      x.store.applyFamily(x.store.root, vlanFamily(x), { op: 'remove', ids: [id] });
      x.store.remove(x.store.root, (l) => l === `vlan ${id}`);
      x.changed();
    }),
    fixedLine('lldp enable', 'lldp enable', 'set'),
    fixedLine('undo lldp enable', 'lldp enable', 'unset'),
    setCmd('stp mode { stp | rstp | mstp }', 'stp mode'),
    unsetCmd('undo stp mode', 'stp mode'),
    setCmd('stp enable', 'stp'),
    fixedLine('undo stp enable', 'undo stp enable', 'set'),
    setCmd('clock timezone <word> { add | minus } <word>', 'clock timezone'),
    unsetCmd('undo clock timezone', 'clock timezone'),
    cmd('ip vpn-instance <word>', (x) => {
      const name = x.args.word as string;
      const node = x.store.ensure(x.store.root, `ip vpn-instance ${name}`);
      x.changed();
      x.enter('vpn', node, `vpn-instance-${name}`, { vpn: name });
    }),
    cmd('undo ip vpn-instance <word>', (x) => {
      const name = x.args.word as string;
      if (!section(x, `ip vpn-instance ${name}`)) { x.fail('The VPN instance does not exist.'); return; }
      x.store.remove(x.store.root, (l) => l === `ip vpn-instance ${name}`);
      for (const n of x.store.root.children) {
        if (n.line.startsWith('interface ') && n.children.some((c) => c.line === `ip binding vpn-instance ${name}`)) {
          x.store.remove(n, (l) => l === `ip binding vpn-instance ${name}` || l.startsWith('ip address '));
        }
      }
      x.store.remove(x.store.root, (l) => l.startsWith(`ip route-static vpn-instance ${name} `));
      x.changed();
    }),
    setCmd('mpls lsr-id <ip>', 'mpls lsr-id'),
    cmd('undo mpls lsr-id', (x) => {
      if (section(x, 'mpls')) { x.fail('Please disable MPLS first.'); return; }
      x.store.remove(x.store.root, startsWithWords('mpls lsr-id'));
      x.changed();
    }),
    cmd('mpls', (x) => {
      if (!x.store.root.children.some((c) => c.line.startsWith('mpls lsr-id '))) { x.fail('Please configure the LSR ID first.'); return; }
      const node = x.store.ensure(x.store.root, 'mpls');
      x.changed();
      x.out('Info: Mpls starting, please wait... OK!');
      x.enter('mpls', node, 'mpls');
    }),
    cmd('undo mpls', async (x) => {
      if (!section(x, 'mpls')) return;
      if (!isYes(await x.ask('Warning: All the MPLS configurations will be deleted. Continue? [Y/N]:'))) return;
      x.store.remove(x.store.root, (l) => l === 'mpls' || l === 'mpls ldp');
      for (const n of x.store.root.children) if (n.line.startsWith('interface ')) x.store.remove(n, (l) => l === 'mpls' || l === 'mpls ldp');
      x.changed();
    }),
    cmd('mpls ldp', (x) => {
      if (!section(x, 'mpls')) { x.fail('Please enable MPLS in system view first.'); return; }
      const node = x.store.ensure(x.store.root, 'mpls ldp');
      x.changed();
      x.enter('mpls-ldp', node, 'mpls-ldp');
    }),
    cmd('undo mpls ldp', (x) => {
      x.store.remove(x.store.root, (l) => l === 'mpls ldp');
      for (const n of x.store.root.children) if (n.line.startsWith('interface ')) x.store.remove(n, (l) => l === 'mpls ldp');
      x.changed();
    }),
    cmd('acl number <2000-3999>', (x) => {
      const n = x.args.int as number;
      const node = x.store.ensure(x.store.root, `acl number ${n}`);
      x.changed();
      x.enter('acl', node, `acl-${n < 3000 ? 'basic' : 'adv'}-${n}`);
    }),
    cmd('undo acl number <2000-3999>', (x) => { x.store.remove(x.store.root, (l) => l === `acl number ${x.args.int}`); x.changed(); }),
    cmd('traffic classifier <word> [operator { and | or }]', (x) => {
      const name = x.args.word as string;
      const op = x.parse.canonical.includes(' operator and') ? 'and' : 'or';
      const existing = x.store.root.children.find((c) => new RegExp(`^traffic classifier ${esc(name)}(?: |$)`).test(c.line));
      const line = `traffic classifier ${name} operator ${op}`;
      let node = existing;
      if (existing && existing.line !== line && x.parse.canonical.includes(' operator ')) existing.line = line;
      node ??= x.store.ensure(x.store.root, line);
      x.changed();
      x.enter('classifier', node, `classifier-${name}`);
    }),
    cmd('undo traffic classifier <word>', (x) => { x.store.remove(x.store.root, (l) => new RegExp(`^traffic classifier ${esc(x.args.word as string)}(?: |$)`).test(l)); x.changed(); }),
    cmd('traffic behavior <word>', (x) => {
      const node = x.store.ensure(x.store.root, `traffic behavior ${x.args.word}`);
      x.changed();
      x.enter('behavior', node, `behavior-${x.args.word}`);
    }),
    cmd('undo traffic behavior <word>', (x) => { x.store.remove(x.store.root, (l) => l === `traffic behavior ${x.args.word}`); x.changed(); }),
    cmd('traffic policy <word>', (x) => {
      const node = x.store.ensure(x.store.root, `traffic policy ${x.args.word}`);
      x.changed();
      x.enter('tpolicy', node, `trafficpolicy-${x.args.word}`);
    }),
    cmd('undo traffic policy <word>', (x) => { x.store.remove(x.store.root, (l) => l === `traffic policy ${x.args.word}`); x.changed(); }),
    cmd('aaa', (x) => {
      const node = x.store.ensure(x.store.root, 'aaa');
      x.changed();
      x.enter('aaa', node, 'aaa');
    }),
    setCmd('ntp-service unicast-server <ip> [vpn-instance <word>]', (x) => startsWithWords(`ntp-service unicast-server ${x.args.ip}`)),
    unsetCmd('undo ntp-service unicast-server <ip>', (x) => startsWithWords(`ntp-service unicast-server ${x.args.ip}`)),
    fixedLine('ntp-service server disable', 'ntp-service server disable', 'set'),
    fixedLine('undo ntp-service server disable', 'ntp-service server disable', 'unset'),
    setCmd('info-center loghost <ip> [vpn-instance <word>]', (x) => startsWithWords(`info-center loghost ${x.args.ip}`)),
    unsetCmd('undo info-center loghost <ip>', (x) => startsWithWords(`info-center loghost ${x.args.ip}`)),
    cmd('interface <if>', (x) => enterInterface(x, o)),
    cmd('undo interface <if>', (x) => {
      const ifn = x.args.if as InterfaceName;
      if (!o.creatable.test(ifn.name) && !ifn.name.includes('.')) { x.fail('The interface cannot be deleted.'); return; }
      if (!section(x, `interface ${ifn.name}`)) { x.fail('The interface does not exist.'); return; }
      x.store.remove(x.store.root, (l) => l === `interface ${ifn.name}`);
      const trunk = /^Eth-Trunk(\d+)$/.exec(ifn.name);
      if (trunk) for (const n of x.store.root.children) if (n.line.startsWith('interface ')) x.store.remove(n, (l) => l === `eth-trunk ${trunk[1]}`);
      x.changed();
    }),
    cmd('bgp <1-4294967295>', (x) => {
      const as = x.args.int as number;
      const existing = x.store.root.children.find((c) => /^bgp \d+$/.test(c.line));
      if (existing && existing.line !== `bgp ${as}`) { x.fail(`The specified AS number is different from the existing one (${existing.line.slice(4)}).`); return; }
      const node = x.store.ensure(x.store.root, `bgp ${as}`);
      // VRP creates the IPv4 unicast family with its default line at once.
      const uni = x.store.ensure(x.store.levelOf(node), 'ipv4-family unicast');
      if (!existing) x.store.setLine(x.store.levelOf(uni), 'undo synchronization');
      x.changed();
      x.enter('bgp', node, 'bgp', { as });
    }),
    cmd('undo bgp [<1-4294967295>]', async (x) => {
      if (!x.store.root.children.some((c) => /^bgp \d+$/.test(c.line))) return;
      if (!isYes(await x.ask('Warning: The BGP process will be deleted. Continue? [Y/N]:'))) return;
      x.store.remove(x.store.root, is(/^bgp \d+$/));
      x.changed();
    }),
    cmd('ip route-static [vpn-instance <vpn:word>] <dest:ip> <mask> { <nh:ip> | <if> [<nh:ip>] } [preference <pref:1-255>] [tag <tag:1-4294967295>] [description <text>]', (x) => {
      const key = routeKey(x);
      if (x.args.vpn && !section(x, `ip vpn-instance ${x.args.vpn}`)) { x.fail('The VPN instance does not exist.'); return; }
      x.set((l) => routeKeyOf(l) === key);
    }),
    cmd('undo ip route-static [vpn-instance <vpn:word>] <dest:ip> <mask> [{ <nh:ip> | <if> [<nh:ip>] }] [preference <pref:1-255>] [tag <tag:1-4294967295>] [description <text>]', (x) => {
      const prefix = `ip route-static ${x.args.vpn ? `vpn-instance ${x.args.vpn} ` : ''}${x.args.dest} ${x.args.mask}`;
      const nh = x.args.nh as string | undefined;
      const ifn = (x.args.if as InterfaceName | undefined)?.name;
      const n = x.unset((l) => startsWithWords(prefix)(l) && (!nh || l.split(' ').includes(nh)) && (!ifn || l.split(' ').includes(ifn)));
      if (n === 0) x.fail('The route does not exist.');
    }),
    // SNMP agent (§2.12)
    setCmd('snmp-agent', /^snmp-agent$/),
    unsetCmd('undo snmp-agent', /^snmp-agent/),
    setCmd('snmp-agent sys-info { contact | location } <text>', (x) => startsWithWords(`snmp-agent sys-info ${x.parse.pieces[2]!.text}`)),
    unsetCmd('undo snmp-agent sys-info { contact | location }', (x) => startsWithWords(`snmp-agent sys-info ${x.parse.pieces[3]!.text}`)),
    cmd('snmp-agent sys-info version <text>', (x) => {
      const words = (x.args.text as string).split(/\s+/);
      const bad = words.findIndex((w) => !['v1', 'v2c', 'v3', 'all'].includes(w.toLowerCase()));
      if (bad >= 0) { x.syntaxError('unrecognized', 3 + bad); return; }
      ensureSnmpAgent(x);
      x.set(startsWithWords('snmp-agent sys-info version'));
    }),
    cmd('undo snmp-agent sys-info version [<text>]', (x) => {
      const line = x.level.children.find((c) => c.line.startsWith('snmp-agent sys-info version '))?.line;
      if (!line) return;
      const off = x.args.text ? (x.args.text as string).split(/\s+/) : undefined;
      const left = off ? line.slice(28).split(' ').filter((v) => !off.includes(v) && !off.includes('all')) : [];
      if (left.length) x.set(startsWithWords('snmp-agent sys-info version'), `snmp-agent sys-info version ${left.join(' ')}`);
      else x.unset(startsWithWords('snmp-agent sys-info version'));
    }),
    cmd('snmp-agent community { read | write } [{ cipher | simple }] <secret> [acl <2000-2999>]', (x) => {
      ensureSnmpAgent(x);
      const dir = x.parse.pieces[2]!.text;
      const secretAt = x.parse.pieces.findIndex((p) => p.secret);
      const rest = x.line.split(' ').slice(secretAt);
      x.set(undefined, `snmp-agent community ${dir} cipher ${rest.join(' ')}`);
    }),
    unsetCmd('undo snmp-agent community [{ read | write }] [{ cipher | simple }] <word>', (x) => (l) => l.startsWith('snmp-agent community ') && l.split(' ').includes(x.args.word as string)),
    cmd('snmp-agent target-host trap address udp-domain <ip> params securityname <word> [{ v1 | v2c | v3 [{ authentication | privacy }] }]', (x) => {
      ensureSnmpAgent(x);
      x.set(startsWithWords(`snmp-agent target-host trap address udp-domain ${x.args.ip}`));
    }),
    unsetCmd('undo snmp-agent target-host trap address udp-domain <ip> [params securityname <word>]', (x) => startsWithWords(`snmp-agent target-host trap address udp-domain ${x.args.ip}`)),
    cmd('snmp-agent trap enable', async (x) => {
      if (!isYes(await x.ask('Warning: All switches of SNMP trap/notification will be open. Continue? [Y/N]:'))) return;
      ensureSnmpAgent(x);
      x.set();
    }),
    unsetCmd('undo snmp-agent trap enable', /^snmp-agent trap enable$/),
    cmd('snmp-agent group v3 <word> [{ authentication | privacy | noauthentication }]', (x) => { ensureSnmpAgent(x); x.set(startsWithWords(`snmp-agent group v3 ${x.args.word}`)); }),
    unsetCmd('undo snmp-agent group v3 <word> [{ authentication | privacy | noauthentication }]', (x) => startsWithWords(`snmp-agent group v3 ${x.args.word}`)),
    cmd('snmp-agent usm-user v3 <user:word> [<group:word>] [authentication-mode { md5 | sha | sha2-256 } <authkey:secret> [privacy-mode { des56 | aes128 | aes256 | 3des } <privkey:secret>]]', (x) => {
      ensureSnmpAgent(x);
      x.set(startsWithWords(`snmp-agent usm-user v3 ${x.args.user}`));
    }),
    unsetCmd('undo snmp-agent usm-user v3 <word>', (x) => startsWithWords(`snmp-agent usm-user v3 ${x.args.word}`)),
    setCmd('snmp-agent udp-port <1-65535>', 'snmp-agent udp-port'),
    // SSH server and users (§2.13)
    setCmd('stelnet server enable', /^stelnet server enable$/),
    cmd('undo stelnet server enable', async (x) => {
      if (!isYes(await x.ask('Warning: The operation will stop the STelnet server. Do you want to continue? [Y/N]:'))) return;
      x.unset((l) => l === 'stelnet server enable');
    }),
    setCmd('ssh server port <1-65535>', 'ssh server port'),
    unsetCmd('undo ssh server port', 'ssh server port'),
    setCmd('ssh user <word>', (x) => (l) => l === `ssh user ${x.args.word}`),
    cmd('ssh user <word> authentication-type { password | rsa | password-rsa | all | dsa | ecc }', (x) => { ensureSshUser(x); x.set(startsWithWords(`ssh user ${x.args.word} authentication-type`)); }),
    cmd('ssh user <word> service-type { stelnet | sftp | all | snetconf }', (x) => { ensureSshUser(x); x.set(startsWithWords(`ssh user ${x.args.word} service-type`)); }),
    unsetCmd('undo ssh user <word>', (x) => startsWithWords(`ssh user ${x.args.word}`)),
    unsetCmd('undo ssh user <word> { authentication-type | service-type }', (x) => startsWithWords(`ssh user ${x.args.word} ${x.parse.pieces[3]!.text}`)),
    cmd('rsa local-key-pair create', async (x) => {
      x.out(`The key name will be: ${vrpSysname(x.store.root, o.defaultSysName)}_Host`, '% RSA keys defined for ' + vrpSysname(x.store.root, o.defaultSysName) + '_Host already exist.');
      if (!isYes(await x.ask('Confirm to replace them? (y/n)[n]:'))) return;
      const bits = await x.ask('The range of public key size is (512 ~ 2048).\nNOTES: If the key modulus is greater than 512,\n       It will take a few minutes.\nInput the bits in the modulus[default = 2048]:');
      x.out(`Generating keys...`, `.${'+'.repeat(8)}`, `.${'+'.repeat(8)}`, `...${'+'.repeat(9)}`, `..${'+'.repeat(9)}`, '', `Info: The ${bits.trim() || '2048'} bits key pair has been created.`);
    }),
    cmd('user-interface vty <first:0-4> [<last:0-4>]', (x) => {
      const first = x.args.first as number;
      const last = (x.args.last as number | undefined) ?? first;
      const line = `user-interface vty ${first}${last !== first ? ` ${last}` : ''}`;
      const node = x.store.ensure(x.store.root, line);
      x.changed();
      x.enter('ui', node, `ui-vty${first}${last !== first ? `-${last}` : ''}`);
    }),
    cmd('user-interface con 0', (x) => {
      const node = x.store.ensure(x.store.root, 'user-interface con 0');
      x.changed();
      x.enter('ui', node, 'ui-console0');
    }),
    ...igp.system,
    ...extra('system'),
  ];

  // ---------------------------------------------------------------- interface view
  const vrrp = (x: Exec): string => `vrrp vrid ${x.args.vrid}`;
  const iface: CommandDef[] = [
    setCmd('description <text>', 'description'),
    unsetCmd('undo description', 'description'),
    fixedLine('shutdown', 'shutdown', 'set'),
    fixedLine('undo shutdown', 'shutdown', 'unset'),
    ...(usg
      ? [fixedLine('portswitch', 'portswitch', 'set'), fixedLine('undo portswitch', 'portswitch', 'unset')]
      : [fixedLine('portswitch', 'undo portswitch', 'unset'), cmd('undo portswitch', (x) => {
        if (!/^(?:[A-Za-z]*Ethernet|Eth-Trunk|\d+GE)[\d/]+$/.test(String(x.frame.data.name))) { x.syntaxError('unrecognized', 1); return; }
        x.unset(is(/^port /));
        x.set(undefined, 'undo portswitch');
      })]),
    cmd('port link-type { access | trunk | hybrid | dot1q-tunnel }', (x) => {
      if (routedPort(x, usg)) { x.fail('The port is a Layer 3 port, and the command cannot be executed.'); return; }
      const prev = x.level.children.find((c) => c.line.startsWith('port link-type '))?.line;
      if (prev && prev !== x.line) x.unset((l) => /^port (?:default vlan|trunk )/.test(l) || /^undo port trunk allow-pass /.test(l));
      x.set(startsWithWords('port link-type'));
    }),
    cmd('undo port link-type', (x) => { x.unset((l) => /^port (?:link-type|default vlan|trunk )/.test(l) || /^undo port trunk allow-pass /.test(l)); }),
    cmd('port default vlan <1-4094>', (x) => {
      const v = x.args.int as number;
      if (!vlanIds(x).has(v)) { x.fail('The VLAN does not exist.'); return; }
      if (v === 1) { x.unset(startsWithWords('port default vlan')); return; }
      x.set(startsWithWords('port default vlan'));
    }),
    unsetCmd('undo port default vlan', 'port default vlan'),
    cmd('port trunk allow-pass vlan { all | <vlans> }', (x) => allowPass(x, 'add')),
    cmd('undo port trunk allow-pass vlan { all | <vlans> }', (x) => allowPass(x, 'remove')),
    cmd('port trunk pvid vlan <1-4094>', (x) => {
      if (x.args.int === 1) x.unset(startsWithWords('port trunk pvid vlan'));
      else x.set(startsWithWords('port trunk pvid vlan'));
    }),
    unsetCmd('undo port trunk pvid vlan', 'port trunk pvid vlan'),
    cmd('eth-trunk <0-127>', (x) => {
      const id = x.args.int as number;
      if (!/^(?:[A-Za-z]*Ethernet|\d+GE)[\d/]+$/.test(String(x.frame.data.name))) { x.syntaxError('unrecognized', 0); return; }
      if (!section(x, `interface Eth-Trunk${id}`)) { x.fail(`The Eth-Trunk ${id} does not exist.`); return; }
      const other = x.level.children.find((c) => /^eth-trunk \d+$/.test(c.line));
      if (other && other.line !== x.line) { x.fail('The port has been added to another Eth-Trunk.'); return; }
      x.set();
    }),
    unsetCmd('undo eth-trunk', 'eth-trunk'),
    cmd('mode { lacp-static | lacp | manual load-balance }', (x) => {
      if (!/^Eth-Trunk\d+$/.test(String(x.frame.data.name))) { x.syntaxError('unrecognized', 0); return; }
      if (x.line === 'mode manual load-balance') x.unset(startsWithWords('mode'));
      else x.set(startsWithWords('mode'));
    }),
    cmd('undo mode', (x) => { x.unset(startsWithWords('mode')); }),
    cmd('trunkport <if> [to <word>]', (x) => {
      const trunk = /^Eth-Trunk(\d+)$/.exec(String(x.frame.data.name));
      if (!trunk) { x.syntaxError('unrecognized', 0); return; }
      const first = x.args.if as InterfaceName;
      const ports = x.device.physicalPorts();
      let names = [first.name];
      if (x.args.word) {
        const lastNum = x.args.word as string;
        const base = first.number.split('/');
        const end = lastNum.split('/');
        const from = Number(base[base.length - 1]);
        const to = Number(end[end.length - 1]);
        names = [];
        for (let k = from; k <= to; k++) names.push(`${first.type}${[...base.slice(0, -1), k].join('/')}`);
      }
      for (const n of names) {
        if (!ports.includes(n)) { x.syntaxError('wrong', 1); return; }
      }
      for (const n of names) {
        const node = x.store.ensure(x.store.root, `interface ${n}`);
        x.store.setLine(x.store.levelOf(node), `eth-trunk ${trunk[1]}`, is(/^eth-trunk /));
      }
      x.changed();
    }),
    cmd('ip address <ip> <mask> [sub]', (x) => {
      if (switchedPort(x, usg)) { x.syntaxError('unrecognized', 0); return; }
      const sub = x.line.endsWith(' sub');
      const same = `ip address ${x.args.ip} `;
      if (sub) x.set((l) => l.startsWith(same));
      else x.set((l) => /^ip address \S+ \S+$/.test(l) || (l.startsWith(same) && l.endsWith(' sub')));
    }),
    cmd('undo ip address [<ip> <mask> [sub]]', (x) => {
      if (!x.args.ip) { x.unset(startsWithWords('ip address')); return; }
      const n = x.unset((l) => l === x.line.slice(5));
      if (n === 0) x.fail('The address does not exist.');
    }),
    setCmd('ip address unnumbered interface <if>', 'ip address'),
    cmd('ip binding vpn-instance <word>', (x) => {
      const vpn = x.args.word as string;
      if (!section(x, `ip vpn-instance ${vpn}`)) { x.fail('The VPN instance does not exist.'); return; }
      const cur = x.level.children.find((c) => c.line.startsWith('ip binding vpn-instance '));
      if (cur?.line === x.line) return;
      x.unset(startsWithWords('ip address'));
      x.set(startsWithWords('ip binding vpn-instance'));
      x.out('Info: All IPv4 related configurations on this interface are removed!');
    }),
    cmd('undo ip binding vpn-instance <word>', (x) => {
      if (x.unset((l) => l === x.line.slice(5)) === 0) { x.fail('The interface is not bound to the VPN instance.'); return; }
      x.unset(startsWithWords('ip address'));
      x.out('Info: All IPv4 related configurations on this interface are removed!');
    }),
    cmd(usg ? 'vrrp vrid <vrid:1-255> virtual-ip <ip> [<mask> [{ active | standby }]]' : 'vrrp vrid <vrid:1-255> virtual-ip <ip>', (x) => {
      x.set((l) => l.startsWith(`${vrrp(x)} virtual-ip ${x.args.ip}`));
    }),
    // The group lives with its virtual addresses: removing the last one deletes the group, its
    // priority, preemption and tracking with it (docs/devices/huawei-vrp.md, "VRRP").
    cmd('undo vrrp vrid <vrid:1-255> virtual-ip <ip>', (x) => {
      x.unset((l) => startsWithWords(`${vrrp(x)} virtual-ip ${x.args.ip}`)(l));
      if (!x.level.children.some((c) => startsWithWords(`${vrrp(x)} virtual-ip`)(c.line))) {
        x.unset((l) => startsWithWords(vrrp(x))(l) || startsWithWords(`undo ${vrrp(x)}`)(l));
      }
    }),
    cmd('vrrp vrid <vrid:1-255> priority <1-254>', (x) => {
      if (x.args.int === 100) x.unset(startsWithWords(`${vrrp(x)} priority`));
      else x.set(startsWithWords(`${vrrp(x)} priority`));
    }),
    unsetCmd('undo vrrp vrid <vrid:1-255> priority', (x) => startsWithWords(`${vrrp(x)} priority`)),
    cmd('vrrp vrid <vrid:1-255> preempt-mode [timer delay <0-3600>]', (x) => {
      x.unset((l) => l === `undo ${vrrp(x)} preempt-mode`);
      if (!x.args.int) x.unset(startsWithWords(`${vrrp(x)} preempt-mode timer delay`));
      else x.set(startsWithWords(`${vrrp(x)} preempt-mode timer delay`));
    }),
    cmd('undo vrrp vrid <vrid:1-255> preempt-mode', (x) => {
      x.unset(startsWithWords(`${vrrp(x)} preempt-mode`));
      x.set(undefined, `undo ${vrrp(x)} preempt-mode`);
    }),
    cmd('vrrp vrid <vrid:1-255> timer advertise <1-255>', (x) => {
      if (x.args.int === 1 && !usg) x.unset(startsWithWords(`${vrrp(x)} timer advertise`));
      else x.set(startsWithWords(`${vrrp(x)} timer advertise`));
    }),
    unsetCmd('undo vrrp vrid <vrid:1-255> timer advertise', (x) => startsWithWords(`${vrrp(x)} timer advertise`)),
    cmd('vrrp vrid <vrid:1-255> track interface <if> [{ reduced <1-255> | increased <1-255> }]', (x) => {
      x.set(startsWithWords(`${vrrp(x)} track interface ${(x.args.if as InterfaceName).name}`));
    }),
    unsetCmd('undo vrrp vrid <vrid:1-255> track interface <if>', (x) => startsWithWords(`${vrrp(x)} track interface ${(x.args.if as InterfaceName).name}`)),
    setCmd('vrrp vrid <vrid:1-255> authentication-mode { simple | md5 } <secret>', (x) => startsWithWords(`${vrrp(x)} authentication-mode`)),
    unsetCmd('undo vrrp vrid <vrid:1-255> authentication-mode', (x) => startsWithWords(`${vrrp(x)} authentication-mode`)),
    unsetCmd('undo vrrp vrid <vrid:1-255>', (x) => (l) => startsWithWords(vrrp(x))(l) || startsWithWords(`undo ${vrrp(x)}`)(l)),
    setCmd('trust { dscp | 8021p } [override]', 'trust'),
    unsetCmd('undo trust', 'trust'),
    setCmd('traffic-policy <word> { inbound | outbound }', (x) => (l) => l.startsWith('traffic-policy ') && l.endsWith(` ${x.parse.pieces[2]!.text}`)),
    unsetCmd('undo traffic-policy { inbound | outbound }', (x) => (l) => l.startsWith('traffic-policy ') && l.endsWith(` ${x.parse.pieces[2]!.text}`)),
    setCmd('traffic-filter { inbound | outbound } acl <2000-4999>', (x) => startsWithWords(`traffic-filter ${x.parse.pieces[1]!.text}`)),
    unsetCmd('undo traffic-filter { inbound | outbound }', (x) => startsWithWords(`traffic-filter ${x.parse.pieces[2]!.text}`)),
    cmd('mpls', (x) => {
      if (!section(x, 'mpls')) { x.fail('Please enable MPLS in system view first.'); return; }
      x.set((l) => l === 'mpls');
    }),
    unsetCmd('undo mpls', /^mpls(?: ldp)?$/),
    cmd('mpls ldp', (x) => {
      if (!section(x, 'mpls ldp')) { x.fail('Please enable MPLS LDP in system view first.'); return; }
      if (!x.level.children.some((c) => c.line === 'mpls')) { x.fail('Please enable MPLS on the interface first.'); return; }
      x.set((l) => l === 'mpls ldp');
    }),
    unsetCmd('undo mpls ldp', /^mpls ldp$/),
    fixedLine('lldp enable', 'undo lldp enable', 'unset'),
    fixedLine('undo lldp enable', 'undo lldp enable', 'set'),
    setCmd('stp edged-port enable', 'stp edged-port'),
    unsetCmd('undo stp edged-port', 'stp edged-port'),
    setCmd('speed { 10 | 100 | 1000 | 10000 }', 'speed'),
    unsetCmd('undo speed', 'speed'),
    setCmd('duplex { full | half }', 'duplex'),
    unsetCmd('undo duplex', 'duplex'),
    fixedLine('undo negotiation auto', 'undo negotiation auto', 'set'),
    fixedLine('negotiation auto', 'undo negotiation auto', 'unset'),
    setCmd('mtu <46-9600>', 'mtu'),
    unsetCmd('undo mtu', 'mtu'),
    cmd('dot1q termination vid <1-4094>', (x) => {
      if (!String(x.frame.data.name).includes('.')) { x.syntaxError('unrecognized', 0); return; }
      x.set(startsWithWords('dot1q termination vid'));
    }),
    unsetCmd('undo dot1q termination vid <1-4094>', (x) => (l) => l === x.line.slice(5)),
    cmd('vlan-type dot1q <1-4094>', (x) => {
      if (!String(x.frame.data.name).includes('.')) { x.syntaxError('unrecognized', 0); return; }
      x.set(startsWithWords('vlan-type dot1q'));
    }),
    unsetCmd('undo vlan-type dot1q', 'vlan-type dot1q'),
    ...extra('interface'),
  ];

  // ---------------------------------------------------------------- smaller views
  const vlan: CommandDef[] = [
    setCmd('description <text>', 'description'),
    unsetCmd('undo description', 'description'),
    setCmd('name <word>', 'name'),
    unsetCmd('undo name', 'name'),
  ];
  const vpnTargets = (x: Exec): void => {
    if (!x.level.children.some((c) => c.line.startsWith('route-distinguisher '))) { x.fail('Please configure the RD first.'); return; }
    const targets = x.args.rd as string | string[];
    const list = Array.isArray(targets) ? targets : [targets];
    const kind = x.parse.pieces[x.parse.pieces.length - 1]!.text;
    const dirs = kind === 'both' ? ['export', 'import'] : [kind.replace('-extcommunity', '')];
    for (const dir of dirs) {
      for (const t of list) x.set((l) => l === `vpn-target ${t} ${dir}-extcommunity`, `vpn-target ${t} ${dir}-extcommunity`);
      x.out(` ${dir === 'export' ? 'EVT' : 'IVT'} Assignment result:`, 'Info: VPN-Target assignment is successful.');
    }
  };
  const vpnTargetPattern = 'vpn-target <rd> [<rd>] [<rd>] [<rd>] { export-extcommunity | import-extcommunity | both }';
  const undoVpnTarget = cmd(`undo ${vpnTargetPattern}`, (x) => {
    const targets = x.args.rd as string | string[];
    const list = Array.isArray(targets) ? targets : [targets];
    const kind = x.parse.pieces[x.parse.pieces.length - 1]!.text;
    const dirs = kind === 'both' ? ['export', 'import'] : [kind.replace('-extcommunity', '')];
    x.unset((l) => dirs.some((dir) => list.some((t) => l === `vpn-target ${t} ${dir}-extcommunity`)));
  });
  const rdCommands: CommandDef[] = [
    cmd('route-distinguisher <rd>', (x) => {
      const cur = x.level.children.find((c) => c.line.startsWith('route-distinguisher '));
      if (cur && cur.line !== x.line) { x.fail('The route-distinguisher has been configured. Undo it before changing it.'); return; }
      x.set();
    }),
    cmd('undo route-distinguisher', async (x) => {
      if (!x.level.children.some((c) => c.line.startsWith('route-distinguisher '))) return;
      if (!isYes(await x.ask('Warning: All the VPN targets in the VPN instance IPv4 address family will be deleted. Continue? [Y/N]:'))) return;
      x.unset((l) => l.startsWith('route-distinguisher ') || l.startsWith('vpn-target '));
    }),
    cmd(vpnTargetPattern, vpnTargets),
    undoVpnTarget,
  ];
  const vpn: CommandDef[] = [
    setCmd('description <text>', 'description'),
    unsetCmd('undo description', 'description'),
    cmd('ipv4-family [unicast]', (x) => {
      const node = x.store.ensure(x.level, 'ipv4-family');
      x.changed();
      x.enter('vpn-af', node, `${x.frame.label}-af-ipv4`, x.frame.data);
    }),
    unsetCmd('undo ipv4-family [unicast]', /^ipv4-family$/),
    ...rdCommands,
  ];
  const bgpFamily = (x: Exec): void => {
    const kind = x.parse.pieces[1]!.text;
    let line = 'ipv4-family unicast';
    let label = 'bgp-af-ipv4';
    if (kind === 'vpnv4') { line = 'ipv4-family vpnv4'; label = 'bgp-af-vpnv4'; }
    if (kind === 'vpn-instance') {
      const v = x.args.word as string;
      if (!section(x, `ip vpn-instance ${v}`)) { x.fail('The VPN instance does not exist.'); return; }
      const inst = section(x, `ip vpn-instance ${v}`)!;
      const rd = [...inst.children, ...(inst.children.find((c) => c.line === 'ipv4-family')?.children ?? [])].some((c) => c.line.startsWith('route-distinguisher '));
      if (!rd) { x.fail('The VPN instance has no RD configured.'); return; }
      line = `ipv4-family vpn-instance ${v}`;
      label = `bgp-${v}`;
    }
    const existed = x.level.children.some((c) => c.line === line);
    const node = x.store.ensure(x.level, line);
    if (!existed && kind === 'vpnv4') x.store.setLine(x.store.levelOf(node), 'policy vpn-target');
    if (!existed && kind === 'unicast') x.store.setLine(x.store.levelOf(node), 'undo synchronization');
    x.changed();
    x.enter('bgp-af', node, label, { ...x.frame.data, family: kind });
  };
  const bgp: CommandDef[] = [
    setCmd('router-id <ip>', 'router-id'),
    unsetCmd('undo router-id', 'router-id'),
    cmd('peer <ip> as-number <1-4294967295>', (x) => {
      const ip = x.args.ip as string;
      const existed = x.level.children.some((c) => c.line.startsWith(`peer ${ip} as-number `));
      x.set(startsWithWords(`peer ${ip} as-number`));
      if (!existed) {
        const uni = x.level.children.find((c) => c.line === 'ipv4-family unicast');
        if (uni) x.store.setLine(x.store.levelOf(uni), `peer ${ip} enable`);
      }
    }),
    cmd('peer <ip> { connect-interface <if> | description <text> | password { cipher | simple } <secret> | ebgp-max-hop [<1-255>] }', (x) => {
      const ip = x.args.ip as string;
      if (!x.level.children.some((c) => c.line.startsWith(`peer ${ip} as-number `))) { x.fail('The peer does not exist.'); return; }
      x.set(startsWithWords(`peer ${ip} ${x.parse.pieces[2]!.text}`));
    }),
    cmd('undo peer <ip> { connect-interface | description | password | ebgp-max-hop }', (x) => { x.unset(startsWithWords(`peer ${x.args.ip} ${x.parse.pieces[3]!.text}`)); }),
    cmd('undo peer <ip>', async (x) => {
      const ip = x.args.ip as string;
      if (!x.level.children.some((c) => c.line.startsWith(`peer ${ip} `))) { x.fail('The peer does not exist.'); return; }
      if (!isYes(await x.ask('Warning: All the configurations related to the BGP peer will be deleted. Continue? [Y/N]:'))) return;
      x.unset(startsWithWords(`peer ${ip}`));
      for (const f of x.level.children) if (f.line.startsWith('ipv4-family ')) x.store.remove(f, startsWithWords(`peer ${ip}`));
    }),
    cmd('ipv4-family { unicast | vpnv4 | vpn-instance <word> }', bgpFamily),
    unsetCmd('undo ipv4-family { unicast | vpnv4 | vpn-instance <word> }', (x) => (l) => l === x.line.slice(5)),
  ];
  const bgpAf: CommandDef[] = [
    cmd('peer <ip> enable', (x) => {
      const bgpNode = x.session.stack[x.session.stack.length - 2]!;
      const ip = x.args.ip as string;
      const inFamily = x.level.children.some((c) => c.line.startsWith(`peer ${ip} as-number `));
      if (!inFamily && !bgpNode.level.children.some((c) => c.line.startsWith(`peer ${ip} as-number `))) { x.fail('The peer does not exist.'); return; }
      x.set((l) => l === x.line);
    }),
    unsetCmd('undo peer <ip> enable', (x) => (l) => l === `peer ${x.args.ip} enable`),
    cmd('peer <ip> as-number <1-4294967295>', (x) => {
      if (x.frame.data.family !== 'vpn-instance') { x.syntaxError('unrecognized', 2); return; }
      x.set(startsWithWords(`peer ${x.args.ip} as-number`));
    }),
    unsetCmd('undo peer <ip>', (x) => startsWithWords(`peer ${x.args.ip}`)),
    fixedLine('policy vpn-target', 'policy vpn-target', 'set'),
    fixedLine('undo policy vpn-target', 'policy vpn-target', 'unset'),
    fixedLine('undo synchronization', 'undo synchronization', 'set'),
    fixedLine('synchronization', 'undo synchronization', 'unset'),
    setCmd('import-route { direct | static | ospf <1-65535> | isis <1-65535> }', (x) => (l) => l === x.line),
    unsetCmd('undo import-route { direct | static | ospf <1-65535> | isis <1-65535> }', (x) => (l) => l === x.line.slice(5)),
    setCmd('network <ip> [<mask>]', (x) => startsWithWords(`network ${x.args.ip}`)),
    unsetCmd('undo network <ip> [<mask>]', (x) => startsWithWords(`network ${x.args.ip}`)),
    // EBGP, IBGP, local preferences (a floating static route sits between them: issue #10)
    setCmd('preference <e:1-255> <i:1-255> <l:1-255>', 'preference'),
    unsetCmd('undo preference', 'preference'),
  ];
  const aaa: CommandDef[] = [
    cmd('local-user <word> password { cipher | irreversible-cipher | simple } <secret>', (x) => {
      x.set((l) => l.startsWith(`local-user ${x.args.word} password `));
    }),
    setCmd('local-user <word> privilege level <0-15>', (x) => startsWithWords(`local-user ${x.args.word} privilege level`)),
    setCmd('local-user <word> level <0-15>', (x) => startsWithWords(`local-user ${x.args.word} level`)),
    cmd('local-user <word> service-type <text>', (x) => {
      const types = (x.args.text as string).split(/\s+/);
      const bad = types.findIndex((t) => !['ssh', 'telnet', 'terminal', 'http', 'ftp', 'snmp', 'web', 'api', 'l2tp', 'ppp', 'x25-pad', '8021x', 'bind', 'lan-access'].includes(t));
      if (bad >= 0) { x.syntaxError('wrong', 3 + bad); return; }
      x.set(startsWithWords(`local-user ${x.args.word} service-type`));
    }),
    unsetCmd('undo local-user <word> { privilege level | service-type | level }', (x) => startsWithWords(`local-user ${x.args.word} ${x.parse.pieces[3]!.text}${x.parse.pieces[3]!.text === 'privilege' ? ' level' : ''}`)),
    unsetCmd('undo local-user <word>', (x) => startsWithWords(`local-user ${x.args.word}`)),
    unsetCmd('undo local-user <word> password [<text>]', (x) => startsWithWords(`local-user ${x.args.word} password`)),
    cmd('authentication-scheme <word>', (x) => {
      const node = x.store.ensure(x.level, `authentication-scheme ${x.args.word}`);
      x.changed();
      x.enter('aaa-scheme', node, `aaa-authen-${x.args.word}`);
    }),
    ...extra('aaa'),
  ];
  const aaaScheme: CommandDef[] = [setCmd('authentication-mode { local | radius | hwtacacs | none } [<word>]', 'authentication-mode')];
  const ui: CommandDef[] = [
    setCmd('authentication-mode { aaa | password | none }', 'authentication-mode'),
    unsetCmd('undo authentication-mode', 'authentication-mode'),
    setCmd('protocol inbound { ssh | telnet | all }', 'protocol inbound'),
    unsetCmd('undo protocol inbound', 'protocol inbound'),
    setCmd('idle-timeout <0-35791> [<0-59>]', 'idle-timeout'),
    unsetCmd('undo idle-timeout', 'idle-timeout'),
    setCmd('user privilege level <0-15>', 'user privilege level'),
    unsetCmd('undo user privilege', 'user privilege'),
    setCmd('acl <2000-3999> { inbound | outbound }', (x) => (l) => l.startsWith('acl ') && l.endsWith(` ${x.parse.pieces[2]!.text}`)),
    unsetCmd('undo acl { inbound | outbound }', (x) => (l) => l.startsWith('acl ') && l.endsWith(` ${x.parse.pieces[2]!.text}`)),
    setCmd('screen-length <0-512>', 'screen-length'),
    unsetCmd('undo screen-length', 'screen-length'),
    setCmd('set authentication password cipher <secret>', 'set authentication password'),
  ];
  const mpls: CommandDef[] = [fixedLine('mpls te', 'mpls te', 'set'), fixedLine('undo mpls te', 'mpls te', 'unset'), setCmd('lsp-trigger { all | host | none }', 'lsp-trigger')];
  const acl: CommandDef[] = [
    cmd('rule [<0-4294967294>] { permit | deny } [<text>]', (x) => {
      const explicit = x.args.int as number | undefined;
      const used = x.level.children.map((c) => Number(/^rule (\d+) /.exec(c.line)?.[1] ?? -1));
      const id = explicit ?? (Math.floor(Math.max(-1, ...used) / 5) + 1) * 5;
      const body = x.line.replace(/^rule (?:\d+ )?/, '');
      x.set(startsWithWords(`rule ${id}`), `rule ${id} ${body}`);
    }),
    unsetCmd('undo rule <0-4294967294>', (x) => startsWithWords(`rule ${x.args.int}`)),
  ];
  const classifier: CommandDef[] = [
    setCmd('if-match { any | acl <2000-4999> | dscp <text> | 8021p <text> | vlan-id <1-4094> }', (x) => (l) => l === x.line),
    unsetCmd('undo if-match { any | acl <2000-4999> | dscp <text> | 8021p <text> | vlan-id <1-4094> }', (x) => (l) => l === x.line.slice(5)),
  ];
  const behavior: CommandDef[] = [
    setCmd('remark { dscp | 8021p | local-precedence } <word>', (x) => startsWithWords(`remark ${x.parse.pieces[1]!.text}`)),
    unsetCmd('undo remark { dscp | 8021p | local-precedence }', (x) => startsWithWords(`remark ${x.parse.pieces[2]!.text}`)),
    setCmd('car cir <1-4294967295> [<text>]', 'car'),
    fixedLine('permit', 'permit', 'set'),
    fixedLine('deny', 'deny', 'set'),
  ];
  const tpolicy: CommandDef[] = [
    cmd('classifier <c:word> behavior <b:word> [precedence <1-65535>]', (x) => {
      if (!x.store.root.children.some((n) => new RegExp(`^traffic classifier ${esc(x.args.c as string)}(?: |$)`).test(n.line))) { x.fail('The classifier does not exist.'); return; }
      if (!section(x, `traffic behavior ${x.args.b}`)) { x.fail('The behavior does not exist.'); return; }
      x.set(startsWithWords(`classifier ${x.args.c}`));
    }),
    unsetCmd('undo classifier <word>', (x) => startsWithWords(`classifier ${x.args.word}`)),
  ];

  return {
    user, system, interface: iface, vlan, vpn, 'vpn-af': rdCommands, bgp, 'bgp-af': bgpAf, aaa, 'aaa-scheme': aaaScheme, ui,
    mpls, 'mpls-ldp': [], acl, classifier, behavior, tpolicy, ospf: igp.ospf, 'ospf-area': igp['ospf-area'],
    ...Object.fromEntries(Object.entries(o.extra ?? {}).filter(([k]) => !['system', 'interface', 'aaa'].includes(k))),
  };
}

// ------------------------------------------------------------------------------ helpers of the commands

async function saveConfig(x: Exec): Promise<void> {
  const a = await x.ask('Warning: The current configuration will be written to the device. Continue? [Y/N]:');
  if (!isYes(a)) { x.out('Info: The operation has been cancelled.'); return; }
  x.out('Now saving the current configuration to the slot 0 .');
  x.device.save('cli');
  x.out('Info: Save the configuration successfully.');
}

function ensureSnmpAgent(x: Exec): void {
  if (!x.store.root.children.some((c) => c.line === 'snmp-agent')) x.store.setLine(x.store.root, 'snmp-agent');
}

function ensureSshUser(x: Exec): void {
  const line = `ssh user ${x.args.word}`;
  if (!x.store.root.children.some((c) => c.line === line)) x.store.setLine(x.store.root, line);
}

function routeKey(x: Exec): string {
  const via = [(x.args.if as InterfaceName | undefined)?.name, x.args.nh as string | undefined].filter(Boolean).join(' ');
  return `${x.args.vpn ? `vpn-instance ${x.args.vpn} ` : ''}${x.args.dest} ${x.args.mask} ${via}`;
}

function routeKeyOf(line: string): string {
  const w = line.split(' ').slice(1);
  let i = 0;
  let vpn = '';
  if (w[0] === 'vpn-instance') { vpn = `vpn-instance ${w[1]} `; i = 2; }
  const dest = w[i]!;
  const mask = w[i + 1]!;
  const via: string[] = [];
  for (let k = i + 2; k < w.length && !['preference', 'tag', 'description'].includes(w[k]!); k++) via.push(w[k]!);
  return `${vpn}${dest} ${mask} ${via.join(' ')}`;
}

function routedPort(x: Exec, usg: boolean): boolean {
  const name = String(x.frame.data.name);
  if (/^(?:Vlanif|LoopBack|NULL|Virtual-Template|Tunnel)/.test(name) || name.includes('.')) return true;
  const lines = x.level.children.map((c) => c.line);
  return usg ? !lines.includes('portswitch') : lines.includes('undo portswitch');
}

function switchedPort(x: Exec, usg: boolean): boolean {
  const name = String(x.frame.data.name);
  if (/^(?:Vlanif|LoopBack|NULL|Virtual-Template|Tunnel)/.test(name) || name.includes('.')) return false;
  return !routedPort(x, usg);
}

function allowPass(x: Exec, op: 'add' | 'remove'): void {
  const family = getDialect(x.device.platform).families(x.level.line)[0]!;
  const ids = x.line.endsWith(' all') ? Array.from({ length: 4094 }, (_v, i) => i + 1) : (x.args.vlans as number[]);
  x.store.applyFamily(x.level, family, { op, ids });
  x.changed();
}

function enterInterface(x: Exec, o: VrpGrammarOptions): void {
  const ifn = x.args.if as InterfaceName;
  const name = ifn.name;
  const line = `interface ${name}`;
  let node = section(x, line);
  if (!node) {
    const parent = name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined;
    const physical = x.device.physicalPorts().includes(name) || name === 'NULL0';
    const sub = parent !== undefined && (x.device.physicalPorts().includes(parent) || /^Eth-Trunk\d+$/.test(parent)) && Number(name.slice(name.indexOf('.') + 1)) <= 4094;
    if (!physical && !sub && !o.creatable.test(name)) { x.syntaxError('wrong', x.words.length - 1); return; }
    if (/^Vlanif(\d+)$/.test(name) && (Number(name.slice(6)) < 1 || Number(name.slice(6)) > 4094)) { x.syntaxError('wrong', x.words.length - 1); return; }
    node = x.store.ensure(x.store.root, line);
    x.changed();
  }
  x.enter('interface', node, name, { name });
}
