/**
 * What the loader does with YAML it cannot take as it is: one finding for the first syntax error
 * of a file (where the unclosed construct began, and where the parser gave up), and limits on a
 * file's size and on how far its aliases expand (a "billion laughs" file of 1 KB expands to
 * gigabytes).
 *
 * The limits: js-yaml, the fast parser the loader reads every file with, has no alias limit; its
 * result shares one object per anchor, so a bomb parses instantly and explodes only when walked.
 * `yaml`'s `maxAliasCount` guards the same thing, but only while building its own (several times
 * slower) document, and the reference networks anchor something on every device. So the loader
 * keeps js-yaml and counts what js-yaml's result holds with every alias expanded, up to a bound,
 * for files that use aliases at all.
 */
import { LineCounter, Parser, parseDocument } from 'yaml';

/** The largest topology file read (bytes). The benchmark network (1,982 devices) keeps its devices in one 3.5 MiB file. */
export const MAX_YAML_BYTES = 32 * 1024 * 1024;
/** The most values (mappings, lists, scalars) one file may hold once its aliases are expanded. */
export const MAX_YAML_VALUES = 5_000_000;

export interface YamlProblem {
  code: string;
  message: string;
  line: number;
  column: number;
}

const OPENERS: Record<string, string> = {
  '[': "flow sequence '['",
  '{': "flow mapping '{'",
  '"': 'double-quoted string',
  "'": 'single-quoted string',
};

interface Token { type?: string; offset?: number; source?: string; start?: Token | Token[]; end?: Token[]; items?: { key?: Token | null; value?: Token | null }[]; value?: Token | null }

/** The flow collections and quoted strings of a syntax tree that are never closed: [opening char, offset]. */
function unclosed(text: string): [string, number][] {
  const out: [string, number][] = [];
  const walk = (t: Token | null | undefined, depth: number): void => {
    if (!t || typeof t !== 'object' || depth > 500) return;
    if (t.type === 'flow-collection' && t.start && !Array.isArray(t.start)) {
      const open = t.start.source ?? '';
      const close = open === '[' ? ']' : '}';
      if (!(t.end ?? []).some((e) => e.source === close)) out.push([open, t.start.offset ?? 0]);
    } else if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && t.source !== undefined) {
      const q = t.source[0]!;
      if (t.source.length < 2 || !t.source.endsWith(q)) out.push([q, t.offset ?? 0]);
      return;
    }
    if (t.type === 'document') walk(t.value, depth + 1);
    for (const item of t.items ?? []) {
      walk(item.key, depth + 1);
      walk(item.value, depth + 1);
    }
  };
  for (const token of new Parser().parse(text)) walk(token as Token, 0);
  return out;
}

/**
 * The first syntax error of a text js-yaml refused (`jsError`): where the construct that is never
 * closed began (the unclosed `[`, `{` or quote before the error), and where the parser gave up.
 */
export function firstSyntaxError(text: string, jsError: unknown): YamlProblem {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: false, uniqueKeys: true });
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  const rest = ' (the rest of this file is not read)';
  if (!first) {
    // js-yaml refused what yaml accepts (a rule only one of them applies): js-yaml's own words.
    const mark = (jsError as { mark?: { line: number; column: number } }).mark;
    const reason = (jsError as { reason?: string }).reason ?? (jsError as Error).message;
    return { code: 'MODEL_YAML_SYNTAX', message: `YAML: ${reason}${rest}`, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 };
  }
  const at = lines.linePos(first.pos[0]);
  const what = first.message.split('\n')[0]!;
  if (/call stack/i.test(what)) {
    return { code: 'MODEL_YAML_TOO_DEEP', message: `YAML nested too deeply to read${rest}`, line: at.line, column: at.col };
  }
  const open = unclosed(text).filter(([, offset]) => offset <= first.pos[0]).sort((a, b) => b[1] - a[1])[0];
  if (open) {
    const from = lines.linePos(open[1]);
    return {
      code: 'MODEL_YAML_SYNTAX', line: from.line, column: from.col,
      message: `YAML syntax: the ${OPENERS[open[0]] ?? `'${open[0]}'`} opened here is never closed; the parser gave up at line ${at.line}, column ${at.col}: ${what}${rest}`,
    };
  }
  return { code: 'MODEL_YAML_SYNTAX', message: `YAML syntax: ${what}${rest}`, line: at.line, column: at.col };
}

/** Whether a text may hold an alias (`*name`); a false "yes" only costs a count. */
export function mayHoldAliases(text: string): boolean {
  return /(^|[\s[{,])\*[^\s[\]{},]/m.test(text);
}

/** How many values `data` holds with every shared (aliased) part counted each time it is used, counting at most `limit + 1`. */
export function expandedValues(data: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0 && n <= limit) {
    const v = stack.pop();
    n++;
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      else for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return n;
}

/** A size in words: `32 MiB`, `3.2 KiB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
