/**
 * The RGOS 10 command grammar (reference/ruijie-rgos.md §1, §2, §4): per mode, the commands it
 * accepts. Covers every line the renderer prints (tests/golden/ruijie-rgos), their `no` forms, the
 * mode-entering commands, and the `show` commands the drivers read (index.ts).
 *
 * Modelled side effects: `ip vrf forwarding` removes the interface's addresses (§2.6), `port-group N`
 * creates AggregatePort N (§2.4), `no switchport` drops the layer-2 lines, `service
 * password-encryption` turns clear-text passwords into type 7, VLAN 1 cannot be deleted.
 */
import { getDialect } from '../../../render/index.js';
import { type LineTest, cmd, fixedLine, isYes, setCmd, startsWithWords, unsetCmd } from '../commands.js';
import type { InterfaceName } from '../grammar.js';
import type { CommandDef, Exec, SessionApi } from '../platform.js';

export const privileged = (s: SessionApi): boolean => s.vars.privileged === true;
const eq = (line: string): LineTest => (l) => l === line;
const TOKEN = /^\{\{secret:[^}]+\}\}$/;

/** Type 7 as the lab prints it: the bytes in hex (reversible, never the clear text). */
export function rgosType7(value: string): string {
  return Buffer.from(value, 'utf8').toString('hex');
}

function passwordEncryption(x: Exec): boolean {
  return x.store.root.children.some((c) => c.line === 'service password-encryption');
}

/** `password 0 X` → `password 7 <cipher>` when the service is on (a `{{secret:...}}` token stays as typed). */
function encryptLine(line: string): string {
  return line.replace(/\b(password|secret) 0 (\S+)/, (all, kw: string, v: string) => (TOKEN.test(v) ? all : `${kw} 7 ${rgosType7(v)}`));
}

function section(x: Exec, line: string) {
  return x.store.root.children.find((c) => c.line === line);
}

function layer3(x: Exec): boolean {
  const name = String(x.frame.data.name);
  if (/^(?:VLAN|Loopback|Tunnel|Mgmt) /.test(name)) return true;
  return x.level.children.some((c) => c.line === 'no switchport');
}

function trunkFamily(x: Exec) {
  return getDialect('ruijie-rgos').families(x.level.line)[0]!;
}

