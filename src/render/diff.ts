/**
 * Section-aware diff: the ordered commands that turn a running configuration into the intended one,
 * the commands that turn it back (rollback), the running lines dcnet does not manage, and a unified
 * diff for people. Vendor-neutral: every piece of syntax and every ordering fact comes from the
 * platform's Dialect (dialect.ts).
 *
 * How it works, per view (the top level, then each section present on both sides, recursively):
 * 1. Lines of an id-set family (VLAN lists) are compared as sets, not lines.
 * 2. Other lines pair up by exact text; the rest by identity: the key of a single-valued setting
 *    (`description`, `ip address`, `sysname`...), or the line with its secret masked (a
 *    `{{secret:...}}` token matches whatever cipher the device shows).
 * 3. A line that clears others when it changes (an interface's VPN binding clears its addresses, a
 *    VPN instance's RD its targets) turns those into silent removals plus re-additions, and
 *    forces an explicit removal and re-addition of the lines that depend on them (VRRP).
 * 4. A line referring to a section whose reset key changes (an Eth-Trunk member when the trunk's
 *    mode changes) leaves before and joins again after.
 * 5. Every addition, removal and replacement becomes an operation placed in one of four passes
 *    (prepare, unwire, wire, teardown: see Stage) and ordered by the rule's rank, so that objects
 *    exist before they are referred to and are unreferenced before they are deleted.
 * Operations are then grouped by view, with the commands that enter and leave views around them.
 *
 * Lines the running configuration holds and dcnet never renders are reported as unmanaged and left
 * alone, unless the device is fully managed; device-owned lines (`ignored`) are never compared.
 */
import type { Platform } from '../model/index.js';
import { type ConfigNode, type ConfigTree, parseConfig, printLines } from './config-tree.js';
import {
  type Dialect, type IdSetFamily, type IdSetOp, type LineRule, type Resolved, type Stage, STAGES,
  equivalenceKey, familySet, getDialect, keyOf, negationOf, resolveLine,
} from './dialect.js';

export type ManagedMode = 'full' | 'partial';

export interface PlanInput {
  platform: Platform;
  /** The device's running configuration (text or parsed). */
  running: string | ConfigTree;
  /** The rendered intended configuration (text or parsed). */
  intended: string | ConfigTree;
  /** full: unmanaged running lines are removed too; partial (default): reported and left alone. */
  managed?: ManagedMode;
  /** Named in parse errors and in the unified diff's file labels. */
  device?: string;
}

export interface UnmanagedLine {
  /** The lines of the sections that hold it, outermost first (empty at top level). */
  path: string[];
  line: string;
  /** Its line number in the running configuration. */
  lineNo?: number;
}

export interface PlanResult {
  /** Commands that turn running into intended, from entering configuration mode to leaving it; empty when nothing differs. */
  commands: string[];
  /** Commands that turn the result back into the running configuration. */
  rollback: string[];
  /** Running lines dcnet does not manage (left alone unless managed is full). */
  unmanaged: UnmanagedLine[];
  /** `diff -u` style, running → intended. Empty when the texts agree. */
  unifiedDiff: string;
  /** Whether any command is needed. */
  changed: boolean;
}

export interface DiffOptions {
  managed?: ManagedMode;
  /**
   * Lines of the target that dcnet does not manage are taken as already present (they were left
   * alone by a partial change): used to compute a rollback.
   */
  assumeUnmanagedPresent?: boolean;
  /** Collect the current side's unmanaged lines. */
  reportUnmanaged?: boolean;
}

export interface DiffResult {
  commands: string[];
  unmanaged: UnmanagedLine[];
}

/** Plan a change: parse both configurations, diff them both ways, and describe the difference. */
export function planDiff(input: PlanInput): PlanResult {
  const dialect = getDialect(input.platform);
  const opts = input.device ? { device: input.device } : {};
  const running = typeof input.running === 'string' ? parseConfig(input.running, dialect, opts) : input.running;
  const intended = typeof input.intended === 'string'
    ? parseConfig(input.intended, dialect, { device: `${input.device ?? 'device'} (intended)` })
    : input.intended;
  const managed = input.managed ?? 'partial';
  // Lines in another form of the same setting are the same line (dialect equivalents).
  const aligned: ConfigTree = { ...running, children: alignEquivalents(dialect, running.children, intended.children, undefined) };
  const forward = diffConfigTrees(aligned, intended, dialect, { managed, reportUnmanaged: true });
  const backward = diffConfigTrees(intended, aligned, dialect, { managed, assumeUnmanagedPresent: managed === 'partial' });
  const name = input.device ?? 'device';
  // Sections and lines the device prints in another order are not a difference: the unified diff
  // compares the running configuration laid out in the intended order (ordered views excepted).
  const laidOut: ConfigTree = { ...aligned, children: orderLike(dialect, aligned.children, intended.children, undefined, undefined) };
  const unifiedDiff = unifiedLineDiff(printLines(laidOut, dialect), printLines(intended, dialect), {
    fromLabel: `${name} running`, toLabel: `${name} intended`, equal: secretAwareEqual(dialect),
  });
  const unmanaged = [...forward.unmanaged].sort((a, b) => (a.lineNo ?? Infinity) - (b.lineNo ?? Infinity));
  return { commands: forward.commands, rollback: backward.commands, unmanaged, unifiedDiff, changed: forward.commands.length > 0 };
}

