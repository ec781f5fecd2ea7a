/**
 * The CLI engine: one DeviceCli per simulated device (its configuration store, shared by every
 * session) and one CliSession per SSH channel: the view stack, the prompt, line editing (echo,
 * CR/LF, backspace, Ctrl+C, Ctrl+Z), the pager, confirmation questions and the command faults
 * (latency, drop after k commands, rejected commands). Platform specifics come from a CliPlatform.
 *
 * A typed line is resolved in the current view; in a configuration sub-view a line the view does
 * not know is resolved in the views below it, and the session drops to that view (VRP and RGOS both
 * do this: `interface Vlanif20` typed in `[X-Vlanif10]` enters `[X-Vlanif20]`).
 */
import { isDropCommand, isRejectedCommand } from '../state/faults.js';
import { type ConfigTree, printTree } from '../../render/index.js';
import { ConfigStore, type Level } from './config-store.js';
import type { CliDevice, CliHost } from './device-port.js';
import { type ErrorKind, type MatchFailure, matchLine, splitWords } from './grammar.js';
import type { CliPlatform, CommandDef, CompiledView, Exec, Frame, SessionApi } from './platform.js';

export interface SessionIo {
  /** Send text to the terminal. */
  write(text: string): void;
  /** End the connection: `quit` (a clean close) or `drop` (the drop fault, a reboot: the connection is cut). */
  close(reason: 'quit' | 'drop'): void;
}

export interface SessionOptions {
  /** A shell with a terminal: echo, paging, prompts. False for an exec channel. */
  interactive: boolean;
  username: string;
  remote?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A pause in configuration input after which the CLI publishes what was typed (see scheduleCommit). */
export const COMMIT_IDLE_MS = 20;

/** The CLI of one device: its running-configuration store and its sessions. */
export class DeviceCli {
  readonly store: ConfigStore;
  private lastText: string | undefined;
  /** The tree `lastText` was printed from (the interpreter reads it instead of parsing the text again). */
  private lastTree: ConfigTree | undefined;
  private readonly sessions = new Set<CliSession>();
  private readonly onSnmpSet: (e: import('../state/types.js').SnmpSetEvent) => void;
  private readonly onReboot: () => void;

  constructor(readonly platform: CliPlatform, readonly device: CliDevice, readonly host: CliHost) {
    this.store = new ConfigStore(platform.layout(device));
    device.setConfigInterpreter((text: string) => platform.interpret(text, device, text === this.lastText ? this.lastTree : undefined));
    this.onSnmpSet = (e) => {
      this.flush();
      this.sync();
      if (platform.applySnmpSet(this.store, e)) this.commit('snmp');
    };
    this.onReboot = () => {
      this.cancelCommit();
      for (const s of [...this.sessions]) s.drop();
    };
    device.on('snmp-set', this.onSnmpSet);
    device.on('reboot', this.onReboot);
  }

  /** Boot the device with a configuration text as both running and saved (undefined: the empty baseline). */
  boot(text?: string): void {
    const t = text ?? this.platform.baseline(this.device);
    this.store.load(t);
    const printed = this.print();
    this.device.setSaved(printed, 'boot');
    this.device.setRunning(printed, 'boot');
  }

  /** Reload the store when the running configuration changed behind the CLI's back (reboot, API). */
  sync(): void {
    if (this.pendingCommit) return; // the store is ahead of the text: nothing can have changed behind it
    const text = this.device.running;
    if (text !== this.lastText) {
      if (text.trim() === '') this.store.load(this.platform.baseline(this.device));
      else this.store.load(text);
      this.lastText = text;
      this.lastTree = undefined;
    }
  }

  private pendingCommit: NodeJS.Timeout | undefined;

  /**
   * A configuration command changed the store. The change is published (printed, interpreted,
   * the state recomputed) once, not once per line: when the session leaves configuration, when
   * input pauses for COMMIT_IDLE_MS, or the moment anything reads or changes the lab's state (the
   * device holds the change: LabDevice.holdChange), whichever comes first. Displays publish first.
   */
  scheduleCommit(): void {
    if (this.pendingCommit) {
      this.pendingCommit.refresh();
      return;
    }
    this.pendingCommit = setTimeout(() => this.flush(), COMMIT_IDLE_MS);
    this.device.holdChange?.(() => this.flush());
  }

