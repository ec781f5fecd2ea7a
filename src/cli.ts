/**
 * The dcnet command line. Each command is a spec (usage, arguments, options, the environment it
 * reads) and a `run` that loads only what it needs; `dcnet <command> --help` prints the spec.
 * Errors the user can act on are printed as one line (no stack trace); exit codes: 0 ok,
 * 1 findings/failure, 2 usage. A closed stdout (`dcnet ... | head -1`) ends the output quietly.
 * A new command: a spec in COMMANDS below, whose `run` imports its own file under src/cli/.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DcnetError } from './errors.js';
import { packageVersion } from './package-root.js';
import { displayPath } from './cli/paths.js';

export type Out = { out: (s: string) => void; err: (s: string) => void };

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in help (`N`, `path`); string options only. */
  arg?: string;
  help: string;
}

export interface Command {
  summary: string;
  /** Synopsis lines, each starting with `dcnet <command>`. */
  usage: string[];
  /** Sub-commands (`dcnet lab up|down`): the first argument must be one of these. */
  subcommands?: string[];
  /** Positional arguments and what they mean. */
  args?: [name: string, help: string][];
  options?: Record<string, OptionSpec>;
  /** Environment variables the command reads (described in ENVIRONMENT). */
  env?: string[];
  run(args: { positionals: string[]; values: Record<string, unknown> }, io: Out): Promise<number>;
}

export class UsageError extends DcnetError {
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}

const DEFAULT_TOPOLOGY = 'topology';

/** Every environment variable a command reads. */
export const ENVIRONMENT: Record<string, string> = {
  DATABASE_URL: 'PostgreSQL to use (postgres://user@host:5432/db); unset: the embedded PGlite database',
  DCNET_DATA_DIR: 'folder of the embedded PGlite database (default ./data/pglite)',
  DCNET_LAB_PASSWORD: "the lab devices' password where a credential's password reference does not resolve (default 'dcnet-lab'); never printed",
  DCNET_LAB_STATE: "the running lab's state file, which `lab down` reads (default ./data/lab.json)",
  'env:NAME': "the topology's credential references (device passwords, SNMP keys), read by the lab devices",
  DCNET_PROGRESS: 'set to 0: no progress line on a terminal (never shown when piped)',
  DCNET_DEBUG: 'set to 1: print the stack trace of an unexpected error',
  DCNET_TOPOLOGY: 'the network plan and playbook act on when --topology is not given (default: the running lab\'s with --lab, else topology/)',
  DCNET_ACTOR: 'who acts, as the audit log records it (default cli:<login name>)',
  DCNET_LOG_LEVEL: 'the change engine\'s log level on stderr (default warn)',
};

const TOPOLOGY_ARG: [string, string] = ['path', 'a topology: a YAML file (one network), a folder of YAML files (one network) or a folder of such folders (several); default topology/'];
const FORCE: OptionSpec = { type: 'boolean', help: 'go on when the network fails validation (its errors are printed, with a warning)' };

const CHANGE_ENV = ['DATABASE_URL', 'DCNET_DATA_DIR', 'DCNET_ACTOR', 'env:NAME', 'DCNET_LOG_LEVEL', 'DCNET_DEBUG'];
const CHANGE_OPTIONS: Record<string, OptionSpec> = {
  message: { type: 'string', short: 'm', arg: 'why', help: 'why (required): recorded with the change in the audit log' },
  'confirm-within': { type: 'string', arg: 'duration', help: 'leave the change unsaved until `dcnet confirm` (5m, 90s); rolled back at the deadline' },
  'no-wait': { type: 'boolean', help: 'with --confirm-within: return at once (any later dcnet command enforces the deadline)' },
  canary: { type: 'string', arg: 'N', help: 'apply N devices first, then wait for the go-ahead (a y on the terminal, or dcnet confirm)' },
  force: { type: 'boolean', help: 'apply over drift: the commands of a device changed since the plan are recomputed' },
  concurrency: { type: 'string', arg: 'N', help: 'devices changed at once within a wave (default 16)' },
  'lock-wait': { type: 'string', arg: 'duration', help: 'how long to wait for devices another change holds (default 10s; 0: refuse at once)' },
};

