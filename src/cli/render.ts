/**
 * `dcnet render <device> [--topology path]`: print a device's intended configuration. Without
 * --topology, every network under `topology/` is searched for the device.
 */
import { relative } from 'node:path';
import { discoverNetworks, loadTopology, type Device, type LoadResult, type Topology } from '../model/index.js';
import { renderDevice, RenderError } from '../render/index.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

export interface LoadedNetwork {
  path: string;
  load: LoadResult;
}

/** Load every network under a path; a network whose files break the schema cannot be rendered. */
export function loadNetworks(path: string): LoadedNetwork[] {
  return discoverNetworks(path).map((p) => ({ path: p, load: loadTopology(p) }));
}

function label(n: LoadedNetwork): string {
  return `${n.load.topology?.network?.name ?? '?'} (${relative(process.cwd(), n.path) || n.path})`;
}

/** The network holding a device; RENDER_UNKNOWN_DEVICE when none (or several) do. */
export function locateDevice(networks: readonly LoadedNetwork[], name: string): { network: LoadedNetwork; topology: Topology; device: Device } {
  const hits = networks.filter((n) => Array.isArray(n.load.topology?.devices) && n.load.topology.devices.some((d) => d?.name === name));
  if (hits.length === 0) {
    throw new RenderError('RENDER_UNKNOWN_DEVICE', `no device '${name}' in ${networks.map(label).join(', ') || 'any network'}`, { device: name });
  }
  if (hits.length > 1) {
    throw new RenderError('RENDER_UNKNOWN_DEVICE', `device '${name}' is in several networks (${hits.map(label).join(', ')}): pick one with --topology`, { device: name });
  }
  const network = hits[0]!;
  assertRenderable(network);
  return { network, topology: network.load.topology, device: network.load.topology.devices.find((d) => d.name === name)! };
}

/** A network whose files break the schema is not rendered (dcnet validate says why). */
export function assertRenderable(n: LoadedNetwork): void {
  if (!n.load.schemaValid) {
    const errors = n.load.findings.filter((f) => f.severity === 'error').length;
    throw new RenderError('RENDER_UNKNOWN_DEVICE', `network ${label(n)} does not load (${errors} schema errors): run \`dcnet validate ${relative(process.cwd(), n.path) || n.path}\``);
  }
}

export function runRender(args: { device: string; topology: string }, io: Io): number {
  const { topology, device } = locateDevice(loadNetworks(args.topology), args.device);
  const text = renderDevice(topology, device.name);
  io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  return 0;
}