// ---------------------------------------------------------------------------- the engine

interface Top {
  rank: number;
  order: number;
}

interface Op {
  stage: number;
  secRank: number;
  top: number;
  path: string[];
  /** Position of each nested view within its parent (sorting views of one section). */
  pathOrder: number[];
  rank: number;
  seq: number;
  commands: string[];
}

interface Ctx {
  d: Dialect;
  full: boolean;
  assumeUnmanagedPresent: boolean;
  report: boolean;
  ops: Op[];
  unmanaged: UnmanagedLine[];
  /** Top-level section lines whose reset key changes. */
  resets: Set<string>;
  seq: number;
}

const DEFAULT_RANK = 50;
const DEFAULT_TOP_RANK = 100;

/** The commands that turn `current` into `target`. */
export function diffConfigTrees(current: ConfigTree, target: ConfigTree, dialect: Dialect | Platform, options: DiffOptions = {}): DiffResult {
  const d = typeof dialect === 'string' ? getDialect(dialect) : dialect;
  const ctx: Ctx = {
    d, full: options.managed === 'full', assumeUnmanagedPresent: options.assumeUnmanagedPresent ?? false,
    report: options.reportUnmanaged ?? false, ops: [], unmanaged: [], resets: new Set(), seq: 0,
  };
  const cur = alignEquivalents(d, current.children, target.children, undefined);
  diffView(ctx, [], [], undefined, undefined, cur, target.children, undefined);
  return { commands: emit(ctx), unmanaged: ctx.unmanaged };
}

function isSection(node: ConfigNode, r: Resolved): boolean {
  return node.children.length > 0 || r.rule?.opensView === true;
}

const resettingRules = new WeakMap<Dialect, (LineRule & { in: RegExp })[]>();

/** Rules whose change resets their section (an Eth-Trunk's mode), per dialect. */
function resettingOf(d: Dialect): (LineRule & { in: RegExp })[] {
  let r = resettingRules.get(d);
  if (!r) {
    r = d.rules.filter((x) => x.resets && x.in !== 'root') as (LineRule & { in: RegExp })[];
    resettingRules.set(d, r);
  }
  return r;
}

/** Among top-level sections present on both sides, those where a line with `resets` changes. */
function findResets(d: Dialect, pairs: readonly Entry[], into: Set<string>): void {
  const resetting = resettingOf(d);
  if (!resetting.length) return;
  for (const { cur: c, tgt: t } of pairs) {
    if (!c || !t || (c.children.length === 0 && t.children.length === 0)) continue;
    if (!resetting.some((r) => r.in.test(t.line)) || sameSubtree(c, t)) continue;
    const changed = (a: readonly ConfigNode[], b: readonly ConfigNode[]): boolean => {
      const lines = new Set(b.map((n) => n.line));
      return a.some((n) => !lines.has(n.line) && resolveLine(d, t.line, n.line).rule?.resets === true);
    };
    if (changed(c.children, t.children) || changed(t.children, c.children)) into.add(t.line);
  }
}

interface Entry {
  cur?: ConfigNode;
  tgt?: ConfigNode;
  /** Index of the target (or current) node in its view, for ordering. */
  order: number;
}

