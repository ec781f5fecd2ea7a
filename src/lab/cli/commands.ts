/**
 * Small builders for the platforms' command tables: a command that sets its own line in the
 * current view (replacing the lines of the same setting), one that removes lines, and the
 * line-matching helpers they use.
 */
import type { CommandDef, Exec, SessionApi } from './platform.js';

export type LineTest = (line: string) => boolean;
export type LineSelector = string | RegExp | ((x: Exec) => LineTest);

/** Lines that are `prefix` or start with `prefix` and a blank. */
export const startsWithWords = (prefix: string): LineTest => (l) => l === prefix || l.startsWith(`${prefix} `);

export function toTest(sel: LineSelector, x: Exec): LineTest {
  if (typeof sel === 'string') return startsWithWords(sel);
  if (sel instanceof RegExp) return (l) => sel.test(l);
  return sel(x);
}

export function cmd(pattern: string, run: (x: Exec) => void | Promise<void>, when?: (s: SessionApi) => boolean): CommandDef {
  return when ? { pattern, run, when } : { pattern, run };
}

/** A command that only moves between views (see CommandDef.navigation). */
export function navCmd(pattern: string, run: (x: Exec) => void | Promise<void>, when?: (s: SessionApi) => boolean): CommandDef {
  return { ...cmd(pattern, run, when), navigation: true };
}

/** Store the typed line (canonical) in the current view; `replaces` selects the lines of the same setting. */
export function setCmd(pattern: string, replaces?: LineSelector, when?: (s: SessionApi) => boolean): CommandDef {
  return cmd(pattern, (x) => { x.set(replaces === undefined ? undefined : toTest(replaces, x)); }, when);
}

/** Remove the selected lines of the current view. */
export function unsetCmd(pattern: string, selects: LineSelector, when?: (s: SessionApi) => boolean): CommandDef {
  return cmd(pattern, (x) => { x.unset(toTest(selects, x)); }, when);
}

/** Store a fixed line (`undo lldp enable` typed → the line `undo lldp enable`; `lldp enable` → remove it). */
export function fixedLine(pattern: string, line: string, action: 'set' | 'unset', when?: (s: SessionApi) => boolean): CommandDef {
  return cmd(pattern, (x) => {
    if (action === 'set') x.set(undefined, line);
    else x.unset((l) => l === line);
  }, when);
}

export const isYes = (answer: string): boolean => /^\s*y(es)?\s*$/i.test(answer);
