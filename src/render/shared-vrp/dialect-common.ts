/**
 * What the VRP command line and the USG's (the USG runs the VRP engine: reference/huawei-usg.md §1)
 * share in the diff engines' dialects: VLAN lists (`vlan batch`, `port trunk allow-pass vlan`), the
 * text format of `display current-configuration` (`#` sections, `return`, headers, prompts left in
 * a capture), cipher text, and the tell-tales of another vendor's syntax. Not a platform: the
 * huawei-vrp and huawei-usg dialects import it, as drivers/shared-vrp serves both drivers.
 */
import type { Dialect, IdSetFamily, IdSetOp } from '../dialect.js';
import { chunk, idRuns } from '../dialect.js';

// ---------------------------------------------------------------------------- VLAN lists

/** `10 20 100 to 110` → ids; undefined when the text is not a VLAN list. */
function parseVlanItems(text: string): number[] | undefined {
  const words = text.trim().split(/\s+/);
  const ids: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = Number(words[i]);
    if (!Number.isInteger(a) || words[i] === '') return undefined;
    if (words[i + 1] === 'to') {
      const b = Number(words[i + 2]);
      if (!Number.isInteger(b) || b < a) return undefined;
      for (let v = a; v <= b; v++) ids.push(v);
      i += 2;
    } else {
      ids.push(a);
    }
  }
  return ids;
}

/** VRP prints at most 10 items (an id or an `A to B` run) per line (§2.2). */
function vlanLines(prefix: string, ids: readonly number[]): string[] {
  const items = idRuns(ids).map(([a, b]) => (a === b ? `${a}` : `${a} to ${b}`));
  return chunk(items, 10).map((c) => `${prefix} ${c.join(' ')}`);
}

const VLAN_BATCH = 'vlan batch ';

/** `vlan batch ...` at top level; the `vlan N` blocks holding a description belong to their VLAN. */
export const vlanBatch: IdSetFamily = {
  name: 'vlan batch',
  max: 4094,
  base: [],
  rank: 10,
  addStage: 'prepare',
  removeStage: 'teardown',
  owns: (line) => line.startsWith('vlan batch '),
  parse(line) {
    if (!line.startsWith(VLAN_BATCH)) return undefined;
    const ids = parseVlanItems(line.slice(VLAN_BATCH.length));
    return ids ? { op: 'add', ids } : undefined;
  },
  addCommands: (ids) => vlanLines('vlan batch', ids),
  removeCommands: (ids) => vlanLines('undo vlan batch', ids),
  printLines: (ids) => vlanLines('vlan batch', ids),
  ownerOf(line) {
    const m = /^vlan (\d+)$/.exec(line);
    return m ? Number(m[1]) : undefined;
  },
};

const ALLOW_PASS = 'port trunk allow-pass vlan ';
const UNDO_ALLOW_PASS = 'undo port trunk allow-pass vlan ';

/**
 * A trunk's allowed VLANs: VLAN 1 by default; `port trunk allow-pass vlan L` adds (additive,
 * §2.4), `undo port trunk allow-pass vlan L` removes; the configuration shows
 * `undo port trunk allow-pass vlan 1` when VLAN 1 is taken away.
 */
export const allowPass: IdSetFamily = {
  name: 'port trunk allow-pass vlan',
  max: 4094,
  base: [1],
  rank: 6,
  owns: (line) => line.startsWith('port trunk allow-pass vlan ') || line.startsWith('undo port trunk allow-pass vlan '),
  parse(line) {
    let op: IdSetOp['op'];
    let rest: string;
    if (line.startsWith(ALLOW_PASS)) { op = 'add'; rest = line.slice(ALLOW_PASS.length); }
    else if (line.startsWith(UNDO_ALLOW_PASS)) { op = 'remove'; rest = line.slice(UNDO_ALLOW_PASS.length); }
    else return undefined;
    if (rest === 'all') return { op, ids: Array.from({ length: 4094 }, (_v, i) => i + 1) };
    const ids = parseVlanItems(rest);
    return ids ? { op, ids } : undefined;
  },
  addCommands: (ids) => vlanLines('port trunk allow-pass vlan', ids),
  removeCommands: (ids) => vlanLines('undo port trunk allow-pass vlan', ids),
  printLines(ids) {
    const set = new Set(ids);
    const lines = set.has(1) ? [] : ['undo port trunk allow-pass vlan 1'];
    return [...lines, ...vlanLines('port trunk allow-pass vlan', ids.filter((v) => v !== 1))];
  },
};

