/**
 * Plan and apply against the lab (three provincial-dc hosting devices: a Huawei S9303 and a Ruijie
 * S5750 forming a VRRP pair, and a Huawei access switch): the plan as stored, the apply with
 * verification and save, the order, the journal and the audit, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isChangeError, type ChangeError } from '../../src/change/index.js';
import { listAudit, schema } from '../../src/db/index.js';
import { planDiff, renderDevice } from '../../src/render/index.js';
import { type Rig, loadOf, provincial, startRig, withDescriptions } from './helpers.js';

const DEVICES = ['host-agg-1', 'host-agg-2', 'host-acc-1'];
let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ devices: DEVICES });
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

async function caughtChange(p: Promise<unknown>): Promise<ChangeError> {
  try {
    await p;
  } catch (err) {
    if (isChangeError(err)) return err;
    throw err;
  }
  throw new Error('expected a ChangeError');
}

describe('plan', () => {
  it('reads the running configurations, diffs against the intended ones and stores the plan', async () => {
    const topology = withDescriptions(provincial(), ['host-agg-1', 'host-agg-2'], 'plan-test');
    const plan = await rig.engine.plan({ load: loadOf(topology), selector: 'zone:hosting', actor: 'test', targetOverride: rig.targetOverride, concurrency: 8 });
    // Devices of the zone outside the lab's `only` set cannot be reached: recorded as failed, the others planned.
    const byName = new Map(plan.devices.map((d) => [d.device, d]));
    expect(byName.get('host-agg-1')!.status).toBe('changed');
    expect(byName.get('host-agg-2')!.status).toBe('changed');
    expect(byName.get('host-acc-1')!.status).toBe('unchanged');
    expect(byName.get('host-acc-2')!.status).toBe('failed');
    expect(byName.get('host-acc-2')!.error?.code).toBe('DRIVER_CONNECT');
    expect(plan.validation.ok).toBe(true);
    expect(plan.topologyRevisionId).toBeGreaterThan(0);
    const agg1 = byName.get('host-agg-1')!;
    expect(agg1.unifiedDiff).toContain('+ description plan-test host-agg-1 1');
    expect(agg1.commands[0]).toBe('system-view');
    expect(agg1.rollback.length).toBeGreaterThan(0);
    // Backup (host-agg-2, priority 100) before master (host-agg-1, 120), both aggregation.
    expect(byName.get('host-agg-2')!.seq).toBeLessThan(agg1.seq);
    expect(byName.get('host-agg-2')!.wave).toBeLessThan(agg1.wave);
    // Stored: the same plan comes back by id.
    const again = await rig.engine.getPlan(plan.id);
    expect(again.devices.map((d) => [d.device, d.status])).toEqual(plan.devices.map((d) => [d.device, d.status]));
  });

  it('an apply of a plan with unreachable devices is refused, naming them', async () => {
    const topology = withDescriptions(provincial(), ['host-agg-1'], 'incomplete');
    const plan = await rig.engine.plan({ load: loadOf(topology), selector: 'host-agg-1 host-acc-2', actor: 'test', targetOverride: rig.targetOverride });
    const err = await caughtChange(rig.engine.apply(plan.id, { actor: 'test', message: 'should be refused' }));
    expect(err.code).toBe('CHANGE_PLAN_INCOMPLETE');
    expect(err.message).toContain('host-acc-2');
    expect((await rig.engine.getChange(Number(err.details!.changeId))).status).toBe('refused');
    expect(planDiff({ platform: 'huawei-vrp', running: rig.running('host-agg-1'), intended: renderDevice(provincial(), 'host-agg-1') }).changed).toBe(false);
  });

  it('a bad selector names the problem', async () => {
    const err = await caughtChange(rig.engine.plan({ load: loadOf(provincial()), selector: 'zone:nowhere layer:core', actor: 'test' }));
    expect(err.code).toBe('CHANGE_SELECTOR');
    expect(err.message).toContain('zone:nowhere');
  });
});

describe('apply', () => {
  it('applies, verifies and saves every device, in order, journaled and audited', async () => {
    const topology = withDescriptions(provincial(), DEVICES, 'apply-test');
    const plan = await rig.engine.plan({ load: loadOf(topology), selector: DEVICES, actor: 'test', targetOverride: rig.targetOverride });
    expect(plan.summary.changed).toBe(3);
    const change = await rig.engine.apply(plan.id, { actor: 'alice', message: 'new port descriptions', concurrency: 4 });
    expect(change.status).toBe('completed');
    for (const d of DEVICES) {
      const intended = renderDevice(topology, d);
      const platform = d === 'host-agg-2' ? 'ruijie-rgos' : 'huawei-vrp';
      expect(planDiff({ platform, running: rig.running(d), intended }).changed, d).toBe(false);
      expect(rig.saved(d)).toBe(rig.running(d));
      expect(rig.running(d)).toContain(`apply-test ${d} 1`);
    }
    const view = await rig.engine.getChange(change.id, { steps: true });
    expect(view.devices.every((d) => d.status === 'saved' && d.saved)).toBe(true);
    // The journal: every device snapshotted, applied, read back and saved; access first, master last.
    const steps = view.steps!;
    for (const d of DEVICES) {
      const phases = steps.filter((s) => s.device === d).map((s) => `${s.phase}:${s.status}`);
      expect(phases).toContain('snapshot:ok');
      expect(phases).toContain('apply:ok');
      expect(phases).toContain('readback:ok');
      expect(phases).toContain('save:ok');
    }
    const applyStart = (d: string) => steps.find((s) => s.device === d && s.phase === 'apply')!.id;
    expect(applyStart('host-acc-1')).toBeLessThan(applyStart('host-agg-2'));
    expect(applyStart('host-agg-2')).toBeLessThan(applyStart('host-agg-1'));
    const firstApply = Math.min(...DEVICES.map(applyStart));
    for (const d of DEVICES) expect(steps.find((s) => s.device === d && s.phase === 'snapshot')!.id).toBeLessThan(firstApply);
    expect(steps.find((s) => s.phase === 'verify')?.status).toBe('ok');
    // Audit: who, why, the diffs.
    const audit = await listAudit(rig.database.db, { subjectType: 'change', subjectId: String(change.id) });
    const start = audit.find((a) => a.action === 'change.apply')!;
    expect(start.actor).toBe('alice');
    expect((start.after as { message: string }).message).toBe('new port descriptions');
    expect((start.after as { diffs: Record<string, string> }).diffs['host-agg-1']).toContain('apply-test host-agg-1 1');
    expect(audit.some((a) => a.action === 'change.completed')).toBe(true);
    // No secret in anything stored about the change.
    const stored = JSON.stringify([
      await rig.database.db.select().from(schema.changeSteps), await rig.database.db.select().from(schema.changeDevices),
      await rig.database.db.select().from(schema.changePlanDevices),
    ]);
    // Neither the values nor the lab's cipher forms of them (base64 of the value inside %^%#...%^%#).
    for (const v of ['change-test-pass', 'change-test-community', 'change-test-auth', 'change-test-priv']) {
      expect(stored).not.toContain(v);
      expect(stored).not.toContain(Buffer.from(v).toString('base64url').slice(0, 16));
    }
    expect(stored).not.toMatch(/%\^%#|\$1c\$/);
  });

  it('a plan made against a configuration that changed since is refused, naming the device; nothing is changed', async () => {
    const topology = withDescriptions(provincial(), ['host-acc-1', 'host-agg-1'], 'stale');
    const plan = await rig.engine.plan({ load: loadOf(topology), selector: ['host-acc-1', 'host-agg-1'], actor: 'test', targetOverride: rig.targetOverride });
    // Someone changes host-agg-1 by hand after the plan.
    const other = withDescriptions(provincial(), ['host-agg-1'], 'by-hand', 1);
    const manual = await rig.engine.plan({ load: loadOf(other), selector: 'host-agg-1', actor: 'test', targetOverride: rig.targetOverride });
    await rig.engine.apply(manual.id, { actor: 'bob', message: 'by hand' });
    const before = { acc: rig.running('host-acc-1'), agg: rig.running('host-agg-1') };
    const err = await caughtChange(rig.engine.apply(plan.id, { actor: 'test', message: 'stale plan' }));
    expect(err.code).toBe('CHANGE_DRIFT');
    expect(err.message).toContain('host-agg-1');
    expect(err.message).not.toContain('host-acc-1');
    expect(rig.running('host-acc-1')).toBe(before.acc);
    expect(rig.running('host-agg-1')).toBe(before.agg);
    // Forced: the drifted device's commands are recomputed against what it runs now.
    const forced = await rig.engine.apply(plan.id, { actor: 'test', message: 'forced', force: true });
    expect(forced.status).toBe('completed');
    expect(planDiff({ platform: 'huawei-vrp', running: rig.running('host-agg-1'), intended: renderDevice(topology, 'host-agg-1') }).changed).toBe(false);
  });

  it('refuses an apply without a message', async () => {
    const plan = await rig.engine.plan({ load: loadOf(provincial()), selector: 'host-acc-1', actor: 'test', targetOverride: rig.targetOverride });
    expect((await caughtChange(rig.engine.apply(plan.id, { actor: 'test', message: '  ' }))).code).toBe('CHANGE_MESSAGE_REQUIRED');
  });
});
