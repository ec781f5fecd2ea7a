/**
 * What the SSH session needs to know about a CLI family: how its prompts look (to learn the exact
 * one after login and recognise it after every command, whatever view the command moved to), how it
 * pages, how it asks questions, how it says a command was rejected, and how to prepare a session.
 *
 * Two families: VRP (Huawei VRP switches and USG firewalls, reference/huawei-vrp.md §1,
 * huawei-usg.md §1) and RGOS (Ruijie, reference/ruijie-rgos.md §1).
 */

export interface LearnedPrompt {
  /** The device name the prompt carries (`CORE1` of `<CORE1>`, `[~CORE1-Vlanif10]`, `CORE1(config)#`). */
  base: string;
  /** The whole prompt line as last seen. */
  line: string;
  /** User view / user EXEC (`<NAME>`, `NAME>`), privileged EXEC (`NAME#`), or a configuration view. */
  mode: 'user' | 'privileged' | 'config';
}

export interface CliDialect {
  readonly family: 'vrp' | 'rgos';
  /** Any prompt of the family at the end of the text (login: before the name is known). */
  readonly anyPrompt: RegExp;
  /** Read the prompt at the end of `text`, if there is one. */
  learn(text: string): LearnedPrompt | undefined;
  /** A prompt of the device named `base`, in any view, at the end of the text. */
  promptFor(base: string): RegExp;
  /** The pager line at the end of the text. */
  readonly pager: RegExp;
  /** Removes pager lines and the sequences that erase them from a response. */
  erasePager(text: string): string;
  /** The device's rejection of a command, found in the cleaned output lines (undefined: accepted). */
  rejection(lines: readonly string[]): string | undefined;
  /** The new device name when `command` changes it (`sysname X`, `hostname X`). */
  renames(command: string): string | undefined;
  /** Commands that prepare a fresh session (paging off). */
  readonly prepare: readonly string[];
  /** Enter configuration mode / return to the top mode. */
  readonly enterConfig: string;
  readonly leaveConfig: string;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A confirmation question at the end of the text (no newline after it). */
export const QUESTION = /(?:\[(?:Y\/N|y\/n|Y\/N\/C|Y\(yes\)\/N\(no\)(?:\/C\(cancel\))?)\]|\((?:y\/n|Y\/N)\)(?:\[[yYnN]\])?|\(Y\/N\))\s*:?\s*$/;
/** Other questions that wait for a line: first `save` (file name), key size, RGOS `enable` password. */
export const FILE_NAME_QUESTION = /please input the file name[^\n]*:\s*$/i;
export const DEFAULT_VALUE_QUESTION = /\[default\s*=\s*[^\]\n]*\]\s*:\s*$/i;
export const PASSWORD_QUESTION = /(?:^|\n)\s*password:\s*$/i;
/** First-login password-change questions (VRP `Change now? [Y/N]:`, RGOS `Do you want to change the password`). */
export const PASSWORD_CHANGE_QUESTION = /(?:change now\?|change the password|password needs to be changed)[^\n]*$/i;

// ---------------------------------------------------------------------------- VRP
// `<NAME>`, `[NAME]`, `[~NAME-Vlanif10]`, `[*NAME]`, with the HRP_M/HRP_S/HRP_A prefix of a USG pair.
const VRP_ANY = /(?:^|\n)((?:HRP_[A-Za-z])?(?:<([^<>\s]+)>|\[([~*]?)([^[\]\s]+)\])) ?$/;
const VRP_ERROR = /^\s*(?:Error(?:\[\d+\])?\s*:|%\s*(?:Unrecognized|Incomplete|Wrong parameter|Too many|Ambiguous|Invalid))/;

