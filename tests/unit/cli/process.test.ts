/**
 * The dcnet command as a process (`node bin/dcnet.js`), where what matters is process-level: a
 * closed pipe (`| head -1`), exit codes, output on a terminal (a pseudo-terminal from util-linux
 * `script`) against output into a pipe.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { help, main } from '../../../src/cli.js';
import { loadTopology } from '../../../src/model/index.js';
import { renderDevice } from '../../../src/render/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CITY = 'topology/city-extranet';

/** Run a shell line in the project root with bash (PIPESTATUS), returning what it printed. */
function sh(line: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', line], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DCNET_PROGRESS: '', ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a closed pipe ends the output quietly', () => {
  let running: string;
  beforeAll(() => {
    // Each device's running configuration is another device's (of its platform): every plan is
    // long, far more than a pipe holds (64 KiB), so dcnet is still writing when `head` leaves.
    running = mkdtempSync(join(tmpdir(), 'dcnet-epipe-'));
    const t = loadTopology(join(ROOT, CITY)).topology;
    const first = new Map<string, string>();
    for (const d of t.devices) if (!first.has(d.platform)) first.set(d.platform, d.name);
    for (const d of t.devices) writeFileSync(join(running, `${d.name}.cfg`), renderDevice(t, first.get(d.platform)!));
  });
  afterAll(() => rmSync(running, { recursive: true, force: true }));

  it('`dcnet plan --offline ... | head -1`: the first line, no EPIPE stack trace, exit 0', async () => {
    let size = 0;
    await main(['plan', '--offline', '--running', running, '--topology', join(ROOT, CITY)], { out: (s) => { size += s.length + 1; }, err: () => undefined });
    expect(size).toBeGreaterThan(256 * 1024);
    const r = sh(`node bin/dcnet.js plan --offline --running ${running} --topology ${CITY} 2>err.$$ | head -1; echo "dcnet exit \${PIPESTATUS[0]}"; cat err.$$ >&2; rm -f err.$$`);
    expect(r.stdout).toBe('== acc-a-1 (huawei-vrp, city-extranet, managed: full)\ndcnet exit 0\n');
    expect(r.stderr).toBe('');
  });
});

describe('exit codes and the first things a user types', () => {
  it('--version; no command: the help on stderr, exit 2; a missing path: one line, exit 1', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(sh('node bin/dcnet.js --version')).toEqual({ status: 0, stdout: `dcnet ${version}\n`, stderr: '' });
    expect(sh('node bin/dcnet.js')).toEqual({ status: 2, stdout: '', stderr: `${help()}\n` });
    expect(sh('node bin/dcnet.js validate nosuch')).toEqual({ status: 1, stdout: '', stderr: 'dcnet validate: no such file or folder: nosuch\n' });
  });
});

describe('progress: on a terminal, and only there', () => {
  const HAVE_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

  it('has util-linux `script` to give dcnet a terminal (Debian bsdutils, installed by .ci/run)', () => {
    expect(HAVE_SCRIPT, 'apt-get install -y bsdutils').toBe(true);
  });

  it('validating on a terminal draws the files read and the rules run on one line, then erases it', () => {
    const r = sh(`script -qec "node bin/dcnet.js validate ${CITY}" /dev/null`);
    expect(r.status).toBe(0);
    const frames = r.stdout.split('\r');
    expect(frames).toContainEqual(expect.stringMatching(/^reading topology\/city-extranet: files 9\/9 \(100%\)\x1b\[K$/));
    expect(frames).toContainEqual(expect.stringMatching(/^validating topology\/city-extranet: isolation \d+\/\d+ \(\d+%\)\x1b\[K$/));
    // The line is erased before the findings are printed.
    expect(r.stdout).toMatch(/\r\x1b\[Kcity-extranet \(topology\/city-extranet\): 58 devices, 0 errors/);
  });

  it('piped: nothing but the output', () => {
    const piped = sh(`node bin/dcnet.js validate ${CITY} 2>&1 | cat; echo "dcnet exit \${PIPESTATUS[0]}"`);
    expect(piped.stdout).toMatch(/^city-extranet \(topology\/city-extranet\): 58 devices, 0 errors[^]*\ndcnet exit 0\n$/);
    expect(piped.stdout).not.toMatch(/\r|\x1b\[/);
  });
});
