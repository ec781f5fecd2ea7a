/**
 * Benchmark: the change engine applying a 50-line change to 200 lab devices (the lab in a child
 * process, as bench/push.ts runs it), all-or-nothing, concurrency 32, with read-back verification
 * and save. Per device the change is 16 port descriptions (`system-view`, 16 × `interface X` /
 * `description ...` / `quit`, `return`: 50 lines), planned by the engine from an edited topology.
 *
 * Passes (each on a fresh plan; the plan's own time is printed apart):
 *   1. warm-up: the same on BENCH_WARMUP other devices (both processes start cold; printed, not the measurement);
 *   2. apply, journal on PGlite (in memory): wall time, devices/s, where each device's time goes;
 *   3. the same change with a rejected command on the LAST device: time from that failure until every
 *      device is rolled back and verified, and the whole wall time;
 *   4. apply, journal on the real PostgreSQL server (a throwaway database; TEST_DATABASE_URL);
 * and for passes 2 and 4 the lock and journal overhead: the time the apply waits on the database
 * (every journal write and the locks), per device and as a share of a device's time.
 *
 * Run: npm run bench:change   env: BENCH_DEVICES=200 BENCH_CONCURRENCY=32 BENCH_WARMUP=64 BENCH_POSTGRES=1
 */
import { randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

import pg from 'pg';
import pino from 'pino';

import { ChangeEngine, Journal, isChangeError, type ChangeEvent } from '../src/change/index.js';
import { type Database, migrateDatabase, openDatabase } from '../src/db/index.js';
import { MemoryHostKeyStore } from '../src/drivers/index.js';
import { type LabAddress, startLab } from '../src/lab/index.js';
import { type Topology, loadTopologyFromObject } from '../src/model/index.js';
import { generateTopology } from './lib/generate-topology.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 64);
const POSTGRES = process.env.BENCH_POSTGRES !== '0';
const PASSWORD = 'bench-pass';
const PORTS = 16;
const ENV = { DCNET_BENCH_PASSWORD: PASSWORD };

function baseTopology(): Topology {
  return generateTopology({ devices: Math.ceil((DEVICES + WARMUP) / 18) * 20 + 22, departments: 10, vlansPerDepartment: 4 });
}

function accessNames(t: Topology): string[] {
  return t.devices.filter((d) => d.layer === 'access').map((d) => d.name).slice(0, DEVICES + WARMUP);
}

/** The topology with 16 port descriptions carrying `tag` on each named device (16 × 3 lines + 2 = 50 commands). */
function withTag(base: Topology, names: ReadonlySet<string>, tag: string): Topology {
  const t = structuredClone(base);
  for (const d of t.devices) {
    if (!names.has(d.name)) continue;
    for (let i = 0; i < PORTS; i++) {
      const name = `Ethernet0/0/${i + 5}`;
      const port = d.ports!.find((p) => p.name === name);
      if (port) port.description = `${tag}-${i + 1}`;
      else d.ports!.push({ name, description: `${tag}-${i + 1}` });
    }
  }
  return t;
}

// ---------------------------------------------------------------------------- the lab child

interface LabInfo { devices: LabAddress[] }


// ---------------------------------------------------------------------------- measuring the journal

/** Wall time spent awaiting the database from the journal and the locks (summed over concurrent devices). */
const dbTime = { ms: 0, calls: 0 };
function instrument(): void {
  const proto = Journal.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const m of ['start', 'finish', 'setDevice', 'setStatus', 'transition', 'createChange', 'change', 'changeDevices', 'plan', 'audit']) {
    const orig = proto[m]!;
    proto[m] = async function (this: unknown, ...args: unknown[]) {
      const t = performance.now();
      try {
        return await orig.apply(this, args);
      } finally {
        dbTime.ms += performance.now() - t;
        dbTime.calls++;
      }
    };
  }
}

// ---------------------------------------------------------------------------- passes

interface Pass {
  wallMs: number;
  planMs: number;
  status: string;
  phases: Record<string, number[]>;
  dbMs: number;
  dbCalls: number;
  rollbackMs?: number;
}

