/**
 * The change journal in the database: plans, changes, their devices and every step, written when a
 * step starts and again when it ends, so that a process dying at any point leaves a record the next
 * start can reconcile from. Each write is also an event for progress displays and the event stream.
 *
 * Nothing written here holds a secret: commands carry tokens, answers are masked by the caller
 * (secrets.ts), errors go through errorInfo().
 */
import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';

import { type Db, recordAudit, schema } from '../db/index.js';
import type { ChangeDeviceRow, ChangePlanDeviceRow, ChangePlanRow, ChangeRow, ChangeStepRow } from '../db/index.js';
import { ChangeError, type ErrorInfo } from './errors.js';
import type { ChangeEvent, ChangeEventListener, ChangeStatus, DeviceStatus, Phase } from './types.js';

const { changePlans, changePlanDevices, changes, changeDevices, changeSteps } = schema;

export type PlanRecord = ChangePlanRow;
export type PlanDeviceRecord = ChangePlanDeviceRow;
export type ChangeRecord = ChangeRow;
export type ChangeDeviceRecord = ChangeDeviceRow;
export type StepRecord = ChangeStepRow;

export interface StepStart {
  changeId: number;
  device: string | null;
  phase: Phase;
  commands?: readonly string[];
  detail?: Record<string, unknown>;
}

export interface StepEnd {
  status: 'ok' | 'failed';
  answers?: unknown;
  detail?: Record<string, unknown>;
  error?: ErrorInfo;
}

export interface OpenStep {
  id: number;
  start: StepStart;
  t0: number;
}

const now = (): string => new Date().toISOString();

/** The fields of a change's device the steps update. */
export type DeviceUpdate = { status?: DeviceStatus } & Partial<Pick<typeof changeDevices.$inferInsert, 'snapshot' | 'snapshotHash' | 'appliedHash' | 'saveStarted' | 'saved' | 'error'>>;

const DEVICE_COLUMNS: Record<keyof DeviceUpdate, string> = {
  status: 'status', snapshot: 'snapshot', snapshotHash: 'snapshot_hash', appliedHash: 'applied_hash', saveStarted: 'save_started', saved: 'saved', error: 'error',
};

/** `col = value, ...` for a device update (raw SQL: it joins a step's write in one statement). */
function deviceSet(v: DeviceUpdate): SQL {
  const parts: SQL[] = [];
  for (const [k, value] of Object.entries(v) as [keyof DeviceUpdate, unknown][]) {
    if (value === undefined) continue;
    const col = sql.identifier(DEVICE_COLUMNS[k]);
    parts.push(k === 'error' ? sql`${col} = ${JSON.stringify(value)}::jsonb` : sql`${col} = ${value as string | boolean}`);
  }
  parts.push(sql`updated_at = now()`);
  return sql.join(parts, sql`, `);
}

export class Journal {
  constructor(readonly db: Db, private readonly emit: ChangeEventListener) {}

  event(e: ChangeEvent): void {
    try {
      this.emit(e);
    } catch {
      // A listener's failure never stops a change.
    }
  }

  // ---------------------------------------------------------------------------- plans

