import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../../src/cli.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/loader');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s + '\n'; }, err: (s) => { err += s + '\n'; } });
  return { code, out, err };
}

describe('dcnet CLI', () => {
  it('validate prints findings grouped by severity with file:line and exits 1 on errors', async () => {
    const r = await run(['validate', join(FIXTURES, 'multi')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/multi \(.*\): 2 devices, \d+ errors/);
    expect(r.out).toContain('errors (');
    expect(r.out).toMatch(/devices\.yaml:19:\d+ {2}MODEL_SCHEMA devices\[core-2\]\.ports\[GigabitEthernet1\/0\/0\]\.speed/);
    expect(r.err).toBe('');
  });

  it('validate --json gives machine-readable findings', async () => {
    const r = await run(['validate', join(FIXTURES, 'multi'), '--json']);
    const parsed = JSON.parse(r.out) as { network: string; ok: boolean; findings: { code: string; line: number }[] }[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.network).toBe('multi');
    expect(parsed[0]!.ok).toBe(false);
    expect(parsed[0]!.findings.some((f) => f.code === 'MODEL_SCHEMA' && f.line === 19)).toBe(true);
  });

  it('a path that does not exist is a one-line error naming it, not a stack trace or a raw ENOENT', async () => {
    const r = await run(['validate', '/nonexistent/dcnet-topology']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('dcnet validate: no such file or folder: /nonexistent/dcnet-topology\n');
    const rel = await run(['validate', 'nosuch']);
    expect(rel.err).toBe('dcnet validate: no such file or folder: nosuch\n');
    expect(rel.err + rel.out).not.toMatch(/ENOENT|stat|\n\s+at /);
  });

  it('unknown commands and options are usage errors (exit 2), in our words, with the usage once', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^dcnet: unknown command 'frobnicate'\n\nusage: dcnet <command>/);
    const r = await run(['validate', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("dcnet validate: unknown option '--bogus'\nusage: dcnet validate [path] [--json] [--quiet]\n`dcnet validate --help` lists the options.\n");
    expect((r.err.match(/"/g) ?? []).length % 2).toBe(0);
    expect((await run(['render', 'core-1', '--topology'])).err).toMatch(/^dcnet render: --topology needs a value\n/);
    expect((await run(['validate', '--json=yes'])).err).toMatch(/^dcnet validate: --json takes no value\n/);
    expect((await run(['validate', 'a', 'b'])).err).toMatch(/^dcnet validate: name one path, not 2/);
  });

  it('`dcnet lab` and `dcnet db` without a sub-command print their usage once, with every synopsis', async () => {
    for (const [cmd, subs] of [['lab', ['dcnet lab up [topology] [--configured]', 'dcnet lab down']], ['db', ['dcnet db migrate']]] as const) {
      const r = await run([cmd]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.match(/usage:/g)).toHaveLength(1);
      expect(r.err.split('\n')[0]).toBe(`dcnet ${cmd}: say what to do: ${cmd === 'lab' ? 'up or down' : 'migrate'}`);
      for (const s of subs) expect(r.err).toContain(s);
      expect((await run([cmd, 'sideways'])).err.split('\n')[0]).toMatch(new RegExp(`^dcnet ${cmd}: unknown sub-command 'sideways'`));
    }
  });

  it('every command has --help: its usage, every option, the environment it reads; exit 0', async () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(['apply', 'change', 'confirm', 'db', 'demo', 'lab', 'plan', 'playbook', 'render', 'rollback', 'summary', 'validate']);
    for (const [name, cmd] of Object.entries(COMMANDS)) {
      for (const flag of ['--help', '-h']) {
        const r = await run([name, flag]);
        expect(r.code, `${name} ${flag}`).toBe(0);
        expect(r.err).toBe('');
        expect(r.out).toMatch(new RegExp(`^usage: dcnet ${name}\\b`));
        for (const [opt, spec] of Object.entries(cmd.options ?? {})) {
          expect(r.out, `${name} --${opt}`).toMatch(new RegExp(`\\n  ${spec.short ? `-${spec.short}, ` : ''}--${opt}\\b.*  ${spec.help.slice(0, 20).replace(/[()[\]\\.*+?^$|{}]/g, '\\$&')}`));
        }
        expect(r.out).toContain('-h, --help');
        for (const env of cmd.env ?? []) expect(r.out, `${name}: ${env}`).toMatch(new RegExp(`\\n  ${env.replace(/[.*+?^$]/g, '\\$&')} +\\S`));
      }
      expect(cmd.env).toContain('DCNET_DEBUG');
    }
    // The environment each command reads, as the code reads it.
    expect(COMMANDS.lab!.env).toEqual(expect.arrayContaining(['DCNET_LAB_PASSWORD', 'DCNET_LAB_STATE']));
    expect(COMMANDS.db!.env).toEqual(expect.arrayContaining(['DATABASE_URL', 'DCNET_DATA_DIR']));
    expect(COMMANDS.demo!.env).toEqual(expect.arrayContaining(['DATABASE_URL', 'DCNET_DATA_DIR']));
    const help = await run(['help', 'plan']);
    expect(help.out).toBe((await run(['plan', '--help'])).out);
  });

  it('dcnet --help lists every command; dcnet alone prints it on stderr and exits 2', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const [name, cmd] of Object.entries(COMMANDS)) expect(r.out).toMatch(new RegExp(`\\n  ${name} +${cmd.summary.slice(0, 15).replace(/[()[\]\\.*+?^$|{}`]/g, '\\$&')}`));
    expect(r.out).toContain('dcnet --version');
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.err).toBe(r.out);
  });

  it('dcnet --version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await run([flag])).toEqual({ code: 0, out: `dcnet ${version}\n`, err: '' });
  });

  it('demo stores the valid networks as topology revisions in the embedded database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dcnet-demo-'));
    const prev = { data: process.env.DCNET_DATA_DIR, url: process.env.DATABASE_URL };
    process.env.DCNET_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    try {
      const first = await run(['demo', join(import.meta.dirname, '../../../topology')]);
      expect(first.code, first.out + first.err).toBe(0);
      expect(first.out).toContain('stored');
      expect(first.out).toMatch(/zone\s+core/);
      const second = await run(['demo', join(import.meta.dirname, '../../../topology')]);
      expect(second.out).toContain('unchanged since last run');
    } finally {
      if (prev.data === undefined) delete process.env.DCNET_DATA_DIR; else process.env.DCNET_DATA_DIR = prev.data;
      if (prev.url !== undefined) process.env.DATABASE_URL = prev.url;
    }
  }, 60_000);
});
