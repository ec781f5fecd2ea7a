import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

import { jsonb } from './columns.js';

/**
 * The change engine's tables (src/change/): plans, changes, their devices, the journal of every
 * step, device locks, and playbook runs. Nothing here ever holds a secret: commands carry
 * `{{secret:<ref>}}` tokens, device answers and snapshots have their secrets replaced by tokens
 * or `<secret>` before they are written (src/change/secrets.ts).
 */

/** A plan: for a selection of devices, what the intended configuration changes on each. */
export const changePlans = pgTable(
  'change_plans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    /** `intent` (the topology rendered) or `rollback` (a finished change's snapshots). */
    kind: text('kind').notNull(),
    network: text('network').notNull(),
    topologyRevisionId: bigint('topology_revision_id', { mode: 'number' }),
    topologyHash: text('topology_hash'),
    /** The folder or file the topology was loaded from (file: secret references are relative to it). */
    topologySource: text('topology_source'),
    selector: text('selector').notNull(),
    /** {ok, errors, warnings, findings (the first ones)}. */
    validation: jsonb('validation').notNull(),
    /** For a rollback plan: the change whose snapshots it restores. */
    sourceChangeId: bigint('source_change_id', { mode: 'number' }),
    /** {devices, changed, unchanged, failed}. */
    summary: jsonb('summary').notNull(),
    /** Explicit device order (a playbook's), as waves of device names; null: computed. */
    order: jsonb('order'),
  },
  (t) => [index('change_plans_created_at_idx').on(t.createdAt)],
);

/** One device of a plan: the running configuration's hash it was computed from, the commands, the rollback, the diff. */
export const changePlanDevices = pgTable(
  'change_plan_devices',
  {
    planId: bigint('plan_id', { mode: 'number' }).notNull().references(() => changePlans.id, { onDelete: 'cascade' }),
    device: text('device').notNull(),
    /** Position in the apply order, and the wave (devices of one wave run together). */
    seq: integer('seq').notNull(),
    wave: integer('wave').notNull(),
    platform: text('platform').notNull(),
    layer: text('layer').notNull(),
    zone: text('zone'),
    managed: text('managed').notNull(),
    /** Where and as whom the device is reached: {host, port, snmpPort, credential (references only), baseDir}. */
    target: jsonb('target').notNull(),
    /** changed | unchanged | failed */
    status: text('status').notNull(),
    runningHash: text('running_hash'),
    /** The running configuration at plan time, secrets as tokens or `<secret>`. */
    running: text('running'),
    /** The intended configuration (rendered: secrets are `{{secret:<ref>}}` tokens). */
    intended: text('intended'),
    commands: jsonb('commands').notNull(),
    rollback: jsonb('rollback').notNull(),
    unifiedDiff: text('unified_diff').notNull().default(''),
    unmanaged: jsonb('unmanaged').notNull(),
    /** The state checks the change implies (VRRP groups, LAGs). */
    checks: jsonb('checks').notNull(),
    error: jsonb('error'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.device] })],
);

/** A change: one apply of a plan, from the locks to the outcome. */
export const changes = pgTable(
  'changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    planId: bigint('plan_id', { mode: 'number' }).notNull().references(() => changePlans.id),
    playbookRunId: bigint('playbook_run_id', { mode: 'number' }),
    status: text('status').notNull(),
    actor: text('actor').notNull(),
    message: text('message').notNull(),
    requestId: text('request_id'),
    /** {force, canary, concurrency, confirmWithinMs, lockWaitMs}. */
    options: jsonb('options').notNull(),
    /** The process working on the change (`host:pid:nonce`). */
    owner: text('owner'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    confirmDeadline: timestamp('confirm_deadline', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: text('confirmed_by'),
    error: jsonb('error'),
  },
  (t) => [index('changes_status_idx').on(t.status), index('changes_plan_idx').on(t.planId)],
);

/** A device of a change: its snapshot (the pre-change running configuration) and how far it got. */
export const changeDevices = pgTable(
  'change_devices',
  {
    changeId: bigint('change_id', { mode: 'number' }).notNull().references(() => changes.id, { onDelete: 'cascade' }),
    device: text('device').notNull(),
    seq: integer('seq').notNull(),
    wave: integer('wave').notNull(),
    status: text('status').notNull(),
    /** The running configuration before the change (secrets as tokens or `<secret>`). */
    snapshot: text('snapshot'),
    snapshotHash: text('snapshot_hash'),
    /** Hash of the running configuration once applied and verified. */
    appliedHash: text('applied_hash'),
    /** A save was started on the device in this change (its startup configuration may hold the change). */
    saveStarted: boolean('save_started').notNull().default(false),
    saved: boolean('saved').notNull().default(false),
    error: jsonb('error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.device] })],
);

/** The journal: every step of a change, written when it starts and again when it ends. */
export const changeSteps = pgTable(
  'change_steps',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    changeId: bigint('change_id', { mode: 'number' }).notNull().references(() => changes.id, { onDelete: 'cascade' }),
    /** Null for a step of the change as a whole (locks, gate, reconcile). */
    device: text('device'),
    phase: text('phase').notNull(),
    /** started | ok | failed */
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    /** The commands sent (with secret tokens, never values). */
    commands: jsonb('commands'),
    /** The device's answers, secrets masked. */
    answers: jsonb('answers'),
    detail: jsonb('detail'),
    error: jsonb('error'),
  },
  (t) => [index('change_steps_change_idx').on(t.changeId, t.id)],
);

/**
 * Who holds a device. The row says which change and why; on PostgreSQL the mutual exclusion of
 * running processes is a session-level advisory lock, on PGlite (one process) an in-process table.
 * A row also reserves a device between processes: while its change awaits confirmation or a
 * canary go-ahead, or is in flight and not yet reconciled.
 */
export const deviceLocks = pgTable('device_locks', {
  device: text('device').primaryKey(),
  changeId: bigint('change_id', { mode: 'number' }).notNull(),
  owner: text('owner').notNull(),
  reason: text('reason').notNull(),
  acquiredAt: timestamp('acquired_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A run of a playbook (playbooks/*.yaml): its variables and each step's result. */
export const playbookRuns = pgTable(
  'playbook_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    playbook: text('playbook').notNull(),
    variables: jsonb('variables').notNull(),
    dryRun: boolean('dry_run').notNull(),
    actor: text('actor').notNull(),
    message: text('message').notNull(),
    status: text('status').notNull(),
    steps: jsonb('steps').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: jsonb('error'),
  },
  (t) => [index('playbook_runs_started_at_idx').on(t.startedAt)],
);

export type ChangePlanRow = typeof changePlans.$inferSelect;
export type ChangePlanDeviceRow = typeof changePlanDevices.$inferSelect;
export type ChangeRow = typeof changes.$inferSelect;
export type ChangeDeviceRow = typeof changeDevices.$inferSelect;
export type ChangeStepRow = typeof changeSteps.$inferSelect;
export type DeviceLockRow = typeof deviceLocks.$inferSelect;
export type PlaybookRunRow = typeof playbookRuns.$inferSelect;
