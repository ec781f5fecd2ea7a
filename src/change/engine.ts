/**
 * The change engine: plan, apply as one transaction over many devices, verify, confirm or roll
 * back, reconcile after a crash. One object per process (CLI command, API server, worker), over
 * one database; every decision that two processes could race on is a conditional update of the
 * change's row, and every device is held through the lock manager (locks.ts).
 *
 * Apply (a plan, by id):
 *  1. refuse when the topology had validation errors or a device could not be planned;
 *  2. take the change's lock and every device's (all or none; wait up to lockWaitMs);
 *  3. preflight: snapshot every device (running configuration + the state its checks need) and
 *     refuse, naming them, the devices whose configuration changed since the plan (drift) unless
 *     forced (then their commands are recomputed against what they run now). Nothing is changed
 *     before every snapshot is journaled;
 *  4. wave by wave (order.ts), with bounded concurrency: apply, read back, verify nothing remains
 *     to change, check the state (checks.ts). `canary: N` does the first N devices, then waits for
 *     a go-ahead (confirm) or a refusal (rollback) from any process;
 *  5. across devices: VRRP mastership as intended;
 *  6. with `confirmWithinMs`: stop here, unsaved, awaiting confirmation until the deadline (kept in
 *     the database; any engine that starts or watches rolls back an overdue change). Otherwise
 *     save every device;
 *  7. on any failure: every device touched is returned to its snapshot in reverse order, verified,
 *     and re-saved if its save had started (so that nothing rolled back stays saved).
 * Everything is journaled (journal.ts) and audited with the actor, the message and the diffs.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Logger } from 'pino';
import { sql } from 'drizzle-orm';

import { type Database, createHostKeyStore } from '../db/index.js';
import type { DriverTimeouts, HostKeyStore } from '../drivers/index.js';
import { logger as rootLogger } from '../log.js';
import type { Platform } from '../model/index.js';
import { planDiff } from '../render/index.js';
import type { DeviceState } from './checks.js';
import { ChangeError, errorInfo, isChangeError, type ErrorInfo } from './errors.js';
import { type ChangeDeviceRecord, type ChangeRecord, Journal, type PlanDeviceRecord } from './journal.js';
import { type LockManager, type LockSession, createLockManager } from './locks.js';
import { type PlanRequest, type PlanView, createPlan, getPlanView } from './plan.js';
import { sleep } from './run.js';
import { tokeniseSecrets, configHash } from './secrets.js';
import { DeviceSessions, type SessionOptions } from './sessions.js';
import {
  type DeviceWork, type StepContext, type StepResult, applyDevices, checkGroups, rollbackDevices, saveDevices, snapshotDevices,
} from './steps.js';
import {
  type Actor, type ChangeEvent, type ChangeEventListener, type ChangeStatus, type DeviceChecks, type DeviceTarget, type VrrpCheck,
  FINAL_STATUSES, IN_FLIGHT_STATUSES,
} from './types.js';

export interface ChangeEngineOptions {
  database: Database;
  /** Where SSH host keys are recorded and checked. Default: the database (ssh_host_keys). */
  hostKeys?: HostKeyStore;
  /** Environment for env: secret references. Default process.env. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  timeouts?: Partial<DriverTimeouts>;
  onEvent?: ChangeEventListener;
  /** This process's name in locks and change rows. Default `host:pid:nonce`. */
  owner?: string;
  /** Opens a driver (tests). Default: the platform's SSH driver. */
  openDriver?: SessionOptions['openDriver'];
  /** Poll interval of waits on the database (confirmation, go-ahead, deadline watch). Default 250 ms. */
  pollMs?: number;
  /** How long state checks may poll a device to settle. Default 5 000 ms. */
  settleMs?: number;
  /** Pauses between attempts to reach a device for its rollback. Default [500, 1000, 2000]. */
  rollbackRetryMs?: readonly number[];
}

export interface ApplyOptions extends Actor {
  /** Apply over drift (the devices' commands are recomputed against what they run now). */
  force?: boolean;
  /** Apply this many devices first, then wait for a go-ahead. */
  canary?: number;
  /** Devices changed at once within a wave. Default 16. */
  concurrency?: number;
  /** Leave the change unsaved, awaiting confirmation for this long; rolled back without it. */
  confirmWithinMs?: number;
  /** How long to wait for devices held by another change. Default 10 000 ms. */
  lockWaitMs?: number;
  playbookRunId?: number;
  /** The canary go-ahead (true: go on). Default: wait for confirm/rollback of the change from any process. */
  goAhead?: (info: { changeId: number; devices: string[] }) => Promise<boolean>;
}

export interface ChangeView {
  id: number;
  planId: number;
  status: ChangeStatus;
  actor: string;
  message: string;
  createdAt: string;
  finishedAt: string | null;
  confirmDeadline: string | null;
  confirmedBy: string | null;
  options: Record<string, unknown>;
  error: ErrorInfo | null;
  devices: { device: string; seq: number; wave: number; status: string; saved: boolean; error: ErrorInfo | null }[];
  steps?: { id: number; device: string | null; phase: string; status: string; startedAt: string; durationMs: number | null; commands: unknown; answers: unknown; detail: unknown; error: unknown }[];
}

