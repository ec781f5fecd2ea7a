/**
 * The simulated Ruijie RGOS 10 CLI (RG-S8610, RG-S5750; reference/ruijie-rgos.md §1): `NAME>` and
 * `NAME#` EXEC, `NAME(config)#` and the sub-modes with the full interface name
 * (`NAME(config-if-VLAN 10)#`), `exit`/`end`/Ctrl+Z, ` --More-- `, `terminal length 0`, the Cisco-style
 * `%` errors, `write`, and the `show` commands.
 */
import type { ConfigTree } from '../../../render/index.js';
import type { DeviceOperConfig, SnmpSetEvent } from '../../state/types.js';
import { cmd, navCmd } from '../commands.js';
import { type ConfigStore, compareRank } from '../config-store.js';
import { mirrorSnmpSet } from '../snmp-mirror.js';
import type { CliDevice } from '../device-port.js';
import type { DisplayContext } from '../format.js';
import { type ErrorKind, type GrammarPlatform, type InterfaceName, matchLine } from '../grammar.js';
import { printSection } from '../huawei-vrp/index.js';
import { type CliPlatform, type CommandDef, type CompiledView, type Exec, type Frame, compileView } from '../platform.js';
import { privileged, rgosCommands } from './grammar.js';
import { interpretRgos } from './interpret.js';
import { rgosInterfaceRank, ruijieRgosLayout } from './layout.js';
import * as show from './show.js';

export const RGOS_INTERFACE_TYPES = [
  'FastEthernet', 'GigabitEthernet', 'TenGigabitEthernet', 'TFGigabitEthernet', 'FortyGigabitEthernet',
  'HundredGigabitEthernet', 'AggregatePort', 'VLAN', 'Loopback', 'Tunnel', 'Mgmt', 'Null',
];

export const rgosGrammar: GrammarPlatform = {
  interfaceTypes: RGOS_INTERFACE_TYPES,
  formatInterface: (type, number) => `${type} ${number}`,
};

const ctxOf = (x: Exec): DisplayContext => ({ device: x.device, host: x.host, store: x.store });

export function hostnameOf(store: ConfigStore): string {
  for (const c of store.root.children) if (c.line.startsWith('hostname ')) return c.line.slice(9);
  return 'Ruijie';
}

/** `show running-config` as RGOS prints it: blank line, `Building configuration...`, the byte count, blank line, body. */
function runningConfig(text: string): string[] {
  const body = text.replace(/\n$/, '');
  return ['', 'Building configuration...', `Current configuration : ${Buffer.byteLength(text)} bytes`, '', ...body.split('\n')];
}

function shows(): CommandDef[] {
  const out = (f: (c: DisplayContext, x: Exec) => string[] | undefined) => (x: Exec) => {
    const lines = f(ctxOf(x), x);
    if (lines === undefined) { x.syntaxError('wrong', x.words.length - 1); return; }
    x.out(...lines);
  };
  return [
    cmd('show running-config [interface <if>]', (x) => {
      if (x.args.if) {
        const node = x.store.root.children.find((c) => c.line === `interface ${(x.args.if as InterfaceName).name}`);
        if (!node) { x.syntaxError('wrong', x.words.length - 1); return; }
        x.out('', 'Building configuration...', '', ...printSection(ruijieRgosLayout, node), '!', 'end');
        return;
      }
      x.out(...runningConfig(x.store.print()));
    }, privileged),
    cmd('show startup-config', (x) => {
      const saved = x.device.saved;
      if (!saved.trim()) { x.out('% No startup configuration.'); return; }
      x.out(...runningConfig(saved));
    }, privileged),
    cmd('show version', out((c) => show.showVersion(c))),
    cmd('show ip interface brief', out((c) => show.showIpInterfaceBrief(c))),
    cmd('show interfaces status', out((c) => show.showInterfacesStatus(c))),
    cmd('show interfaces [<if>]', out((c, x) => show.showInterfaces(c, (x.args.if as InterfaceName | undefined)?.name))),
    cmd('show vrrp brief', out((c) => show.showVrrpBrief(c))),
    cmd('show vrrp', out((c) => show.showVrrp(c))),
    cmd('show aggregatePort summary', out((c) => show.showAggregatePortSummary(c))),
    cmd('show lldp neighbors', out((c) => show.showLldpNeighbors(c))),
    cmd('show lldp neighbors detail', out((c) => show.showLldpNeighborsDetail(c))),
    cmd('show ip vrf', out((c) => show.showIpVrf(c))),
    cmd('show clock', out((c) => show.showClock(c))),
    cmd('show route-map [<word>]', () => undefined),
    cmd('show cpu', out((c) => [`CPU utilization in five seconds: ${c.device.cpuPercent}.00%`, `CPU utilization in one minute  : ${c.device.cpuPercent}.00%`, `CPU utilization in five minutes: ${c.device.cpuPercent}.00%`])),
    cmd('show memory', out((c) => {
      const total = Math.round(c.device.identity.memoryBytes / 1024);
      const used = Math.round((total * c.device.memoryPercent) / 100);
      return [`System Memory: ${total}KB total, ${used}KB used, ${total - used}KB free, ${c.device.memoryPercent}.0% used rate`];
    })),
  ];
}

