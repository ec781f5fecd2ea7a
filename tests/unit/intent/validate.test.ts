/** Whole-network validation: the references, the base, bad input, the variant fixtures, the rule table. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopologyFromObject, type Finding } from '../../../src/model/index.js';
import { buildContext, runRules, validateLoaded, validateTopology, RULES, type Rule } from '../../../src/intent/index.js';
import { REFERENCE_VARIANTS, expectedVariantFiles, variantDir } from '../../fixtures/topologies/reference-variants.js';
import { BASE, FIXTURES, REFERENCES, ROOT, codes, lineOf, loadBase, shown, variant } from './helpers.js';

describe('validation of whole networks', () => {
  for (const ref of REFERENCES) {
    it(`validates the reference topology ${shown(ref)} with zero errors`, () => {
      const { findings } = validateTopology(ref);
      expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`)).toEqual([]);
    });
  }

  it('validates the base fixture with no finding at all', () => {
    const r = validateTopology(BASE);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('reports a syntax error, a wrong type, an unknown field, a missing reference and a conflict all at once, each located', () => {
    const dir = `${FIXTURES}bad-input/`;
    const r = validateTopology(dir);
    expect(r.ok).toBe(false);
    expect(codes(r.findings)).toEqual([
      'INTENT_DUPLICATE_MANAGEMENT_ADDRESS', 'INTENT_UNKNOWN_CREDENTIAL', 'MODEL_SCHEMA', 'MODEL_UNKNOWN_FIELD', 'MODEL_YAML_SYNTAX',
    ]);
    const net = `${dir}network.yaml`;
    const at = (f: Finding): string => `${f.file}:${f.line} ${f.path ?? ''}`;
    const byCode = new Map(r.findings.map((f) => [f.code, f]));
    const syntax = byCode.get('MODEL_YAML_SYNTAX')!;
    expect(syntax.file).toBe(shown(`${dir}a-syntax-error.yaml`));
    expect([3, 4]).toContain(syntax.line); // the unclosed mapping, or the end of the file where YAML notices
    expect(at(byCode.get('MODEL_UNKNOWN_FIELD')!)).toBe(`${shown(net)}:${lineOf(net, 'colour: blue')} zones[core].colour`);
    expect(at(byCode.get('MODEL_SCHEMA')!)).toBe(`${shown(net)}:${lineOf(net, 'id: ten')} vlans[ten].id`);
    expect(at(byCode.get('INTENT_UNKNOWN_CREDENTIAL')!)).toBe(`${shown(net)}:${lineOf(net, 'credentials: operators')} devices[core-1].credentials`);
    expect(at(byCode.get('INTENT_DUPLICATE_MANAGEMENT_ADDRESS')!)).toBe(`${shown(net)}:${lineOf(net, 'address: 192.168.0.1', 'name: core-2')} devices[core-2].management.address`);
    // The unreadable file might declare the credentials: the dangling reference is a warning then...
    expect(byCode.get('INTENT_UNKNOWN_CREDENTIAL')!.severity).toBe('warning');
    // ...and an error when every file was read.
    const alone = validateTopology(net);
    expect(codes(alone.findings, 'error')).toEqual(['INTENT_DUPLICATE_MANAGEMENT_ADDRESS', 'INTENT_UNKNOWN_CREDENTIAL', 'MODEL_SCHEMA', 'MODEL_UNKNOWN_FIELD']);
  });

  it('validates data given in memory, with lines in its YAML rendering', () => {
    const data = variant((t) => { t.vpnInstances![0]!.importTargets.push('65001:102'); });
    const r = validateLoaded(loadTopologyFromObject(data, '<request>'));
    expect(codes(r.findings)).toEqual(['INTENT_ISOLATION_DEPARTMENT_LEAK']);
    expect(r.findings[0]).toMatchObject({ file: '<request>', path: 'vpnInstances[dept-finance].importTargets[2]' });
    expect(r.findings[0]!.line).toBeGreaterThan(1);
    expect(() => validateLoaded(loadTopologyFromObject('not a topology'))).not.toThrow();
    expect(codes(validateLoaded(loadTopologyFromObject(undefined)).findings)).toContain('MODEL_FILE_SHAPE');
  });

  it('turns a rule that throws into INTENT_RULE_FAILED and keeps going', () => {
    const boom: Rule = { id: 'boom', description: 'throws', codes: [], check: () => { throw new Error('kaput'); } };
    const f = runRules(buildContext(variant()), [boom, ...RULES]);
    expect(f).toEqual([{ code: 'INTENT_RULE_FAILED', severity: 'error', pointer: '', message: "rule 'boom' could not finish on this input: kaput" }]);
    expect(validateLoaded(loadBase(), [boom]).ok).toBe(false);
  });
});

describe('the rule table', () => {
  it('has unique kebab-case ids, a description and INTENT_ codes for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.description.length).toBeGreaterThan(10);
      for (const c of r.codes) expect(c).toMatch(/^INTENT_[A-Z0-9_]+$/);
    }
    const all = RULES.flatMap((r) => r.codes);
    expect(new Set(all).size).toBe(all.length);
  });

  it('has one rule file and one test file per rule', () => {
    const files = readdirSync(`${ROOT}src/intent/rules`).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(files).toEqual(RULES.map((r) => r.id).sort());
    const tests = new Set(readdirSync(`${ROOT}tests/unit/intent`));
    for (const f of files) expect(tests.has(`${f}.test.ts`), `tests/unit/intent/${f}.test.ts`).toBe(true);
  });

  it('only emits declared codes, in every variant of the tests', () => {
    const declared = new Set(RULES.flatMap((r) => r.codes));
    const seen = [BASE, ...REFERENCES, ...REFERENCE_VARIANTS.map(variantDir), `${FIXTURES}bad-input`]
      .flatMap((p) => validateTopology(p).findings.map((f) => f.code))
      .filter((c) => c.startsWith('INTENT_'));
    expect(seen.filter((c) => !declared.has(c))).toEqual([]);
  });
});

describe('reference-variant fixtures', () => {
  for (const v of REFERENCE_VARIANTS) {
    it(`${v.name} is up to date with topology/${v.reference} (else: npx tsx tests/fixtures/topologies/reference-variants.ts)`, () => {
      const want = expectedVariantFiles(v);
      expect(readdirSync(variantDir(v)).sort()).toEqual([...want.keys()].sort());
      for (const [file, text] of want) expect(readFileSync(`${variantDir(v)}${file}`, 'utf8'), file).toBe(text);
    });
  }
});

describe('findings reported once', () => {
  it('reports a mistake on a line that a YAML alias shares between two firewalls once, naming both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcnet-once-'));
    try {
      cpSync(`${ROOT}topology/provincial-dc`, dir, { recursive: true });
      const file = join(dir, 'devices-egress.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('nextHop: 10.13.254.1, vpn: dept-edu, description: edu pool', 'nextHop: 10.99.254.1, vpn: dept-edu, description: edu pool'));
      const hits = validateTopology(dir).findings.filter((f) => f.code === 'INTENT_STATIC_ROUTE_NEXT_HOP');
      expect(hits).toHaveLength(1);
      expect(hits[0]!.line).toBe(lineOf(file, 'nextHop: 10.99.254.1'));
      expect(hits[0]!.message).toContain('also serves devices[fw-egress-2].staticRoutes[10.13.0.0/16]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a VRRP group that reuses another\'s VRID on two shared members once, and one finding twice from two rules once', () => {
    const t = variant((t) => {
      t.vrrp!.push({ name: 'finance-gw-2', vrid: 10, virtualIp: '10.11.10.254', members: [{ device: 'agg-1', vlan: 10, priority: 110 }, { device: 'agg-2', vlan: 10, priority: 90 }] });
    });
    expect(runRules(buildContext(t)).filter((f) => f.code === 'INTENT_VRRP_VRID_REUSED')).toHaveLength(1);
    const twice: Rule = { id: 'twice', description: 'x', codes: ['INTENT_X'], check: () => [{ code: 'INTENT_X', severity: 'error', pointer: '/a', message: 'm' }] };
    expect(runRules(buildContext(t), [twice, twice])).toHaveLength(1);
  });
});