export interface RecoveryReport {
  reconciled: { changeId: number; from: string; to: ChangeStatus }[];
  expired: number[];
  skipped: { changeId: number; reason: string }[];
}

const DEFAULT_CONCURRENCY = 16;

export class ChangeEngine {
  readonly journal: Journal;
  readonly locks: LockManager;
  readonly owner: string;
  readonly log: Logger;
  private readonly listeners = new Set<ChangeEventListener>();
  readonly hostKeys: HostKeyStore;
  /** Secret vaults of changes awaiting confirmation in this process (device tokens, in memory only). */
  private readonly vaults = new Map<number, DeviceSessions>();
  private watchTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(readonly o: ChangeEngineOptions) {
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.log = (o.logger ?? rootLogger()).child({ module: 'change' });
    this.journal = new Journal(o.database.db, (e) => this.emit(e));
    this.locks = createLockManager(o.database);
    this.hostKeys = o.hostKeys ?? createHostKeyStore(o.database.db);
    if (o.onEvent) this.listeners.add(o.onEvent);
  }

  /** Listen to every event (plans, changes, steps, gates). Returns the unsubscribe function. */
  on(listener: ChangeEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: ChangeEvent): void {
    for (const l of this.listeners) {
      try { l(e); } catch { /* a listener never stops a change */ }
    }
  }

  /** A set of device sessions of this engine (host keys, environment, timeouts). */
  sessions(logger: Logger = this.log, devices = 0): DeviceSessions {
    return new DeviceSessions({
      // A change holds one session per device from its snapshot to its save: room for all of them.
      maxSessions: Math.max(256, devices + 16),
      hostKeys: this.hostKeys, logger, ...(this.o.env ? { env: this.o.env } : {}), ...(this.o.timeouts ? { timeouts: this.o.timeouts } : {}),
      ...(this.o.openDriver ? { openDriver: this.o.openDriver } : {}),
    });
  }

  /** @internal */
  stepContext(changeId: number, sessions: DeviceSessions): StepContext {
    return {
      journal: this.journal, sessions, changeId, logger: this.log.child({ changeId }),
      settleMs: this.o.settleMs ?? 5_000, pollMs: Math.min(this.o.pollMs ?? 250, 250), rollbackRetryMs: this.o.rollbackRetryMs ?? [500, 1000, 2000],
    };
  }

  // ---------------------------------------------------------------------------- plan

  async plan(req: PlanRequest): Promise<PlanView> {
    const sessions = this.sessions(this.log);
    try {
      return await createPlan({ database: this.o.database, journal: this.journal, sessions, logger: this.log }, req);
    } finally {
      await sessions.closeAll();
    }
  }

  getPlan(id: number): Promise<PlanView> {
    return getPlanView(this.journal, id);
  }

  // ---------------------------------------------------------------------------- apply

  async apply(planId: number, opts: ApplyOptions): Promise<ChangeView> {
    const message = opts.message?.trim();
    if (!message) throw new ChangeError('CHANGE_MESSAGE_REQUIRED', 'a change needs a message saying why (-m "...")');
    const { plan, devices } = await this.journal.plan(planId);
    const changed = devices.filter((d) => d.status === 'changed');
    const options = {
      force: opts.force ?? false, canary: opts.canary ?? 0, concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY,
      confirmWithinMs: opts.confirmWithinMs ?? null, lockWaitMs: opts.lockWaitMs ?? 10_000,
    };
    const changeId = await this.journal.createChange({
      planId, status: 'pending', actor: opts.actor, message, requestId: opts.requestId ?? null, options, owner: this.owner,
      ...(opts.playbookRunId !== undefined ? { playbookRunId: opts.playbookRunId } : {}),
    }, changed.map((d) => ({ device: d.device, seq: d.seq, wave: d.wave, status: 'pending' })));
    const ref = { id: changeId, planId };
    await this.journal.audit(opts.actor, 'change.apply', changeId, {
      planId, message, network: plan.network, kind: plan.kind, options,
      diffs: Object.fromEntries(changed.map((d) => [d.device, d.unifiedDiff])),
    }, opts.requestId);

    const refuse = async (err: ChangeError, status: ChangeStatus = 'refused'): Promise<never> => {
      await this.journal.setStatus(ref, status, {}, errorInfo(err));
      await this.journal.audit(opts.actor, `change.${status}`, changeId, { planId, error: errorInfo(err) }, opts.requestId);
      throw new ChangeError(err.code, err.message, { ...(err.details ?? {}), changeId }, err.cause);
    };
    const validation = plan.validation as { ok: boolean; errors: number; findings: { message: string }[] };
    if (!validation.ok) {
      await refuse(new ChangeError('CHANGE_INVALID_TOPOLOGY', `plan ${planId}: the topology has ${validation.errors} validation error(s) (first: ${validation.findings[0]?.message ?? '?'}); fix them and plan again`, { planId, errors: validation.errors }));
    }
    const failed = devices.filter((d) => d.status === 'failed');
    if (failed.length) {
      await refuse(new ChangeError('CHANGE_PLAN_INCOMPLETE', `plan ${planId}: ${failed.length} device(s) could not be planned: ${failed.map((d) => `${d.device} (${(d.error as ErrorInfo | null)?.message ?? '?'})`).join('; ')}`, { planId, devices: failed.map((d) => d.device) }));
    }
    if (changed.length === 0) {
      await this.journal.setStatus(ref, 'completed');
      await this.journal.audit(opts.actor, 'change.completed', changeId, { planId, devices: 0, note: 'nothing to change' }, opts.requestId);
      return this.getChange(changeId);
    }

    const locks = await this.locks.session();
    await locks.tryChange(changeId);
    const sessions = this.sessions(this.log.child({ changeId }), changed.length);
    let reserved = false;
    try {
      try {
        await this.journal.step({ changeId, device: null, phase: 'lock', detail: { devices: changed.map((d) => d.device), waitMs: options.lockWaitMs } },
          () => locks.acquireDevices(changeId, this.owner, changed.map((d) => d.device), { waitMs: options.lockWaitMs, reason: 'applying' }),
          { failed: (err) => ({ status: 'failed', error: errorInfo(err) }) });
      } catch (err) {
        if (isChangeError(err, 'CHANGE_LOCKED')) await refuse(err);
        throw err;
      }
      const run = new ChangeRun(this, ref, changed, options, opts, sessions, locks);
      try {
        const outcome = await run.execute();
        reserved = outcome === 'awaiting_confirmation';
        if (outcome === 'awaiting_confirmation') this.vaults.set(changeId, sessions);
      } catch (err) {
        // Devices that could not be rolled back stay reserved to this change until reconciled; so do
        // they after an unexpected error (the database lost mid-change...): `recover` settles them.
        reserved = !isChangeError(err) || err.details?.status === 'rollback_failed';
        if (!isChangeError(err)) this.log.error({ changeId, err: (err as Error).message }, 'change interrupted by an unexpected error: left for recovery');
        throw err;
      }
      return await this.getChange(changeId);
    } finally {
      await sessions.closeAll();
      await locks.releaseDevices({ reserve: reserved }).catch(() => undefined);
      await locks.close();
    }
  }