  /** Publish a pending change now. */
  flush(): void {
    if (!this.pendingCommit) return;
    this.cancelCommit();
    this.commit('cli');
  }

  private cancelCommit(): void {
    if (!this.pendingCommit) return;
    clearTimeout(this.pendingCommit);
    this.pendingCommit = undefined;
    this.device.releaseHeld?.();
  }

  /** Publish the store as the running configuration. */
  commit(source: 'cli' | 'snmp' = 'cli'): void {
    const previous = this.lastText;
    const text = this.print();
    if (text !== previous) this.device.setRunning(text, source);
  }

  /** Print the store, keeping the text and the tree it came from (the interpreter reads the tree). */
  private print(): string {
    const tree = this.store.toTree();
    this.lastTree = tree;
    this.lastText = printTree(tree, this.store.layout.platform);
    return this.lastText;
  }

  openSession(io: SessionIo, opts: SessionOptions): CliSession {
    this.sync();
    const s = new CliSession(this, io, opts);
    this.sessions.add(s);
    s.vars.users = this.sessions.size;
    return s;
  }

  /** @internal */ forget(s: CliSession): void {
    this.sessions.delete(s);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  dispose(): void {
    this.flush();
    for (const s of [...this.sessions]) s.drop();
    this.device.off('snmp-set', this.onSnmpSet);
    this.device.off('reboot', this.onReboot);
    this.device.setConfigInterpreter(undefined);
  }
}

type Mode = 'line' | 'busy' | 'more' | 'ask' | 'closed';

/** Per view: the candidate lists by the answers of its conditional commands (see CliSession.candidates). */
const candidateCache = new WeakMap<CompiledView, Map<string, CompiledView['candidates']>>();
const conditionals = new WeakMap<CompiledView, number[]>();

/** Positions of a view's commands that have a `when` condition. */
function conditionalOf(view: CompiledView): number[] {
  let list = conditionals.get(view);
  if (!list) {
    list = view.candidates.flatMap((c, i) => (c.data.when ? [i] : []));
    conditionals.set(view, list);
  }
  return list;
}

export class CliSession implements SessionApi {
  readonly vars: Record<string, unknown> = {};
  readonly stack: Frame[] = [];
  readonly username: string;
  readonly remote: string;
  private readonly platform: CliPlatform;
  private readonly interactive: boolean;
  private paging: boolean;
  private mode: Mode = 'line';
  private input = '';
  private buf = '';
  private lastCR = false;
  private pending: string[] = [];
  private more: string[] = [];
  private askResolve: ((line: string) => void) | undefined;
  private askEcho = true;
  private commands = 0;
  private closeAfter = false;
  private dirty = false;
  private dropNow = false;
  private exitCode = 0;
  /** Output held while a burst of input is processed (see batch()): one write per received chunk, not one per echoed character. */
  private held = '';
  private batching = 0;

  constructor(private readonly cli: DeviceCli, private readonly io: SessionIo, opts: SessionOptions) {
    this.platform = cli.platform;
    this.interactive = opts.interactive;
    this.paging = opts.interactive;
    this.username = opts.username;
    this.remote = opts.remote ?? '127.0.0.1';
    this.stack.push(this.platform.initialFrame(cli.store, this));
  }

  // ---------------------------------------------------------------------------- SessionApi

  popTo(depth: number): void {
    while (this.stack.length > Math.max(1, depth)) this.stack.pop();
  }

  close(): void {
    this.closeAfter = true;
  }

  setPaging(on: boolean): void {
    this.paging = on;
  }

  get prompt(): string {
    return this.platform.prompt(this.cli.store, this);
  }

  get isClosed(): boolean {
    return this.mode === 'closed';
  }

  // ---------------------------------------------------------------------------- shell

  /** Banner and first prompt. */
  start(): void {
    const lines = this.platform.banner(this.cli.device, this.cli.host, this);
    this.io.write(lines.map((l) => `${l}\r\n`).join('') + this.prompt);
  }

  /** Bytes from the terminal. */
  feed(data: string): void {
    if (this.mode === 'closed') return;
    this.input += data;
    this.batch(() => this.pump());
  }

  /** End of input from the client (exec channel stdin closed): pending questions get an empty answer. */
  endOfInput(): void {
    if (this.mode === 'ask' && this.askResolve) {
      const r = this.askResolve;
      this.askResolve = undefined;
      this.mode = 'busy';
      r('');
    }
  }

