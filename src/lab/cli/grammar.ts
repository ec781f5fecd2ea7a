/**
 * The command grammar of the simulated CLIs: a small pattern language for the table of commands
 * each view accepts, and the matcher that resolves a typed line against such a table the way the
 * devices' parsers do (unambiguous keyword abbreviations, parameter types, and the position and
 * kind of the first error).
 *
 * Pattern language (one string per command):
 *   word              a keyword, matched case-insensitively; any unambiguous prefix is accepted
 *   <type>            a parameter: int ranges `<1-4094>`, `<ip>`, `<mask>` (dotted or length,
 *                     printed dotted), `<dmask>` (dotted only), `<wild>` (wildcard: dotted or a
 *                     number), `<word>`, `<text>` (the rest of the line, verbatim), `<if>` (an
 *                     interface name, one or two words), `<vlans>` (VRP list `10 20 to 30`, the rest
 *                     of the line), `<vlanlist>` (RGOS list `10,20-30`), `<rd>` (`ASN:nn` or
 *                     `IP:nn`), `<secret>` (a word that is a secret)
 *   <name:type>       the same, captured under `name` (default: the type's name)
 *   [ ... ]           optional
 *   { a | b c | <x> } one of the alternatives
 *
 * The matcher returns either the single best parse (with the canonical line: full keywords,
 * canonical interface names and masks) or an error: its kind and the index of the offending word,
 * which the platform turns into its own message and caret (`Error: Unrecognized command found at
 * '^' position.`, `% Invalid input detected at '^' marker.`).
 */

// ---------------------------------------------------------------------------- words of a line

export interface Word {
  text: string;
  /** Offset of the word in the typed line. */
  start: number;
}

export function splitWords(line: string): Word[] {
  const out: Word[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index });
  return out;
}

// ---------------------------------------------------------------------------- pattern AST

export type ParamType =
  | 'int' | 'ip' | 'mask' | 'dmask' | 'wild' | 'word' | 'text' | 'if' | 'vlans' | 'vlanlist' | 'rd' | 'secret';

export type PatternNode =
  | { t: 'kw'; word: string }
  | { t: 'param'; type: ParamType; name: string; min?: number; max?: number }
  | { t: 'seq'; items: PatternNode[] }
  | { t: 'opt'; item: PatternNode }
  | { t: 'alt'; options: PatternNode[] };

const PARAM_TYPES = new Set<string>(['int', 'ip', 'mask', 'dmask', 'wild', 'word', 'text', 'if', 'vlans', 'vlanlist', 'rd', 'secret']);

/** Compile a pattern string. Throws on a malformed pattern (a programming error in a table). */
export function compilePattern(src: string): PatternNode {
  const toks = src.match(/<[^>]+>|[[\]{}|]|[^\s[\]{}|<>]+/g) ?? [];
  let i = 0;
  const parseSeq = (stops: string[]): PatternNode => {
    const items: PatternNode[] = [];
    while (i < toks.length && !stops.includes(toks[i]!)) items.push(parseItem());
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  };
  const parseItem = (): PatternNode => {
    const tok = toks[i++]!;
    if (tok === '[') {
      const item = parseSeq([']']);
      if (toks[i++] !== ']') throw new Error(`pattern '${src}': unclosed [`);
      return { t: 'opt', item };
    }
    if (tok === '{') {
      const options: PatternNode[] = [];
      for (;;) {
        options.push(parseSeq(['|', '}']));
        const sep = toks[i++];
        if (sep === '}') break;
        if (sep !== '|') throw new Error(`pattern '${src}': unclosed {`);
      }
      return { t: 'alt', options };
    }
    if (tok.startsWith('<')) {
      const body = tok.slice(1, -1);
      const colon = body.indexOf(':');
      const name = colon >= 0 ? body.slice(0, colon) : undefined;
      const type = colon >= 0 ? body.slice(colon + 1) : body;
      const range = /^(\d+)-(\d+)$/.exec(type);
      if (range) return { t: 'param', type: 'int', name: name ?? 'int', min: Number(range[1]), max: Number(range[2]) };
      if (!PARAM_TYPES.has(type)) throw new Error(`pattern '${src}': unknown parameter type <${type}>`);
      return { t: 'param', type: type as ParamType, name: name ?? type };
    }
    if (/[[\]{}|]/.test(tok)) throw new Error(`pattern '${src}': unexpected '${tok}'`);
    return { t: 'kw', word: tok };
  };
  const node = parseSeq([]);
  if (i !== toks.length) throw new Error(`pattern '${src}': trailing '${toks[i]}'`);
  return node;
}

