/**
 * The simulated Huawei VRP5 CLI (S9300, S5700, S2700; reference/huawei-vrp.md §1): `<NAME>` user
 * view, `[NAME]` system view and `[NAME-...]` sub-views, `quit`/`return`/Ctrl+Z, the
 * `  ---- More ----` pager and its erase sequence, `screen-length 0 temporary`, the five parser
 * errors with their `^` caret, `save` with its `[Y/N]` question, and the login banner.
 * makeVrpPlatform is shared with the USG (../huawei-usg/index.ts).
 */
import type { Platform } from '../../../model/index.js';
import type { ConfigNode, ConfigTree } from '../../../render/index.js';
import { printTree } from '../../../render/index.js';
import type { DeviceOperConfig, SnmpSetEvent } from '../../state/types.js';
import { cmd, navCmd } from '../commands.js';
import { mirrorSnmpSet } from '../snmp-mirror.js';
import { type ConfigLayout, type ConfigStore, compareRank } from '../config-store.js';
import type { CliDevice } from '../device-port.js';
import type { DisplayContext } from '../format.js';
import { formatDateTime } from '../format.js';
import type { ErrorKind, GrammarPlatform, InterfaceName } from '../grammar.js';
import { type CliPlatform, type CommandDef, type CompiledView, type Exec, type Frame, type SessionApi, compileView } from '../platform.js';
import * as d from './display.js';
import { type VrpGrammarOptions, displayContext, vrpCommands, vrpSysname } from './grammar.js';
import { interpretVrp } from './interpret.js';
import { huaweiVrpLayout, vrpInterfaceRank } from './layout.js';

export const VRP_INTERFACE_TYPES = [
  'GigabitEthernet', 'XGigabitEthernet', 'Ethernet', 'Eth-Trunk', 'Vlanif', 'LoopBack', 'NULL', 'Virtual-Template',
  'Tunnel', 'MEth', '10GE', '25GE', '40GE', '100GE', 'Virtual-if',
];

export const vrpGrammar: GrammarPlatform = {
  interfaceTypes: VRP_INTERFACE_TYPES,
  formatInterface: (type, number) => `${type}${number}`,
};

const MESSAGES: Record<ErrorKind, string> = {
  unrecognized: 'Unrecognized command',
  wrong: 'Wrong parameter',
  incomplete: 'Incomplete command',
  'too-many': 'Too many parameters',
  ambiguous: 'Ambiguous command',
};

/** A token the change engine substitutes; the device keeps it as typed (so a rendered config reads back identical). */
const TOKEN = /^\{\{secret:[^}]+\}\}$/;