  /** End the session now: `drop` cuts the connection (reboot, drop fault, lab stop), `quit` closes it cleanly. */
  drop(reason: 'quit' | 'drop' = 'drop'): void {
    if (this.mode === 'closed') return;
    this.release();
    this.mode = 'closed';
    this.cli.forget(this);
    if (this.askResolve) { const r = this.askResolve; this.askResolve = undefined; r(''); }
    this.io.close(reason);
  }

  private write(text: string): void {
    if (this.mode === 'closed') return;
    if (this.batching > 0) this.held += text;
    else this.io.write(text);
  }

  /**
   * Run `fn` with the terminal output held, then send it in one write: the echo of a received chunk,
   * the end of line and whatever the commands print go out together, in the same order and bytes.
   */
  private batch(fn: () => void): void {
    this.batching++;
    try {
      fn();
    } finally {
      this.batching--;
      if (this.batching === 0) this.release();
    }
  }

  private release(): void {
    if (!this.held) return;
    const text = this.held;
    this.held = '';
    if (this.mode !== 'closed') this.io.write(text);
  }

  private pump(): void {
    while (this.input.length > 0) {
      if (this.mode === 'busy' || this.mode === 'closed') return;
      const ch = this.input[0]!;
      this.input = this.input.slice(1);
      const wasCR = this.lastCR;
      this.lastCR = ch === '\r';
      if (ch === '\n' && wasCR) continue; // CR LF is one Enter
      if (this.mode === 'more') { this.pagerKey(ch); continue; }
      if (ch === '\x1b') { this.swallowEscape(); continue; }
      if (ch === '\r' || ch === '\n') {
        const line = this.buf;
        this.buf = '';
        if (this.interactive) this.write('\r\n');
        if (this.mode === 'ask') {
          const r = this.askResolve!;
          this.askResolve = undefined;
          this.mode = 'busy';
          r(line);
        } else {
          this.startLine(line);
        }
        continue;
      }
      if (ch === '\x7f' || ch === '\b') {
        if (this.buf.length > 0) {
          this.buf = this.buf.slice(0, -1);
          if (this.interactive) this.write('\b \b');
        }
        continue;
      }
      if (ch === '\x03') { // Ctrl+C: drop the line
        this.buf = '';
        if (this.mode === 'ask') { this.write('\r\n'); const r = this.askResolve!; this.askResolve = undefined; this.mode = 'busy'; r(''); continue; }
        this.write(`\r\n${this.prompt}`);
        continue;
      }
      if (ch === '\x1a') { // Ctrl+Z
        if (this.mode !== 'line') continue;
        this.buf = '';
        this.platform.ctrlZ(this);
        this.write(`\r\n${this.prompt}`);
        continue;
      }
      if (ch === '\t' || ch < ' ') continue;
      this.buf += ch;
      if (this.interactive && (this.mode !== 'ask' || this.askEcho)) this.write(ch);
    }
  }

  private swallowEscape(): void {
    // ESC [ ... final byte (arrow keys and the like): ignored.
    if (this.input[0] === '[' || this.input[0] === 'O') {
      let i = 1;
      while (i < this.input.length && !/[A-Za-z~]/.test(this.input[i]!)) i++;
      this.input = this.input.slice(Math.min(i + 1, this.input.length));
    }
  }

  private startLine(line: string): void {
    this.mode = 'busy';
    // The echo of the line waits for the command's answer, so that a command costs one write (one
    // SSH packet) rather than two; the hold ends before anything slow (a question, the latency fault).
    this.batching++;
    const done = () => {
      this.batching--;
      this.batch(() => this.finishLine());
    };
    void this.handleLine(line).then(done, (err: unknown) => {
      this.pending.push(this.platform.failure(`Internal error: ${(err as Error).message}`));
      done();
    });
  }

  private finishLine(): void {
    if (this.mode === 'closed') return;
    if (this.closeAfter) {
      this.flush(false);
      this.drop('quit');
      return;
    }
    if (this.dropNow) {
      this.flush(false);
      this.drop();
      return;
    }
    this.mode = 'line';
    this.flush(true);
    if (this.mode === 'line') this.write(this.prompt);
    this.release(); // this command's answer goes out before the next buffered line starts
    this.pump();
  }

