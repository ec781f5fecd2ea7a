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
export { buildContext } from './context.js';
export { RULES } from './rules/index.js';
export { computeReachability, learnedBy, learns } from './reachability.js';
export type { Reachability, LearnEdge, VpnNode } from './reachability.js';

/** Loader findings that mean a file of the network is missing from the merged data. */
const UNREAD = new Set(['MODEL_FILE_MISSING', 'MODEL_FILE_UNREADABLE', 'MODEL_FILE_SHAPE']);
const unread = (code: string): boolean => UNREAD.has(code) || code.startsWith('MODEL_YAML_');

function addName(names: Set<string>, value: unknown): void {
  if (typeof value === 'string' || typeof value === 'number') names.add(String(value));
}

/**
 * Remove elements that broke the schema, remembering their names and ids (both, since references
 * use ids for sites, zones and departments and names elsewhere), the ids of broken VLANs
 * (`vlanIds`) and the security zones declared on broken devices (`securityZones`).
 * Pure: returns a new object; positions are kept, so pointers stay right.
 */
function withoutBrokenElements(load: LoadResult): { topology: Topology; brokenNames: Map<string, Set<string>> } {
  const brokenNames = new Map<string, Set<string>>();
  const source = (load.topology ?? {}) as unknown as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...source };
  const names = (key: string): Set<string> => {
    let set = brokenNames.get(key);
    if (!set) { set = new Set(); brokenNames.set(key, set); }
    return set;
  };
  for (const [section, indices] of load.invalidElements) {
    const list = copy[section];
    if (!Array.isArray(list)) continue;
    copy[section] = list.map((item, i) => {
      if (!indices.has(i)) return item;
      const rec = item as Record<string, unknown> | null;
      if (rec && typeof rec === 'object') {
        addName(names(section), rec.name);
        addName(names(section), rec.id);
        if (section === 'vlans') addName(names('vlanIds'), rec.id);
        if (section === 'devices') {
          const fw = rec.firewall as { zones?: unknown } | undefined;
          if (fw && typeof fw === 'object' && Array.isArray(fw.zones)) {
            for (const z of fw.zones) if (z && typeof z === 'object') addName(names('securityZones'), (z as { name?: unknown }).name);
          }
        }
      }
      return undefined;
    });
  }
  // Sections that are not lists at all (a schema error on the whole section) are dropped.
  for (const [k, v] of Object.entries(copy)) {
    if (k !== 'network' && k !== 'remoteAccess' && v !== undefined && !Array.isArray(v)) delete copy[k];
  }
  if (copy.network === null || typeof copy.network !== 'object') copy.network = { name: 'unnamed' };
  return { topology: copy as unknown as Topology, brokenNames };
}

/**
 * Run the rules on a context. A rule that throws becomes a finding; validation never throws. A
 * finding is reported once: the same code, place and message from two rules (or twice from one) is
 * one finding.
 */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES, hooks: ValidateHooks = {}): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    hooks.onRule?.(rule.id, i, rules.length);
    try {
      for (const f of rule.check(ctx)) {
        const key = `${f.code}\u0000${f.pointer}\u0000${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    } catch (err) {
      out.push({
        code: 'INTENT_RULE_FAILED', severity: 'error', pointer: '',
        message: `rule '${rule.id}' could not finish on this input: ${(err as Error)?.message ?? String(err)}`,
      });
    }
  }
  return out;
}

/**
 * Add file, line and readable path to every finding. Locating must not turn bad input into an
 * exception: a finding that cannot be located keeps its pointer as its path and the network's
 * origin as its file.
 */
function locateSafely(load: LoadResult, findings: Finding[]): void {
  try {
    locateFindings(load, findings);
  } catch {
    for (const f of findings) {
      try {
        locateFindings(load, [f]);
      } catch {
        f.path ??= f.pointer;
        f.file ??= load.origin;
      }
    }
  }
}

/**
 * One finding per code, place and message, and one per line: when a YAML alias makes one line serve
 * several elements (`staticRoutes: *routes` on two firewalls), the findings that point through the
 * alias at the same line with the same code are one finding, naming every element it applies to.
 */
function onceEach(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const atLine = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.code}\u0000${f.pointer}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (f.file !== undefined && f.line !== undefined) {
      const where = `${f.code}\u0000${f.file}\u0000${f.line}\u0000${f.column ?? ''}`;
      const first = atLine.get(where);
      if (first && first.pointer !== f.pointer) {
        const also = f.path ?? f.pointer;
        first.message = first.message.includes(' [this line, through a YAML alias, also serves ')
          ? first.message.replace(/\]$/, `, ${also}]`)
          : `${first.message} [this line, through a YAML alias, also serves ${also}]`;
        continue;
      }
      if (!first) atLine.set(where, f);
    }
    out.push(f);
  }
  return out;
}

/** Progress hooks of a long validation (the CLI draws them on a terminal). */
export interface ValidateHooks {
  /** Before each rule: its id, how many ran before it, of how many. */
  onRule?: (rule: string, done: number, total: number) => void;
  /** After each file read: how many were read, of how many (validateTopology only). */
  onFile?: (done: number, total: number) => void;
}

export interface ValidationResult {
  load: LoadResult;
  findings: Finding[];
  ok: boolean;
}

/**
 * Validate an already-loaded topology: loader findings plus every rule's. When a file could not be
 * read or parsed, the rules still run on the rest (all problems at once), and a reference that
 * resolves nowhere is a warning, since the unread file may declare it.
 */
export function validateLoaded(load: LoadResult, rules: readonly Rule[] = RULES, hooks: ValidateHooks = {}): ValidationResult {
  const findings: Finding[] = [...load.findings];
  const incomplete = load.findings.some((f) => unread(f.code));
  const anything = Object.keys(load.topology ?? {}).length > 0;
  if (anything) {
    const { topology, brokenNames } = withoutBrokenElements(load);
    findings.push(...runRules(buildContext(topology, brokenNames, { incomplete }), rules, hooks));
  }
  locateSafely(load, findings);
  sortFindings(findings);
  const once = onceEach(findings);
  return { load, findings: once, ok: !hasErrors(once) };
}

/** Load and validate a network (a file or a folder). */
export function validateTopology(path: string, rules: readonly Rule[] = RULES, hooks: ValidateHooks = {}): ValidationResult {
  return validateLoaded(loadTopology(path, hooks.onFile ? { onFile: hooks.onFile } : {}), rules, hooks);
}
