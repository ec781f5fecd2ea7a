/**
 * One SSH server per lab device, on the device's own loopback address (ssh2's Server behind a
 * plain net.Server, so that each connection can be handed to the server with the right host key).
 * Password, keyboard-interactive and public-key logins against the device's credentials; an
 * interactive shell (with or without a pty) and exec channels, both driven by the CLI engine.
 *
 * Faults (read from the device at the moment they apply): `refuseAuth` rejects every login,
 * `altHostKey` presents another host key, `down` cuts every connection at once; the command faults
 * (latency, drop after k commands, rejected commands) are the CLI engine's.
 */
import { type Server as NetServer, type Socket, createServer } from 'node:net';
import ssh2, { type AuthContext, type Connection, type ServerChannel } from 'ssh2';
import type { CliSession, DeviceCli } from '../cli/engine.js';
import { type LoginCredentials, passwordMatches } from './credentials.js';
import { type HostKeyStore, serverHostKey } from './host-keys.js';

const SshServer = ssh2.Server;
type SshServer = InstanceType<typeof ssh2.Server>;

export interface DeviceSshOptions {
  cli: DeviceCli;
  address: string;
  port: number;
  credentials: LoginCredentials;
  keys: HostKeyStore;
}

/** The software part of the SSH identification string, as the vendors' servers send it. */
function identOf(platform: string): string {
  return platform === 'ruijie-rgos' ? 'RGOS_SSH' : 'HUAWEI-1.5';
}

export class DeviceSshServer {
  private readonly net: NetServer;
  private readonly sockets = new Set<Socket>();
  private primary?: SshServer;
  private alt?: SshServer;
  private listening = false;

  constructor(private readonly o: DeviceSshOptions) {
    this.net = createServer((socket) => this.accept(socket));
    this.net.on('error', () => undefined);
  }

  get address(): string {
    return this.o.address;
  }

  get port(): number {
    const a = this.net.address();
    return a && typeof a === 'object' ? a.port : this.o.port;
  }

  start(): Promise<void> {
    // The device has its host key from boot, as a real one does (not made at the first login).
    this.server(false);
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.net.once('error', onError);
      this.net.listen(this.o.port, this.o.address, () => {
        this.net.off('error', onError);
        this.listening = true;
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    return new Promise((resolve) => this.net.close(() => resolve()));
  }

  /** Cut every open connection (the device went down or rebooted). */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  private server(alt: boolean): SshServer {
    const device = this.o.cli.device;
    const make = (key: string) => new SshServer({ hostKeys: [{ key: serverHostKey(key) }], ident: identOf(device.platform) }, (client) => this.client(client));
    if (alt) return (this.alt ??= make(this.o.keys.alternative(device.name).privateKey));
    return (this.primary ??= make(this.o.keys.primary(device.name).privateKey));
  }

  private accept(socket: Socket): void {
    const device = this.o.cli.device;
    if (!device.up) { socket.destroy(); return; }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    // CLI echo and answers are small writes: without this, Nagle + the client's delayed ACK add ~40 ms per command.
    socket.setNoDelay(true);
    this.server(!!device.faults.altHostKey).injectSocket(socket);
  }

  private authenticate(ctx: AuthContext): void {
    const device = this.o.cli.device;
    const cred = this.o.credentials;
    if (device.faults.refuseAuth || !device.up) { ctx.reject(); return; }
    const methods: AuthContext['method'][] = ['password', 'publickey', 'keyboard-interactive'];
    const userOk = ctx.username === cred.username;
    switch (ctx.method) {
      case 'password':
        if (userOk && passwordMatches(cred.password, ctx.password)) ctx.accept();
        else ctx.reject(methods);
        return;
      case 'keyboard-interactive':
        ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
          if (userOk && answers.length === 1 && passwordMatches(cred.password, answers[0] ?? '')) ctx.accept();
          else ctx.reject(methods);
        });
        return;
      case 'publickey': {
        const key = cred.publicKeys.find((k) => k.getPublicSSH().equals(ctx.key.data));
        if (!userOk || !key) { ctx.reject(methods); return; }
        if (ctx.signature && ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) { ctx.reject(methods); return; }
        ctx.accept();
        return;
      }
      default:
        ctx.reject(methods);
    }
  }

  private client(client: Connection): void {
    let username = this.o.credentials.username;
    const remote = (client as unknown as { _sock?: Socket })._sock?.remoteAddress ?? '127.0.0.1';
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      username = ctx.username;
      this.authenticate(ctx);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept?.());
        session.on('window-change', (accept) => accept?.());
        session.on('env', (accept) => accept?.());
        session.on('shell', (accept) => {
          const stream = accept();
          const { cli } = this.open(stream, client, { interactive: true, username, remote });
          cli.start();
        });
        session.on('exec', (accept, _reject, info) => {
          const stream = accept();
          const { cli, setExitCode } = this.open(stream, client, { interactive: false, username, remote });
          stream.on('end', () => cli.endOfInput());
          void cli.runExec(info.command).then((code) => {
            if (cli.isClosed) return;
            setExitCode(code);
            cli.drop('quit');
          });
        });
      });
    });
  }

  private open(stream: ServerChannel, client: Connection, opts: { interactive: boolean; username: string; remote: string }): { cli: CliSession; setExitCode: (code: number) => void } {
    let ended = false;
    let exitCode = 0;
    const cli = this.o.cli.openSession({
      write: (text) => { if (!ended) stream.write(text); },
      close: (reason) => {
        if (ended) return;
        ended = true;
        if (reason === 'drop') {
          // The connection is cut, as when a device reboots or a link fails mid-session.
          const sock = (client as unknown as { _sock?: Socket })._sock;
          if (sock) sock.destroy();
          else client.end();
          return;
        }
        try {
          stream.exit(exitCode);
          stream.end();
        } catch { /* the channel is already gone */ }
        if (opts.interactive) client.end();
      },
    }, opts);
    stream.on('data', (data: Buffer) => cli.feed(data.toString('utf8')));
    stream.on('close', () => { ended = true; cli.drop('drop'); });
    return { cli, setExitCode: (code) => { exitCode = code; } };
  }
}
