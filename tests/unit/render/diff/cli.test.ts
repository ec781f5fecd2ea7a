/**
 * `dcnet render` and `dcnet plan --offline`: the intended configuration of a device, and per-device
 * plans from running configurations saved as files (skipped, failed and planned devices, exit code).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/cli.js';
import { loadTopology } from '../../../../src/model/index.js';
import { renderDevice } from '../../../../src/render/index.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const CITY = join(ROOT, 'topology/city-extranet');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dcnet render', () => {
  it('prints the intended configuration of a device', async () => {
    const r = await run(['render', 'core-1', '--topology', CITY]);
    expect(r.code).toBe(0);
    expect(r.out + '\n').toBe(renderDevice(loadTopology(CITY).topology, 'core-1'));
  });

  it('names an unknown device', async () => {
    const r = await run(['render', 'no-such-device', '--topology', CITY]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/RENDER_UNKNOWN_DEVICE.*no-such-device/);
  });

  it('asks for one device', async () => {
    expect((await run(['render'])).code).toBe(2);
  });
});

describe('dcnet plan --offline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dcnet-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const topology = loadTopology(CITY).topology;
  const text = (name: string) => renderDevice(topology, name);
  writeFileSync(join(dir, 'acc-a-1.cfg'), text('acc-a-1'));
  writeFileSync(join(dir, 'core-1.cfg'), text('core-1').replace(/ vrrp vrid (\d+) priority 120/, ' vrrp vrid $1 priority 110'));
  writeFileSync(join(dir, 'agg-a.txt'), text('agg-a').split('\n').slice(0, 30).join('\n'));
  writeFileSync(join(dir, 'fw-inet.cfg'), text('agg-b'));

  it('plans each device with a file, skips the others, fails the ones that do not parse, exit 1', async () => {
    const r = await run(['plan', '--offline', '--running', dir, '--topology', CITY]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/== acc-a-1 .*\nin sync/);
    expect(r.out).toMatch(/== core-1 [^\n]*\n--- core-1 running\n\+\+\+ core-1 intended\n/);
    expect(r.out).toMatch(/-- commands \(\d+\)\n {2}system-view\n[\s\S]*vrrp vrid \d+ priority 120\n/);
    expect(r.out).toMatch(/-- rollback \(\d+\)\n {2}system-view\n[\s\S]*vrrp vrid \d+ priority 110\n/);
    expect(r.out).toMatch(/== agg-a [^\n]*\nFAILED: RENDER_PARSE: agg-a: .*line 30: truncated.*\nno commands for this device/);
    expect(r.out).toMatch(/== fw-inet [^\n]*\nFAILED: RENDER_PARSE: fw-inet: .*RGOS/);
    expect(r.out).toMatch(/skipped \(no <device>\.cfg or <device>\.txt in .*\): acc-a-2, /);
    expect(r.out).toMatch(/planned 4 devices: 1 with changes, 1 in sync, 2 failed \(agg-a, fw-inet\); \d+ skipped/);
    expect(r.err).toMatch(/dcnet plan: RENDER_PARSE: agg-a: /);
  });

  it('--device restricts the plan; a clean device exits 0', async () => {
    const r = await run(['plan', '--offline', '--running', dir, '--topology', CITY, '--device', 'core-1']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/agg-a/);
  });

  it('--json gives the plans as data', async () => {
    const r = await run(['plan', '--offline', '--running', dir, '--topology', CITY, '--device', 'core-1', '--json']);
    const data = JSON.parse(r.out);
    expect(data.plans[0]).toMatchObject({ device: 'core-1', status: 'changed', platform: 'huawei-vrp' });
    expect(data.plans[0].plan.commands[0]).toBe('system-view');
  });

  it('requires --offline and --running', async () => {
    expect((await run(['plan', '--running', dir])).code).toBe(2);
    expect((await run(['plan', '--offline'])).code).toBe(2);
  });
});
