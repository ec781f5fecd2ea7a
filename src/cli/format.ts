/** Text output of `dcnet validate`: findings grouped by severity, each with file:line and path. */
import { SEVERITY_ORDER, type Finding } from '../model/index.js';
import type { ValidationResult } from '../intent/index.js';

const TITLE = { error: 'errors', warning: 'warnings', info: 'notes' } as const;

export function countBySeverity(findings: readonly { severity: string }[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity as keyof typeof c]++;
  return c;
}

export function formatFinding(f: Finding): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}` : '';
  const path = f.path ? ` ${f.path}` : '';
  return `${where}  ${f.code}${path}\n      ${f.message}`;
}

export function formatValidation(r: ValidationResult, opts: { quiet?: boolean } = {}): string {
  const name = r.load.topology?.network?.name ?? r.load.origin;
  const counts = countBySeverity(r.findings);
  const devices = Array.isArray(r.load.topology?.devices) ? r.load.topology.devices.length : 0;
  const lines = [
    `${name} (${r.load.origin}): ${devices} devices, ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`
    + (r.ok ? ' -- valid' : ' -- INVALID'),
  ];
  for (const sev of SEVERITY_ORDER) {
    if (opts.quiet && sev !== 'error') continue;
    const group = r.findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    lines.push(`  ${TITLE[sev]} (${group.length}):`);
    for (const f of group) lines.push('    ' + formatFinding(f).replace(/\n/g, '\n    '));
  }
  return lines.join('\n') + '\n';
}
