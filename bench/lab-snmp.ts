/**
 * Benchmark: the lab's SNMP half at scale. Builds the state of a generated 1,002-device topology
 * (the smallest of whole pods reaching BENCH_DEVICES=1000),
 * starts one SNMP agent per device in this process (127.10.<i div 250>.<i mod 250 + 1>, per
 * src/lab/DESIGN.md), then drives GetBulk requests from one snmp-native client for a few seconds.
 * Prints boot time, RSS and GetBulk/s; no assertions.
 *
 * Run: npm run bench:lab-snmp   (env: BENCH_DEVICES=1000, BENCH_SECONDS=5, BENCH_CONCURRENCY=32,
 *      BENCH_PORT=16171: away from the lab's default 1161 and bench/lab.ts's 16161, so that a running
 *      lab or the other bench does not collide)
 */
import snmpNative from 'snmp-native';
import { labAddress } from '../src/lab/index.js';
import { createLabNetwork } from '../src/lab/state/index.js';
import { startSnmpAgent, type SnmpAgentHandle } from '../src/lab/snmp/index.js';
import { generateTopology, sizeReaching } from './lib/generate-topology.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PORT = Number(process.env.BENCH_PORT ?? 16171);
const COMMUNITY = 'bench';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const rss0 = process.memoryUsage().rss;
const topology = generateTopology({ devices: sizeReaching(DEVICES), departments: 100, vlansPerDepartment: 10 });
const ports = topology.devices.reduce((n, d) => n + (d.extraPorts?.length ?? 0), 0);
console.log(`topology: ${topology.devices.length} devices, ${topology.links?.length} links, ${topology.vrrp?.length} VRRP groups (${ports} extra ports)`);

const t0 = performance.now();
const net = createLabNetwork(topology);
const t1 = performance.now();
const interfaces = [...net.devices.values()].reduce((n, d) => n + d.interfaces().length, 0);
console.log(`state: ${(t1 - t0).toFixed(0)} ms for ${net.devices.size} devices, ${interfaces} interfaces; RSS ${mb(process.memoryUsage().rss)}`);

const agents: SnmpAgentHandle[] = [];
const devices = [...net.devices.values()];
for (let i = 0; i < devices.length; i += 100) {
  const batch = devices.slice(i, i + 100);
  agents.push(...await Promise.all(batch.map((d, k) => startSnmpAgent(d, { address: labAddress(i + k), port: PORT, community: COMMUNITY }))));
}
const t2 = performance.now();
const rssBooted = process.memoryUsage().rss;
console.log(`agents: ${agents.length} started in ${(t2 - t1).toFixed(0)} ms; total boot ${(t2 - t0).toFixed(0)} ms; RSS ${mb(rssBooted)} (+${mb(rssBooted - rss0)} over the bare process)`);

// Traffic on every link so that counters move.
for (const link of net.links.values()) net.setTraffic(link, 100e6);

// One snmp-native client; GetBulk (0xA5) with non-repeaters 0, max-repetitions 10 over four ifXTable columns.
const session = new snmpNative.Session({ port: PORT, community: COMMUNITY, timeouts: [2000] });
const columns = [1, 6, 10, 15].map((c) => `1.3.6.1.2.1.31.1.1.1.${c}`.split('.').map(Number));
function getBulk(host: string): Promise<number> {
  const pkt = new snmpNative.Packet();
  pkt.community = COMMUNITY;
  pkt.pdu.type = 5;
  pkt.pdu.error = 0;
  pkt.pdu.errorIndex = 10;
  pkt.pdu.varbinds = columns.map((oid) => ({ oid, type: 5, value: null }));
  return new Promise((resolve, reject) => session.sendMsg(pkt, { host, port: PORT }, (err, vbs) => (err ? reject(err) : resolve(vbs.length))));
}

let done = 0;
let varbinds = 0;
let errors = 0;
const deadline = performance.now() + SECONDS * 1000;
const latencies: number[] = [];
async function worker(w: number): Promise<void> {
  let k = w;
  while (performance.now() < deadline) {
    const start = performance.now();
    try {
      const n = await getBulk(labAddress(k % agents.length));
      varbinds += n;
      done++;
      latencies.push(performance.now() - start);
    } catch {
      errors++;
    }
    k += CONCURRENCY;
  }
}
const t3 = performance.now();
const cpu0 = process.cpuUsage();
await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
const elapsed = (performance.now() - t3) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]?.toFixed(1);
console.log(`GetBulk: ${(done / elapsed).toFixed(0)}/s from one client (${CONCURRENCY} in flight, ${done} requests, ${(varbinds / done).toFixed(0)} varbinds each, ${errors} errors); latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
console.log(`CPU: ${cpuS.toFixed(1)} s over ${elapsed.toFixed(1)} s (client and agents share this one process): ${(done / cpuS).toFixed(0)} GetBulk per CPU-second`);
console.log(`RSS after load: ${mb(process.memoryUsage().rss)}; heap used ${mb(process.memoryUsage().heapUsed)}`);

session.close();
const t4 = performance.now();
await Promise.all(agents.map((a) => a.stop()));
console.log(`stop: ${(performance.now() - t4).toFixed(0)} ms`);
