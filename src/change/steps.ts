/**
 * The step handlers of a change, each a batch unit: devices in, one result per device out (a
 * failing device never throws across the others), every step journaled before and after it runs.
 * A job queue (pg-boss) could run each batch on any worker: a handler needs only the change id,
 * the device work items (serialisable) and a context (database, sessions, logger).
 *
 *  snapshotDevices   read the running configuration (the snapshot) and the state the checks need
 *  applyDevices      apply the commands, read back, verify no difference remains, check the state
 *  saveDevices       save
 *  rollbackDevices   return each device to its snapshot (reconnecting if needed), verify, re-save
 *                    a device whose save had started
 *  checkGroups       VRRP mastership across the members of each group, as intended
 */
import type { Logger } from 'pino';

import { isDriverError, type CommandResult, type DeviceDriver } from '../drivers/index.js';
import type { Platform } from '../model/index.js';
import { planDiff } from '../render/index.js';
import {
  type DeviceState, type GroupReading, deviceProblems, hasChecks, mastershipProblem, readState,
} from './checks.js';
import { ChangeError, errorInfo, type ErrorInfo } from './errors.js';
import type { Journal } from './journal.js';
import { runBounded, sleep } from './run.js';
import { configHash, maskAnswer, tokeniseSecrets } from './secrets.js';
import type { DeviceSessions } from './sessions.js';
import type { DeviceChecks, DeviceTarget, VrrpCheck } from './types.js';

export interface StepContext {
  journal: Journal;
  sessions: DeviceSessions;
  changeId: number;
  logger: Logger;
  /** How long a state check may poll for the device to settle (LACP, VRRP). Default 5 000 ms. */
  settleMs: number;
  /** Pause between two polls of a state check. Default 200 ms. */
  pollMs: number;
  /** Attempts to reach a device for its rollback, and the pauses between them. */
  rollbackRetryMs: readonly number[];
}

/** What a step needs to know about one device (serialisable). */
export interface DeviceWork {
  device: string;
  platform: Platform;
  managed: 'full' | 'partial';
  target: DeviceTarget;
  intended: string;
  commands: string[];
  planRunningHash: string | null;
  checks: DeviceChecks;
  seq: number;
  wave: number;
  snapshot?: string | null;
  snapshotHash?: string | null;
  saveStarted?: boolean;
}

export interface StepResult {
  device: string;
  ok: boolean;
  error?: ErrorInfo;
  detail?: Record<string, unknown>;
}

export interface SnapshotResult extends StepResult {
  snapshot?: string;
  hash?: string;
  drift?: boolean;
  /** The commands against the device as it is now (for a forced apply over drift). */
  currentCommands?: string[];
  state?: DeviceState;
}

const answersOf = (platform: Platform, results: readonly CommandResult[]): { command: string; ok: boolean; output: string; error?: string }[] =>
  results.map((r) => ({ command: r.command, ok: r.ok, output: maskAnswer(platform, r.output).slice(0, 2000), ...(r.error ? { error: r.error } : {}) }));

function resultsOfError(err: unknown): CommandResult[] {
  const d = (err as { details?: { results?: CommandResult[] } }).details;
  return Array.isArray(d?.results) ? d.results : [];
}

// ---------------------------------------------------------------------------- snapshot

