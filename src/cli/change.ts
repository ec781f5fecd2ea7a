/**
 * The change commands: `dcnet plan [selector]`, `apply <plan-id>`, `confirm <change-id>`,
 * `rollback <change-id>`, `change show|list|recover`. Each opens the database (PGlite in
 * ./data/pglite, or DATABASE_URL), migrates it, and first lets the engine reconcile what a dead
 * process left (recover: in-flight changes, overdue confirmations).
 *
 * Devices are reached at their management address, or with `--lab` at the address the running lab
 * (`dcnet lab up`) gives them. Credentials come from the topology's references (env:/file:).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { userInfo } from 'node:os';

import type { ApplyOptions, ChangeEngine, ChangeView, PlanView } from '../change/index.js';
import type { Database } from '../db/index.js';
import { DcnetError } from '../errors.js';
import type { Device } from '../model/index.js';
import { labStateFile } from './lab.js';
import { type Progress, plainProgress, progressFor } from './change-progress.js';

type Io = { out: (s: string) => void; err: (s: string) => void };
type Values = Record<string, unknown>;

export const CHANGE_ENV_HELP = [
  'DATABASE_URL        PostgreSQL URL (default: embedded PGlite in DCNET_DATA_DIR or ./data/pglite)',
  'DCNET_TOPOLOGY      the network to plan (default: --topology, the lab\'s with --lab, else topology/)',
  'DCNET_ACTOR         who is acting, for the audit log (default: cli:<login name>)',
  'DCNET_LAB_STATE     the running lab\'s state file (default ./data/lab.json), for --lab',
  'env:NAME references the topology\'s credentials name (device passwords, SNMP secrets)',
];

export function actorName(): string {
  if (process.env.DCNET_ACTOR) return process.env.DCNET_ACTOR;
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** `5m`, `30s`, `1h`, `500ms`, or a number of seconds. */
export function parseDuration(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(String(v).trim());
  if (!m) throw new DcnetError('CLI_USAGE', `--${name} takes a duration such as 90s, 5m or 1h, not '${String(v)}'`);
  const n = Number(m[1]);
  return Math.round(n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000));
}

function parseCount(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new DcnetError('CLI_USAGE', `--${name} takes a whole number, not '${String(v)}'`);
  return n;
}

function parseId(v: string | undefined, what: string): number {
  const n = Number(v);
  if (!v || !Number.isInteger(n) || n <= 0) throw new DcnetError('CLI_USAGE', `name the ${what} by its number (dcnet ${what === 'plan' ? 'plan' : 'change list'} shows them)`);
  return n;
}

// ---------------------------------------------------------------------------- the engine

export interface Opened {
  engine: ChangeEngine;
  database: Database;
  close(): Promise<void>;
}

export async function openEngine(io: Io, progress?: Progress): Promise<Opened> {
  const { openDatabase, migrateDatabase } = await import('../db/index.js');
  const { ChangeEngine } = await import('../change/index.js');
  const { createLogger } = await import('../log.js');
  const database = await openDatabase();
  await migrateDatabase(database);
  const engine = new ChangeEngine({ database, logger: createLogger({ level: process.env.DCNET_LOG_LEVEL ?? 'warn' }), ...(progress ? { onEvent: (e) => progress.listener(e) } : {}) });
  const report = await engine.recover();
  for (const r of report.reconciled) io.err(`change ${r.changeId} had been left ${r.from.replace(/_/g, ' ')} by a process that stopped: now ${r.to.replace(/_/g, ' ')}`);
  for (const id of report.expired) io.err(`change ${id} was not confirmed before its deadline: rolled back`);
  return { engine, database, close: async () => { await engine.close(); await database.close(); } };
}

// ---------------------------------------------------------------------------- the lab's addresses

interface LabEntry { name: string; address: string; sshPort: number; snmpPort: number }

