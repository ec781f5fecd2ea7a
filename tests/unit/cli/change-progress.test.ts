/** The change commands' progress: plain lines per event, and the per-device display settling on every outcome. */
import { describe, expect, it } from 'vitest';

import type { ChangeEvent } from '../../../src/change/index.js';
import { formatEvent, plainProgress, terminalProgress } from '../../../src/cli/change-progress.js';

const at = '2026-01-01T12:00:01.000Z';
const events: ChangeEvent[] = [
  { type: 'change', changeId: 7, planId: 3, status: 'applying', at },
  { type: 'step', changeId: 7, device: 'host-acc-1', phase: 'apply', state: 'start', at },
  { type: 'step', changeId: 7, device: 'host-acc-1', phase: 'apply', state: 'ok', ms: 120, at },
  { type: 'step', changeId: 7, device: 'host-agg-2', phase: 'apply', state: 'failed', ms: 80, error: { code: 'DRIVER_COMMAND_REJECTED', message: 'rejected' }, at },
  { type: 'step', changeId: 7, device: 'host-acc-1', phase: 'rollback-verify', state: 'ok', ms: 30, at },
  { type: 'change', changeId: 7, planId: 3, status: 'rolled_back', error: { code: 'DRIVER_COMMAND_REJECTED', message: 'rejected' }, at },
];

describe('progress', () => {
  it('plain: one line per finished step and per status, none for a step starting', () => {
    const lines: string[] = [];
    const p = plainProgress({ out: () => undefined, err: (s) => lines.push(s) });
    for (const e of events) p.listener(e);
    expect(lines).toEqual([
      '12:00:01 change 7: applying',
      '12:00:01 change 7 host-acc-1 apply: ok (120 ms)',
      '12:00:01 change 7 host-agg-2 apply: failed (80 ms) DRIVER_COMMAND_REJECTED: rejected',
      '12:00:01 change 7 host-acc-1 rollback-verify: ok (30 ms)',
      '12:00:01 change 7: rolled back (DRIVER_COMMAND_REJECTED: rejected)',
    ]);
    expect(formatEvent({ type: 'gate', changeId: 7, reason: 'canary', devices: ['a'], message: 'go?', at })).toBe('12:00:01 change 7: go?');
  });

  it('per device (listr2): every device settles once the change ends, so the display returns', async () => {
    const p = terminalProgress(['host-acc-1', 'host-agg-2'], { out: () => undefined, err: () => undefined });
    for (const e of events) p.listener(e);
    await expect(p.stop()).resolves.toBeUndefined();
  });
});
