/**
 * The fault matrix: each fault injected at each phase on one device of a three-device change
 * (host-acc-1, Huawei access, wave 1; host-agg-2, Ruijie aggregation VRRP backup, wave 2;
 * host-agg-1, Huawei aggregation VRRP master, wave 3). Faults are set in the lab at the moment the
 * engine journals the start of the phase on the target (its events), and what the lab itself holds
 * is checked afterwards:
 *  - every device's running configuration is its pre-change one, and its saved one too (nothing
 *    rolled back stays saved), read from the lab's state, not through a driver;
 *  - the journal tells the story: the failed step on the target, a verified rollback for every
 *    device touched, nothing for those never touched;
 *  - once the fault is cleared, the same plan applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ChangeEvent, type ChangeView, isChangeError, type Phase } from '../../src/change/index.js';
import type { DeviceFaults } from '../../src/lab/state/index.js';
import { type Rig, loadOf, provincial, startRig, withDescriptions } from './helpers.js';

const DEVICES = ['host-acc-1', 'host-agg-2', 'host-agg-1'] as const;
type Dev = (typeof DEVICES)[number];
const READ: Record<Dev, string> = { 'host-acc-1': 'display current-configuration', 'host-agg-2': 'show running-config', 'host-agg-1': 'display current-configuration' };
const SAVE: Record<Dev, string> = { 'host-acc-1': 'save', 'host-agg-2': 'write', 'host-agg-1': 'save' };

let rig: Rig;
let round = 0;

beforeAll(async () => {
  // The lab's clock runs 50 times faster: a rebooted VRRP master takes its mastership back after its
  // 20 s preemption delay in 0.4 s (the verification waits for it).
  const t0 = Date.now();
  rig = await startRig({
    devices: DEVICES, lab: { clock: () => t0 + (Date.now() - t0) * 50 },
    engine: { timeouts: { commandMs: 700, connectMs: 3_000, loginMs: 3_000 }, rollbackRetryMs: [150, 300] },
  });
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

interface Ctx {
  target: Dev;
  /** The target's commands in the plan (configuration commands, in order). */
  commands: string[];
  fault(f: Partial<DeviceFaults>): void;
  reboot(): void;
}

interface Case {
  name: string;
  target: Dev;
  /** The phase on the target whose start injects the fault (undefined: before the change). */
  phase?: Phase;
  inject(c: Ctx): void;
  /** Clear the fault when the rollback starts (a transient fault); default true. */
  transient?: boolean;
  /** The outcome of the apply. */
  outcome: 'failed' | 'rolled_back' | 'rollback_failed';
  /** The step expected to fail on the target. */
  failedPhase: Phase;
  code: RegExp;
}

/** The k-th configuration line of the target's commands (not entering/leaving configuration mode). */
const kth = (c: Ctx, k: number): string => c.commands.filter((x) => !/^(system-view|configure terminal|return|end)$/.test(x.trim()))[k - 1]!.trim();

