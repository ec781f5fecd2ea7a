/**
 * What the vendor-neutral engines (config-tree.ts: parse and print; diff.ts: section-aware diff)
 * need to know about a platform's CLI. Every string of device syntax (delimiters, `undo`/`no`,
 * `quit`/`exit`, `system-view`/`configure terminal`, which lines are single-valued, which ones clear
 * others, which ones must be created first) lives in the platform folders, in the object each
 * exports from its dialect file; this file only declares the shape and looks them up.
 *
 * The knowledge is mostly a table of `LineRule`s: one entry per kind of line, saying under which
 * parent it applies, how to recognise it, what its identity is, how to remove it and where it goes
 * in the command order.
 */
import type { Platform } from '../model/index.js';
import { RenderError } from './errors.js';
import { huaweiVrpDialect } from './huawei-vrp/cli-dialect.js';
import { ruijieRgosDialect } from './ruijie-rgos/dialect.js';
import { huaweiUsgDialect } from './huawei-usg/dialect.js';

/**
 * The four passes of a change, in the order the commands are sent:
 * - `prepare`:  create the objects others refer to (VLANs, VPN instances, LAGs, MPLS, QoS classes);
 * - `unwire`:   remove what goes away inside kept sections (dependents first: routes, then
 *               interfaces, then VPN instances), so that nothing refers to an object about to go;
 * - `wire`:     add and change lines in kept sections, create the other sections (dependencies
 *               first: interfaces, then zones, then policies);
 * - `teardown`: delete sections and objects no longer wanted (dependents first, VLANs last).
 */
export type Stage = 'prepare' | 'unwire' | 'wire' | 'teardown';
export const STAGES: readonly Stage[] = ['prepare', 'unwire', 'wire', 'teardown'];

/** What a line of an id-set family does to the set (`vlan batch 10 20`, trunk allowed lists). */
export interface IdSetOp {
  op: 'add' | 'remove' | 'only';
  ids: number[];
}

/**
 * A set of ids spread over any number of lines of one view, compared as a set, not line by line:
 * `vlan batch ...` (VRP), `port trunk allow-pass vlan ...` / `undo port trunk allow-pass vlan 1`
 * (VRP trunks), `switchport trunk allowed vlan remove ...` (RGOS trunks).
 */
export interface IdSetFamily {
  readonly name: string;
  /** Largest id (4094 for VLANs). */
  readonly max: number;
  /** The set when the view holds no line of the family (VLAN 1 on a VRP trunk, every VLAN on RGOS). */
  readonly base: readonly number[];
  /** The operation a line performs, or undefined when the line is not of this family. */
  parse(line: string): IdSetOp | undefined;
  /** A cheap test that a line is of this family (parse is used when absent). */
  owns?(line: string): boolean;
  addCommands(ids: readonly number[]): string[];
  removeCommands(ids: readonly number[]): string[];
  /** The lines the device prints for a set (canonical form, used by printers and interpreters). */
  printLines(ids: readonly number[]): string[];
  /** Order among the view's other lines when commands are sent. */
  readonly rank: number;
  /** At top level: the passes that add and remove ids (default wire / unwire). */
  readonly addStage?: Stage;
  readonly removeStage?: Stage;
  /** Top-level sections owned by an id (VRP `vlan 10` holding a description): they go with the id. */
  ownerOf?(line: string): number | undefined;
}