async function run(
  engine: ChangeEngine, base: Topology, lab: LabInfo, names: string[], tag: string,
  opts: { failLast?: (device: string, command: string) => Promise<void> } = {},
): Promise<Pass> {
  const set = new Set(names);
  const byName = new Map(lab.devices.map((d) => [d.name, d]));
  const load = loadTopologyFromObject(withTag(base, set, tag), 'bench');
  const t0 = performance.now();
  const plan = await engine.plan({
    load, selector: names, actor: 'bench', concurrency: CONCURRENCY,
    targetOverride: (d) => { const e = byName.get(d.name); return e ? { host: e.address, port: e.sshPort } : undefined; },
  });
  const planMs = performance.now() - t0;
  if (plan.summary.changed !== names.length) throw new Error(`plan ${plan.id}: ${plan.summary.changed} of ${names.length} devices to change (${plan.summary.failed} failed)`);
  const lines = plan.devices[0]!.commands.length;
  if (lines !== 50) console.log(`note: ${lines} commands per device`);
  let failedAt: number | undefined;
  if (opts.failLast) {
    const last = [...plan.devices].sort((a, b) => b.seq - a.seq)[0]!;
    await opts.failLast(last.device, last.commands[last.commands.length - 3]!.trim());
  }
  const off = engine.on((e: ChangeEvent) => {
    if (e.type === 'step' && e.state === 'failed' && failedAt === undefined) failedAt = performance.now();
  });
  const db0 = { ...dbTime };
  const t1 = performance.now();
  let status: string;
  let changeId: number;
  try {
    const c = await engine.apply(plan.id, { actor: 'bench', message: `bench ${tag}`, concurrency: CONCURRENCY });
    status = c.status;
    changeId = c.id;
  } catch (err) {
    if (!isChangeError(err)) throw err;
    status = `${err.code} (${String(err.details?.status ?? '')})`;
    changeId = Number(err.details?.changeId);
  } finally {
    off();
  }
  const wallMs = performance.now() - t1;
  const view = await engine.getChange(changeId, { steps: true });
  const phases: Record<string, number[]> = {};
  for (const s of view.steps ?? []) if (s.device && s.durationMs !== null) (phases[s.phase] ??= []).push(s.durationMs);
  return {
    wallMs, planMs, status, phases, dbMs: dbTime.ms - db0.ms, dbCalls: dbTime.calls - db0.calls,
    ...(failedAt !== undefined ? { rollbackMs: performance.now() - failedAt - (performance.now() - t1 - wallMs) } : {}),
  };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)]! : 0; };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function report(title: string, p: Pass, n: number): void {
  const perDevice = (p.wallMs * CONCURRENCY) / n; // a device's share of the timeline at this concurrency
  console.log(`\n== ${title}`);
  console.log(`plan: ${(p.planMs / 1000).toFixed(2)} s (${n} running configurations read, rendered, diffed, stored)`);
  console.log(`apply: ${(p.wallMs / 1000).toFixed(2)} s wall, ${(n / (p.wallMs / 1000)).toFixed(1)} devices/s, outcome ${p.status}`);
  const row = (ph: string) => (p.phases[ph]?.length ? `${ph} p50 ${median(p.phases[ph]!).toFixed(0)} ms (sum ${(sum(p.phases[ph]!) / 1000).toFixed(1)} s)` : undefined);
  console.log(`per device: ${['snapshot', 'apply', 'readback', 'save', 'rollback', 'rollback-verify', 'resave'].map(row).filter(Boolean).join('; ')}`);
  console.log(`journal + locks: ${p.dbCalls} database calls, ${(p.dbMs / n).toFixed(1)} ms per device awaited (summed over concurrent devices), ${((p.dbMs / n / perDevice) * 100).toFixed(1)}% of a device's time (${perDevice.toFixed(0)} ms at C=${CONCURRENCY})`);
  if (p.rollbackMs !== undefined) console.log(`rollback: ${(p.rollbackMs / 1000).toFixed(2)} s from the failure on the last device until every device was rolled back and verified`);
}

