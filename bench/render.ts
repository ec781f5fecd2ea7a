/**
 * Benchmark: render every device of the generated 2,000-device topology, derive a running
 * configuration that differs from the intended one in about 5% of its lines (deterministic: lines
 * dropped or altered, secrets shown as ciphers as a device would), then parse both and diff them.
 * Prints devices/s for render + diff (target: 1,000/s on one core) and where the time goes.
 *
 * Run: npm run bench:render   (BENCH_RUNS=5 for more runs; the best run is reported)
 */
import { generateTopology, BENCH_SIZE } from './lib/generate-topology.js';
import { prng } from './lib/prng.js';
import {
  diffConfigTrees, getDialect, parseConfig, printLines, renderDevice, secretAwareEqual, unifiedLineDiff,
} from '../src/render/index.js';

const MUTATION_RATE = 0.05;

/**
 * The running configuration a device might show: ~5% of the configuration lines dropped or altered
 * (a number changed, a word appended), never a delimiter, the terminator or a line that holds
 * sub-lines; secret tokens shown as cipher text.
 */
function mutate(intended: string, seed: number, delimiter: string, terminator: string): { text: string; changed: number; lines: number } {
  const rnd = prng(seed);
  const lines = intended.split('\n');
  const out: string[] = [];
  let changed = 0;
  let considered = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\{\{secret:[^}]+\}\}/g, '%^%#Xq2>7hV!f%^%#');
    const body = line.trimStart();
    const indent = line.length - body.length;
    const next = lines[i + 1] ?? '';
    const hasChildren = next.length - next.trimStart().length > indent;
    if (body === '' || body === delimiter || body === terminator || hasChildren) { out.push(line); continue; }
    considered++;
    if (rnd() >= MUTATION_RATE) { out.push(line); continue; }
    changed++;
    if (rnd() < 0.5) continue; // dropped
    const digits = /(\d+)(?!.*\d)/.exec(line);
    out.push(digits ? line.slice(0, digits.index) + String(Number(digits[1]) + 1) + line.slice(digits.index + digits[1]!.length) : `${line} x`);
  }
  return { text: out.join('\n'), changed, lines: considered };
}

const topology = generateTopology(BENCH_SIZE);
const devices = topology.devices;
console.log(`topology: ${devices.length} devices (${[...new Set(devices.map((d) => d.platform))].join(', ')})`);

const runs = Number(process.env.BENCH_RUNS ?? 3);
interface Times { render: number; parse: number; diff: number; rollback: number; unified: number; cpu: number; wall: number }
const all: Times[] = [];
let stats = { lines: 0, changed: 0, commands: 0, rollback: 0, withChanges: 0 };

// The running configurations are inputs, made once outside the timed loops.
const intendedOnce = devices.map((d) => renderDevice(topology, d.name));
const running = devices.map((d, i) => {
  const dialect = getDialect(d.platform);
  return mutate(intendedOnce[i]!, i + 1, dialect.delimiter, dialect.terminator);
});

for (let r = 0; r < runs; r++) {
  const t: Times = { render: 0, parse: 0, diff: 0, rollback: 0, unified: 0, cpu: 0, wall: 0 };
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const s = { lines: 0, changed: 0, commands: 0, rollback: 0, withChanges: 0 };
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    const dialect = getDialect(d.platform);
    const t0 = performance.now();
    const intended = renderDevice(topology, d.name);
    const t1 = performance.now();
    const runTree = parseConfig(running[i]!.text, dialect, { device: d.name });
    const intTree = parseConfig(intended, dialect, { device: d.name });
    const t2 = performance.now();
    const forward = diffConfigTrees(runTree, intTree, dialect, { managed: 'partial', reportUnmanaged: true });
    const t3 = performance.now();
    const backward = diffConfigTrees(intTree, runTree, dialect, { managed: 'partial', assumeUnmanagedPresent: true });
    const t4 = performance.now();
    unifiedLineDiff(printLines(runTree, dialect), printLines(intTree, dialect), { equal: secretAwareEqual(dialect) });
    const t5 = performance.now();
    t.render += t1 - t0; t.parse += t2 - t1; t.diff += t3 - t2; t.rollback += t4 - t3; t.unified += t5 - t4;
    s.lines += running[i]!.lines; s.changed += running[i]!.changed;
    s.commands += forward.commands.length; s.rollback += backward.commands.length;
    if (forward.commands.length) s.withChanges++;
  }
  const cpu = process.cpuUsage(cpu0);
  t.cpu = (cpu.user + cpu.system) / 1000;
  t.wall = performance.now() - wall0;
  all.push(t);
  stats = s;
}

const best = all.reduce((a, b) => (a.render + a.parse + a.diff <= b.render + b.parse + b.diff ? a : b));
const n = devices.length;
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const share = (x: number, total: number): string => `${((100 * x) / total).toFixed(0)}%`;
const core = best.render + best.parse + best.diff;
const full = core + best.rollback + best.unified;
console.log(`configuration lines: ${(stats.lines / n).toFixed(0)} per device on average; mutated ${stats.changed} of ${stats.lines} `
  + `(${((100 * stats.changed) / stats.lines).toFixed(1)}%); ${stats.withChanges} devices need commands, `
  + `${(stats.commands / n).toFixed(1)} commands and ${(stats.rollback / n).toFixed(1)} rollback commands per device`);
console.log(`runs: ${runs} (best shown)`);
console.log(`  render          ${ms(best.render).padStart(8)}  ${share(best.render, core).padStart(4)}`);
console.log(`  parse (x2)      ${ms(best.parse).padStart(8)}  ${share(best.parse, core).padStart(4)}`);
console.log(`  diff            ${ms(best.diff).padStart(8)}  ${share(best.diff, core).padStart(4)}`);
console.log(`  = render + diff ${ms(core).padStart(8)}   ${Math.round(n / (core / 1000))} devices/s (target 1000)`);
console.log(`  + rollback      ${ms(best.rollback).padStart(8)}`);
console.log(`  + unified diff  ${ms(best.unified).padStart(8)}`);
console.log(`  = full plan     ${ms(full).padStart(8)}   ${Math.round(n / (full / 1000))} devices/s`);
console.log(`process CPU time for the whole run: ${ms(best.cpu)} for ${ms(best.wall)} of wall time `
  + `(above 100% means GC threads; below means the host is busy: phases are wall-clock)`);