export function rgosCommands(): Record<string, CommandDef[]> {
  // ---------------------------------------------------------------- EXEC (user > and privileged #)
  const exec: CommandDef[] = [
    cmd('enable [<0-15>]', async (x) => {
      if (privileged(x.session)) return;
      const secret = x.store.root.children.find((c) => /^enable (?:secret|password) /.test(c.line));
      if (secret) {
        const answer = await x.ask('Password:', false);
        const stored = secret.line.split(' ').pop()!;
        const plain = /\b[57] /.test(secret.line) ? Buffer.from(stored, 'hex').toString('utf8') : stored;
        if (answer !== plain) { x.out('% Access denied'); return; }
      }
      x.session.vars.privileged = true;
    }),
    cmd('disable', (x) => { x.session.vars.privileged = false; }, privileged),
    cmd('configure [terminal]', (x) => {
      x.out('Enter configuration commands, one per line.  End with CNTL/Z.');
      x.enter('config', x.store.root, 'config');
    }, privileged),
    cmd('terminal length <0-512>', (x) => { x.session.setPaging(x.args.int !== 0); }),
    cmd('terminal no length', (x) => { x.session.setPaging(true); }),
    cmd('terminal width <0-512>', () => undefined),
    cmd('write [memory]', (x) => writeConfig(x), privileged),
    cmd('copy running-config startup-config', (x) => writeConfig(x), privileged),
    cmd('reload', async (x) => {
      if (!x.host.reboot) { x.fail('Reload is not supported in this lab.'); return; }
      if (!isYes(await x.ask('Reload system?(Y/N)'))) return;
      x.session.close();
      setImmediate(() => x.host.reboot!(x.device.name));
    }, privileged),
    cmd('exit', (x) => x.session.close()),
    cmd('logout', (x) => x.session.close()),
  ];

  // ---------------------------------------------------------------- global configuration
  const config: CommandDef[] = [
    setCmd('hostname <word>', 'hostname'),
    unsetCmd('no hostname', 'hostname'),
    cmd('username <word> [privilege <0-15>] password [{ 0 | 7 }] <secret>', (x) => {
      let line = x.line.replace(/ password (?!0 |7 )/, ' password 0 ');
      if (passwordEncryption(x)) line = encryptLine(line);
      x.set(startsWithWords(`username ${x.args.word}`), line);
    }),
    unsetCmd('no username <word>', (x) => startsWithWords(`username ${x.args.word}`)),
    cmd('service password-encryption', (x) => {
      x.set(eq('service password-encryption'));
      for (const c of x.store.root.children) if (/^(?:username |enable password )/.test(c.line)) c.line = encryptLine(c.line);
    }),
    unsetCmd('no service password-encryption', /^service password-encryption$/),
    cmd('enable { secret | password } [level <1-15>] [{ 0 | 5 | 7 | 8 }] <secret>', (x) => {
      const kind = x.parse.pieces[1]!.text;
      let line = x.line;
      if (!/ [0578] \S+$/.test(line)) line = line.replace(/ (\S+)$/, ' 0 $1');
      const v = line.split(' ').pop()!;
      if (/ 0 \S+$/.test(line) && !TOKEN.test(v)) line = line.replace(/ 0 (\S+)$/, ` ${kind === 'secret' ? 5 : 7} ${rgosType7(v)}`);
      x.set(startsWithWords(`enable ${kind}`), line);
    }),
    unsetCmd('no enable { secret | password }', (x) => startsWithWords(`enable ${x.parse.pieces[2]!.text}`)),
    setCmd('ip ssh version { 1 | 2 }', 'ip ssh version'),
    unsetCmd('no ip ssh version', 'ip ssh version'),
    setCmd('ip ssh { time-out <1-120> | authentication-retries <0-5> }', (x) => startsWithWords(`ip ssh ${x.parse.pieces[2]!.text}`)),
    cmd('enable service { ssh-server | telnet-server | web-server | snmp-agent }', (x) => {
      const svc = x.parse.pieces[2]!.text;
      if (svc === 'ssh-server') x.set(eq(x.line));
      else x.unset(eq(`no enable service ${svc}`));
    }),
    cmd('no enable service { ssh-server | telnet-server | web-server | snmp-agent }', (x) => {
      const svc = x.parse.pieces[3]!.text;
      if (svc === 'ssh-server') x.unset(eq(`enable service ${svc}`));
      else x.set(eq(x.line));
    }),
    cmd('crypto key generate { rsa | dsa }', async (x) => {
      x.out('% You already have RSA keys.', '% Do you really want to replace them? [yes/no]:');
      const bits = await x.ask('Choose the size of the rsa key modulus in the range of 512 to 2048\nand the size of the dsa key modulus in the range of 360 to 2048 for your\nSignature Keys. Choosing a key modulus greater than 512 may take\na few minutes.\nHow many bits in the modulus [512]:');
      x.out(`% Generating ${bits.trim() || '512'} bit RSA keys ...[ok]`);
    }),
    cmd('ip vrf <word>', (x) => {
      const node = x.store.ensure(x.store.root, `ip vrf ${x.args.word}`);
      x.changed();
      x.enter('vrf', node, 'config-vrf', { vrf: x.args.word as string });
    }),
    cmd('no ip vrf <word>', (x) => {
      const name = x.args.word as string;
      if (x.store.remove(x.store.root, eq(`ip vrf ${name}`)) === 0) { x.fail(`VRF ${name} does not exist.`); return; }
      for (const n of x.store.root.children) {
        if (n.line.startsWith('interface ') && n.children.some((c) => c.line === `ip vrf forwarding ${name}`)) {
          x.store.remove(n, (l) => l === `ip vrf forwarding ${name}` || l.startsWith('ip address '));
        }
      }
      x.store.remove(x.store.root, (l) => l.startsWith(`ip route vrf ${name} `));
      x.changed();
    }),
    cmd('vlan <1-4094>', (x) => {
      const node = x.store.ensure(x.store.root, `vlan ${x.args.int}`);
      x.changed();
      x.enter('vlan', node, 'config-vlan', { vlan: x.args.int as number });
    }),
    cmd('vlan range <vlanlist>', (x) => {
      for (const id of x.args.vlanlist as number[]) x.store.ensure(x.store.root, `vlan ${id}`);
      x.changed();
    }),
    cmd('no vlan <1-4094>', (x) => {
      if (x.args.int === 1) { x.fail('Default VLAN 1 can not be deleted.'); return; }
      x.store.remove(x.store.root, eq(`vlan ${x.args.int}`));
      x.changed();
    }),
    cmd('interface <if>', (x) => enterInterface(x)),
    cmd('interface range <text>', (x) => {
      const members = rangeMembers(x, x.args.text as string);
      if (!members) { x.syntaxError('wrong', 2); return; }
      x.enter('if-range', x.store.root, 'config-if-range', { members: members.join(',') });
    }),
    cmd('no interface <if>', (x) => {
      const name = (x.args.if as InterfaceName).name;
      if (!/^(?:VLAN|AggregatePort|Loopback|Tunnel) /.test(name)) { x.fail(`Interface ${name} can not be removed.`); return; }
      if (x.store.remove(x.store.root, eq(`interface ${name}`)) === 0) { x.fail(`Interface ${name} does not exist.`); return; }
      const ap = /^AggregatePort (\d+)$/.exec(name);
      if (ap) for (const n of x.store.root.children) if (n.line.startsWith('interface ')) x.store.remove(n, (l) => new RegExp(`^port-group ${ap[1]}(?: |$)`).test(l));
      x.changed();
    }),
    cmd('ip route [vrf <vrf:word>] <dest:ip> <mask:dmask> { <nh:ip> | <if> [<nh:ip>] } [<distance:1-255>] [tag <tag:1-4294967295>] [name <name:word>]', (x) => {
      if (x.args.vrf && !section(x, `ip vrf ${x.args.vrf}`)) { x.fail(`VRF ${x.args.vrf} does not exist.`); return; }
      const key = `ip route ${x.args.vrf ? `vrf ${x.args.vrf} ` : ''}${x.args.dest} ${x.args.mask} ${(x.args.if as InterfaceName | undefined)?.name ?? ''}${x.args.if && x.args.nh ? ' ' : ''}${x.args.nh ?? ''}`;
      x.set((l) => l === key || l.startsWith(`${key} `));
    }),
    cmd('no ip route [vrf <vrf:word>] <dest:ip> <mask:dmask> [{ <nh:ip> | <if> [<nh:ip>] }] [<distance:1-255>]', (x) => {
      const prefix = `ip route ${x.args.vrf ? `vrf ${x.args.vrf} ` : ''}${x.args.dest} ${x.args.mask}`;
      const nh = x.args.nh as string | undefined;
      if (x.unset((l) => startsWithWords(prefix)(l) && (!nh || l.split(' ').includes(nh))) === 0) x.fail('The route does not exist.');
    }),
    setCmd('snmp-server community <secret> [{ ro | rw }] [<acl:word>]', (x) => (l) => l.startsWith(`snmp-server community ${x.line.split(' ')[2]} `) || l === `snmp-server community ${x.line.split(' ')[2]}`),
    unsetCmd('no snmp-server community <secret>', (x) => startsWithWords(`snmp-server community ${x.line.split(' ')[3]}`)),
    setCmd('snmp-server { location | contact } <text>', (x) => startsWithWords(`snmp-server ${x.parse.pieces[1]!.text}`)),
    unsetCmd('no snmp-server { location | contact }', (x) => startsWithWords(`snmp-server ${x.parse.pieces[2]!.text}`)),
    setCmd('snmp-server host <ip> [traps] [version { 1 | 2c | 3 [{ auth | noauth | priv }] }] <secret>', (x) => startsWithWords(`snmp-server host ${x.args.ip}`)),
    unsetCmd('no snmp-server host <ip> [<text>]', (x) => startsWithWords(`snmp-server host ${x.args.ip}`)),
    setCmd('snmp-server enable traps [<text>]', (x) => eq(x.line)),
    unsetCmd('no snmp-server enable traps [<text>]', /^snmp-server enable traps/),
    setCmd('snmp-server group <word> v3 { auth | noauth | priv } [<text>]', (x) => startsWithWords(`snmp-server group ${x.args.word}`)),
    unsetCmd('no snmp-server group <word> [<text>]', (x) => startsWithWords(`snmp-server group ${x.args.word}`)),
    setCmd('snmp-server user <user:word> <group:word> v3 [auth { md5 | sha } <authkey:secret> [priv { des | aes128 | 3des } <privkey:secret>]]', (x) => startsWithWords(`snmp-server user ${x.args.user}`)),
    unsetCmd('no snmp-server user <user:word> [<text>]', (x) => startsWithWords(`snmp-server user ${x.args.user}`)),
    cmd('line { console <first:0-0> | vty <first:0-35> [<last:0-35>] }', (x) => {
      const node = x.store.ensure(x.store.root, x.line);
      x.changed();
      x.enter('line', node, 'config-line');
    }),
    cmd('ip access-list { standard | extended } <word>', (x) => {
      const kind = x.parse.pieces[2]!.text;
      const node = x.store.ensure(x.store.root, x.line);
      x.changed();
      x.enter('nacl', node, kind === 'standard' ? 'config-std-nacl' : 'config-ext-nacl');
    }),
    unsetCmd('no ip access-list { standard | extended } <word>', (x) => eq(x.line.slice(3))),
    cmd('class-map [{ match-all | match-any }] <word>', (x) => {
      const node = x.store.root.children.find((c) => new RegExp(`^class-map (?:match-\\S+ )?${x.args.word}$`).test(c.line)) ?? x.store.ensure(x.store.root, x.line);
      x.changed();
      x.enter('cmap', node, 'config-cmap');
    }),
    unsetCmd('no class-map <word>', (x) => (l) => new RegExp(`^class-map (?:match-\\S+ )?${x.args.word}$`).test(l)),
    cmd('policy-map <word>', (x) => {
      const node = x.store.ensure(x.store.root, x.line);
      x.changed();
      x.enter('pmap', node, 'config-pmap');
    }),
    unsetCmd('no policy-map <word>', (x) => eq(x.line.slice(3))),
    setCmd('aggregateport load-balance { src-mac | dst-mac | src-dst-mac | src-ip | dst-ip | src-dst-ip }', 'aggregateport load-balance'),
    unsetCmd('no aggregateport load-balance', 'aggregateport load-balance'),
    fixedLine('lldp enable', 'no lldp enable', 'unset'),
    fixedLine('no lldp enable', 'no lldp enable', 'set'),
    setCmd('ntp server <ip>', (x) => eq(x.line)),
    unsetCmd('no ntp server <ip>', (x) => eq(x.line.slice(3))),
    setCmd('logging server <ip>', (x) => eq(x.line)),
    unsetCmd('no logging server <ip>', (x) => eq(x.line.slice(3))),
    cmd('router ospf <1-65535>', (x) => {
      const node = x.store.ensure(x.store.root, x.line);
      x.changed();
      x.enter('router', node, 'config-router');
    }),
    unsetCmd('no router ospf <1-65535>', (x) => eq(x.line.slice(3))),
  ];

  // ---------------------------------------------------------------- interface
  const vr = (x: Exec): string => `vrrp ${x.args.vrid}`;
  const iface: CommandDef[] = [
    setCmd('description <text>', 'description'),
    unsetCmd('no description', 'description'),
    fixedLine('shutdown', 'shutdown', 'set'),
    fixedLine('no shutdown', 'shutdown', 'unset'),
    cmd('switchport', (x) => {
      if (/^(?:VLAN|Loopback|Tunnel) /.test(String(x.frame.data.name))) { x.syntaxError('unrecognized', 0); return; }
      if (x.unset(eq('no switchport'))) x.unset((l) => /^(?:ip |vrrp )/.test(l));
    }),
    cmd('no switchport', (x) => {
      if (/^(?:VLAN|Loopback|Tunnel) /.test(String(x.frame.data.name))) { x.syntaxError('unrecognized', 1); return; }
      x.unset((l) => l.startsWith('switchport '));
      x.set(eq('no switchport'));
    }),
    cmd('switchport mode { access | trunk }', (x) => {
      if (layer3(x)) { x.syntaxError('unrecognized', 0); return; }
      if (x.parse.pieces[2]!.text === 'access') x.unset((l) => l === 'switchport mode trunk' || l.startsWith('switchport trunk '));
      else x.set(startsWithWords('switchport mode'));
    }),
    unsetCmd('no switchport mode', /^switchport (?:mode trunk$|trunk )/),
    cmd('switchport access vlan <1-4094>', (x) => {
      if (layer3(x)) { x.syntaxError('unrecognized', 0); return; }
      if (x.args.int === 1) x.unset(startsWithWords('switchport access vlan'));
      else x.set(startsWithWords('switchport access vlan'));
    }),
    unsetCmd('no switchport access vlan', 'switchport access vlan'),
    cmd('switchport trunk native vlan <1-4094>', (x) => {
      if (x.args.int === 1) x.unset(startsWithWords('switchport trunk native vlan'));
      else x.set(startsWithWords('switchport trunk native vlan'));
    }),
    unsetCmd('no switchport trunk native vlan', 'switchport trunk native vlan'),
    cmd('switchport trunk allowed vlan { all | add <vlanlist> | remove <vlanlist> | except <vlanlist> | only <vlanlist> }', (x) => {
      if (layer3(x)) { x.syntaxError('unrecognized', 0); return; }
      const family = trunkFamily(x);
      const op = family.parse(x.line);
      if (!op) { x.syntaxError('wrong', 4); return; }
      x.store.applyFamily(x.level, family, op);
      x.changed();
    }),
    cmd('no switchport trunk allowed vlan', (x) => { x.store.setFamily(x.level, trunkFamily(x), Array.from({ length: 4094 }, (_v, i) => i + 1)); x.changed(); }),
    cmd('port-group <1-128> [mode { active | passive | on }]', (x) => {
      const name = String(x.frame.data.name);
      if (/^(?:VLAN|AggregatePort|Loopback|Tunnel) /.test(name)) { x.syntaxError('unrecognized', 0); return; }
      const id = x.args.int as number;
      const other = x.level.children.find((c) => c.line.startsWith('port-group '));
      if (other && !other.line.startsWith(`port-group ${id}`)) { x.fail(`Interface ${name} is already a member of AggregatePort ${other.line.split(' ')[1]}.`); return; }
      x.store.ensure(x.store.root, `interface AggregatePort ${id}`);
      x.set(startsWithWords('port-group'), x.line.replace(/ mode on$/, ''));
    }),
    unsetCmd('no port-group', 'port-group'),
    cmd('ip vrf forwarding <word>', (x) => {
      const vrf = x.args.word as string;
      if (!layer3(x)) { x.syntaxError('unrecognized', 0); return; }
      if (!section(x, `ip vrf ${vrf}`)) { x.fail(`VRF ${vrf} does not exist.`); return; }
      if (x.level.children.some((c) => c.line === x.line)) return;
      const addrs = x.level.children.filter((c) => c.line.startsWith('ip address '));
      x.unset(startsWithWords('ip address'));
      x.set(startsWithWords('ip vrf forwarding'));
      for (const a of addrs) x.out(`% Interface ${x.frame.data.name} IP address ${a.line.split(' ')[2]} removed due to enabling VRF ${vrf}`);
    }),
    cmd('no ip vrf forwarding [<word>]', (x) => {
      if (x.unset(startsWithWords('ip vrf forwarding')) === 0) return;
      x.unset(startsWithWords('ip address'));
    }),
    cmd('ip address <ip> <mask:dmask> [secondary]', (x) => {
      if (!layer3(x)) { x.syntaxError('unrecognized', 0); return; }
      const same = `ip address ${x.args.ip} `;
      if (x.line.endsWith(' secondary')) x.set((l) => l.startsWith(same));
      else x.set((l) => /^ip address \S+ \S+$/.test(l) || l.startsWith(same));
    }),
    cmd('no ip address [<ip> <mask:dmask> [secondary]]', (x) => {
      if (!x.args.ip) { x.unset(startsWithWords('ip address')); return; }
      x.unset(eq(x.line.slice(3)));
    }),
    setCmd('ip access-group <word> { in | out }', (x) => (l) => l.startsWith('ip access-group ') && l.endsWith(` ${x.parse.pieces[3]!.text}`)),
    unsetCmd('no ip access-group <word> { in | out }', (x) => eq(x.line.slice(3))),
    cmd('vrrp <vrid:1-255> ip <ip>', (x) => {
      if (!layer3(x)) { x.syntaxError('unrecognized', 0); return; }
      x.set(eq(x.line));
    }),
    cmd('vrrp <vrid:1-255> priority <1-254>', (x) => {
      if (x.args.int === 100) x.unset(startsWithWords(`${vr(x)} priority`));
      else x.set(startsWithWords(`${vr(x)} priority`));
    }),
    cmd('vrrp <vrid:1-255> preempt [delay <0-255>]', (x) => {
      x.unset(eq(`no ${vr(x)} preempt`));
      if (!x.args.int) x.unset(startsWithWords(`${vr(x)} preempt`));
      else x.set(startsWithWords(`${vr(x)} preempt`));
    }),
    cmd('vrrp <vrid:1-255> timers advertise <1-255>', (x) => {
      if (x.args.int === 1) x.unset(startsWithWords(`${vr(x)} timers advertise`));
      else x.set(startsWithWords(`${vr(x)} timers advertise`));
    }),
    setCmd('vrrp <vrid:1-255> track <if> [<1-255>]', (x) => startsWithWords(`${vr(x)} track ${(x.args.if as InterfaceName).name}`)),
    setCmd('vrrp <vrid:1-255> { authentication | description } <text>', (x) => startsWithWords(`${vr(x)} ${x.parse.pieces[2]!.text}`)),
    unsetCmd('no vrrp <vrid:1-255> preempt delay [<0-255>]', (x) => startsWithWords(`${vr(x)} preempt delay`)),
    cmd('no vrrp <vrid:1-255> preempt', (x) => {
      x.unset(startsWithWords(`${vr(x)} preempt`));
      x.set(eq(`no ${vr(x)} preempt`));
    }),
    unsetCmd('no vrrp <vrid:1-255> ip <ip>', (x) => eq(x.line.slice(3))),
    unsetCmd('no vrrp <vrid:1-255> { priority | timers advertise | authentication | description }', (x) => startsWithWords(`${vr(x)} ${x.parse.pieces[3]!.text}`)),
    unsetCmd('no vrrp <vrid:1-255> track <if>', (x) => startsWithWords(`${vr(x)} track ${(x.args.if as InterfaceName).name}`)),
    unsetCmd('no vrrp <vrid:1-255>', (x) => (l) => startsWithWords(vr(x))(l) || l === `no ${vr(x)} preempt`),
    setCmd('mls qos trust { dscp | cos | ip-precedence }', 'mls qos trust'),
    unsetCmd('no mls qos trust', 'mls qos trust'),
    setCmd('mls qos cos <0-7>', 'mls qos cos'),
    unsetCmd('no mls qos cos', 'mls qos cos'),
    cmd('service-policy { input | output } <word>', (x) => {
      if (!section(x, `policy-map ${x.args.word}`)) { x.fail(`Policy map ${x.args.word} does not exist.`); return; }
      x.set(startsWithWords(`service-policy ${x.parse.pieces[1]!.text}`));
    }),
    unsetCmd('no service-policy { input | output } [<word>]', (x) => startsWithWords(`service-policy ${x.parse.pieces[2]!.text}`)),
    setCmd('speed { 10 | 100 | 1000 | 10000 | auto }', 'speed'),
    unsetCmd('no speed', 'speed'),
    setCmd('duplex { auto | full | half }', 'duplex'),
    unsetCmd('no duplex', 'duplex'),
    fixedLine('lldp enable', 'no lldp enable', 'unset'),
    fixedLine('no lldp enable', 'no lldp enable', 'set'),
  ];

  const vlan: CommandDef[] = [setCmd('name <text>', 'name'), unsetCmd('no name', 'name')];
  const vrf: CommandDef[] = [
    setCmd('description <text>', 'description'),
    unsetCmd('no description', 'description'),
    cmd('rd <rd>', (x) => {
      const cur = x.level.children.find((c) => c.line.startsWith('rd '));
      if (cur && cur.line !== x.line) { x.fail(`Can't change route distinguisher (old RD ${cur.line.slice(3)}), remove it first.`); return; }
      x.set();
    }),
    unsetCmd('no rd [<rd>]', /^(?:rd|route-target) /),
    cmd('route-target { export | import | both } <rd>', (x) => {
      const dir = x.parse.pieces[1]!.text;
      for (const d of dir === 'both' ? ['export', 'import'] : [dir]) {
        const line = `route-target ${d} ${x.args.rd}`;
        x.set(eq(line), line);
      }
    }),
    cmd('no route-target { export | import | both } <rd>', (x) => {
      const dir = x.parse.pieces[2]!.text;
      x.unset((l) => (dir === 'both' ? ['export', 'import'] : [dir]).some((d) => l === `route-target ${d} ${x.args.rd}`));
    }),
  ];
  const line: CommandDef[] = [
    setCmd('login [local]', 'login'),
    unsetCmd('no login', 'login'),
    setCmd('transport input { ssh | telnet | all | none } [{ ssh | telnet }]', 'transport input'),
    unsetCmd('no transport input', 'transport input'),
    setCmd('exec-timeout <0-35791> [<0-2147483>]', 'exec-timeout'),
    unsetCmd('no exec-timeout', 'exec-timeout'),
    setCmd('access-class <word> in', 'access-class'),
    unsetCmd('no access-class <word> in', 'access-class'),
  ];
  const nacl: CommandDef[] = [
    cmd('[<seq:1-2147483647>] { permit | deny } <text>', (x) => {
      const used = x.level.children.map((c) => Number(/^(\d+) /.exec(c.line)?.[1] ?? 0));
      const seq = (x.args.seq as number | undefined) ?? Math.max(0, ...used) + 10;
      const body = x.line.replace(/^\d+ /, '');
      x.set(startsWithWords(String(seq)), `${seq} ${body}`);
    }),
    unsetCmd('no <seq:1-2147483647>', (x) => startsWithWords(String(x.args.seq))),
  ];
  const cmap: CommandDef[] = [
    setCmd('match { access-group <word> | ip dscp <text> | any }', (x) => eq(x.line)),
    unsetCmd('no match { access-group <word> | ip dscp <text> | any }', (x) => eq(x.line.slice(3))),
  ];
  const pmap: CommandDef[] = [
    cmd('class <word>', (x) => {
      if (!x.store.root.children.some((c) => new RegExp(`^class-map (?:match-\\S+ )?${x.args.word}$`).test(c.line))) { x.fail(`Class map ${x.args.word} does not exist.`); return; }
      const node = x.store.ensure(x.level, x.line);
      x.changed();
      x.enter('pmap-c', node, 'config-pmap-c');
    }),
    unsetCmd('no class <word>', (x) => eq(x.line.slice(3))),
  ];
  const pmapClass: CommandDef[] = [
    setCmd('set { ip dscp | cos } <word>', (x) => startsWithWords(`set ${x.parse.pieces[1]!.text}`)),
    unsetCmd('no set { ip dscp | cos } [<word>]', (x) => startsWithWords(`set ${x.parse.pieces[2]!.text}`)),
  ];
  const router: CommandDef[] = [
    setCmd('network <ip> <wild> area <word>', (x) => eq(x.line)),
    unsetCmd('no network <ip> <wild> area <word>', (x) => eq(x.line.slice(3))),
    setCmd('passive-interface <if>', (x) => eq(x.line)),
    unsetCmd('no passive-interface <if>', (x) => eq(x.line.slice(3))),
    setCmd('router-id <ip>', 'router-id'),
  ];
  // `interface range`: every interface command, applied to each member in turn.
  const range: CommandDef[] = iface.map((c) => ({
    pattern: c.pattern,
    async run(x: Exec) {
      for (const name of String(x.frame.data.members).split(',')) {
        const node = x.store.ensure(x.store.root, `interface ${name}`);
        const frame = { ...x.frame, level: { line: node.line, children: node.children }, data: { name } };
        await c.run({
          ...x, frame, level: frame.level,
          set: (replaces, l) => { x.changed(); return x.store.setLine(frame.level, l ?? x.line, replaces); },
          unset: (match) => { const n = x.store.remove(frame.level, match); if (n) x.changed(); return n; },
        });
      }
    },
  }));
  return { exec, config, if: iface, 'if-range': range, vlan, vrf, line, nacl, cmap, pmap, 'pmap-c': pmapClass, router };
}

