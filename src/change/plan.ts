/**
 * Planning: for the selected devices, read the running configurations over SSH in parallel, render
 * the intended ones, diff, and store the plan (the topology revision and its validation, per
 * device the hash of the running configuration, the commands, the rollback, the unified diff,
 * the apply order and the state checks). A device that cannot be reached or rendered is recorded as
 * failed (with the reason) and the others are still planned; such a plan cannot be applied.
 */
import type { Logger } from 'pino';

import { type Database, storeTopologyRevision, schema } from '../db/index.js';
import { validateLoaded } from '../intent/index.js';
import type { Device, Finding, LoadResult, Topology } from '../model/index.js';
import { planDiff, renderDevice } from '../render/index.js';
import { checksFor } from './checks.js';
import { ChangeError, errorInfo, type ErrorInfo } from './errors.js';
import type { Journal } from './journal.js';
import { orderDevices } from './order.js';
import { runBounded } from './run.js';
import { configHash, tokeniseSecrets } from './secrets.js';
import { parseSelector, selectDevices, type SelectorTerm } from './selector.js';
import type { DeviceSessions } from './sessions.js';
import type { DeviceChecks, DeviceTarget } from './types.js';
import { eq, desc, and, lt } from 'drizzle-orm';

export interface ValidationSummary {
  ok: boolean;
  errors: number;
  warnings: number;
  /** The first findings (errors first), for people. */
  findings: { severity: string; code: string; message: string; path?: string; file?: string; line?: number }[];
}

export interface PlanRequest {
  /** The loaded topology (model/loadTopology): it is validated, stored as a revision, rendered. */
  load: LoadResult;
  /** The path it was loaded from (recorded; file: secret references are relative to its folder). */
  source?: string;
  selector?: string | readonly string[];
  actor: string;
  /** Where to reach a device instead of its management address (the lab's table). */
  targetOverride?: (device: Device) => Partial<Pick<DeviceTarget, 'host' | 'port' | 'snmpPort'>> | undefined;
  /** An explicit apply order (waves of device names), e.g. from a playbook. */
  order?: readonly (readonly string[])[];
  /** Devices read at once. Default 16. */
  concurrency?: number;
}

export interface PlannedDevice {
  device: string;
  platform: string;
  layer: string;
  zone: string | null;
  managed: 'full' | 'partial';
  status: 'changed' | 'unchanged' | 'failed';
  seq: number;
  wave: number;
  commands: string[];
  rollback: string[];
  unifiedDiff: string;
  unmanaged: unknown[];
  error?: ErrorInfo;
}

export interface PlanView {
  id: number;
  kind: string;
  network: string;
  createdAt: string;
  createdBy: string;
  selector: string;
  topologyRevisionId: number | null;
  topologyHash: string | null;
  validation: ValidationSummary;
  sourceChangeId: number | null;
  summary: { devices: number; changed: number; unchanged: number; failed: number };
  notes: string[];
  devices: PlannedDevice[];
}

export function summariseValidation(findings: readonly Finding[]): ValidationSummary {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const first = [...errors, ...warnings].slice(0, 20).map((f) => ({
    severity: f.severity, code: f.code, message: f.message,
    ...(f.path ? { path: f.path } : {}), ...(f.file ? { file: f.file } : {}), ...(f.line !== undefined ? { line: f.line } : {}),
  }));
  return { ok: errors.length === 0, errors: errors.length, warnings: warnings.length, findings: first };
}

/** How a topology device is reached: its management address and credential profile (references only). */
export function targetOf(topology: Topology, device: Device, baseDir: string | undefined, override?: Partial<Pick<DeviceTarget, 'host' | 'port' | 'snmpPort'>>): DeviceTarget {
  const credential = (topology.credentials ?? []).find((c) => c.id === device.credentials);
  if (!credential) {
    throw new ChangeError('CHANGE_TARGET', `${device.name}: credential profile '${device.credentials}' is not defined in network ${topology.network.name}`, { device: device.name });
  }
  const snmpPort = override?.snmpPort ?? device.management.snmpPort;
  return {
    device: device.name,
    platform: device.platform,
    host: override?.host ?? device.management.address,
    port: override?.port ?? device.management.sshPort ?? 22,
    ...(snmpPort !== undefined ? { snmpPort } : {}),
    credential,
    ...(baseDir ? { baseDir } : {}),
  };
}

