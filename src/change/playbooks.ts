/**
 * Playbooks (playbooks/*.yaml, docs/playbooks.md): ordered steps over built-in actions, with
 * variables (`{{ name }}` in any string) and a dry run that takes the same path without side
 * effects. Each run is recorded (playbook_runs) with every step's result; the changes its apply
 * steps make are ordinary changes (journaled, audited) that point back at the run.
 *
 * Actions:
 *   validate     the topology has no validation errors
 *   plan         plan a selector (dry run: the same)
 *   apply        plan a selector and apply it (options: canary, confirmWithin, concurrency, order,
 *                overlay); dry run: plan only
 *   wait         pause (dry run: skipped)
 *   check-vrrp   a device is master / backup in every VRRP group it belongs to, and each of those
 *                groups has one master (polls until `timeout`); dry run: reports, never fails
 *   port         shut or no-shut ports over SNMP SET (read back), named or `towards` a layer
 *   backup       read running configurations and write them to a folder (secrets as tokens)
 *   gate         wait for a go-ahead (the runner's gate hook; a terminal asks); dry run: skipped
 *
 * Overlays are temporary departures from the intent that a step applies, vendor-neutral edits of
 * the model: `vrrpPriority: {device, priority}` sets the device's priority in all its groups.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { eq } from 'drizzle-orm';
import YAML from 'yaml';

import { schema } from '../db/index.js';
import { Secret, resolveSecretRef, setPortAdminStatus } from '../drivers/index.js';
import { validateLoaded } from '../intent/index.js';
import { type Device, type LoadResult, type Topology, loadTopologyFromObject } from '../model/index.js';
import type { ApplyOptions, ChangeEngine } from './engine.js';
import { ChangeError, errorInfo, isChangeError, type ErrorInfo } from './errors.js';
import { checksFor } from './checks.js';
import { targetOf } from './plan.js';
import { runBounded, sleep } from './run.js';
import { tokeniseSecrets } from './secrets.js';
import { parseSelector, selectDevices } from './selector.js';
import { readGroups } from './steps.js';
import type { DeviceTarget, VrrpCheck } from './types.js';
import { renderDevice } from '../render/index.js';

// ---------------------------------------------------------------------------- the file format

const Str = Type.String({ minLength: 1 });
const StepBase = { name: Str, description: Type.Optional(Type.String()) };
const Overlay = Type.Object({ vrrpPriority: Type.Optional(Type.Object({ device: Str, priority: Type.Union([Type.Integer(), Str]) }, { additionalProperties: false })) }, { additionalProperties: false });

export const PlaybookStepSchema = Type.Union([
  Type.Object({ ...StepBase, action: Type.Literal('validate') }, { additionalProperties: false }),
  Type.Object({ ...StepBase, action: Type.Literal('plan'), selector: Str, overlay: Type.Optional(Overlay) }, { additionalProperties: false }),
  Type.Object({
    ...StepBase, action: Type.Literal('apply'), selector: Str, overlay: Type.Optional(Overlay), message: Type.Optional(Str),
    canary: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Str])), confirmWithin: Type.Optional(Str),
    concurrency: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Str])), order: Type.Optional(Type.Array(Type.Array(Str))),
  }, { additionalProperties: false }),
  Type.Object({ ...StepBase, action: Type.Literal('wait'), duration: Str }, { additionalProperties: false }),
  Type.Object({ ...StepBase, action: Type.Literal('check-vrrp'), device: Str, expect: Type.Union([Type.Literal('master'), Type.Literal('backup'), Str]), timeout: Type.Optional(Str) }, { additionalProperties: false }),
  Type.Object({
    ...StepBase, action: Type.Literal('port'), device: Str, state: Type.Union([Type.Literal('up'), Type.Literal('down'), Str]),
    ports: Type.Optional(Type.Array(Str)), towards: Type.Optional(Str), community: Type.Optional(Str),
  }, { additionalProperties: false }),
  Type.Object({ ...StepBase, action: Type.Literal('backup'), selector: Type.Optional(Str), dir: Type.Optional(Str) }, { additionalProperties: false }),
  Type.Object({ ...StepBase, action: Type.Literal('gate'), message: Str }, { additionalProperties: false }),
]);
export type PlaybookStep = Static<typeof PlaybookStepSchema>;

export const PlaybookSchema = Type.Object({
  name: Str,
  description: Type.Optional(Type.String()),
  variables: Type.Optional(Type.Record(Type.String(), Type.Object({
    description: Type.Optional(Type.String()), required: Type.Optional(Type.Boolean()), default: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  }, { additionalProperties: false }))),
  steps: Type.Array(PlaybookStepSchema, { minItems: 1 }),
}, { additionalProperties: false });
export type Playbook = Static<typeof PlaybookSchema>;

/** Parse and check a playbook's text; every problem at once, naming the file and the step. */
export function parsePlaybook(text: string, file = '<playbook>'): Playbook {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (err) {
    throw new ChangeError('CHANGE_PLAYBOOK', `${file}: not valid YAML: ${(err as Error).message}`, { file });
  }
  if (!Value.Check(PlaybookSchema, data)) {
    const problems = [...Value.Errors(PlaybookSchema, data)].slice(0, 10).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new ChangeError('CHANGE_PLAYBOOK', `${file}: ${problems.join('; ')}`, { file, problems });
  }
  const names = new Set<string>();
  for (const s of data.steps) {
    if (names.has(s.name)) throw new ChangeError('CHANGE_PLAYBOOK', `${file}: two steps are named '${s.name}'`, { file });
    names.add(s.name);
  }
  return data;
}

