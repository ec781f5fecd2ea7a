/**
 * `dcnet lab up` / `dcnet lab down` as a user meets them: what boots when no topology is named, the
 * login and the control API it prints (and that they work), one lab per state file, a port that is
 * taken (which lab or process holds it, which option moves it), a stale state file, and progress on
 * a terminal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { CONTROL_ROUTES } from '../../../src/lab/control.js';
import { labAddress } from '../../../src/lab/index.js';
import { freePort } from '../integration/helpers.js';
import { connect } from '../ssh/helpers.js';
import { ROOT, TOPOLOGIES } from './helpers.js';

const USG_LAB = 'tests/fixtures/huawei-usg/usg-lab';
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'dcnet-lab-up-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): { io: { out: (s: string) => void; err: (s: string) => void }; text: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } }, text: () => out, err: () => err };
}

async function until(cond: () => boolean, what: string, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

/** Run `dcnet lab ...` in this process with its own state file. */
async function lab(state: string, argv: string[], io = capture().io): Promise<number> {
  const prev = process.env.DCNET_LAB_STATE;
  process.env.DCNET_LAB_STATE = state;
  try {
    return await main(['lab', ...argv], io);
  } finally {
    if (prev === undefined) delete process.env.DCNET_LAB_STATE; else process.env.DCNET_LAB_STATE = prev;
  }
}

/** Start `dcnet lab up` in this process (it runs until `lab down`); resolves once its state file is written. */
async function labUpInProcess(state: string, argv: string[]): Promise<{ done: Promise<number>; out: () => string; err: () => string }> {
  const c = capture();
  process.env.DCNET_LAB_STATE = state;
  try {
    const done = main(['lab', 'up', ...argv], c.io);
    await Promise.race([until(() => existsSync(state), state), done.then((code) => { throw new Error(`lab up ended (${code}): ${c.err()}`); })]);
    return { done, out: c.text, err: c.err };
  } finally {
    delete process.env.DCNET_LAB_STATE;
  }
}

describe('dcnet lab up with no topology named', () => {
  const state = () => join(dir, 'default.json');
  let up: Awaited<ReturnType<typeof labUpInProcess>>;
  beforeAll(async () => {
    up = await labUpInProcess(state(), ['--ssh-port', '0', '--snmp-port', '0']);
  }, 120_000);
  afterAll(async () => {
    if (existsSync(state())) await lab(state(), ['down']);
    await up?.done;
  });

  it('says what it chose, and what else is there', () => {
    expect(up.out().split('\n')[0]).toBe('no topology named: booting topology/provincial-dc (also there: topology/city-extranet; `dcnet lab up <path>` boots one)');
    expect(up.out()).toMatch(/\nlab provincial-dc: 30 devices \(empty baseline\)\n/);
  });

  it('prints the login per credential (user, where the password comes from, its default), and it logs in', async () => {
    expect(up.out()).toContain("login (SSH, password or the credential's key):\n");
    expect(up.out()).toMatch(/\n {2}user 'dcnet' on core-1, core-2, wan-agg-1 and \d+ more \(credential vrp-core\): password from env:DCNET_CORE_PASSWORD if set, else the lab's default 'dcnet-lab' \(set DCNET_LAB_PASSWORD to change it\)\n/);
    const core = /\ncore-1 +huawei-vrp +S9312 +(\S+) +(\d+) +(\d+)\n/.exec(up.out())!;
    const { client } = await connect({ name: 'core-1', platform: 'huawei-vrp', model: 'S9312', address: core[1]!, sshPort: Number(core[2]), snmpPort: Number(core[3]) }, { username: 'dcnet', password: 'dcnet-lab' });
    client.end();
    await expect(connect({ name: 'core-1', platform: 'huawei-vrp', model: 'S9312', address: core[1]!, sshPort: Number(core[2]), snmpPort: 0 }, { username: 'dcnet', password: 'wrong' })).rejects.toThrow(/authentication/i);
  });

  it('prints the control API, whose GET / lists its routes (not LAB_NOT_FOUND)', async () => {
    const url = /\ncontrol API: (http:\/\/127\.0\.0\.1:\d+) \(GET http:\/\/127\.0\.0\.1:\d+\/ lists its routes\)\n/.exec(up.out())![1]!;
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ routes: JSON.parse(JSON.stringify(CONTROL_ROUTES)) });
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('GET / lists them');
  });

  it('a second `lab up` on the same state file is refused, naming the running lab and the options; the first keeps running', async () => {
    const before = readFileSync(state(), 'utf8');
    const c = capture();
    expect(await lab(state(), ['up', USG_LAB, '--ssh-port', '0', '--snmp-port', '0'], c.io)).toBe(1);
    expect(c.err()).toMatch(new RegExp(`^dcnet lab: LAB_RUNNING: a lab is already running: provincial-dc from topology/provincial-dc \\(pid ${process.pid}, control API http://127\\.0\\.0\\.1:\\d+, started [^)]*\\)`));
    expect(c.err()).toContain('Stop it with `dcnet lab down`, or run a second one beside it with its own state file and ports: DCNET_LAB_STATE=');
    expect(c.err()).toContain('--ssh-port N --snmp-port N');
    expect(readFileSync(state(), 'utf8')).toBe(before);
    const url = (JSON.parse(before) as { controlUrl: string }).controlUrl;
    expect((await fetch(`${url}/health`)).ok).toBe(true);
  });
});