export async function labTargets(): Promise<{ topology: string; override: (d: Device) => { host: string; port: number; snmpPort: number } | undefined }> {
  const file = labStateFile();
  if (!existsSync(file)) throw new DcnetError('CLI_LAB', `--lab: no lab is running (no ${relative(process.cwd(), file) || file}); start one with \`dcnet lab up\``);
  const state = JSON.parse(readFileSync(file, 'utf8')) as { controlUrl: string; topology: string };
  let table: LabEntry[];
  try {
    const res = await fetch(`${state.controlUrl}/devices`, { signal: AbortSignal.timeout(5000) });
    table = (await res.json()) as LabEntry[];
  } catch (err) {
    throw new DcnetError('CLI_LAB', `--lab: the lab's control API at ${state.controlUrl} does not answer (${(err as Error).message})`);
  }
  const byName = new Map(table.map((e) => [e.name, e]));
  return {
    topology: state.topology,
    override: (d) => {
      const e = byName.get(d.name);
      return e ? { host: e.address, port: e.sshPort, snmpPort: e.snmpPort } : undefined;
    },
  };
}

export async function loadOneNetwork(path: string): Promise<{ load: import('../model/index.js').LoadResult; source: string }> {
  const { discoverNetworks, loadTopology } = await import('../model/index.js');
  const networks = discoverNetworks(path);
  if (networks.length !== 1) {
    throw new DcnetError('CLI_USAGE', networks.length === 0
      ? `no topology under ${path}`
      : `${path} holds ${networks.length} networks (${networks.map((n) => relative(process.cwd(), n) || n).join(', ')}): name one with --topology`);
  }
  return { load: loadTopology(networks[0]!), source: networks[0]! };
}

// ---------------------------------------------------------------------------- output

const C = { red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m', bold: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

export function formatPlan(plan: PlanView, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `${code}${s}${C.reset}` : s);
  const out: string[] = [];
  out.push(paint(C.bold, `plan ${plan.id} (${plan.kind}) of network ${plan.network}, devices: ${plan.selector}, topology revision ${plan.topologyRevisionId ?? '-'}`));
  if (!plan.validation.ok) {
    out.push(paint(C.red, `the topology has ${plan.validation.errors} validation error(s): this plan cannot be applied`));
    for (const f of plan.validation.findings.filter((x) => x.severity === 'error').slice(0, 5)) out.push(`  ${f.code} ${f.path ?? ''}: ${f.message}`);
  }
  for (const d of [...plan.devices].sort((a, b) => a.seq - b.seq)) {
    if (d.status === 'unchanged') continue;
    out.push('');
    if (d.status === 'failed') {
      out.push(paint(C.red, `== ${d.device} (${d.platform}): could not be planned: ${d.error?.code}: ${d.error?.message}`));
      continue;
    }
    out.push(paint(C.bold, `== ${d.device} (${d.platform}, ${d.layer}, wave ${d.wave + 1}): ${d.commands.length} commands, rollback ${d.rollback.length}`));
    for (const line of d.unifiedDiff.trimEnd().split('\n')) {
      if (line.startsWith('+++') || line.startsWith('---')) out.push(paint(C.bold, line));
      else if (line.startsWith('@@')) out.push(paint(C.cyan, line));
      else if (line.startsWith('+')) out.push(paint(C.green, line));
      else if (line.startsWith('-')) out.push(paint(C.red, line));
      else out.push(line);
    }
  }
  const s = plan.summary;
  out.push('');
  out.push(`plan ${plan.id}: ${s.changed} device(s) to change, ${s.unchanged} in sync, ${s.failed} could not be planned${plan.notes.length ? `; ${plan.notes.join('; ')}` : ''}`);
  if (s.changed > 0 && s.failed === 0 && plan.validation.ok) out.push(`apply it with: dcnet apply ${plan.id} -m "<why>"`);
  return out.join('\n');
}