export function loadPlaybook(dir: string, name: string): Playbook {
  const file = join(dir, name.endsWith('.yaml') ? name : `${name}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const known = listPlaybooks(dir).join(', ');
    throw new ChangeError('CHANGE_PLAYBOOK', `no playbook '${name}' in ${dir} (known: ${known || 'none'})`, { name });
  }
  return parsePlaybook(text, file);
}

export function listPlaybooks(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => basename(f, '.yaml')).sort();
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------- variables

/** Replace `{{ name }}` in every string of a value; an unknown name is an error naming the step. */
export function substitute<T>(value: T, vars: Readonly<Record<string, string>>, where: string): T {
  const sub = (s: string): string => s.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g, (_m, k: string) => {
    if (!(k in vars)) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: no variable '${k}' (give it with --var ${k}=...)`, { variable: k });
    return vars[k]!;
  });
  if (typeof value === 'string') return sub(value) as T;
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars, where)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars, where)])) as T;
  return value;
}

export function resolveVariables(playbook: Playbook, given: Readonly<Record<string, string>>): Record<string, string> {
  const declared = playbook.variables ?? {};
  const problems: string[] = [];
  for (const k of Object.keys(given)) if (!(k in declared)) problems.push(`unknown variable '${k}' (known: ${Object.keys(declared).join(', ') || 'none'})`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(declared)) {
    if (k in given) out[k] = given[k]!;
    else if (v.default !== undefined) out[k] = String(v.default);
    else if (v.required) problems.push(`variable '${k}' is required${v.description ? ` (${v.description})` : ''}`);
  }
  if (problems.length) throw new ChangeError('CHANGE_PLAYBOOK', `playbook ${playbook.name}: ${problems.join('; ')}`, { problems });
  return out;
}

function duration(v: string, where: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: '${v}' is not a duration (90s, 5m, 1h)`);
  return Math.round(Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000));
}

function int(v: number | string | undefined, where: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: '${v}' is not a whole number`);
  return n;
}

// ---------------------------------------------------------------------------- overlays

