/**
 * Benchmark: load + validate a generated topology of 1,982 devices (BENCH_SIZE asks for 2,000; the
 * generator builds whole pods of 20), 200 departments, 4,000 VLANs and 4,200 prefixes, written as
 * YAML files the way an engineer would keep them.
 * Run: npm run bench:validate   (prints devices/s and peak memory)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadTopology } from '../src/model/index.js';
import { validateLoaded } from '../src/intent/index.js';
import { BENCH_SIZE, generateTopology } from './lib/generate-topology.js';

const topology = generateTopology(BENCH_SIZE);
const dir = mkdtempSync(join(tmpdir(), 'dcnet-bench-'));
const { devices, links, vrrp, ...rest } = topology;
writeFileSync(join(dir, 'network.yaml'), stringify(rest));
writeFileSync(join(dir, 'devices.yaml'), stringify({ devices }));
writeFileSync(join(dir, 'links.yaml'), stringify({ links }));
writeFileSync(join(dir, 'vrrp.yaml'), stringify({ vrrp }));

const prefixes = topology.devices.reduce((n, d) => n + (d.svis?.length ?? 0), 0) / 2 + (topology.departments?.length ?? 0);
console.log(`topology: ${topology.devices.length} devices, ${topology.departments?.length} departments, `
  + `${topology.vlans?.length} VLANs, ${prefixes} prefixes, ${topology.links?.length} links, ${topology.vrrp?.length} VRRP groups`);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const times: { load: number; validate: number }[] = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const load = loadTopology(dir);
  const t1 = performance.now();
  const result = validateLoaded(load);
  const t2 = performance.now();
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  findings = result.findings.length;
  times.push({ load: t1 - t0, validate: t2 - t1 });
  if (i === 0 && result.findings.some((f) => f.severity === 'error')) {
    console.log('unexpected errors in the generated topology:', result.findings.filter((f) => f.severity === 'error').slice(0, 5));
  }
}
clearInterval(sampler);
rmSync(dir, { recursive: true, force: true });
const best = times.reduce((a, b) => (a.load + a.validate <= b.load + b.validate ? a : b));
const total = best.load + best.validate;
console.log(`runs: ${runs}, findings: ${findings}`);
console.log(`load ${best.load.toFixed(0)} ms + validate ${best.validate.toFixed(0)} ms = ${total.toFixed(0)} ms (best run)`);
console.log(`devices/s: ${Math.round(topology.devices.length / (total / 1000))}`);
console.log(`peak RSS: ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1048576).toFixed(0)} MiB`);
