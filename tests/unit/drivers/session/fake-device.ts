/**
 * A minimal SSH device for the session's unit tests: an ssh2 Server on 127.0.0.1 that speaks
 * just enough VRP or RGOS (reference/huawei-vrp.md §1, ruijie-rgos.md §1) to exercise the session:
 * banner, prompts with no trailing newline, character echo, views, the pager, `[Y/N]` questions,
 * the vendors' error texts, slow commands, dropped connections and a changeable host key.
 */
import { type AddressInfo, type Server as NetServer, type Socket, createServer } from 'node:net';
import { type Connection, Server, type ServerChannel, utils } from 'ssh2';

export type Family = 'vrp' | 'rgos';

/**
 * An Ed25519 key pair both halves of which ssh2 can read: ssh2 1.17 drops a leading zero byte of
 * the public key, so about 1 generated key in 256 is malformed (mscdex/ssh2#1390): generate again.
 */
export function goodKeyPair(): { private: string; public: string } {
  for (let attempt = 0; ; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.public) instanceof Error) && !(utils.parseKey(pair.private) instanceof Error)) return pair;
    if (attempt > 16) throw new Error('cannot generate a readable ed25519 key pair');
  }
}

export interface FakeDeviceOptions {
  family: Family;
  name: string;
  username?: string;
  password?: string;
  /** OpenSSH public key text accepted for publickey auth. */
  authorizedKey?: string;
  /** RGOS: start in user EXEC (`name>`), `enable` asks for this password. */
  enablePassword?: string;
  /** Ask the VRP first-login password-change question before the first prompt. */
  passwordChangeQuestion?: boolean;
  /** Lines per page while paging is on. */
  pageLines?: number;
  /** Ignore the paging command (it is rejected): the client must answer the pager. */
  rejectPagingCommand?: boolean;
  /** Delay before answering each command. */
  latencyMs?: number;
  /** Cut the TCP connection when the k-th command (counted from login) arrives. */
  dropAtCommand?: number;
  /** Extra command handlers: output lines (or a promise of them). */
  commands?: Record<string, (dev: FakeDevice) => string[] | Promise<string[]>>;
  /** Reject every login. */
  refuseAuth?: boolean;
  /** What the server offers (ssh2's lists), e.g. only X25519 key exchange. */
  algorithms?: import('ssh2').Algorithms;
}

interface Shell {
  stack: string[];
  paging: boolean;
  privileged: boolean;
  commands: number;
  conn: Connection;
  stream: ServerChannel;
  /** Pending question: the next line is its answer. */
  ask?: (answer: string) => void;
  more?: string[];
  buf: string;
  busy: boolean;
  queue: string;
}

const CONFIG_VRP = ['#', 'sysname NAME', '#', 'vlan batch 10 20', '#', 'interface Vlanif10', ' ip address 10.0.10.1 255.255.255.0', '#', 'return'];

export class FakeDevice {
  readonly o: FakeDeviceOptions & { username: string; password: string; pageLines: number };
  name: string;
  hostKey: string;
  private ssh: Server;
  private readonly net: NetServer;
  private readonly sockets = new Set<Socket>();
  private readonly conns = new Set<Connection>();
  /** Every command line received, in order (all sessions). */
  readonly received: string[] = [];
  /** Lines of the saved configuration (set by save/write). */
  saved = false;
  config: string[] = [];
  port = 0;

  constructor(opts: FakeDeviceOptions) {
    this.o = { username: 'admin', password: 'secret-pw', pageLines: 10, ...opts };
    this.name = opts.name;
    this.hostKey = FakeDevice.newHostKey();
    this.ssh = this.makeServer();
    this.net = createServer((sock) => {
      this.sockets.add(sock);
      sock.on('close', () => this.sockets.delete(sock));
      sock.on('error', () => undefined);
      sock.setNoDelay(true);
      this.ssh.injectSocket(sock);
    });
  }

  static newHostKey(): string {
    return goodKeyPair().private;
  }