export function applyOverlay(topology: Topology, overlay: Static<typeof Overlay> | undefined, where: string): Topology {
  if (!overlay?.vrrpPriority) return topology;
  const t = structuredClone(topology);
  const { device } = overlay.vrrpPriority;
  const priority = int(overlay.vrrpPriority.priority, where)!;
  if (priority < 1 || priority > 254) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: a VRRP priority is 1-254, not ${priority}`);
  let n = 0;
  for (const g of t.vrrp ?? []) for (const m of g.members) if (m.device === device) { m.priority = priority; n++; }
  if (n === 0) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: ${device} is in no VRRP group`);
  return t;
}

// ---------------------------------------------------------------------------- the runner

export interface StepOutcome {
  step: string;
  action: string;
  status: 'ok' | 'failed' | 'skipped' | 'dry-run';
  detail?: Record<string, unknown>;
  error?: ErrorInfo;
}

export interface PlaybookRunRequest {
  playbook: Playbook;
  variables?: Record<string, string>;
  dryRun?: boolean;
  actor: string;
  message: string;
  load: LoadResult;
  source?: string;
  targetOverride?: (d: Device) => Partial<Pick<DeviceTarget, 'host' | 'port' | 'snmpPort'>> | undefined;
  /** A gate's go-ahead (true: go on). Default: refuse (a gate needs someone to say yes). */
  gate?: (info: { step: string; message: string; runId: number }) => Promise<boolean>;
  /** Environment for secret references (SNMP communities). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Backups' default folder. Default ./data/backups. */
  backupDir?: string;
  /** Apply options for every apply step (concurrency, lock wait...). */
  applyDefaults?: Partial<ApplyOptions>;
}

export interface PlaybookRunResult {
  runId: number;
  status: 'completed' | 'failed' | 'dry-run';
  steps: StepOutcome[];
  error?: ErrorInfo;
}

