/**
 * `dcnet lab up [topology] [--configured] [--control-port N] [--ssh-port N] [--snmp-port N]
 * [--snmprec <device>=<file>]...`: boot a topology's devices in this process, print the address
 * table, how to log in and the control API's URL, and run until SIGINT/SIGTERM or `dcnet lab down`
 * (a clean stop). `--snmprec` (repeatable) serves a device's SNMP answers from a real snmpsim
 * recording, exactly as recorded, instead of from the simulated state (its SSH CLI stays
 * simulated). `dcnet lab down` stops the lab recorded in the state file (./data/lab.json, or env
 * DCNET_LAB_STATE) through its control API, and falls back to SIGTERM on its pid.
 *
 * One state file holds one lab: `lab up` refuses while the lab it records still runs (naming it),
 * and when a port is taken says which lab or process holds it and which option moves it.
 *
 * The lab password for credentials whose reference does not resolve comes from env
 * DCNET_LAB_PASSWORD (never from the command line, never printed).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Topology } from '../model/index.js';
import { DcnetError } from '../errors.js';
import { LAB_DEFAULT_PASSWORD, resolveSecretRef } from '../lab/ssh/credentials.js';
import { displayPath as shown } from './paths.js';
import { startProgress } from './progress.js';
import { findPortHolder } from './port-holder.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

export const LAB_STATE_FILE = './data/lab.json';
/** What `lab up` boots when no topology is named. */
export const DEFAULT_LAB_TOPOLOGY = 'topology/provincial-dc';

export function labStateFile(): string {
  return resolve(process.env.DCNET_LAB_STATE ?? LAB_STATE_FILE);
}

interface LabState {
  pid: number;
  controlUrl: string;
  topology: string;
  network?: string;
  sshPort?: number;
  snmpPort?: number;
  controlPort?: number;
  startedAt: string;
}

