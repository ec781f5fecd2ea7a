/**
 * One prompt-driven CLI session over SSH (ssh2 Client, interactive shell). Never sleep-driven:
 * every read ends on something the device printed.
 *
 * Algorithm
 *  1. Take a global slot from the pool (waits; DRIVER_BUSY after acquireTimeoutMs).
 *  2. Connect. The host key is checked against the HostKeyStore inside ssh2's handshake: unknown →
 *     recorded (first use), same → accepted, different → the handshake is refused and open()
 *     fails with DRIVER_HOST_KEY_CHANGED (never silently accepted). Password (also answered to
 *     keyboard-interactive) or private-key authentication; refused → DRIVER_AUTH.
 *  3. Open a shell and read until a prompt of the CLI family appears at the end of the output
 *     (answering a first-login password-change question with N). Learn the exact prompt: the
 *     device name it carries (`<CORE1>` → `CORE1`). From then on a read ends only on a prompt
 *     carrying that name, in any view (`[CORE1]`, `[~CORE1-Vlanif10]`, `CORE1(config-if-VLAN 10)#`).
 *  4. RGOS in user EXEC (`name>`): `enable`, answering `Password:`. Then disable paging
 *     (`screen-length 0 temporary` / `terminal length 0`).
 *  5. Each command: write it, then read until the learned prompt returns. While reading, a pager
 *     (`  ---- More ----`, ` --More-- `) is answered with a space, and a question (`[Y/N]`, `(y/n)`,
 *     file name, `[default = ...]`) with the command's confirmation policy. The response is cleaned
 *     (pager and its erase sequence, ANSI, backspaces, CR overwrites), the echo (first line) and the
 *     prompt (last line) are stripped, and the vendor's error text (VRP `Error:` lines, RGOS `%`
 *     lines) marks the command rejected.
 *  6. A batch (`run`) stops at the first rejected command: DRIVER_COMMAND_REJECTED naming the
 *     command, its position and the device's message, with the results so far.
 *  7. Per-command timeout (DRIVER_TIMEOUT, the session is then destroyed: its state is unknown),
 *     per-session lifetime (DRIVER_TIMEOUT), ssh2 keepalives. A connection that drops while a
 *     command is in flight fails it with DRIVER_DISCONNECTED and the commands completed so far.
 *  8. However the session ends, its sockets are closed, its listeners and timers removed, and its
 *     pool slot and device lock released.
 *
 * Secrets: a command may carry `{{secret:<ref>}}` tokens; they are resolved just before writing,
 * and the command is logged and returned with the token; the resolved values (and the login
 * password) are scrubbed from everything returned or logged.
 */
import { StringDecoder } from 'node:string_decoder';

import type { Logger } from 'pino';
import { Client, type Algorithms, type ClientChannel, type ConnectConfig, type NegotiatedAlgorithms } from 'ssh2';

import { type CredentialSource, type ResolvedCredentials, type Secret, resolveCredentialSource } from '../credentials.js';
import { DriverError, isDriverError } from '../errors.js';
import { type HostKeyRecord, type HostKeyStore, hostKeyRecordOf } from '../host-keys.js';
import type { CommandResult } from '../types.js';
import {
  type CliDialect, type LearnedPrompt, DEFAULT_VALUE_QUESTION, FILE_NAME_QUESTION, PASSWORD_CHANGE_QUESTION, PASSWORD_QUESTION, QUESTION,
  cleanText,
} from './dialect.js';
import { type PooledSession, type SessionPool, defaultPool } from './pool.js';

export interface SessionTimeouts {
  /** TCP + SSH handshake + authentication. Default 15 000 ms. */
  connectMs: number;
  /** From the shell opening to the first prompt, and each preparation command. Default 15 000 ms. */
  loginMs: number;
  /** One command, from writing it to its prompt. Default 30 000 ms. */
  commandMs: number;
  /** The whole session, from open to close. Default 600 000 ms. */
  sessionMs: number;
}