  // ---------------------------------------------------------------------------- confirm / go-ahead

  /**
   * Confirm a change awaiting confirmation (save every device), or give a canary its go-ahead.
   * After the deadline: CHANGE_CONFIRM_EXPIRED (the change is being or has been rolled back).
   */
  async confirm(changeId: number, who: { actor: string; message?: string; requestId?: string }): Promise<ChangeView> {
    const change = await this.journal.change(changeId);
    const ref = { id: changeId, planId: change.planId };
    if (change.status === 'canary_hold') {
      if (!(await this.journal.transition(ref, ['canary_hold'], 'applying'))) return this.confirm(changeId, who);
      await this.journal.audit(who.actor, 'change.go_ahead', changeId, { message: who.message ?? null }, who.requestId);
      return this.getChange(changeId);
    }
    if (change.status !== 'awaiting_confirmation') {
      if (change.status === 'rolling_back' || change.status === 'rolled_back') {
        throw new ChangeError('CHANGE_CONFIRM_EXPIRED', `change ${changeId} is ${change.status === 'rolled_back' ? 'rolled back' : 'being rolled back'}${change.confirmDeadline ? ` (its confirmation deadline was ${change.confirmDeadline.toISOString()})` : ''}`, { changeId });
      }
      throw new ChangeError('CHANGE_STATE', `change ${changeId} is ${change.status}: only a change awaiting confirmation or a canary go-ahead can be confirmed`, { changeId, status: change.status });
    }
    const won = await this.journal.transition(ref, ['awaiting_confirmation'], 'confirming',
      { confirmedAt: new Date(), confirmedBy: who.actor, owner: this.owner }, sql`confirm_deadline > now()`);
    if (!won) {
      const now = await this.journal.change(changeId);
      throw new ChangeError('CHANGE_CONFIRM_EXPIRED', `change ${changeId}: the confirmation came after its deadline (${change.confirmDeadline?.toISOString() ?? '?'}); it is ${now.status}`, { changeId });
    }
    await this.journal.audit(who.actor, 'change.confirm', changeId, { message: who.message ?? null }, who.requestId);
    await this.finishHeld(ref, 'save', who.actor);
    return this.getChange(changeId);
  }

  /**
   * Roll back: a change awaiting confirmation or a canary go-ahead is rolled back now; a
   * completed change is restored from its snapshots as a new change (planned, then applied and
   * verified); a change whose rollback failed is reconciled again.
   */
  async rollback(changeId: number, opts: ApplyOptions): Promise<ChangeView> {
    const message = opts.message?.trim();
    if (!message) throw new ChangeError('CHANGE_MESSAGE_REQUIRED', 'a rollback needs a message saying why (-m "...")');
    const change = await this.journal.change(changeId);
    const ref = { id: changeId, planId: change.planId };
    if (change.status === 'canary_hold') {
      if (!(await this.journal.transition(ref, ['canary_hold'], 'rolling_back'))) return this.rollback(changeId, opts);
      await this.journal.audit(opts.actor, 'change.abort', changeId, { message }, opts.requestId);
      return this.waitForOutcome(changeId);
    }
    if (change.status === 'awaiting_confirmation') {
      if (!(await this.journal.transition(ref, ['awaiting_confirmation'], 'rolling_back', { owner: this.owner }))) return this.rollback(changeId, opts);
      await this.journal.audit(opts.actor, 'change.abort', changeId, { message }, opts.requestId);
      await this.finishHeld(ref, 'rollback', opts.actor, { code: 'CHANGE_ABORTED', message: `rolled back before confirmation by ${opts.actor}: ${message}` });
      return this.getChange(changeId);
    }
    if (change.status === 'rollback_failed') {
      await this.reconcileOne(change);
      return this.getChange(changeId);
    }
    if (change.status !== 'completed') {
      throw new ChangeError('CHANGE_STATE', `change ${changeId} is ${change.status}: only a completed change is rolled back as a new change`, { changeId, status: change.status });
    }
    const plan = await this.planRollback(change, opts.actor);
    return this.apply(plan.id, opts);
  }

