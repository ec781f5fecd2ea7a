/**
 * The change engine across processes, on the real PostgreSQL server (a throwaway database):
 *  - SIGKILL: an apply runs in a child process that is killed at random points (a seeded choice
 *    among the events a whole apply emits); the next start (this process) reconciles: every device
 *    back to its snapshot, or forward when every device had been applied and verified; the journal
 *    says so; the same plan then applies;
 *  - two applies from two processes on overlapping devices: one waits (and then finds the device
 *    changed under it) or is refused; their steps on the shared device never interleave.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChangeEvent } from '../../src/change/index.js';
import { ENV, ROOT, type Rig, loadOf, openPostgres, provincial, startRig, throwawayPostgres, withDescriptions } from './helpers.js';

const DEVICES = ['host-acc-1', 'host-agg-2', 'host-agg-1'] as const;
const CHILD = join(ROOT, 'tests/change/fixtures/apply-child.ts');

let rig: Rig;
let db: Awaited<ReturnType<typeof throwawayPostgres>>;

beforeAll(async () => {
  db = await throwawayPostgres();
  const t0 = Date.now();
  rig = await startRig({ devices: DEVICES, database: () => openPostgres(db.url), lab: { clock: () => t0 + (Date.now() - t0) * 50 } });
  // A little latency per command stretches an apply so that kills land in every phase.
  for (const d of DEVICES) rig.lab.network.device(d).setFaults({ latencyMs: 15 });
}, 60_000);

afterAll(async () => {
  await rig?.close();
  await db?.drop();
});

type Line = ChangeEvent | { type: 'result'; changeId: number; status: string } | { type: 'error'; code: string; message: string; changeId: number | null };

interface Child {
  proc: ChildProcess;
  lines: Line[];
  /** Resolves with the first line matching, or the exit. */
  waitFor(pred: (l: Line, index: number) => boolean): Promise<Line | undefined>;
  exited: Promise<number | null>;
}