export const DEFAULT_TIMEOUTS: SessionTimeouts = { connectMs: 15_000, loginMs: 15_000, commandMs: 30_000, sessionMs: 600_000 };

/** How a question is answered: always Y, always N, or per question and command. */
export type ConfirmPolicy = 'yes' | 'no' | ((question: string, command: string) => string);

export interface SessionOptions {
  /** The device's name (logs, errors, host-key store). */
  device: string;
  host: string;
  /** Default 22. */
  port?: number;
  dialect: CliDialect;
  credentials: CredentialSource;
  hostKeys: HostKeyStore;
  pool?: SessionPool;
  /** A child logger ({device, platform}); commands at debug, raw output at trace. */
  logger?: Logger;
  timeouts?: Partial<SessionTimeouts>;
  /** ssh2 keepalive interval. Default 15 000 ms (3 unanswered → the connection is considered dead). */
  keepaliveIntervalMs?: number;
  /** Resolves `{{secret:<ref>}}` tokens in commands just before they are written. */
  resolveSecret?: (ref: string) => Secret | string | Promise<Secret | string>;
  algorithms?: Algorithms;
}

export interface CommandOptions {
  timeoutMs?: number;
  confirm?: ConfirmPolicy;
  /** Answer a `Password:` question (RGOS `enable`) with the policy. */
  expectPassword?: boolean;
}

export interface RunOptions extends CommandOptions {
  /** Per-command confirmation policy (overrides `confirm`). */
  confirmFor?: (command: string) => ConfirmPolicy | undefined;
}

type State = 'new' | 'connecting' | 'login' | 'ready' | 'closing' | 'closed';

interface Reader {
  chunks: string[];
  tail: string;
  done(raw: string): void;
  fail(err: Error): void;
  /** Looks at the tail after each chunk. */
  check(): void;
}

const TOKEN = /\{\{secret:([^}]+)\}\}/g;
/** Enough of the end of a response to hold a prompt, a pager line or a question. */
const TAIL = 512;
const NO_VALUES: ReadonlyMap<string, string> = new Map();
/** The last visible character of a chunk that may end a read: `>` `]` `#` (prompts), `:` `)` `]` (questions), `-` (pagers), a letter of a trailing ESC[nD. */
const MAY_END_READ = /[>\]#:)\-D]\s*$/;
const noop = (): void => undefined;

/** The default answer to a question: Y, except for commands that reboot or erase (N). */
export function defaultConfirm(question: string, command: string): string {
  if (FILE_NAME_QUESTION.test(question)) return 'vrpcfg.zip';
  if (DEFAULT_VALUE_QUESTION.test(question)) return '';
  if (PASSWORD_CHANGE_QUESTION.test(question)) return 'N';
  if (/^\s*(?:reboot|reload|reset\b|format|delete|erase|startup|undo\s+startup|switchover)/i.test(command)) return 'N';
  return 'Y';
}

function answerOf(policy: ConfirmPolicy, question: string, command: string): string {
  if (typeof policy === 'function') return policy(question, command);
  if (FILE_NAME_QUESTION.test(question)) return policy === 'yes' ? 'vrpcfg.zip' : '\x03';
  if (DEFAULT_VALUE_QUESTION.test(question)) return policy === 'yes' ? '' : '\x03';
  return policy === 'yes' ? 'Y' : 'N';
}

function lastLine(text: string): string {
  const i = text.lastIndexOf('\n');
  return i < 0 ? text : text.slice(i + 1);
}

/**
 * ssh2's algorithm lists with one preference moved: key exchange over NIST P-256 first (VRP and
 * RGOS releases offer it; not all offer X25519), which ssh2 does with less CPU than X25519 (about
 * 0.5-1 ms less per handshake over both ends). Everything else, and the fallbacks for older
 * devices, stays as ssh2 orders it; SessionOptions.algorithms replaces it all. (ssh2's `prepend`
 * skips a name already in the list: it is removed first. The keys are applied in this order.)
 */