function parsePort(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new DcnetError('CLI_USAGE', `--${name} must be a port number (0-65535, 0: any free port), got '${String(v)}'`);
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

function readState(file: string): LabState | undefined {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as LabState;
    return typeof s.pid === 'number' && typeof s.controlUrl === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lab a state file records still runs: its control API answers (a reused pid proves nothing). */
async function labAnswers(state: LabState): Promise<boolean> {
  try {
    const res = await fetch(`${state.controlUrl}/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok && ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

function describeLab(s: LabState): string {
  return `${s.network ?? 'a lab'} from ${shown(s.topology)} (pid ${s.pid}, control API ${s.controlUrl}, started ${s.startedAt}`
    + `${s.sshPort ? `, SSH port ${s.sshPort}` : ''}${s.snmpPort ? `, SNMP port ${s.snmpPort}` : ''})`;
}

/** How to log in to the lab's devices: per credential profile, the user and where the password comes from. Never a secret. */
export function describeLogins(topology: Topology, env: NodeJS.ProcessEnv = process.env): string[] {
  const labPassword = env.DCNET_LAB_PASSWORD ? 'DCNET_LAB_PASSWORD' : `the lab's default '${LAB_DEFAULT_PASSWORD}' (set DCNET_LAB_PASSWORD to change it)`;
  const groups = new Map<string, string[]>();
  for (const d of topology.devices) {
    const key = d.credentials ?? '';
    groups.set(key, [...(groups.get(key) ?? []), d.name]);
  }
  const lines = ['login (SSH, password or the credential\'s key):'];
  for (const [id, devices] of groups) {
    const cred = (topology.credentials ?? []).find((c) => c.id === id);
    const who = devices.length > 3 ? `${devices.slice(0, 3).join(', ')} and ${devices.length - 3} more` : devices.join(', ');
    const ref = cred?.password;
    const from = !ref
      ? labPassword
      : resolveSecretRef(ref, env) !== undefined
        ? `${ref} (set)`
        : `${ref} if set, else ${labPassword}`;
    lines.push(`  user '${cred?.username ?? 'admin'}' on ${who}${id ? ` (credential ${id})` : ''}: password from ${from}`);
  }
  return lines;
}

/** A port this lab could not bind: which option moves it, and who holds it. */
function portInUse(err: NodeJS.ErrnoException & { address?: string; port?: number }, ports: { ssh: number; snmp: number; control: number }): DcnetError {
  const port = err.port ?? 0;
  const address = err.address ?? '127.0.0.1';
  const [what, option, protocol] = err.syscall === 'bind' && port === ports.snmp ? ['SNMP', '--snmp-port', 'udp'] as const
    : address === '127.0.0.1' && port === ports.control ? ['control API', '--control-port', 'tcp'] as const
      : ['SSH', '--ssh-port', 'tcp'] as const;
  const holder = findPortHolder(address, port, protocol);
  const by = holder
    ? holder.pid === process.pid ? 'this process' : `pid ${holder.pid} (${holder.command || 'command unknown'})`
    : 'another process';
  return new DcnetError('LAB_PORT_IN_USE', `${what} port ${address}:${port} is in use by ${by}: stop it (a dcnet lab: \`dcnet lab down\` with its DCNET_LAB_STATE), or move this lab's ${what} with ${option} N (0: any free port)`);
}

export interface LabUpOptions {
  /** Resolves to stop the lab (tests); default: SIGINT/SIGTERM. */
  until?: Promise<void>;
}

export async function labUp(positionals: string[], values: Record<string, unknown>, io: Io, opts: LabUpOptions = {}): Promise<number> {
  const { discoverNetworks, loadTopology } = await import('../model/index.js');
  const { startLab, DEFAULT_SSH_PORT, DEFAULT_SNMP_PORT } = await import('../lab/index.js');
  const { startControlServer } = await import('../lab/control.js');
  const { SnmprecError } = await import('../lab/snmp/index.js');
  if (positionals.length > 1) throw new DcnetError('CLI_USAGE', `lab up takes one topology, got ${positionals.length}: ${positionals.join(' ')}`);
  const path = positionals[0] ?? DEFAULT_LAB_TOPOLOGY;
  if (positionals[0] === undefined) {
    let others: string[] = [];
    try {
      others = discoverNetworks(dirname(DEFAULT_LAB_TOPOLOGY)).map(shown).filter((p) => p !== DEFAULT_LAB_TOPOLOGY);
    } catch { /* no topology/ folder here */ }
    io.out(`no topology named: booting ${DEFAULT_LAB_TOPOLOGY}${others.length ? ` (also there: ${others.join(', ')}; \`dcnet lab up <path>\` boots one)` : ''}`);
  }
  const networks = discoverNetworks(path);
  if (networks.length !== 1) {
    throw new DcnetError('CLI_USAGE', networks.length === 0
      ? `no topology under ${path}`
      : `${path} holds ${networks.length} networks (${networks.map(shown).join(', ')}): name one`);
  }
  const load = loadTopology(networks[0]!);
  if (!load.schemaValid) throw new DcnetError('LAB_TOPOLOGY', `cannot load ${path}: ${load.findings.filter((f) => f.severity === 'error').map((f) => f.message).slice(0, 3).join('; ')} (dcnet validate ${path} lists every finding)`);
  const sshPort = parsePort(values['ssh-port'], 'ssh-port');
  const snmpPort = parsePort(values['snmp-port'], 'snmp-port');
  const controlPort = parsePort(values['control-port'], 'control-port') ?? 0;
  const snmprec = parseSnmprecOption(values.snmprec, load.topology.devices.map((d) => d.name));

  // One state file, one lab: a running one is named, a stale one is cleared.
  const stateFile = labStateFile();
  const previous = existsSync(stateFile) ? readState(stateFile) : undefined;
  if (previous && await labAnswers(previous)) {
    throw new DcnetError('LAB_RUNNING', `a lab is already running: ${describeLab(previous)}, recorded in ${shown(stateFile)}. `
      + 'Stop it with `dcnet lab down`, or run a second one beside it with its own state file and ports: '
      + `DCNET_LAB_STATE=${shown(stateFile).replace(/\.json$/, '')}-2.json dcnet lab up ... --ssh-port N --snmp-port N (0: any free port)`);
  }
  if (existsSync(stateFile)) {
    io.out(`removed the stale state file ${shown(stateFile)} (its lab${previous ? `, pid ${previous.pid},` : ''} no longer runs)`);
    rmSync(stateFile, { force: true });
  }

  const ports = { ssh: sshPort ?? DEFAULT_SSH_PORT, snmp: snmpPort ?? DEFAULT_SNMP_PORT, control: controlPort };
  const progress = startProgress();
  let lab: Awaited<ReturnType<typeof startLab>>;
  let control: Awaited<ReturnType<typeof startControlServer>>;
  let release!: () => void;
  const stopped = new Promise<void>((r) => { release = r; });
  try {
    lab = await startLab(load.topology, {
      configured: Boolean(values.configured),
      ...(sshPort !== undefined ? { sshPort } : {}),
      ...(snmpPort !== undefined ? { snmpPort } : {}),
      ...(process.env.DCNET_LAB_PASSWORD ? { password: process.env.DCNET_LAB_PASSWORD } : {}),
      ...(snmprec ? { snmprec } : {}),
      onProgress: (n, total) => progress.update(`booting ${load.topology.network.name}: devices`, n, total),
    });
  } catch (err) {
    progress.clear();
    if (err instanceof SnmprecError) throw new DcnetError('LAB_SNMPREC', `--snmprec: ${err.message}`);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(err as NodeJS.ErrnoException, ports);
    throw err;
  }
  progress.clear();
  try {
    control = await startControlServer(lab, { port: controlPort, onStop: () => release() });
  } catch (err) {
    await lab.stop();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(err as NodeJS.ErrnoException, ports);
    throw err;
  }

  const rows = lab.devices.map((d) => [d.name, d.platform, d.model, d.address, String(d.sshPort), String(d.snmpPort)]);
  const head = ['DEVICE', 'PLATFORM', 'MODEL', 'ADDRESS', 'SSH', 'SNMP'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  io.out(`lab ${load.topology.network.name}: ${lab.devices.length} devices (${values.configured ? 'configured' : 'empty baseline'})`);
  io.out(fmt(head));
  for (const r of rows) io.out(fmt(r));
  for (const [device, file] of Object.entries(snmprec ?? {})) io.out(`${device}: SNMP from the recording ${shown(file)}`);
  for (const l of describeLogins(load.topology)) io.out(l);
  io.out(`control API: ${control.url} (GET ${control.url}/ lists its routes)`);
  io.out(`state: ${shown(stateFile)}; \`dcnet lab down\` stops this lab (or Ctrl-C)`);

  mkdirSync(dirname(stateFile), { recursive: true });
  const state: LabState = {
    pid: process.pid, controlUrl: control.url, topology: networks[0]!, network: load.topology.network.name,
    sshPort: ports.ssh, snmpPort: ports.snmp, controlPort: control.port, startedAt: new Date().toISOString(),
  };
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
    const current = readState(stateFile);
    if (current && current.pid === process.pid && current.controlUrl === control.url) rmSync(stateFile, { force: true });
    io.out('lab stopped');
  }
  return 0;
}

/** Whether a pid (not this one) runs `dcnet lab up` (on Linux, by its command line; elsewhere assumed). */
function looksLikeLab(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = args.indexOf('lab');
    return i >= 0 && args[i + 1] === 'up';
  } catch {
    return process.platform !== 'linux';
  }
}

export async function labDown(io: Io): Promise<number> {
  const stateFile = labStateFile();
  if (!existsSync(stateFile)) {
    io.err(`no lab is running: there is no state file at ${shown(stateFile)} (a lab started with DCNET_LAB_STATE set is stopped with the same setting)`);
    return 1;
  }
  const state = readState(stateFile);
  if (!state) {
    rmSync(stateFile, { force: true });
    io.err(`no lab is running: ${shown(stateFile)} was not a lab state file; removed it`);
    return 1;
  }
  try {
    const res = await fetch(`${state.controlUrl}/stop`, { method: 'POST', signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // Wait for the lab to remove its state file (its clean stop).
    for (let i = 0; i < 100 && existsSync(stateFile); i++) await new Promise((r) => setTimeout(r, 100));
    rmSync(stateFile, { force: true });
    io.out(`lab stopped: ${describeLab(state)}`);
    return 0;
  } catch {
    // The control API does not answer: the lab is gone (a stale file), or hung.
  }
  if (!pidAlive(state.pid) || !looksLikeLab(state.pid)) {
    rmSync(stateFile, { force: true });
    io.err(`no lab is running: ${shown(stateFile)} recorded ${describeLab(state)}, which is gone; removed the stale state file`);
    return 1;
  }
  process.kill(state.pid, 'SIGTERM');
  for (let i = 0; i < 100 && pidAlive(state.pid); i++) await new Promise((r) => setTimeout(r, 100));
  rmSync(stateFile, { force: true });
  if (pidAlive(state.pid)) {
    io.err(`the lab (pid ${state.pid}) did not answer on its control API and is still running 10 s after SIGTERM; stop it with kill -9 ${state.pid}`);
    return 1;
  }
  io.out(`lab stopped: ${describeLab(state)} did not answer on its control API and was stopped with SIGTERM`);
  return 0;
}
