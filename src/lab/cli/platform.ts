/**
 * What a simulated platform supplies to the CLI engine (engine.ts): its views and their command
 * tables, how it prompts, pages and reports errors, where its configuration lines go, and how it
 * prints secrets. One implementation per folder: huawei-vrp/, ruijie-rgos/, huawei-usg/.
 */
import type { Platform } from '../../model/index.js';
import type { ConfigNode, ConfigTree } from '../../render/index.js';
import type { ConfigLayout, ConfigStore, Level } from './config-store.js';
import type { CliDevice, CliHost } from './device-port.js';
import {
  type Args, type Candidate, type ErrorKind, type GrammarPlatform, type Parse, type PatternNode, type Word, compilePattern,
} from './grammar.js';

/** One level of the view stack. */
export interface Frame {
  view: CompiledView;
  /** Where the view's configuration commands write (the top level or a section). */
  level: Level;
  /** The view's part of the prompt (`Vlanif10`, `vpn-instance-A-af-ipv4`, `config-if-VLAN 10`). */
  label: string;
  /** Facts of the view (the interface's name, the zone's name...). */
  data: Record<string, string | number>;
}

/** The context a command runs in. */
export interface Exec {
  readonly device: CliDevice;
  readonly host: CliHost;
  readonly store: ConfigStore;
  readonly frame: Frame;
  readonly level: Level;
  readonly args: Args;
  /** The typed line, canonical: full keywords, canonical names and masks, secrets as the device stores them. */
  readonly line: string;
  /** The typed line as typed. */
  readonly raw: string;
  readonly words: readonly Word[];
  readonly parse: Parse;
  /** Session state the platform keeps (privilege, paging...). */
  readonly session: SessionApi;
  /** Print output lines. */
  out(...lines: string[]): void;
  /** Print the platform's error for a word of the line (semantic errors use fail). */
  syntaxError(kind: ErrorKind, wordIndex: number): void;
  /** Print a failure message (`Error: ...`, `% ...`): the command changed nothing. */
  fail(message: string): void;
  /** Set this line in the current view (see ConfigStore.setLine). */
  set(replaces?: (existing: string) => boolean, line?: string): ConfigNode;
  /** Remove lines of the current view. */
  unset(match: (line: string) => boolean): number;
  /** Enter a view whose configuration lives in `node`. */
  enter(view: string, node: ConfigNode | Level, label: string, data?: Record<string, string | number>): void;
  /** Ask a question and wait for the answer line (`[Y/N]:` prompts). */
  ask(question: string, echo?: boolean): Promise<string>;
  /** Mark the configuration changed (set/unset do it themselves). */
  changed(): void;
}

export interface SessionApi {
  /** Free-form per-session state (paging, privilege level). */
  readonly vars: Record<string, unknown>;
  readonly stack: Frame[];
  /** Leave views: down to `depth` frames (1 = the first view). */
  popTo(depth: number): void;
  /** Close the session after this command. */
  close(): void;
  /** Paging on or off for this session. */
  setPaging(on: boolean): void;
  readonly username: string;
  /** The peer address (for `display users` style output). */
  readonly remote: string;
}

export interface CommandDef {
  pattern: string;
  run(x: Exec): void | Promise<void>;
  /** Offered only when this holds (`return` not in user view, `security-policy` only on a USG6000). */
  when?(session: SessionApi): boolean;
  /** Only moves between views (`quit`, `return`, `exit`, `end`): reads no state, so a pending change is not published first. */
  navigation?: boolean;
}

export interface CompiledView {
  id: string;
  /** A configuration view: commands it does not know are looked up in the views below it. */
  config: boolean;
  candidates: Candidate<CommandDef>[];
}

export function compileView(id: string, config: boolean, commands: readonly CommandDef[]): CompiledView {
  return { id, config, candidates: commands.map((c) => ({ node: compilePattern(c.pattern) as PatternNode, data: c })) };
}

export interface PagerSpec {
  /** Written when a page is full (no newline). */
  prompt: string;
  /** Written after the key that continues or aborts. */
  erase: string;
  /** Lines per page. */
  lines: number;
}

export interface CliPlatform {
  readonly platform: Platform;
  readonly grammar: GrammarPlatform;
  readonly pager: PagerSpec;
  /** The layout of the device's configuration. */
  layout(device: CliDevice): ConfigLayout;
  /** The configuration of an unconfigured box (the empty baseline). */
  baseline(device: CliDevice): string;
  /** The first frame of a session (user view / user EXEC). */
  initialFrame(store: ConfigStore, session: SessionApi): Frame;
  /** Views by id. */
  view(id: string): CompiledView;
  /** The prompt for the current stack. */
  prompt(store: ConfigStore, session: SessionApi): string;
  /** Lines printed after login, before the first prompt. */
  banner(device: CliDevice, host: CliHost, session: SessionApi): string[];
  /** The lines of a syntax error; `caret` is the column of the `^`, `at` the index of the offending word. */
  syntaxError(kind: ErrorKind, caret: number, raw: string, frame: Frame, at: number): string[];
  /** A failure line. */
  failure(message: string): string;
  /** What a command rejected by the `rejectCommands` fault prints. */
  rejected(raw: string, caret: number): string[];
  /** A line the CLI ignores (comments, blank): VRP `#`, RGOS `!`. */
  isComment(raw: string): boolean;
  /** Ctrl+Z: where it goes. */
  ctrlZ(session: SessionApi): void;
  /** How a secret typed on the command line is stored and printed. */
  storeSecret(value: string, pieces: readonly { text: string; secret?: boolean }[], index: number): string;
  /** Turn the running configuration into the state's operational view (`tree`: `text` already parsed). */
  interpret(text: string, device: CliDevice, tree?: ConfigTree): import('../state/types.js').DeviceOperConfig;
  /** Mirror an SNMP SET into the configuration (ifAdminStatus, ifAlias, sysName, sysContact, sysLocation). */
  applySnmpSet(store: ConfigStore, e: import('../state/types.js').SnmpSetEvent): boolean;
  /** The device's name as the configuration sets it (prompt). */
  sysname(store: ConfigStore): string;
  /** The display/show command prefix a frame accepts everywhere (for help). */
  readonly globalView: CompiledView;
}
