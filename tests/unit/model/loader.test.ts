import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_YAML_BYTES, canonicalJson, discoverNetworks, loadTopology, locateFindings } from '../../../src/model/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(import.meta.dirname, '../../fixtures/loader');

function writeNetwork(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dcnet-loader-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadTopology', () => {
  it('merges the files of a folder, follows include and merge keys, and locates errors in the right file', () => {
    const r = loadTopology(join(FIXTURES, 'multi'));
    expect(r.topology.devices.map((d) => d.name)).toEqual(['core-1', 'core-2']);
    expect(r.topology.devices[1]!.vendor).toBe('huawei'); // from the merge key
    expect(r.topology.credentials?.map((c) => c.id)).toEqual(['ops']); // from the include
    expect(r.files.some((f) => f.endsWith('common/credentials.yaml'))).toBe(true);
    // The one schema error: speed 7G on core-2's port, in devices.yaml line 19.
    locateFindings(r, r.findings);
    expect(r.findings.map((f) => [f.code, f.file?.split('/').pop(), f.line, f.path])).toEqual([
      ['MODEL_SCHEMA', 'devices.yaml', 19, 'devices[core-2].ports[GigabitEthernet1/0/0].speed'],
    ]);
    expect(r.findings[0]!.message).toContain("'7G'");
    expect(r.schemaValid).toBe(false);
    expect(r.invalidElements.get('devices')).toEqual(new Set([1]));
  });

  it('reports the first syntax error of every file at once, with file and line', () => {
    const dir = writeNetwork({
      'a.yaml': 'network: { name: a }\nzones: [\n',
      'b.yaml': 'devices:\n  - name: x\n    name: y\n',
    });
    const r = loadTopology(dir);
    const got = r.findings.map((f) => [f.code, f.file?.split('/').pop(), f.line, f.column]);
    expect(got).toEqual([
      ['MODEL_YAML_SYNTAX', 'a.yaml', 2, 8], // the unclosed `[`
      ['MODEL_YAML_SYNTAX', 'b.yaml', 3, 5], // duplicate key
    ]);
    expect(r.findings[0]!.message).toMatch(/^YAML syntax: the flow sequence '\[' opened here is never closed; the parser gave up at line 3, column 1: /);
    expect(r.schemaValid).toBe(false);
  });

  describe('one broken line of a long file is one finding', () => {
    const reference = readFileSync(join(ROOT, 'topology/city-extranet/devices-aggregation.yaml'), 'utf8').split('\n');
    const broken = (line: number, edit: (l: string) => string) => {
      const lines = [...reference];
      lines[line - 1] = edit(lines[line - 1]!);
      return loadTopology(writeNetwork({ 'devices.yaml': lines.join('\n') }));
    };
    const at = (r: ReturnType<typeof loadTopology>) => r.findings.map((f) => [f.code, f.file?.split('/').pop(), f.line, f.column]);

    it('a stray `{` (was 298 findings): where it opened, and where the parser gave up', () => {
      expect(reference.length).toBeGreaterThan(200);
      const r = broken(13, (l) => `${l} {`);
      expect(at(r)).toEqual([['MODEL_YAML_SYNTAX', 'devices.yaml', 13, reference[12]!.length + 2]]);
      expect(r.findings[0]!.message).toMatch(/the flow mapping '\{' opened here is never closed; the parser gave up at line \d+, column \d+: .+ \(the rest of this file is not read\)$/);
      expect(r.topology.devices).toBeUndefined();
    });

    it('an unclosed `[` and an unclosed quote', () => {
      const line = reference.findIndex((l) => /members: \[.*\]$/.test(l)) + 1;
      const open = reference[line - 1]!.indexOf('[') + 1;
      const bracket = broken(line, (l) => l.replace(/\]$/, ''));
      expect(at(bracket)).toEqual([['MODEL_YAML_SYNTAX', 'devices.yaml', line, open]]);
      expect(bracket.findings[0]!.message).toMatch(/the flow sequence '\[' opened here is never closed; the parser gave up at line \d+/);
      const quote = broken(line, (l) => l.replace('[', '"['));
      expect(at(quote)).toEqual([['MODEL_YAML_SYNTAX', 'devices.yaml', line, open]]);
      expect(quote.findings[0]!.message).toContain('the double-quoted string opened here is never closed');
    });

    it('a tab in the indentation', () => {
      const r = broken(40, (l) => `\t${l}`);
      expect(at(r)).toEqual([['MODEL_YAML_SYNTAX', 'devices.yaml', 40, 1]]);
      expect(r.findings[0]!.message).toMatch(/^YAML syntax: Tabs are not allowed as indentation/);
    });
  });

  describe('hostile YAML', () => {
    /** "Billion laughs": 9 levels of 9 aliases each, 9^9 (387 million) strings from under 1 KB. */
    const bomb = (): string => {
      const lines = ['network: { name: bomb }', 'x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (const c of 'bcdefghi') lines.push(`x-${c}: &${c} [${Array(9).fill(`*${String.fromCharCode(c.charCodeAt(0) - 1)}`).join(', ')}]`);
      lines.push('devices: [{ name: d, tags: *i }]');
      return `${lines.join('\n')}\n`;
    };

    it('an alias bomb is one finding naming the file, not a crash at 1 GB', () => {
      const text = bomb();
      expect(text.length).toBeLessThan(1024);
      const dir = writeNetwork({ 'bomb.yaml': text, 'zones.yaml': 'zones: [{ id: core, name: Core }]\n' });
      const before = process.memoryUsage().rss;
      const r = loadTopology(dir);
      expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
      const yaml = r.findings.filter((f) => f.code.startsWith('MODEL_YAML_'));
      expect(yaml.map((f) => [f.code, f.file?.split('/').pop(), f.line])).toEqual([['MODEL_YAML_ALIASES', 'bomb.yaml', 1]]);
      expect(yaml[0]!.message).toMatch(/bomb\.yaml: its aliases \(\*name\) expand it to more than 5,000,000 values/);
      expect(r.topology.zones).toEqual([{ id: 'core', name: 'Core' }]); // the other file is still read
      expect(r.schemaValid).toBe(false);
    });

    it('the alias limit counts expanded values (a smaller limit refuses what a larger one takes)', () => {
      const dir = writeNetwork({ 'n.yaml': 'x-p: &p [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nnetwork: { name: n }\nzones: [{ id: a, name: *p }, { id: b, name: *p }]\n' });
      expect(loadTopology(dir, { maxValues: 1000 }).findings.map((f) => f.code)).not.toContain('MODEL_YAML_ALIASES');
      expect(loadTopology(dir, { maxValues: 25 }).findings.map((f) => f.code)).toEqual(['MODEL_YAML_ALIASES']);
    });

    it('the reference networks, which anchor and alias on every device, stay within the limit', () => {
      for (const n of ['city-extranet', 'provincial-dc']) {
        expect(loadTopology(join(ROOT, 'topology', n)).findings.filter((f) => f.code.startsWith('MODEL_YAML_'))).toEqual([]);
      }
    });

    it('a file over the size limit is not read, and says so', () => {
      const dir = writeNetwork({ 'big.yaml': `network: { name: big }\n# ${'x'.repeat(4000)}\n`, 'zones.yaml': 'zones: []\n' });
      const r = loadTopology(dir, { maxBytes: 2048 });
      const yaml = r.findings.filter((f) => f.code.startsWith('MODEL_YAML_'));
      expect(yaml.map((f) => [f.code, f.file?.split('/').pop()])).toEqual([['MODEL_YAML_TOO_LARGE', 'big.yaml']]);
      expect(r.topology.zones).toEqual([]);
      expect(yaml[0]!.message).toMatch(/big\.yaml is 3\.9 KiB: a topology file may be at most 2 KiB/);
      expect(MAX_YAML_BYTES).toBe(32 * 1024 * 1024);
    });

    it('nesting too deep for the parsers is one finding', () => {
      const r = loadTopology(writeNetwork({ 'deep.yaml': `network: ${'['.repeat(20000)}${']'.repeat(20000)}\n` }));
      expect(r.findings.map((f) => [f.code, f.file?.split('/').pop()])).toEqual([['MODEL_YAML_TOO_DEEP', 'deep.yaml']]);
    });
  });

  it('rejects unknown sections, unknown fields, a section defined twice, and a literal secret', () => {
    const dir = writeNetwork({
      'a.yaml': [
        'network: { name: a }',
        'zones: [{ id: core, name: Core }]',
        'devices: []',
        'credentials:',
        '  - id: ops',
        '    username: admin',
        '    password: Huawei@123',
        'gadgets: []',
      ].join('\n'),
      'b.yaml': 'network: { name: b, colour: blue }\n',
    });
    const r = loadTopology(dir);
    locateFindings(r, r.findings);
    const got = r.findings.map((f) => `${f.code} ${f.file?.split('/').pop()}:${f.line}`).sort();
    expect(got).toEqual([
      'MODEL_DUPLICATE_SECTION b.yaml:1',
      'MODEL_SCHEMA a.yaml:7',
      'MODEL_UNKNOWN_SECTION a.yaml:8',
    ]);
    const secret = r.findings.find((f) => f.code === 'MODEL_SCHEMA')!;
    expect(secret.message).toContain('secret reference');
    // The finding names the place, never the secret itself.
    expect(JSON.stringify(r.findings)).not.toContain('Huawei@123');
  });

  it('names a missing required field and an unknown field by their path', () => {
    const dir = writeNetwork({
      'a.yaml': 'network: { name: a }\nzones: []\ndevices:\n  - name: sw1\n    vendor: huawei\n    colour: red\n',
    });
    const r = loadTopology(dir);
    locateFindings(r, r.findings);
    const codes = r.findings.map((f) => `${f.code} ${f.path}`);
    expect(codes).toContain('MODEL_UNKNOWN_FIELD devices[sw1].colour');
    expect(codes).toContain('MODEL_MISSING_FIELD devices[sw1].platform');
    expect(codes).toContain('MODEL_MISSING_FIELD devices[sw1].management');
    expect(r.findings.find((f) => f.path === 'devices[sw1].colour')!.line).toBe(6);
  });

  it('gives the same hash whatever the key order and file layout', () => {
    const one = writeNetwork({ 'n.yaml': 'network: { name: h }\nzones: [{ id: core, name: Core }]\ndevices: []\n' });
    const two = writeNetwork({ 'a.yaml': 'zones:\n  - name: Core\n    id: core\n', 'b.yaml': 'devices: []\nnetwork:\n  name: h\n' });
    expect(loadTopology(one).hash).toBe(loadTopology(two).hash);
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe('{"a":[2,{"c":2,"d":1}],"b":1}');
  });

  it('reports a missing path and a missing include as findings, not exceptions', () => {
    expect(loadTopology('/nonexistent/dcnet').findings[0]!.code).toBe('MODEL_FILE_MISSING');
    const dir = writeNetwork({ 'a.yaml': 'include: [nope.yaml]\nnetwork: { name: a }\nzones: []\ndevices: []\n' });
    const r = loadTopology(dir);
    expect(r.findings.map((f) => [f.code, f.line])).toEqual([['MODEL_FILE_MISSING', 1]]);
  });
});

describe('discoverNetworks', () => {
  it('treats a folder of YAML files as one network and a folder of folders as several', () => {
    expect(discoverNetworks(join(FIXTURES, 'multi'))).toHaveLength(1);
    const nets = discoverNetworks(FIXTURES);
    expect(nets.map((n) => n.split('/').pop())).toEqual(['common', 'multi']);
  });
});