function diffView(
  ctx: Ctx, path: string[], pathOrder: number[], parentLine: string | undefined, parentRule: LineRule | undefined,
  cur: readonly ConfigNode[], tgt: readonly ConfigNode[], top: Top | undefined,
): void {
  const { d } = ctx;
  const root = parentLine === undefined;

  // 1. Id-set families.
  const fams = d.families(parentLine);
  let curRest = cur;
  let tgtRest = tgt;
  const familyRemoved = new Map<IdSetFamily, Uint8Array>();
  if (fams.length) {
    curRest = [];
    tgtRest = [];
    const curLines = fams.map(() => [] as string[]);
    const tgtLines = fams.map(() => [] as string[]);
    const split = (nodes: readonly ConfigNode[], lines: string[][], rest: ConfigNode[]): void => {
      for (const n of nodes) {
        let hit = false;
        if (n.children.length === 0) {
          for (let f = 0; f < fams.length; f++) {
            const fam = fams[f]!;
            if (fam.owns ? fam.owns(n.line) : fam.parse(n.line) !== undefined) { lines[f]!.push(n.line); hit = true; break; }
          }
        }
        if (!hit) rest.push(n);
      }
    };
    split(cur, curLines, curRest as ConfigNode[]);
    split(tgt, tgtLines, tgtRest as ConfigNode[]);
    fams.forEach((fam, f) => {
      if (sameLines(curLines[f]!, tgtLines[f]!)) return;
      const opsOf = (lines: string[]): IdSetOp[] => lines.map((l) => fam.parse(l)).filter((o): o is IdSetOp => o !== undefined);
      const a = familySet(fam, opsOf(curLines[f]!));
      const b = familySet(fam, opsOf(tgtLines[f]!));
      const added: number[] = [];
      const removed: number[] = [];
      for (let id = 0; id <= fam.max; id++) {
        if (a[id] && !b[id]) removed.push(id);
        else if (!a[id] && b[id]) added.push(id);
      }
      if (!added.length && !removed.length) return;
      let addStage: Stage;
      let removeStage: Stage;
      if (root) {
        addStage = fam.addStage ?? 'wire';
        removeStage = fam.removeStage ?? 'unwire';
      } else if (tgtLines[f]!.length === 0) {
        addStage = removeStage = 'unwire'; // back to the default before the view changes mode
      } else if (curLines[f]!.length === 0) {
        addStage = removeStage = 'wire'; // away from the default after the view changes mode
      } else {
        addStage = 'wire';
        removeStage = 'unwire';
      }
      const t = top ?? { rank: fam.rank, order: -1 };
      if (removed.length) {
        const rm = new Uint8Array(fam.max + 1);
        for (const id of removed) rm[id] = 1;
        familyRemoved.set(fam, rm);
        pushOp(ctx, removeStage, t, path, pathOrder, fam.rank, fam.removeCommands(removed));
      }
      if (added.length) pushOp(ctx, addStage, t, path, pathOrder, fam.rank, fam.addCommands(added));
    });
  }

  // 2. Pair lines: exact text first, then identity (key or masked secret).
  const entries: Entry[] = [];
  const used = new Uint8Array(curRest.length);
  const byLine = new Map<string, number>();
  for (let i = curRest.length - 1; i >= 0; i--) byLine.set(curRest[i]!.line, i);
  const tgtUnpaired: number[] = [];
  for (let ti = 0; ti < tgtRest.length; ti++) {
    const ci = byLine.get(tgtRest[ti]!.line);
    if (ci !== undefined && !used[ci]) {
      used[ci] = 1;
      entries.push({ cur: curRest[ci], tgt: tgtRest[ti], order: ti });
    } else {
      tgtUnpaired.push(ti);
    }
  }
  const curUnpaired: number[] = [];
  for (let ci = 0; ci < curRest.length; ci++) if (!used[ci]) curUnpaired.push(ci);
  // Sections whose reset key changes are known before any section is visited.
  if (root) findResets(d, entries, ctx.resets);

  const resolved = new Map<ConfigNode, Resolved>();
  const res = (n: ConfigNode): Resolved => {
    let r = resolved.get(n);
    if (!r) { r = resolveLine(d, parentLine, n.line); resolved.set(n, r); }
    return r;
  };
  const identity = (n: ConfigNode): string => {
    const k = keyOf(res(n));
    if (k !== undefined) return `k\u0000${k}`;
    const masked = d.maskSecret(n.line);
    return masked !== undefined ? `s\u0000${masked}` : `l\u0000${n.line}`;
  };

  /** Pairs that share an identity but not their text. */
  const changed: Entry[] = [];
  const added: Entry[] = [];
  const removed: Entry[] = [];
  if (tgtUnpaired.length || curUnpaired.length) {
    const byId = new Map<string, number[]>();
    for (const ci of curUnpaired) {
      const id = identity(curRest[ci]!);
      const list = byId.get(id);
      if (list) list.push(ci); else byId.set(id, [ci]);
    }
    for (const ti of tgtUnpaired) {
      const t = tgtRest[ti]!;
      const list = byId.get(identity(t));
      const ci = list?.shift();
      if (ci !== undefined) {
        used[ci] = 1;
        changed.push({ cur: curRest[ci], tgt: t, order: ti });
      } else {
        added.push({ tgt: t, order: ti });
      }
    }
    for (const ci of curUnpaired) if (!used[ci]) removed.push({ cur: curRest[ci], order: tgtRest.length + ci });
  }

  // Secret-equal and keyed sections whose text differs only by a secret count as kept.
  const kept: Entry[] = entries;
  const replaced: Entry[] = [];
  const rebuilt: Entry[] = [];
  for (const e of changed) {
    const mc = d.maskSecret(e.cur!.line);
    if (mc !== undefined && mc === d.maskSecret(e.tgt!.line)) { kept.push(e); continue; }
    if (isSection(e.cur!, res(e.cur!)) || isSection(e.tgt!, res(e.tgt!))) rebuilt.push(e);
    else replaced.push(e);
  }

  // 3. Lines cleared by a changing key (binding → addresses) and their dependents (VRRP).
  const clearing: { lines: RegExp; rebuild?: RegExp }[] = [];
  for (const e of [...replaced, ...added, ...removed]) {
    const n = e.cur ?? e.tgt!;
    const c = res(n).rule?.clears;
    if (c && keyOf(res(n)) !== undefined) clearing.push(c);
  }
  const silent = new Set<ConfigNode>();
  if (clearing.length) {
    const matches = (line: string, which: 'lines' | 'rebuild'): boolean => clearing.some((c) => c[which]?.test(line) === true);
    for (let i = kept.length - 1; i >= 0; i--) {
      const e = kept[i]!;
      const cleared = matches(e.cur!.line, 'lines');
      if (!cleared && !matches(e.cur!.line, 'rebuild')) continue;
      kept.splice(i, 1);
      if (cleared) silent.add(e.cur!);
      removed.push({ cur: e.cur, order: e.order });
      added.push({ tgt: e.tgt, order: e.order });
    }
    for (let i = replaced.length - 1; i >= 0; i--) {
      const e = replaced[i]!;
      const cleared = matches(e.cur!.line, 'lines');
      if (!cleared && !matches(e.cur!.line, 'rebuild')) continue;
      replaced.splice(i, 1);
      if (cleared) silent.add(e.cur!);
      removed.push({ cur: e.cur, order: e.order });
      added.push({ tgt: e.tgt, order: e.order });
    }
    for (const e of removed) if (matches(e.cur!.line, 'lines')) silent.add(e.cur!);
  }

  // 4. References to a section being reset leave and come back.
  if (ctx.resets.size) {
    for (let i = kept.length - 1; i >= 0; i--) {
      const e = kept[i]!;
      const r = res(e.cur!);
      if (!r.rule?.reference || !r.m || !ctx.resets.has(r.rule.reference(r.m))) continue;
      kept.splice(i, 1);
      removed.push({ cur: e.cur, order: e.order });
      added.push({ tgt: e.tgt, order: e.order });
    }
  }

  const topOf = (e: Entry): Top => {
    if (top) return top;
    const n = e.tgt ?? e.cur!;
    return { rank: res(n).rule?.rank ?? DEFAULT_TOP_RANK, order: e.order };
  };

  // 4b. A group that keeps lines but loses every anchor it has (a VRRP group whose only virtual
  // address changes) would be deleted with its last anchor, settings and all: its new anchors go in
  // first, and the old ones leave after them.
  const late = new Set<ConfigNode>();
  if (removed.length && added.length) {
    const groupOf = (n: ConfigNode): string | undefined => { const r = res(n); return r.rule?.group && r.m ? r.rule.group(r.m).id : undefined; };
    const anchorsOut = new Map<string, ConfigNode[]>();
    for (const e of removed) if (res(e.cur!).rule?.anchor) { const g = groupOf(e.cur!); if (g) anchorsOut.set(g, [...(anchorsOut.get(g) ?? []), e.cur!]); }
    for (const [g, gone] of anchorsOut) {
      const curAnchors = curRest.filter((n) => res(n).rule?.anchor && groupOf(n) === g).length;
      const stays = [...kept, ...replaced].some((e) => groupOf(e.cur!) === g);
      const comes = added.some((e) => res(e.tgt!).rule?.anchor && groupOf(e.tgt!) === g);
      if (gone.length === curAnchors && stays && comes) for (const n of gone) late.add(n);
    }
  }

  // 5. Removals (grouped where one command removes several lines).
  const removals: { node: ConfigNode; r: Resolved; e: Entry }[] = [];
  let tgtScopes: Set<string> | undefined;
  for (const e of removed) {
    const node = e.cur!;
    if (silent.has(node)) continue;
    const r = res(node);
    if (r.rule?.ignored) continue;
    let managed = r.rule !== undefined && r.rule.managed !== false;
    if (managed && r.rule!.scope && r.m) {
      tgtScopes ??= scopesOf(d, parentLine, tgtRest);
      managed = tgtScopes.has(r.rule!.scope(r.m));
    }
    if (!managed) {
      if (ctx.report) ctx.unmanaged.push(unmanagedLine(path, node));
      if (!ctx.full) continue;
    }
    if (root && fams.length) {
      const owner = ownerId(fams, node.line);
      if (owner) {
        if (familyRemoved.get(owner.fam)?.[owner.id]) continue; // goes with its id
        diffView(ctx, [node.line], [], node.line, r.rule, node.children, [], topOf(e));
        continue;
      }
    }
    if (late.has(node)) {
      pushOp(ctx, 'wire', topOf(e), path, pathOrder, (r.rule?.rank ?? DEFAULT_RANK) + 0.5, [negationOf(d, r, node.line)]);
      continue;
    }
    if (isSection(node, r) && r.rule?.deletable === false) {
      if (r.rule.orphan === 'clear' || ctx.full) {
        if (managed && r.rule.orphan !== 'clear' && ctx.report) ctx.unmanaged.push(unmanagedLine(path, node));
        diffView(ctx, [...path, node.line], root ? [] : [...pathOrder, e.order], node.line, r.rule, node.children, [], topOf(e));
      } else if (managed && ctx.report) {
        ctx.unmanaged.push(unmanagedLine(path, node));
      }
      continue;
    }
    removals.push({ node, r, e });
  }
  emitRemovals(ctx, path, pathOrder, curRest, removals, root, topOf, res);

  // 6. Replacements of single-valued lines and rebuilt sections.
  for (const e of replaced) {
    const r = res(e.tgt!);
    const rank = r.rule?.rank ?? DEFAULT_RANK;
    const stage: Stage = root ? r.rule?.createStage ?? 'wire' : 'wire';
    if (r.rule?.replace !== 'negate-first') {
      pushOp(ctx, stage, topOf(e), path, pathOrder, rank, [e.tgt!.line]);
      continue;
    }
    const rc = res(e.cur!);
    const negation = negationOf(d, rc, e.cur!.line);
    if (stage === 'prepare') {
      pushOp(ctx, stage, topOf(e), path, pathOrder, rank, [negation, e.tgt!.line]);
    } else {
      // The old value goes with the other removals (before what it refers to changes), the new one comes back with the additions.
      pushOp(ctx, 'unwire', topOf(e), path, pathOrder, rc.rule?.removeRank ?? rc.rule?.rank ?? DEFAULT_RANK, [negation]);
      pushOp(ctx, stage, topOf(e), path, pathOrder, rank, [e.tgt!.line]);
    }
  }
  for (const e of rebuilt) {
    const rc = res(e.cur!);
    pushOp(ctx, 'unwire', topOf(e), path, pathOrder, rc.rule?.removeRank ?? rc.rule?.rank ?? DEFAULT_RANK, [negationOf(d, rc, e.cur!.line)]);
    const rt = res(e.tgt!);
    pushOp(ctx, 'wire', topOf(e), path, pathOrder, rt.rule?.rank ?? DEFAULT_RANK, creationCommands(d, path, parentLine, e.tgt!));
  }

  // 7. Additions.
  for (const e of added) {
    const node = e.tgt!;
    const r = res(node);
    if (r.rule?.ignored) continue;
    if (ctx.assumeUnmanagedPresent) {
      let managed = r.rule !== undefined && r.rule.managed !== false;
      if (managed && r.rule!.scope && r.m) managed = scopesOf(d, parentLine, curRest).has(r.rule!.scope(r.m));
      if (!managed) continue;
      if (isSection(node, r) && r.rule?.deletable === false && r.rule.orphan !== 'clear') continue;
    }
    const stage: Stage = root ? r.rule?.createStage ?? 'wire' : 'wire';
    pushOp(ctx, stage, topOf(e), path, pathOrder, r.rule?.rank ?? DEFAULT_RANK, creationCommands(d, path, parentLine, node));
  }

  // 8. Sections on both sides: recurse.
  for (const e of kept) {
    const c = e.cur!;
    const t = e.tgt!;
    if (c.children.length === 0 && t.children.length === 0) continue;
    if (ctx.resets.size === 0 && sameSubtree(c, t)) continue; // lines referring to a reset section must be visited
    diffView(ctx, [...path, t.line], root ? [] : [...pathOrder, e.order], t.line, res(t).rule, c.children, t.children, topOf(e));
  }

  // 9. Ordered views (firewall rules): move rules into the target order.
  if (parentRule?.ordered) orderView(ctx, parentRule.ordered, path, pathOrder, curRest, tgtRest, removed, top);
}