/** How VRP shows a secret: `%^%#...%^%#` cipher text, `$1c$...$` for irreversible-cipher (§2.12, §2.13). */
export function vrpCipher(value: string, keyword: string | undefined): string {
  if (TOKEN.test(value) || /^%\^%#.*%\^%#$/.test(value) || /^\$1[a-z]\$.*\$$/.test(value)) return value;
  const b = Buffer.from(value, 'utf8').toString('base64url');
  return keyword === 'irreversible-cipher' ? `$1c$${b}$` : `%^%#${b}%^%#`;
}

/** Print one section (and its children) as `display this` / `display current-configuration interface` do. */
export function printSection(layout: ConfigLayout, node: ConfigNode): string[] {
  const out: string[] = [];
  const walk = (n: ConfigNode, depth: number, parent: string | undefined): void => {
    if (parent !== undefined && layout.nestedSeparator(parent, n.line)) out.push(`${' '.repeat(depth)}#`);
    out.push(' '.repeat(depth) + n.line);
    for (const c of n.children) walk(c, depth + 1, n.line);
  };
  walk(node, 0, undefined);
  return out;
}

export interface VrpPlatformOptions extends VrpGrammarOptions {
  layout: (device: CliDevice) => ConfigLayout;
  /** Top-level lines of an unconfigured box besides sysname and interfaces (USG: the four built-in zones). */
  baselineTail?: string[];
  /** Display commands only this platform has. */
  extraDisplays?: CommandDef[];
}

function displayCurrent(x: Exec, o: VrpPlatformOptions, layout: ConfigLayout): void {
  const ctx = displayContext(x);
  const args = x.args;
  if (args.if) {
    const name = (args.if as InterfaceName).name;
    const node = x.store.root.children.find((c) => c.line === `interface ${name}`);
    if (!node) { x.syntaxError('wrong', x.words.length - 1); return; }
    x.out('#', ...printSection(layout, node), '#', 'return');
    return;
  }
  if (args.word) {
    const key = String(args.word).toLowerCase();
    const nodes = x.store.root.children.filter((c) => c.line.toLowerCase().split(' ').some((w) => w === key || w.startsWith(key)));
    for (const n of nodes) x.out('#', ...printSection(layout, n));
    x.out('#', 'return');
    return;
  }
  x.out(...o.header(ctx), ...x.store.print().replace(/\n$/, '').split('\n'));
}

function displayThis(x: Exec, layout: ConfigLayout): void {
  const stack = x.session.stack;
  if (stack.length <= 2) {
    const top = x.store.root.children.filter((c) => c.children.length === 0 && !c.line.startsWith('interface '));
    x.out('#', ...top.map((c) => c.line), '#', 'return');
    return;
  }
  const first = stack[2]!;
  const node = x.store.root.children.find((c) => c.line === first.level.line);
  if (node) x.out('#', ...printSection(layout, node), '#', 'return');
  else x.out('#', 'return');
}

function globals(o: VrpPlatformOptions): CommandDef[] {
  const layouts = new WeakMap<CliDevice, ConfigLayout>();
  const layoutOf = (x: Exec) => {
    let l = layouts.get(x.device);
    if (!l) layouts.set(x.device, (l = o.layout(x.device)));
    return l;
  };
  const show = (f: (c: DisplayContext, x: Exec) => string[] | undefined) => (x: Exec) => {
    const lines = f(displayContext(x), x);
    if (lines === undefined) { x.syntaxError('wrong', x.words.length - 1); return; }
    x.out(...lines);
  };
  return [
    cmd('display current-configuration [{ interface <if> | configuration <word> }]', (x) => displayCurrent(x, o, layoutOf(x))),
    cmd('display saved-configuration', (x) => {
      const saved = x.device.saved;
      if (!saved.trim()) { x.out('Info: The system is now comparing the configuration, please wait.', 'Info: There is no saved configuration file.'); return; }
      x.out(...o.header(displayContext(x)), ...saved.replace(/\n$/, '').split('\n'));
    }),
    cmd('display this', (x) => displayThis(x, layoutOf(x))),
    cmd('display version', show((c) => d.displayVersion(c))),
    cmd('display interface brief', show((c) => d.displayInterfaceBrief(c))),
    cmd('display interface [<if>]', show((c, x) => d.displayInterface(c, (x.args.if as InterfaceName | undefined)?.name))),
    cmd('display ip interface brief', show((c) => d.displayIpInterfaceBrief(c))),
    cmd('display vrrp brief', show((c) => d.displayVrrpBrief(c))),
    cmd('display vrrp [verbose]', show((c) => d.displayVrrp(c))),
    cmd('display eth-trunk [<0-127>]', show((c, x) => d.displayEthTrunk(c, x.args.int as number | undefined))),
    cmd('display lldp neighbor brief', show((c) => d.displayLldpNeighborBrief(c))),
    cmd('display lldp neighbor [interface <if>]', show((c, x) => d.displayLldpNeighbor(c, (x.args.if as InterfaceName | undefined)?.name))),
    cmd('display ip vpn-instance [verbose]', show((c, x) => d.displayIpVpnInstance(c, x.line.endsWith(' verbose')))),
    cmd('display ip vpn-instance interface', show((c) => d.displayIpVpnInstanceInterface(c))),
    cmd('display clock', show((c) => d.displayClock(c))),
    cmd('display startup', show((c) => d.displayStartup(c))),
    cmd('display esn', show((c) => [`ESN of master: ${c.device.identity.serial}`])),
    cmd('display cpu-usage', show((c) => d.displayCpuUsage(c, c.device.cpuPercent))),
    cmd('display memory-usage', show((c) => d.displayMemoryUsage(c, c.device.memoryPercent))),
    ...(o.extraDisplays ?? []),
    navCmd('quit', (x) => {
      if (x.session.stack.length <= 1) { x.session.close(); return; }
      x.session.popTo(x.session.stack.length - 1);
    }),
    navCmd('return', (x) => x.session.popTo(1), (s) => s.stack.length > 1),
  ];
}

export function makeVrpPlatform(o: VrpPlatformOptions): CliPlatform {
  const commands = vrpCommands(o);
  const views = new Map<string, CompiledView>();
  for (const [id, list] of Object.entries(commands)) views.set(id, compileView(id, id !== 'user' && id !== 'system', list));
  const globalView = compileView('global', false, globals(o));
  const platform: Platform = o.platform;
  return {
    platform,
    grammar: vrpGrammar,
    pager: { prompt: '  ---- More ----', erase: `\x1b[16D${' '.repeat(16)}\x1b[16D`, lines: 23 },
    globalView,
    layout: o.layout,
    baseline(device) {
      // Sub-interfaces are created by `interface X.N`; physical ports in the order the device prints them.
      const phys = device.physicalPorts().filter((p) => !/^MEth/.test(p) && !p.includes('.'))
        .map((p) => ({ p, r: vrpInterfaceRank(p) })).sort((a, b) => compareRank(a.r, b.r)).map((x) => x.p);
      return ['#', `sysname ${o.defaultSysName}`, ...phys.flatMap((p) => ['#', `interface ${p}`]), '#', 'interface NULL0', ...(o.baselineTail ?? []), '#', 'return', ''].join('\n');
    },
    initialFrame: (store): Frame => ({ view: views.get('user')!, level: store.root, label: '', data: {} }),
    view(id) {
      const v = views.get(id);
      if (!v) throw new Error(`no view '${id}'`);
      return v;
    },
    sysname: (store) => vrpSysname(store.root, o.defaultSysName),
    prompt(store: ConfigStore, s: SessionApi) {
      const name = vrpSysname(store.root, o.defaultSysName);
      const top = s.stack[s.stack.length - 1]!;
      if (s.stack.length === 1) return `<${name}>`;
      return top.label ? `[${name}-${top.label}]` : `[${name}]`;
    },
    banner(_device, host, s) {
      return [
        'Info: The max number of VTY users is 10, and the number',
        `      of current VTY users on line is ${Number(s.vars.users ?? 1)}.`,
        `      The current login time is ${formatDateTime(host.clock())}+00:00.`,
        '',
      ];
    },
    syntaxError: (kind, caret) => [`${' '.repeat(caret)}^`, `Error: ${MESSAGES[kind]} found at '^' position.`],
    failure: (message) => `Error: ${message}`,
    rejected: () => ['Error: Failed to execute the command.'],
    isComment: (raw) => /^\s*[#!]/.test(raw),
    ctrlZ: (s) => s.popTo(1),
    storeSecret(value, pieces, index) {
      return vrpCipher(value, pieces[index - 1]?.text);
    },
    interpret(text: string, device: CliDevice, tree?: ConfigTree): DeviceOperConfig {
      return interpretVrp(platform, text, {
        routedByDefault: platform === 'huawei-usg', defaultSysName: o.defaultSysName, previous: device.vrrpConfig,
      }, tree);
    },
    applySnmpSet: (store, e) => applyVrpSnmpSet(store, e),
  };
}

/** Mirror an SNMP SET into the configuration text. */
export function applyVrpSnmpSet(store: ConfigStore, e: SnmpSetEvent): boolean {
  return mirrorSnmpSet(store, e, { sysName: 'sysname', sysInfo: 'snmp-agent sys-info' });
}

export const huaweiVrpCli: CliPlatform = makeVrpPlatform({
  platform: 'huawei-vrp',
  creatable: /^(?:Vlanif\d+|Eth-Trunk\d+|LoopBack\d+|Tunnel[\d/]+)$/,
  header: (c) => [`!Software Version ${c.device.identity.release}`],
  defaultSysName: 'HUAWEI',
  layout: () => huaweiVrpLayout,
});
