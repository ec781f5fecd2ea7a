/**
 * Loads a network from YAML: one file, or a folder whose YAML files are merged (list sections
 * concatenate, single sections appear once). A file may `include:` others (paths relative to it);
 * anchors, aliases and merge keys work inside a file, and top-level `x-...` keys may hold the
 * anchored blocks (they are not part of the model). Every element remembers the file and line it
 * came from, so that every finding can name them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, extname } from 'node:path';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import jsyaml from 'js-yaml';
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { type Finding, pointerOf, splitPointer } from './findings.js';
import { MAX_YAML_BYTES, MAX_YAML_VALUES, expandedValues, firstSyntaxError, formatBytes, mayHoldAliases } from './yaml-guard.js';
import { LIST_SECTIONS, SINGLE_SECTIONS, TopologySchema, type Topology } from './schema.js';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

interface ParsedFile {
  file: string;
  text: string;
  data: Record<string, unknown>;
  /** The YAML syntax tree with positions, built only when a finding needs a line number. */
  ast?: { doc: Document.Parsed; lines: LineCounter };
}

function astOf(parsed: ParsedFile): { doc: Document.Parsed; lines: LineCounter } {
  if (!parsed.ast) {
    const lines = new LineCounter();
    const doc = parseDocument(parsed.text, { lineCounter: lines, merge: true, uniqueKeys: true });
    parsed.ast = { doc, lines };
  }
  return parsed.ast;
}

/** Where each merged element came from: section → merged index → (file, index in that file). */
interface Origin {
  parsed: ParsedFile;
  /** Pointer prefix inside the source file for this merged element. */
  sourcePointer: string[];
}

export class SourceMap {
  private readonly sections = new Map<string, Origin[]>();
  private readonly singles = new Map<string, Origin>();

  add(section: string, origin: Origin): void {
    const list = this.sections.get(section) ?? [];
    list.push(origin);
    this.sections.set(section, list);
  }

  setSingle(section: string, origin: Origin): void {
    this.singles.set(section, origin);
  }

  /** The file, line and column of the element a JSON pointer names (or of its nearest ancestor). */
  locate(pointer: string): SourceLocation | undefined {
    const segs = splitPointer(pointer);
    if (segs.length === 0) return undefined;
    const [section, index, ...rest] = segs;
    let origin: Origin | undefined;
    let within: string[];
    if (this.sections.has(section!) && index !== undefined && /^\d+$/.test(index)) {
      origin = this.sections.get(section!)![Number(index)];
      within = rest;
    } else if (this.singles.has(section!)) {
      origin = this.singles.get(section!);
      within = segs.slice(1);
    } else {
      // A section name with no element (e.g. a missing required section): the first file.
      const any = this.singles.get('network') ?? [...this.sections.values()][0]?.[0];
      if (!any) return undefined;
      return { file: any.parsed.file, line: 1, column: 1 };
    }
    if (!origin) return undefined;
    return locateInDoc(origin.parsed, [...origin.sourcePointer, ...within]);
  }

  files(): string[] {
    const out = new Set<string>();
    for (const list of this.sections.values()) for (const o of list) out.add(o.parsed.file);
    for (const o of this.singles.values()) out.add(o.parsed.file);
    return [...out];
  }
}

function deref(node: unknown, doc: Document.Parsed): unknown {
  let n = node;
  for (let i = 0; i < 32 && isAlias(n); i++) n = (n as Alias).resolve(doc);
  return n;
}

