/**
 * `dcnet plan --offline --running <dir> [--topology path] [--device name]... [--json] [--force]`: for
 * each device of the networks, diff its running configuration saved as `<dir>/<device>.cfg` (or
 * `.txt`) against the intended one, and print a unified diff, the commands, the rollback commands
 * and the running lines dcnet does not manage. A device without a file is skipped; a device whose
 * file does not parse (or that cannot be rendered) fails, gets no commands, and the others are
 * still planned. Exit code 1 when any device failed.
 * Before anything is planned: a device name found in several networks is refused (as `render`
 * does: --topology picks the network), and so is a network that fails validation, unless --force.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Device } from '../model/index.js';
import { DcnetError } from '../errors.js';
import { planDiff, renderDevice, type PlanResult } from '../render/index.js';
import { assertRenderable, loadNetworks, networkLabel, requireValid, type LoadedNetwork } from './render.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

export interface PlanArgs {
  running: string;
  topology: string;
  devices?: string[];
  json?: boolean;
  /** Plan networks that fail validation (runPlan refuses them otherwise). */
  force?: boolean;
}

export interface DevicePlan {
  device: string;
  network: string;
  platform: Device['platform'];
  managed: 'full' | 'partial';
  file?: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  error?: { code: string; message: string; line?: number };
  plan?: PlanResult;
}

const EXTENSIONS = ['.cfg', '.txt'];

/** A network's devices, or none when its data is too broken to list them. */
function devicesOf(n: LoadedNetwork): Device[] {
  return Array.isArray(n.load.topology?.devices) ? n.load.topology.devices : [];
}