export function formatChange(c: ChangeView): string {
  const out = [`change ${c.id} (plan ${c.planId}) by ${c.actor}: ${c.status.replace(/_/g, ' ')} -- "${c.message}"`];
  if (c.confirmDeadline && c.status === 'awaiting_confirmation') out.push(`confirm before ${c.confirmDeadline} with: dcnet confirm ${c.id}   (or roll back now: dcnet rollback ${c.id} -m "<why>")`);
  if (c.error) out.push(`  ${c.error.code}: ${c.error.message}`);
  for (const d of c.devices) out.push(`  ${d.device.padEnd(16)} wave ${d.wave + 1}  ${d.status.replace(/_/g, ' ')}${d.error && d.status !== 'rolled_back' ? `  ${d.error.code}: ${d.error.message}` : ''}`);
  for (const s of c.steps ?? []) {
    out.push(`    #${s.id} ${s.startedAt.slice(11, 23)} ${(s.device ?? '*').padEnd(14)} ${s.phase.padEnd(15)} ${s.status.padEnd(7)} ${s.durationMs ?? '-'} ms${s.error ? `  ${(s.error as { code: string }).code}: ${(s.error as { message: string }).message}` : ''}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------- commands

export async function runLivePlan(positionals: string[], values: Values, io: Io): Promise<number> {
  const lab = values.lab ? await labTargets() : undefined;
  const path = (values.topology as string | undefined) ?? process.env.DCNET_TOPOLOGY ?? lab?.topology ?? 'topology';
  const { load, source } = await loadOneNetwork(path);
  // As render and offline plan do: a network that fails validation is refused unless --force (the
  // plan then records its errors, and apply refuses it anyway).
  const { requireValid } = await import('./render.js');
  requireValid([{ path: source, load }], { command: 'plan', force: Boolean(values.force), errorsTo: io });
  const json = Boolean(values.json);
  const progress = json || !process.stderr.isTTY ? undefined : plainProgress(io);
  const opened = await openEngine(io, progress);
  try {
    const plan = await opened.engine.plan({
      load, source, selector: positionals, actor: actorName(),
      ...(lab ? { targetOverride: lab.override } : {}),
      ...(parseCount(values.concurrency, 'concurrency') ? { concurrency: parseCount(values.concurrency, 'concurrency')! } : {}),
    });
    io.out(json ? JSON.stringify(plan, null, 2) : formatPlan(plan, process.stdout.isTTY && !process.env.NO_COLOR));
    return plan.summary.failed > 0 || !plan.validation.ok ? 1 : 0;
  } finally {
    await opened.close();
  }
}

function applyOptions(values: Values): Omit<ApplyOptions, 'actor' | 'message'> {
  const canary = parseCount(values.canary, 'canary');
  const concurrency = parseCount(values.concurrency, 'concurrency');
  const confirmWithinMs = parseDuration(values['confirm-within'], 'confirm-within');
  const lockWaitMs = parseDuration(values['lock-wait'], 'lock-wait');
  return {
    ...(values.force ? { force: true } : {}),
    ...(canary ? { canary } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(confirmWithinMs ? { confirmWithinMs } : {}),
    ...(lockWaitMs !== undefined ? { lockWaitMs } : {}),
  };
}

function message(values: Values, what: string): string {
  const m = typeof values.message === 'string' ? values.message.trim() : '';
  if (!m) throw new DcnetError('CLI_USAGE', `${what} needs a message saying why: -m "..."`);
  return m;
}

/** After an apply: wait for the confirmation (enforcing the deadline) unless --no-wait. */
async function finishApply(opened: Opened, view: ChangeView, values: Values, io: Io, progress: Progress): Promise<number> {
  if (view.status === 'awaiting_confirmation' && !values['no-wait']) {
    io.err(`change ${view.id} is live and unsaved: confirm it from another shell with \`dcnet confirm ${view.id}\` before ${view.confirmDeadline}; waiting (Ctrl-C leaves it to the deadline: any later dcnet command rolls it back then)`);
    view = await opened.engine.waitForOutcome(view.id);
  }
  await progress.stop();
  io.out(formatChange(view));
  return view.status === 'completed' || view.status === 'awaiting_confirmation' ? 0 : 1;
}

