/** The progress line (src/cli/progress.ts) on a fake terminal: when it draws, how often, and that it erases itself. */
import { afterEach, describe, expect, it } from 'vitest';
import { startProgress } from '../../../src/cli/progress.js';

function terminal(isTTY = true, columns = 40) {
  const writes: string[] = [];
  return { stream: { isTTY, columns, write: (s: string) => { writes.push(s); return true; } }, writes };
}

describe('startProgress', () => {
  const saved = { progress: process.env.DCNET_PROGRESS, tty: process.stdout.isTTY };
  afterEach(() => {
    if (saved.progress === undefined) delete process.env.DCNET_PROGRESS; else process.env.DCNET_PROGRESS = saved.progress;
    process.stdout.isTTY = saved.tty;
  });

  it('draws on one line: a new step at once, the same step at most every interval, always its end; then erases it', () => {
    const t = terminal();
    let now = 0;
    const p = startProgress({ stream: t.stream, enabled: true, intervalMs: 100, now: () => now });
    p.update('booting lab: devices', 1, 1000);
    now = 50;
    p.update('booting lab: devices', 2, 1000); // too soon
    now = 150;
    p.update('booting lab: devices', 3, 1000);
    now = 160;
    p.update('booting lab: devices', 1000, 1000); // the end is always drawn
    p.update('validating: isolation', 5, 13); // a new step at once
    p.clear();
    expect(t.writes).toEqual([
      '\rbooting lab: devices 1/1000 (0%)\x1b[K',
      '\rbooting lab: devices 3/1000 (0%)\x1b[K',
      '\rbooting lab: devices 1000/1000 (100%)\x1b[K',
      '\rvalidating: isolation 5/13 (38%)\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('cuts a line wider than the terminal, and erases nothing it did not draw', () => {
    const t = terminal(true, 30);
    const p = startProgress({ stream: t.stream, enabled: true });
    p.clear();
    expect(t.writes).toEqual([]);
    p.update('x'.repeat(50), 1, 2);
    expect(t.writes[0]).toBe(`\r${'x'.repeat(29)}\x1b[K`);
  });

  it('stays quiet unless stdout and its stream are terminals, and when DCNET_PROGRESS=0', () => {
    const cases: [boolean, boolean, string | undefined, boolean][] = [
      [true, true, undefined, true], [false, true, undefined, false], [true, false, undefined, false], [true, true, '0', false],
    ];
    for (const [stdoutTTY, streamTTY, env, draws] of cases) {
      process.stdout.isTTY = stdoutTTY;
      if (env === undefined) delete process.env.DCNET_PROGRESS; else process.env.DCNET_PROGRESS = env;
      const t = terminal(streamTTY);
      const p = startProgress({ stream: t.stream });
      p.update('step', 1, 2);
      p.clear();
      expect(t.writes.length > 0, JSON.stringify({ stdoutTTY, streamTTY, env })).toBe(draws);
    }
  });
});
