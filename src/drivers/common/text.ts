/**
 * Cleaning a device answer before a parser reads it: line ends, pager artefacts, escape
 * sequences, the echoed command, a VRP8 timestamp header and a trailing prompt.
 * Pure; vendor-neutral (the prompt and pager forms of VRP and RGOS are both recognised).
 */
import { DriverParseError } from './parse-error.js';

/** One cleaned line with its 1-based number in the original output (for error messages). */
export interface Line {
  text: string;
  n: number;
}

// VRP erases its pager with ESC[16D + spaces + ESC[16D; NOC also sees ESC[42D; RGOS/Cisco use backspaces.
const PAGER_ERASE = /\x1b\[\d+D *\x1b\[\d+D/g;
const VRP_PAGER = / {0,2}---- More ----/g;
const RGOS_PAGER = / ?--More-- ?/g;
const BACKSPACE_ERASE = /\x08+ *\x08+/g;
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const SPACE_BACK = / \x1b\[1D/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** `<HUAWEI>`, `[~HUAWEI-Vlanif10]`, `HRP_M<USG>`, `Ruijie#`, `Ruijie(config-if-VLAN 10)#`. */
export const PROMPT_LINE = /^(?:HRP_[AMS])?(?:<[^<>\s][^<>]*>|\[[~*]?[^[\]\s][^[\]]*\])\s*$|^[A-Za-z0-9][\w.\-]*(?:\([\w\s\-/.]+\))?[#>]\s*$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? ?(?:[+-]\d\d:\d\d)?(?: DST)?$/;

/** A line ending with the command after a prompt: `<HUAWEI>display version`, `Ruijie#show version`. */
function isEcho(line: string, command: string): boolean {
  const t = line.trim();
  const c = command.trim();
  if (c && t === c) return true;
  if (c && t.endsWith(c) && PROMPT_LINE.test(t.slice(0, t.length - c.length).trimEnd())) return true;
  // a prompt followed by any command (the driver may have sent an abbreviation such as `dis int br`)
  return PROMPTED_COMMAND.test(t);
}

const PROMPTED_COMMAND = /^(?:HRP_[AMS])?(?:<[^<>\s][^<>]*>|\[[~*]?[^[\]\s][^[\]]*\])\s*(?:dis|disp|displ|displa|display)\b|^[A-Za-z0-9][\w.\-]*(?:\([\w\s\-/.]+\))?[#>]\s*(?:sh|sho|show|do)\b/i;

/**
 * Splits a raw answer into cleaned lines (trailing blanks removed, leading indentation kept).
 * Removes the echo of `command`, a leading VRP8 timestamp, and trailing prompt lines.
 */
export function cleanLines(raw: string, command = ''): Line[] {
  const text = raw
    .replace(PAGER_ERASE, '')
    .replace(BACKSPACE_ERASE, '')
    .replace(VRP_PAGER, '')
    .replace(RGOS_PAGER, '')
    .replace(SPACE_BACK, '')
    .replace(ANSI, '')
    .replace(/\r\n/g, '\n');
  const lines: Line[] = text.split('\n').map((l, i) => {
    // A bare CR overwrites the line (VRP8 `Running: 33%\r` progress): keep what was printed last.
    const parts = l.split('\r').filter((p) => p.length > 0);
    return { text: (parts[parts.length - 1] ?? '').replace(CONTROL, '').replace(/\s+$/, ''), n: i + 1 };
  });
  let start = 0;
  while (start < lines.length && lines[start]!.text === '') start++;
  if (start < lines.length && isEcho(lines[start]!.text, command)) start++;
  while (start < lines.length && lines[start]!.text === '') start++;
  if (start < lines.length && TIMESTAMP.test(lines[start]!.text.trim())) start++;
  let end = lines.length;
  for (;;) {
    while (end > start && lines[end - 1]!.text === '') end--;
    if (end > start && PROMPT_LINE.test(lines[end - 1]!.text.trim())) end--;
    else break;
  }
  return lines.slice(start, end);
}

/** Lines that are not blank. */
export function nonBlank(lines: Line[]): Line[] {
  return lines.filter((l) => l.text.trim() !== '');
}

/** VRP and RGOS error replies: a rejected or unknown command is never "no data". */
const DEVICE_ERROR = /^\s*(?:Error:|% ?(?:Invalid|Incomplete|Ambiguous|Unknown|Unrecognized)|\^$)/;

/** Throws DriverParseError on the first line that is a device error message. */
export function rejectDeviceErrors(command: string, lines: Line[]): void {
  const i = lines.findIndex((l) => DEVICE_ERROR.test(l.text));
  if (i < 0) return;
  // name the message rather than the caret line that points at the error
  const message = lines.slice(i).find((l) => l.text.trim() !== '^' && DEVICE_ERROR.test(l.text)) ?? lines[i]!;
  throw new DriverParseError(command, message.text.trim(), message.n, 'the device rejected the command');
}

/** The standard start of every parser: clean, then refuse device errors. */
export function prepare(raw: string, command: string): Line[] {
  if (typeof raw !== 'string') throw new DriverParseError(command, String(raw), 0, 'output is not text');
  const lines = cleanLines(raw, command);
  rejectDeviceErrors(command, lines);
  return lines;
}

/** Throws the typed parse error for one line. */
export function fail(command: string, line: Line, reason?: string): never {
  throw new DriverParseError(command, line.text, line.n, reason);
}

/** For commands whose answer is never empty on a working device (`display version`, interface tables). */
export function requireOutput(command: string, lines: Line[]): Line[] {
  if (lines.every((l) => l.text.trim() === '')) throw new DriverParseError(command, '', 0, 'empty output');
  return lines;
}