export async function runApply(positionals: string[], values: Values, io: Io): Promise<number> {
  const planId = parseId(positionals[0], 'plan');
  const msg = message(values, 'an apply');
  const options = applyOptions(values);
  const holder: { p?: Progress } = {};
  const opened = await openEngine(io, { listener: (e) => holder.p?.listener(e), stop: async () => undefined });
  try {
    const plan = await opened.engine.getPlan(planId);
    holder.p = progressFor(plan.devices.filter((d) => d.status === 'changed').map((d) => d.device), io, Boolean(process.stderr.isTTY));
    try {
      const view = await opened.engine.apply(planId, {
        actor: actorName(), message: msg, ...options,
        ...(options.canary && process.stdin.isTTY ? { goAhead: (info) => askYesNo(`canary ${info.devices.join(', ')} applied and verified: go on with the rest? [y/N] `) } : {}),
      });
      return await finishApply(opened, view, values, io, holder.p);
    } catch (err) {
      await holder.p.stop();
      const changeId = (err as DcnetError & { details?: { changeId?: number } }).details?.changeId;
      if (changeId) io.out(formatChange(await opened.engine.getChange(changeId)));
      throw err;
    }
  } finally {
    await opened.close();
  }
}

async function askYesNo(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function runConfirm(positionals: string[], values: Values, io: Io): Promise<number> {
  const changeId = parseId(positionals[0], 'change');
  const progress = plainProgress(io);
  const opened = await openEngine(io, process.stderr.isTTY ? progress : undefined);
  try {
    const view = await opened.engine.confirm(changeId, { actor: actorName(), ...(typeof values.message === 'string' ? { message: values.message } : {}) });
    io.out(formatChange(view));
    return view.status === 'completed' || view.status === 'applying' ? 0 : 1;
  } finally {
    await opened.close();
  }
}

export async function runRollback(positionals: string[], values: Values, io: Io): Promise<number> {
  const changeId = parseId(positionals[0], 'change');
  const msg = message(values, 'a rollback');
  const progress = plainProgress(io);
  const opened = await openEngine(io, process.stderr.isTTY ? progress : undefined);
  try {
    const view = await opened.engine.rollback(changeId, { actor: actorName(), message: msg, ...applyOptions(values) });
    return await finishApply(opened, view, values, io, progress);
  } finally {
    await opened.close();
  }
}

export async function runChange(positionals: string[], values: Values, io: Io): Promise<number> {
  const [sub, id] = positionals;
  const opened = await openEngine(io);
  try {
    if (sub === 'show') {
      const view = await opened.engine.getChange(parseId(id, 'change'), { steps: true });
      io.out(values.json ? JSON.stringify(view, null, 2) : formatChange(view));
      return 0;
    }
    if (sub === 'list') {
      const { schema } = await import('../db/index.js');
      const { desc } = await import('drizzle-orm');
      const rows = await opened.database.db.select().from(schema.changes).orderBy(desc(schema.changes.id)).limit(Number(values.limit ?? 20));
      if (values.json) io.out(JSON.stringify(rows, null, 2));
      else for (const r of rows) io.out(`${String(r.id).padStart(5)}  plan ${String(r.planId).padEnd(5)} ${r.status.padEnd(22)} ${r.createdAt.toISOString().slice(0, 19)}  ${r.actor}  "${r.message}"`);
      return 0;
    }
    if (sub === 'recover') {
      io.out('recovery done (see above for what it reconciled, if anything)');
      return 0;
    }
    throw new DcnetError('CLI_USAGE', 'usage: dcnet change show <id> | list | recover');
  } finally {
    await opened.close();
  }
}
