/** A problem found in a topology: by the loader (syntax, schema) or by an intent rule. */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable code, SCREAMING_SNAKE with a module prefix (MODEL_SCHEMA, INTENT_VRRP_VIP_OUTSIDE_SUBNET...). */
  code: string;
  severity: Severity;
  /** A sentence a network engineer understands. */
  message: string;
  /** JSON pointer into the merged topology (`/devices/3/ports/2`). */
  pointer: string;
  /** The same place, readable (`devices[core-1].ports[GigabitEthernet1/0/1]`); set by `locateFindings`. */
  path?: string;
  file?: string;
  line?: number;
  column?: number;
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Build a JSON pointer from segments, escaping `~` and `/` as RFC 6901 says. */
export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Sort by file, line, then code, so that output is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || (a.file ?? '').localeCompare(b.file ?? '')
    || (a.line ?? 0) - (b.line ?? 0)
    || a.code.localeCompare(b.code)
    || a.pointer.localeCompare(b.pointer));
}