/** The first keyword a pattern requires (for a fast pre-filter), if it starts with one. */
export function leadingKeyword(node: PatternNode): string | undefined {
  if (node.t === 'kw') return node.word.toLowerCase();
  if (node.t === 'seq' && node.items.length) return leadingKeyword(node.items[0]!);
  return undefined;
}

// ---------------------------------------------------------------------------- parameter parsing

/** An interface name as a platform understands it. */
export interface InterfaceName {
  /** Canonical name, as the device prints it (`GigabitEthernet0/0/1`, `GigabitEthernet 0/1`). */
  name: string;
  /** Canonical type (`GigabitEthernet`, `Vlanif`, `VLAN`). */
  type: string;
  /** The number part (`0/0/1`, `10`, `0/0/1.100`). */
  number: string;
}

/** What a platform supplies to the matcher. */
export interface GrammarPlatform {
  /** Interface type names the platform knows, canonical spelling. */
  interfaceTypes: readonly string[];
  /** How a canonical interface name is written (`${type}${number}` or `${type} ${number}`). */
  formatInterface(type: string, number: string): string;
}

export type ErrorKind = 'unrecognized' | 'wrong' | 'incomplete' | 'too-many' | 'ambiguous';

/** Result of parsing one parameter at a word index. */
type ParamResult =
  | { ok: true; consumed: number; canonical: string; value: unknown }
  | { ok: false; kind: 'unrecognized' | 'wrong'; at: number };

const IP_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIp(s: string): number | undefined {
  const m = IP_RE.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function maskFromLength(len: number): string {
  return formatIp(len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);
}

/** Prefix length of a dotted mask, or undefined when the mask is not contiguous. */
export function lengthOfMask(mask: string): number | undefined {
  const n = parseIp(mask);
  if (n === undefined) return undefined;
  let len = 0;
  while (len < 32 && (n & (0x80000000 >>> len)) !== 0) len++;
  return ((len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0) === n) ? len : undefined;
}

/** `10 20 to 30` (VRP) → ids, or the index of the first bad word. */
function parseVrpVlans(words: readonly Word[], from: number): { ids: number[]; canonical: string } | { bad: number; kind: 'wrong' | 'unrecognized' } {
  const ids: number[] = [];
  const items: string[] = [];
  let i = from;
  const num = (k: number): number | undefined => {
    const w = words[k]?.text;
    if (w === undefined || !/^\d+$/.test(w)) return undefined;
    const v = Number(w);
    return v >= 1 && v <= 4094 ? v : -1;
  };
  while (i < words.length) {
    const a = num(i);
    if (a === undefined) return { bad: i, kind: 'unrecognized' };
    if (a < 0) return { bad: i, kind: 'wrong' };
    const next = words[i + 1]?.text.toLowerCase();
    if (next !== undefined && !/^\d+$/.test(next)) {
      if (!'to'.startsWith(next)) return { bad: i + 1, kind: 'unrecognized' };
      if (i + 2 >= words.length) return { bad: words.length, kind: 'wrong' };
      const b = num(i + 2);
      if (b === undefined) return { bad: i + 2, kind: 'unrecognized' };
      if (b < 0 || b < a) return { bad: i + 2, kind: 'wrong' };
      for (let v = a; v <= b; v++) ids.push(v);
      items.push(`${a} to ${b}`);
      i += 3;
    } else {
      ids.push(a);
      items.push(`${a}`);
      i += 1;
    }
  }
  return { ids, canonical: items.join(' ') };
}

/** `10,20-30` (RGOS) → ids. */
export function parseVlanList(text: string): number[] | undefined {
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || b > 4094 || b < a) return undefined;
    for (let v = a; v <= b; v++) ids.push(v);
  }
  return ids;
}

