/**
 * A configuration as a tree: top-level lines (sections) with their indented sub-lines, as the
 * device prints its running configuration. Vendor-neutral: the delimiter (`#`, `!`), the
 * terminator (`return`, `end`), the preamble lines and the tell-tale signs of another vendor come
 * from the platform's Dialect.
 *
 * Parsing rules:
 * - Preamble lines the dialect recognises (`!Software Version ...`, `Building configuration...`,
 *   blank lines) before the body are kept verbatim as the header.
 * - A delimiter line at indentation N separates siblings at that depth (top-level `#`/`!` between
 *   sections, ` #` between BGP address families); it is recorded on the next sibling (`sep`) or,
 *   after the last one, on the parent (`trailingSep`).
 * - A line indented deeper than the previous one is its child; indentation is relative, so old
 *   releases that indent global statements by one space still parse.
 * - The terminator ends the body; only blank lines and prompts may follow. No terminator means a
 *   truncated capture: a RENDER_PARSE error naming the device and the last line.
 * - Control characters (binary data, terminal escapes left by a pager) and another vendor's
 *   delimiters or terminator are RENDER_PARSE errors naming the device and the line.
 *
 * `printTree` writes the tree back in the vendor's layout: one space of indentation per level,
 * delimiters where they were. parse(print(t)) equals t, and print(parse(text)) equals text for
 * any text in that canonical layout (every rendered configuration).
 */
import type { Platform } from '../model/index.js';
import type { Dialect } from './dialect.js';
import { getDialect } from './dialect.js';
import { RenderError } from './errors.js';

export interface ConfigNode {
  /** The line without its indentation or trailing blanks. */
  line: string;
  children: ConfigNode[];
  /** A delimiter line precedes this node at its depth. */
  sep?: boolean;
  /** A delimiter line follows the last child (at the children's depth). */
  trailingSep?: boolean;
  /** 1-based line number in the text this node was parsed from. */
  lineNo?: number;
}

export interface ConfigTree {
  platform: Platform;
  /** Preamble lines, verbatim. */
  header: string[];
  children: ConfigNode[];
  /** A delimiter line precedes the terminator. */
  trailingSep?: boolean;
  /** The text ended with a newline after the terminator. */
  finalNewline: boolean;
}

export interface ParseOptions {
  /** The device the text came from, named in errors. */
  device?: string;
}

function dialectOf(d: Dialect | Platform): Dialect {
  return typeof d === 'string' ? getDialect(d) : d;
}

function clip(s: string): string {
  const printable = s.replace(/[\x00-\x1f\x7f-\x9f\ufffd]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}

function parseError(d: Dialect, opts: ParseOptions, lineNo: number, raw: string, reason: string): RenderError {
  const who = opts.device ? `${opts.device}: ` : '';
  return new RenderError('RENDER_PARSE', `${who}${d.platform} configuration does not parse at line ${lineNo}: ${reason}`, {
    ...(opts.device ? { device: opts.device } : {}), platform: d.platform, line: lineNo, text: clip(raw),
  });
}

/** The first control character of a line (other than tab), or -1. */
function controlCharAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfffd) return i;
  }
  return -1;
}

function rtrim(s: string): string {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (c === 0x20 || c === 0x09 || c === 0x0d) e--;
    else break;
  }
  return e === s.length ? s : s.slice(0, e);
}

function indentOf(s: string): number {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 0x20) i++;
  return i;
}

interface Frame {
  indent: number;
  node: { children: ConfigNode[]; trailingSep?: boolean };
  pendingSep: boolean;
}

