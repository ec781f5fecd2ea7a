import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, discoverNetworks, loadTopology, locateFindings } from '../../../src/model/index.js';

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

  it('reports every syntax error of every file at once, with file and line', () => {
    const dir = writeNetwork({
      'a.yaml': 'network: { name: a }\nzones: [\n',
      'b.yaml': 'devices:\n  - name: x\n    name: y\n',
    });
    const r = loadTopology(dir);
    const got = r.findings.map((f) => [f.code, f.file?.split('/').pop(), f.line]);
    expect(got).toContainEqual(['MODEL_YAML_SYNTAX', 'a.yaml', 3]);
    expect(got).toContainEqual(['MODEL_YAML_SYNTAX', 'b.yaml', 3]); // duplicate key
    expect(r.schemaValid).toBe(false);
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
