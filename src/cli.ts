/**
 * The dcnet command line. Each subcommand loads only what it needs. Errors the user can act on
 * are printed as one line (no stack trace); exit codes: 0 ok, 1 findings/failure, 2 usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { relative } from 'node:path';
import { DcnetError } from './errors.js';

type Out = { out: (s: string) => void; err: (s: string) => void };
const stdio: Out = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

interface Command {
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  run(args: { positionals: string[]; values: Record<string, unknown> }, io: Out): Promise<number>;
}

export class UsageError extends DcnetError {
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}

const DEFAULT_TOPOLOGY = 'topology';

const COMMANDS: Record<string, Command> = {
  validate: {
    summary: 'validate topologies and print every finding, grouped by severity',
    usage: 'dcnet validate [path] [--json] [--quiet]',
    options: { json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
    async run({ positionals, values }, io) {
      const { discoverNetworks } = await import('./model/index.js');
      const { validateTopology } = await import('./intent/index.js');
      const { formatValidation } = await import('./cli/format.js');
      const path = positionals[0] ?? DEFAULT_TOPOLOGY;
      const results = discoverNetworks(path).map((p) => validateTopology(p));
      if (values.json) {
        io.out(JSON.stringify(results.map((r) => ({
          network: r.load.topology?.network?.name ?? null, origin: r.load.origin, hash: r.load.hash, ok: r.ok,
          counts: countBySeverity(r.findings), findings: r.findings,
        })), null, 2));
      } else {
        for (const r of results) io.out(formatValidation(r, { quiet: Boolean(values.quiet) }));
      }
      return results.every((r) => r.ok) ? 0 : 1;
    },
  },
  summary: {
    summary: 'print the devices of each network per zone and layer',
    usage: 'dcnet summary [path]',
    async run({ positionals }, io) {
      const { discoverNetworks, summarizeTopology, formatSummary } = await import('./model/index.js');
      const { validateTopology } = await import('./intent/index.js');
      let ok = true;
      for (const p of discoverNetworks(positionals[0] ?? DEFAULT_TOPOLOGY)) {
        const r = validateTopology(p);
        const c = countBySeverity(r.findings);
        io.out(`${r.load.topology?.network?.name ?? p} (${relative(process.cwd(), p) || p}): ${c.error} errors, ${c.warning} warnings`);
        io.out(formatSummary(summarizeTopology(r.load.topology)) + '\n');
        ok &&= r.ok;
      }
      return ok ? 0 : 1;
    },
  },
  render: {
    summary: "print a device's intended configuration, as the device would print it",
    usage: 'dcnet render <device> [--topology path]',
    options: { topology: { type: 'string', short: 't' } },
    async run({ positionals, values }, io) {
      if (positionals.length !== 1) throw new UsageError('name one device');
      const { runRender } = await import('./cli/render.js');
      return runRender({ device: positionals[0]!, topology: (values.topology as string | undefined) ?? DEFAULT_TOPOLOGY }, io);
    },
  },
  plan: {
    summary: 'diff running configurations (saved as files) against the intended ones: unified diff, commands, rollback',
    usage: 'dcnet plan --offline --running <dir> [--topology path] [--device name]... [--json]',
    options: {
      offline: { type: 'boolean' }, running: { type: 'string', short: 'r' }, topology: { type: 'string', short: 't' },
      device: { type: 'string', short: 'd', multiple: true }, json: { type: 'boolean' },
    },
    async run({ positionals, values }, io) {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      if (!values.offline) throw new UsageError('only offline planning exists so far: pass --offline --running <dir>');
      if (typeof values.running !== 'string') throw new UsageError('--running <dir> is required');
      const { runPlan } = await import('./cli/plan.js');
      return runPlan({
        running: values.running, topology: (values.topology as string | undefined) ?? DEFAULT_TOPOLOGY,
        devices: values.device as string[] | undefined, json: Boolean(values.json),
      }, io);
    },
  },
  demo: {
    summary: 'the demo: validate the reference topologies, store them in the embedded database, summarise',
    usage: 'dcnet demo [path]',
    async run({ positionals }, io) {
      const { runDemo } = await import('./cli/demo.js');
      return runDemo(positionals[0] ?? DEFAULT_TOPOLOGY, io);
    },
  },
  lab: {
    summary: 'the simulated devices: `dcnet lab up [topology]` boots them (SSH, SNMP, control API), `dcnet lab down` stops them',
    usage: 'dcnet lab up [topology] [--configured] [--control-port N] [--ssh-port N] [--snmp-port N] [--snmprec <device>=<file>]... | dcnet lab down',
    options: {
      configured: { type: 'boolean' }, 'control-port': { type: 'string' }, 'ssh-port': { type: 'string' }, 'snmp-port': { type: 'string' },
      snmprec: { type: 'string', multiple: true },
    },
    async run({ positionals, values }, io) {
      const { labUp, labDown } = await import('./cli/lab.js');
      const [sub, ...rest] = positionals;
      if (sub === 'up') return labUp(rest, values, io);
      if (sub === 'down') return labDown(io);
      throw new UsageError('usage: dcnet lab up [topology] [--configured] [--control-port N] | dcnet lab down');
    },
  },
  db: {
    summary: 'database tasks: `dcnet db migrate` applies migrations/ (PGlite data folder, or DATABASE_URL)',
    usage: 'dcnet db migrate',
    async run({ positionals }, io) {
      if (positionals[0] !== 'migrate') throw new UsageError('usage: dcnet db migrate');
      const { openDatabase, migrateDatabase } = await import('./db/index.js');
      const database = await openDatabase();
      try {
        await migrateDatabase(database);
        io.out(`migrations applied (${database.kind})`);
      } finally {
        await database.close();
      }
      return 0;
    },
  },
};

export function countBySeverity(findings: { severity: string }[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity as keyof typeof c]++;
  return c;
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'usage: dcnet <command> [options]', '',
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`), '',
    'dcnet <command> --help for its options.',
  ].join('\n');
}

export async function main(argv: string[], io: Out = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`dcnet: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  try {
    const parsed = parseArgs({ args: rest, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.out(`usage: ${cmd.usage}\n\n${cmd.summary}`);
      return 0;
    }
    return await cmd.run({ positionals: parsed.positionals, values: parsed.values as Record<string, unknown> }, io);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (err instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`dcnet ${name}: ${e.message}\nusage: ${cmd.usage}`);
      return 2;
    }
    if (err instanceof DcnetError) {
      io.err(`dcnet ${name}: ${err.code}: ${err.message}`);
      return 1;
    }
    if (e.code === 'ENOENT') {
      io.err(`dcnet ${name}: ${e.message}`);
      return 1;
    }
    io.err(`dcnet ${name}: unexpected error: ${e.message}${process.env.DCNET_DEBUG ? `\n${e.stack}` : ' (set DCNET_DEBUG=1 for the stack)'}`);
    return 1;
  }
}