/**
 * The current lines with every line that is another form of a target line of the same view
 * (Dialect.equivalents) rewritten to the target's form, recursively. Unchanged views are returned
 * as they are.
 */
function alignEquivalents(d: Dialect, cur: readonly ConfigNode[], tgt: readonly ConfigNode[], parentLine: string | undefined): ConfigNode[] {
  const byLine = new Map<string, ConfigNode>();
  for (const n of tgt) if (!byLine.has(n.line)) byLine.set(n.line, n);
  let byKey: Map<string, string> | undefined;
  if (d.equivalents?.length) {
    byKey = new Map();
    for (const n of tgt) {
      const k = equivalenceKey(d, parentLine, n.line);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, n.line);
    }
  }
  let changed = false;
  const out = cur.map((n) => {
    let line = n.line;
    if (byKey?.size && !byLine.has(line)) {
      const k = equivalenceKey(d, parentLine, line);
      const same = k !== undefined ? byKey.get(k) : undefined;
      if (same !== undefined) line = same;
    }
    const t = byLine.get(line);
    const children = n.children.length && t ? alignEquivalents(d, n.children, t.children, line) : n.children;
    if (line === n.line && children === n.children) return n;
    changed = true;
    return { ...n, line, children };
  });
  return changed ? out : (cur as ConfigNode[]);
}