function parseInterfaceWords(p: GrammarPlatform, words: readonly Word[], at: number): ParamResult {
  const w = words[at]!.text;
  // Type and number in one word (`GigabitEthernet0/0/1`, `gi0/1`, `Vlanif10`) or two.
  const m = /^([A-Za-z][A-Za-z-]*?)(\d[\d/.:]*)?$/.exec(w) ?? /^(\d+GE)(\d[\d/.]*)?$/i.exec(w);
  if (!m) return { ok: false, kind: 'unrecognized', at };
  const typed = m[1]!.toLowerCase();
  const exact = p.interfaceTypes.find((t) => t.toLowerCase() === typed);
  const candidates = exact ? [exact] : p.interfaceTypes.filter((t) => t.toLowerCase().startsWith(typed));
  if (candidates.length === 0) return { ok: false, kind: 'unrecognized', at };
  if (candidates.length > 1) return { ok: false, kind: 'unrecognized', at };
  const type = candidates[0]!;
  let number = m[2];
  let consumed = 1;
  if (number === undefined) {
    const next = words[at + 1]?.text;
    if (next === undefined) return { ok: false, kind: 'wrong', at: at + 1 };
    if (!/^\d[\d/.:]*$/.test(next)) return { ok: false, kind: 'wrong', at: at + 1 };
    number = next;
    consumed = 2;
  }
  if (!/^\d+(?:\/\d+)*(?:\.\d+)?$/.test(number)) return { ok: false, kind: 'wrong', at: at + consumed - 1 };
  const name = p.formatInterface(type, number);
  return { ok: true, consumed, canonical: name, value: { name, type, number } satisfies InterfaceName };
}

function parseParam(p: GrammarPlatform, node: Extract<PatternNode, { t: 'param' }>, words: readonly Word[], at: number, line: string): ParamResult {
  const w = words[at]!.text;
  switch (node.type) {
    case 'int': {
      if (!/^\d+$/.test(w)) return { ok: false, kind: 'unrecognized', at };
      const v = Number(w);
      if ((node.min !== undefined && v < node.min) || (node.max !== undefined && v > node.max)) return { ok: false, kind: 'wrong', at };
      return { ok: true, consumed: 1, canonical: String(v), value: v };
    }
    case 'ip': {
      if (!/^[\d.]+$/.test(w)) return { ok: false, kind: 'unrecognized', at };
      if (parseIp(w) === undefined) return { ok: false, kind: 'wrong', at };
      return { ok: true, consumed: 1, canonical: w, value: w };
    }
    case 'mask':
    case 'dmask': {
      if (/^\d{1,2}$/.test(w) && node.type === 'mask') {
        const len = Number(w);
        if (len > 32) return { ok: false, kind: 'wrong', at };
        const mask = maskFromLength(len);
        return { ok: true, consumed: 1, canonical: mask, value: mask };
      }
      if (!/^[\d.]+$/.test(w)) return { ok: false, kind: 'unrecognized', at };
      if (lengthOfMask(w) === undefined) return { ok: false, kind: 'wrong', at };
      return { ok: true, consumed: 1, canonical: w, value: w };
    }
    case 'wild': {
      if (/^\d+$/.test(w)) return { ok: true, consumed: 1, canonical: w, value: w };
      if (!/^[\d.]+$/.test(w)) return { ok: false, kind: 'unrecognized', at };
      if (parseIp(w) === undefined) return { ok: false, kind: 'wrong', at };
      return { ok: true, consumed: 1, canonical: w, value: w };
    }
    case 'rd': {
      const m = /^(?:(\d+)|(\d+\.\d+\.\d+\.\d+)):(\d+)$/.exec(w);
      if (!m) return { ok: false, kind: /^[\d.:]+$/.test(w) ? 'wrong' : 'unrecognized', at };
      if (m[2] && parseIp(m[2]) === undefined) return { ok: false, kind: 'wrong', at };
      return { ok: true, consumed: 1, canonical: w, value: w };
    }
    case 'word':
    case 'secret':
      return { ok: true, consumed: 1, canonical: w, value: w };
    case 'text': {
      const text = line.slice(words[at]!.start).replace(/\s+$/, '');
      return { ok: true, consumed: words.length - at, canonical: text, value: text };
    }
    case 'if':
      return parseInterfaceWords(p, words, at);
    case 'vlans': {
      const r = parseVrpVlans(words, at);
      if ('bad' in r) return { ok: false, kind: r.kind, at: r.bad };
      return { ok: true, consumed: words.length - at, canonical: r.canonical, value: r.ids };
    }
    case 'vlanlist': {
      if (!/^[\d,-]+$/.test(w)) return { ok: false, kind: 'unrecognized', at };
      const ids = parseVlanList(w);
      if (!ids) return { ok: false, kind: 'wrong', at };
      return { ok: true, consumed: 1, canonical: w, value: ids };
    }
  }
}

// ---------------------------------------------------------------------------- matching

export type Args = Record<string, unknown>;

export interface Parse {
  /** The line in canonical form. */
  canonical: string;
  args: Args;
  /** The canonical pieces with the word index each started at. */
  pieces: { text: string; at: number; secret?: boolean }[];
  /** Per word index: how it matched (for ambiguity resolution). */
  how: ('exact' | 'prefix' | 'param')[];
  /** Keyword chosen per word index. */
  chosen: (string | undefined)[];
}

