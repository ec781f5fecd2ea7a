/**
 * `dcnet lab up [topology] [--configured] [--control-port N] [--ssh-port N] [--snmp-port N]
 * [--snmprec <device>=<file>]...`: boot a topology's devices in this process, print the address table
 * and the control API's URL, and run until SIGINT/SIGTERM or `dcnet lab down` (a clean stop).
 * `--snmprec` (repeatable) serves a device's SNMP answers from a real snmpsim recording, exactly as
 * recorded, instead of from the simulated state (its SSH CLI stays simulated). `dcnet lab down`
 * stops the lab recorded in the state file (./data/lab.json, or env DCNET_LAB_STATE) through its
 * control API, and falls back to SIGTERM on its pid.
 *
 * The lab password for credentials whose reference does not resolve comes from env
 * DCNET_LAB_PASSWORD (never from the command line, never printed).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { DcnetError } from '../errors.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

export const LAB_STATE_FILE = './data/lab.json';

export function labStateFile(): string {
  return resolve(process.env.DCNET_LAB_STATE ?? LAB_STATE_FILE);
}

interface LabState {
  pid: number;
  controlUrl: string;
  topology: string;
  startedAt: string;
}

function parsePort(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new DcnetError('CLI_USAGE', `--${name} must be a port number (0-65535)`);
  return n;
}

/**
 * `--snmprec <device>=<file>` values (one string or several) → device name → absolute recording path.
 * Every device must be in the topology, named once, and its file must exist.
 */
export function parseSnmprecOption(v: unknown, devices: readonly string[], cwd: string = process.cwd()): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  const out: Record<string, string> = {};
  const known = new Set(devices);
  for (const item of list) {
    const text = String(item);
    const eq = text.indexOf('=');
    const device = eq > 0 ? text.slice(0, eq).trim() : '';
    const file = eq > 0 ? text.slice(eq + 1).trim() : '';
    if (!device || !file) throw new DcnetError('CLI_USAGE', `--snmprec takes <device>=<file>, got '${text}'`);
    if (!known.has(device)) throw new DcnetError('CLI_USAGE', `--snmprec: no device '${device}' in the topology`);
    if (device in out) throw new DcnetError('CLI_USAGE', `--snmprec: device '${device}' is named twice`);
    const path = resolve(cwd, file);
    if (!existsSync(path)) throw new DcnetError('LAB_SNMPREC', `--snmprec ${device}: no file ${file}`);
    out[device] = path;
  }
  return out;
}

export interface LabUpOptions {
  /** Resolves to stop the lab (tests); default: SIGINT/SIGTERM. */
  until?: Promise<void>;
}

export async function labUp(positionals: string[], values: Record<string, unknown>, io: Io, opts: LabUpOptions = {}): Promise<number> {
  const { discoverNetworks, loadTopology } = await import('../model/index.js');
  const { startLab } = await import('../lab/index.js');
  const { startControlServer } = await import('../lab/control.js');
  const { SnmprecError } = await import('../lab/snmp/index.js');
  const path = positionals[0] ?? 'topology/provincial-dc';
  const networks = discoverNetworks(path);
  if (networks.length !== 1) {
    throw new DcnetError('CLI_USAGE', networks.length === 0
      ? `no topology under ${path}`
      : `${path} holds ${networks.length} networks (${networks.map((n) => relative(process.cwd(), n) || n).join(', ')}): name one`);
  }
  const load = loadTopology(networks[0]!);
  if (!load.topology) throw new DcnetError('LAB_TOPOLOGY', `cannot load ${path}: ${load.findings.filter((f) => f.severity === 'error').map((f) => f.message).slice(0, 3).join('; ')}`);

  const snmprec = parseSnmprecOption(values.snmprec, load.topology.devices.map((d) => d.name));
  let lab: Awaited<ReturnType<typeof startLab>>;
  try {
    lab = await startLab(load.topology, {
      configured: Boolean(values.configured),
      ...(parsePort(values['ssh-port'], 'ssh-port') !== undefined ? { sshPort: parsePort(values['ssh-port'], 'ssh-port')! } : {}),
      ...(parsePort(values['snmp-port'], 'snmp-port') !== undefined ? { snmpPort: parsePort(values['snmp-port'], 'snmp-port')! } : {}),
      ...(process.env.DCNET_LAB_PASSWORD ? { password: process.env.DCNET_LAB_PASSWORD } : {}),
      ...(snmprec ? { snmprec } : {}),
    });
  } catch (err) {
    if (err instanceof SnmprecError) throw new DcnetError('LAB_SNMPREC', `--snmprec: ${err.message}`);
    throw err;
  }
  let release!: () => void;
  const stopped = new Promise<void>((r) => { release = r; });
  const control = await startControlServer(lab, { port: parsePort(values['control-port'], 'control-port') ?? 0, onStop: () => release() });

  const rows = lab.devices.map((d) => [d.name, d.platform, d.model, d.address, String(d.sshPort), String(d.snmpPort)]);
  const head = ['DEVICE', 'PLATFORM', 'MODEL', 'ADDRESS', 'SSH', 'SNMP'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  io.out(`lab ${load.topology.network.name}: ${lab.devices.length} devices (${values.configured ? 'configured' : 'empty baseline'})`);
  io.out(fmt(head));
  for (const r of rows) io.out(fmt(r));
  for (const [device, file] of Object.entries(snmprec ?? {})) io.out(`${device}: SNMP from the recording ${relative(process.cwd(), file) || file}`);
  io.out(`control API: ${control.url}`);

  const stateFile = labStateFile();
  mkdirSync(dirname(stateFile), { recursive: true });
  const state: LabState = { pid: process.pid, controlUrl: control.url, topology: networks[0]!, startedAt: new Date().toISOString() };
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);

  const onSignal = () => release();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await Promise.race([stopped, ...(opts.until ? [opts.until] : [])]);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await control.close();
    await lab.stop();
    try {
      const current = JSON.parse(readFileSync(stateFile, 'utf8')) as LabState;
      if (current.pid === process.pid && current.controlUrl === control.url) rmSync(stateFile, { force: true });
    } catch { /* already gone */ }
    io.out('lab stopped');
  }
  return 0;
}

export async function labDown(io: Io): Promise<number> {
  const stateFile = labStateFile();
  if (!existsSync(stateFile)) {
    io.err('no lab is running (no state file at ' + (relative(process.cwd(), stateFile) || stateFile) + ')');
    return 1;
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as LabState;
  try {
    const res = await fetch(`${state.controlUrl}/stop`, { method: 'POST', signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // Wait for the lab to remove its state file (its clean stop).
    for (let i = 0; i < 100 && existsSync(stateFile); i++) await new Promise((r) => setTimeout(r, 100));
  } catch {
    try {
      process.kill(state.pid, 'SIGTERM');
    } catch {
      io.out(`the lab (pid ${state.pid}) was not running; removing its state file`);
    }
  }
  rmSync(stateFile, { force: true });
  io.out('lab stopped');
  return 0;
}