  async insertPlan(plan: typeof changePlans.$inferInsert, devices: Omit<typeof changePlanDevices.$inferInsert, 'planId'>[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(changePlans).values(plan).returning({ id: changePlans.id });
      const id = row!.id;
      if (devices.length) await tx.insert(changePlanDevices).values(devices.map((d) => ({ ...d, planId: id })));
      return id;
    });
  }

  async plan(id: number): Promise<{ plan: PlanRecord; devices: PlanDeviceRecord[] }> {
    const [plan] = await this.db.select().from(changePlans).where(eq(changePlans.id, id));
    if (!plan) throw new ChangeError('CHANGE_UNKNOWN_PLAN', `no plan ${id}`, { planId: id });
    const devices = await this.db.select().from(changePlanDevices).where(eq(changePlanDevices.planId, id)).orderBy(asc(changePlanDevices.seq));
    return { plan, devices };
  }

  // ---------------------------------------------------------------------------- changes

  async createChange(values: typeof changes.$inferInsert, devices: Omit<typeof changeDevices.$inferInsert, 'changeId'>[]): Promise<number> {
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.insert(changes).values(values).returning({ id: changes.id });
      const changeId = row!.id;
      if (devices.length) await tx.insert(changeDevices).values(devices.map((d) => ({ ...d, changeId })));
      return changeId;
    });
    this.event({ type: 'change', changeId: id, planId: values.planId, status: values.status as ChangeStatus, at: now() });
    return id;
  }

  async change(id: number): Promise<ChangeRecord> {
    const [row] = await this.db.select().from(changes).where(eq(changes.id, id));
    if (!row) throw new ChangeError('CHANGE_UNKNOWN_CHANGE', `no change ${id}`, { changeId: id });
    return row;
  }

  async changeDevices(id: number): Promise<ChangeDeviceRecord[]> {
    return this.db.select().from(changeDevices).where(eq(changeDevices.changeId, id)).orderBy(asc(changeDevices.seq));
  }

  async steps(id: number): Promise<StepRecord[]> {
    return this.db.select().from(changeSteps).where(eq(changeSteps.changeId, id)).orderBy(asc(changeSteps.id));
  }

  async changesIn(statuses: readonly ChangeStatus[]): Promise<ChangeRecord[]> {
    return this.db.select().from(changes).where(inArray(changes.status, [...statuses])).orderBy(asc(changes.id));
  }

  /** Set a change's status (and other fields) unconditionally. */
  async setStatus(change: { id: number; planId: number }, status: ChangeStatus, extra: Partial<typeof changes.$inferInsert> = {}, error?: ErrorInfo): Promise<void> {
    const final = status === 'completed' || status === 'rolled_back' || status === 'refused' || status === 'failed';
    await this.db.update(changes).set({
      status, updatedAt: new Date(), ...(final ? { finishedAt: new Date() } : {}), ...(error ? { error } : {}), ...extra,
    }).where(eq(changes.id, change.id));
    this.event({
      type: 'change', changeId: change.id, planId: change.planId, status, at: now(),
      ...(error ? { error } : {}), ...(extra.confirmDeadline ? { deadline: new Date(extra.confirmDeadline).toISOString() } : {}),
    });
  }

  /**
   * Move a change from one of `from` to `to`, atomically: false when it was not in one of them
   * (another process got there first). `extraWhere` adds a condition (a deadline).
   */
  async transition(change: { id: number; planId: number }, from: readonly ChangeStatus[], to: ChangeStatus, extra: Partial<typeof changes.$inferInsert> = {}, extraWhere?: ReturnType<typeof sql>): Promise<boolean> {
    const rows = await this.db.update(changes).set({ status: to, updatedAt: new Date(), ...extra })
      .where(and(eq(changes.id, change.id), inArray(changes.status, [...from]), ...(extraWhere ? [extraWhere] : [])))
      .returning({ id: changes.id });
    if (rows.length === 0) return false;
    this.event({ type: 'change', changeId: change.id, planId: change.planId, status: to, at: now() });
    return true;
  }

  async setDevice(changeId: number, device: string, values: { status?: DeviceStatus } & Partial<Omit<typeof changeDevices.$inferInsert, 'status'>>): Promise<void> {
    await this.db.update(changeDevices).set({ ...values, updatedAt: new Date() })
      .where(and(eq(changeDevices.changeId, changeId), eq(changeDevices.device, device)));
  }

  // ---------------------------------------------------------------------------- steps

  /** Write a step as started (before it runs), and the device's new state with it (one statement). */
  async start(s: StepStart, device?: DeviceStatus | DeviceUpdate): Promise<OpenStep> {
    const update = typeof device === 'string' ? { status: device } : device;
    const commands = s.commands ? JSON.stringify(s.commands) : null;
    const detail = s.detail ? JSON.stringify(s.detail) : null;
    const insert = sql`insert into change_steps (change_id, device, phase, status, commands, detail)
      values (${s.changeId}, ${s.device}, ${s.phase}, 'started', ${commands}::jsonb, ${detail}::jsonb) returning id`;
    const res = (await this.db.execute(update && s.device
      ? sql`with ins as (${insert}), upd as (update change_devices set ${deviceSet(update)} where change_id = ${s.changeId} and device = ${s.device}) select id from ins`
      : insert)) as unknown as { rows: { id: number | string }[] };
    this.event({ type: 'step', changeId: s.changeId, device: s.device, phase: s.phase, state: 'start', at: now(), ...(s.detail ? { detail: s.detail } : {}) });
    return { id: Number(res.rows[0]!.id), start: s, t0: performance.now() };
  }

  /** Write a step's outcome (after it ran), and the device's new state with it (one statement). */
  async finish(step: OpenStep, end: StepEnd, device?: DeviceUpdate): Promise<void> {
    const ms = Math.round(performance.now() - step.t0);
    const answers = end.answers !== undefined ? JSON.stringify(end.answers) : null;
    const detail = end.detail ? JSON.stringify({ ...(step.start.detail ?? {}), ...end.detail }) : null;
    const error = end.error ? JSON.stringify(end.error) : null;
    const update = sql`update change_steps set status = ${end.status}, finished_at = now(), duration_ms = ${ms},
      answers = coalesce(${answers}::jsonb, answers), detail = coalesce(${detail}::jsonb, detail), error = coalesce(${error}::jsonb, error)
      where id = ${step.id}`;
    await this.db.execute(device && step.start.device
      ? sql`with s as (${update}) update change_devices set ${deviceSet(device)} where change_id = ${step.start.changeId} and device = ${step.start.device}`
      : update);
    this.event({
      type: 'step', changeId: step.start.changeId, device: step.start.device, phase: step.start.phase, state: end.status === 'ok' ? 'ok' : 'failed', ms, at: now(),
      ...(end.error ? { error: end.error } : {}), ...(end.detail ? { detail: end.detail } : {}),
    });
  }

  /** Run `fn` as one journaled step. */
  async step<T>(s: StepStart, fn: () => Promise<T>, opts: {
    before?: DeviceStatus | DeviceUpdate;
    after?: (value: T) => StepEnd & { device?: DeviceUpdate };
    failed?: (err: unknown) => StepEnd & { device?: DeviceUpdate };
  } = {}): Promise<T> {
    const open = await this.start(s, opts.before);
    let value: T;
    try {
      value = await fn();
    } catch (err) {
      const f = opts.failed?.(err) ?? { status: 'failed' as const };
      await this.finish(open, f, f.device);
      throw err;
    }
    const end = opts.after?.(value) ?? { status: 'ok' as const };
    await this.finish(open, end, end.device);
    return value;
  }

  // ---------------------------------------------------------------------------- audit

  async audit(actor: string, action: string, changeId: number, after: unknown, requestId?: string): Promise<void> {
    await recordAudit(this.db, { actor, action, subjectType: 'change', subjectId: String(changeId), before: null, after, requestId: requestId ?? null });
  }
}
