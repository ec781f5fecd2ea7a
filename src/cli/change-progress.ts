/**
 * Live progress of a change on the command line: on a terminal, one line per device that listr2
 * redraws as the device moves through its phases; otherwise (a pipe, CI) one plain line per event.
 * Both are driven by the change engine's events (the same ones the API's event stream carries).
 * Progress goes to stderr; results to stdout.
 */
import { Listr, type ListrTask } from 'listr2';

import type { ChangeEvent } from '../change/index.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

const time = (iso: string): string => iso.slice(11, 19);

/** One plain line for an event (what a log collector sees). */
export function formatEvent(e: ChangeEvent): string | undefined {
  switch (e.type) {
    case 'plan':
      return e.state === 'start' ? undefined : `${time(e.at)} plan ${e.device}: ${e.state}${e.error ? ` (${e.error.code}: ${e.error.message})` : ''}`;
    case 'change':
      return `${time(e.at)} change ${e.changeId}: ${e.status.replace(/_/g, ' ')}${e.deadline ? ` (confirm before ${e.deadline})` : ''}${e.error ? ` (${e.error.code}: ${e.error.message})` : ''}`;
    case 'step':
      if (e.state === 'start') return undefined;
      return `${time(e.at)} change ${e.changeId} ${e.device ?? '*'} ${e.phase}: ${e.state}${e.ms !== undefined ? ` (${e.ms} ms)` : ''}${e.error ? ` ${e.error.code}: ${e.error.message}` : ''}`;
    case 'gate':
      return `${time(e.at)} change ${e.changeId}: ${e.message}`;
    case 'playbook':
      return `${time(e.at)} playbook run ${e.runId} step ${e.step} (${e.action}): ${e.state}${e.error ? ` ${e.error.code}: ${e.error.message}` : ''}`;
  }
}

export interface Progress {
  listener(e: ChangeEvent): void;
  /** Wait for the display to finish drawing. */
  stop(): Promise<void>;
}

/** Plain lines on stderr. */
export function plainProgress(io: Io): Progress {
  return {
    listener: (e) => { const line = formatEvent(e); if (line) io.err(line); },
    stop: async () => undefined,
  };
}

const FINAL_DEVICE = new Set(['saved', 'rolled back', 'failed', 'rollback failed', 'unchanged', 'awaiting confirmation']);

/** listr2 on a terminal: a task per device whose title follows its phases. */
export function terminalProgress(devices: readonly string[], io: Io): Progress {
  const state = new Map<string, { title: string; done?: (err?: Error) => void; settled: boolean; failed?: string }>();
  for (const d of devices) state.set(d, { title: 'waiting', settled: false });
  const tasks: ListrTask[] = devices.map((d) => ({
    title: `${d}: waiting`,
    task: (_ctx, task) => new Promise<void>((resolve, reject) => {
      const s = state.get(d)!;
      const update = () => { task.title = `${d}: ${s.title}`; };
      s.done = (err) => { update(); if (err) reject(err); else resolve(); };
      (s as { update?: () => void }).update = update;
      if (s.settled) s.done(s.failed ? new Error(s.failed) : undefined);
    }),
  }));
  const list = new Listr(tasks, { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false }, renderer: 'default' });
  const running = list.run().catch(() => undefined);
  const finish = (d: string, failed?: string) => {
    const s = state.get(d);
    if (!s || s.settled) return;
    s.settled = true;
    s.failed = failed;
    s.done?.(failed ? new Error(failed) : undefined);
  };
  const set = (d: string, title: string) => {
    const s = state.get(d);
    if (!s) return;
    s.title = title;
    (s as { update?: () => void }).update?.();
  };
  return {
    listener: (e) => {
      if (e.type === 'step' && e.device) {
        const label = e.state === 'start' ? `${e.phase}...` : e.state === 'ok' ? `${e.phase} ok${e.ms !== undefined ? ` (${e.ms} ms)` : ''}` : `${e.phase} FAILED: ${e.error?.message ?? ''}`;
        set(e.device, label);
        if (e.phase === 'save' && e.state === 'ok') { set(e.device, 'saved'); finish(e.device); }
        if ((e.phase === 'rollback-verify' || e.phase === 'resave') && e.state === 'ok') set(e.device, 'rolled back');
      } else if (e.type === 'change' && (e.status === 'completed' || e.status === 'rolled_back' || e.status === 'rollback_failed' || e.status === 'refused' || e.status === 'failed' || e.status === 'awaiting_confirmation')) {
        for (const [d, s] of state) {
          if (!FINAL_DEVICE.has(s.title) && e.status !== 'completed') set(d, e.status.replace(/_/g, ' '));
          finish(d, e.status === 'rollback_failed' && s.title.includes('FAILED') ? s.title : undefined);
        }
      } else if (e.type === 'gate') {
        io.err(e.message);
      }
    },
    stop: async () => {
      for (const d of state.keys()) finish(d);
      await running;
    },
  };
}

export function progressFor(devices: readonly string[], io: Io, tty: boolean): Progress {
  return tty && devices.length > 0 ? terminalProgress(devices, io) : plainProgress(io);
}
