/**
 * Interop with the real OpenSSH client (Debian package openssh-client, and tmux for the interactive
 * session): `ssh host 'display version'` with a key generated here and with a password through
 * SSH_ASKPASS (no sshpass needed), host-key checking against the key the lab reports (and the
 * altHostKey fault tripping it), and an interactive session driven through tmux.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology } from '../../../src/model/index.js';
import { type LabHandle, startLab } from '../../../src/lab/index.js';
import { PASSWORD, PROVINCIAL } from './helpers.js';
import { generateHostKey } from '../../../src/lab/ssh/host-keys.js';

/** An Ed25519 pair both halves of which ssh2 reads (ssh2 1.17 mangles about 1 key in 256). */
function readableKeyPair(): { private: string; public: string } {
  const k = generateHostKey('dcnet-test');
  return { private: k.privateKey, public: k.publicKey };
}

const run = promisify(execFile);
const has = (cmd: string): boolean => {
  try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; }
};
const HAVE_SSH = has('ssh');
const HAVE_TMUX = has('tmux');

let lab: LabHandle;
let dir: string;
let keyFile: string;
const entry = (name: string) => lab.devices.find((d) => d.name === name)!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcnet-openssh-'));
  const key = readableKeyPair();
  keyFile = join(dir, 'id_ed25519');
  writeFileSync(keyFile, key.private);
  chmodSync(keyFile, 0o600);
  const askpass = join(dir, 'askpass.sh');
  writeFileSync(askpass, `#!/bin/sh\necho '${PASSWORD}'\n`);
  chmodSync(askpass, 0o700);
  lab = await startLab(loadTopology(PROVINCIAL).topology!, {
    sshPort: 0, snmp: false, configured: true, only: ['core-1', 'host-agg-2', 'wan-acc-2'], password: PASSWORD, env: {}, authorizedKeys: [key.public],
  });
});

afterAll(async () => {
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function sshArgs(name: string, extra: string[] = []): string[] {
  const e = entry(name);
  return ['-p', String(e.sshPort), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
    '-o', 'ConnectTimeout=5', ...extra, `dcnet@${e.address}`];
}

describe('OpenSSH, non-interactive', () => {
  it("`ssh host 'display version'` with public-key auth", async () => {
    const { stdout } = await run('ssh', [...sshArgs('core-1', ['-i', keyFile, '-o', 'BatchMode=yes']), 'display version'], { timeout: 10_000 });
    expect(stdout.split('\r\n').slice(0, 4)).toEqual([
      'Huawei Versatile Routing Platform Software',
      'VRP (R) software, Version 5.170 (S9300 V200R010C00SPC600)',
      'Copyright (C) 2000-2016 HUAWEI TECH CO., LTD',
      expect.stringMatching(/^HUAWEI S9312 Terabit Routing Switch uptime is /),
    ]);
  });

  it('password auth through SSH_ASKPASS, RGOS `show` and the exit status of a failing command', async () => {
    const env = { ...process.env, SSH_ASKPASS: join(dir, 'askpass.sh'), SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' };
    const opts = ['-o', 'PreferredAuthentications=password,keyboard-interactive', '-o', 'PubkeyAuthentication=no'];
    const { stdout } = await run('ssh', [...sshArgs('host-agg-2', opts), 'show ip interface brief'], { timeout: 10_000, env });
    expect(stdout.split('\r\n')[0]).toBe('Interface                        IP-Address(Pri)      IP-Address(Sec)                Status                Protocol');
    const failed = await run('ssh', [...sshArgs('host-agg-2', opts), 'show nonsense'], { timeout: 10_000, env })
      .then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe(`${' '.repeat(5)}^\r\n% Invalid input detected at '^' marker.\r\n`);
  });

  it('checks the host key the lab reports, and the altHostKey fault trips the check', async () => {
    const e = entry('wan-acc-2');
    const known = join(dir, 'known_hosts');
    writeFileSync(known, `[${e.address}]:${e.sshPort} ${lab.hostKey('wan-acc-2')}\n`);
    const strict = ['-p', String(e.sshPort), '-i', keyFile, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${known}`, '-o', 'ConnectTimeout=5', `dcnet@${e.address}`];
    const ok = await run('ssh', [...strict, 'display clock'], { timeout: 10_000 });
    expect(ok.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00\r\n/);
    lab.network.device('wan-acc-2').setFaults({ altHostKey: true });
    try {
      const bad = await run('ssh', [...strict, 'display clock'], { timeout: 10_000 })
        .then(() => ({ code: 0, stderr: '' }), (err: { code: number; stderr: string }) => err);
      expect(bad.code).toBe(255);
      expect(bad.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    } finally {
      lab.network.device('wan-acc-2').clearFaults();
    }
  });
});

describe('OpenSSH, interactive session driven through tmux', () => {
  const socket = `dcnet-lab-test-${process.pid}`;
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args], { timeout: 5000 });
  const screen = async () => (await tmux('capture-pane', '-p', '-t', 'lab')).stdout.replace(/\s+$/g, '');
  const waitFor = async (re: RegExp, ms = 5000): Promise<string> => {
    const end = Date.now() + ms;
    let last = '';
    while (Date.now() < end) {
      try { last = await screen(); } catch { /* the session may be gone */ }
      if (re.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timeout waiting for ${re}; screen:\n${last}`);
  };

  afterAll(async () => {
    await tmux('kill-server').catch(() => undefined);
  });

  it('logs in, changes views, pages with the More prompt, quits', async () => {
    const cmd = ['ssh', '-i', keyFile, ...sshArgs('core-1')].map((a) => `'${a}'`).join(' ');
    await tmux('new-session', '-d', '-s', 'lab', '-x', '160', '-y', '50', cmd);
    await waitFor(/<core-1>$/);
    await tmux('send-keys', '-t', 'lab', 'sys', 'Enter');
    await waitFor(/Enter system view, return user view with Ctrl\+Z\.\n\[core-1\]$/);
    await tmux('send-keys', '-t', 'lab', 'interface Vlanif3000', 'Enter');
    await waitFor(/\[core-1-Vlanif3000\]$/);
    await tmux('send-keys', '-t', 'lab', 'dis this', 'Enter');
    await waitFor(/#\ninterface Vlanif3000\n description core-interlink \(MPLS\)\n ip address 10\.250\.3\.1 255\.255\.255\.252\n mpls\n mpls ldp\n#\nreturn\n\[core-1-Vlanif3000\]$/);
    await tmux('send-keys', '-t', 'lab', 'return', 'Enter');
    await tmux('send-keys', '-t', 'lab', 'display current-configuration', 'Enter');
    await waitFor(/---- More ----$/);
    await tmux('send-keys', '-t', 'lab', 'q');
    await waitFor(/<core-1>$/);
    await tmux('send-keys', '-t', 'lab', 'quit', 'Enter');
    // ssh exits and the tmux session with it
    const end = Date.now() + 5000;
    let alive = true;
    while (alive && Date.now() < end) {
      alive = await tmux('has-session', '-t', 'lab').then(() => true, () => false);
      if (alive) await new Promise((r) => setTimeout(r, 100));
    }
    expect(alive).toBe(false);
  });
});
