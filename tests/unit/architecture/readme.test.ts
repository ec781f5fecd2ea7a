/**
 * The README says what the commands do: every command and environment variable of the CLI, the lab
 * control API's routes, the benchmarks' scripts and the sizes they print.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, ENVIRONMENT } from '../../../src/cli.js';
import { CONTROL_ROUTES } from '../../../src/lab/control.js';
import { DEFAULT_SNMP_PORT } from '../../../src/lab/index.js';
import { BENCH_SIZE, generateTopology, sizeReaching } from '../../../bench/lib/generate-topology.js';

const ROOT = join(import.meta.dirname, '../../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The README's text from a heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const at = README.indexOf(`${heading}\n`);
  expect(at, heading).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(heading)![0];
  const next = README.slice(at + heading.length).search(new RegExp(`\\n#{1,${level.length}} `));
  return README.slice(at, next < 0 ? undefined : at + heading.length + next);
}

const n = (x: number) => x.toLocaleString('en-US');

describe('README', () => {
  it('lists every command in the command table, and every environment variable the commands read', () => {
    const cli = section('## The command line');
    for (const name of Object.keys(COMMANDS)) expect(cli, name).toMatch(new RegExp(`\\n\\| \`dcnet ${name}\\b`));
    for (const env of Object.keys(ENVIRONMENT).filter((e) => e !== 'env:NAME')) expect(cli, env).toMatch(new RegExp(`\\n\\| \`${env}\` \\|`));
    expect(cli).toContain('`env:NAME` references');
  });

  it("documents exactly the lab control API's routes", () => {
    const api = section("### The lab's control API");
    const documented = [...api.matchAll(/^\| `(GET|PUT|POST|DELETE) (\/[^`]*)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(documented.sort()).toEqual(CONTROL_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('names only scripts that exist, and every benchmark file has its script', () => {
    const named = [...README.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(['bench:validate', 'bench:lab', 'bench:lab-snmp']));
    for (const s of named) expect(scripts, s).toHaveProperty(s);
    const benches = readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.ts'));
    for (const f of benches) expect(Object.values(scripts).some((cmd) => cmd.endsWith(`bench/${f}`)), `bench/${f} has no npm script`).toBe(true);
  });

  it("bench:lab-snmp's default port is none of the lab's nor bench:lab's, as the README says", () => {
    const snmpBench = readFileSync(join(ROOT, 'bench/lab-snmp.ts'), 'utf8');
    const labBench = readFileSync(join(ROOT, 'bench/lab.ts'), 'utf8');
    const port = Number(/BENCH_PORT \?\? (\d+)/.exec(snmpBench)![1]);
    expect(port).not.toBe(DEFAULT_SNMP_PORT);
    expect(port).not.toBe(Number(/BENCH_SNMP_PORT \?\? (\d+)/.exec(labBench)![1]));
    expect(section('## Benchmarks')).toContain(`bench:lab-snmp\`: the SNMP agents alone`);
    expect(section('## Benchmarks')).toContain(`(port ${port} by default)`);
  });

  it('gives the sizes the benchmarks generate', () => {
    const bench = section('## Benchmarks');
    const t = generateTopology(BENCH_SIZE);
    const gateways = t.devices.reduce((k, d) => k + (d.svis?.length ?? 0), 0) / 2;
    const prefixes = gateways + (t.departments?.length ?? 0);
    expect(bench).toContain(`a topology of ${n(t.devices.length)} devices`);
    expect(bench).toContain(`${n(t.departments!.length)} departments, ${n(t.vlans!.length)} VLANs and ${n(prefixes)} prefixes (${n(gateways)}`);
    expect(bench).toContain(`${n(t.departments!.length)} department pools`);
    const lab = generateTopology({ devices: sizeReaching(1000), departments: 100, vlansPerDepartment: 10 });
    expect(lab.devices.length).toBe(sizeReaching(1000));
    expect(bench).toContain(`a generated lab of ${n(lab.devices.length)} devices`);
    expect(bench).toContain(`same ${n(lab.devices.length)}-device network`);
  });
});