/** The change commands (src/cli/change.ts, src/cli/playbook.ts). */
const CHANGE_COMMANDS: Record<string, Command> = {
  apply: {
    summary: 'apply a plan as one change: every device applied, read back, verified and saved, or every device rolled back',
    usage: ['dcnet apply <plan-id> -m <why> [--confirm-within 5m] [--no-wait] [--canary N] [--force] [--concurrency N] [--lock-wait 10s]'],
    args: [['plan-id', 'the plan to apply (dcnet plan prints it)']],
    options: CHANGE_OPTIONS,
    env: CHANGE_ENV,
    run: async ({ positionals, values }, io) => (await import('./cli/change.js')).runApply(positionals, values, io),
  },
  confirm: {
    summary: 'confirm a change awaiting confirmation (saves it), or give a canary its go-ahead',
    usage: ['dcnet confirm <change-id> [-m <note>]'],
    args: [['change-id', 'the change']],
    options: { message: { type: 'string', short: 'm', arg: 'note', help: 'a note for the audit log' } },
    env: CHANGE_ENV,
    run: async ({ positionals, values }, io) => (await import('./cli/change.js')).runConfirm(positionals, values, io),
  },
  rollback: {
    summary: 'roll a change back: now if it awaits confirmation, else as a new change restoring its snapshots',
    usage: ['dcnet rollback <change-id> -m <why> [--confirm-within 5m] [--no-wait] [--force]'],
    args: [['change-id', 'the change']],
    options: CHANGE_OPTIONS,
    env: CHANGE_ENV,
    run: async ({ positionals, values }, io) => (await import('./cli/change.js')).runRollback(positionals, values, io),
  },
  change: {
    summary: 'changes: `change show <id>` (devices and journal), `change list`, `change recover` (reconcile what a stopped process left)',
    usage: ['dcnet change show <id> [--json]', 'dcnet change list [--limit N] [--json]', 'dcnet change recover'],
    subcommands: ['show', 'list', 'recover'],
    options: { json: { type: 'boolean', help: 'print as JSON' }, limit: { type: 'string', arg: 'N', help: 'list: how many (default 20)' } },
    env: CHANGE_ENV,
    run: async ({ positionals, values }, io) => (await import('./cli/change.js')).runChange(positionals, values, io),
  },
  playbook: {
    summary: 'run an ordered change procedure of playbooks/ (variables, dry run), or list them',
    usage: ['dcnet playbook run <name> [--var k=v]... [--dry-run] -m <why> [--yes] [--lab] [--topology path] [--json]', 'dcnet playbook list [--dir path]'],
    subcommands: ['run', 'list'],
    args: [['name', 'run: the playbook (playbooks/<name>.yaml)']],
    options: {
      var: { type: 'string', multiple: true, arg: 'k=v', help: "a playbook variable (repeatable)" },
      'dry-run': { type: 'boolean', help: 'the same steps without side effects: plans and diffs, no apply, no SNMP SET, no wait, no gate' },
      message: { type: 'string', short: 'm', arg: 'why', help: 'why (required): recorded with the run and its changes' },
      yes: { type: 'boolean', short: 'y', help: "give every gate its go-ahead (without it and without a terminal, a gate stops the run)" },
      lab: { type: 'boolean', help: "reach the devices at the running lab's addresses" },
      topology: { type: 'string', short: 't', arg: 'path', help: 'the network (default: DCNET_TOPOLOGY, the lab\'s with --lab, else topology/)' },
      json: { type: 'boolean', help: 'print the run as JSON' },
      dir: { type: 'string', arg: 'path', help: 'the playbooks folder (default playbooks/)' },
    },
    env: [...CHANGE_ENV, 'DCNET_TOPOLOGY', 'DCNET_LAB_STATE'],
    run: async ({ positionals, values }, io) => (await import('./cli/playbook.js')).runPlaybookCommand(positionals, values, io),
  },
};

