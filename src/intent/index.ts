/**
 * Intent validation: run every rule over a loaded topology and return all findings at once,
 * located (file, line, readable path) and sorted.
 */
import {
  type Finding, type LoadResult, type Topology, loadTopology, locateFindings, sortFindings, hasErrors,
} from '../model/index.js';
import { buildContext, type RuleContext } from './context.js';
import type { Rule } from './rule.js';
import { RULES } from './rules/index.js';

export type { Rule } from './rule.js';
export type { RuleContext } from './context.js';
export { RULES } from './rules/index.js';

/** Remove elements that broke the schema, remembering their names. Pure: returns a new object. */
function withoutBrokenElements(load: LoadResult): { topology: Topology; brokenNames: Map<string, Set<string>> } {
  const brokenNames = new Map<string, Set<string>>();
  const copy: Record<string, unknown> = { ...(load.topology as unknown as Record<string, unknown>) };
  for (const [section, indices] of load.invalidElements) {
    const list = copy[section];
    if (!Array.isArray(list)) continue;
    const names = new Set<string>();
    copy[section] = list.map((item, i) => {
      if (!indices.has(i)) return item;
      const rec = item as Record<string, unknown> | null;
      const name = rec && typeof rec === 'object' ? (rec.name ?? rec.id) : undefined;
      if (typeof name === 'string') names.add(name);
      return undefined; // keep positions so pointers stay right
    });
    brokenNames.set(section, names);
  }
  // Sections that are not lists at all (a schema error on the whole section) are dropped.
  for (const [k, v] of Object.entries(copy)) {
    if (k !== 'network' && k !== 'remoteAccess' && v !== undefined && !Array.isArray(v)) delete copy[k];
  }
  if (copy.network === null || typeof copy.network !== 'object') copy.network = { name: 'unnamed' };
  return { topology: copy as unknown as Topology, brokenNames };
}

/** Run the rules on a context. A rule that throws becomes a finding; validation never throws. */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule.check(ctx));
    } catch (err) {
      out.push({
        code: 'INTENT_RULE_FAILED', severity: 'error', pointer: '',
        message: `rule '${rule.id}' could not finish on this input: ${(err as Error).message}`,
      });
    }
  }
  return out;
}

export interface ValidationResult {
  load: LoadResult;
  findings: Finding[];
  ok: boolean;
}

/** Validate an already-loaded topology: loader findings plus every rule's. */
export function validateLoaded(load: LoadResult, rules: readonly Rule[] = RULES): ValidationResult {
  const findings: Finding[] = [...load.findings];
  const onlySyntax = load.findings.some((f) => f.code === 'MODEL_YAML_SYNTAX' || f.code === 'MODEL_FILE_MISSING');
  if (!onlySyntax) {
    const { topology, brokenNames } = withoutBrokenElements(load);
    findings.push(...runRules(buildContext(topology, brokenNames), rules));
  }
  locateFindings(load, findings);
  sortFindings(findings);
  return { load, findings, ok: !hasErrors(findings) };
}

/** Load and validate a network (a file or a folder). */
export function validateTopology(path: string, rules: readonly Rule[] = RULES): ValidationResult {
  return validateLoaded(loadTopology(path), rules);
}