function writeConfig(x: Exec): void {
  x.out('Building configuration...');
  x.device.save('cli');
  x.out('[OK]');
}

/** `GigabitEthernet 0/1-4,0/7` → the existing physical ports it names; undefined when malformed or unknown. */
function rangeMembers(x: Exec, text: string): string[] | undefined {
  const m = /^([A-Za-z-]+)\s*(.+)$/.exec(text.trim());
  if (!m) return undefined;
  const typed = m[1]!.toLowerCase();
  const types = ['FastEthernet', 'GigabitEthernet', 'TenGigabitEthernet', 'TFGigabitEthernet', 'FortyGigabitEthernet', 'HundredGigabitEthernet'];
  const found = types.filter((t) => t.toLowerCase().startsWith(typed));
  const type = types.find((t) => t.toLowerCase() === typed) ?? (found.length === 1 ? found[0] : undefined);
  if (!type) return undefined;
  const out: string[] = [];
  let slot = '';
  for (const item of m[2]!.replace(/\s+/g, '').split(',')) {
    const r = /^((?:\d+\/)*)(\d+)(?:-(\d+))?$/.exec(item);
    if (!r) return undefined;
    if (r[1]) slot = r[1];
    const from = Number(r[2]);
    const to = r[3] === undefined ? from : Number(r[3]);
    if (to < from) return undefined;
    for (let p = from; p <= to; p++) out.push(`${type} ${slot}${p}`);
  }
  const ports = x.device.physicalPorts();
  return out.length && out.every((n) => ports.includes(n)) ? out : undefined;
}

function enterInterface(x: Exec): void {
  const ifn = x.args.if as InterfaceName;
  const name = ifn.name;
  const line = `interface ${name}`;
  let node = section(x, line);
  if (!node) {
    const physical = x.device.physicalPorts().includes(name);
    const creatable = /^(?:VLAN ([1-9]\d{0,3})|AggregatePort \d+|Loopback \d+|Tunnel \d+)$/.exec(name);
    if (!physical && (!creatable || (creatable[1] && Number(creatable[1]) > 4094))) { x.syntaxError('wrong', x.words.length - 1); return; }
    node = x.store.ensure(x.store.root, line);
    x.changed();
  }
  x.enter('if', node, `config-if-${name}`, { name });
}