/** Devices whose rendered configuration differs between two topologies. */
function renderedDifference(a: Topology, b: Topology): Set<string> {
  const out = new Set<string>();
  const names = new Set([...a.devices.map((d) => d.name), ...b.devices.map((d) => d.name)]);
  for (const n of names) {
    const render = (t: Topology) => { try { return t.devices.some((d) => d.name === n) ? renderDevice(t, n) : undefined; } catch { return 'unrenderable'; } };
    if (render(a) !== render(b)) out.add(n);
  }
  return out;
}

export interface PlanContext {
  database: Database;
  journal: Journal;
  sessions: DeviceSessions;
  logger: Logger;
}

export async function createPlan(ctx: PlanContext, req: PlanRequest): Promise<PlanView> {
  const { load } = req;
  if (!load.schemaValid || !load.topology?.devices) {
    const errors = load.findings.filter((f) => f.severity === 'error');
    throw new ChangeError('CHANGE_INVALID_TOPOLOGY', `the topology${req.source ? ` at ${req.source}` : ''} does not load (${errors.length} schema errors, first: ${errors[0]?.message ?? '?'}): run \`dcnet validate\``, { errors: errors.length });
  }
  const topology = load.topology;
  const validation = summariseValidation(validateLoaded(load).findings);
  const selector = parseSelector(req.selector);

  const stored = await storeTopologyRevision(ctx.database.db, {
    network: topology.network.name, hash: load.hash, source: req.source ?? null, model: topology, createdBy: req.actor,
  });

  // revision:<id> / since:<id> terms: devices whose rendered configuration the revision changes.
  const revisionSets = new Map<SelectorTerm, Set<string>>();
  for (const t of selector.terms) {
    if (t.key !== 'revision' && t.key !== 'since') continue;
    const id = Number(t.value);
    const [rev] = await ctx.database.db.select().from(schema.topologyRevisions).where(eq(schema.topologyRevisions.id, id));
    if (!rev) throw new ChangeError('CHANGE_SELECTOR', `${t.key}:${id}: no topology revision ${id}`, { revision: id });
    if (rev.network !== topology.network.name) throw new ChangeError('CHANGE_SELECTOR', `${t.key}:${id}: revision ${id} is of network ${rev.network}, not ${topology.network.name}`, { revision: id });
    if (t.key === 'since') {
      revisionSets.set(t, renderedDifference(rev.model as Topology, topology));
    } else {
      const [prev] = await ctx.database.db.select().from(schema.topologyRevisions)
        .where(and(eq(schema.topologyRevisions.network, rev.network), lt(schema.topologyRevisions.id, id)))
        .orderBy(desc(schema.topologyRevisions.id)).limit(1);
      revisionSets.set(t, prev ? renderedDifference(prev.model as Topology, rev.model as Topology) : new Set((rev.model as Topology).devices.map((d) => d.name)));
    }
  }
  const devices = selectDevices(topology, selector, (t) => revisionSets.get(t) ?? new Set());
  const baseDir = req.source ? sourceDir(req.source) : undefined;

  interface Work {
    device: Device;
    target?: DeviceTarget;
    checks: DeviceChecks;
    intended?: string;
    running?: string;
    runningHash?: string;
    result?: ReturnType<typeof planDiff>;
    error?: ErrorInfo;
  }
  const work: Work[] = devices.map((device) => ({ device, checks: checksFor(topology, device.name) }));
  // Each VRRP peer's target: the cross-device check reads peers that may be outside the selection.
  for (const w of work) {
    for (const g of w.checks.vrrp) {
      for (const m of g.members) {
        const peer = topology.devices.find((d) => d.name === m.device);
        if (!peer) continue;
        try { m.target = targetOf(topology, peer, baseDir, req.targetOverride?.(peer)); } catch { /* reported when planned itself */ }
      }
    }
  }

  await runBounded(work, req.concurrency ?? 16, async (w) => {
    const name = w.device.name;
    ctx.journal.event({ type: 'plan', device: name, state: 'start', at: new Date().toISOString() });
    try {
      w.target = targetOf(topology, w.device, baseDir, req.targetOverride?.(w.device));
      w.intended = renderDevice(topology, name);
      const driver = await ctx.sessions.open(w.target);
      let raw: string;
      try {
        raw = await driver.getRunningConfig();
      } finally {
        await ctx.sessions.close(name);
      }
      const tokenised = tokeniseSecrets(w.device.platform, raw, w.intended, 'p');
      w.running = tokenised.text;
      w.runningHash = configHash(w.device.platform, raw);
      w.result = planDiff({ platform: w.device.platform, running: tokenised.text, intended: w.intended, managed: w.device.managed ?? 'partial', device: name });
      ctx.journal.event({ type: 'plan', device: name, state: w.result.changed ? 'changed' : 'unchanged', at: new Date().toISOString() });
    } catch (err) {
      w.error = errorInfo(err);
      ctx.logger.warn({ device: name, err: w.error.message }, 'device could not be planned');
      ctx.journal.event({ type: 'plan', device: name, state: 'failed', error: w.error, at: new Date().toISOString() });
    }
  });

  const changed = work.filter((w) => w.result?.changed);
  const ordering = orderDevices(changed.map((w) => ({ device: w.device.name, layer: w.device.layer, checks: w.checks })), req.order);
  const position = new Map<string, { seq: number; wave: number }>();
  let seq = 0;
  ordering.waves.forEach((wave, i) => { for (const d of wave) position.set(d, { seq: seq++, wave: i }); });
  const lastWave = ordering.waves.length;
  for (const w of work) if (!position.has(w.device.name)) position.set(w.device.name, { seq: seq++, wave: lastWave });

  const summary = {
    devices: work.length,
    changed: changed.length,
    unchanged: work.filter((w) => w.result && !w.result.changed).length,
    failed: work.filter((w) => w.error).length,
  };
  const rows = work.map((w) => {
    const pos = position.get(w.device.name)!;
    const status: PlannedDevice['status'] = w.error ? 'failed' : w.result!.changed ? 'changed' : 'unchanged';
    return {
      device: w.device.name, seq: pos.seq, wave: pos.wave, platform: w.device.platform, layer: w.device.layer, zone: w.device.zone,
      managed: w.device.managed ?? 'partial', target: w.target ?? null, status,
      runningHash: w.runningHash ?? null, running: w.running ?? null, intended: w.intended ?? null,
      commands: w.result?.commands ?? [], rollback: w.result?.rollback ?? [], unifiedDiff: w.result?.unifiedDiff ?? '',
      unmanaged: w.result?.unmanaged ?? [], checks: w.checks, error: w.error ?? null,
    };
  });
  const id = await ctx.journal.insertPlan({
    createdBy: req.actor, kind: 'intent', network: topology.network.name, topologyRevisionId: stored.id, topologyHash: load.hash,
    topologySource: req.source ?? null, selector: selector.text, validation, summary: { ...summary, notes: ordering.notes },
    order: req.order ? req.order.map((w) => [...w]) : null,
  }, rows.map((r) => ({ ...r, target: r.target ?? {} })));
  return getPlanView(ctx.journal, id);
}