export const COMMANDS: Record<string, Command> = {
  validate: {
    summary: 'validate topologies and print every finding, grouped by severity',
    usage: ['dcnet validate [path] [--json] [--quiet]'],
    args: [TOPOLOGY_ARG],
    options: {
      json: { type: 'boolean', help: 'print the results as JSON (network, ok, counts, findings with file, line, column, code, path)' },
      quiet: { type: 'boolean', short: 'q', help: 'print errors only' },
    },
    env: ['DCNET_PROGRESS', 'DCNET_DEBUG'],
    async run({ positionals, values }, io) {
      const { runValidate } = await import('./cli/validate.js');
      return runValidate({ path: onePath(positionals), json: Boolean(values.json), quiet: Boolean(values.quiet) }, io);
    },
  },
  summary: {
    summary: 'print the devices of each network per zone and layer',
    usage: ['dcnet summary [path]'],
    args: [TOPOLOGY_ARG],
    env: ['DCNET_PROGRESS', 'DCNET_DEBUG'],
    async run({ positionals }, io) {
      const { runSummary } = await import('./cli/validate.js');
      return runSummary(onePath(positionals), io);
    },
  },
  render: {
    summary: "print a device's intended configuration, as the device would print it",
    usage: ['dcnet render <device> [--topology path] [--force]'],
    args: [['device', 'the device name; searched in every network under --topology, and refused when several hold it']],
    options: {
      topology: { type: 'string', short: 't', arg: 'path', help: 'where the networks are (default topology/)' },
      force: FORCE,
    },
    env: ['DCNET_PROGRESS', 'DCNET_DEBUG'],
    async run({ positionals, values }, io) {
      if (positionals.length !== 1) throw new UsageError(positionals.length ? `name one device, not ${positionals.length}` : 'name the device to render');
      const { runRender } = await import('./cli/render.js');
      return runRender({ device: positionals[0]!, topology: (values.topology as string | undefined) ?? DEFAULT_TOPOLOGY, force: Boolean(values.force) }, io);
    },
  },
  plan: {
    summary: 'plan a change against the live devices (read, diff, store, print), or --offline: diff running configurations saved as files',
    usage: [
      'dcnet plan [selector...] [--topology path] [--lab] [--json] [--concurrency N] [--force]',
      'dcnet plan --offline --running <dir> [--topology path] [--device name]... [--json] [--force]',
    ],
    args: [['selector', 'the devices: all (default), names (with *), zone:, layer:, site:, platform:, model:, department:<id>, vrrp-peers:<device>, revision:<id>, since:<id>; one key\'s terms are alternatives, different keys all apply']],
    options: {
      offline: { type: 'boolean', help: 'plan from saved files, without contacting devices' },
      running: { type: 'string', short: 'r', arg: 'dir', help: '--offline: folder of running configurations, one <device>.cfg or <device>.txt each' },
      topology: { type: 'string', short: 't', arg: 'path', help: 'the network (default: DCNET_TOPOLOGY, the running lab\'s with --lab, else topology/)' },
      device: { type: 'string', short: 'd', multiple: true, arg: 'name', help: '--offline: plan only this device (repeatable)' },
      lab: { type: 'boolean', help: 'reach the devices at the running lab\'s addresses (dcnet lab up) instead of their management addresses' },
      concurrency: { type: 'string', arg: 'N', help: 'devices read at once (default 16)' },
      json: { type: 'boolean', help: 'print the plan as JSON' },
      force: FORCE,
    },
    env: ['DATABASE_URL', 'DCNET_DATA_DIR', 'DCNET_TOPOLOGY', 'DCNET_ACTOR', 'DCNET_LAB_STATE', 'env:NAME', 'DCNET_PROGRESS', 'DCNET_DEBUG'],
    async run({ positionals, values }, io) {
      if (!values.offline) {
        if (values.running !== undefined || values.device !== undefined) throw new UsageError('--running and --device are for saved files: add --offline (a live plan takes a selector: dcnet plan host-agg-1 zone:hosting ...)');
        return (await import('./cli/change.js')).runLivePlan(positionals, values, io);
      }
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      if (typeof values.running !== 'string') throw new UsageError('--running <dir> is required');
      const { runPlan } = await import('./cli/plan.js');
      return runPlan({
        running: values.running, topology: (values.topology as string | undefined) ?? DEFAULT_TOPOLOGY,
        devices: values.device as string[] | undefined, json: Boolean(values.json), force: Boolean(values.force),
      }, io);
    },
  },
  ...CHANGE_COMMANDS,
  demo: {
    summary: 'the demo: validate the reference topologies, store them in the embedded database, summarise',
    usage: ['dcnet demo [path]'],
    args: [TOPOLOGY_ARG],
    env: ['DATABASE_URL', 'DCNET_DATA_DIR', 'DCNET_DEBUG'],
    async run({ positionals }, io) {
      const { runDemo } = await import('./cli/demo.js');
      return runDemo(onePath(positionals), io);
    },
  },
  lab: {
    summary: 'the simulated devices: `lab up` boots a topology (SSH, SNMP, control API), `lab down` stops it',
    usage: ['dcnet lab up [topology] [--configured] [--ssh-port N] [--snmp-port N] [--control-port N] [--snmprec <device>=<file>]...', 'dcnet lab down'],
    subcommands: ['up', 'down'],
    args: [['topology', 'lab up: one network (a YAML file or a folder of them); default topology/provincial-dc, and it says so']],
    options: {
      configured: { type: 'boolean', help: 'boot every device with its rendered configuration (default: the empty baseline)' },
      'ssh-port': { type: 'string', arg: 'N', help: 'SSH port on every device address, 127.10.x.y (default 2222; 0: any free port)' },
      'snmp-port': { type: 'string', arg: 'N', help: 'SNMP port on every device address (default 1161; 0: any free port)' },
      'control-port': { type: 'string', arg: 'N', help: 'port of the control API on 127.0.0.1 (default 0: any free port)' },
      snmprec: { type: 'string', multiple: true, arg: '<device>=<file>', help: "serve a device's SNMP from a snmpsim recording (repeatable)" },
    },
    env: ['DCNET_LAB_PASSWORD', 'env:NAME', 'DCNET_LAB_STATE', 'DCNET_PROGRESS', 'DCNET_DEBUG'],
    async run({ positionals, values }, io) {
      const { labUp, labDown } = await import('./cli/lab.js');
      const [sub, ...rest] = positionals;
      if (sub === 'up') return labUp(rest, values, io);
      if (rest.length) throw new UsageError(`lab down takes no argument, got '${rest[0]}'`);
      return labDown(io);
    },
  },
  db: {
    summary: 'database tasks: `db migrate` applies migrations/ (the embedded PGlite data folder, or DATABASE_URL)',
    usage: ['dcnet db migrate'],
    subcommands: ['migrate'],
    env: ['DATABASE_URL', 'DCNET_DATA_DIR', 'DCNET_DEBUG'],
    async run({ positionals }, io) {
      if (positionals.length > 1) throw new UsageError(`db migrate takes no argument, got '${positionals[1]}'`);
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

function onePath(positionals: string[]): string {
  if (positionals.length > 1) throw new UsageError(`name one path, not ${positionals.length} (a folder of networks holds several)`);
  return positionals[0] ?? DEFAULT_TOPOLOGY;
}

export function version(): string {
  return packageVersion(dirname(fileURLToPath(import.meta.url))) ?? 'unknown';
}

/** Two-column lines: the names padded to one width. */
function table(rows: [string, string][]): string[] {
  const width = Math.min(28, Math.max(...rows.map(([k]) => k.length)));
  return rows.map(([k, v]) => (k.length > width ? `  ${k}\n  ${''.padEnd(width)}  ${v}` : `  ${k.padEnd(width)}  ${v}`));
}

function usageLines(cmd: Command): string {
  return cmd.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}${u}`).join('\n');
}

export function help(): string {
  return [
    'usage: dcnet <command> [options]', '',
    'commands:',
    ...table(Object.entries(COMMANDS).map(([k, c]) => [k, c.summary])), '',
    '`dcnet <command> --help` shows its arguments, options and environment.',
    '`dcnet --version` shows the version.',
  ].join('\n');
}

export function commandHelp(cmd: Command): string {
  const options: [string, string][] = Object.entries(cmd.options ?? {}).map(([k, o]) => [
    `${o.short ? `-${o.short}, ` : ''}--${k}${o.type === 'string' ? ` ${o.arg ?? 'value'}` : ''}`, o.help,
  ]);
  options.push(['-h, --help', 'show this help']);
  const out = [usageLines(cmd), '', `${cmd.summary[0]!.toUpperCase()}${cmd.summary.slice(1)}.`];
  if (cmd.args?.length) out.push('', 'arguments:', ...table(cmd.args));
  out.push('', 'options:', ...table(options));
  if (cmd.env?.length) out.push('', 'environment:', ...table(cmd.env.map((e) => [e, ENVIRONMENT[e] ?? ''])));
  return out.join('\n');
}

/** Node's parseArgs errors, in our words. */
function parseErrorMessage(e: Error & { code?: string }): string {
  const option = /'(-[^']*?)(?: <value>)?'/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `unknown option '${option ?? e.message}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(e.message) ? `${option?.split(', ').pop() ?? 'an option'} needs a value` : `${option?.split(', ').pop() ?? 'an option'} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `unexpected argument ${/'[^']*'/.exec(e.message)?.[0] ?? ''}`.trim();
    default: return e.message;
  }
}

/** A file-system error as one line: what, and which path (relative to here). */
function fsErrorMessage(e: NodeJS.ErrnoException): string | undefined {
  const what: Record<string, string> = {
    ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'permission denied', ENOTDIR: 'not a folder', EISDIR: 'a folder, not a file',
  };
  if (!e.code || !what[e.code]) return undefined;
  return e.path ? `${what[e.code]}: ${displayPath(e.path)}` : `${what[e.code]} (${e.message})`;
}

/** Streams whose reader is gone. */
const gone = new Set<NodeJS.WriteStream>();
let guarded = false;

/**
 * The default terminal: process stdout/stderr, where a closed pipe (EPIPE: the reader left, as
 * `| head -1` does) silently drops the rest of the output instead of throwing a stack trace.
 */
function processIo(): Out {
  if (!guarded) {
    guarded = true;
    for (const s of [process.stdout, process.stderr]) s.on('error', () => { gone.add(s); });
  }
  const write = (s: NodeJS.WriteStream, text: string) => {
    if (gone.has(s) || s.destroyed) return;
    s.write(`${text}\n`);
  };
  return { out: (t) => write(process.stdout, t), err: (t) => write(process.stderr, t) };
}

export async function main(argv: string[], io: Out = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`dcnet ${version()}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) {
      io.out(commandHelp(COMMANDS[topic]));
      return 0;
    }
    if (topic) {
      io.err(`dcnet: unknown command '${topic}'\n\n${help()}`);
      return 2;
    }
    (name ? io.out : io.err)(help());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`dcnet: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  const usage = (message: string): number => {
    io.err(`dcnet ${name}: ${message}\n${usageLines(cmd)}\n\`dcnet ${name} --help\` lists the options.`);
    return 2;
  };
  let parsed: { positionals: string[]; values: Record<string, unknown> };
  try {
    const options: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
    for (const [k, o] of Object.entries(cmd.options ?? {})) options[k] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (err) {
    return usage(parseErrorMessage(err as Error & { code?: string }));
  }
  if (parsed.values.help) {
    io.out(commandHelp(cmd));
    return 0;
  }
  if (cmd.subcommands && !cmd.subcommands.includes(parsed.positionals[0] ?? '')) {
    const what = cmd.subcommands.join(' or ');
    return usage(parsed.positionals[0] === undefined ? `say what to do: ${what}` : `unknown sub-command '${parsed.positionals[0]}' (${what})`);
  }
  try {
    return await cmd.run(parsed, io);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (err instanceof UsageError) return usage(e.message);
    if (err instanceof DcnetError) {
      io.err(`dcnet ${name}: ${err.code}: ${err.message}`);
      return 1;
    }
    const fs = fsErrorMessage(e as NodeJS.ErrnoException);
    if (fs) {
      io.err(`dcnet ${name}: ${fs}`);
      return 1;
    }
    io.err(`dcnet ${name}: unexpected error: ${e.message}${process.env.DCNET_DEBUG ? `\n${e.stack}` : ' (set DCNET_DEBUG=1 for the stack)'}`);
    return 1;
  }
}