  /** Present another host key from now on. */
  rotateHostKey(): void {
    this.hostKey = FakeDevice.newHostKey();
    // ssh2's Server reads hostKeys at construction: a new one serves new connections.
    this.ssh = this.makeServer();
  }

  private makeServer(): Server {
    return new Server({
      hostKeys: [this.hostKey], ident: this.o.family === 'vrp' ? 'HUAWEI-1.5' : 'RGOS_SSH', ...(this.o.algorithms ? { algorithms: this.o.algorithms } : {}),
    }, (conn) => this.client(conn));
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.net.listen(0, '127.0.0.1', () => {
      this.port = (this.net.address() as AddressInfo).port;
      resolve();
    }));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.net.close(() => resolve()));
  }

  /** Open TCP connections to the device. */
  get connections(): number {
    return this.sockets.size;
  }

  private client(conn: Connection): void {
    this.conns.add(conn);
    conn.on('close', () => this.conns.delete(conn));
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx) => {
      if (this.o.refuseAuth || ctx.username !== this.o.username) return ctx.reject();
      if (ctx.method === 'password') return ctx.password === this.o.password ? ctx.accept() : ctx.reject();
      if (ctx.method === 'publickey' && this.o.authorizedKey) {
        const allowed = utils.parseKey(this.o.authorizedKey);
        const key = Array.isArray(allowed) ? allowed[0] : allowed;
        if (!(key instanceof Error) && key && key.getPublicSSH().equals(ctx.key.data)) {
          if (!ctx.signature) return ctx.accept();
          return key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
        }
      }
      return ctx.reject(['password', 'publickey']);
    });
    conn.on('ready', () => {
      conn.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('shell', (ok) => {
          const stream = ok();
          const sh: Shell = {
            stack: [], paging: true, privileged: this.o.family === 'rgos' ? this.o.enablePassword === undefined : true,
            commands: 0, conn, stream, buf: '', busy: false, queue: '',
          };
          stream.on('data', (d: Buffer) => this.feed(sh, d.toString('utf8')));
          stream.on('error', () => undefined);
          this.start(sh);
        });
      });
    });
  }

  prompt(sh: Shell): string {
    if (this.o.family === 'vrp') {
      if (sh.stack.length === 0) return `<${this.name}>`;
      const top = sh.stack[sh.stack.length - 1]!;
      return top === '' ? `[${this.name}]` : `[${this.name}-${top}]`;
    }
    if (sh.stack.length === 0) return `${this.name}${sh.privileged ? '#' : '>'}`;
    return `${this.name}(${sh.stack[sh.stack.length - 1]})#`;
  }

  private start(sh: Shell): void {
    const banner = this.o.family === 'vrp'
      ? ['Info: The max number of VTY users is 10, and the number', '      of current VTY users on line is 1.', '      The current login time is 2026-04-22 10:12:22-03:00.', '']
      : [''];
    if (this.o.passwordChangeQuestion) {
      sh.stream.write(`${banner.join('\r\n')}\r\nWarning: The initial password poses security risks.\r\nThe password needs to be changed. Change now? [Y/N]:`);
      sh.ask = (answer) => {
        sh.stream.write('\r\n' + this.prompt(sh));
        if (!/^n/i.test(answer)) sh.stream.write('');
      };
      return;
    }
    sh.stream.write(banner.join('\r\n') + '\r\n' + this.prompt(sh));
  }

  private feed(sh: Shell, data: string): void {
    sh.queue += data;
    this.pump(sh);
  }

  private pump(sh: Shell): void {
    while (sh.queue.length > 0 && !sh.busy) {
      const ch = sh.queue[0]!;
      sh.queue = sh.queue.slice(1);
      if (sh.more) {
        if (ch === ' ' || ch === 'q') {
          const next = ch === 'q' ? [] : sh.more.splice(0, this.o.pageLines);
          sh.stream.write(this.o.family === 'vrp' ? '\x1b[16D                \x1b[16D' : '\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b');
          if (next.length) sh.stream.write(next.map((l) => `${l}\r\n`).join(''));
          if (ch !== 'q' && sh.more.length) { sh.stream.write(this.o.family === 'vrp' ? '  ---- More ----' : ' --More-- '); continue; }
          sh.more = undefined;
          sh.stream.write(this.prompt(sh));
        }
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && sh.buf === '' && (sh as { lastCR?: boolean }).lastCR) { (sh as { lastCR?: boolean }).lastCR = false; continue; }
        (sh as { lastCR?: boolean }).lastCR = ch === '\r';
        const line = sh.buf;
        sh.buf = '';
        sh.stream.write('\r\n');
        if (sh.ask) { const a = sh.ask; sh.ask = undefined; a(line); continue; }
        sh.busy = true;
        void this.line(sh, line).finally(() => { sh.busy = false; this.pump(sh); });
        continue;
      }
      sh.buf += ch;
      // Huawei's echo artefact: a space and a cursor-left after some characters.
      sh.stream.write(this.o.family === 'vrp' && ch === ' ' ? ' \x1b[1D ' : ch);
    }
  }

  private out(sh: Shell, lines: string[]): void {
    if (sh.paging && lines.length > this.o.pageLines) {
      sh.stream.write(lines.slice(0, this.o.pageLines).map((l) => `${l}\r\n`).join('') + (this.o.family === 'vrp' ? '  ---- More ----' : ' --More-- '));
      sh.more = lines.slice(this.o.pageLines);
      return;
    }
    sh.stream.write(lines.map((l) => `${l}\r\n`).join('') + this.prompt(sh));
  }

  private question(sh: Shell, text: string): Promise<string> {
    sh.stream.write(text);
    return new Promise((resolve) => { sh.ask = resolve; sh.busy = false; this.pump(sh); });
  }

  private error(sh: Shell, line: string, kind: 'unrecognized' | 'incomplete' | 'invalid'): string[] {
    const caret = ' '.repeat(this.prompt(sh).length) + '^';
    if (this.o.family === 'vrp') {
      const msg = kind === 'incomplete' ? 'Incomplete command' : kind === 'invalid' ? 'Wrong parameter' : 'Unrecognized command';
      return [caret, `Error: ${msg} found at '^' position.`];
    }
    if (kind === 'incomplete') return ['% Incomplete command.'];
    void line;
    return [caret, "% Invalid input detected at '^' marker."];
  }

  private async line(sh: Shell, raw: string): Promise<void> {
    const line = raw.trim();
    if (line === '') { sh.stream.write(this.prompt(sh)); return; }
    sh.commands++;
    this.received.push(line);
    if (this.o.dropAtCommand && sh.commands >= this.o.dropAtCommand) {
      (sh.conn as unknown as { _sock: { destroy(): void } })._sock.destroy();
      return;
    }
    if (this.o.latencyMs) await new Promise((r) => setTimeout(r, this.o.latencyMs));
    const custom = this.o.commands?.[line];
    if (custom) { this.out(sh, await custom(this)); return; }
    const vrp = this.o.family === 'vrp';
    let m: RegExpExecArray | null;
    if (vrp && line === 'screen-length 0 temporary') {
      if (this.o.rejectPagingCommand) { this.out(sh, this.error(sh, line, 'unrecognized')); return; }
      sh.paging = false;
      this.out(sh, ['Info: The configuration takes effect on the current user terminal interface only.']);
      return;
    }
    if (!vrp && line === 'terminal length 0') {
      if (this.o.rejectPagingCommand) { this.out(sh, this.error(sh, line, 'invalid')); return; }
      sh.paging = false;
      this.out(sh, []);
      return;
    }
    if (!vrp && line === 'enable' && !sh.privileged) {
      const pw = await this.question(sh, 'Password:');
      sh.busy = true;
      if (pw === this.o.enablePassword) sh.privileged = true;
      this.out(sh, sh.privileged ? [] : ['% Access denied']);
      return;
    }
    if (line === 'display version' || line === 'show version') {
      this.out(sh, vrp
        ? ['Huawei Versatile Routing Platform Software', 'VRP (R) software, Version 5.170 (S5700 V200R010C00SPC600)', `HUAWEI S5700-28C-HI Routing Switch uptime is 0 week, 1 day, 2 hours, 3 minutes`]
        : ['System description      : Ruijie Gigabit Security & Intelligence Access Switch(S5750-24GT4XS-L) By Ruijie Networks', 'System software version : S5750_RGOS 11.0(5)B9P59']);
      return;
    }
    if (line === 'display long' || line === 'show long') {
      this.out(sh, Array.from({ length: 35 }, (_, i) => `line ${i + 1}`));
      return;
    }
    if (line === 'display current-configuration' || line === 'show running-config') {
      this.out(sh, (vrp ? CONFIG_VRP : ['!', `hostname ${this.name}`, '!', 'vlan 10', '!', 'end']).map((l) => l.replace('NAME', this.name)).concat(this.config));
      return;
    }
    if (vrp && line === 'save') {
      const a = await this.question(sh, 'Warning: The current configuration will be written to the device. Continue? [Y/N]:');
      sh.busy = true;
      if (/^y/i.test(a)) { this.saved = true; this.out(sh, ['Now saving the current configuration to the slot 1 .', 'Info: Save the configuration successfully.']); }
      else this.out(sh, ['Info: The operation has been cancelled.']);
      return;
    }
    if (!vrp && (line === 'write' || line === 'write memory')) {
      this.saved = true;
      this.out(sh, ['Building configuration...', '[OK]']);
      return;
    }
    if (vrp && /^sys(tem-view)?$/.test(line) && sh.stack.length === 0) { sh.stack.push(''); this.out(sh, ['Enter system view, return user view with Ctrl+Z.']); return; }
    if (!vrp && /^conf(igure)?( t(erminal)?)?$/.test(line) && sh.stack.length === 0 && sh.privileged) { sh.stack.push('config'); this.out(sh, ['Enter configuration commands, one per line.  End with CNTL/Z.']); return; }
    if (sh.stack.length > 0) {
      if (vrp && line === 'quit') { sh.stack.pop(); this.out(sh, []); return; }
      if (vrp && line === 'return') { sh.stack = []; this.out(sh, []); return; }
      if (!vrp && line === 'exit') { sh.stack.pop(); this.out(sh, []); return; }
      if (!vrp && line === 'end') { sh.stack = []; this.out(sh, []); return; }
      if ((m = /^interface (\S+(?: \S+)?)$/.exec(line))) {
        if (sh.stack.length > 1) sh.stack.pop();
        sh.stack.push(vrp ? m[1]! : `config-if-${m[1]}`);
        this.config.push(line);
        this.out(sh, []);
        return;
      }
      if ((m = /^(?:sysname|hostname) (\S+)$/.exec(line))) { this.name = m[1]!; this.out(sh, []); return; }
      if (vrp && line === 'undo mpls') {
        const a = await this.question(sh, 'Warning: All the MPLS configurations will be deleted. Continue? [Y/N]:');
        sh.busy = true;
        this.out(sh, /^y/i.test(a) ? [] : ['Info: The operation has been cancelled.']);
        return;
      }
      if (line === 'ip address') { this.out(sh, this.error(sh, line, 'incomplete')); return; }
      if (/^(description|ip address|vlan|port|shutdown|undo shutdown|no shutdown|snmp-agent|snmp-server)\b/.test(line)) {
        this.config.push(line);
        this.out(sh, vrp && line.startsWith('vpn-target') ? ['Info: VPN-Target assignment is successful.'] : []);
        return;
      }
    }
    if (vrp && line === 'quit' && sh.stack.length === 0) { sh.conn.end(); return; }
    if (/^ip address$/.test(line)) { this.out(sh, this.error(sh, line, 'incomplete')); return; }
    this.out(sh, this.error(sh, line, 'unrecognized'));
  }
}