const CASES: Case[] = [
  // ---- preflight: nothing may be changed anywhere
  { name: 'refused login before the change', target: 'host-agg-2', inject: (c) => c.fault({ refuseAuth: true }), outcome: 'failed', failedPhase: 'snapshot', code: /DRIVER_AUTH/ },
  { name: 'changed host key before the change', target: 'host-agg-1', inject: (c) => c.fault({ altHostKey: true }), outcome: 'failed', failedPhase: 'snapshot', code: /DRIVER_HOST_KEY_CHANGED/ },
  { name: 'timeout reading the snapshot', target: 'host-acc-1', phase: 'snapshot', inject: (c) => c.fault({ latencyMs: 1_500 }), outcome: 'failed', failedPhase: 'snapshot', code: /DRIVER_TIMEOUT/ },
  { name: 'connection dropped reading the snapshot', target: 'host-agg-2', phase: 'snapshot', inject: (c) => c.fault({ dropOnCommands: [READ[c.target]] }), outcome: 'failed', failedPhase: 'snapshot', code: /DRIVER_DISCONNECTED/ },
  { name: 'snapshot read rejected', target: 'host-agg-1', phase: 'snapshot', inject: (c) => c.fault({ rejectCommands: [READ[c.target]] }), outcome: 'failed', failedPhase: 'snapshot', code: /DRIVER_COMMAND_REJECTED/ },
  // ---- apply
  { name: 'connection dropped at the 3rd command', target: 'host-agg-2', phase: 'apply', inject: (c) => c.fault({ dropOnCommands: [kth(c, 3)] }), outcome: 'rolled_back', failedPhase: 'apply', code: /DRIVER_DISCONNECTED/ },
  { name: 'command rejected at the 2nd command', target: 'host-agg-1', phase: 'apply', inject: (c) => c.fault({ rejectCommands: [kth(c, 2)] }), outcome: 'rolled_back', failedPhase: 'apply', code: /DRIVER_COMMAND_REJECTED/ },
  { name: 'timeout during the apply', target: 'host-acc-1', phase: 'apply', inject: (c) => c.fault({ latencyMs: 1_500 }), outcome: 'rolled_back', failedPhase: 'apply', code: /DRIVER_TIMEOUT/ },
  {
    name: 'dropped at the 2nd command, then logins refused until cleared', target: 'host-agg-1', phase: 'apply', transient: false,
    inject: (c) => c.fault({ dropOnCommands: [kth(c, 2)], refuseAuth: true }), outcome: 'rollback_failed', failedPhase: 'apply', code: /DRIVER_DISCONNECTED/,
  },
  {
    name: 'dropped at the 3rd command, then a changed host key until cleared', target: 'host-agg-2', phase: 'apply', transient: false,
    inject: (c) => c.fault({ dropOnCommands: [kth(c, 3)], altHostKey: true }), outcome: 'rollback_failed', failedPhase: 'apply', code: /DRIVER_DISCONNECTED/,
  },
  // ---- read back and verification
  { name: 'connection dropped reading back', target: 'host-agg-1', phase: 'readback', inject: (c) => c.fault({ dropOnCommands: [READ[c.target]] }), outcome: 'rolled_back', failedPhase: 'readback', code: /DRIVER_DISCONNECTED/ },
  { name: 'timeout reading back', target: 'host-agg-2', phase: 'readback', inject: (c) => c.fault({ latencyMs: 1_500 }), outcome: 'rolled_back', failedPhase: 'readback', code: /DRIVER_TIMEOUT/ },
  // ---- save
  { name: 'device reboots before its save', target: 'host-agg-1', phase: 'save', inject: (c) => c.reboot(), outcome: 'rolled_back', failedPhase: 'save', code: /DRIVER_DISCONNECTED|DRIVER_CLOSED/ },
  { name: 'connection dropped right after the save ran', target: 'host-acc-1', phase: 'save', inject: (c) => c.fault({ dropOnCommands: [SAVE[c.target]] }), outcome: 'rolled_back', failedPhase: 'save', code: /DRIVER_DISCONNECTED/ },
  { name: 'save rejected', target: 'host-agg-2', phase: 'save', inject: (c) => c.fault({ rejectCommands: [SAVE[c.target]] }), outcome: 'rolled_back', failedPhase: 'save', code: /DRIVER_SAVE/ },
];

const CLEAR: Partial<DeviceFaults> = { latencyMs: undefined, dropOnCommands: undefined, rejectCommands: undefined, refuseAuth: undefined, altHostKey: undefined };