/** One kind of configuration line. */
export interface LineRule {
  /** Where the rule applies: `root` (top level) or a pattern the parent line must match. */
  readonly in: 'root' | RegExp;
  /** The line (without indentation). Rules are tried in table order; the first match wins. */
  readonly match: RegExp;
  /**
   * Identity of a single-valued setting (`description`, `ip address` primary, `sysname`,
   * `port default vlan`): two lines with the same key in one view are the same setting with
   * different values, replaced rather than added beside each other.
   */
  readonly key?: string | ((m: RegExpExecArray) => string);
  /** How a keyed value changes: re-send the new line (default), or remove the old one first. */
  readonly replace?: 'overwrite' | 'negate-first';
  /** The removal command (default: the platform's negation prefix added to, or taken off, the line). */
  readonly negate?: string | ((m: RegExpExecArray, line: string) => string);
  /** Lines removed together by one command (`undo vrrp vrid 10`, `undo ip address`). */
  readonly group?: (m: RegExpExecArray) => { id: string; negation: string };
  /**
   * The group exists only while a line of this rule does (a VRRP group and its virtual addresses):
   * removing the last such line deletes every line of the group with it. When a group keeps other
   * lines but changes all its anchors, the new anchors are added before the old ones are removed.
   */
  readonly anchor?: boolean;
  /** Order of additions among siblings; at top level also the order of sections (lower first). */
  readonly rank?: number;
  /** Order of removals among siblings (default: rank). */
  readonly removeRank?: number;
  /** Top level: the pass that creates / deletes it (defaults: wire / teardown for sections, unwire for lines). */
  readonly createStage?: Stage;
  readonly deleteStage?: Stage;
  /** Sections only: false when the device cannot delete it (physical ports, `aaa`). */
  readonly deletable?: boolean;
  /** A non-deletable section the target lacks: clear its lines, or report it as unmanaged (default). */
  readonly orphan?: 'clear' | 'unmanaged';
  /** false: dcnet never renders such lines; the diff reports them and leaves them alone (default true). */
  readonly managed?: boolean;
  /** Managed only when the target view holds a line of the same scope (local users, SSH users). */
  readonly scope?: (m: RegExpExecArray) => string;
  /** Printed by the device, owned by the device (`version`, engine ids): never compared. */
  readonly ignored?: boolean;
  /** A line with no sub-lines that still opens a view (`mpls` at top level on VRP). */
  readonly opensView?: boolean;
  /**
   * When this keyed line appears, disappears or changes, the device deletes the sibling lines
   * matching `lines` by itself (binding a VPN instance clears the addresses); lines matching
   * `rebuild` must be removed explicitly before and sent again after (VRRP over those addresses).
   */
  readonly clears?: { readonly lines: RegExp; readonly rebuild?: RegExp };
  /** A change of this keyed line requires every line that refers to its section to leave first. */
  readonly resets?: boolean;
  /** The top-level section line this line refers to (an Eth-Trunk member's `eth-trunk 1`). */
  readonly reference?: (m: RegExpExecArray) => string;
  /** Sections whose children are ordered (first match wins: firewall rules). */
  readonly ordered?: {
    readonly item: (line: string) => string | undefined;
    readonly move: (item: string, before: string) => string;
  };
}

/**
 * Lines that mean the same in another form (a release prints `mode lacp` for `mode lacp-static`, a
 * USG prints a prefix as `10.0.0.0 16` or `10.0.0.0 mask 255.255.0.0`, a port by its name `www`):
 * two lines of one view with the same key are one setting, and the diff sends nothing for them.
 */
export interface EquivalentForm {
  readonly in: 'root' | RegExp;
  readonly match: RegExp;
  /** The identity shared by every form of the setting. */
  readonly key: (m: RegExpExecArray, line: string) => string;
}