export const DEFAULT_ALGORITHMS: Algorithms = {
  kex: { remove: 'ecdh-sha2-nistp256', prepend: 'ecdh-sha2-nistp256', append: [] },
};

export class SshSession implements PooledSession {
  readonly device: string;
  readonly target: string;
  private readonly o: SessionOptions;
  private readonly dialect: CliDialect;
  private readonly pool: SessionPool;
  private readonly timeouts: SessionTimeouts;
  private readonly log: Logger | undefined;
  private state: State = 'new';
  private client: Client | undefined;
  private channel: ClientChannel | undefined;
  private decoder = new StringDecoder('utf8');
  private reader: Reader | undefined;
  private learned: LearnedPrompt | undefined;
  private promptRe: RegExp | undefined;
  private releaseSlot: (() => void) | undefined;
  private releaseLock: (() => void) | undefined;
  private lockPromise: Promise<void> | undefined;
  /** Aborted when the session ends: a wait for the device lock gives up at once. */
  private readonly aborter = new AbortController();
  private sessionTimer: NodeJS.Timeout | undefined;
  /** Why the session ended (thrown to whoever uses it afterwards). */
  private endError: DriverError | undefined;
  /** Values never to log: the login secrets and resolved command secrets (value → what to print instead). */
  private readonly secrets = new Map<string, string>();
  private hostKeyProblem: DriverError | undefined;
  /** A batch in progress: for DRIVER_DISCONNECTED / DRIVER_TIMEOUT details. */
  private inFlight: { command: string; index: number; completed: CommandResult[] } | undefined;
  private busy = false;
  /** Commands written in this session (statistics). */
  commandsSent = 0;

