/**
 * `render` and `plan` act only on what validates: a topology with errors (a department leak, an
 * impossible VLAN id) is refused with its findings unless --force, which then says so loudly; and
 * `plan` refuses a device name that two networks hold, as `render` does.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { loadTopology } from '../../../src/model/index.js';
import { renderDevice } from '../../../src/render/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LEAK = join(ROOT, 'tests/fixtures/topologies/isolation-leak');
const CITY = join(ROOT, 'topology/city-extranet');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
  return { code, out, err };
}

let dir: string;
let vlan: string;
let running: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dcnet-invalid-'));
  // The city extranet with core-1 carrying VLAN 1e308.
  vlan = join(dir, 'vlan');
  cpSync(CITY, vlan, { recursive: true });
  const core = join(vlan, 'devices-core.yaml');
  const text = readFileSync(core, 'utf8');
  const edited = text.replace(/(\n {4}vlans: \[)110,/, '$11e308,');
  expect(edited).not.toBe(text);
  writeFileSync(core, edited);
  // A running configuration of core-1 (the provincial core) that differs in its sysname.
  running = join(dir, 'running');
  mkdirSync(running);
  writeFileSync(join(running, 'core-1.cfg'), renderDevice(loadTopology(LEAK).topology, 'core-1').replace('sysname core-1', 'sysname core-one'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('render refuses a topology that fails validation', () => {
  it('a department leak: the finding, CLI_INVALID_TOPOLOGY, no configuration, exit 1', async () => {
    const r = await run(['render', 'core-1', '--topology', LEAK]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/INTENT_ISOLATION_DEPARTMENT_LEAK vpnInstances\[dept-police\]/);
    expect(r.err).toMatch(/\ndcnet render: CLI_INVALID_TOPOLOGY: provincial-dc \(1 errors\) fails validation: fix the errors above, or pass --force to render anyway\n$/);
  });

  it('--force renders it, and says loudly that the topology is invalid', async () => {
    const r = await run(['render', 'core-1', '--topology', LEAK, '--force']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(renderDevice(loadTopology(LEAK).topology, 'core-1'));
    expect(r.err).toMatch(/INTENT_ISOLATION_DEPARTMENT_LEAK/);
    expect(r.err).toMatch(/dcnet render: WARNING: --force: provincial-dc \(1 errors\) FAILS VALIDATION; the output below comes from an invalid topology/);
  });

  it('VLAN 1e308: refused (it used to print `vlan batch ... 1e+308` and exit 0); forced, printed with the warning', async () => {
    const r = await run(['render', 'core-1', '--topology', vlan]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/devices-core\.yaml:\d+:\d+ +INTENT_VLAN_ID_RANGE devices\[core-1\]/);
    expect(r.err).toContain('CLI_INVALID_TOPOLOGY');
    const forced = await run(['render', 'core-1', '--topology', vlan, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^vlan batch .*1e\+308/m);
    expect(forced.err).toContain('FAILS VALIDATION');
  });

  it('a valid topology renders with nothing on stderr', async () => {
    const r = await run(['render', 'core-1', '--topology', CITY]);
    expect(r).toMatchObject({ code: 0, err: '' });
  });
});

describe('plan refuses a topology that fails validation', () => {
  it('refused with the findings before any command is planned, exit 1', async () => {
    const r = await run(['plan', '--offline', '--running', running, '--topology', LEAK]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/INTENT_ISOLATION_DEPARTMENT_LEAK/);
    expect(r.err).toMatch(/dcnet plan: CLI_INVALID_TOPOLOGY: provincial-dc \(1 errors\) fails validation: fix the errors above, or pass --force to plan anyway\n$/);
    const json = await run(['plan', '--offline', '--running', running, '--topology', LEAK, '--json']);
    expect(json.code).toBe(1);
    expect(json.out).toBe('');
  });

  it('--force plans it, with the warning', async () => {
    const r = await run(['plan', '--offline', '--running', running, '--topology', LEAK, '--force']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/dcnet plan: WARNING: --force: provincial-dc \(1 errors\) FAILS VALIDATION/);
    expect(r.out).toMatch(/== core-1 \(huawei-vrp, provincial-dc[^\n]*\n[^]*\n {2}sysname core-1\n/);
  });

  it('only the networks it plans are checked: a running file for a valid network is planned', async () => {
    const r = await run(['plan', '--offline', '--running', running, '--topology', CITY]);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/planned 1 devices: 1 with changes/);
  });
});

describe('plan refuses an ambiguous device name, as render does', () => {
  it('core-1.cfg with two networks holding a core-1: refused, naming both, exit 1', async () => {
    const r = await run(['plan', '--offline', '--running', running, '--topology', join(ROOT, 'topology')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe("dcnet plan: CLI_AMBIGUOUS_DEVICE: device 'core-1' is in several networks (city-extranet (topology/city-extranet), provincial-dc (topology/provincial-dc)): pick one with --topology\n");
    const render = await run(['render', 'core-1', '--topology', join(ROOT, 'topology')]);
    expect(render.err).toMatch(/device 'core-1' is in several networks \(city-extranet \(topology\/city-extranet\), provincial-dc \(topology\/provincial-dc\)\): pick one with --topology/);
  });

  it('--device names the ambiguous device even without its file; another device is planned', async () => {
    const r = await run(['plan', '--offline', '--running', running, '--topology', join(ROOT, 'topology'), '--device', 'core-2']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("device 'core-2' is in several networks");
    const unique = await run(['plan', '--offline', '--running', running, '--topology', join(ROOT, 'topology'), '--device', 'otr-01']);
    expect(unique).toMatchObject({ code: 0, err: '' });
    expect(unique.out).toMatch(/planned 0 devices[^]*; 1 skipped/);
  });
});
