/**
 * The diff on the rendered reference topologies (every device of topology/*): each device can be
 * built from a factory-blank one and taken back to it, and a running configuration that differs in
 * ~5% of its lines (several seeds) is brought back to the intended one, on a device that refuses
 * out-of-order commands (interpreter.ts). Lines with secrets compare equal to the device's cipher.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverNetworks, loadTopology } from '../../../../src/model/index.js';
import { type ConfigTree, diffConfigTrees, getDialect, parseConfig, planDiff, renderDevice } from '../../../../src/render/index.js';
import { applyCommands, canonical } from './interpreter.js';
import { mutateConfig } from './mutate.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const networks = discoverNetworks(join(ROOT, 'topology'));
const devices = networks.flatMap((p) => {
  const t = loadTopology(p).topology;
  return t.devices.map((d) => ({ label: `${t.network.name}/${d.name}`, text: renderDevice(t, d.name), platform: d.platform, name: d.name }));
});

/** What a device shows before any configuration: its ports, NULL0, VLAN 1, built-in zones, empty aaa and vty. */
function factoryBlank(intended: ConfigTree): ConfigTree {
  const keep = (line: string): boolean => /^interface (?!Vlanif|VLAN |Eth-Trunk|AggregatePort|LoopBack|Loopback|Virtual-Template|\S+\.\d)/.test(line)
    || line === 'vlan 1' || /^firewall zone (trust|untrust|dmz|local)$/.test(line) || /^(user-interface |line vty|aaa$)/.test(line);
  return {
    ...intended,
    children: intended.children.filter((n) => keep(n.line)).map((n) => ({
      line: n.line, children: /^firewall zone/.test(n.line) ? n.children.filter((c) => c.line.startsWith('set priority')) : [],
    })),
  };
}

describe.each(devices.map((d) => [d.label, d] as const))('%s', (_label, d) => {
  const intended = parseConfig(d.text, d.platform, { device: d.name });

  it('builds from a factory-blank device and takes it back', () => {
    const blank = factoryBlank(intended);
    const build = diffConfigTrees(blank, intended, d.platform, { managed: 'full' }).commands;
    const built = applyCommands(d.platform, blank, build);
    expect(canonical(d.platform, built)).toEqual(canonical(d.platform, intended));
    const down = diffConfigTrees(intended, blank, d.platform, { managed: 'full' }).commands;
    expect(canonical(d.platform, applyCommands(d.platform, built, down))).toEqual(canonical(d.platform, blank));
  });

  it('repairs a running configuration that differs in 5% of its lines, and rolls back', () => {
    const dialect = getDialect(d.platform);
    for (const seed of [1, 2, 3]) {
      const runningText = mutateConfig(d.text, seed, { delimiter: dialect.delimiter, terminator: dialect.terminator });
      const running = parseConfig(runningText, d.platform);
      const plan = planDiff({ platform: d.platform, running, intended, managed: 'full', device: d.name });
      const after = applyCommands(d.platform, running, plan.commands);
      expect(canonical(d.platform, after)).toEqual(canonical(d.platform, intended));
      expect(canonical(d.platform, applyCommands(d.platform, after, plan.rollback))).toEqual(canonical(d.platform, running));
    }
  });

  it('never flags a secret the device shows as cipher text', () => {
    const dialect = getDialect(d.platform);
    const cipher = d.platform === 'ruijie-rgos' ? '7 0607324f1b' : '%^%#Xq2>7hV!f%^%#';
    const shown = d.platform === 'ruijie-rgos'
      ? d.text.replace(/password 0 \{\{secret:[^}]+\}\}/g, `password ${cipher}`)
      : mutateConfig(d.text, 0, { delimiter: dialect.delimiter, terminator: dialect.terminator, rate: 0, cipher });
    const plan = planDiff({ platform: d.platform, running: shown, intended: d.text, device: d.name });
    expect(plan.commands).toEqual([]);
    expect(plan.unifiedDiff).toBe('');
  });
});