function runningFile(dir: string, device: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const p = join(dir, `${device}${ext}`);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * A device name that more than one network holds, with a running file to plan it from (or named by
 * --device): which network's intent to diff it against cannot be guessed.
 */
export function assertUnambiguous(networks: readonly LoadedNetwork[], args: PlanArgs): void {
  const wanted = args.devices?.length ? new Set(args.devices) : undefined;
  const holders = new Map<string, LoadedNetwork[]>();
  for (const n of networks) {
    for (const d of devicesOf(n)) {
      if (d?.name && (!wanted || wanted.has(d.name))) holders.set(d.name, [...(holders.get(d.name) ?? []), n]);
    }
  }
  const ambiguous = [...holders].filter(([name, ns]) => ns.length > 1 && (wanted?.has(name) || runningFile(args.running, name)));
  if (ambiguous.length > 0) {
    throw new DcnetError('CLI_AMBIGUOUS_DEVICE', ambiguous.map(([name, ns]) => `device '${name}' is in several networks (${ns.map(networkLabel).join(', ')})`).join('; ')
      + ': pick one with --topology');
  }
}

/** Plan every device (or the named ones); never throws for one device's problem. */
export function planDevices(args: PlanArgs, networks: readonly LoadedNetwork[] = loadNetworks(args.topology)): { plans: DevicePlan[]; unknownFiles: string[]; unknownDevices: string[] } {
  if (!existsSync(args.running)) throw new DcnetError('CLI_RUNNING_DIR', `no such folder: ${args.running}`);
  assertUnambiguous(networks, args);
  const wanted = args.devices?.length ? new Set(args.devices) : undefined;
  const plans: DevicePlan[] = [];
  const seen = new Set<string>();
  for (const n of networks) {
    for (const device of devicesOf(n)) {
      if (!device?.name || (wanted && !wanted.has(device.name))) continue;
      seen.add(device.name);
      const base: DevicePlan = {
        device: device.name, network: n.load.topology.network?.name ?? '?', platform: device.platform,
        managed: device.managed ?? 'partial', status: 'skipped',
      };
      const file = runningFile(args.running, device.name);
      if (!file) { plans.push(base); continue; }
      base.file = file;
      try {
        assertRenderable(n);
        const intended = renderDevice(n.load.topology, device.name);
        const running = readFileSync(file, 'utf8');
        const plan = planDiff({ platform: device.platform, running, intended, managed: base.managed, device: device.name });
        plans.push({ ...base, status: plan.changed ? 'changed' : 'unchanged', plan });
      } catch (err) {
        const e = err as Error & { code?: string; details?: { line?: number } };
        const code = err instanceof DcnetError ? err.code : 'RENDER_FAILED';
        plans.push({ ...base, status: 'failed', error: { code, message: e.message, ...(e.details?.line !== undefined ? { line: e.details.line } : {}) } });
      }
    }
  }
  const names = new Set(plans.map((p) => p.device));
  const unknownFiles = readdirSync(args.running)
    .filter((f) => EXTENSIONS.some((ext) => f.endsWith(ext)) && !names.has(f.replace(/\.(cfg|txt)$/, '')))
    .filter((f) => !wanted);
  const unknownDevices = wanted ? [...wanted].filter((d) => !seen.has(d)) : [];
  return { plans, unknownFiles, unknownDevices };
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length ? [`-- ${title} (${lines.length})`, ...lines.map((l) => `  ${l}`)] : [`-- ${title}: none`];
}

export function formatDevicePlan(p: DevicePlan): string {
  const head = `== ${p.device} (${p.platform}, ${p.network}, managed: ${p.managed})`;
  if (p.status === 'failed') return `${head}\nFAILED: ${p.error!.code}: ${p.error!.message}\nno commands for this device\n`;
  const plan = p.plan!;
  if (!plan.changed && plan.unmanaged.length === 0) return `${head}\nin sync with ${p.file}\n`;
  const out = [head];
  if (plan.unifiedDiff) out.push(plan.unifiedDiff.trimEnd());
  out.push(...section('commands', plan.commands));
  out.push(...section('rollback', plan.rollback));
  if (plan.unmanaged.length) {
    const verdict = p.managed === 'full' ? 'not rendered by dcnet: removed (device fully managed)' : 'not managed by dcnet: left alone';
    out.push(...section(verdict, plan.unmanaged.map((u) => `${[...u.path, u.line].join(' > ')}${u.lineNo ? `  (line ${u.lineNo})` : ''}`)));
  }
  return out.join('\n') + '\n';
}

/** The networks holding a device that will be planned (a running file, and --device if given). */
function networksToPlan(networks: readonly LoadedNetwork[], args: PlanArgs): LoadedNetwork[] {
  const wanted = args.devices?.length ? new Set(args.devices) : undefined;
  return networks.filter((n) => devicesOf(n).some((d) => d?.name && (!wanted || wanted.has(d.name)) && runningFile(args.running, d.name)));
}

export function runPlan(args: PlanArgs, io: Io): number {
  if (!existsSync(args.running)) throw new DcnetError('CLI_RUNNING_DIR', `no such folder: ${args.running}`);
  const networks = loadNetworks(args.topology);
  assertUnambiguous(networks, args);
  requireValid(networksToPlan(networks, args), { command: 'plan', force: Boolean(args.force), errorsTo: io });
  const { plans, unknownFiles, unknownDevices } = planDevices(args, networks);
  const count = (s: DevicePlan['status']) => plans.filter((p) => p.status === s);
  const failed = count('failed');
  if (args.json) {
    io.out(JSON.stringify({ plans, unknownFiles, unknownDevices }, null, 2));
  } else {
    for (const p of plans) if (p.status !== 'skipped') io.out(formatDevicePlan(p));
    const skipped = count('skipped');
    if (skipped.length) io.out(`skipped (no ${EXTENSIONS.map((e) => `<device>${e}`).join(' or ')} in ${args.running}): ${skipped.map((p) => p.device).join(', ')}`);
    if (unknownFiles.length) io.out(`ignored files (no such device): ${unknownFiles.join(', ')}`);
    if (unknownDevices.length) io.out(`unknown devices: ${unknownDevices.join(', ')}`);
    io.out(`planned ${plans.length - skipped.length} devices: ${count('changed').length} with changes, ${count('unchanged').length} in sync, `
      + `${failed.length} failed${failed.length ? ` (${failed.map((p) => p.device).join(', ')})` : ''}; ${skipped.length} skipped`);
  }
  for (const p of failed) {
    const msg = p.error!.message.startsWith(`${p.device}:`) ? p.error!.message : `${p.device}: ${p.error!.message}`;
    io.err(`dcnet plan: ${p.error!.code}: ${msg}`);
  }
  return failed.length || unknownDevices.length ? 1 : 0;
}