  /** A plan that restores a completed change's snapshots. */
  async planRollback(change: ChangeRecord, actor: string): Promise<PlanView> {
    const { plan, devices: planDevices } = await this.journal.plan(change.planId);
    const rows = (await this.journal.changeDevices(change.id)).filter((d) => d.snapshot);
    const byName = new Map(planDevices.map((d) => [d.device, d]));
    const sessions = this.sessions(this.log);
    const waves = [...new Set(rows.map((r) => r.wave))].sort((a, b) => b - a);
    try {
      const out = await Promise.all(rows.map(async (r) => {
        const pd = byName.get(r.device)!;
        const target = pd.target as DeviceTarget;
        const platform = pd.platform as Platform;
        const snapshot = r.snapshot!;
        try {
          const driver = await sessions.open(target);
          const raw = await driver.getRunningConfig();
          const tok = tokeniseSecrets(platform, raw, snapshot, 'p');
          const d = planDiff({ platform, running: tok.text, intended: snapshot, managed: 'full', device: r.device });
          return { r, pd, status: d.changed ? 'changed' : 'unchanged', runningHash: configHash(platform, raw), running: tok.text, d, error: null };
        } catch (err) {
          return { r, pd, status: 'failed', runningHash: null, running: null, d: undefined, error: errorInfo(err) };
        }
      }));
      const summary = {
        devices: out.length, changed: out.filter((x) => x.status === 'changed').length,
        unchanged: out.filter((x) => x.status === 'unchanged').length, failed: out.filter((x) => x.status === 'failed').length,
      };
      const id = await this.journal.insertPlan({
        createdBy: actor, kind: 'rollback', network: plan.network, topologyRevisionId: plan.topologyRevisionId, topologyHash: plan.topologyHash,
        topologySource: plan.topologySource, selector: `change:${change.id}`, validation: { ok: true, errors: 0, warnings: 0, findings: [] },
        sourceChangeId: change.id, summary: { ...summary, notes: [`restores the snapshots taken by change ${change.id}`] },
        order: waves.map((w) => rows.filter((r) => r.wave === w).map((r) => r.device)),
      }, out.map((x) => ({
        device: x.r.device, seq: waves.indexOf(x.r.wave) * 10_000 + x.r.seq, wave: waves.indexOf(x.r.wave), platform: x.pd.platform, layer: x.pd.layer, zone: x.pd.zone,
        managed: 'full', target: x.pd.target, status: x.status, runningHash: x.runningHash, running: x.running, intended: x.r.snapshot,
        commands: x.d?.commands ?? [], rollback: x.d?.rollback ?? [], unifiedDiff: x.d?.unifiedDiff ?? '', unmanaged: [], checks: x.pd.checks, error: x.error,
      })));
      return await this.getPlan(id);
    } finally {
      await sessions.closeAll();
    }
  }

  /**
   * Save (confirm) or roll back (abort, deadline) a change that is held unsaved: takes its devices
   * again (their rows are the change's), does it, and records the outcome.
   */
  private async finishHeld(ref: { id: number; planId: number }, what: 'save' | 'rollback', actor: string, cause?: ErrorInfo): Promise<void> {
    const change = await this.journal.change(ref.id);
    const locks = await this.locks.session();
    const sessions = this.vaults.get(ref.id) ?? this.sessions(this.log.child({ changeId: ref.id }));
    this.vaults.delete(ref.id);
    let reserve = false;
    try {
      await locks.tryChange(ref.id);
      const work = await this.workOf(change);
      await locks.acquireDevices(ref.id, this.owner, work.map((w) => w.device), { waitMs: 30_000, reason: what === 'save' ? 'confirming' : 'rolling back' });
      const run = new ChangeRun(this, ref, [], (change.options ?? {}) as ChangeRun['options'], { actor, message: change.message }, sessions, locks);
      const outcome = what === 'save' ? (await run.saveAll(work)).status : await run.rollbackAll(work.map((w) => w.device), cause ?? { code: 'CHANGE_ABORTED', message: 'rolled back before confirmation' });
      reserve = outcome === 'rollback_failed';
    } finally {
      await sessions.closeAll();
      await locks.releaseDevices({ reserve }).catch(() => undefined);
      await locks.close();
    }
  }

