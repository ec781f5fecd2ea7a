/**
 * Benchmark: pushing configuration to N lab devices over real SSH with concurrency C.
 *
 * Per device: connect (TCP, SSH handshake, host-key check, password auth, prompt, paging off),
 * read the running configuration, apply 50 commands (`system-view`, 16 × `interface X` /
 * `description ...` / `quit`, `return`), read the running configuration back (and check the 16
 * descriptions are there), save (`save` + `Y`), close. A warm-up pass on BENCH_WARMUP_DEVICES
 * devices of its own (printed, not the measurement), then two passes on different devices:
 *   - latency: BENCH_LATENCY_DEVICES one at a time (a device's time is its own work and round trips);
 *   - throughput: BENCH_DEVICES with BENCH_CONCURRENCY workers.
 * Each prints devices/s, per-device p50/p95, CPU of both processes per device (process.cpuUsage,
 * the lab's read over IPC before and after), the CPU-bound floor at that concurrency, and where
 * the time goes per phase.
 *
 * Run: npm run bench:push  (node --import tsx bench/push.ts)
 * Then a concurrency sweep (BENCH_SWEEP=1,8,16,32: devices/s, p50, p95, CPU per device at each C)
 * and the floor: ssh2 alone doing the same handshakes and round trips against a trivial server.
 *
 *   env: BENCH_DEVICES=200  BENCH_CONCURRENCY=32  BENCH_LATENCY_DEVICES=20  BENCH_WARMUP_DEVICES=200
 *        BENCH_LAB=inline|child (default child)
 *        BENCH_TOPOLOGY=<folder> (default: a generated Huawei VRP topology of BENCH_DEVICES devices)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import pino from 'pino';

import { MemoryHostKeyStore, Secret, SessionPool, getDriver, type DeviceDriver } from '../src/drivers/index.js';
import { type LabAddress, startLab } from '../src/lab/index.js';
import { type Topology, loadTopology } from '../src/model/index.js';
import { generateTopology } from './lib/generate-topology.js';
import { measureSshFloor } from './lib/ssh-floor.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const LATENCY_DEVICES = Number(process.env.BENCH_LATENCY_DEVICES ?? 20);
const WARMUP_DEVICES = Number(process.env.BENCH_WARMUP_DEVICES ?? 200);
const SWEEP = (process.env.BENCH_SWEEP ?? '1,8,16,32').split(',').filter(Boolean).map(Number);
const LAB_MODE = (process.env.BENCH_LAB ?? 'child') as 'inline' | 'child';
const PASSWORD = 'bench-pass';
const PORTS_TOUCHED = 16;

interface LabInfo {
  devices: (LabAddress & { ports: string[] })[];
}

function topologyOf(): Topology {
  if (process.env.BENCH_TOPOLOGY) return loadTopology(process.env.BENCH_TOPOLOGY).topology!;
  const t = generateTopology({ devices: WARMUP_DEVICES + DEVICES + LATENCY_DEVICES + 6, departments: 10, vlansPerDepartment: 4 });
  // The lab and the drivers read the same reference: the password comes from the environment.
  return t;
}

async function bootLab(topology: Topology, names: string[]): Promise<{ info: LabInfo; stop: () => Promise<void> }> {
  const env = Object.fromEntries((topology.credentials ?? []).flatMap((c) => (c.password?.startsWith('env:') ? [[c.password.slice(4), PASSWORD]] : [])));
  const lab = await startLab(topology, { sshPort: 0, snmp: false, configured: true, only: names, password: PASSWORD, env });
  const devices = lab.devices.filter((d) => names.includes(d.name)).map((d) => ({
    ...d,
    ports: lab.network.device(d.name).physicalPorts().filter((p) => !/^(?:MEth|Mgmt|NULL)/.test(p)).slice(0, PORTS_TOUCHED),
  }));
  return { info: { devices }, stop: () => lab.stop() };
}

// ---------------------------------------------------------------------------- the bench
type Phase = 'connect' | 'read' | 'apply' | 'readBack' | 'save' | 'close';
const PHASES: Phase[] = ['connect', 'read', 'apply', 'readBack', 'save', 'close'];

function commandsFor(ports: string[], tag: string, platform: string): string[] {
  const [enter, leave, exit] = platform === 'ruijie-rgos' ? ['configure terminal', 'end', 'exit'] : ['system-view', 'return', 'quit'];
  const out = [enter];
  ports.forEach((p, i) => out.push(`interface ${p}`, `description ${tag}-${i + 1}`, exit));
  out.push(leave);
  return out;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface PassResult {
  per: { total: number; phases: Record<Phase, number> }[];
  failures: string[];
  commands: number;
  wallMs: number;
  cpu: NodeJS.CpuUsage;
  labCpu?: NodeJS.CpuUsage;
}

interface Bench {
  devices: LabInfo['devices'];
  pool: SessionPool;
  hostKeys: MemoryHostKeyStore;
  labCpu: () => Promise<NodeJS.CpuUsage | undefined>;
  tag: string;
}

/** Push to `devices` with `concurrency` workers; per device: connect, read, apply, read back, save, close. */
async function pass(b: Bench, devices: LabInfo['devices'], concurrency: number, label: string): Promise<PassResult> {
  const log = pino({ level: 'warn' });
  const per: PassResult['per'] = [];
  const failures: string[] = [];
  let commands = 0;
  const lab0 = await b.labCpu();
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= devices.length) return;
      const d = devices[i]!;
      const phases = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
      const start = performance.now();
      let mark = start;
      const lap = (p: Phase) => { const now = performance.now(); phases[p] += now - mark; mark = now; };
      let driver: DeviceDriver | undefined;
      try {
        driver = getDriver(d.platform as 'huawei-vrp', {
          device: d.name, host: d.address, port: d.sshPort, pool: b.pool, hostKeys: b.hostKeys, logger: log,
          credentials: { username: 'dcnet', password: new Secret(PASSWORD) },
        });
        await driver.open();
        lap('connect');
        const before = await driver.getRunningConfig();
        lap('read');
        const tag = `${b.tag}-${label}${i}`;
        const results = await driver.applyCommands(commandsFor(d.ports, tag, d.platform));
        commands += results.length;
        lap('apply');
        const after = await driver.getRunningConfig();
        lap('readBack');
        if (before.length === 0 || !d.ports.every((_, k) => after.includes(` description ${tag}-${k + 1}\n`))) {
          throw new Error('read back does not show the applied descriptions');
        }
        await driver.save();
        lap('save');
      } catch (err) {
        failures.push(`${d.name}: ${(err as Error).message}`);
      } finally {
        await driver?.close();
        lap('close');
      }
      per.push({ total: performance.now() - start, phases });
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuStart);
  const lab1 = await b.labCpu();
  const labCpu = lab0 && lab1 ? { user: lab1.user - lab0.user, system: lab1.system - lab0.system } : undefined;
  return { per, failures, commands, wallMs, cpu, ...(labCpu ? { labCpu } : {}) };
}