function sourceDir(source: string): string {
  return /\.ya?ml$/i.test(source) ? source.replace(/[/\\][^/\\]*$/, '') || '.' : source;
}

export async function getPlanView(journal: Journal, id: number): Promise<PlanView> {
  const { plan, devices } = await journal.plan(id);
  const summary = plan.summary as PlanView['summary'] & { notes?: string[] };
  return {
    id: plan.id, kind: plan.kind, network: plan.network, createdAt: plan.createdAt.toISOString(), createdBy: plan.createdBy,
    selector: plan.selector, topologyRevisionId: plan.topologyRevisionId, topologyHash: plan.topologyHash,
    validation: plan.validation as ValidationSummary, sourceChangeId: plan.sourceChangeId,
    summary: { devices: summary.devices, changed: summary.changed, unchanged: summary.unchanged, failed: summary.failed },
    notes: summary.notes ?? [],
    devices: devices.map((d) => ({
      device: d.device, platform: d.platform, layer: d.layer, zone: d.zone, managed: d.managed as 'full' | 'partial',
      status: d.status as PlannedDevice['status'], seq: d.seq, wave: d.wave,
      commands: d.commands as string[], rollback: d.rollback as string[], unifiedDiff: d.unifiedDiff, unmanaged: d.unmanaged as unknown[],
      ...(d.error ? { error: d.error as ErrorInfo } : {}),
    })),
  };
}