  /** Roll back every change awaiting confirmation whose deadline has passed. */
  async expireDue(): Promise<number[]> {
    const due = (await this.journal.changesIn(['awaiting_confirmation'])).filter((c) => c.confirmDeadline && c.confirmDeadline.getTime() <= Date.now());
    const out: number[] = [];
    for (const c of due) {
      const ref = { id: c.id, planId: c.planId };
      if (!(await this.journal.transition(ref, ['awaiting_confirmation'], 'rolling_back', { owner: this.owner }, sql`confirm_deadline <= now()`))) continue;
      await this.journal.step({ changeId: c.id, device: null, phase: 'expire', detail: { deadline: c.confirmDeadline!.toISOString() } }, async () => undefined);
      await this.journal.audit('dcnet', 'change.expire', c.id, { deadline: c.confirmDeadline!.toISOString(), note: 'not confirmed in time: rolled back' });
      await this.finishHeld(ref, 'rollback', 'dcnet', { code: 'CHANGE_CONFIRM_EXPIRED', message: `not confirmed before its deadline ${c.confirmDeadline!.toISOString()}: rolled back` });
      out.push(c.id);
    }
    return out;
  }

  /** Roll back overdue changes every `intervalMs` (a long-running process: the API server, a worker, a waiting CLI). */
  watchDeadlines(intervalMs = this.o.pollMs ?? 1000): void {
    if (this.watchTimer) return;
    let busy = false;
    this.watchTimer = setInterval(() => {
      if (busy || this.closed) return;
      busy = true;
      this.expireDue().catch((err) => this.log.error({ err: (err as Error).message }, 'deadline watch failed')).finally(() => { busy = false; });
    }, intervalMs);
    this.watchTimer.unref();
  }

  /** Wait until a change is final (or its rollback failed), enforcing deadlines meanwhile. */
  async waitForOutcome(changeId: number, opts: { timeoutMs?: number } = {}): Promise<ChangeView> {
    const until = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : Infinity;
    for (;;) {
      const c = await this.journal.change(changeId);
      if ((FINAL_STATUSES as readonly string[]).includes(c.status) || c.status === 'rollback_failed' || Date.now() >= until) return this.getChange(changeId);
      if (c.status === 'awaiting_confirmation' && c.confirmDeadline && c.confirmDeadline.getTime() <= Date.now()) await this.expireDue();
      await sleep(this.o.pollMs ?? 250);
    }
  }

  // ---------------------------------------------------------------------------- recovery

  /**
   * What every process does when it starts: reconcile changes left in flight by a process that
   * died (back to their snapshots, or forward when every device had finished), retry failed
   * rollbacks, and roll back changes whose confirmation deadline passed.
   */
  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { reconciled: [], expired: [], skipped: [] };
    for (const c of await this.journal.changesIn([...IN_FLIGHT_STATUSES, 'rollback_failed'])) {
      const to = await this.reconcileOne(c);
      if (to) report.reconciled.push({ changeId: c.id, from: c.status, to });
      else report.skipped.push({ changeId: c.id, reason: 'another process is working on it' });
    }
    report.expired = await this.expireDue();
    return report;
  }

  /** Reconcile one change if no live process works on it; returns its new status, or undefined. */
  private async reconcileOne(change: ChangeRecord): Promise<ChangeStatus | undefined> {
    const locks = await this.locks.session();
    const sessions = this.sessions(this.log.child({ changeId: change.id }));
    const ref = { id: change.id, planId: change.planId };
    let reserve = false;
    try {
      if (!(await locks.tryChange(change.id))) return undefined;
      const fresh = await this.journal.change(change.id);
      if (![...IN_FLIGHT_STATUSES, 'rollback_failed'].includes(fresh.status as ChangeStatus)) return undefined;
      const work = await this.workOf(fresh);
      const rows = await this.journal.changeDevices(change.id);
      // Touched: a device whose apply (or save, or rollback) had started. `snapshotted` ones were never sent a command.
      const touched = rows.filter((r) => r.snapshot && !['pending', 'snapshotted', 'unchanged', 'rolled_back'].includes(r.status));
      const forward = (fresh.status === 'saving' || fresh.status === 'confirming') && rows.every((r) => ['verified', 'saving', 'saved', 'unchanged'].includes(r.status));
      const decision = forward ? 'forward: every device had been applied and verified; saving' : touched.length ? 'back: returning every touched device to its snapshot' : 'nothing was changed';
      await this.journal.step({ changeId: change.id, device: null, phase: 'reconcile', detail: { from: fresh.status, previousOwner: fresh.owner, decision } }, async () => undefined);
      await this.journal.setStatus(ref, fresh.status as ChangeStatus, { owner: this.owner });
      await locks.acquireDevices(change.id, this.owner, work.map((w) => w.device), { waitMs: 10_000, reason: 'reconciling' });
      const run = new ChangeRun(this, ref, [], (fresh.options ?? {}) as ChangeRun['options'], { actor: 'dcnet', message: fresh.message }, sessions, locks);
      let outcome: ChangeStatus;
      if (forward) outcome = (await run.saveAll(work)).status;
      else if (touched.length) outcome = await run.rollbackAll(touched.map((t) => t.device), { code: 'CHANGE_INTERRUPTED', message: `the process working on the change (${fresh.owner ?? '?'}) stopped while it was ${fresh.status}` });
      else {
        outcome = 'failed';
        await this.journal.setStatus(ref, 'failed', {}, { code: 'CHANGE_INTERRUPTED', message: `the process working on the change stopped while it was ${fresh.status}, before changing any device` });
      }
      await this.journal.audit('dcnet', 'change.reconcile', change.id, { from: fresh.status, to: outcome, previousOwner: fresh.owner });
      reserve = outcome === 'rollback_failed';
      return outcome;
    } finally {
      await sessions.closeAll();
      await locks.releaseDevices({ reserve }).catch(() => undefined);
      await locks.close();
    }
  }

  /** The work items of a change's devices, from the database (plan rows + snapshots). */
  async workOf(change: ChangeRecord): Promise<DeviceWork[]> {
    const { devices } = await this.journal.plan(change.planId);
    const rows = await this.journal.changeDevices(change.id);
    const byName = new Map(devices.map((d) => [d.device, d]));
    return rows.map((r) => workItem(byName.get(r.device)!, r));
  }

  // ---------------------------------------------------------------------------- views

  async getChange(id: number, opts: { steps?: boolean } = {}): Promise<ChangeView> {
    const c = await this.journal.change(id);
    const devices = await this.journal.changeDevices(id);
    const view: ChangeView = {
      id: c.id, planId: c.planId, status: c.status as ChangeStatus, actor: c.actor, message: c.message,
      createdAt: c.createdAt.toISOString(), finishedAt: c.finishedAt?.toISOString() ?? null,
      confirmDeadline: c.confirmDeadline?.toISOString() ?? null, confirmedBy: c.confirmedBy,
      options: (c.options ?? {}) as Record<string, unknown>, error: (c.error as ErrorInfo | null) ?? null,
      devices: devices.map((d) => ({ device: d.device, seq: d.seq, wave: d.wave, status: d.status, saved: d.saved, error: (d.error as ErrorInfo | null) ?? null })),
    };
    if (opts.steps) {
      view.steps = (await this.journal.steps(id)).map((s) => ({
        id: s.id, device: s.device, phase: s.phase, status: s.status, startedAt: s.startedAt.toISOString(), durationMs: s.durationMs,
        commands: s.commands, answers: s.answers, detail: s.detail, error: s.error,
      }));
    }
    return view;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = undefined;
    for (const s of this.vaults.values()) await s.closeAll();
    this.vaults.clear();
  }
}

