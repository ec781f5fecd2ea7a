import type { Finding, Severity } from '../model/index.js';
import type { RuleContext } from './context.js';

/** A rule: a small pure function from the topology to every finding it has, never only the first. */
export interface Rule {
  /** Short id, kebab-case (e.g. `vrrp-consistency`). */
  id: string;
  /** One line for `dcnet validate --rules` and the docs. */
  description: string;
  /** Every finding code the rule can emit (stable; documented in the rule's file). */
  codes: readonly string[];
  check(ctx: RuleContext): Finding[];
}

export function makeFinding(code: string, severity: Severity, pointer: string, message: string): Finding {
  return { code, severity, pointer, message };
}

export function error(code: string, pointer: string, message: string): Finding {
  return makeFinding(code, 'error', pointer, message);
}

export function warning(code: string, pointer: string, message: string): Finding {
  return makeFinding(code, 'warning', pointer, message);
}
