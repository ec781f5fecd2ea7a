/** The engine's cost model: one terminal write per received chunk, and no commit for view navigation. */
import { describe, expect, it } from 'vitest';
import { TOPOLOGIES, makeLab, tick } from './helpers.js';

const DEVICE = 'core-1';

describe('CLI engine batching', () => {
  it('echoes a received chunk in one write, and a finished line together with its answer and the prompt', async () => {
    const lab = makeLab(TOPOLOGIES.provincial, { devices: [DEVICE] });
    const writes: string[] = [];
    const s = lab.cli(DEVICE).openSession({ write: (t) => writes.push(t), close: () => undefined }, { interactive: true, username: 'dcnet' });
    s.start();
    writes.length = 0;
    s.feed('displ');
    expect(writes).toEqual(['displ']);
    s.feed('ay clock\x7f\x7fck\r');
    await tick();
    // One write: the echo (byte for byte what per-character echo gave), the command's output, the prompt.
    expect(writes).toHaveLength(2);
    expect(writes[1]!.startsWith('ay clock\b \b\b \bck\r\n')).toBe(true);
    expect(writes[1]).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(writes[1]).toMatch(/<[^>]+>$/);
    // A slow device (the latency fault) still echoes the line at once, before its answer.
    writes.length = 0;
    lab.net.device(DEVICE).setFaults({ latencyMs: 30 });
    s.feed('display clock\r');
    expect(writes).toEqual(['display clock\r\n']);
    await new Promise((r) => setTimeout(r, 60));
    expect(writes).toHaveLength(2);
    expect(writes[1]).toMatch(/<[^>]+>$/);
  });

  it('echoes the answer to a question as it is typed', async () => {
    const lab = makeLab(TOPOLOGIES.provincial, { devices: [DEVICE] });
    const writes: string[] = [];
    const s = lab.cli(DEVICE).openSession({ write: (t) => writes.push(t), close: () => undefined }, { interactive: true, username: 'dcnet' });
    s.start();
    s.feed('save\r');
    await tick();
    expect(writes.join('')).toMatch(/\[Y\/N\]:$/);
    writes.length = 0;
    s.feed('Y');
    expect(writes).toEqual(['Y']);
    s.feed('\r');
    await tick(); await tick();
    expect(writes.join('')).toMatch(/^Y\r\n[\s\S]*successfully[\s\S]*<[^>]+>$/);
  });

  it('quit and return publish nothing when nothing changed, and do not force a pending change out early', async () => {
    const lab = makeLab(TOPOLOGIES.provincial, { devices: [DEVICE] });
    const device = lab.net.device(DEVICE);
    const s = lab.cli(DEVICE).openSession({ write: () => undefined, close: () => undefined }, { interactive: true, username: 'dcnet' });
    s.feed('system-view\r');
    await tick();
    const v0 = device.configVersion;
    s.feed('quit\rsystem-view\rreturn\rsystem-view\r');
    await tick(); await tick();
    expect(device.configVersion).toBe(v0);
    s.feed('system-view\rsysname X1\rquit\r');
    await tick(); await tick();
    expect(device.configVersion).toBe(v0 + 1);
    expect(device.running).toContain('sysname X1');
  });
});