/** A pass's per-device figures: sorted totals, devices/s, and CPU ms per device of this process and of the lab child (undefined inline). */
function figures(r: PassResult): { totals: number[]; perSecond: number; drvMs: number; labMs: number | undefined } {
  const n = Math.max(1, r.per.length);
  return {
    totals: r.per.map((p) => p.total).sort((a, b) => a - b),
    perSecond: r.per.length / (r.wallMs / 1000),
    drvMs: (r.cpu.user + r.cpu.system) / 1e3 / n,
    labMs: r.labCpu ? (r.labCpu.user + r.labCpu.system) / 1e3 / n : undefined,
  };
}

function report(title: string, r: PassResult, concurrency: number, ports: number): void {
  const n = r.per.length;
  const { totals, perSecond, drvMs, labMs } = figures(r);
  const s = (us: number) => (us / 1e6).toFixed(2);
  console.log(`\n== ${title}`);
  console.log(`devices: ${n} (${r.failures.length} failed), concurrency ${concurrency}, ${r.commands} commands applied (${ports} ports × 3 + 2 per device)`);
  console.log(`wall: ${(r.wallMs / 1000).toFixed(2)} s  →  ${perSecond.toFixed(1)} devices/s`);
  console.log(`per device: p50 ${pct(totals, 50).toFixed(0)} ms, p95 ${pct(totals, 95).toFixed(0)} ms, max ${totals[n - 1]?.toFixed(0)} ms`);
  console.log(`CPU (drivers${LAB_MODE === 'inline' ? ' + lab' : ''}, this process): ${s(r.cpu.user + r.cpu.system)} s (user ${s(r.cpu.user)}, system ${s(r.cpu.system)}) = ${drvMs.toFixed(1)} ms per device`);
  if (labMs !== undefined && r.labCpu) {
    console.log(`CPU (lab child): ${s(r.labCpu.user + r.labCpu.system)} s = ${labMs.toFixed(1)} ms per device; both: ${(drvMs + labMs).toFixed(1)} ms per device`);
    // Little's law with the CPU as the server: C devices in flight on 2 cores cannot finish faster
    // than C × (CPU per device) / 2 each, whatever the code waits on.
    const floor = (concurrency * (drvMs + labMs)) / 2;
    if (concurrency > 1) console.log(`CPU-bound floor for p50 at this concurrency on 2 cores: ≈ ${floor.toFixed(0)} ms (C × CPU per device / 2)`);
  }
  console.log('where the time goes (per device, ms):');
  console.log(`  ${'phase'.padEnd(10)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'mean'.padStart(7)} ${'share'.padStart(6)}`);
  const grand = r.per.reduce((t, p) => t + p.total, 0);
  for (const ph of PHASES) {
    const v = r.per.map((p) => p.phases[ph]).sort((a, b) => a - b);
    const sum = v.reduce((a, b) => a + b, 0);
    console.log(`  ${ph.padEnd(10)} ${pct(v, 50).toFixed(1).padStart(7)} ${pct(v, 95).toFixed(1).padStart(7)} ${(sum / Math.max(1, n)).toFixed(1).padStart(7)} ${`${((sum / grand) * 100).toFixed(0)}%`.padStart(6)}`);
  }
  if (r.failures.length) {
    console.log(`failures:\n  ${r.failures.slice(0, 10).join('\n  ')}`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const topology = topologyOf();
  const names = topology.devices.filter((d) => !/^core-/.test(d.name) || process.env.BENCH_TOPOLOGY).slice(0, WARMUP_DEVICES + DEVICES + LATENCY_DEVICES).map((d) => d.name);
  const cpu0 = process.cpuUsage();
  const tBoot = performance.now();
  let info: LabInfo;
  let stopLab: () => Promise<void>;
  let labCpu: () => Promise<NodeJS.CpuUsage | undefined>;
  if (LAB_MODE === 'child') {
    const child = fork(fileURLToPath(import.meta.url), ['--lab-child'], {
      // The lab runs as this file does: from the sources through tsx, or compiled (npm run build).
      execArgv: [...(import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(process.env.BENCH_PROFILE_LAB ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
      env: { ...process.env, BENCH_NAMES: JSON.stringify(names) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    info = await new Promise<LabInfo>((resolve, reject) => {
      child.once('message', (m: { type: string; info: LabInfo }) => (m.type === 'ready' ? resolve(m.info) : reject(new Error('lab child failed'))));
      child.once('exit', (code) => reject(new Error(`lab child exited with ${code}`)));
    });
    const ask = (type: 'cpu' | 'stop') => new Promise<NodeJS.CpuUsage>((resolve) => {
      child.once('message', (m: { type: string; cpu: NodeJS.CpuUsage }) => resolve(m.cpu));
      child.send({ type });
    });
    labCpu = () => ask('cpu');
    stopLab = async () => { await ask('stop'); };
  } else {
    const lab = await bootLab(topology, names);
    info = lab.info;
    labCpu = async () => undefined;
    stopLab = () => lab.stop();
  }
  const bootMs = performance.now() - tBoot;
  console.log(`lab: ${info.devices.length} devices (${LAB_MODE === 'child' ? 'child process' : 'this process'}), booted in ${(bootMs / 1000).toFixed(1)} s`);

  const pool = new SessionPool({ maxSessions: CONCURRENCY });
  const b: Bench = { devices: info.devices, pool, hostKeys: new MemoryHostKeyStore(), labCpu, tag: `bench${Date.now().toString(36)}` };
  const warmSet = info.devices.slice(0, WARMUP_DEVICES);
  const throughputSet = info.devices.slice(WARMUP_DEVICES, WARMUP_DEVICES + DEVICES);
  const latencySet = info.devices.slice(WARMUP_DEVICES + DEVICES, WARMUP_DEVICES + DEVICES + LATENCY_DEVICES);
  const warm = info.devices[0]!;
  const ports = warm.ports.length;

  // Warm-up on devices of its own (not the measurement, but printed): both processes start cold,
  // and until V8 has compiled the hot paths (SSH, CLI, drivers) a device costs about 1.5x the CPU.
  // A control plane and a lab are long-running processes: the passes below measure them warm.
  const cold = await pass(b, warmSet, Math.min(CONCURRENCY, warmSet.length), 'warm');
  {
    const { totals: t, perSecond, drvMs, labMs } = figures(cold);
    console.log(`\n== warm-up (cold processes, not the measurement): ${cold.per.length} other devices at concurrency ${Math.min(CONCURRENCY, warmSet.length)}: ${perSecond.toFixed(1)} devices/s, p50 ${pct(t, 50).toFixed(0)} ms, p95 ${pct(t, 95).toFixed(0)} ms, CPU ${(drvMs + (labMs ?? 0)).toFixed(1)} ms per device (both processes)${cold.failures.length ? `, ${cold.failures.length} FAILED` : ''}`);
    if (cold.failures.length) process.exitCode = 1;
  }
  const main = await pass(b, throughputSet, CONCURRENCY, 'tp');
  report(`throughput: ${throughputSet.length} devices at concurrency ${CONCURRENCY}`, main, CONCURRENCY, ports);
  // Latency: one device at a time (after the throughput pass, so the code is as warm as in a long
  // run): a device's time is its own work and round trips, not a queue for the CPU.
  if (latencySet.length) report(`latency: ${latencySet.length} devices one at a time`, await pass(b, latencySet, 1, 'lat'), 1, ports);

  // How per-device time grows with concurrency: the same devices again at each C.
  if (SWEEP.length) {
    console.log(`\n== concurrency sweep (${throughputSet.length} devices each)`);
    console.log(`  ${'C'.padStart(3)} ${'devices/s'.padStart(10)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'CPU ms/device: drivers + lab'.padStart(29)}`);
    const row = (c: number, r: PassResult) => {
      const { totals: t, perSecond, drvMs, labMs = 0 } = figures(r);
      const cpu = `${drvMs.toFixed(1)} + ${labMs.toFixed(1)} = ${(drvMs + labMs).toFixed(1)}`;
      console.log(`  ${String(c).padStart(3)} ${perSecond.toFixed(1).padStart(10)} ${pct(t, 50).toFixed(0).padStart(7)} ${pct(t, 95).toFixed(0).padStart(7)} ${cpu.padStart(29)}${r.failures.length ? `  (${r.failures.length} failed)` : ''}`);
      if (r.failures.length) process.exitCode = 1;
    };
    for (const c of SWEEP) row(c, await pass(b, throughputSet, c, `c${c}-`));
  }

  // The floor: ssh2 alone (handshake, login, shell, the same number of one-line round trips).
  const roundTrips = 2 + commandsFor(warm.ports, '', warm.platform).length + 3; // paging off, prompt; the batch; 2 reads and save
  const floor = await measureSshFloor({ connections: throughputSet.length, concurrency: CONCURRENCY, roundTrips });
  console.log(`\n== ssh2 alone: ${floor.connections} connections at concurrency ${floor.concurrency}, ${floor.roundTrips} one-line round trips each, a trivial server, both ends in this process`);
  console.log(`CPU: ${floor.cpuMsPerConnection.toFixed(1)} ms per connection (both ends) → on 2 cores at most ${(2000 / floor.cpuMsPerConnection).toFixed(0)} connections/s, p50 at C=${CONCURRENCY} ≥ ${((CONCURRENCY * floor.cpuMsPerConnection) / 2).toFixed(0)} ms`);

  await stopLab();
  const total0 = process.cpuUsage(cpu0);
  console.log(`\nCPU (this process, whole run incl. ${LAB_MODE === 'inline' ? 'lab boot' : 'waiting for the lab'}): ${(total0.user + total0.system) / 1e6} s`);
  const st = pool.stats();
  if (st.open || st.sessions || st.locked) {
    console.log(`pool not clean: ${JSON.stringify(st)}`);
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------- the lab in a child process
if (process.argv.includes('--lab-child')) {
  const names = JSON.parse(process.env.BENCH_NAMES ?? '[]') as string[];
  const { info, stop } = await bootLab(topologyOf(), names);
  process.send!({ type: 'ready', info });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'cpu') process.send!({ type: 'cpu', cpu: process.cpuUsage() });
    if (m.type !== 'stop') return;
    const cpu = process.cpuUsage();
    await stop();
    process.send!({ type: 'stopped', cpu });
    process.disconnect();
  });
} else {
  await main();
}