function spawnApply(cfg: { planId: number; message: string; lockWaitMs?: number; force?: boolean }): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ url: db.url, env: ENV, ...cfg })], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  const waiters: { pred: (l: Line, i: number) => boolean; resolve: (l: Line | undefined) => void }[] = [];
  let buf = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const text = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Line;
      lines.push(line);
      for (const w of [...waiters]) if (w.pred(line, lines.length)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
    }
  });
  let stderr = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (c: string) => { stderr += c; });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => {
    for (const w of waiters.splice(0)) w.resolve(undefined);
    if (code !== 0 && code !== null && stderr) console.error(stderr.slice(-2000));
    resolve(code);
  }));
  return {
    proc, lines, exited,
    waitFor: (pred) => {
      const hit = lines.findIndex((l, i) => pred(l, i + 1));
      if (hit >= 0) return Promise.resolve(lines[hit]);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

/** A small seeded PRNG (mulberry32): the kill points are random but reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let round = 0;
async function planTag(devices: readonly string[]): Promise<{ planId: number; tag: string }> {
  const tag = `proc${++round}`;
  const plan = await rig.engine.plan({ load: loadOf(withDescriptions(provincial(), devices, tag)), selector: [...devices], actor: 'test', targetOverride: rig.targetOverride });
  expect(plan.summary.changed).toBe(devices.length);
  return { planId: plan.id, tag };
}

describe('SIGKILL of the process applying a change', () => {
  const SEED = Number(process.env.DCNET_KILL_SEED ?? 20240613);
  let fullRun = 0;

  it('a whole apply in a child process completes (and counts its events)', async () => {
    const { planId, tag } = await planTag(DEVICES);
    const child = spawnApply({ planId, message: 'calibration' });
    expect(await child.exited).toBe(0);
    const result = child.lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', status: 'completed' });
    fullRun = child.lines.filter((l) => l.type === 'step').length;
    expect(fullRun).toBeGreaterThan(20);
    for (const d of DEVICES) expect(rig.running(d)).toContain(`${tag} ${d} 1`);
  }, 120_000);

  const random = prng(SEED);
  const points = [0.1, 0.4, 0.7, 0.95].map((base) => base + (random() - 0.5) * 0.1);
  it.each(points.map((p, i) => [i + 1, p] as const))('kill %i (at %f of the apply): the next start reconciles', async (_i, fraction) => {
    expect(fullRun).toBeGreaterThan(0);
    const before = Object.fromEntries(DEVICES.map((d) => [d, { running: rig.running(d), saved: rig.saved(d) }]));
    const { planId, tag } = await planTag(DEVICES);
    const killAt = Math.max(1, Math.min(fullRun - 1, Math.round(fraction * fullRun)));
    const child = spawnApply({ planId, message: `killed after step event ${killAt}` });
    let steps = 0;
    const hit = await child.waitFor((l) => l.type === 'step' && ++steps >= killAt);
    expect(hit, 'the child ran until the kill point').toBeDefined();
    child.proc.kill('SIGKILL');
    await child.exited;
    const changeId = (child.lines.find((l) => l.type === 'change') as { changeId: number }).changeId;
    const left = await rig.engine.getChange(changeId);
    if (left.status === 'completed') {
      // The kill landed after the child had finished (it runs on while the signal travels): nothing to reconcile.
      expect(child.lines.some((l) => l.type === 'change' && l.status === 'completed')).toBe(true);
      for (const d of DEVICES) expect(rig.saved(d)).toContain(`${tag} ${d} 1`);
      expect((await rig.newEngine().recover()).reconciled.find((r) => r.changeId === changeId)).toBeUndefined();
      return;
    }
    expect(['pending', 'preflight', 'applying', 'verifying', 'saving', 'rolling_back']).toContain(left.status);

    // The next start.
    const engine = rig.newEngine();
    const report = await engine.recover();
    const rec = report.reconciled.find((r) => r.changeId === changeId);
    expect(rec, JSON.stringify(report)).toBeDefined();
    const after = await engine.getChange(changeId, { steps: true });
    expect(after.status).toBe(rec!.to);
    expect(after.steps!.some((s) => s.phase === 'reconcile')).toBe(true);
    if (after.status === 'completed') {
      // Forward: every device had been applied and verified when the process died (it was saving).
      expect(left.status).toBe('saving');
      for (const d of DEVICES) {
        expect(rig.running(d)).toContain(`${tag} ${d} 1`);
        expect(rig.saved(d)).toBe(rig.running(d));
      }
    } else {
      expect(['rolled_back', 'failed']).toContain(after.status);
      for (const d of DEVICES) {
        expect(rig.running(d), `${d} running`).toBe(before[d]!.running);
        expect(rig.saved(d), `${d} saved`).toBe(before[d]!.saved);
      }
      // The same plan applies now.
      const again = await engine.apply(planId, { actor: 'test', message: 'after the kill' });
      expect(again.status).toBe('completed');
      for (const d of DEVICES) expect(rig.running(d)).toContain(`${tag} ${d} 1`);
    }
  }, 120_000);
});

describe('two applies from two processes on overlapping devices', () => {
  it('the second waits for the first, then finds the shared device changed and is refused; nothing interleaves', async () => {
    const a = await planTag(['host-acc-1', 'host-agg-2']);
    const b = await planTag(['host-agg-2', 'host-agg-1']);
    const first = spawnApply({ planId: a.planId, message: 'first', lockWaitMs: 60_000 });
    await first.waitFor((l) => l.type === 'step' && l.phase === 'lock' && l.state === 'ok');
    const second = spawnApply({ planId: b.planId, message: 'second', lockWaitMs: 60_000 });
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    expect(first.lines.at(-1)).toMatchObject({ type: 'result', status: 'completed' });
    const refused = second.lines.at(-1) as { type: string; code: string; message: string; changeId: number };
    expect(refused).toMatchObject({ type: 'error', code: 'CHANGE_DRIFT' });
    expect(refused.message).toContain('host-agg-2');
    // The second's lock step ended only after the first had finished; it sent no command.
    const one = await rig.engine.getChange((first.lines.at(-1) as { changeId: number }).changeId, { steps: true });
    const two = await rig.engine.getChange(refused.changeId, { steps: true });
    const lastOfFirst = Math.max(...one.steps!.map((s) => Date.parse(s.startedAt) + (s.durationMs ?? 0)));
    const lock = two.steps!.find((s) => s.phase === 'lock')!;
    expect(lock.status).toBe('ok');
    expect(Date.parse(lock.startedAt) + lock.durationMs!).toBeGreaterThanOrEqual(lastOfFirst - 5);
    expect(two.steps!.some((s) => s.phase === 'apply')).toBe(false);
    expect(rig.running('host-agg-2')).toContain(`${a.tag} host-agg-2 1`);
    expect(rig.running('host-agg-1')).not.toContain(b.tag);
  }, 120_000);

  it('forced, the second waits, then applies after the first: their steps on the shared device do not interleave', async () => {
    const a = await planTag(['host-acc-1', 'host-agg-2']);
    const b = await planTag(['host-agg-2', 'host-agg-1']);
    const first = spawnApply({ planId: a.planId, message: 'first', lockWaitMs: 60_000 });
    await first.waitFor((l) => l.type === 'step' && l.phase === 'lock' && l.state === 'ok');
    const second = spawnApply({ planId: b.planId, message: 'second, forced', lockWaitMs: 60_000, force: true });
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    expect(second.lines.at(-1)).toMatchObject({ type: 'result', status: 'completed' });
    const one = await rig.engine.getChange((first.lines.at(-1) as { changeId: number }).changeId, { steps: true });
    const two = await rig.engine.getChange((second.lines.at(-1) as { changeId: number }).changeId, { steps: true });
    const span = (steps: NonNullable<typeof one.steps>, device: string) => {
      const mine = steps.filter((s) => s.device === device);
      return [Math.min(...mine.map((s) => Date.parse(s.startedAt))), Math.max(...mine.map((s) => Date.parse(s.startedAt) + (s.durationMs ?? 0)))] as const;
    };
    const [, endOne] = span(one.steps!, 'host-agg-2');
    const [startTwo] = span(two.steps!, 'host-agg-2');
    expect(startTwo).toBeGreaterThanOrEqual(endOne - 5);
    expect(rig.running('host-agg-2')).toContain(`${b.tag} host-agg-2 1`);
    expect(rig.running('host-agg-1')).toContain(`${b.tag} host-agg-1 1`);
  }, 120_000);

  it('without waiting, the second is refused at once, naming the device and the change holding it (a canary on hold here)', async () => {
    const a = await planTag(['host-acc-1', 'host-agg-2']);
    const b = await planTag(['host-agg-2']);
    let gate: (ChangeEvent & { type: 'gate' }) | undefined;
    const off = rig.engine.on((e) => { if (e.type === 'gate') gate = e; });
    const applying = rig.engine.apply(a.planId, { actor: 'test', message: 'canary first', canary: 1 });
    while (!gate) await new Promise((r) => setTimeout(r, 50));
    off();
    expect(gate.devices).toEqual(['host-acc-1']);
    expect(rig.running('host-acc-1')).toContain(`${a.tag} host-acc-1 1`);
    expect(rig.running('host-agg-2')).not.toContain(a.tag);
    const second = spawnApply({ planId: b.planId, message: 'second', lockWaitMs: 0 });
    expect(await second.exited).toBe(0);
    const refused = second.lines.at(-1) as { type: string; code: string; message: string };
    expect(refused).toMatchObject({ type: 'error', code: 'CHANGE_LOCKED' });
    expect(refused.message).toContain('host-agg-2');
    expect(refused.message).toContain(`change ${gate.changeId}`);
    // The go-ahead (from any process: here the engine's confirm) lets the canary's change go on.
    await rig.engine.confirm(gate.changeId, { actor: 'test', message: 'canary looks fine' });
    expect((await applying).status).toBe('completed');
    expect(rig.running('host-agg-2')).toContain(`${a.tag} host-agg-2 1`);
  }, 120_000);
});
