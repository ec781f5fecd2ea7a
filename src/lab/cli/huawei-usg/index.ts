/**
 * The simulated Huawei USG CLI: the VRP engine (prompts, views, pager, errors, `save`) with the
 * firewall's zones, policies and NAT servers (reference/huawei-usg.md). One platform per policy
 * generation: `security-policy` (USG6000) or `policy interzone` (USG2000/5000, USG2205BSR).
 */
import { findDeviceModel } from '../../../model/index.js';
import { cmd } from '../commands.js';
import type { CliDevice } from '../device-port.js';
import type { CliPlatform, CommandDef, Exec } from '../platform.js';
import { makeVrpPlatform } from '../huawei-vrp/index.js';
import { usgExtraCommands } from './grammar.js';
import { type PolicyStyle, huaweiUsgLayout } from './layout.js';

function zones(x: Exec): { name: string; priority: string; interfaces: string[] }[] {
  return x.store.root.children.filter((c) => /^firewall zone /.test(c.line)).map((z) => ({
    name: z.line.replace(/^firewall zone (?:name )?/, ''),
    priority: z.children.find((c) => c.line.startsWith('set priority '))?.line.slice(13) ?? '',
    interfaces: z.children.filter((c) => c.line.startsWith('add interface ')).map((c) => c.line.slice(14)),
  }));
}

/** `display zone` (composed layout, reference/huawei-usg.md §7.1). */
function displayZone(x: Exec): string[] {
  const out: string[] = [];
  for (const z of zones(x)) {
    out.push(z.name, ` priority is ${z.priority}`, ` interface of the zone is (${z.interfaces.length}):`);
    for (const i of z.interfaces) out.push(`    ${i}`);
    out.push('#');
  }
  return out;
}

/** `display security-policy rule all` (composed layout, §7.2). */
function displaySecurityPolicy(x: Exec): string[] {
  const policy = x.store.root.children.find((c) => c.line === 'security-policy');
  const rules = policy?.children.filter((c) => c.line.startsWith('rule name ')) ?? [];
  const out = [` Total:${rules.length + 1}`, ' RULE ID  RULE NAME                         STATE      ACTION       HITS', ` ${'-'.repeat(79)}`];
  rules.forEach((r, i) => {
    const action = r.children.find((c) => c.line.startsWith('action '))?.line.slice(7) ?? 'deny';
    const state = r.children.some((c) => c.line === 'disable') ? 'disable' : 'enable';
    out.push(` ${String(i + 1).padEnd(9)}${r.line.slice(10).padEnd(34)}${state.padEnd(11)}${action.padEnd(13)}0`);
  });
  out.push(` ${'0'.padEnd(9)}${'default'.padEnd(34)}${'enable'.padEnd(11)}${'deny'.padEnd(13)}0`);
  return out;
}

function displayNatServer(x: Exec): string[] {
  const servers = x.store.root.children.filter((c) => c.line.startsWith('nat server '));
  const out = [' Server in private network information:'];
  servers.forEach((s, i) => {
    const w = s.line.split(' ');
    const at = (k: string) => { const j = w.indexOf(k); return j < 0 ? undefined : w[j + 1]; };
    const named = !['zone', 'protocol', 'global'].includes(w[2]!);
    out.push(` id          : ${i}`);
    if (named) out.push(` name        : ${w[2]}`);
    out.push(` zone        : ${at('zone') ?? '---'}`);
    out.push(` interface   : ---`);
    out.push(` global-start-addr : ${at('global')}   global-end-addr : ---`);
    out.push(` inside-start-addr : ${at('inside')}   inside-end-addr : ---`);
    out.push(` global-start-port : ${w[w.indexOf('global') + 2] && /^\d+$/.test(w[w.indexOf('global') + 2]!) ? w[w.indexOf('global') + 2] : '---'}`);
    out.push(` inside-start-port : ${w[w.indexOf('inside') + 2] && /^\d+$/.test(w[w.indexOf('inside') + 2]!) ? w[w.indexOf('inside') + 2] : '---'}`);
    out.push(` protocol : ${at('protocol') ?? '---'}`, '');
  });
  out.push(` Total :    ${servers.length}`);
  return out;
}

function usgDisplays(style: PolicyStyle): CommandDef[] {
  return [
    cmd('display zone [interface]', (x) => x.out(...displayZone(x))),
    cmd('display firewall zone', (x) => x.out(...displayZone(x))),
    cmd('display nat server', (x) => x.out(...displayNatServer(x))),
    cmd('display firewall session table', (x) => x.out(' Current Total Sessions : 0')),
    ...(style === 'security-policy' ? [cmd('display security-policy rule all', (x) => x.out(...displaySecurityPolicy(x)))] : []),
  ];
}

export function makeUsgPlatform(style: PolicyStyle): CliPlatform {
  const layout = huaweiUsgLayout(style);
  return makeVrpPlatform({
    platform: 'huawei-usg',
    creatable: /^(?:Vlanif\d+|Eth-Trunk\d+|LoopBack\d+|Tunnel[\d/]+|Virtual-Template\d+)$/,
    header: (c) => [`!Software Version ${c.device.identity.release}`],
    defaultSysName: 'USG',
    layout: () => layout,
    extra: usgExtraCommands(style),
    extraDisplays: usgDisplays(style),
  });
}

export const huaweiUsgCli = { securityPolicy: makeUsgPlatform('security-policy'), interzone: makeUsgPlatform('interzone') };

/** The policy generation of a USG model (catalogue capabilities.policyStyle; USG6000 by default). */
export function policyStyleOf(device: Pick<CliDevice, 'model'>): PolicyStyle {
  return findDeviceModel(device.model)?.capabilities.policyStyle ?? 'security-policy';
}

