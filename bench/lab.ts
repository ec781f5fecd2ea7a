/**
 * Benchmark: the lab (issue 4), in one process. Boots the city extranet (configured), stops it;
 * then boots a generated 1,000-device lab (configured: every device's rendered configuration is its
 * running and saved configuration), with an SSH server and an SNMP agent per device, and measures
 * for a bounded time the SSH logins/s it sustains (ssh2 clients to random devices, password login,
 * exec `display version`, close) and the SNMP GetBulk/s (one snmp-native client, many in flight).
 * Prints boot time, RSS (current and peak), throughput and CPU seconds against the targets:
 * 1,000 devices in one process under 2 GB RSS, booted in under 30 s. No assertions.
 *
 * The load generators run in this same process, so every figure is for clients and lab together
 * on one event loop (one core at most, whatever the machine has).
 *
 * Run: npm run bench:lab   (env: BENCH_DEVICES=1000, BENCH_SECONDS=10, BENCH_CONCURRENCY=32,
 *      BENCH_SSH_PORT=22022, BENCH_SNMP_PORT=16161, BENCH_CONFIGURED=1)
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import snmpNative from 'snmp-native';
import ssh2, { type ConnectConfig } from 'ssh2';
import { loadTopology, type Topology } from '../src/model/index.js';
import { type LabAddress, type LabHandle, startLab } from '../src/lab/index.js';
import { generateTopology, sizeReaching } from './lib/generate-topology.js';
import { prng } from './lib/prng.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
// Explicit ports, away from the lab's defaults (2222/1161) and bench/lab-snmp.ts (16171), so that a lab or
// another bench running on this machine does not collide; never 0 (net-snmp may then bind 161).
const SSH_PORT = Number(process.env.BENCH_SSH_PORT ?? 22022);
const SNMP_PORT = Number(process.env.BENCH_SNMP_PORT ?? 16161);
const CONFIGURED = process.env.BENCH_CONFIGURED !== '0';
const PASSWORD = 'bench-lab-pass';
const COMMUNITY = 'public'; // the agents' community when the credential's reference does not resolve (env: {})
const TARGET_RSS = 2 * 1024 ** 3;
const TARGET_BOOT_MS = 30_000;
const ROOT = join(import.meta.dirname, '..');

const { Client } = ssh2;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
const cpuSeconds = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
const cpuText = (c: NodeJS.CpuUsage) => `${cpuSeconds(c).toFixed(1)} s CPU (user ${(c.user / 1e6).toFixed(1)}, system ${(c.system / 1e6).toFixed(1)})`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function percentiles(xs: number[]): string {
  if (xs.length === 0) return 'no samples';
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!.toFixed(1);
  return `p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`;
}

interface Booted { lab: LabHandle; ms: number; cpu: NodeJS.CpuUsage }

async function boot(topology: Topology, configured: boolean): Promise<Booted> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const lab = await startLab(topology, { sshPort: SSH_PORT, snmpPort: SNMP_PORT, configured, password: PASSWORD, env: {} });
  return { lab, ms: performance.now() - t0, cpu: process.cpuUsage(cpu0) };
}

async function stop(lab: LabHandle): Promise<number> {
  const t0 = performance.now();
  await lab.stop();
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// SSH: login, exec `display version`, close.

type LoginError = 'connect' | 'auth' | 'exec' | 'timeout' | 'other';

interface LoginResult { readyMs: number; totalMs: number; bytes: number }

function login(entry: LabAddress, username: string): Promise<LoginResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let readyMs = 0;
    let settled = false;
    const client = new Client();
    const fail = (kind: LoginError, err?: Error) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(Object.assign(err ?? new Error(kind), { kind }));
    };
    client.on('error', (err: Error & { level?: string }) => {
      fail(err.level === 'client-authentication' ? 'auth' : err.level === 'client-timeout' ? 'timeout' : /ECONN|EADDR/.test(err.message) ? 'connect' : 'other', err);
    });
    client.on('ready', () => {
      readyMs = performance.now() - t0;
      client.exec('display version', (err, stream) => {
        if (err) { fail('exec', err); return; }
        let bytes = 0;
        stream.on('data', (d: Buffer) => { bytes += d.length; });
        stream.stderr.on('data', () => undefined);
        stream.on('close', () => {
          if (settled) return;
          settled = true;
          client.end();
          if (bytes === 0) reject(Object.assign(new Error('empty output'), { kind: 'exec' as LoginError }));
          else resolve({ readyMs, totalMs: performance.now() - t0, bytes });
        });
        stream.end();
      });
    });
    client.connect({
      host: entry.address, port: entry.sshPort, username, password: PASSWORD, readyTimeout: 10_000,
      hostVerifier: () => true,
    } as ConnectConfig);
  });
}

async function sshLoad(devices: LabAddress[], username: string, seconds: number): Promise<void> {
  const rnd = prng(4);
  let done = 0;
  let bytes = 0;
  const errors = new Map<string, number>();
  const reached = new Set<string>();
  const ready: number[] = [];
  const total: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const entry = devices[Math.floor(rnd() * devices.length)]!;
      reached.add(entry.name);
      try {
        const r = await login(entry, username);
        done++;
        bytes += r.bytes;
        ready.push(r.readyMs);
        total.push(r.totalMs);
      } catch (err) {
        const kind = (err as { kind?: string }).kind ?? 'other';
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  delay.disable();
  const errText = errors.size ? [...errors].map(([k, n]) => `${n} ${k}`).join(', ') : '0 errors';
  console.log(`  SSH logins: ${(done / elapsed).toFixed(1)}/s sustained (${done} logins + exec 'display version' + close in ${elapsed.toFixed(1)} s, ${CONCURRENCY} concurrent, random devices, ${reached.size} distinct; ${errText}; ${(bytes / Math.max(done, 1)).toFixed(0)} bytes of output each)`);
  console.log(`    time to authenticated: ${percentiles(ready)}; whole login+exec+close: ${percentiles(total)}`);
  console.log(`    ${cpuText(cpu)} over ${elapsed.toFixed(1)} s wall = ${(cpuSeconds(cpu) / elapsed * 100).toFixed(0)}% of a core; ${(cpuSeconds(cpu) * 1000 / Math.max(done, 1)).toFixed(1)} ms CPU per login (client and server sides together)`);
  console.log(`    event-loop delay: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);
}

// ---------------------------------------------------------------------------------------------
// SNMP: GetBulk (non-repeaters 0, max-repetitions 10) over four ifXTable columns.

const BULK_COLUMNS = [1, 6, 10, 15].map((c) => `1.3.6.1.2.1.31.1.1.1.${c}`.split('.').map(Number));

function getBulk(session: snmpNative.Session, host: string, port: number): Promise<number> {
  const pkt = new snmpNative.Packet();
  pkt.community = COMMUNITY;
  pkt.pdu.type = 5;
  pkt.pdu.error = 0; // non-repeaters
  pkt.pdu.errorIndex = 10; // max-repetitions
  pkt.pdu.varbinds = BULK_COLUMNS.map((oid) => ({ oid, type: 5, value: null }));
  return new Promise((resolve, reject) => session.sendMsg(pkt, { host, port }, (err, vbs) => (err ? reject(err) : resolve(vbs.length))));
}

async function snmpLoad(devices: LabAddress[], seconds: number): Promise<void> {
  const session = new snmpNative.Session({ port: SNMP_PORT, community: COMMUNITY, timeouts: [2000] });
  const rnd = prng(7);
  let done = 0;
  let varbinds = 0;
  let errors = 0;
  const latencies: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const entry = devices[Math.floor(rnd() * devices.length)]!;
      const start = performance.now();
      try {
        const n = await getBulk(session, entry.address, entry.snmpPort); // not `varbinds += await`: that reads varbinds before the await
        varbinds += n;
        done++;
        latencies.push(performance.now() - start);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  delay.disable();
  session.close();
  console.log(`  SNMP GetBulk: ${(done / elapsed).toFixed(0)}/s sustained (${done} requests in ${elapsed.toFixed(1)} s from one client, ${CONCURRENCY} in flight, random devices; ${(varbinds / Math.max(done, 1)).toFixed(0)} varbinds each; ${errors} errors/timeouts)`);
  console.log(`    latency: ${percentiles(latencies)}`);
  console.log(`    ${cpuText(cpu)} over ${elapsed.toFixed(1)} s wall = ${(cpuSeconds(cpu) / elapsed * 100).toFixed(0)}% of a core; ${(cpuSeconds(cpu) * 1e6 / Math.max(done, 1)).toFixed(0)} µs CPU per GetBulk (client and agent together)`);
  console.log(`    event-loop delay: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);
}

// ---------------------------------------------------------------------------------------------

const rss0 = process.memoryUsage().rss;
console.log(`lab benchmark: node ${process.version}, pid ${process.pid}; bare process RSS ${mb(rss0)}; SSH port ${SSH_PORT}, SNMP port ${SNMP_PORT}; ${SECONDS} s per load phase, ${CONCURRENCY} concurrent`);

// 1. The city extranet.
{
  const load = loadTopology(join(ROOT, 'topology/city-extranet'));
  if (!load.topology) throw new Error(`city-extranet does not load: ${load.findings.map((f) => f.message).join('; ')}`);
  const { lab, ms, cpu } = await boot(load.topology, true);
  const m = process.memoryUsage();
  console.log(`\ncity extranet (configured): ${lab.devices.length} devices booted in ${ms.toFixed(0)} ms (${cpuText(cpu)}); RSS ${mb(m.rss)}, heap used ${mb(m.heapUsed)}, peak RSS so far ${mb(peakRss())}`);
  console.log(`  stop: ${(await stop(lab)).toFixed(0)} ms`);
}

// 2. A generated 1,000-device lab.
{
  const tg = performance.now();
  const topology = generateTopology({ devices: sizeReaching(DEVICES), departments: 100, vlansPerDepartment: 10 });
  const genMs = performance.now() - tg;
  const username = topology.credentials?.[0]?.username ?? 'admin';
  const rssBefore = process.memoryUsage().rss;
  console.log(`\ngenerated topology: ${topology.devices.length} devices, ${topology.links?.length ?? 0} links, ${topology.vrrp?.length ?? 0} VRRP groups, ${topology.vlans?.length ?? 0} VLANs (generated in ${genMs.toFixed(0)} ms); RSS before boot ${mb(rssBefore)}`);

  const { lab, ms, cpu } = await boot(topology, CONFIGURED);
  const m = process.memoryUsage();
  const peak = peakRss();
  console.log(`  boot (${CONFIGURED ? 'configured: rendered configuration on every device' : 'baseline configuration'}): ${lab.devices.length} devices, ${lab.devices.length} SSH servers + ${lab.devices.length} SNMP agents, in ${(ms / 1000).toFixed(1)} s (${cpuText(cpu)})`);
  console.log(`  memory after boot: RSS ${mb(m.rss)} (+${mb(m.rss - rssBefore)} for the lab, ${((m.rss - rssBefore) / lab.devices.length / 1024).toFixed(0)} KB per device), heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}; peak RSS ${mb(peak)}`);

  // Traffic on every link so that the counters the GetBulks read move.
  for (const link of lab.network.links.values()) lab.network.setTraffic(link, 100e6);

  console.log(`\n  load (${SECONDS} s each; clients and lab share this process):`);
  await sshLoad(lab.devices, username, SECONDS);
  await snmpLoad(lab.devices, SECONDS);

  const after = process.memoryUsage();
  const peakAll = peakRss();
  console.log(`  memory after load: RSS ${mb(after.rss)}, heap used ${mb(after.heapUsed)}; peak RSS ${mb(peakAll)}`);
  console.log(`  stop: ${(await stop(lab)).toFixed(0)} ms`);

  const n = lab.devices.length;
  console.log(`\ntargets (${n} devices in one process):`);
  console.log(`  RSS under 2 GB:    peak ${mb(peakAll)} -> ${verdict(peakAll < TARGET_RSS && n >= 1000)}`);
  console.log(`  boot under 30 s:   ${(ms / 1000).toFixed(1)} s (${CONFIGURED ? 'configured' : 'baseline'}) -> ${verdict(ms < TARGET_BOOT_MS && n >= 1000)}`);
}

// Everything is stopped: the process must now exit by itself. If a handle is left open, say which
// (the timer is unref'd, so it never holds the process up itself).
setTimeout(() => {
  console.error(`still running 10 s after stop; open resources: ${process.getActiveResourcesInfo().join(', ')}`);
  process.exit(1);
}, 10_000).unref();