/**
 * The current lines laid out in the order of the target's (for the unified diff only): a line takes
 * the place of its twin (same text, else same key) in the target, takes the target's delimiter, and
 * a line with no twin stays after the line it followed. Ordered views (firewall rules) keep their
 * order: there it means something.
 */
function orderLike(d: Dialect, cur: readonly ConfigNode[], tgt: readonly ConfigNode[], parentLine: string | undefined, parentRule: LineRule | undefined): ConfigNode[] {
  const byLine = new Map<string, [ConfigNode, number]>();
  const byKey = new Map<string, [ConfigNode, number]>();
  tgt.forEach((n, i) => {
    if (!byLine.has(n.line)) byLine.set(n.line, [n, i]);
    const k = keyOf(resolveLine(d, parentLine, n.line));
    if (k !== undefined && !byKey.has(k)) byKey.set(k, [n, i]);
  });
  let last = -1;
  let step = 0;
  const placed = cur.map((n, i) => {
    const r = resolveLine(d, parentLine, n.line);
    const k = keyOf(r);
    const twin = byLine.get(n.line) ?? (k !== undefined ? byKey.get(k) : undefined);
    const children = n.children.length ? orderLike(d, n.children, twin?.[0].children ?? [], n.line, r.rule) : n.children;
    let node: ConfigNode = children === n.children ? n : { ...n, children };
    let at: number;
    if (twin && !parentRule?.ordered) {
      at = twin[1];
      last = at;
      step = 0;
      if (Boolean(twin[0].sep) !== Boolean(node.sep)) node = { ...node, sep: twin[0].sep ?? false };
    } else {
      at = parentRule?.ordered ? i : last + (++step) / (cur.length + 1);
    }
    return { node, at, i };
  });
  placed.sort((a, b) => a.at - b.at || a.i - b.i);
  return placed.map((p) => p.node);
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameSubtree(a: ConfigNode, b: ConfigNode): boolean {
  if (a.line !== b.line || a.children.length !== b.children.length) return false;
  for (let i = 0; i < a.children.length; i++) if (!sameSubtree(a.children[i]!, b.children[i]!)) return false;
  return true;
}

function ownerId(fams: readonly IdSetFamily[], line: string): { fam: IdSetFamily; id: number } | undefined {
  for (const fam of fams) {
    const id = fam.ownerOf?.(line);
    if (id !== undefined) return { fam, id };
  }
  return undefined;
}

function scopesOf(d: Dialect, parentLine: string | undefined, nodes: readonly ConfigNode[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    const r = resolveLine(d, parentLine, n.line);
    if (r.rule?.scope && r.m) out.add(r.rule.scope(r.m));
  }
  return out;
}

function unmanagedLine(path: readonly string[], node: ConfigNode): UnmanagedLine {
  return { path: [...path], line: node.line, ...(node.lineNo !== undefined ? { lineNo: node.lineNo } : {}) };
}

function emitRemovals(
  ctx: Ctx, path: string[], pathOrder: number[], curView: readonly ConfigNode[],
  removals: { node: ConfigNode; r: Resolved; e: Entry }[], root: boolean,
  topOf: (e: Entry) => Top, res: (n: ConfigNode) => Resolved,
): void {
  const { d } = ctx;
  // Groups: one command when every line of the group goes.
  const groups = new Map<string, { negation: string; members: typeof removals }>();
  const single: typeof removals = [];
  for (const x of removals) {
    const g = x.r.rule?.group && x.r.m ? x.r.rule.group(x.r.m) : undefined;
    if (!g) { single.push(x); continue; }
    const entry = groups.get(g.id);
    if (entry) entry.members.push(x); else groups.set(g.id, { negation: g.negation, members: [x] });
  }
  if (groups.size) {
    const totals = new Map<string, number>();
    for (const n of curView) {
      const r = res(n);
      const g = r.rule?.group && r.m ? r.rule.group(r.m) : undefined;
      if (g && groups.has(g.id)) totals.set(g.id, (totals.get(g.id) ?? 0) + 1);
    }
    for (const [id, g] of groups) {
      if (g.members.length === totals.get(id)) {
        const first = g.members.reduce((a, b) => ((a.r.rule?.removeRank ?? a.r.rule?.rank ?? DEFAULT_RANK) <= (b.r.rule?.removeRank ?? b.r.rule?.rank ?? DEFAULT_RANK) ? a : b));
        pushOp(ctx, 'unwire', topOf(first.e), path, pathOrder, first.r.rule?.removeRank ?? first.r.rule?.rank ?? DEFAULT_RANK, [g.negation]);
      } else {
        single.push(...g.members);
      }
    }
  }
  for (const { node, r, e } of single) {
    const stage: Stage = root ? r.rule?.deleteStage ?? (isSection(node, r) ? 'teardown' : 'unwire') : 'unwire';
    pushOp(ctx, stage, topOf(e), path, pathOrder, r.rule?.removeRank ?? r.rule?.rank ?? DEFAULT_RANK, [negationOf(d, r, node.line)]);
  }
}

/** The commands that create a node and everything under it (entering and leaving its view). */
function creationCommands(d: Dialect, path: readonly string[], parentLine: string | undefined, node: ConfigNode): string[] {
  const r = resolveLine(d, parentLine, node.line);
  if (node.children.length === 0 && !r.rule?.opensView) return [node.line];
  const out = [node.line];
  const here = [...path, node.line];
  const fams = d.families(node.line);
  const ranked = node.children.map((child, i) => {
    let rank: number | undefined;
    if (fams.length && child.children.length === 0) {
      for (const f of fams) if (f.parse(child.line)) { rank = f.rank; break; }
    }
    rank ??= resolveLine(d, node.line, child.line).rule?.rank ?? DEFAULT_RANK;
    return { child, rank, i };
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { child } of ranked) out.push(...creationCommands(d, here, node.line, child));
  out.push(d.exitView(here));
  return out;
}

function orderView(
  ctx: Ctx, ordered: NonNullable<LineRule['ordered']>, path: string[], pathOrder: number[],
  cur: readonly ConfigNode[], tgt: readonly ConfigNode[], removed: readonly Entry[], top: Top | undefined,
): void {
  const gone = new Set(removed.map((e) => e.cur!.line));
  const items = (nodes: readonly ConfigNode[], skip?: Set<string>): string[] =>
    nodes.flatMap((n) => (skip?.has(n.line) ? [] : [ordered.item(n.line)].filter((x): x is string => x !== undefined)));
  const want = items(tgt);
  const have = items(cur, gone);
  const haveSet = new Set(have);
  for (const it of want) if (!haveSet.has(it)) have.push(it); // new rules are appended at the end
  const wanted = new Set(want);
  const arr = have.filter((it) => wanted.has(it));
  const commands: string[] = [];
  for (let i = 0; i < want.length; i++) {
    if (arr[i] === want[i]) continue;
    const j = arr.indexOf(want[i]!);
    commands.push(ordered.move(want[i]!, arr[i]!));
    arr.splice(j, 1);
    arr.splice(i, 0, want[i]!);
  }
  if (commands.length) pushOp(ctx, 'wire', top ?? { rank: DEFAULT_TOP_RANK, order: -1 }, path, pathOrder, Number.MAX_SAFE_INTEGER, commands);
}

function pushOp(ctx: Ctx, stage: Stage, top: Top, path: string[], pathOrder: number[], rank: number, commands: string[]): void {
  if (!commands.length) return;
  ctx.ops.push({ stage: STAGES.indexOf(stage), secRank: top.rank, top: top.order, path, pathOrder, rank, seq: ctx.seq++, commands });
}

function compareOps(a: Op, b: Op): number {
  if (a.stage !== b.stage) return a.stage - b.stage;
  const reverse = STAGES[a.stage] === 'unwire' || STAGES[a.stage] === 'teardown';
  if (a.secRank !== b.secRank) return reverse ? b.secRank - a.secRank : a.secRank - b.secRank;
  if (a.top !== b.top) return a.top - b.top;
  const n = Math.min(a.pathOrder.length, b.pathOrder.length);
  for (let i = 0; i < n; i++) if (a.pathOrder[i] !== b.pathOrder[i]) return a.pathOrder[i]! - b.pathOrder[i]!;
  if (a.pathOrder.length !== b.pathOrder.length) {
    // Parent views before their children when building, children first when taking down.
    return reverse ? b.pathOrder.length - a.pathOrder.length : a.pathOrder.length - b.pathOrder.length;
  }
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.seq - b.seq;
}

function emit(ctx: Ctx): string[] {
  if (!ctx.ops.length) return [];
  const { d } = ctx;
  const ops = ctx.ops.sort(compareOps);
  const out: string[] = [...d.enterConfig];
  const at: string[] = [];
  for (const op of ops) {
    let common = 0;
    while (common < at.length && common < op.path.length && at[common] === op.path[common]) common++;
    while (at.length > common) { out.push(d.exitView(at)); at.pop(); }
    while (at.length < op.path.length) { at.push(op.path[at.length]!); out.push(at[at.length - 1]!); }
    out.push(...op.commands);
  }
  while (at.length) { out.push(d.exitView(at)); at.pop(); }
  out.push(...d.leaveConfig);
  return out;
}

// ---------------------------------------------------------------------------- unified diff

/** Lines equal as text, or equal once their secrets are masked (token vs cipher). */
export function secretAwareEqual(d: Dialect): (a: string, b: string) => boolean {
  return (a, b) => {
    if (a === b) return true;
    const ma = d.maskSecret(a.trimStart());
    return ma !== undefined && ma === d.maskSecret(b.trimStart()) && indentLength(a) === indentLength(b);
  };
}

function indentLength(s: string): number {
  let i = 0;
  while (i < s.length && s[i] === ' ') i++;
  return i;
}

export interface UnifiedDiffOptions {
  fromLabel?: string;
  toLabel?: string;
  context?: number;
  equal?: (a: string, b: string) => boolean;
}

type Edit = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

/** Above this many differences, the middle is shown as one replacement (keeps memory bounded). */
const MAX_EDIT_DISTANCE = 4000;

/** Myers' O(ND) shortest edit script between two line arrays. */
function editScript(a: readonly string[], b: readonly string[], eq: (x: string, y: string) => boolean): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1]!, b[endB - 1]!)) { endA--; endB--; }
  const edits: Edit[] = [];
  for (let i = 0; i < start; i++) edits.push({ kind: ' ', line: b[i]!, a: i, b: i });
  const n = endA - start;
  const m = endB - start;
  const middle: Edit[] = [];
  const max = n + m;
  if (max > 0) {
    const limit = Math.min(max, MAX_EDIT_DISTANCE);
    const offset = limit + 1;
    const v = new Int32Array(2 * limit + 3);
    const trace: Int32Array[] = [];
    let found = false;
    for (let dd = 0; dd <= limit && !found; dd++) {
      trace.push(v.slice());
      for (let k = -dd; k <= dd; k += 2) {
        let x = k === -dd || (k !== dd && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
        let y = x - k;
        while (x < n && y < m && eq(a[start + x]!, b[start + y]!)) { x++; y++; }
        v[offset + k] = x;
        if (x >= n && y >= m) { found = true; break; }
      }
    }
    if (found) {
      let x = n;
      let y = m;
      for (let dd = trace.length - 1; dd >= 0; dd--) {
        const vv = trace[dd]!;
        const k = x - y;
        const prevK = k === -dd || (k !== dd && vv[offset + k - 1]! < vv[offset + k + 1]!) ? k + 1 : k - 1;
        const prevX = dd === 0 ? 0 : vv[offset + prevK]!;
        const prevY = prevX - prevK;
        while (x > prevX && y > prevY) { x--; y--; middle.push({ kind: ' ', line: b[start + y]!, a: start + x, b: start + y }); }
        if (dd > 0) {
          if (x === prevX) { y--; middle.push({ kind: '+', line: b[start + y]!, a: start + x, b: start + y }); }
          else { x--; middle.push({ kind: '-', line: a[start + x]!, a: start + x, b: start + y }); }
        }
      }
      middle.reverse();
    } else {
      for (let i = 0; i < n; i++) middle.push({ kind: '-', line: a[start + i]!, a: start + i, b: start });
      for (let j = 0; j < m; j++) middle.push({ kind: '+', line: b[start + j]!, a: endA, b: start + j });
    }
  }
  edits.push(...middle);
  for (let i = 0; i < a.length - endA; i++) edits.push({ kind: ' ', line: b[endB + i]!, a: endA + i, b: endB + i });
  return edits;
}