export const vrpDialect: CliDialect = {
  family: 'vrp',
  anyPrompt: VRP_ANY,
  learn(text) {
    const m = VRP_ANY.exec(text);
    if (!m) return undefined;
    if (m[2] !== undefined) return { base: m[2], line: m[1]!, mode: 'user' };
    // In a system view the name cannot be told from the view label with certainty: keep the part before the first '-'.
    const inner = m[4]!;
    return { base: inner.split('-')[0]!, line: m[1]!, mode: 'config' };
  },
  promptFor(base) {
    const b = esc(base);
    return new RegExp(`(?:^|\\n)(?:HRP_[A-Za-z])?(?:<${b}(?:-[^<>\\s]*)?>|\\[[~*]?${b}(?:-[^[\\]\\n]*)?\\]) ?$`);
  },
  pager: /(?:---- More ----|--More--)\s*$/,
  erasePager(text) {
    return text
      .replace(/ {0,2}---- More ----(?:\x1b\[\d+D *\x1b\[\d+D)?/g, '')
      .replace(/ ?--More-- ?(?:\x08+ *\x08+)?/g, '');
  },
  rejection(lines) {
    const i = lines.findIndex((l) => VRP_ERROR.test(l));
    return i < 0 ? undefined : lines[i]!.trim();
  },
  renames(command) {
    const m = /^\s*sysn(?:a(?:m(?:e)?)?)?\s+(\S+)\s*$/i.exec(command);
    return m ? m[1] : undefined;
  },
  prepare: ['screen-length 0 temporary'],
  enterConfig: 'system-view',
  leaveConfig: 'return',
};

// ---------------------------------------------------------------------------- RGOS
// `NAME>`, `NAME#`, `NAME(config)#`, `NAME(config-if-GigabitEthernet 0/1)#`.
const RGOS_ANY = /(?:^|\n)(([^\s()#>]+)(\([^)\n]*\))?([>#])) ?$/;

export const rgosDialect: CliDialect = {
  family: 'rgos',
  anyPrompt: RGOS_ANY,
  learn(text) {
    const m = RGOS_ANY.exec(text);
    if (!m) return undefined;
    return { base: m[2]!, line: m[1]!, mode: m[3] ? 'config' : m[4] === '#' ? 'privileged' : 'user' };
  },
  promptFor(base) {
    return new RegExp(`(?:^|\\n)${esc(base)}(?:\\([^)\\n]*\\))?[>#] ?$`);
  },
  pager: /(?:--More--|---- More ----)\s*$/,
  erasePager(text) {
    return text
      .replace(/ ?--More-- ?(?:\x08+ *\x08+)?/g, '')
      .replace(/ {0,2}---- More ----(?:\x1b\[\d+D *\x1b\[\d+D)?/g, '');
  },
  rejection(lines) {
    const i = lines.findIndex((l) => /^\s*%\s*\S/.test(l));
    return i < 0 ? undefined : lines[i]!.trim();
  },
  renames(command) {
    const m = /^\s*hostn(?:a(?:m(?:e)?)?)?\s+(\S+)\s*$/i.exec(command);
    return m ? m[1] : undefined;
  },
  prepare: ['terminal length 0'],
  enterConfig: 'configure terminal',
  leaveConfig: 'end',
};

/** Printable text of a response: pager and ANSI sequences removed, backspaces applied, `\r` overwrites honoured. */
export function cleanText(dialect: CliDialect, raw: string): string {
  let t = dialect.erasePager(raw);
  // Huawei's " ESC[1D" echo artefacts (netmiko strips them first), then any CSI/OSC sequence.
  t = t.replace(/ \x1b\[\d+D/g, '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b\][^\x07]*\x07/g, '').replace(/\x1b[()][A-Z0-9]/g, '');
  if (t.includes('\b')) {
    let prev: string;
    do {
      prev = t;
      t = t.replace(/[^\b\n]\x08/g, '');
    } while (t !== prev);
    t = t.replace(/\x08/g, '');
  }
  t = t.replace(/\r+\n/g, '\n');
  if (t.includes('\r')) {
    t = t.split('\n').map((line) => {
      if (!line.includes('\r')) return line;
      const parts = line.split('\r').filter((p) => p.length > 0);
      return parts.length ? parts[parts.length - 1]! : '';
    }).join('\n');
  }
  return t;
}
