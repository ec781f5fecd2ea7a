/** SSH clients for the lab tests: ssh2's Client in process, with promise helpers. */
import { join } from 'node:path';
import ssh2, { type ClientChannel, type ConnectConfig } from 'ssh2';
import type { LabAddress } from '../../../src/lab/index.js';

export const { Client, utils } = ssh2;
export type SshClient = InstanceType<typeof Client>;

export const ROOT = join(import.meta.dirname, '../../..');
export const PROVINCIAL = join(ROOT, 'topology/provincial-dc');
export const PASSWORD = 'lab-pass-1';

export interface Connected {
  client: SshClient;
  /** The host key the server presented (raw public key blob). */
  hostKey: Buffer;
}

export function connect(entry: LabAddress, opts: Partial<ConnectConfig> = {}): Promise<Connected> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKey: Buffer = Buffer.alloc(0);
    client.on('ready', () => resolve({ client, hostKey }));
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => PASSWORD)));
    client.on('error', reject);
    client.connect({
      host: entry.address, port: entry.sshPort, username: 'dcnet', password: PASSWORD, readyTimeout: 5000,
      hostVerifier: (key: Buffer) => { hostKey = key; return true; },
      ...opts,
    } as ConnectConfig);
  });
}

export function exec(client: SshClient, command: string): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) { reject(err); return; }
      let out = '';
      let code: number | null = null;
      stream.on('data', (d: Buffer) => { out += d.toString('utf8'); });
      stream.on('exit', (c: number | null) => { code = c; });
      stream.on('close', () => resolve({ out, code }));
      stream.end();
    });
  });
}

/** An interactive shell: `until(re)` resolves with the output once it matches. */
export class Shell {
  private buf = '';
  closed = false;
  private waiters: { re: RegExp; resolve: (s: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];

  private constructor(readonly stream: ClientChannel) {
    stream.on('data', (d: Buffer) => { this.buf += d.toString('utf8'); this.check(); });
    stream.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) { clearTimeout(w.timer); w.reject(new Error(`shell closed; output so far: ${JSON.stringify(this.buf)}`)); }
    });
  }

  static open(client: SshClient, pty = true): Promise<Shell> {
    return new Promise((resolve, reject) => {
      client.shell(pty ? { term: 'vt100', rows: 24, cols: 120 } : false, (err, stream) => (err ? reject(err) : resolve(new Shell(stream))));
    });
  }

  private check(): void {
    for (const w of [...this.waiters]) {
      if (w.re.test(this.buf)) {
        clearTimeout(w.timer);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        const out = this.buf;
        this.buf = '';
        w.resolve(out);
      }
    }
  }

  until(re: RegExp, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${re}; got ${JSON.stringify(this.buf)}`)), timeoutMs);
      this.waiters.push({ re, resolve, reject, timer });
      this.check();
    });
  }

  send(text: string): void {
    this.stream.write(text);
  }

  /** Send a line, resolve with the output up to the next prompt. */
  run(line: string, prompt = /(?:<[^>\r\n]+>|\[[^\]\r\n]+\]|[\w.-]+(?:\([^)\r\n]*\))?[#>])$/): Promise<string> {
    this.send(`${line}\r`);
    return this.until(prompt);
  }
}

export function closed(client: SshClient): Promise<void> {
  return new Promise((resolve) => client.once('close', () => resolve()));
}
