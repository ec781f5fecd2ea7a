/**
 * Benchmark: pushing configuration to N lab devices over real SSH with concurrency C.
 *
 * Per device: connect (TCP, SSH handshake, host-key check, password auth, prompt, paging off),
 * read the running configuration, apply 50 commands (`system-view`, 16 × `interface X` /
 * `description ...` / `quit`, `return`), read the running configuration back (and check the 16
 * descriptions are there), save (`save` + `Y`), close. Prints devices/s, per-device p50/p95,
 * CPU seconds (process.cpuUsage, of this process and of the lab's when it runs in a child), and
 * where the time goes per phase.
 *
 * Run: node --import tsx bench/push.ts
 *   env: BENCH_DEVICES=200  BENCH_CONCURRENCY=32  BENCH_LAB=inline|child (default child)
 *        BENCH_TOPOLOGY=<folder> (default: a generated Huawei VRP topology of BENCH_DEVICES devices)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import pino from 'pino';

import { MemoryHostKeyStore, Secret, SessionPool, getDriver, type DeviceDriver } from '../src/drivers/index.js';
import { type LabAddress, startLab } from '../src/lab/index.js';
import { type Topology, loadTopology } from '../src/model/index.js';
import { generateTopology } from './lib/generate-topology.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const LAB_MODE = (process.env.BENCH_LAB ?? 'child') as 'inline' | 'child';
const PASSWORD = 'bench-pass';
const PORTS_TOUCHED = 16;

interface LabInfo {
  devices: (LabAddress & { ports: string[] })[];
}

function topologyOf(): Topology {
  if (process.env.BENCH_TOPOLOGY) return loadTopology(process.env.BENCH_TOPOLOGY).topology!;
  const t = generateTopology({ devices: DEVICES + 2, departments: 10, vlansPerDepartment: 4 });
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

async function main(): Promise<void> {
  const topology = topologyOf();
  const names = topology.devices.filter((d) => !/^core-/.test(d.name) || process.env.BENCH_TOPOLOGY).slice(0, DEVICES).map((d) => d.name);
  const cpu0 = process.cpuUsage();
  const tBoot = performance.now();
  let info: LabInfo;
  let stopLab: () => Promise<NodeJS.CpuUsage | undefined>;
  if (LAB_MODE === 'child') {
    const child = fork(fileURLToPath(import.meta.url), ['--lab-child'], {
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_LAB ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
      env: { ...process.env, BENCH_NAMES: JSON.stringify(names) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    info = await new Promise<LabInfo>((resolve, reject) => {
      child.once('message', (m: { type: string; info: LabInfo }) => (m.type === 'ready' ? resolve(m.info) : reject(new Error('lab child failed'))));
      child.once('exit', (code) => reject(new Error(`lab child exited with ${code}`)));
    });
    stopLab = () => new Promise((resolve) => {
      child.once('message', (m: { type: string; cpu: NodeJS.CpuUsage }) => resolve(m.cpu));
      child.send({ type: 'stop' });
    });
  } else {
    const lab = await bootLab(topology, names);
    info = lab.info;
    stopLab = async () => { await lab.stop(); return undefined; };
  }
  const bootMs = performance.now() - tBoot;
  console.log(`lab: ${info.devices.length} devices (${LAB_MODE === 'child' ? 'child process' : 'this process'}), booted in ${(bootMs / 1000).toFixed(1)} s`);

  const pool = new SessionPool({ maxSessions: CONCURRENCY });
  const hostKeys = new MemoryHostKeyStore();
  const log = pino({ level: 'warn' });
  const per: { total: number; phases: Record<Phase, number> }[] = [];
  const failures: string[] = [];
  let commands = 0;
  const tag = `bench${Date.now().toString(36)}`;

  // Warm-up (not counted): one device through every phase, so that lazy module loading and JIT
  // compilation are not charged to the first devices.
  {
    const d = info.devices[0]!;
    const w = getDriver(d.platform as 'huawei-vrp', {
      device: d.name, host: d.address, port: d.sshPort, pool, hostKeys, logger: log, credentials: { username: 'dcnet', password: new Secret(PASSWORD) },
    });
    await w.open();
    await w.getRunningConfig();
    await w.applyCommands(commandsFor(d.ports, `${tag}-warm`, d.platform));
    await w.save();
    await w.close();
  }

  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= info.devices.length) return;
      const d = info.devices[i]!;
      const phases = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
      const start = performance.now();
      let mark = start;
      const lap = (p: Phase) => { const now = performance.now(); phases[p] += now - mark; mark = now; };
      let driver: DeviceDriver | undefined;
      try {
        driver = getDriver(d.platform as 'huawei-vrp', {
          device: d.name, host: d.address, port: d.sshPort, pool, hostKeys, logger: log,
          credentials: { username: 'dcnet', password: new Secret(PASSWORD) },
        });
        await driver.open();
        lap('connect');
        const before = await driver.getRunningConfig();
        lap('read');
        const cmds = commandsFor(d.ports, `${tag}-${i}`, d.platform);
        const results = await driver.applyCommands(cmds);
        commands += results.length;
        lap('apply');
        const after = await driver.getRunningConfig();
        lap('readBack');
        if (before.length === 0 || !d.ports.every((_, k) => after.includes(` description ${tag}-${i}-${k + 1}\n`))) {
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
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuStart);
  const labCpu = await stopLab();

  const totals = per.map((p) => p.total).sort((a, b) => a - b);
  const s = (us: number) => (us / 1e6).toFixed(2);
  console.log(`devices: ${per.length} (${failures.length} failed), concurrency ${CONCURRENCY}, ${commands} commands applied (${info.devices[0]?.ports.length ?? 0} ports × 3 + 2 per device)`);
  console.log(`wall: ${(wallMs / 1000).toFixed(2)} s  →  ${(per.length / (wallMs / 1000)).toFixed(1)} devices/s`);
  console.log(`per device: p50 ${pct(totals, 50).toFixed(0)} ms, p95 ${pct(totals, 95).toFixed(0)} ms, max ${totals[totals.length - 1]?.toFixed(0)} ms`);
  console.log(`CPU (drivers${LAB_MODE === 'inline' ? ' + lab' : ''}, this process): ${s(cpu.user + cpu.system)} s (user ${s(cpu.user)}, system ${s(cpu.system)}) over ${(wallMs / 1000).toFixed(2)} s wall`);
  if (labCpu) console.log(`CPU (lab child, whole life incl. boot): ${s(labCpu.user + labCpu.system)} s`);
  console.log('where the time goes (per device, ms):');
  console.log(`  ${'phase'.padEnd(10)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'mean'.padStart(7)} ${'share'.padStart(6)}`);
  const grand = per.reduce((n, p) => n + p.total, 0);
  for (const ph of PHASES) {
    const v = per.map((p) => p.phases[ph]).sort((a, b) => a - b);
    const sum = v.reduce((a, b) => a + b, 0);
    console.log(`  ${ph.padEnd(10)} ${pct(v, 50).toFixed(1).padStart(7)} ${pct(v, 95).toFixed(1).padStart(7)} ${(sum / Math.max(1, v.length)).toFixed(1).padStart(7)} ${`${((sum / grand) * 100).toFixed(0)}%`.padStart(6)}`);
  }
  const total0 = process.cpuUsage(cpu0);
  console.log(`CPU (this process, whole run incl. ${LAB_MODE === 'inline' ? 'lab boot' : 'waiting for the lab'}): ${s(total0.user + total0.system)} s`);
  if (failures.length) {
    console.log(`failures:\n  ${failures.slice(0, 10).join('\n  ')}`);
    process.exitCode = 1;
  }
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
    if (m.type !== 'stop') return;
    const cpu = process.cpuUsage();
    await stop();
    process.send!({ type: 'stopped', cpu });
    process.disconnect();
  });
} else {
  await main();
}
