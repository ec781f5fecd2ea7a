import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';

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

  it('a path that does not exist is a one-line error, not a stack trace', async () => {
    const r = await run(['validate', '/nonexistent/dcnet-topology']);
    expect(r.code).toBe(1);
    expect(r.err + r.out).not.toMatch(/\n\s+at /);
  });

  it('unknown commands and options are usage errors (exit 2)', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    const r = await run(['validate', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: dcnet validate');
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