  private constructor(o: SessionOptions, pool: SessionPool) {
    this.o = o;
    this.device = o.device;
    this.target = `${o.host}:${o.port ?? 22}`;
    this.dialect = o.dialect;
    this.pool = pool;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...o.timeouts };
    this.log = o.logger;
  }

  /** Connect, authenticate, verify the host key, learn the prompt and disable paging. */
  static async open(o: SessionOptions): Promise<SshSession> {
    const pool = o.pool ?? defaultPool();
    const s = new SshSession(o, pool);
    s.releaseSlot = await pool.acquireSlot(o.device);
    try {
      await s.connect();
      await s.login();
    } catch (err) {
      s.destroy();
      throw err;
    }
    return s;
  }

  get prompt(): LearnedPrompt | undefined {
    return this.learned;
  }

  get isOpen(): boolean {
    return this.state === 'ready';
  }

  /** Internals the tests look at to prove nothing leaks. */
  get resources(): { client: boolean; channel: boolean; socketOpen: boolean; listeners: number; timers: boolean; slot: boolean; lock: boolean } {
    const sock = (this.client as unknown as { _sock?: { destroyed?: boolean } } | undefined)?._sock;
    const listeners = (this.client ? this.client.eventNames().reduce((n, e) => n + this.client!.listenerCount(e), 0) : 0)
      + (this.channel ? this.channel.eventNames().reduce((n, e) => n + this.channel!.listenerCount(e), 0) : 0);
    return {
      client: this.client !== undefined,
      channel: this.channel !== undefined,
      socketOpen: !!sock && !sock.destroyed,
      listeners,
      timers: this.sessionTimer !== undefined,
      slot: this.releaseSlot !== undefined,
      lock: this.releaseLock !== undefined,
    };
  }

  // ---------------------------------------------------------------------------- connect

  private async connect(): Promise<void> {
    this.state = 'connecting';
    let creds: ResolvedCredentials;
    try {
      creds = await resolveCredentialSource(this.o.credentials);
    } catch (err) {
      if (isDriverError(err)) throw err;
      throw new DriverError('DRIVER_CREDENTIALS', `${this.device}: the credentials could not be resolved`, { device: this.device }, err);
    }
    const password = creds.password?.reveal();
    const enable = creds.enablePassword?.reveal();
    if (password) this.secrets.set(password, '<secret>');
    if (enable) this.secrets.set(enable, '<secret>');
    this.enablePassword = enable ?? password;

    this.sessionTimer = setTimeout(() => this.expire(), this.timeouts.sessionMs);
    this.sessionTimer.unref();

    const client = new Client();
    this.client = client;
    const cfg: ConnectConfig = {
      host: this.o.host,
      port: this.o.port ?? 22,
      username: creds.username,
      readyTimeout: this.timeouts.connectMs,
      keepaliveInterval: this.o.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: 3,
      tryKeyboard: password !== undefined,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        this.verifyHostKey(key).then(verify, () => verify(false));
      },
      ...(password !== undefined ? { password } : {}),
      ...(creds.privateKey ? { privateKey: creds.privateKey.reveal() } : {}),
      ...(creds.passphrase ? { passphrase: creds.passphrase.reveal() } : {}),
      algorithms: this.o.algorithms ?? DEFAULT_ALGORITHMS,
    };
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      };
      client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
        finish(prompts.map(() => password ?? ''));
      });
      client.once('handshake', (n: NegotiatedAlgorithms) => { this.negotiatedAlgorithms = n; });
      client.once('ready', () => {
        this.state = 'login';
        settle();
      });
      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (this.state === 'connecting') settle(this.connectError(err));
        else this.lost(err);
      });
      client.on('close', () => {
        if (this.state === 'connecting') settle(this.hostKeyProblem ?? new DriverError('DRIVER_CONNECT', `${this.device}: the connection closed during the SSH handshake`, this.where()));
        else this.lost();
      });
      try {
        client.connect(cfg);
        // Commands and answers are small writes: without this, Nagle + delayed ACK add ~40 ms per exchange.
        client.setNoDelay(true);
      } catch (err) {
        settle(new DriverError('DRIVER_CONNECT', `${this.device}: cannot start the SSH connection: ${(err as Error).message}`, this.where(), err));
      }
    });
    this.pool.register(this);
    this.channel = await new Promise<ClientChannel>((resolve, reject) => {
      client.shell({ term: 'vt100', cols: 511, rows: 24, width: 0, height: 0 }, (err, ch) => {
        if (err) reject(new DriverError('DRIVER_CONNECT', `${this.device}: the device refused an interactive shell: ${err.message}`, this.where(), err));
        else resolve(ch);
      });
    });
    this.channel.on('data', (d: Buffer) => this.onData(d));
    this.channel.stderr.on('data', (d: Buffer) => this.onData(d));
    this.channel.on('close', () => this.lost());
    this.channel.on('error', (err: Error) => this.lost(err));
  }

  private enablePassword: string | undefined;
  private negotiatedAlgorithms: NegotiatedAlgorithms | undefined;

  /** What the SSH handshake settled on (key exchange, host key, ciphers, MACs), once connected. */
  get negotiated(): Readonly<NegotiatedAlgorithms> | undefined {
    return this.negotiatedAlgorithms;
  }

  private where(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { device: this.device, host: this.o.host, port: this.o.port ?? 22, ...extra };
  }

  private async verifyHostKey(blob: Buffer): Promise<boolean> {
    const presented = hostKeyRecordOf(blob);
    let stored: HostKeyRecord | undefined;
    try {
      stored = await this.o.hostKeys.get(this.device, this.o.host);
      if (!stored) {
        stored = await this.o.hostKeys.set(this.device, this.o.host, presented);
        if (stored.fingerprint === presented.fingerprint) {
          this.log?.info({ fingerprint: presented.fingerprint, keyType: presented.keyType }, 'host key recorded on first use');
        }
      }
    } catch (err) {
      this.hostKeyProblem = new DriverError('DRIVER_HOST_KEY_STORE', `${this.device}: the host-key store failed; connection refused`, this.where(), err);
      return false;
    }
    if (stored.fingerprint === presented.fingerprint) return true;
    this.hostKeyProblem = new DriverError(
      'DRIVER_HOST_KEY_CHANGED',
      `${this.device} (${this.o.host}) presented host key ${presented.fingerprint}, but ${stored.fingerprint} is recorded: connection refused. If the device was really replaced, forget its recorded key first.`,
      this.where({ expected: stored.fingerprint, presented: presented.fingerprint, keyType: presented.keyType }),
    );
    this.log?.warn({ expected: stored.fingerprint, presented: presented.fingerprint }, 'host key changed: connection refused');
    return false;
  }

  private connectError(err: Error & { level?: string; code?: string }): DriverError {
    if (this.hostKeyProblem) return this.hostKeyProblem;
    const msg = this.scrub(err.message);
    switch (err.level) {
      case 'client-authentication':
        return new DriverError('DRIVER_AUTH', `${this.device}: the device refused the login (${msg})`, this.where(), err);
      case 'client-timeout':
        return new DriverError('DRIVER_TIMEOUT', `${this.device}: no SSH session within ${this.timeouts.connectMs} ms`, this.where({ phase: 'connect', timeoutMs: this.timeouts.connectMs }), err);
      default:
        return new DriverError('DRIVER_CONNECT', `${this.device}: cannot connect to ${this.target}: ${msg}`, this.where({ code: err.code }), err);
    }
  }

  // ---------------------------------------------------------------------------- login

  private async login(): Promise<void> {
    const t = this.timeouts.loginMs;
    const raw = await this.read({
      command: '',
      until: (line) => this.dialect.anyPrompt.test(line),
      confirm: 'no',
      timeoutMs: t,
      phase: 'login',
    });
    const clean = cleanText(this.dialect, raw);
    const learned = this.dialect.learn(clean.slice(-TAIL));
    if (!learned) throw new DriverError('DRIVER_PROMPT', `${this.device}: no prompt recognised after login`, this.where({ tail: this.scrub(clean.slice(-200)) }));
    this.setPrompt(learned);
    this.log?.debug({ prompt: learned.line }, 'prompt learned');
    this.state = 'ready';

    if (this.dialect.family === 'rgos' && learned.mode === 'user') {
      const r = await this.exec('enable', {
        timeoutMs: t,
        expectPassword: true,
        confirm: (q) => (PASSWORD_QUESTION.test(q) ? this.enablePassword ?? '' : 'N'),
      });
      if (!r.ok || this.learned?.mode !== 'privileged') {
        throw new DriverError('DRIVER_AUTH', `${this.device}: enable was refused${r.error ? ` (${r.error})` : ''}`, this.where({ phase: 'enable' }));
      }
    }
    for (const cmd of this.dialect.prepare) {
      const r = await this.exec(cmd, { timeoutMs: t, confirm: 'no' });
      if (!r.ok) this.log?.warn({ command: cmd, error: r.error }, 'session preparation command rejected; the pager will be answered instead');
    }
  }

  private setPrompt(p: LearnedPrompt): void {
    this.learned = p;
    this.promptRe = this.dialect.promptFor(p.base);
  }

  // ---------------------------------------------------------------------------- reading

  private onData(d: Buffer): void {
    const s = this.decoder.write(d);
    if (!s) return;
    const r = this.reader;
    if (!r) {
      this.log?.trace({ output: this.scrub(s) }, 'unsolicited output');
      return;
    }
    r.chunks.push(s);
    r.tail = (r.tail + s).slice(-TAIL);
    // Prompts, pagers and questions all end in one of these characters (then maybe blanks or an
    // erase sequence); most chunks (echoed characters, lines of output) do not, and skip the checks.
    if (MAY_END_READ.test(s)) r.check();
  }

  private read(o: {
    command: string;
    /** Whether the last line of the cleaned output is where the read ends (a prompt). */
    until: (lastLine: string) => boolean;
    confirm: ConfirmPolicy;
    timeoutMs: number;
    phase: 'login' | 'command';
    onPrompt?: (lastLine: string) => void;
    expectPassword?: boolean;
  }): Promise<string> {
    if (this.endError) return Promise.reject(this.endError);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        const tail = this.scrub(cleanText(this.dialect, r.tail).slice(-200));
        const err = new DriverError(
          'DRIVER_TIMEOUT',
          o.phase === 'login'
            ? `${this.device}: no prompt within ${o.timeoutMs} ms of login`
            : `${this.device}: \`${o.command}\` did not complete within ${o.timeoutMs} ms`,
          this.where({ phase: o.phase, command: o.command, timeoutMs: o.timeoutMs, tail, ...this.batchDetails() }),
        );
        r.fail(err);
        // The device is in an unknown state (it may still be working): this session is finished.
        this.end(err);
      }, o.timeoutMs);
      const r: Reader = {
        chunks: [],
        tail: '',
        done: (raw) => {
          clearTimeout(timer);
          this.reader = undefined;
          resolve(raw);
        },
        fail: (err) => {
          clearTimeout(timer);
          this.reader = undefined;
          reject(err);
        },
        check: () => {
          const stripped = lastLine(r.tail).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''); // the pager is on the last line
          if (this.dialect.pager.test(stripped)) {
            r.tail = '';
            this.write(' ');
            return;
          }
          const clean = cleanText(this.dialect, r.tail);
          // Prompts and questions are one line, the last: the patterns run on it alone (anchored at
          // its start, they would otherwise be tried at every offset of the tail).
          const q = lastLine(clean);
          if (o.until(q)) {
            o.onPrompt?.(q);
            r.done(r.chunks.join(''));
            return;
          }
          if (q.length > 0 && (QUESTION.test(q) || FILE_NAME_QUESTION.test(q) || DEFAULT_VALUE_QUESTION.test(q) || (o.expectPassword === true && PASSWORD_QUESTION.test(clean.slice(-64))))) {
            const answer = answerOf(o.confirm, q, o.command);
            this.log?.debug({ command: o.command, question: this.scrub(q), answer: o.expectPassword ? '<secret>' : answer }, 'question answered');
            r.tail = '';
            this.write(answer.endsWith('\x03') ? answer : `${answer}\n`);
          }
        },
      };
      this.reader = r;
    });
  }

  private write(text: string): void {
    const ch = this.channel;
    if (!ch || this.state === 'closed') return;
    ch.write(text);
  }

  // ---------------------------------------------------------------------------- commands

  /** The command as written to the device, its `{{secret:<ref>}}` tokens resolved (exec calls this only for commands that carry one). */
  private async resolveTokens(command: string): Promise<{ wire: string; values: Map<string, string> }> {
    const values = new Map<string, string>();
    const refs = [...new Set([...command.matchAll(TOKEN)].map((m) => m[1]!))];
    let wire = command;
    for (const ref of refs) {
      if (!this.o.resolveSecret) {
        throw new DriverError('DRIVER_CREDENTIALS', `${this.device}: a command carries the secret reference ${ref} but the driver has no secret resolver`, this.where({ reference: ref }));
      }
      let value: string;
      try {
        const v = await this.o.resolveSecret(ref);
        value = typeof v === 'string' ? v : v.reveal();
      } catch (err) {
        if (isDriverError(err)) throw err;
        throw new DriverError('DRIVER_CREDENTIALS', `${this.device}: cannot resolve secret reference ${ref}`, this.where({ reference: ref }), err);
      }
      if (value !== '') {
        this.secrets.set(value, `{{secret:${ref}}}`);
        values.set(value, `{{secret:${ref}}}`);
      }
      wire = wire.split(`{{secret:${ref}}}`).join(value);
    }
    return { wire: wire.trim(), values };
  }

  /** Replace every known secret value with its token (or `<secret>`). */
  private scrub(text: string): string {
    if (this.secrets.size === 0 || !text) return text;
    let out = text;
    for (const [value, token] of this.secrets) if (value && out.includes(value)) out = out.split(value).join(token);
    return out;
  }

  /**
   * Run one command and return its output. A rejected command gives `ok: false` with the device's
   * message (it does not throw); transport failures throw (DRIVER_TIMEOUT, DRIVER_DISCONNECTED...).
   */
  async exec(command: string, opts: CommandOptions = {}): Promise<CommandResult> {
    this.assertUsable();
    if (this.busy) throw new DriverError('DRIVER_BUSY', `${this.device}: the session is already running a command; one command at a time`, this.where({ command }));
    this.busy = true;
    try {
      // Most commands carry no secret token: no resolver round trip for them.
      const { wire, values } = command.includes('{{secret:') ? await this.resolveTokens(command) : { wire: command.trim(), values: NO_VALUES };
      const shown = command.trim();
      const rename = this.dialect.renames(wire);
      const renamedRe = rename ? this.dialect.promptFor(rename) : undefined;
      this.log?.debug({ command: shown }, 'send');
      const t0 = performance.now();
      const pending = this.read({
        command: shown,
        until: (line) => this.promptRe!.test(line) || (renamedRe?.test(line) ?? false),
        onPrompt: (line) => {
          const seen = this.dialect.learn(line);
          if (!seen) return;
          if (rename && renamedRe?.test(line)) this.setPrompt({ ...seen, base: rename });
          else this.learned = { ...seen, base: this.learned!.base };
        },
        confirm: opts.confirm ?? 'no',
        timeoutMs: opts.timeoutMs ?? this.timeouts.commandMs,
        phase: 'command',
        ...(opts.expectPassword ? { expectPassword: true } : {}),
      });
      this.write(`${wire}\n`);
      this.commandsSent++;
      const raw = await pending;
      this.log?.trace({ command: shown, output: this.scrub(raw), ms: Math.round(performance.now() - t0) }, 'received');
      // The command's own secrets are replaced by their tokens in what it returns (the device may echo them).
      let output = this.extract(raw, wire);
      for (const [value, token] of values) output = output.split(value).join(token);
      const error = this.dialect.rejection(output.split('\n'));
      return error === undefined ? { command: shown, output, ok: true } : { command: shown, output, ok: false, error };
    } finally {
      this.busy = false;
    }
  }

  /**
   * Run a batch in order. Stops at the first rejected command with DRIVER_COMMAND_REJECTED
   * (details: command, index, position, total, message, results so far including the rejected one).
   */
  async run(commands: readonly string[], opts: RunOptions = {}): Promise<CommandResult[]> {
    const results: CommandResult[] = [];
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]!;
      this.inFlight = { command: command.trim(), index: i, completed: results };
      try {
        const r = await this.exec(command, { timeoutMs: opts.timeoutMs, confirm: opts.confirmFor?.(command) ?? opts.confirm ?? defaultConfirm });
        results.push(r);
        if (!r.ok) {
          throw new DriverError(
            'DRIVER_COMMAND_REJECTED',
            `${this.device} rejected command ${i + 1} of ${commands.length} \`${r.command}\`: ${r.error}`,
            this.where({ command: r.command, index: i, position: i + 1, total: commands.length, message: r.error, output: r.output, results: [...results] }),
          );
        }
      } finally {
        this.inFlight = undefined;
      }
    }
    return results;
  }

  private batchDetails(): Record<string, unknown> {
    const f = this.inFlight;
    if (!f) return {};
    return { index: f.index, position: f.index + 1, completed: f.completed.map((r) => r.command), results: [...f.completed] };
  }

  /** The response without the echo (first line) and the prompt (last line). */
  private extract(raw: string, wire: string): string {
    const lines = cleanText(this.dialect, raw).split('\n');
    lines.pop(); // the prompt
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    if (lines.length > 0 && wire !== '' && norm(lines[0]!).endsWith(norm(wire))) lines.shift();
    return lines.length ? `${lines.join('\n')}\n` : '';
  }

  private assertUsable(): void {
    if (this.endError) throw this.endError;
    if (this.state !== 'ready') {
      throw new DriverError('DRIVER_CLOSED', `${this.device}: the session is ${this.state === 'closed' || this.state === 'closing' ? 'closed' : 'not open'}`, this.where());
    }
  }

  // ---------------------------------------------------------------------------- configuration lock

  /** Become the device's configuring session (waits for another one; DRIVER_BUSY after lockTimeoutMs). */
  async lockForConfig(timeoutMs?: number): Promise<void> {
    this.assertUsable();
    if (this.releaseLock) return;
    this.lockPromise ??= this.pool.lockDevice(this, timeoutMs, this.aborter.signal).then((release) => {
      if (this.state === 'closed') { release(); throw this.endError ?? new DriverError('DRIVER_CLOSED', `${this.device}: the session closed while waiting for the configuration lock`, this.where()); }
      this.releaseLock = release;
    }).finally(() => { this.lockPromise = undefined; });
    await this.lockPromise;
  }

  get holdsConfigLock(): boolean {
    return this.releaseLock !== undefined;
  }

  // ---------------------------------------------------------------------------- ending

  private expire(): void {
    this.sessionTimer = undefined;
    const err = new DriverError('DRIVER_TIMEOUT', `${this.device}: the session exceeded its lifetime of ${this.timeouts.sessionMs} ms`, this.where({ phase: 'session', timeoutMs: this.timeouts.sessionMs, ...this.batchDetails() }));
    this.reader?.fail(err);
    this.end(err);
  }

  /** The connection went away (socket closed, channel closed, transport error). */
  private lost(err?: Error): void {
    if (this.state === 'closed' || this.state === 'closing') return;
    const e = new DriverError(
      'DRIVER_DISCONNECTED',
      `${this.device}: the connection dropped${this.inFlight ? ` during command ${this.inFlight.index + 1} \`${this.inFlight.command}\`, after ${this.inFlight.completed.length} completed` : ''}`,
      this.where({ ...(this.inFlight ? { command: this.inFlight.command } : {}), ...this.batchDetails(), ...(err ? { reason: this.scrub(err.message) } : {}) }),
      err,
    );
    this.log?.warn({ err: e.message }, 'connection lost');
    this.reader?.fail(e);
    this.end(e);
  }

  private end(err: DriverError): void {
    this.endError ??= err;
    this.destroy();
  }

  /** Close gracefully: end the SSH connection and wait (briefly) for it to go. */
  async close(): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return;
    const client = this.client;
    this.state = 'closing';
    if (client) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        client.once('close', () => { clearTimeout(t); resolve(); });
        try { client.end(); } catch { resolve(); }
      });
    }
    this.destroy();
  }

  /** Tear everything down now (idempotent). */
  destroy(reason?: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.endError ??= new DriverError('DRIVER_CLOSED', `${this.device}: the session is closed${reason ? ` (${reason})` : ''}`, this.where());
    if (this.sessionTimer) clearTimeout(this.sessionTimer);
    this.sessionTimer = undefined;
    this.reader?.fail(this.endError);
    this.reader = undefined;
    this.aborter.abort(this.endError);
    const ch = this.channel;
    if (ch) {
      ch.removeAllListeners();
      ch.stderr.removeAllListeners();
      ch.on('error', noop);
      try { ch.destroy(); } catch { /* already gone */ }
    }
    const c = this.client;
    if (c) {
      c.removeAllListeners();
      c.on('error', noop); // a late transport error on a dead connection must not crash the process
      try { c.destroy(); } catch { /* already gone */ }
    }
    this.channel = undefined;
    this.client = undefined;
    this.pool.unregister(this);
    this.releaseLock?.();
    this.releaseLock = undefined;
    this.releaseSlot?.();
    this.releaseSlot = undefined;
  }
}
