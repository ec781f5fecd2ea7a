/**
 * `dcnet render <device> [--topology path] [--force]`: print a device's intended configuration.
 * Without --topology, every network under `topology/` is searched for the device. A network that
 * fails validation is not rendered (its errors are printed) unless --force, which says so loudly.
 */
import { relative } from 'node:path';
import { validateLoaded } from '../intent/index.js';
import { DcnetError } from '../errors.js';
import { discoverNetworks, loadTopology, type Device, type LoadResult, type Topology } from '../model/index.js';
import { renderDevice, RenderError } from '../render/index.js';
import { formatValidation } from './format.js';
import { startProgress } from './progress.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

export interface LoadedNetwork {
  path: string;
  load: LoadResult;
}

/** Load every network under a path; a network whose files break the schema cannot be rendered. */
export function loadNetworks(path: string): LoadedNetwork[] {
  return discoverNetworks(path).map((p) => ({ path: p, load: loadTopology(p) }));
}

/** `name (path)` of a network, as messages name it. */
export function networkLabel(n: LoadedNetwork): string {
  return `${n.load.topology?.network?.name ?? '?'} (${relative(process.cwd(), n.path) || n.path})`;
}

/** The network holding a device; RENDER_UNKNOWN_DEVICE when none (or several) do. */
export function locateDevice(networks: readonly LoadedNetwork[], name: string): { network: LoadedNetwork; topology: Topology; device: Device } {
  const hits = networks.filter((n) => Array.isArray(n.load.topology?.devices) && n.load.topology.devices.some((d) => d?.name === name));
  if (hits.length === 0) {
    throw new RenderError('RENDER_UNKNOWN_DEVICE', `no device '${name}' in ${networks.map(networkLabel).join(', ') || 'any network'}`, { device: name });
  }
  if (hits.length > 1) {
    throw new RenderError('RENDER_UNKNOWN_DEVICE', `device '${name}' is in several networks (${hits.map(networkLabel).join(', ')}): pick one with --topology`, { device: name });
  }
  const network = hits[0]!;
  assertRenderable(network);
  return { network, topology: network.load.topology, device: network.load.topology.devices.find((d) => d.name === name)! };
}

/** A network whose files break the schema is not rendered (dcnet validate says why). */
export function assertRenderable(n: LoadedNetwork): void {
  if (!n.load.schemaValid) {
    const errors = n.load.findings.filter((f) => f.severity === 'error').length;
    throw new RenderError('RENDER_UNKNOWN_DEVICE', `network ${networkLabel(n)} does not load (${errors} schema errors): run \`dcnet validate ${relative(process.cwd(), n.path) || n.path}\``);
  }
}

/**
 * Validate the networks a command is about to act on. One with errors is refused: its errors go to
 * stderr and CLI_INVALID_TOPOLOGY is thrown, unless `force`, when every error is still printed and
 * a warning says that the output comes from an invalid topology.
 */
export function requireValid(networks: readonly LoadedNetwork[], opts: { command: string; force: boolean; errorsTo: Io }): void {
  const progress = startProgress();
  const invalid = networks.map((n) => validateLoaded(n.load, undefined, {
    onRule: (rule, done, total) => progress.update(`validating ${n.load.topology?.network?.name ?? n.path}: ${rule}`, done, total),
  })).filter((r) => !r.ok);
  progress.clear();
  if (invalid.length === 0) return;
  for (const r of invalid) opts.errorsTo.err(formatValidation(r, { quiet: true }).trimEnd());
  const names = invalid.map((r) => `${r.load.topology?.network?.name ?? r.load.origin} (${r.findings.filter((f) => f.severity === 'error').length} errors)`).join(', ');
  if (!opts.force) {
    throw new DcnetError('CLI_INVALID_TOPOLOGY', `${names} fails validation: fix the errors above, or pass --force to ${opts.command} anyway`);
  }
  opts.errorsTo.err(`dcnet ${opts.command}: WARNING: --force: ${names} FAILS VALIDATION; the output below comes from an invalid topology and may be wrong or unsafe to apply`);
}

export function runRender(args: { device: string; topology: string; force?: boolean }, io: Io): number {
  const { network, topology, device } = locateDevice(loadNetworks(args.topology), args.device);
  requireValid([network], { command: 'render', force: Boolean(args.force), errorsTo: io });
  const text = renderDevice(topology, device.name);
  io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  return 0;
}
