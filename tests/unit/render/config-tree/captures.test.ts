/**
 * Real and rendered configurations parse, and rendered ones print back byte for byte:
 * - the `display current-configuration` / `show running-config` samples the references copied from
 *   devices (tests/fixtures/devices/reference/, taken from the project's reference documents);
 * - every running-config-like capture under tests/fixtures/devices (the two reference samples so
 *   far: cli-captures/README.md lists real running configurations as "not found under a usable
 *   licence"; a capture added there is parsed here too);
 * - every golden file under tests/golden and every device of the reference topologies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverNetworks, loadTopology, type Platform } from '../../../../src/model/index.js';
import { getDialect, parseConfig, printTree, renderDevice, walkTree } from '../../../../src/render/index.js';
import { resolveLine } from '../../../../src/render/dialect.js';
import { DEVICE_FIXTURES, readDeviceFixture } from '../../../support/device-fixtures.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const VRP_SAMPLE = 'reference/huawei-vrp/display_current-configuration.txt';
const RGOS_SAMPLE = 'reference/ruijie-rgos/show_running-config.txt';

describe('samples seen on devices (reference documents)', () => {
  it('VRP `display current-configuration` (S-series V200R023)', () => {
    const tree = parseConfig(readDeviceFixture(VRP_SAMPLE), 'huawei-vrp', { device: 'SW1POP10' });
    expect(tree.header).toEqual(['!Software Version V200R023C00SPC500']);
    expect(tree.children.map((n) => n.line)).toContain('interface Vlanif1110');
    const aaa = tree.children.find((n) => n.line === 'aaa')!;
    expect(aaa.children[0]).toMatchObject({ line: 'authentication-scheme default', children: [{ line: 'authentication-mode local' }] });
  });

  it('RGOS `show running-config` (RG-S8600E, RGOS 11)', () => {
    const tree = parseConfig(readDeviceFixture(RGOS_SAMPLE), 'ruijie-rgos', { device: 'HengShui_RuiJie_2' });
    expect(tree.children.map((n) => n.line)).toEqual(expect.arrayContaining(['hostname HengShui_RuiJie_2', 'interface GigabitEthernet 9/1', 'interface VLAN 102']));
  });

  it('the other vendor\'s sample is refused', () => {
    expect(() => parseConfig(readDeviceFixture(VRP_SAMPLE), 'ruijie-rgos')).toThrow(/VRP/);
    expect(() => parseConfig(readDeviceFixture(RGOS_SAMPLE), 'huawei-vrp')).toThrow(/RGOS/);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const captures = walk(DEVICE_FIXTURES)
  .filter((f) => /current.?configuration|running.?config|saved.?configuration|startup.?config/i.test(relative(DEVICE_FIXTURES, f)))
  .filter((f) => !/\.(ya?ml|json|md|tsv)$/.test(f) && !/LICENSE/.test(f));

describe('running-config captures in tests/fixtures/devices', () => {
  it('finds them, the two reference samples among them', () => {
    expect(captures.map((f) => relative(DEVICE_FIXTURES, f))).toEqual(expect.arrayContaining([VRP_SAMPLE, RGOS_SAMPLE]));
  });
  it.each(captures.map((f) => [relative(DEVICE_FIXTURES, f), f]))('%s parses', (name, file) => {
    const text = readFileSync(file, 'utf8');
    const platform: Platform = /ruijie/i.test(name) ? 'ruijie-rgos' : /usg/i.test(name) ? 'huawei-usg' : 'huawei-vrp';
    expect(parseConfig(text, platform, { device: file }).children.length).toBeGreaterThan(0);
  });
});

const GOLDEN = join(ROOT, 'tests/golden');
const goldens = walk(GOLDEN).filter((f) => f.endsWith('.cfg'));

describe('golden files', () => {
  it.each(goldens.map((f) => [relative(GOLDEN, f), f]))('%s: print(parse(text)) == text', (name, file) => {
    const platform = name.split('/')[0] as Platform;
    const text = readFileSync(file, 'utf8');
    expect(printTree(parseConfig(text, platform, { device: name }))).toBe(text);
  });
});

describe('rendered reference topologies', () => {
  const networks = discoverNetworks(join(ROOT, 'topology'));
  const devices = networks.flatMap((p) => {
    const t = loadTopology(p).topology;
    return t.devices.map((d) => ({ t, d, label: `${t.network.name}/${d.name}` }));
  });

  it.each(devices.map((x) => [x.label, x]))('%s: round trip, and every line is one the diff manages', (_label, { t, d }) => {
    const text = renderDevice(t, d.name);
    const tree = parseConfig(text, d.platform, { device: d.name });
    expect(printTree(tree)).toBe(text);
    // A rendered line the dialect does not know would be treated as unmanaged (never removed).
    const dialect = getDialect(d.platform);
    const unknown: string[] = [];
    for (const { path, node } of walkTree(tree)) {
      const parent = path[path.length - 1];
      if (node.children.length === 0 && dialect.families(parent).some((f) => f.parse(node.line))) continue;
      const r = resolveLine(dialect, parent, node.line);
      if (!r.rule || r.rule.managed === false || r.rule.ignored) unknown.push(`${path.join(' > ')} > ${node.line}`);
    }
    expect(unknown).toEqual([]);
  });
});