describe('fault matrix', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    round++;
    const topology = withDescriptions(provincial(), DEVICES, `fault${round}`);
    const plan = await rig.engine.plan({ load: loadOf(topology), selector: [...DEVICES], actor: 'test', targetOverride: rig.targetOverride });
    expect(plan.summary.changed).toBe(3);
    const commands = plan.devices.find((d) => d.device === c.target)!.commands;
    const before = Object.fromEntries(DEVICES.map((d) => [d, { running: rig.running(d), saved: rig.saved(d) }]));
    const labDevice = rig.lab.network.device(c.target);
    const ctx: Ctx = { target: c.target, commands, fault: (f) => labDevice.setFaults(f), reboot: () => rig.lab.network.reboot(c.target) };

    let injected = false;
    const off = rig.engine.on((e: ChangeEvent) => {
      if (!injected && c.phase && e.type === 'step' && e.state === 'start' && e.device === c.target && e.phase === c.phase) {
        injected = true;
        c.inject(ctx);
      }
      if (e.type === 'change' && e.status === 'rolling_back' && c.transient !== false) labDevice.setFaults(CLEAR);
    });
    if (!c.phase) { injected = true; c.inject(ctx); }
    let change: ChangeView;
    try {
      await rig.engine.apply(plan.id, { actor: 'test', message: `fault matrix: ${c.name}` });
      throw new Error('the apply should have failed');
    } catch (err) {
      if (!isChangeError(err)) throw err;
      expect(err.message).toMatch(c.code);
      change = await rig.engine.getChange(Number(err.details!.changeId), { steps: true });
    } finally {
      off();
    }
    expect(injected).toBe(true);
    expect(change.status).toBe(c.outcome);
    const steps = change.steps!;
    const failedStep = steps.find((s) => s.device === c.target && s.status === 'failed');
    expect(failedStep?.phase).toBe(c.failedPhase);
    expect(JSON.stringify(failedStep?.error)).toMatch(c.code);

    if (c.outcome === 'rollback_failed') {
      // The target could not be reached: the journal names it; it stays reserved to the change.
      expect(change.devices.find((d) => d.device === c.target)!.status).toBe('rollback_failed');
      expect(change.error?.message).toContain(c.target);
      labDevice.setFaults(CLEAR);
      const report = await rig.engine.recover();
      expect(report.reconciled).toContainEqual({ changeId: change.id, from: 'rollback_failed', to: 'rolled_back' });
      change = await rig.engine.getChange(change.id, { steps: true });
      expect(change.status).toBe('rolled_back');
    } else {
      labDevice.setFaults(CLEAR);
    }

    // The lab's own state: every device as before the change, running and saved.
    for (const d of DEVICES) {
      expect(rig.running(d), `${d} running`).toBe(before[d]!.running);
      expect(rig.saved(d), `${d} saved`).toBe(before[d]!.saved);
    }
    // The journal: rolled back and verified where touched; never applied where not reached.
    const touched = new Set(change.steps!.filter((s) => s.phase === 'apply').map((s) => s.device));
    for (const d of DEVICES) {
      const phases = change.steps!.filter((s) => s.device === d).map((s) => `${s.phase}:${s.status}`);
      if (touched.has(d)) {
        expect(phases, d).toContain('rollback-verify:ok');
        expect(change.devices.find((x) => x.device === d)!.status, d).toBe('rolled_back');
      } else {
        expect(phases.some((p) => p.startsWith('rollback')), d).toBe(false);
      }
    }
    if (c.outcome === 'failed') expect(touched.size).toBe(0);
    else expect(touched.has(c.target)).toBe(true);
    // A device whose save had started was saved again once rolled back: its startup configuration is the old one.
    for (const d of DEVICES) {
      const saveStarted = change.steps!.some((s) => s.device === d && s.phase === 'save');
      expect(change.steps!.some((s) => s.device === d && s.phase === 'resave' && s.status === 'ok'), `${d} re-saved`).toBe(saveStarted);
    }
    if (c.failedPhase === 'save') expect(change.steps!.filter((s) => s.phase === 'resave').length).toBeGreaterThan(0);

    // Cleared: the same plan applies.
    const again = await rig.engine.apply(plan.id, { actor: 'test', message: `fault matrix: ${c.name}, fault cleared` });
    expect(again.status).toBe('completed');
    for (const d of DEVICES) expect(rig.running(d)).toContain(`fault${round} ${d} 1`);
  }, 60_000);
});