export async function snapshotDevices(ctx: StepContext, items: readonly DeviceWork[], concurrency: number): Promise<SnapshotResult[]> {
  const out: SnapshotResult[] = [];
  await runBounded(items, concurrency, async (w) => {
    try {
      const r = await ctx.journal.step({ changeId: ctx.changeId, device: w.device, phase: 'snapshot' }, async () => {
        const driver = await ctx.sessions.open(w.target);
        const raw = await driver.getRunningConfig();
        const tok = tokeniseSecrets(w.platform, raw, w.intended, 's');
        ctx.sessions.vault(w.device).merge(tok.vault);
        const hash = configHash(w.platform, raw);
        const drift = w.planRunningHash !== null && hash !== w.planRunningHash;
        let currentCommands: string[] | undefined;
        if (drift) {
          const now = tokeniseSecrets(w.platform, raw, w.intended, 'p');
          ctx.sessions.vault(w.device).merge(now.vault);
          currentCommands = planDiff({ platform: w.platform, running: now.text, intended: w.intended, managed: w.managed, device: w.device }).commands;
        }
        const state = hasChecks(w.checks) ? await readState(driver, w.checks) : undefined;
        return { snapshot: tok.text, hash, drift, currentCommands, state };
      }, {
        after: (v) => ({ status: 'ok', detail: { hash: v.hash, drift: v.drift, bytes: v.snapshot.length }, device: { status: 'snapshotted', snapshot: v.snapshot, snapshotHash: v.hash } }),
        failed: (err) => ({ status: 'failed', error: errorInfo(err), device: { status: 'failed', error: errorInfo(err) } }),
      });
      out.push({ device: w.device, ok: true, ...r, ...(r.state ? { state: r.state } : {}), ...(r.currentCommands ? { currentCommands: r.currentCommands } : {}) });
    } catch (err) {
      out.push({ device: w.device, ok: false, error: errorInfo(err) });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------- apply

/** Poll a device's state until the checks hold or the settle time runs out. */
async function settle(ctx: StepContext, driver: DeviceDriver, w: DeviceWork, before: DeviceState | undefined): Promise<{ problems: string[]; polls: number }> {
  const deadline = performance.now() + ctx.settleMs;
  let polls = 0;
  for (;;) {
    polls++;
    const after = await readState(driver, w.checks);
    const problems = deviceProblems(w.device, w.checks, before, after);
    if (problems.length === 0 || performance.now() >= deadline) return { problems, polls };
    await sleep(ctx.pollMs);
  }
}

/**
 * Apply, read back, verify and check each device. `stop()` true: no further device is started
 * (those in flight finish). `before` holds the state read at snapshot time.
 */
export async function applyDevices(
  ctx: StepContext, items: readonly DeviceWork[], concurrency: number,
  opts: { stop?: () => boolean; onFailure?: (r: StepResult) => void; before?: ReadonlyMap<string, DeviceState> } = {},
): Promise<StepResult[]> {
  const out: StepResult[] = [];
  await runBounded(items, concurrency, async (w) => {
    const r = await applyOne(ctx, w, opts.before?.get(w.device));
    out.push(r);
    if (!r.ok) opts.onFailure?.(r);
  }, opts.stop);
  return out;
}

async function applyOne(ctx: StepContext, w: DeviceWork, before: DeviceState | undefined): Promise<StepResult> {
  const id = { changeId: ctx.changeId, device: w.device };
  try {
    const driver = await ctx.sessions.open(w.target);
    ctx.sessions.assertResolvable(w.device, w.commands);
    await ctx.journal.step({ ...id, phase: 'apply', commands: w.commands }, () => driver.applyCommands(w.commands), {
      before: 'applying',
      after: (results) => ({ status: 'ok', answers: answersOf(w.platform, results), detail: { commands: results.length }, device: { status: 'applied' } }),
      failed: (err) => ({ status: 'failed', answers: answersOf(w.platform, resultsOfError(err)), error: errorInfo(err), device: { status: 'failed', error: errorInfo(err) } }),
    });
    await ctx.journal.step({ ...id, phase: 'readback' }, async () => {
      const raw = await driver.getRunningConfig();
      const tok = tokeniseSecrets(w.platform, raw, w.intended, 'a');
      const rest = planDiff({ platform: w.platform, running: tok.text, intended: w.intended, managed: w.managed, device: w.device });
      if (rest.changed) {
        throw new ChangeError('CHANGE_APPLY_FAILED', `${w.device}: the configuration read back still differs from the intended one (${rest.commands.length} commands would remain, first: ${rest.commands.find((c) => !/^\s*(system-view|configure terminal)$/.test(c)) ?? rest.commands[0]})`, {
          device: w.device, remaining: rest.commands.slice(0, 20),
        });
      }
      return { hash: configHash(w.platform, raw) };
    }, {
      after: (v) => ({ status: 'ok', detail: { hash: v.hash }, device: { appliedHash: v.hash, ...(hasChecks(w.checks) ? {} : { status: 'verified' as const }) } }),
      failed: (err) => ({ status: 'failed', error: errorInfo(err), device: { status: 'failed', error: errorInfo(err) } }),
    });
    if (hasChecks(w.checks)) {
      await ctx.journal.step({ ...id, phase: 'check', detail: { vrrp: w.checks.vrrp.map((g) => g.name), lags: w.checks.lags.map((l) => l.id) } }, async () => {
        const { problems, polls } = await settle(ctx, driver, w, before);
        if (problems.length) throw new ChangeError('CHANGE_APPLY_FAILED', `${w.device}: ${problems.join('; ')}`, { device: w.device, problems });
        return polls;
      }, {
        after: (polls) => ({ status: 'ok', detail: { polls }, device: { status: 'verified' } }),
        failed: (err) => ({ status: 'failed', error: errorInfo(err), device: { status: 'failed', error: errorInfo(err) } }),
      });
    }
    return { device: w.device, ok: true };
  } catch (err) {
    const error = errorInfo(err);
    // A failure before any step was journaled (the connection) is recorded on the device.
    await ctx.journal.setDevice(ctx.changeId, w.device, { status: 'failed', error }).catch(() => undefined);
    return { device: w.device, ok: false, error };
  }
}

// ---------------------------------------------------------------------------- save

export async function saveDevices(ctx: StepContext, items: readonly DeviceWork[], concurrency: number, opts: { stop?: () => boolean; onFailure?: (r: StepResult) => void; phase?: 'save' | 'resave' } = {}): Promise<StepResult[]> {
  const out: StepResult[] = [];
  await runBounded(items, concurrency, async (w) => {
    try {
      await ctx.journal.step({ changeId: ctx.changeId, device: w.device, phase: opts.phase ?? 'save' }, async () => {
        const driver = await ctx.sessions.open(w.target);
        await driver.save();
      }, {
        before: { status: 'saving', saveStarted: true },
        after: () => ({ status: 'ok', device: { status: 'saved', saved: true } }),
        failed: (err) => ({ status: 'failed', error: errorInfo(err), device: { error: errorInfo(err) } }),
      });
      out.push({ device: w.device, ok: true });
    } catch (err) {
      const r = { device: w.device, ok: false, error: errorInfo(err) };
      out.push(r);
      opts.onFailure?.(r);
    }
  }, opts.stop);
  return out;
}

// ---------------------------------------------------------------------------- rollback

const TRANSIENT = new Set(['DRIVER_CONNECT', 'DRIVER_AUTH', 'DRIVER_TIMEOUT', 'DRIVER_DISCONNECTED', 'DRIVER_CLOSED', 'DRIVER_HOST_KEY_CHANGED', 'DRIVER_BUSY']);

/** Return one device to its snapshot; throws when it cannot. */
async function rollbackOne(ctx: StepContext, w: DeviceWork): Promise<{ commands: number }> {
  const snapshot = w.snapshot;
  if (!snapshot) return { commands: 0 };
  const id = { changeId: ctx.changeId, device: w.device };
  let last: unknown;
  for (let attempt = 0; attempt <= ctx.rollbackRetryMs.length; attempt++) {
    if (attempt > 0) {
      await sleep(ctx.rollbackRetryMs[attempt - 1]!);
      await ctx.sessions.close(w.device);
    }
    try {
      const driver = await ctx.sessions.open(w.target);
      const raw = await driver.getRunningConfig();
      const tok = tokeniseSecrets(w.platform, raw, snapshot, 'r');
      ctx.sessions.vault(w.device).merge(tok.vault);
      const back = planDiff({ platform: w.platform, running: tok.text, intended: snapshot, managed: 'full', device: w.device });
      if (back.changed) {
        ctx.sessions.assertResolvable(w.device, back.commands);
        await ctx.journal.step({ ...id, phase: 'rollback', commands: back.commands, detail: { attempt: attempt + 1 } }, () => driver.applyCommands(back.commands), {
          after: (results) => ({ status: 'ok', answers: answersOf(w.platform, results) }),
          failed: (err) => ({ status: 'failed', answers: answersOf(w.platform, resultsOfError(err)), error: errorInfo(err) }),
        });
      }
      await ctx.journal.step({ ...id, phase: 'rollback-verify', detail: { attempt: attempt + 1, commands: back.commands.length } }, async () => {
        const after = await driver.getRunningConfig();
        const again = planDiff({ platform: w.platform, running: tokeniseSecrets(w.platform, after, snapshot, 'r').text, intended: snapshot, managed: 'full', device: w.device });
        if (again.changed) {
          throw new ChangeError('CHANGE_ROLLBACK_FAILED', `${w.device}: after the rollback the configuration still differs from the snapshot (${again.commands.length} commands would remain)`, { device: w.device, remaining: again.commands.slice(0, 20) });
        }
        const hash = configHash(w.platform, after);
        if (w.snapshotHash && hash !== w.snapshotHash) ctx.logger.debug({ device: w.device }, 'rolled back: equal to the snapshot by diff, not byte for byte');
      });
      if (w.saveStarted) {
        await ctx.journal.step({ ...id, phase: 'resave', detail: { why: 'the change had started saving this device: its startup configuration is restored too' } }, () => driver.save());
      }
      return { commands: back.commands.length };
    } catch (err) {
      last = err;
      const code = (err as { code?: string }).code ?? '';
      if (!isDriverError(err) || !TRANSIENT.has(code)) break;
      ctx.logger.warn({ device: w.device, attempt: attempt + 1, err: (err as Error).message }, 'rollback: device not reachable, retrying');
    }
  }
  throw last;
}

export async function rollbackDevices(ctx: StepContext, items: readonly DeviceWork[], concurrency: number): Promise<StepResult[]> {
  const out: StepResult[] = [];
  await runBounded(items, concurrency, async (w) => {
    await ctx.journal.setDevice(ctx.changeId, w.device, { status: 'rolling_back' });
    try {
      const r = await rollbackOne(ctx, w);
      await ctx.journal.setDevice(ctx.changeId, w.device, { status: 'rolled_back', saved: false, ...(w.saveStarted ? { saved: false } : {}) });
      out.push({ device: w.device, ok: true, detail: r });
    } catch (err) {
      const error = errorInfo(err);
      await ctx.journal.setDevice(ctx.changeId, w.device, { status: 'rollback_failed', error }).catch(() => undefined);
      out.push({ device: w.device, ok: false, error });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------- VRRP across devices

export interface GroupCheckResult {
  group: string;
  ok: boolean;
  /** True when a member could not be read: the group was not judged. */
  unverified?: boolean;
  master?: string;
  problem?: string;
  readers?: string[];
}

/**
 * Read every member of each group (through the sessions; members outside the change are opened
 * read-only) until mastership is as intended or the group's preemption delay plus the settle time
 * runs out. `expect` forces a master (a playbook's check).
 */
export async function readGroups(ctx: Pick<StepContext, 'sessions' | 'logger'>, groups: readonly VrrpCheck[], targets: ReadonlyMap<string, DeviceTarget>): Promise<Map<string, GroupReading[] | undefined>> {
  const out = new Map<string, GroupReading[] | undefined>();
  const state = new Map<string, DeviceState | null>();
  const devices = [...new Set(groups.flatMap((g) => g.members.map((m) => m.device)))];
  await runBounded(devices, 16, async (d) => {
    const t = targets.get(d);
    if (!t) { state.set(d, null); return; }
    try {
      const driver = await ctx.sessions.open(t);
      state.set(d, { vrrp: await driver.getVrrp(), lags: [] });
    } catch (err) {
      ctx.logger.warn({ device: d, err: (err as Error).message }, 'VRRP check: member not readable');
      state.set(d, null);
    }
  });
  for (const g of groups) {
    const readings: GroupReading[] = [];
    let complete = true;
    for (const m of g.members) {
      const s = state.get(m.device);
      if (!s) { complete = false; continue; }
      readings.push({ device: m.device, info: s.vrrp.find((v) => v.group === g.vrid && v.virtualIp === g.virtualIp) });
    }
    out.set(g.name, complete ? readings : undefined);
  }
  return out;
}

export async function checkGroups(
  ctx: StepContext, groups: readonly VrrpCheck[], targets: ReadonlyMap<string, DeviceTarget>,
  opts: { expectMaster?: ReadonlyMap<string, string> } = {},
): Promise<GroupCheckResult[]> {
  if (groups.length === 0) return [];
  const deadline = performance.now() + ctx.settleMs + Math.max(0, ...groups.map((g) => g.preemptDelayS)) * 1000;
  let pending = [...groups];
  const results = new Map<string, GroupCheckResult>();
  for (;;) {
    const readings = await readGroups(ctx, pending, targets);
    const still: VrrpCheck[] = [];
    for (const g of pending) {
      const r = readings.get(g.name);
      if (!r) { results.set(g.name, { group: g.name, ok: true, unverified: true }); continue; }
      let problem = mastershipProblem(g, r);
      const masters = r.filter((x) => x.info?.state === 'master').map((x) => x.device);
      const want = opts.expectMaster?.get(g.name);
      if (!problem && want && masters[0] !== want) problem = `VRRP group ${g.name}: ${masters[0] ?? 'no member'} is master, ${want} was expected`;
      results.set(g.name, { group: g.name, ok: !problem, ...(masters[0] ? { master: masters[0] } : {}), ...(problem ? { problem } : {}) });
      if (problem) still.push(g);
    }
    pending = still;
    if (pending.length === 0 || performance.now() >= deadline) break;
    await sleep(Math.max(ctx.pollMs, 200));
  }
  return groups.map((g) => results.get(g.name)!);
}
