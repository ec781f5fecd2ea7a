/**
 * A terminal on a simulated device without SSH: the CLI engine with an in-memory session, as a
 * test types into it. `type(line)` sends the line (and Enter) and resolves with what the device
 * printed up to and including the next prompt (or pager line, or question).
 */
import { join } from 'node:path';
import { loadTopology, type Topology } from '../../../src/model/index.js';
import { renderDevice } from '../../../src/render/index.js';
import { DeviceCli, cliPlatformFor, type CliSession } from '../../../src/lab/cli/index.js';
import { createLabNetwork, type LabNetwork } from '../../../src/lab/state/index.js';

export const ROOT = join(import.meta.dirname, '../../..');
export const TOPOLOGIES = {
  provincial: join(ROOT, 'topology/provincial-dc'),
  city: join(ROOT, 'topology/city-extranet'),
  usgLab: join(ROOT, 'tests/fixtures/huawei-usg/usg-lab'),
};

const topologies = new Map<string, Topology>();
export function topology(path: string): Topology {
  let t = topologies.get(path);
  if (!t) {
    const r = loadTopology(path);
    if (!r.topology) throw new Error(`cannot load ${path}`);
    topologies.set(path, (t = r.topology));
  }
  return t;
}

export interface Lab {
  net: LabNetwork;
  clock: { now: number };
  cli(name: string): DeviceCli;
}

/** A simulated world for a topology (no servers), every device booted from the empty baseline or its rendered config. */
export function makeLab(path: string, opts: { configured?: boolean; devices?: string[] } = {}): Lab {
  const t = topology(path);
  const clock = { now: Date.UTC(2026, 3, 22, 10, 12, 22) };
  const net = createLabNetwork(t, { clock: () => clock.now, config: opts.configured ? 'topology' : 'baseline' });
  const clis = new Map<string, DeviceCli>();
  const host = { clock: () => clock.now, reboot: (n: string) => net.reboot(n) };
  for (const d of t.devices) {
    if (opts.devices && !opts.devices.includes(d.name)) continue;
    const device = net.device(d.name);
    const cli = new DeviceCli(cliPlatformFor(device), device, host);
    cli.boot(opts.configured ? renderDevice(t, d.name) : undefined);
    clis.set(d.name, cli);
  }
  return {
    net,
    clock,
    cli: (name) => {
      const c = clis.get(name);
      if (!c) throw new Error(`no CLI for ${name}`);
      return c;
    },
  };
}

export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

export class Terminal {
  readonly session: CliSession;
  private buffer = '';
  closed: 'quit' | 'drop' | undefined;

  constructor(readonly cli: DeviceCli, opts: { username?: string; interactive?: boolean } = {}) {
    this.session = cli.openSession({
      write: (t) => { this.buffer += t; },
      close: (reason) => { this.closed = reason; },
    }, { interactive: opts.interactive ?? true, username: opts.username ?? 'dcnet' });
  }

  /** The banner and the first prompt. */
  async start(): Promise<string> {
    this.session.start();
    return this.take();
  }

  /** Everything written since the last read. */
  take(): string {
    const out = this.buffer;
    this.buffer = '';
    return out;
  }

  /** Send raw bytes and collect the output once the engine is idle. */
  async send(bytes: string): Promise<string> {
    this.session.feed(bytes);
    for (let i = 0; i < 5; i++) await tick();
    return this.take();
  }

  /** Type a line and Enter; the output (echo included, `\r\n` line ends). */
  async type(line: string): Promise<string> {
    return this.send(`${line}\r`);
  }

  /** The output of a line without its echo and final prompt, as lines. */
  async lines(line: string): Promise<string[]> {
    const out = (await this.type(line)).split('\r\n');
    out.shift(); // the echo
    out.pop(); // the prompt
    return out;
  }
}