export function workItem(pd: PlanDeviceRecord, row?: ChangeDeviceRecord): DeviceWork {
  return {
    device: pd.device, platform: pd.platform as Platform, managed: pd.managed as 'full' | 'partial', target: pd.target as DeviceTarget,
    intended: pd.intended ?? '', commands: pd.commands as string[], planRunningHash: pd.runningHash, checks: pd.checks as DeviceChecks,
    seq: row?.seq ?? pd.seq, wave: row?.wave ?? pd.wave,
    ...(row ? { snapshot: row.snapshot, snapshotHash: row.snapshotHash, saveStarted: row.saveStarted } : {}),
  };
}

// ---------------------------------------------------------------------------- one execution

/** One execution of a change by this process (apply, or the end of a held change). */
class ChangeRun {
  readonly ctx: StepContext;
  private touched: string[] = [];

  constructor(
    private readonly engine: ChangeEngine,
    private readonly ref: { id: number; planId: number },
    private readonly planDevices: PlanDeviceRecord[],
    readonly options: { force: boolean; canary: number; concurrency: number; confirmWithinMs: number | null; lockWaitMs: number },
    private readonly opts: Pick<ApplyOptions, 'actor' | 'message' | 'requestId' | 'goAhead'>,
    private readonly sessions: DeviceSessions,
    private readonly locks: LockSession,
  ) {
    this.ctx = engine.stepContext(ref.id, sessions);
  }

  private get journal(): Journal {
    return this.engine.journal;
  }