/** Find a key in a map, following merge keys (`<<: *base`). */
function findInMap(map: unknown, key: string, doc: Document.Parsed, depth = 0): { keyNode?: Node; value?: unknown } | undefined {
  if (!isMap(map) || depth > 16) return undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
    if (k === key) return { keyNode: item.key as Node, value: item.value };
  }
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = isScalar(item.key) ? item.key.value : item.key;
    if (k !== '<<') continue;
    const sources = isSeq(deref(item.value, doc)) ? (deref(item.value, doc) as { items: unknown[] }).items : [item.value];
    for (const s of sources) {
      const hit = findInMap(deref(s, doc), key, doc, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

function locateInDoc(parsed: ParsedFile, segs: string[]): SourceLocation {
  const { file } = parsed;
  const { doc, lines } = astOf(parsed);
  let node: unknown = doc.contents;
  let best: Node | undefined = isScalar(node) || isMap(node) || isSeq(node) ? (node as Node) : undefined;
  for (const seg of segs) {
    node = deref(node, doc);
    if (isMap(node)) {
      const hit = findInMap(node, seg, doc);
      if (!hit) break;
      if (hit.value && (hit.value as Node).range) { best = hit.value as Node; node = hit.value; }
      else { best = hit.keyNode ?? best; node = hit.value; }
      // Point at the key of a scalar value: "speed: 7G" is found at the line of `speed`.
      if (isScalar(hit.value) && hit.keyNode?.range) best = hit.keyNode;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      node = item;
      const d = deref(item, doc) as Node;
      if ((item as Node).range) best = item as Node;
      else if (d?.range) best = d;
    } else break;
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = lines.linePos(offset);
  return { file, line: pos.line, column: pos.col };
}

export interface LoadResult {
  /** The merged data. Valid against the schema only when `schemaValid` is true. */
  topology: Topology;
  schemaValid: boolean;
  /** Top-level elements dropped from semantic checks because they broke the schema, by section. */
  invalidElements: Map<string, Set<number>>;
  findings: Finding[];
  sources: SourceMap;
  files: string[];
  /** sha256 of the canonical JSON of the merged topology. */
  hash: string;
  origin: string;
}

function isYaml(name: string): boolean {
  const e = extname(name).toLowerCase();
  return e === '.yaml' || e === '.yml';
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listYamlFiles(p));
    else if (entry.isFile() && isYaml(entry.name)) out.push(p);
  }
  return out;
}

/**
 * The networks under a path: a YAML file is one network; a folder holding YAML files directly is
 * one network; otherwise every sub-folder (and top-level YAML file) is a network.
 */
export function discoverNetworks(path: string): string[] {
  const abs = resolve(path);
  const st = statSync(abs);
  if (st.isFile()) return [abs];
  const entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  if (entries.some((e) => e.isFile() && isYaml(e.name))) return [abs];
  return entries.filter((e) => e.isDirectory()).map((e) => join(abs, e.name));
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function finding(code: string, message: string, pointer: string, loc?: SourceLocation): Finding {
  return { code, severity: 'error', message, pointer, ...(loc ? { file: loc.file, line: loc.line, column: loc.column } : {}) };
}

/** Canonical JSON: keys sorted, so the hash does not depend on key order or file layout. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export interface LoadOptions {
  /** The largest file read, in bytes (default MAX_YAML_BYTES). */
  maxBytes?: number;
  /** The most values a file may hold once its aliases are expanded (default MAX_YAML_VALUES). */
  maxValues?: number;
  /** After each file of the network is read: how many were, of how many (includes not counted). */
  onFile?: (done: number, total: number) => void;
}

/** Load one network from a file or a folder. Never throws for bad input: problems are findings. */
export function loadTopology(path: string, opts: LoadOptions = {}): LoadResult {
  const limits = { maxBytes: opts.maxBytes ?? MAX_YAML_BYTES, maxValues: opts.maxValues ?? MAX_YAML_VALUES };
  const abs = resolve(path);
  const findings: Finding[] = [];
  const sources = new SourceMap();
  const merged: Record<string, unknown> = {};
  const seen = new Set<string>();
  const parsedFiles: ParsedFile[] = [];

  const readOne = (file: string, includedFrom?: SourceLocation): void => {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      findings.push(finding('MODEL_FILE_MISSING', `cannot read ${displayName(file)}: no such file`, '', includedFrom));
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    const name = displayName(real);
    let text: string;
    try {
      const size = statSync(real).size;
      if (size > limits.maxBytes) {
        findings.push({
          code: 'MODEL_YAML_TOO_LARGE', severity: 'error', pointer: '', file: name, line: 1, column: 1,
          message: `${name} is ${formatBytes(size)}: a topology file may be at most ${formatBytes(limits.maxBytes)} (split the network into several files); not read`,
        });
        return;
      }
      text = readFileSync(real, 'utf8');
    } catch (err) {
      findings.push(finding('MODEL_FILE_UNREADABLE', `cannot read ${displayName(file)}: ${(err as Error).message}`, '', includedFrom));
      return;
    }
    // js-yaml is an order of magnitude faster than a full syntax tree; the tree (yaml) is built
    // only when a file has a syntax error (to say where the broken construct began) or a finding.
    let data: unknown;
    try {
      data = jsyaml.load(text, { filename: name });
    } catch (err) {
      // The first error only: after it the parser is guessing, and one broken line of a long file
      // would otherwise give thousands of findings.
      const p = firstSyntaxError(text, err);
      findings.push({ code: p.code, severity: 'error', pointer: '', message: p.message, file: name, line: p.line, column: p.column });
      return;
    }
    if (mayHoldAliases(text) && expandedValues(data, limits.maxValues) > limits.maxValues) {
      findings.push({
        code: 'MODEL_YAML_ALIASES', severity: 'error', pointer: '', file: name, line: 1, column: 1,
        message: `${name}: its aliases (*name) expand it to more than ${limits.maxValues.toLocaleString('en-US')} values (an alias bomb?); not read`,
      });
      return;
    }
    if (data === null || data === undefined) return; // an empty file contributes nothing
    if (typeof data !== 'object' || Array.isArray(data)) {
      findings.push({ code: 'MODEL_FILE_SHAPE', severity: 'error', pointer: '', message: 'a topology file must be a mapping of sections (network, devices, links...)', file: name, line: 1, column: 1 });
      return;
    }
    const parsed: ParsedFile = { file: name, text, data: data as Record<string, unknown> };
    parsedFiles.push(parsed);
    for (const [key, value] of Object.entries(parsed.data)) {
      // `include` is handled below; `x-...` keys hold anchors to reuse (as in compose files).
      if (key === 'include' || key.startsWith('x-')) continue;
      if ((LIST_SECTIONS as readonly string[]).includes(key)) {
        if (!Array.isArray(value)) {
          const loc = locateInDoc(parsed, [key]);
          findings.push(finding('MODEL_SCHEMA', `section '${key}' must be a list`, pointerOf(key), loc));
          continue;
        }
        const list = (merged[key] ??= []) as unknown[];
        value.forEach((item, i) => {
          list.push(item);
          sources.add(key, { parsed, sourcePointer: [key, String(i)] });
        });
      } else if ((SINGLE_SECTIONS as readonly string[]).includes(key)) {
        if (key in merged) {
          const loc = locateInDoc(parsed, [key]);
          findings.push(finding('MODEL_DUPLICATE_SECTION', `section '${key}' is defined in more than one file`, pointerOf(key), loc));
          continue;
        }
        merged[key] = value;
        sources.setSingle(key, { parsed, sourcePointer: [key] });
      } else {
        const loc = locateInDoc(parsed, [key]);
        const known = [...SINGLE_SECTIONS, ...LIST_SECTIONS, 'include'].join(', ');
        findings.push(finding('MODEL_UNKNOWN_SECTION', `unknown section '${key}' (known: ${known})`, pointerOf(key), loc));
      }
    }
    const include = parsed.data.include;
    if (include !== undefined) {
      const list = Array.isArray(include) ? include : [include];
      list.forEach((inc, i) => {
        const loc = locateInDoc(parsed, ['include', ...(Array.isArray(include) ? [String(i)] : [])]);
        if (typeof inc !== 'string') {
          findings.push(finding('MODEL_SCHEMA', 'include takes file paths', pointerOf('include'), loc));
          return;
        }
        readOne(resolve(dirname(real), inc), loc);
      });
    }
  };

  let files: string[] = [];
  try {
    const st = statSync(abs);
    files = st.isDirectory() ? listYamlFiles(abs) : [abs];
    if (files.length === 0) findings.push({ code: 'MODEL_FILE_MISSING', severity: 'error', pointer: '', message: `no YAML files in ${displayName(abs)}`, file: displayName(abs) });
  } catch {
    findings.push({ code: 'MODEL_FILE_MISSING', severity: 'error', pointer: '', message: `no such file or folder: ${displayName(abs)}`, file: displayName(abs) });
  }
  for (const [i, f] of files.entries()) {
    readOne(f);
    opts.onFile?.(i + 1, files.length);
  }

  // A schema check of nothing but syntax errors would only add noise.
  const onlySyntax = parsedFiles.length === 0 && findings.some((f) => f.code.startsWith('MODEL_YAML_'));
  return finishLoad(merged, findings, sources, displayName(abs), !onlySyntax);
}

/**
 * The common end of loading: check the schema (every error, remembering which top-level elements
 * are broken), hash the canonical model, and assemble the result.
 */
function finishLoad(
  merged: Record<string, unknown>, findings: Finding[], sources: SourceMap, origin: string, checkSchema = true,
): LoadResult {
  const invalidElements = new Map<string, Set<number>>();
  let schemaValid = checkSchema;
  for (const err of checkSchema ? schemaErrors(merged) : []) {
    schemaValid = false;
    const segs = splitPointer(err.pointer);
    if (segs.length >= 2 && (LIST_SECTIONS as readonly string[]).includes(segs[0]!) && /^\d+$/.test(segs[1]!)) {
      const set = invalidElements.get(segs[0]!) ?? new Set<number>();
      set.add(Number(segs[1]));
      invalidElements.set(segs[0]!, set);
    }
    findings.push({ code: err.code, severity: 'error', pointer: err.pointer, message: err.message });
  }
  return {
    topology: merged as unknown as Topology,
    schemaValid: schemaValid && !findings.some((f) => f.severity === 'error'),
    invalidElements,
    findings,
    sources,
    files: sources.files(),
    hash: createHash('sha256').update(canonicalJson(merged)).digest('hex'),
    origin,
  };
}

/**
 * Load a network given as data rather than files (an API request body, a test's mutated copy).
 * The data is written out as YAML text named `origin` and read back, so that every finding
 * carries a line in that text. Never throws for bad input: problems are findings. `include` is
 * not followed.
 */
export function loadTopologyFromObject(data: unknown, origin = '<memory>'): LoadResult {
  const findings: Finding[] = [];
  const sources = new SourceMap();
  const merged: Record<string, unknown> = {};
  let text = '';
  let read: unknown;
  try {
    text = jsyaml.dump(data ?? null, { noRefs: true, lineWidth: -1, skipInvalid: true });
    read = jsyaml.load(text);
  } catch (err) {
    findings.push({ code: 'MODEL_FILE_SHAPE', severity: 'error', pointer: '', message: `cannot read the topology data: ${(err as Error).message}`, file: origin, line: 1, column: 1 });
  }
  if (read !== null && typeof read === 'object' && !Array.isArray(read)) {
    const parsed: ParsedFile = { file: origin, text, data: read as Record<string, unknown> };
    for (const [key, value] of Object.entries(parsed.data)) {
      if (key.startsWith('x-')) continue;
      if ((LIST_SECTIONS as readonly string[]).includes(key)) {
        if (!Array.isArray(value)) {
          findings.push(finding('MODEL_SCHEMA', `section '${key}' must be a list`, pointerOf(key), locateInDoc(parsed, [key])));
          continue;
        }
        merged[key] = value;
        value.forEach((_item, i) => sources.add(key, { parsed, sourcePointer: [key, String(i)] }));
      } else if ((SINGLE_SECTIONS as readonly string[]).includes(key)) {
        merged[key] = value;
        sources.setSingle(key, { parsed, sourcePointer: [key] });
      } else {
        const message = key === 'include'
          ? 'include is not followed for a topology given as data'
          : `unknown section '${key}' (known: ${[...SINGLE_SECTIONS, ...LIST_SECTIONS].join(', ')})`;
        findings.push(finding(key === 'include' ? 'MODEL_SCHEMA' : 'MODEL_UNKNOWN_SECTION', message, pointerOf(key), locateInDoc(parsed, [key])));
      }
    }
  } else if (findings.length === 0) {
    findings.push({ code: 'MODEL_FILE_SHAPE', severity: 'error', pointer: '', message: 'a topology must be a mapping of sections (network, devices, links...)', file: origin, line: 1, column: 1 });
  }
  return finishLoad(merged, findings, sources, origin);
}

interface SchemaError { code: string; pointer: string; message: string }
let compiled: TypeCheck<typeof TopologySchema> | undefined;

/** Every schema violation, worded for people, one per place (the most specific kept). */
export function schemaErrors(data: unknown): SchemaError[] {
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  compiled ??= TypeCompiler.Compile(TopologySchema);
  if (compiled.Check(data)) return out;
  for (const e of compiled.Errors(data)) {
    let pointer = e.path;
    let message: string;
    const schema = e.schema as { description?: string; anyOf?: { const?: unknown }[] };
    const value = e.value;
    const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
    let code = 'MODEL_SCHEMA';
    switch (e.type) {
      case 42 /* ObjectAdditionalProperties */: {
        const key = splitPointer(pointer).pop() ?? '';
        const allowed = Object.keys((e.schema as { properties?: object }).properties ?? {});
        if (seen.has(pointer)) continue;
        seen.add(pointer);
        out.push({ code: 'MODEL_UNKNOWN_FIELD', pointer, message: `unknown field '${key}' (allowed: ${allowed.join(', ')})` });
        continue;
      }
      default:
        break;
    }
    if (e.message.startsWith('Expected required property')) {
      code = 'MODEL_MISSING_FIELD';
      const field = pointer.split('/').pop();
      message = `missing required field '${field}'`;
    } else if (e.message.includes('Unexpected property')) {
      code = 'MODEL_UNKNOWN_FIELD';
      message = `unknown field '${pointer.split('/').pop()}'`;
    } else if (schema.anyOf && schema.anyOf.every((s) => s.const !== undefined)) {
      message = `${shown} is not one of: ${schema.anyOf.map((s) => String(s.const)).join(', ')}`;
    } else if (schema.description?.startsWith('secret reference')) {
      // Never echo what was written there: it may be the secret itself.
      message = `not a valid ${schema.description}`;
    } else if (schema.description && e.message.startsWith('Expected string to match')) {
      message = `${shown} is not a valid ${schema.description}`;
    } else {
      message = `${e.message}${value !== undefined && typeof value !== 'object' ? ` (got ${shown})` : ''}`;
    }
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    out.push({ code, pointer, message });
  }
  // Drop errors on a path when a more specific one exists below it (a union's summary).
  return out.filter((e) => !out.some((o) => o !== e && o.pointer.startsWith(e.pointer + '/') && e.code === 'MODEL_SCHEMA'));
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/** The label of a list element in a readable path: its id or name, or what identifies it. */
function labelOf(item: Record<string, unknown>): string | undefined {
  const own = str(item.id) ?? str(item.name);
  if (own !== undefined) return own;
  const end = (e: unknown) => {
    const r = e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
    return str(r.device) !== undefined && str(r.port) !== undefined ? `${str(r.device)}:${str(r.port)}` : undefined;
  };
  if (end(item) !== undefined) return end(item);
  if (end(item.a) !== undefined && end(item.b) !== undefined) return `${end(item.a)}--${end(item.b)}`;
  if (str(item.device) !== undefined) return str(item.device); // a VRRP member
  if (str(item.vlan) !== undefined) return `vlan ${str(item.vlan)}`;
  return str(item.prefix) ?? str(item.interface);
}

/** Readable path: array indices replaced by the element's name or id where it has one. */
export function readablePath(topology: unknown, pointer: string): string {
  const segs = splitPointer(pointer);
  let node: unknown = topology;
  let out = '';
  for (const seg of segs) {
    if (Array.isArray(node)) {
      const item = node[Number(seg)] as Record<string, unknown> | undefined;
      const label = item && typeof item === 'object' ? labelOf(item) : undefined;
      out += `[${label !== undefined ? String(label) : seg}]`;
      node = item;
    } else {
      out += out === '' ? seg : `.${seg}`;
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** Fill in file, line, column and the readable path of findings that only carry a pointer. */
export function locateFindings(result: Pick<LoadResult, 'sources' | 'topology' | 'origin'>, findings: Finding[]): Finding[] {
  for (const f of findings) {
    if (f.pointer && f.path === undefined) f.path = readablePath(result.topology, f.pointer);
    if (f.file === undefined) {
      const loc = f.pointer ? result.sources.locate(f.pointer) : undefined;
      if (loc) { f.file = loc.file; f.line = loc.line; f.column = loc.column; }
      else f.file = result.origin;
    }
  }
  return findings;
}