/** Parse a running (or rendered) configuration. Throws RenderError RENDER_PARSE. */
export function parseConfig(text: string, dialect: Dialect | Platform, opts: ParseOptions = {}): ConfigTree {
  const d = dialectOf(dialect);
  const lines = text.split('\n');
  const finalNewline = text.endsWith('\n');
  if (finalNewline) lines.pop();
  const tree: ConfigTree = { platform: d.platform, header: [], children: [], finalNewline };
  let i = 0;
  // Preamble.
  while (i < lines.length) {
    const raw = lines[i]!;
    const line = rtrim(raw);
    if (controlCharAt(line) >= 0) break; // reported below with its line number
    if (line === '' || d.isHeader(line)) { tree.header.push(line); i++; continue; }
    break;
  }
  if (i >= lines.length) {
    throw parseError(d, opts, Math.max(1, lines.length), lines[lines.length - 1] ?? '',
      text.trim() === '' ? 'the configuration is empty' : `truncated: no configuration body and no closing \`${d.terminator}\``);
  }
  const stack: Frame[] = [{ indent: -1, node: tree, pendingSep: false }];
  const pop = (): void => {
    const f = stack.pop()!;
    if (f.pendingSep) f.node.trailingSep = true;
  };
  let terminated = false;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const line = rtrim(raw);
    const bad = controlCharAt(line);
    if (bad >= 0) {
      const code = line.charCodeAt(bad);
      const what = code === 0x1b ? 'a terminal escape sequence (pager residue? strip it before parsing)'
        : code === 0 ? 'a NUL byte (binary data)' : `control character 0x${code.toString(16).padStart(2, '0')} (binary data?)`;
      throw parseError(d, opts, lineNo, raw, `${what} at column ${bad + 1}`);
    }
    if (line === '') continue;
    const indent = indentOf(line);
    const body = indent ? line.slice(indent) : line;
    if (body === d.delimiter) {
      while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) pop();
      stack[stack.length - 1]!.pendingSep = true;
      continue;
    }
    if (indent === 0 && body === d.terminator) {
      while (stack.length > 1) pop();
      if (stack[0]!.pendingSep) tree.trailingSep = true;
      terminated = true;
      for (let j = i + 1; j < lines.length; j++) {
        const after = rtrim(lines[j]!);
        if (after !== '' && !d.isTrailer(after)) {
          throw parseError(d, opts, j + 1, lines[j]!, `text after the closing \`${d.terminator}\``);
        }
      }
      break;
    }
    const foreign = d.foreignSyntax(body, indent);
    if (foreign) throw parseError(d, opts, lineNo, raw, foreign);
    while (stack[stack.length - 1]!.indent >= indent) pop();
    const parent = stack[stack.length - 1]!;
    const node: ConfigNode = { line: body, children: [], lineNo };
    if (parent.pendingSep) { node.sep = true; parent.pendingSep = false; }
    parent.node.children.push(node);
    stack.push({ indent, node, pendingSep: false });
  }
  if (!terminated) {
    const last = lines.length;
    throw parseError(d, opts, last, lines[last - 1] ?? '', `truncated: the configuration ends without its closing \`${d.terminator}\``);
  }
  return tree;
}

/** Print a tree in the vendor's layout. */
export function printTree(tree: ConfigTree, dialect?: Dialect | Platform): string {
  return printLines(tree, dialect).join('\n') + (tree.finalNewline ? '\n' : '');
}

/** The lines `printTree` joins. */
export function printLines(tree: ConfigTree, dialect?: Dialect | Platform): string[] {
  const d = dialectOf(dialect ?? tree.platform);
  const out: string[] = [...tree.header];
  const walk = (nodes: readonly ConfigNode[], depth: number): void => {
    const pad = ' '.repeat(depth);
    for (const n of nodes) {
      if (n.sep) out.push(pad + d.delimiter);
      out.push(pad + n.line);
      if (n.children.length) walk(n.children, depth + 1);
      if (n.trailingSep) out.push(' '.repeat(depth + 1) + d.delimiter);
    }
  };
  walk(tree.children, 0);
  if (tree.trailingSep) out.push(d.delimiter);
  out.push(d.terminator);
  return out;
}

/** A tree without source positions (for comparing trees parsed from different texts). */
export function stripPositions(tree: ConfigTree): ConfigTree {
  const strip = (nodes: readonly ConfigNode[]): ConfigNode[] => nodes.map((n) => {
    const out: ConfigNode = { line: n.line, children: strip(n.children) };
    if (n.sep) out.sep = true;
    if (n.trailingSep) out.trailingSep = true;
    return out;
  });
  const out: ConfigTree = { platform: tree.platform, header: [...tree.header], children: strip(tree.children), finalNewline: tree.finalNewline };
  if (tree.trailingSep) out.trailingSep = true;
  return out;
}

/** A deep copy. */
export function cloneTree(tree: ConfigTree): ConfigTree {
  const copy = (nodes: readonly ConfigNode[]): ConfigNode[] => nodes.map((n) => ({ ...n, children: copy(n.children) }));
  return { ...tree, header: [...tree.header], children: copy(tree.children) };
}

/** Every node with the lines of its ancestors, depth first. */
export function* walkTree(tree: Pick<ConfigTree, 'children'>): Generator<{ path: string[]; node: ConfigNode }> {
  const stack: { path: string[]; nodes: readonly ConfigNode[]; i: number }[] = [{ path: [], nodes: tree.children, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.nodes.length) { stack.pop(); continue; }
    const node = top.nodes[top.i++]!;
    yield { path: top.path, node };
    if (node.children.length) stack.push({ path: [...top.path, node.line], nodes: node.children, i: 0 });
  }
}