export interface MatchFailure {
  kind: ErrorKind;
  /** Index of the offending word (words.length for an incomplete command). */
  at: number;
}

interface State {
  pos: number;
  pieces: Parse['pieces'];
  args: Args;
  how: Parse['how'];
  chosen: Parse['chosen'];
}

interface Tracker {
  fail: MatchFailure | undefined;
  /** word index → keywords it is a proper prefix of. */
  prefixOf: Map<number, Set<string>>;
  exactAt: Set<number>;
}

const KIND_WEIGHT: Record<ErrorKind, number> = { ambiguous: 5, wrong: 4, 'too-many': 3, incomplete: 2, unrecognized: 1 };

function recordFail(tr: Tracker, kind: ErrorKind, at: number): void {
  const f = tr.fail;
  if (!f || at > f.at || (at === f.at && KIND_WEIGHT[kind] > KIND_WEIGHT[f.kind])) tr.fail = { kind, at };
}

function addArg(args: Args, name: string, value: unknown): Args {
  const out = { ...args };
  const prev = out[name];
  if (prev === undefined) out[name] = value;
  else out[name] = Array.isArray(prev) && !Array.isArray(value) ? [...(prev as unknown[]), value] : [prev, value];
  return out;
}

function* matchNode(p: GrammarPlatform, node: PatternNode, words: readonly Word[], line: string, s: State, tr: Tracker): Generator<State> {
  switch (node.t) {
    case 'kw': {
      if (s.pos >= words.length) { recordFail(tr, 'incomplete', words.length); return; }
      const typed = words[s.pos]!.text.toLowerCase();
      const kw = node.word.toLowerCase();
      let how: 'exact' | 'prefix';
      if (typed === kw) { how = 'exact'; tr.exactAt.add(s.pos); }
      else if (kw.startsWith(typed)) {
        how = 'prefix';
        let set = tr.prefixOf.get(s.pos);
        if (!set) tr.prefixOf.set(s.pos, (set = new Set()));
        set.add(node.word);
      } else { recordFail(tr, 'unrecognized', s.pos); return; }
      const how2 = [...s.how]; how2[s.pos] = how;
      const chosen = [...s.chosen]; chosen[s.pos] = node.word;
      yield { pos: s.pos + 1, pieces: [...s.pieces, { text: node.word, at: s.pos }], args: s.args, how: how2, chosen };
      return;
    }
    case 'param': {
      if (s.pos >= words.length) { recordFail(tr, 'incomplete', words.length); return; }
      const r = parseParam(p, node, words, s.pos, line);
      if (!r.ok) { recordFail(tr, r.at >= words.length ? 'incomplete' : r.kind, r.at); return; }
      const how2 = [...s.how];
      for (let k = 0; k < r.consumed; k++) how2[s.pos + k] = 'param';
      yield {
        pos: s.pos + r.consumed,
        pieces: [...s.pieces, { text: r.canonical, at: s.pos, ...(node.type === 'secret' ? { secret: true } : {}) }],
        args: addArg(s.args, node.name, r.value), how: how2, chosen: s.chosen,
      };
      return;
    }
    case 'seq': {
      yield* matchSeq(p, node.items, 0, words, line, s, tr);
      return;
    }
    case 'opt': {
      yield* matchNode(p, node.item, words, line, s, tr);
      yield s;
      return;
    }
    case 'alt': {
      for (const o of node.options) yield* matchNode(p, o, words, line, s, tr);
      return;
    }
  }
}

function* matchSeq(p: GrammarPlatform, items: readonly PatternNode[], i: number, words: readonly Word[], line: string, s: State, tr: Tracker): Generator<State> {
  if (i >= items.length) { yield s; return; }
  for (const next of matchNode(p, items[i]!, words, line, s, tr)) yield* matchSeq(p, items, i + 1, words, line, next, tr);
}

export interface Candidate<T> {
  node: PatternNode;
  data: T;
  /** @internal The pattern's leading keyword, lower case (null: it starts with a parameter), cached by matchLine. */
  lead?: string | null;
}

export type MatchResult<T> =
  | { ok: true; parse: Parse; data: T }
  | { ok: false; failure: MatchFailure };

/** Candidates by the first letter of their leading keyword (each list in table order, with those that start with a parameter). */
interface LeadIndex {
  byLetter: Map<string, readonly Candidate<unknown>[]>;
  noLead: readonly Candidate<unknown>[];
}
const leadIndexes = new WeakMap<readonly Candidate<unknown>[], LeadIndex>();