async function throwaway(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const name = `dcnet_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (q: string) => { const c = new pg.Client({ connectionString: base }); await c.connect(); try { await c.query(q); } finally { await c.end(); } };
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function main(): Promise<void> {
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores; figures are depressed by a busy machine)`);
  instrument();
  const base = baseTopology();
  const names = accessNames(base);
  if (names.length < DEVICES + WARMUP) throw new Error(`the generated topology has ${names.length} access switches`);
  const tBoot = performance.now();
  const child = fork(fileURLToPath(import.meta.url), ['--lab-child'], {
    execArgv: import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const lab = await new Promise<LabInfo>((resolve, reject) => {
    child.once('message', (m: { type: string; info: LabInfo }) => (m.type === 'ready' ? resolve(m.info) : reject(new Error('lab child failed'))));
    child.once('exit', (code) => reject(new Error(`lab child exited with ${code}`)));
  });
  const ask = (m: Record<string, unknown>) => new Promise<void>((resolve) => { child.once('message', () => resolve()); child.send(m); });
  console.log(`lab: ${lab.devices.length} devices in a child process, booted in ${((performance.now() - tBoot) / 1000).toFixed(1)} s`);

  const logger = pino({ level: 'warn' });
  const engineOn = async (database: Database) => {
    await migrateDatabase(database);
    return new ChangeEngine({ database, hostKeys: new MemoryHostKeyStore(), env: ENV, logger, settleMs: 1000 });
  };
  const warmSet = names.slice(DEVICES);
  const mainSet = names.slice(0, DEVICES);

  const pglite = await openDatabase({ dataDir: 'memory://' });
  const engine = await engineOn(pglite);
  if (warmSet.length) report(`warm-up (cold processes, not the measurement): ${warmSet.length} other devices`, await run(engine, base, lab, warmSet, 'warm'), warmSet.length);
  report(`apply: ${mainSet.length} devices, 50 lines each, concurrency ${CONCURRENCY}, journal on PGlite`, await run(engine, base, lab, mainSet, 'a'), mainSet.length);
  const failing = await run(engine, base, lab, mainSet, 'b', {
    failLast: async (device, command) => ask({ type: 'faults', device, faults: { rejectCommands: [command] } }),
  });
  report(`the same change with a rejected command on the last device (journal on PGlite)`, failing, mainSet.length);
  await engine.close();
  await pglite.close();

  if (POSTGRES) {
    const db = await throwaway();
    const database = await openDatabase({ url: db.url, poolMax: 16 });
    const e2 = await engineOn(database);
    // The failing device's fault is still set: clear it first.
    const last = mainSet[mainSet.length - 1]!;
    await ask({ type: 'faults', device: last, faults: { rejectCommands: undefined } });
    report(`apply: ${mainSet.length} devices, 50 lines each, concurrency ${CONCURRENCY}, journal on PostgreSQL`, await run(e2, base, lab, mainSet, 'c'), mainSet.length);
    await e2.close();
    await database.close();
    await db.drop();
  }
  await ask({ type: 'stop' });
  console.log(`\nload average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

// ---------------------------------------------------------------------------- entry
if (process.argv.includes('--lab-child')) {
  const names = accessNames(baseTopology());
  const lab = await startLab(baseTopology(), { sshPort: 0, snmp: false, configured: true, only: names, password: PASSWORD, env: ENV });
  process.send!({ type: 'ready', info: { devices: lab.devices.filter((d) => names.includes(d.name)) } });
  process.on('disconnect', () => process.exit(0)); // the bench died: do not linger
  process.on('message', async (m: { type: string; device?: string; faults?: Record<string, unknown> }) => {
    if (m.type === 'faults') { lab.network.device(m.device!).setFaults(m.faults!); process.send!({ type: 'ok' }); }
    if (m.type === 'stop') { await lab.stop(); process.send!({ type: 'ok' }); process.disconnect(); }
  });
} else {
  await main();
}