/** A unified diff (`diff -u` format) of two line arrays; empty string when they are equal. */
export function unifiedLineDiff(a: readonly string[], b: readonly string[], options: UnifiedDiffOptions = {}): string {
  const ctxLines = options.context ?? 3;
  const edits = editScript(a, b, options.equal ?? ((x, y) => x === y));
  if (!edits.some((e) => e.kind !== ' ')) return '';
  const out = [`--- ${options.fromLabel ?? 'a'}`, `+++ ${options.toLabel ?? 'b'}`];
  let i = 0;
  while (i < edits.length) {
    while (i < edits.length && edits[i]!.kind === ' ') i++;
    if (i >= edits.length) break;
    const startIdx = Math.max(0, i - ctxLines);
    let end = i;
    // Extend while the next change is within 2*context lines.
    for (;;) {
      while (end < edits.length && edits[end]!.kind !== ' ') end++;
      let next = end;
      while (next < edits.length && edits[next]!.kind === ' ') next++;
      if (next < edits.length && next - end <= 2 * ctxLines) { end = next; continue; }
      break;
    }
    const stop = Math.min(edits.length, end + ctxLines);
    const hunk = edits.slice(startIdx, stop);
    const aCount = hunk.filter((e) => e.kind !== '+').length;
    const bCount = hunk.filter((e) => e.kind !== '-').length;
    const aStart = hunk[0]!.a + (aCount ? 1 : 0);
    const bStart = hunk[0]!.b + (bCount ? 1 : 0);
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const e of hunk) out.push(`${e.kind}${e.line}`);
    i = stop;
  }
  return out.join('\n') + '\n';
}