export interface Dialect {
  readonly platform: Platform;
  /** Forms of one setting a device may print differently from how dcnet renders it. */
  readonly equivalents?: readonly EquivalentForm[];
  /** The section delimiter line (`#`, `!`), at any indentation. */
  readonly delimiter: string;
  /** The last line of a configuration (`return`, `end`). */
  readonly terminator: string;
  /** Sent before the first command / after the last one. */
  readonly enterConfig: readonly string[];
  readonly leaveConfig: readonly string[];
  /** Leaves the view entered by the last line of `path`. */
  exitView(path: readonly string[]): string;
  /** Prefix that removes a line (`undo `, `no `); a line already negated is restored by dropping it. */
  readonly negationPrefix: string;
  /** A preamble line printed before the configuration body (`!Software Version ...`, `Building configuration...`). */
  isHeader(line: string): boolean;
  /** A line allowed after the terminator (a prompt). */
  isTrailer(line: string): boolean;
  /** Why this line shows another vendor's syntax, or undefined. */
  foreignSyntax(text: string, indent: number): string | undefined;
  readonly rules: readonly LineRule[];
  /** The id-set families of a view (undefined: top level). */
  families(parentLine: string | undefined): readonly IdSetFamily[];
  /**
   * A line carrying a secret, with the secret (a `{{secret:...}}` token on the intended side, a
   * cipher on the device side) and its encryption keyword replaced by one placeholder; undefined
   * for a line without secret.
   */
  maskSecret(line: string): string | undefined;
}

/** The dialect of a platform. */
export function getDialect(platform: Platform): Dialect {
  switch (platform) {
    case 'huawei-vrp': return huaweiVrpDialect;
    case 'ruijie-rgos': return ruijieRgosDialect;
    case 'huawei-usg': return huaweiUsgDialect;
    default:
      throw new RenderError('RENDER_UNKNOWN_PLATFORM', `no CLI dialect for platform '${String(platform)}'`, { platform: String(platform) });
  }
}

// ---------------------------------------------------------------------------- rule lookup

/** A line resolved against the rule table. */
export interface Resolved {
  rule: LineRule | undefined;
  m: RegExpExecArray | undefined;
}

const NONE: Resolved = { rule: undefined, m: undefined };

interface RuleIndex {
  byWord: Map<string, LineRule[]>;
  anyWord: LineRule[];
}

interface CompiledRules {
  /** The literal first word of each rule's pattern, if any. */
  words: (string | undefined)[];
  /** The distinct parent patterns of the table, and the one each rule uses (-1: top level). */
  parents: RegExp[];
  parentOf: number[];
  /** Per parent line ('' for the top level): which parent patterns it matches, as a key. */
  signatureOf: Map<string, string>;
  /** Per signature: the rules that apply, indexed by first word. */
  bySignature: Map<string, RuleIndex>;
}

const compiled = new WeakMap<Dialect, CompiledRules>();
/** Distinct parent lines remembered per dialect before the memo is dropped (bounded memory). */
const MAX_PARENTS = 50_000;