  private get concurrency(): number {
    return this.options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  private async audit(action: string, after: unknown): Promise<void> {
    await this.journal.audit(this.opts.actor, action, this.ref.id, after, this.opts.requestId);
  }

  /** The whole apply; returns the status it ended in (throws ChangeError for a refusal or a rolled-back failure). */
  async execute(): Promise<ChangeStatus> {
    const work = this.planDevices.map((pd) => workItem(pd));
    await this.journal.setStatus(this.ref, 'preflight');
    const snaps = await snapshotDevices(this.ctx, work, this.concurrency);
    const unreachable = snaps.filter((s) => !s.ok);
    if (unreachable.length) {
      const err = new ChangeError('CHANGE_PREFLIGHT', `no device was changed: ${unreachable.length} device(s) could not be read: ${unreachable.map((s) => `${s.device} (${s.error?.code}: ${s.error?.message})`).join('; ')}`, { devices: unreachable.map((s) => s.device), changeId: this.ref.id });
      await this.journal.setStatus(this.ref, 'failed', {}, errorInfo(err));
      await this.audit('change.failed', { error: errorInfo(err) });
      throw err;
    }
    const drifted = snaps.filter((s) => s.drift);
    if (drifted.length && !this.options.force) {
      const err = new ChangeError('CHANGE_DRIFT', `no device was changed: the running configuration of ${drifted.map((s) => s.device).join(', ')} changed since plan ${this.ref.planId} was made; plan again (or apply with --force)`, { devices: drifted.map((s) => s.device), changeId: this.ref.id });
      await this.journal.setStatus(this.ref, 'refused', {}, errorInfo(err));
      await this.audit('change.refused', { error: errorInfo(err) });
      throw err;
    }
    const before = new Map<string, DeviceState>();
    for (const s of snaps) {
      const w = work.find((x) => x.device === s.device)!;
      w.snapshot = s.snapshot ?? null;
      w.snapshotHash = s.hash ?? null;
      if (s.state) before.set(s.device, s.state);
      if (s.drift) w.commands = s.currentCommands ?? w.commands;
    }
    const todo = work.filter((w) => w.commands.length > 0);
    for (const w of work) if (w.commands.length === 0) await this.journal.setDevice(this.ref.id, w.device, { status: 'unchanged' });

    await this.journal.setStatus(this.ref, 'applying');
    let failure: StepResult | undefined;
    const waves = [...new Set(todo.map((w) => w.wave))].sort((a, b) => a - b).map((n) => todo.filter((w) => w.wave === n).sort((a, b) => a.seq - b.seq));
    const canaryCount = Math.max(0, Math.min(this.options.canary ?? 0, todo.length));
    const canary = new Set([...todo].sort((a, b) => a.seq - b.seq).slice(0, canaryCount).map((w) => w.device));
    const phases = canaryCount > 0 && canaryCount < todo.length
      ? [waves.map((w) => w.filter((x) => canary.has(x.device))), waves.map((w) => w.filter((x) => !canary.has(x.device)))]
      : [waves];
    for (let p = 0; p < phases.length && !failure; p++) {
      if (p === 1) {
        const go = await this.gate([...canary]);
        if (!go) { failure = { device: '', ok: false, error: { code: 'CHANGE_ABORTED', message: 'the canary was not given its go-ahead' } }; break; }
      }
      for (const wave of phases[p]!) {
        if (wave.length === 0) continue;
        for (const w of wave) this.touched.push(w.device);
        await applyDevices(this.ctx, wave, this.concurrency, { stop: () => failure !== undefined, onFailure: (r) => { failure ??= r; }, before });
        if (failure) break;
      }
    }
    if (!failure) {
      await this.journal.setStatus(this.ref, 'verifying');
      failure = await this.verifyGroups(todo);
    }
    if (failure) return this.fail(failure);

    if (this.options.confirmWithinMs) {
      const deadline = new Date(Date.now() + this.options.confirmWithinMs);
      await this.locks.setReason(this.ref.id, 'awaiting confirmation');
      await this.journal.setStatus(this.ref, 'awaiting_confirmation', { confirmDeadline: deadline });
      await this.audit('change.awaiting_confirmation', { deadline: deadline.toISOString() });
      return 'awaiting_confirmation';
    }
    const saved = await this.saveAll(todo);
    if (saved.status !== 'completed') return this.failed(saved.status, saved.failure!);
    return saved.status;
  }

  /** Apply failed: roll back, record, and throw what happened. */
  private async fail(failure: StepResult): Promise<never> {
    const cause: ErrorInfo = failure.error ?? { code: 'CHANGE_APPLY_FAILED', message: 'failed' };
    const outcome = await this.rollbackAll(this.touched, cause, failure.device || undefined);
    return this.failed(outcome, failure);
  }

  /** Throw what happened to a failed change (rolled back, or not entirely). */
  private failed(outcome: ChangeStatus, failure: StepResult): never {
    const cause: ErrorInfo = failure.error ?? { code: 'CHANGE_APPLY_FAILED', message: 'failed' };
    const msg = cause.message.startsWith(`${failure.device}: `) ? cause.message.slice(failure.device.length + 2) : cause.message;
    const what = `${failure.device ? `${failure.device}: ` : ''}${cause.code}: ${msg}`;
    throw new ChangeError(
      outcome === 'rolled_back' ? (cause.code === 'CHANGE_ABORTED' ? 'CHANGE_ABORTED' : 'CHANGE_APPLY_FAILED') : 'CHANGE_ROLLBACK_FAILED',
      outcome === 'rolled_back'
        ? `change ${this.ref.id} failed (${what}); every device touched was rolled back to its snapshot and verified`
        : `change ${this.ref.id} failed (${what}) and some devices could NOT be rolled back; they stay reserved to this change: see \`dcnet change show ${this.ref.id}\``,
      { changeId: this.ref.id, status: outcome, cause },
    );
  }

  private async verifyGroups(todo: readonly DeviceWork[]): Promise<StepResult | undefined> {
    const groups = new Map<string, VrrpCheck>();
    const targets = new Map<string, DeviceTarget>();
    for (const w of todo) {
      targets.set(w.device, w.target);
      for (const g of w.checks.vrrp) {
        groups.set(g.name, g);
        for (const m of g.members) if (m.target && !targets.has(m.device)) targets.set(m.device, m.target);
      }
    }
    if (groups.size === 0) return undefined;
    try {
      await this.journal.step({ changeId: this.ref.id, device: null, phase: 'verify', detail: { vrrpGroups: [...groups.keys()] } }, async () => {
        const results = await checkGroups(this.ctx, [...groups.values()], targets);
        const bad = results.filter((r) => !r.ok);
        if (bad.length) throw new ChangeError('CHANGE_APPLY_FAILED', bad.map((b) => b.problem).join('; '), { problems: bad.map((b) => b.problem) });
        return results;
      }, {
        after: (results) => ({ status: 'ok', detail: { masters: Object.fromEntries(results.map((r) => [r.group, r.master ?? null])), unverified: results.filter((r) => r.unverified).map((r) => r.group) } }),
        failed: (err) => ({ status: 'failed', error: errorInfo(err) }),
      });
      return undefined;
    } catch (err) {
      return { device: '', ok: false, error: errorInfo(err) };
    } finally {
      // Peers opened only to read their state are not needed any more.
      const mine = new Set(todo.map((w) => w.device));
      for (const d of targets.keys()) if (!mine.has(d)) await this.sessions.close(d);
    }
  }

  /** Hold at the canary: wait for a go-ahead (hook, or confirm from any process) or a refusal. */
  private async gate(devices: string[]): Promise<boolean> {
    await this.journal.setStatus(this.ref, 'canary_hold');
    await this.locks.setReason(this.ref.id, 'canary hold');
    this.journal.event({ type: 'gate', changeId: this.ref.id, reason: 'canary', devices, message: `${devices.length} canary device(s) applied and verified: confirm to go on, roll back to stop`, at: new Date().toISOString() });
    const step = await this.journal.start({ changeId: this.ref.id, device: null, phase: 'gate', detail: { canary: devices } });
    await this.sessions.closeAll();
    let decided: boolean | undefined;
    const hook = this.opts.goAhead?.({ changeId: this.ref.id, devices }).then(async (go) => {
      if (decided !== undefined) return;
      const ok = await this.journal.transition(this.ref, ['canary_hold'], go ? 'applying' : 'rolling_back');
      if (ok) await this.audit(go ? 'change.go_ahead' : 'change.abort', { via: 'prompt' });
    });
    hook?.catch(() => undefined);
    for (;;) {
      const c = await this.journal.change(this.ref.id);
      if (c.status === 'applying') decided = true;
      else if (c.status === 'rolling_back') decided = false;
      if (decided !== undefined) break;
      await sleep(this.engine.o.pollMs ?? 250);
    }
    await this.journal.finish(step, { status: decided ? 'ok' : 'failed', detail: { goAhead: decided } });
    if (decided) await this.locks.setReason(this.ref.id, 'applying');
    return decided;
  }

  /** Save every device; a failure rolls back everything. Returns the final status (and the failure). */
  async saveAll(work: readonly DeviceWork[]): Promise<{ status: ChangeStatus; failure?: StepResult }> {
    await this.journal.setStatus(this.ref, 'saving');
    let failure: StepResult | undefined;
    const ordered = [...work].sort((a, b) => a.seq - b.seq);
    await saveDevices(this.ctx, ordered, this.concurrency, { stop: () => failure !== undefined, onFailure: (r) => { failure ??= r; } });
    if (failure) {
      const all = ordered.map((w) => w.device);
      const status = await this.rollbackAll(all, failure.error ?? { code: 'CHANGE_APPLY_FAILED', message: 'save failed' }, failure.device);
      return { status, failure };
    }
    await this.journal.setStatus(this.ref, 'completed');
    await this.audit('change.completed', { devices: ordered.length });
    return { status: 'completed' };
  }

  /** Return `devices` to their snapshots in reverse order of the waves. */
  async rollbackAll(devices: readonly string[], cause: ErrorInfo, failedDevice?: string): Promise<ChangeStatus> {
    await this.journal.setStatus(this.ref, 'rolling_back', {}, { ...cause, ...(failedDevice ? { details: { ...(cause.details ?? {}), device: failedDevice } } : {}) });
    const change = await this.journal.change(this.ref.id);
    const want = new Set(devices);
    const work = (await this.engine.workOf(change)).filter((w) => want.has(w.device) && w.snapshot);
    const waves = [...new Set(work.map((w) => w.wave))].sort((a, b) => b - a);
    const results: StepResult[] = [];
    for (const n of waves) {
      results.push(...await rollbackDevices(this.ctx, work.filter((w) => w.wave === n).sort((a, b) => b.seq - a.seq), this.concurrency));
    }
    const failed = results.filter((r) => !r.ok);
    const status: ChangeStatus = failed.length ? 'rollback_failed' : 'rolled_back';
    await this.journal.setStatus(this.ref, status, {}, failed.length
      ? { code: 'CHANGE_ROLLBACK_FAILED', message: `could not roll back ${failed.map((f) => `${f.device} (${f.error?.message})`).join('; ')} after: ${cause.message}`, details: { devices: failed.map((f) => f.device), cause } }
      : { ...cause, ...(failedDevice ? { details: { ...(cause.details ?? {}), device: failedDevice } } : {}) });
    await this.audit(`change.${status}`, { cause, devices: results.map((r) => ({ device: r.device, ok: r.ok, ...(r.error ? { error: r.error } : {}) })) });
    return status;
  }
}

export type { PlanRequest, PlanView };