function leadIndex<T>(candidates: readonly Candidate<T>[]): LeadIndex {
  let idx = leadIndexes.get(candidates);
  if (idx) return idx;
  const leadOf = (c: Candidate<T>) => (c.lead !== undefined ? c.lead : (c.lead = leadingKeyword(c.node) ?? null));
  const letters = new Set<string>();
  for (const c of candidates) { const l = leadOf(c); if (l) letters.add(l[0]!); }
  const byLetter = new Map<string, readonly Candidate<unknown>[]>();
  for (const letter of letters) byLetter.set(letter, candidates.filter((c) => { const l = leadOf(c); return l === null || l[0] === letter; }));
  idx = { byLetter, noLead: candidates.filter((c) => leadOf(c) === null) };
  leadIndexes.set(candidates, idx);
  return idx;
}

/**
 * Resolve a line against a table of compiled patterns (the candidates of a view). Pass the same array for the same view (the
 * engine caches them): its index by leading keyword is built once, and a line is tried only
 * against the patterns its first word can start.
 */
export function matchLine<T>(p: GrammarPlatform, candidates: readonly Candidate<T>[], line: string, words: readonly Word[] = splitWords(line)): MatchResult<T> {
  const tr: Tracker = { fail: undefined, prefixOf: new Map(), exactAt: new Set() };
  const done: { parse: Parse; data: T }[] = [];
  const first = words[0]?.text.toLowerCase();
  let skipped = false;
  let tried = candidates;
  if (first) {
    const idx = leadIndex(candidates);
    tried = (idx.byLetter.get(first[0]!) ?? idx.noLead) as readonly Candidate<T>[];
  }
  for (const c of tried) {
    const lead = c.lead!;
    if (lead !== null && first !== undefined && !lead.startsWith(first)) { skipped = true; continue; }
    const start: State = { pos: 0, pieces: [], args: {}, how: [], chosen: [] };
    for (const s of matchNode(p, c.node, words, line, start, tr)) {
      if (s.pos < words.length) { recordFail(tr, 'too-many', s.pos); continue; }
      done.push({
        parse: { canonical: s.pieces.map((x) => x.text).join(' '), args: s.args, pieces: s.pieces, how: s.how, chosen: s.chosen },
        data: c.data,
      });
    }
  }
  // Once for every pattern whose first keyword does not fit (indexed away or tried).
  if (skipped || tried.length < candidates.length) recordFail(tr, 'unrecognized', 0);
  if (done.length === 0) {
    // An abbreviation several keywords share, before the point of failure, is reported as such.
    const fail = tr.fail ?? { kind: 'unrecognized', at: 0 };
    for (const [at, set] of [...tr.prefixOf].sort((a, b) => a[0] - b[0])) {
      if (at <= fail.at && set.size > 1 && !tr.exactAt.has(at)) return { ok: false, failure: { kind: 'ambiguous', at } };
    }
    return { ok: false, failure: fail };
  }
  // An abbreviation that several keywords of the view share is ambiguous, even when only one of
  // them leads to a complete command (VRP and RGOS resolve each word before looking further).
  const ambiguousAt = (p: Parse): number => p.how.findIndex((h, at) => h === 'prefix' && new Set([...(tr.prefixOf.get(at) ?? [])].map((k) => k.toLowerCase())).size > 1);
  if (done.length === 1) {
    const at = ambiguousAt(done[0]!.parse);
    return at >= 0 ? { ok: false, failure: { kind: 'ambiguous', at } } : { ok: true, ...done[0]! };
  }
  // Several parses: keep the most specific at each word (exact keyword > abbreviation > parameter).
  let pool = done;
  const score = { exact: 3, prefix: 2, param: 1 } as const;
  for (let at = 0; at < words.length && pool.length > 1; at++) {
    const best = Math.max(...pool.map((d) => score[d.parse.how[at] ?? 'param']));
    const kept = pool.filter((d) => score[d.parse.how[at] ?? 'param'] === best);
    if (best === score.prefix) {
      const kws = new Set(kept.map((d) => d.parse.chosen[at]));
      if (kws.size > 1) return { ok: false, failure: { kind: 'ambiguous', at } };
    }
    pool = kept;
  }
  // Still several (optional parts matched in different ways): the first one in table order.
  const at = ambiguousAt(pool[0]!.parse);
  return at >= 0 ? { ok: false, failure: { kind: 'ambiguous', at } } : { ok: true, ...pool[0]! };
}
