/**
 * Confirm or roll back: a change applied with a confirmation deadline is live but unsaved and keeps
 * its devices reserved; confirmed, it is saved; not confirmed in time, it is rolled back, by
 * whichever engine runs after the deadline (the deadline is in the database, so it survives the
 * restart of the process that applied it). A completed change is rolled back as a new change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isChangeError } from '../../src/change/index.js';
import { type Rig, loadOf, provincial, startRig, withDescriptions } from './helpers.js';

const DEVICES = ['host-acc-1', 'host-agg-2'] as const;
let rig: Rig;
let round = 0;

beforeAll(async () => {
  rig = await startRig({ devices: DEVICES });
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

async function planTag(devices: readonly string[] = DEVICES): Promise<{ planId: number; tag: string }> {
  const tag = `confirm${++round}`;
  const plan = await rig.engine.plan({ load: loadOf(withDescriptions(provincial(), devices, tag)), selector: [...devices], actor: 'test', targetOverride: rig.targetOverride });
  return { planId: plan.id, tag };
}

const snapshot = () => Object.fromEntries(DEVICES.map((d) => [d, { running: rig.running(d), saved: rig.saved(d) }]));

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (isChangeError(err)) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('apply --confirm-within', () => {
  it('leaves the change live and unsaved, its devices reserved; confirm saves it', async () => {
    const before = snapshot();
    const { planId, tag } = await planTag();
    const change = await rig.engine.apply(planId, { actor: 'alice', message: 'with a safety net', confirmWithinMs: 60_000 });
    expect(change.status).toBe('awaiting_confirmation');
    expect(Date.parse(change.confirmDeadline!)).toBeGreaterThan(Date.now() + 50_000);
    for (const d of DEVICES) {
      expect(rig.running(d)).toContain(`${tag} ${d} 1`);
      expect(rig.saved(d)).toBe(before[d]!.saved);
    }
    // Reserved: another change on one of its devices is refused, naming the change.
    const other = await planTag(['host-acc-1']);
    const err = await refusal(rig.newEngine().apply(other.planId, { actor: 'bob', message: 'meanwhile', lockWaitMs: 0 }));
    expect(err.code).toBe('CHANGE_LOCKED');
    expect(err.message).toContain(`change ${change.id}, awaiting confirmation`);
    // Confirmed from another engine (another process would do the same).
    const confirmed = await rig.newEngine().confirm(change.id, { actor: 'carol', message: 'looks good' });
    expect(confirmed.status).toBe('completed');
    expect(confirmed.confirmedBy).toBe('carol');
    for (const d of DEVICES) expect(rig.saved(d)).toBe(rig.running(d));
    // The devices are free again: the other plan (made against the confirmed configuration) applies.
    expect((await rig.engine.apply(other.planId, { actor: 'bob', message: 'now', lockWaitMs: 0 })).status).toBe('completed');
  });

  it('not confirmed in time: the next engine to start (the first one gone) rolls it back', async () => {
    const before = snapshot();
    const { planId, tag } = await planTag();
    const a = rig.newEngine();
    const change = await a.apply(planId, { actor: 'alice', message: 'will not be confirmed', confirmWithinMs: 400 });
    expect(change.status).toBe('awaiting_confirmation');
    for (const d of DEVICES) expect(rig.running(d)).toContain(`${tag} ${d} 1`);
    await a.close(); // the process that applied is gone; nothing of it remains but the database
    await new Promise((r) => setTimeout(r, 500));
    const b = rig.newEngine();
    const report = await b.recover();
    expect(report.expired).toEqual([change.id]);
    const after = await b.getChange(change.id, { steps: true });
    expect(after.status).toBe('rolled_back');
    expect(after.error?.code).toBe('CHANGE_CONFIRM_EXPIRED');
    expect(after.steps!.some((s) => s.phase === 'expire')).toBe(true);
    for (const d of DEVICES) {
      expect(rig.running(d)).toBe(before[d]!.running);
      expect(rig.saved(d)).toBe(before[d]!.saved);
    }
    // A confirmation now is too late.
    expect((await refusal(b.confirm(change.id, { actor: 'alice' }))).code).toBe('CHANGE_CONFIRM_EXPIRED');
  });

  it('a process watching deadlines rolls back on time; rollback before the deadline aborts at once', async () => {
    const before = snapshot();
    const first = await planTag();
    const watcher = rig.newEngine();
    watcher.watchDeadlines(50);
    const c1 = await rig.engine.apply(first.planId, { actor: 'alice', message: 'watched', confirmWithinMs: 300 });
    const done = await watcher.waitForOutcome(c1.id, { timeoutMs: 20_000 });
    expect(done.status).toBe('rolled_back');
    for (const d of DEVICES) expect(rig.running(d)).toBe(before[d]!.running);
    await watcher.close();

    const second = await planTag();
    const c2 = await rig.engine.apply(second.planId, { actor: 'alice', message: 'aborted', confirmWithinMs: 60_000 });
    const aborted = await rig.engine.rollback(c2.id, { actor: 'alice', message: 'changed my mind' });
    expect(aborted.status).toBe('rolled_back');
    for (const d of DEVICES) {
      expect(rig.running(d)).toBe(before[d]!.running);
      expect(rig.saved(d)).toBe(before[d]!.saved);
    }
  });
});

describe('rollback of a completed change', () => {
  it('restores its snapshots as a new, planned and verified change', async () => {
    const before = snapshot();
    const { planId, tag } = await planTag();
    const change = await rig.engine.apply(planId, { actor: 'alice', message: 'to be undone' });
    expect(change.status).toBe('completed');
    for (const d of DEVICES) expect(rig.saved(d)).toContain(`${tag} ${d} 1`);
    const undo = await rig.engine.rollback(change.id, { actor: 'alice', message: 'undo it' });
    expect(undo.status).toBe('completed');
    expect(undo.id).not.toBe(change.id);
    const plan = await rig.engine.getPlan(undo.planId);
    expect(plan.kind).toBe('rollback');
    expect(plan.sourceChangeId).toBe(change.id);
    expect(plan.devices.every((d) => d.status === 'changed' && d.unifiedDiff.includes(`-  description ${tag}`) || d.unifiedDiff.includes(`- description ${tag}`))).toBe(true);
    for (const d of DEVICES) {
      expect(rig.running(d)).toBe(before[d]!.running);
      expect(rig.saved(d)).toBe(before[d]!.saved);
    }
    // A change that is not completed is not rolled back as a new change.
    expect((await refusal(rig.engine.rollback(undo.id + 1000, { actor: 'alice', message: 'nothing' }))).code).toBe('CHANGE_UNKNOWN_CHANGE');
  });
});
