/** Shared helpers of the intent tests: the base topology, variants of it, running the rules. */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { loadTopology, type Device, type Finding, type LoadResult, type Topology } from '../../../src/model/index.js';
import { buildContext, runRules, validateTopology, RULES, type Rule, type ValidationResult } from '../../../src/intent/index.js';
import { REFERENCE_VARIANTS, referenceDir, variantDir, type ReferenceVariant } from '../../fixtures/topologies/reference-variants.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../fixtures/topologies/', import.meta.url));
export const BASE = `${FIXTURES}base`;
export const REFERENCES = ['topology/city-extranet', 'topology/provincial-dc'].map((p) => `${ROOT}${p}`);

let baseLoad: LoadResult | undefined;

/** The loaded base topology (tests/fixtures/topologies/base), loaded once. */
export function loadBase(): LoadResult {
  baseLoad ??= loadTopology(BASE);
  return baseLoad;
}

/** A fresh deep copy of the base topology, optionally edited. */
export function variant(edit?: (t: Topology) => void): Topology {
  const t = structuredClone(loadBase().topology);
  edit?.(t);
  return t;
}

/** The named device of a topology (throws in a test when the fixture changed). */
export function dev(t: Topology, name: string): Device {
  const d = t.devices.find((x) => x?.name === name);
  if (!d) throw new Error(`no device ${name} in the fixture`);
  return d;
}

/** Run rules (all by default) on an in-memory topology. */
export function check(t: Topology, rules: readonly Rule[] = RULES): Finding[] {
  return runRules(buildContext(t), rules);
}

/** The sorted codes of findings (of one severity, if given). */
export function codes(findings: readonly Finding[], severity?: Finding['severity']): string[] {
  return findings.filter((f) => !severity || f.severity === severity).map((f) => f.code).sort();
}

/** The finding with that code (exactly one expected). */
export function only(findings: readonly Finding[], code: string): Finding {
  const hits = findings.filter((f) => f.code === code);
  if (hits.length !== 1) throw new Error(`expected one ${code}, got ${hits.length}: ${JSON.stringify(findings, null, 1)}`);
  return hits[0]!;
}

/** 1-based line of the first line of `file` that contains `text` (after the line containing `after`, if given). */
export function lineOf(file: string, text: string, after?: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  let from = 0;
  if (after !== undefined) {
    from = lines.findIndex((l) => l.includes(after));
    if (from < 0) throw new Error(`'${after}' not in ${file}`);
  }
  const i = lines.findIndex((l, k) => k >= from && l.includes(text));
  if (i < 0) throw new Error(`'${text}' not in ${file}`);
  return i + 1;
}

/** A path as the loader prints it (relative to the working directory, the project root under vitest). */
export function shown(file: string): string {
  return relative(process.cwd(), file);
}

export function exists(path: string): boolean {
  return existsSync(path);
}

/** Validate a broken variant of a reference topology (tests/fixtures/topologies/reference-variants.ts). */
export function validateVariant(name: string): { variant: ReferenceVariant; result: ValidationResult; reference: ValidationResult; editedFile: string } {
  const variant = REFERENCE_VARIANTS.find((v) => v.name === name);
  if (!variant) throw new Error(`no variant ${name}`);
  return {
    variant,
    result: validateTopology(variantDir(variant)),
    reference: validateTopology(referenceDir(variant)),
    editedFile: `${variantDir(variant)}${variant.file}`,
  };
}

/** The findings of `result` that `baseline` does not have (same code, path and message). */
export function added(result: ValidationResult, baseline: ValidationResult): Finding[] {
  const key = (f: Finding): string => `${f.code}|${f.path}|${f.message}`;
  const before = new Set(baseline.findings.map(key));
  return result.findings.filter((f) => !before.has(key(f)));
}

let referenceCache: Array<[string, Topology]> | undefined;

/** The reference topologies that exist (topology/city-extranet, topology/provincial-dc), loaded once. */
export function references(): Array<[string, Topology]> {
  referenceCache ??= REFERENCES.filter(exists).map((p) => [shown(p), loadTopology(p).topology]);
  return referenceCache;
}
