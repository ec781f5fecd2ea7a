/**
 * A device's running configuration as the simulated CLI edits it: a tree of lines (the render
 * module's ConfigNode), kept in the order the device prints it. Where a line goes among its
 * siblings is the platform layout's business (ConfigLayout.rank: a tuple compared element by
 * element; equal ranks keep the order of entry), and so is where the delimiters go when the tree is
 * printed (groups of top-level lines share one section; some nested children get their own
 * delimiter). Printing goes through render's printTree, so that the text is laid out exactly like a
 * rendered configuration.
 *
 * Vendor-neutral: every piece of syntax comes from the layout.
 */
import type { Platform } from '../../model/index.js';
import { type ConfigNode, type ConfigTree, parseConfig, printTree } from '../../render/index.js';
import type { IdSetFamily, IdSetOp } from '../../render/index.js';
import { familySet, idsOf } from '../../render/dialect.js';

export type Rank = readonly (number | string)[];

export interface ConfigLayout {
  readonly platform: Platform;
  /** Where a line goes among its siblings (`parent` undefined: top level). Unknown lines: [1000]. */
  rank(parent: string | undefined, line: string): Rank;
  /** Top level: consecutive lines of one group share a section (no delimiter between them). */
  group(line: string): string;
  /** A delimiter line precedes this child of `parent` (VRP ` #` before each BGP family). */
  nestedSeparator(parent: string, line: string): boolean;
  /** A delimiter before the first section (VRP `#`; RGOS starts with `hostname`). */
  readonly leadingDelimiter: boolean;
  /** Sections the device does not print while they hold nothing (VRP `vlan 10`). */
  hiddenWhenEmpty(line: string): boolean;
  /** The id-set families of a view (VLAN lists). */
  families(parent: string | undefined): readonly IdSetFamily[];
}

export function compareRank(a: Rank, b: Rank): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** A place in the tree that holds lines: the top level or a section. */
export interface Level {
  /** The section line (undefined: top level). */
  line: string | undefined;
  children: ConfigNode[];
}

export class ConfigStore {
  readonly root: Level = { line: undefined, children: [] };

  constructor(readonly layout: ConfigLayout) {}

  /** Load a configuration text (a rendered configuration or a saved one). */
  load(text: string): void {
    const tree = parseConfig(text, this.layout.platform);
    const strip = (n: ConfigNode): ConfigNode => ({ line: n.line, children: n.children.map(strip) });
    this.root.children.splice(0, this.root.children.length, ...tree.children.map(strip));
  }

  /** The level of a section node. */
  levelOf(node: ConfigNode): Level {
    return { line: node.line, children: node.children };
  }

  find(level: Level, line: string): ConfigNode | undefined {
    return level.children.find((c) => c.line === line);
  }

  /** The section `line` in `level`, created at its place if missing. */
  ensure(level: Level, line: string): ConfigNode {
    const found = this.find(level, line);
    if (found) return found;
    const node: ConfigNode = { line, children: [] };
    this.insert(level, node);
    return node;
  }

  /** Insert a node at its rank (after every sibling of lower or equal rank). */
  insert(level: Level, node: ConfigNode, at?: number): void {
    if (at !== undefined) { level.children.splice(at, 0, node); return; }
    const r = this.layout.rank(level.line, node.line);
    let i = level.children.length;
    while (i > 0 && compareRank(this.layout.rank(level.line, level.children[i - 1]!.line), r) > 0) i--;
    level.children.splice(i, 0, node);
  }

  /**
   * Set a line: lines `replaces` matches are removed first (a single-valued setting), and the new
   * line takes the place of the first of them (or its rank). An identical line already there is kept.
   */
  setLine(level: Level, line: string, replaces?: (existing: string) => boolean): ConfigNode {
    const same = this.find(level, line);
    const others = replaces ? level.children.filter((c) => c.line !== line && replaces(c.line)) : [];
    if (same && others.length === 0) return same;
    const first = level.children.findIndex((c) => c === same || others.includes(c));
    const oldRank = first >= 0 ? this.layout.rank(level.line, level.children[first]!.line) : undefined;
    level.children.splice(0, level.children.length, ...level.children.filter((c) => c !== same && !others.includes(c)));
    const node: ConfigNode = { line, children: same?.children ?? [] };
    if (oldRank && compareRank(oldRank, this.layout.rank(level.line, line)) === 0) this.insert(level, node, first);
    else this.insert(level, node);
    return node;
  }

  /** Remove the lines `match` selects; returns how many went. */
  remove(level: Level, match: (line: string) => boolean): number {
    const before = level.children.length;
    // The array is kept (a session may hold the level of a section).
    level.children.splice(0, level.children.length, ...level.children.filter((c) => !match(c.line)));
    return before - level.children.length;
  }

  /** The ids of a family in a level. */
  familyIds(level: Level, family: IdSetFamily): number[] {
    const ops: IdSetOp[] = [];
    for (const c of level.children) {
      const op = family.parse(c.line);
      if (op) ops.push(op);
    }
    return idsOf(familySet(family, ops));
  }

  /** Apply an operation to an id-set family and print the set back as the device does. */
  applyFamily(level: Level, family: IdSetFamily, op: IdSetOp): number[] {
    const ops: IdSetOp[] = [];
    for (const c of level.children) {
      const o = family.parse(c.line);
      if (o) ops.push(o);
    }
    ops.push(op);
    const ids = idsOf(familySet(family, ops));
    this.setFamily(level, family, ids);
    return ids;
  }

  setFamily(level: Level, family: IdSetFamily, ids: readonly number[]): void {
    const first = level.children.findIndex((c) => family.parse(c.line) !== undefined);
    const kept = level.children.filter((c) => family.parse(c.line) === undefined);
    level.children.splice(0, level.children.length, ...kept);
    const lines = family.printLines(ids);
    if (lines.length === 0) return;
    let at = first >= 0 ? Math.min(first, level.children.length) : undefined;
    for (const l of lines) {
      const node: ConfigNode = { line: l, children: [] };
      if (at !== undefined) { this.insert(level, node, at); at++; } else this.insert(level, node);
    }
  }

  /** The tree with its delimiters, ready for printTree. */
  toTree(): ConfigTree {
    const L = this.layout;
    const visible = (n: ConfigNode): boolean => n.children.length > 0 || !L.hiddenWhenEmpty(n.line);
    const copy = (parent: string, nodes: readonly ConfigNode[]): ConfigNode[] => nodes.filter(visible).map((n) => {
      const out: ConfigNode = { line: n.line, children: copy(n.line, n.children) };
      if (L.nestedSeparator(parent, n.line)) out.sep = true;
      return out;
    });
    const top: ConfigNode[] = [];
    let prevGroup: string | undefined;
    for (const n of this.root.children) {
      if (!visible(n)) continue;
      const g = L.group(n.line);
      const out: ConfigNode = { line: n.line, children: copy(n.line, n.children) };
      if (top.length === 0 ? L.leadingDelimiter : g !== prevGroup) out.sep = true;
      top.push(out);
      prevGroup = g;
    }
    return { platform: L.platform, header: [], children: top, trailingSep: true, finalNewline: true };
  }

  /** The configuration body as the device prints it (no preamble), ending in the terminator and a newline. */
  print(): string {
    return printTree(this.toTree(), this.layout.platform);
  }
}