/** The literal first word a rule's pattern requires (`^interface ` → `interface`), if any. */
function firstWordOf(re: RegExp): string | undefined {
  const m = /^\^([A-Za-z0-9][A-Za-z0-9_-]*)(?:\\s|\\s\+| |\$|\(\?:\\s|\(\?= )/.exec(re.source);
  return m && !re.flags.includes('i') ? m[1] : undefined;
}

function compile(d: Dialect): CompiledRules {
  let c = compiled.get(d);
  if (c) return c;
  const parents: RegExp[] = [];
  const seen = new Map<string, number>();
  const parentOf = d.rules.map((r) => {
    if (r.in === 'root') return -1;
    const k = `${r.in.source}/${r.in.flags}`;
    let i = seen.get(k);
    if (i === undefined) { i = parents.length; parents.push(r.in); seen.set(k, i); }
    return i;
  });
  c = { words: d.rules.map((r) => firstWordOf(r.match)), parents, parentOf, signatureOf: new Map(), bySignature: new Map() };
  compiled.set(d, c);
  return c;
}

/** The rules that apply under a parent line, indexed by first word; each bucket keeps table order. */
function indexFor(d: Dialect, parentLine: string | undefined): RuleIndex {
  const c = compile(d);
  const key = parentLine ?? '';
  let sig = c.signatureOf.get(key);
  if (sig === undefined) {
    sig = parentLine === undefined ? 'root' : c.parents.map((re) => (re.test(parentLine) ? '1' : '0')).join('');
    if (c.signatureOf.size >= MAX_PARENTS) c.signatureOf.clear();
    c.signatureOf.set(key, sig);
  }
  let idx = c.bySignature.get(sig);
  if (idx) return idx;
  const applies = c.parentOf.map((pi) => (pi < 0 ? sig === 'root' : sig !== 'root' && sig[pi] === '1'));
  idx = { byWord: new Map(), anyWord: d.rules.filter((_r, i) => applies[i] && c.words[i] === undefined) };
  for (const w of new Set(c.words)) {
    if (w === undefined) continue;
    const list = d.rules.filter((_r, i) => applies[i] && (c.words[i] === w || c.words[i] === undefined));
    if (list.length) idx.byWord.set(w, list);
  }
  c.bySignature.set(sig, idx);
  return idx;
}

function firstWord(line: string): string {
  const sp = line.indexOf(' ');
  return sp < 0 ? line : line.slice(0, sp);
}

/** The first rule of the table that applies to `line` under `parentLine` (undefined: top level). */
export function resolveLine(d: Dialect, parentLine: string | undefined, line: string): Resolved {
  const idx = indexFor(d, parentLine);
  const candidates = idx.byWord.get(firstWord(line)) ?? idx.anyWord;
  for (const rule of candidates) {
    const m = rule.match.exec(line);
    if (m) return { rule, m };
  }
  return NONE;
}

/** The command that removes `line` (under `parentLine`). */
export function negationOf(d: Dialect, r: Resolved, line: string): string {
  const n = r.rule?.negate;
  if (typeof n === 'string') return n;
  if (n && r.m) return n(r.m, line);
  return toggleNegation(d, line);
}

/** `undo x` ↔ `x` with the dialect's prefix. */
export function toggleNegation(d: Dialect, line: string): string {
  return line.startsWith(d.negationPrefix) ? line.slice(d.negationPrefix.length) : d.negationPrefix + line;
}

/** The identity of a line among its equivalent forms (undefined: none applies). */
export function equivalenceKey(d: Dialect, parentLine: string | undefined, line: string): string | undefined {
  for (const e of d.equivalents ?? []) {
    if (e.in === 'root' ? parentLine !== undefined : parentLine === undefined || !e.in.test(parentLine)) continue;
    const m = e.match.exec(line);
    if (m) return e.key(m, line);
  }
  return undefined;
}

/** The identity key of a single-valued line, if it is one. */
export function keyOf(r: Resolved): string | undefined {
  const k = r.rule?.key;
  if (k === undefined || !r.m) return undefined;
  return typeof k === 'string' ? k : k(r.m);
}

// ---------------------------------------------------------------------------- id sets (vendor-neutral helpers)

/** Sorted unique ids. */
export function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Consecutive runs of ids: [[from, to], ...] (ids need not be sorted or unique). */
export function idRuns(ids: Iterable<number>): [number, number][] {
  const sorted = isStrictlyIncreasing(ids) ? ids : sortedIds(ids);
  const runs: [number, number][] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push([sorted[i]!, sorted[j]!]);
    i = j + 1;
  }
  return runs;
}

function isStrictlyIncreasing(ids: Iterable<number>): ids is number[] {
  if (!Array.isArray(ids)) return false;
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1] < ids[i])) return false;
  return true;
}

/** Split items into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Apply a family's lines in order, starting from its base: the resulting set as a bitmap. */
export function familySet(family: IdSetFamily, ops: readonly IdSetOp[]): Uint8Array {
  const set = new Uint8Array(family.max + 1);
  for (const id of family.base) set[id] = 1;
  for (const o of ops) {
    if (o.op === 'only') set.fill(0);
    const v = o.op === 'remove' ? 0 : 1;
    for (const id of o.ids) if (id >= 0 && id <= family.max) set[id] = v;
  }
  return set;
}

/** Ids set in a bitmap. */
export function idsOf(set: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < set.length; i++) if (set[i]) out.push(i);
  return out;
}