// ---------------------------------------------------------------------------- rules

// ---------------------------------------------------------------------------- secrets

/** Cipher text as VRP prints it (`%^%#...%^%#`, `%@%@...%@%@`, `%$%$...%$%$`, `$1c$...$`) or a dcnet token. */
const SECRET = /(?:(?:irreversible-cipher|cipher|simple) )?(?:\{\{secret:[^}]+\}\}|%\^%#.*?%\^%#|%@%@.*?%@%@|%\$%\$.*?%\$%\$|\$1[a-z]\$\S*?\$(?=\s|$)|\$\$\S+)/g;

export function maskVrpFamilySecret(line: string): string | undefined {
  if (!line.includes('{{secret:') && !line.includes('%') && !line.includes('$')) return undefined;
  SECRET.lastIndex = 0;
  if (!SECRET.test(line)) return undefined;
  SECRET.lastIndex = 0;
  return line.replace(SECRET, '<secret>');
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? ?(?:[+-]\d\d:\d\d)?$/;

/** How one product names itself in the wrong-platform messages. */
export interface VrpFamilyWording {
  /** `VRP` or `USG/VRP`: what a `!` delimiter is not. */
  notThis: string;
  /** What `end` is not: `VRP's \`return\`` or `\`return\``. */
  terminatorName: string;
  /** Who uses `sysname`: `VRP` or `the USG`. */
  sysnameUser: string;
  /** Added to the interface-name message, or ''. */
  interfaceHint: string;
}

/** The session and text-format half of a VRP-family dialect; the rules and families come from the platform. */
export function vrpFamilyFormat(w: VrpFamilyWording): Pick<Dialect,
  'delimiter' | 'terminator' | 'enterConfig' | 'leaveConfig' | 'exitView' | 'negationPrefix' | 'isHeader' | 'isTrailer'
  | 'foreignSyntax' | 'maskSecret'> {
  return {
    delimiter: '#',
    terminator: 'return',
    enterConfig: ['system-view'],
    leaveConfig: ['return'],
    exitView: () => 'quit',
    negationPrefix: 'undo ',
    isHeader: (line) => line.startsWith('!') || /^\[V\d{3}R\d{3}C\d{2,3}.*\]$/.test(line) || TIMESTAMP.test(line)
      || /^(?:HRP_.)?<[^>]+>\s*(?:dis|display)\b/.test(line) || /^Info: /.test(line),
    isTrailer: (line) => /^(?:HRP_.)?[<[].*[>\]]\s*$/.test(line),
    foreignSyntax(text, indent) {
      // Fast path: only a few first characters can start another vendor's tell-tale line.
      const c = text.charCodeAt(0);
      if (c !== 0x21 /* ! */ && c !== 0x65 /* e */ && c !== 0x42 /* B */ && c !== 0x43 /* C */ && c !== 0x68 /* h */ && c !== 0x69 /* i */) return undefined;
      if (text === '!') return `a \`!\` delimiter: Ruijie RGOS (or Cisco) syntax, not ${w.notThis} (wrong platform?)`;
      if (indent === 0 && text === 'end') return `\`end\`: the RGOS terminator, not ${w.terminatorName} (wrong platform?)`;
      if (/^Building configuration|^Current configuration\s*:/.test(text)) return `\`${text}\`: an RGOS/IOS preamble (wrong platform?)`;
      if (indent === 0 && /^hostname /.test(text)) return `\`hostname\`: RGOS/IOS syntax, ${w.sysnameUser} uses \`sysname\` (wrong platform?)`;
      if (indent === 0 && c === 0x69 && /^interface [A-Za-z-]+ \d/.test(text)) return `an interface name with a space before its number: RGOS syntax${w.interfaceHint} (wrong platform?)`;
      return undefined;
    },
    maskSecret: maskVrpFamilySecret,
  };
}