  /** Write pending output; with `page`, through the pager. */
  private flush(page: boolean): void {
    const lines = this.pending;
    this.pending = [];
    const size = this.platform.pager.lines;
    if (!page || !this.paging || !this.interactive || lines.length <= size) {
      if (lines.length) this.write(lines.map((l) => `${l}\r\n`).join(''));
      return;
    }
    this.write(lines.slice(0, size).map((l) => `${l}\r\n`).join('') + this.platform.pager.prompt);
    this.more = lines.slice(size);
    this.mode = 'more';
  }

  private pagerKey(ch: string): void {
    let n: number;
    if (ch === ' ') n = this.platform.pager.lines;
    else if (ch === '\r' || ch === '\n') n = 1;
    else if (ch === 'q' || ch === 'Q' || ch === '\x03') n = 0;
    else return;
    this.write(this.platform.pager.erase);
    if (n === 0) this.more = [];
    const next = this.more.slice(0, n);
    this.more = this.more.slice(n);
    if (next.length) this.write(next.map((l) => `${l}\r\n`).join(''));
    if (this.more.length) { this.write(this.platform.pager.prompt); return; }
    this.mode = 'line';
    this.write(this.prompt);
  }

  // ---------------------------------------------------------------------------- exec channel

  /**
   * Run command lines without a terminal (`ssh host 'display version'`): no echo, no prompt, no
   * pager; output is written as it comes. Resolves with the exit status (0, 1 after an error,
   * -1 when the connection was dropped).
   */
  async runExec(text: string): Promise<number> {
    for (const line of text.split(/\r?\n/)) {
      if (this.mode === 'closed') return -1;
      this.mode = 'busy';
      await this.handleLine(line);
      this.flush(false);
      if (this.closeAfter || this.dropNow) break;
    }
    if (this.dropNow) {
      this.drop('drop');
      return -1;
    }
    if (this.mode === 'closed') return -1;
    this.mode = 'line';
    return this.exitCode;
  }

  // ---------------------------------------------------------------------------- one command

  private async handleLine(raw: string): Promise<void> {
    if (raw.trim() === '' || this.platform.isComment(raw)) return;
    this.commands++;
    const device = this.cli.device;
    const faults = device.faults;
    if (faults.latencyMs) {
      this.release(); // a slow device still echoes at once
      await sleep(faults.latencyMs);
    }
    if (this.mode === 'closed') return;
    const promptLen = this.interactive ? this.prompt.length : 0;
    if (isRejectedCommand(faults, raw)) {
      const at = raw.length - raw.trimStart().length;
      this.pending.push(...this.platform.rejected(raw, promptLen + at));
      this.exitCode = 1;
    } else {
      await this.execute(raw, promptLen);
    }
    if (this.dirty) {
      this.dirty = false;
      this.cli.scheduleCommit();
    }
    // Back out of configuration (return, end, quit to the user view: the only view of the stack's
    // first frame, on both platforms): publish now.
    if (this.stack.length === 1) this.cli.flush();
    if (faults.dropAfterCommands && this.commands >= faults.dropAfterCommands) this.dropNow = true;
    if (isDropCommand(faults, raw)) this.dropNow = true;
  }

  /**
   * The commands a view offers this session now (`top`: with the display commands every view
   * has). The same array for the same answers of the commands' `when` conditions, so that the
   * matcher's index of it is built once.
   */
  private candidates(view: CompiledView, top: boolean): CompiledView['candidates'] {
    const views = top ? [view, this.platform.globalView] : [view];
    let key = top ? 't' : 'f';
    for (const v of views) for (const i of conditionalOf(v)) key += v.candidates[i]!.data.when!(this) ? '1' : '0';
    let cache = candidateCache.get(view);
    if (!cache) candidateCache.set(view, (cache = new Map()));
    let list = cache.get(key);
    if (!list) {
      list = views.flatMap((v) => v.candidates.filter((c) => !c.data.when || c.data.when(this)));
      cache.set(key, list);
    }
    return list;
  }