const MESSAGES_INVALID = "% Invalid input detected at '^' marker.";

export function makeRgosPlatform(): CliPlatform {
  const commands = rgosCommands();
  const views = new Map<string, CompiledView>();
  for (const [id, list] of Object.entries(commands)) views.set(id, compileView(id, id !== 'exec' && id !== 'config', list));
  const globals: CommandDef[] = [
    ...shows(),
    cmd('do <text>', async (x) => {
      // `do show ...` in a configuration mode: the EXEC command.
      const text = x.args.text as string;
      const exec = compileView('do', false, [...shows(), ...commands.exec!.filter((c) => /^(?:write|copy)/.test(c.pattern))]);
      const r = matchLine(rgosGrammar, exec.candidates, text);
      if (!r.ok) { x.syntaxError(r.failure.kind, r.failure.at + 1); return; }
      await r.data.run({ ...x, args: r.parse.args, line: r.parse.canonical, parse: r.parse });
    }, (s) => s.stack.length > 1),
    navCmd('exit', (x) => x.session.popTo(x.session.stack.length - 1), (s) => s.stack.length > 1),
    navCmd('end', (x) => x.session.popTo(1), (s) => s.stack.length > 1),
  ];
  const globalView = compileView('global', false, globals);
  return {
    platform: 'ruijie-rgos',
    grammar: rgosGrammar,
    pager: { prompt: ' --More-- ', erase: `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`, lines: 23 },
    globalView,
    layout: () => ruijieRgosLayout,
    baseline(device) {
      const phys = device.physicalPorts().filter((p) => !/^Mgmt/.test(p) && !p.includes('.'))
        .map((p) => ({ p, r: rgosInterfaceRank(p) })).sort((a, b) => compareRank(a.r, b.r)).map((x) => x.p);
      return ['vlan 1', ...phys.flatMap((p) => ['!', `interface ${p}`]), '!', 'line vty 0 4', '!', 'end', ''].join('\n');
    },
    initialFrame(store, session): Frame {
      session.vars.privileged = store.root.children.some((c) => new RegExp(`^username ${session.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} privilege 15 `).test(c.line));
      return { view: views.get('exec')!, level: store.root, label: '', data: {} };
    },
    view(id) {
      const v = views.get(id);
      if (!v) throw new Error(`no view '${id}'`);
      return v;
    },
    sysname: hostnameOf,
    prompt(store, s) {
      const top = s.stack[s.stack.length - 1]!;
      return `${hostnameOf(store)}${top.label ? `(${top.label})` : ''}${privileged(s) || s.stack.length > 1 ? '#' : '>'}`;
    },
    banner: () => [''],
    syntaxError(kind: ErrorKind, caret: number, raw: string, frame: Frame, at: number) {
      if (kind === 'ambiguous') return [`% Ambiguous command: "${raw.trim()}"`];
      if (kind === 'incomplete') return ['% Incomplete command.'];
      // An unknown first word in EXEC mode (Cisco-style CLIs do not place a caret there).
      if (kind === 'unrecognized' && at === 0 && frame.view.id === 'exec') return ['% Unknown command.'];
      return [`${' '.repeat(caret)}^`, MESSAGES_INVALID];
    },
    failure: (message) => `% ${message}`,
    rejected: () => ['% Failed to execute the command.'],
    isComment: (raw) => /^\s*!/.test(raw),
    ctrlZ: (s) => s.popTo(1),
    storeSecret: (value) => value,
    interpret(text: string, device: CliDevice, tree?: ConfigTree): DeviceOperConfig {
      return interpretRgos(text, device.vrrpConfig, tree);
    },
    applySnmpSet: applyRgosSnmpSet,
  };
}

/** Mirror an SNMP SET into the configuration text. */
export function applyRgosSnmpSet(store: ConfigStore, e: SnmpSetEvent): boolean {
  return mirrorSnmpSet(store, e, { sysName: 'hostname', sysInfo: 'snmp-server' });
}

export const ruijieRgosCli: CliPlatform = makeRgosPlatform();