describe('ports in use, and labs in other processes', () => {
  let child: ChildProcess;
  let childOut = '';
  let port: number;
  const a = () => join(dir, 'a.json');
  const b = () => join(dir, 'b.json');

  beforeAll(async () => {
    port = await freePort([0, 1, 2].map(labAddress));
    child = spawn(process.execPath, [join(ROOT, 'bin/dcnet.js'), 'lab', 'up', USG_LAB, '--ssh-port', String(port), '--snmp-port', String(port)], {
      cwd: ROOT, env: { ...process.env, DCNET_LAB_STATE: a() }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => { childOut += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { childOut += d.toString(); });
    await until(() => existsSync(a()) || child.exitCode !== null, 'the lab in the child process');
    expect(existsSync(a()), childOut).toBe(true);
  }, 120_000);
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('a taken SSH port: which process holds it (the other lab) and which option moves it', async () => {
    const c = capture();
    expect(await lab(b(), ['up', USG_LAB, '--ssh-port', String(port), '--snmp-port', '0'], c.io)).toBe(1);
    expect(c.err()).toBe(`dcnet lab: LAB_PORT_IN_USE: SSH port 127.10.0.1:${port} is in use by pid ${child.pid} (${process.execPath} ${join(ROOT, 'bin/dcnet.js')} lab up ${USG_LAB} --ssh-port ${port} --snmp-port ${port}): `
      + 'stop it (a dcnet lab: `dcnet lab down` with its DCNET_LAB_STATE), or move this lab\'s SSH with --ssh-port N (0: any free port)\n');
    expect(existsSync(b())).toBe(false);
  });

  it('a taken SNMP port, and a taken control API port, each with its option', async () => {
    const snmp = capture();
    expect(await lab(b(), ['up', USG_LAB, '--ssh-port', '0', '--snmp-port', String(port)], snmp.io)).toBe(1);
    expect(snmp.err()).toMatch(new RegExp(`^dcnet lab: LAB_PORT_IN_USE: SNMP port 127\\.10\\.0\\.1:${port} is in use by pid ${child.pid} \\(.*lab up.*\\): .* --snmp-port N \\(0: any free port\\)\\n$`));
    const control = (JSON.parse(readFileSync(a(), 'utf8')) as { controlPort: number }).controlPort;
    const ctl = capture();
    expect(await lab(b(), ['up', USG_LAB, '--ssh-port', '0', '--snmp-port', '0', '--control-port', String(control)], ctl.io)).toBe(1);
    expect(ctl.err()).toMatch(new RegExp(`^dcnet lab: LAB_PORT_IN_USE: control API port 127\\.0\\.0\\.1:${control} is in use by pid ${child.pid} .* --control-port N`));
    expect(existsSync(b())).toBe(false);
  });

  it('the same state file: refused while that lab runs; `lab down` stops the other process', async () => {
    const c = capture();
    expect(await lab(a(), ['up', USG_LAB, '--ssh-port', '0', '--snmp-port', '0'], c.io)).toBe(1);
    expect(c.err()).toMatch(new RegExp(`LAB_RUNNING: a lab is already running: usg-lab from ${USG_LAB} \\(pid ${child.pid},`));
    const down = capture();
    expect(await lab(a(), ['down'], down.io)).toBe(0);
    expect(down.text()).toMatch(new RegExp(`^lab stopped: usg-lab from ${USG_LAB} \\(pid ${child.pid},`));
    await until(() => child.exitCode !== null, 'the child lab to exit', 20_000);
    expect(child.exitCode).toBe(0);
    expect(childOut).toMatch(/lab stopped\n$/);
    expect(existsSync(a())).toBe(false);
  });
});

describe('a stale state file', () => {
  /** A pid that was a process and is no more. */
  async function deadPid(): Promise<number> {
    const p = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => p.once('exit', r));
    return p.pid!;
  }

  it('`lab down` says one thing: nothing runs, and the stale file is removed (exit 1)', async () => {
    const state = join(dir, 'stale.json');
    const pid = await deadPid();
    writeFileSync(state, JSON.stringify({ pid, controlUrl: 'http://127.0.0.1:9', topology: join(ROOT, USG_LAB), network: 'usg-lab', startedAt: '2026-01-01T00:00:00.000Z' }));
    const c = capture();
    expect(await lab(state, ['down'], c.io)).toBe(1);
    expect(c.text()).toBe('');
    expect(c.err()).toBe(`no lab is running: ${state} recorded usg-lab from ${USG_LAB} (pid ${pid}, control API http://127.0.0.1:9, started 2026-01-01T00:00:00.000Z), which is gone; removed the stale state file\n`);
    expect(existsSync(state)).toBe(false);
    const again = capture();
    expect(await lab(state, ['down'], again.io)).toBe(1);
    expect(again.err()).toMatch(/^no lab is running: there is no state file at /);
  });

  it('`lab up` clears a stale state file and boots', async () => {
    const state = join(dir, 'stale-up.json');
    writeFileSync(state, JSON.stringify({ pid: await deadPid(), controlUrl: 'http://127.0.0.1:9', topology: USG_LAB, startedAt: 'then' }));
    const c = capture();
    process.env.DCNET_LAB_STATE = state;
    const done = main(['lab', 'up', TOPOLOGIES.usgLab, '--ssh-port', '0', '--snmp-port', '0'], c.io);
    try {
      await until(() => c.text().includes('control API:'), 'the lab to boot');
      expect(c.text()).toMatch(new RegExp(`^removed the stale state file ${state.replace(/[.]/g, '\\.')} \\(its lab, pid \\d+, no longer runs\\)\\nlab usg-lab: 3 devices`));
      await until(() => existsSync(state), 'the new state file');
      expect(await main(['lab', 'down'], capture().io)).toBe(0);
      expect(await done).toBe(0);
    } finally {
      delete process.env.DCNET_LAB_STATE;
    }
  });
});

describe('progress of a boot', () => {
  it('on a terminal, `lab up` draws the devices booted, then erases the line before the address table', async () => {
    const state = join(dir, 'tty.json');
    const p = spawn('script', ['-qec', `node bin/dcnet.js lab up ${USG_LAB} --ssh-port 0 --snmp-port 0`, '/dev/null'], {
      cwd: ROOT, env: { ...process.env, DCNET_LAB_STATE: state, DCNET_PROGRESS: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    await until(() => existsSync(state) || p.exitCode !== null, 'the lab on a terminal');
    expect(await lab(state, ['down'])).toBe(0);
    await new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)));
    expect(out.split('\r')).toContainEqual('booting usg-lab: devices 3/3 (100%)\x1b[K');
    expect(out).toContain('\r\x1b[Klab usg-lab: 3 devices (empty baseline)');
  }, 120_000);
});