export async function runPlaybook(engine: ChangeEngine, req: PlaybookRunRequest): Promise<PlaybookRunResult> {
  const { playbook } = req;
  const message = req.message.trim();
  if (!message) throw new ChangeError('CHANGE_MESSAGE_REQUIRED', 'a playbook run needs a message saying why (-m "...")');
  const vars = resolveVariables(playbook, req.variables ?? {});
  const steps = playbook.steps.map((s) => substitute(s, vars, `playbook ${playbook.name}, step '${s.name}'`));
  const db = engine.journal.db;
  const dryRun = req.dryRun ?? false;
  const [row] = await db.insert(schema.playbookRuns).values({
    playbook: playbook.name, variables: vars, dryRun, actor: req.actor, message, status: 'running', steps: [],
  }).returning({ id: schema.playbookRuns.id });
  const runId = row!.id;
  await engine.journal.audit(req.actor, 'playbook.run', runId, { playbook: playbook.name, variables: vars, dryRun, message });
  const topology = req.load.topology;
  const baseDir = req.source ? (/\.ya?ml$/i.test(req.source) ? req.source.replace(/[/\\][^/\\]*$/, '') : req.source) : undefined;
  const targetOfName = (name: string): DeviceTarget => {
    const d = topology.devices.find((x) => x.name === name);
    if (!d) throw new ChangeError('CHANGE_TARGET', `no device '${name}' in network ${topology.network.name}`);
    return targetOf(topology, d, baseDir, req.targetOverride?.(d));
  };
  const outcomes: StepOutcome[] = [];
  const event = (s: PlaybookStep, state: 'start' | 'ok' | 'failed' | 'skipped', detail?: Record<string, unknown>, error?: ErrorInfo) =>
    engine.journal.event({ type: 'playbook', runId, step: s.name, action: s.action, state, at: new Date().toISOString(), ...(detail ? { detail } : {}), ...(error ? { error } : {}) });
  const record = async (status: string, error?: ErrorInfo) => {
    await db.update(schema.playbookRuns).set({ steps: outcomes, status, ...(status !== 'running' ? { finishedAt: new Date() } : {}), ...(error ? { error } : {}) })
      .where(eq(schema.playbookRuns.id, runId));
  };

  // Steps that cannot run are found before any step runs (nothing is touched for a run that would stop half-way).
  try {
    for (const s of steps) if (s.action === 'port' && !dryRun) await portAccess(s, `playbook ${playbook.name}, step '${s.name}'`);
  } catch (err) {
    const error = errorInfo(err);
    await record('failed', error);
    await engine.journal.audit(req.actor, 'playbook.failed', runId, { playbook: playbook.name, step: null, error });
    return { runId, status: 'failed', steps: outcomes, error };
  }

  for (const s of steps) {
    event(s, 'start');
    const where = `playbook ${playbook.name}, step '${s.name}'`;
    try {
      const out = await runStep(s, where);
      outcomes.push({ step: s.name, action: s.action, ...out });
      event(s, out.status === 'failed' ? 'failed' : out.status === 'ok' ? 'ok' : 'skipped', out.detail);
      await record('running');
      if (out.status === 'failed') throw new ChangeError('CHANGE_PLAYBOOK', `${where}: ${String(out.detail?.problem ?? 'failed')}`, { step: s.name });
    } catch (err) {
      const error = errorInfo(err);
      if (outcomes.at(-1)?.step !== s.name) {
        outcomes.push({ step: s.name, action: s.action, status: 'failed', error });
        event(s, 'failed', undefined, error);
      }
      await record('failed', error);
      await engine.journal.audit(req.actor, 'playbook.failed', runId, { playbook: playbook.name, step: s.name, error });
      return { runId, status: 'failed', steps: outcomes, error };
    }
  }
  const status = dryRun ? 'dry-run' : 'completed';
  await record(status);
  await engine.journal.audit(req.actor, `playbook.${dryRun ? 'dry_run' : 'completed'}`, runId, { playbook: playbook.name, steps: outcomes.map((o) => `${o.step}: ${o.status}`) });
  return { runId, status, steps: outcomes };

  async function runStep(s: PlaybookStep, where: string): Promise<Omit<StepOutcome, 'step' | 'action'>> {
    switch (s.action) {
      case 'validate': {
        const v = validateLoaded(req.load);
        const errors = v.findings.filter((f) => f.severity === 'error');
        if (errors.length) return { status: 'failed', detail: { problem: `${errors.length} validation error(s), first: ${errors[0]!.code} ${errors[0]!.message}`, errors: errors.slice(0, 10).map((f) => `${f.code}: ${f.message}`) } };
        return { status: 'ok', detail: { warnings: v.findings.filter((f) => f.severity === 'warning').length } };
      }
      case 'plan':
      case 'apply': {
        const overlaid = applyOverlay(topology, s.overlay, where);
        const load = s.overlay ? loadTopologyFromObject(overlaid, req.load.origin) : req.load;
        const plan = await engine.plan({
          load, selector: s.selector, actor: req.actor, ...(req.source ? { source: req.source } : {}),
          ...(req.targetOverride ? { targetOverride: req.targetOverride } : {}), ...(s.action === 'apply' && s.order ? { order: s.order } : {}),
        });
        const detail: Record<string, unknown> = {
          planId: plan.id, changed: plan.devices.filter((d) => d.status === 'changed').map((d) => d.device),
          failed: plan.devices.filter((d) => d.status === 'failed').map((d) => `${d.device}: ${d.error?.message}`),
          diffs: Object.fromEntries(plan.devices.filter((d) => d.status === 'changed').map((d) => [d.device, d.unifiedDiff])),
        };
        if (s.action === 'plan' || dryRun) return { status: s.action === 'plan' && !dryRun ? 'ok' : 'dry-run', detail };
        if (plan.summary.changed === 0) return { status: 'ok', detail: { ...detail, note: 'nothing to change' } };
        const canary = int(s.canary, where);
        const concurrency = int(s.concurrency, where);
        const change = await engine.apply(plan.id, {
          ...req.applyDefaults, actor: req.actor, message: s.message ?? `${message} (playbook ${playbook.name}: ${s.name})`, playbookRunId: runId,
          ...(canary ? { canary } : {}), ...(concurrency ? { concurrency } : {}),
          ...(s.confirmWithin ? { confirmWithinMs: duration(s.confirmWithin, where) } : {}),
          ...(canary && req.gate ? { goAhead: (info) => req.gate!({ step: s.name, message: `canary ${info.devices.join(', ')} applied: go on?`, runId }) } : {}),
        });
        return { status: 'ok', detail: { ...detail, changeId: change.id, changeStatus: change.status } };
      }
      case 'wait': {
        const ms = duration(s.duration, where);
        if (dryRun) return { status: 'dry-run', detail: { wouldWaitMs: ms } };
        await sleep(ms);
        return { status: 'ok', detail: { waitedMs: ms } };
      }
      case 'check-vrrp': {
        if (s.expect !== 'master' && s.expect !== 'backup') throw new ChangeError('CHANGE_PLAYBOOK', `${where}: expect is master or backup, not '${s.expect}'`);
        const groups = checksFor(topology, s.device).vrrp;
        if (groups.length === 0) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: ${s.device} is in no VRRP group`);
        const timeoutMs = s.timeout ? duration(s.timeout, where) : 60_000;
        const r = await checkVrrpState(groups, s.device, s.expect, dryRun ? 0 : timeoutMs);
        if (dryRun) return { status: 'dry-run', detail: r };
        return { status: r.problems.length ? 'failed' : 'ok', detail: { ...r, ...(r.problems.length ? { problem: r.problems.join('; ') } : {}) } };
      }
      case 'port': {
        if (s.state !== 'up' && s.state !== 'down') throw new ChangeError('CHANGE_PLAYBOOK', `${where}: state is up or down, not '${s.state}'`);
        if (dryRun) return { status: 'dry-run', detail: { device: s.device, ports: portsOf(s.device, s.ports, s.towards, where), state: s.state } };
        const { ports, target, community } = await portAccess(s, where);
        const results = [];
        for (const p of ports) {
          const r = await setPortAdminStatus({ device: s.device, host: target.host, port: target.snmpPort ?? 161, community }, p, s.state === 'up');
          results.push({ port: p, adminStatus: r.value, operStatus: r.operStatus ?? null });
        }
        return { status: 'ok', detail: { device: s.device, ports: results } };
      }
      case 'backup': {
        const selector = s.selector ?? 'all';
        const devices = selectDevices(topology, parseSelector(selector));
        const dir = join(s.dir ?? req.backupDir ?? 'data/backups', `run-${runId}`);
        if (dryRun) return { status: 'dry-run', detail: { devices: devices.map((d) => d.name), dir } };
        return backup(devices, dir);
      }
      case 'gate': {
        if (dryRun) return { status: 'dry-run', detail: { message: s.message } };
        engine.journal.event({ type: 'gate', changeId: 0, reason: 'playbook', devices: [], message: s.message, at: new Date().toISOString() });
        const go = req.gate ? await req.gate({ step: s.name, message: s.message, runId }) : false;
        if (!go) throw new ChangeError('CHANGE_ABORTED', `${where}: not given the go-ahead (${s.message})`, { step: s.name });
        return { status: 'ok', detail: { message: s.message } };
      }
    }
  }

  /** The ports, the device's SNMP address and its read-write community (resolved) for a port step. */
  async function portAccess(s: PlaybookStep & { action: 'port' }, where: string): Promise<{ ports: string[]; target: DeviceTarget; community: Secret }> {
    const ports = portsOf(s.device, s.ports, s.towards, where);
    const target = targetOfName(s.device);
    const ref = s.community || (target.credential.snmp?.version === 'v2c' ? target.credential.snmp.community : undefined);
    if (!ref) throw new ChangeError('CHANGE_TARGET', `${where}: ${s.device} has no SNMPv2c community in its credentials (SNMP SET here is v2c): give the step a community reference (community: env:NAME)`, { device: s.device });
    const community = await resolveSecretRef(ref, { env: req.env ?? process.env, ...(baseDir ? { baseDir } : {}) });
    return { ports, target, community };
  }

  function portsOf(device: string, ports: string[] | undefined, towards: string | undefined, where: string): string[] {
    if (ports?.length) return ports;
    if (!towards) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: name the ports, or give 'towards: <layer>'`);
    const layerOf = new Map(topology.devices.map((d) => [d.name, d.layer]));
    const out: string[] = [];
    for (const l of topology.links ?? []) {
      const [here, there] = l.a.device === device ? [l.a, l.b] : l.b.device === device ? [l.b, l.a] : [undefined, undefined];
      if (here && there && layerOf.get(there.device) === towards) out.push(here.port);
    }
    if (out.length === 0) throw new ChangeError('CHANGE_PLAYBOOK', `${where}: ${device} has no link towards a device of layer ${towards}`);
    return out;
  }

  async function checkVrrpState(groups: VrrpCheck[], device: string, expect: 'master' | 'backup', timeoutMs: number): Promise<{ states: Record<string, string>; problems: string[] }> {
    const sessions = engine.sessions();
    const targets = new Map<string, DeviceTarget>();
    for (const g of groups) for (const m of g.members) if (!targets.has(m.device)) targets.set(m.device, targetOfName(m.device));
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        const readings = await readGroups({ sessions, logger: engine.log }, groups, targets);
        const states: Record<string, string> = {};
        const problems: string[] = [];
        for (const g of groups) {
          const r = readings.get(g.name);
          if (!r) { problems.push(`${g.name}: a member could not be read`); continue; }
          const mine = r.find((x) => x.device === device)?.info;
          states[g.name] = mine?.state ?? 'absent';
          const masters = r.filter((x) => x.info?.state === 'master').map((x) => x.device);
          if (mine?.state !== expect) problems.push(`${g.name}: ${device} is ${mine?.state ?? 'absent'}, expected ${expect}`);
          else if (masters.length !== 1) problems.push(`${g.name}: ${masters.length} masters`);
        }
        if (problems.length === 0 || Date.now() >= deadline) return { states, problems };
        await sleep(250);
      }
    } finally {
      await sessions.closeAll();
    }
  }

  async function backup(devices: Device[], dir: string): Promise<Omit<StepOutcome, 'step' | 'action'>> {
    mkdirSync(dir, { recursive: true });
    const sessions = engine.sessions();
    const saved: string[] = [];
    const failed: string[] = [];
    try {
      await runBounded(devices, 16, async (d) => {
        try {
          const driver = await sessions.open(targetOfName(d.name));
          const raw = await driver.getRunningConfig();
          await sessions.close(d.name);
          let intended: string | undefined;
          try { intended = renderDevice(topology, d.name); } catch { intended = undefined; }
          // Secrets as the intended configuration's tokens where it names them, else device tokens (never values).
          const text = tokeniseSecrets(d.platform, raw, intended, 'b').text;
          writeFileSync(join(dir, `${d.name}.cfg`), text.endsWith('\n') ? text : `${text}\n`);
          saved.push(d.name);
        } catch (err) {
          failed.push(`${d.name}: ${errorInfo(err).code}: ${errorInfo(err).message}`);
        }
      });
    } finally {
      await sessions.closeAll();
    }
    if (failed.length) return { status: 'failed', detail: { dir, saved: saved.sort(), failed, problem: `could not back up ${failed.join('; ')}` } };
    return { status: 'ok', detail: { dir, saved: saved.sort() } };
  }
}