  private async execute(raw: string, promptLen: number): Promise<void> {
    this.cli.sync();
    // `display ... | include X` / `show ... | begin X`: run the command, then filter its output.
    const pipe = /^(\s*(?:dis|disp|displ|displa|display|sh|sho|show|do)\s.*?\S)\s*\|\s*(\S+)\s+(.+?)\s*$/i.exec(raw);
    const filter = pipe && ['include', 'exclude', 'begin', 'section'].find((k) => k.startsWith(pipe[2]!.toLowerCase()));
    if (pipe && filter) {
      const from = this.pending.length;
      await this.executeLine(pipe[1]!, promptLen);
      let re: RegExp;
      try { re = new RegExp(pipe[3]!); } catch { re = new RegExp(pipe[3]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')); }
      const lines = this.pending.splice(from);
      let on = false;
      this.pending.push(...lines.filter((l) => {
        if (filter === 'exclude') return !re.test(l);
        if (filter === 'begin') return (on ||= re.test(l));
        return re.test(l);
      }));
      return;
    }
    await this.executeLine(raw, promptLen);
  }

  private async executeLine(raw: string, promptLen: number): Promise<void> {
    const words = splitWords(raw);
    let failure: MatchFailure | undefined;
    for (let d = this.stack.length - 1; d >= 0; d--) {
      const frame = this.stack[d]!;
      const r = matchLine(this.platform.grammar, this.candidates(frame.view, d === this.stack.length - 1), raw, words);
      if (r.ok) {
        if (d < this.stack.length - 1) this.popTo(d + 1);
        await this.run(r.data, frame, r.parse, raw, words, promptLen);
        return;
      }
      if (!failure || r.failure.at > failure.at) failure = r.failure;
      if (!frame.view.config) break;
    }
    const f = failure ?? { kind: 'unrecognized', at: 0 };
    this.syntaxError(f.kind, f.at, raw, words, promptLen);
  }

  private syntaxError(kind: ErrorKind, at: number, raw: string, words: ReturnType<typeof splitWords>, promptLen: number): void {
    const offset = at < words.length ? words[at]!.start : raw.trimEnd().length;
    this.pending.push(...this.platform.syntaxError(kind, promptLen + offset, raw, this.stack[this.stack.length - 1]!, at));
    this.exitCode = 1;
  }

  private async run(cmd: CommandDef, frame: Frame, parse: import('./grammar.js').Parse, raw: string, words: ReturnType<typeof splitWords>, promptLen: number): Promise<void> {
    const store = this.cli.store;
    // Displays and user-view commands (save, reboot) see the published configuration and state.
    // Moving between views reads nothing: a pending change stays pending (published once the burst is over).
    if (!cmd.navigation && (frame === this.stack[0] || this.platform.globalView.candidates.some((c) => c.data === cmd))) this.cli.flush();
    const line = parse.pieces.map((p, i) => (p.secret ? this.platform.storeSecret(p.text, parse.pieces, i) : p.text)).join(' ');
    const x: Exec = {
      device: this.cli.device,
      host: this.cli.host,
      store,
      frame,
      level: frame.level,
      args: parse.args,
      line,
      raw,
      words,
      parse,
      session: this,
      out: (...lines) => { for (const l of lines) this.pending.push(...l.split('\n')); },
      syntaxError: (kind, wordIndex) => this.syntaxError(kind, wordIndex, raw, words, promptLen),
      fail: (message) => { this.pending.push(this.platform.failure(message)); this.exitCode = 1; },
      set: (replaces, l) => { this.dirty = true; return store.setLine(frame.level, l ?? line, replaces); },
      unset: (match) => { const n = store.remove(frame.level, match); if (n) this.dirty = true; return n; },
      enter: (view, node, label, data = {}) => {
        const level: Level = { line: node.line, children: node.children };
        this.stack.push({ view: this.platform.view(view), level, label, data });
      },
      ask: async (question, echo = true) => {
        this.flush(false);
        this.write(question.split('\n').join('\r\n'));
        this.release();
        this.mode = 'ask';
        this.askEcho = echo;
        // The line's hold (startLine) is lifted while the answer is typed: it is echoed as typed.
        this.batching--;
        try {
          return await new Promise<string>((resolve) => { this.askResolve = resolve; this.batch(() => this.pump()); });
        } finally {
          this.batching++;
          if (!this.isClosed) this.mode = 'busy';
        }
      },
      changed: () => { this.dirty = true; },
    };
    await cmd.run(x);
  }
}

export { type CommandDef } from './platform.js';
