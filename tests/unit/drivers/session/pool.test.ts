/** The pool's semaphore and device locks, without SSH. */
import { describe, expect, it } from 'vitest';

import { DriverError } from '../../../../src/drivers/errors.js';
import { Semaphore, SessionPool, type PooledSession } from '../../../../src/drivers/session/pool.js';

const session = (device: string, target = `${device}:22`): PooledSession => ({ device, target, destroy: () => undefined });

describe('Semaphore', () => {
  it('serves waiters first come, first served, and times them out', async () => {
    const s = new Semaphore(1);
    const order: number[] = [];
    const r1 = await s.acquire(1000, () => new Error('t'));
    const p2 = s.acquire(1000, () => new Error('t')).then((r) => { order.push(2); return r; });
    const p3 = s.acquire(1000, () => new Error('t')).then((r) => { order.push(3); return r; });
    const p4 = s.acquire(20, () => new Error('timeout 4'));
    await expect(p4).rejects.toThrow('timeout 4');
    expect(s.waiting).toBe(2);
    r1();
    r1(); // releasing twice is harmless
    (await p2)();
    (await p3)();
    expect(order).toEqual([2, 3]);
    expect(s.inUse).toBe(0);
  });
});

describe('SessionPool', () => {
  it('locks per device target, not per name, and cleans its table', async () => {
    const pool = new SessionPool({ lockTimeoutMs: 30 });
    const a = session('core-1', '10.0.0.1:22');
    const b = session('core-1-again', '10.0.0.1:22');
    const c = session('core-2', '10.0.0.2:22');
    const ra = await pool.lockDevice(a);
    const rc = await pool.lockDevice(c);
    const err = await pool.lockDevice(b).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).code).toBe('DRIVER_BUSY');
    expect(pool.stats().locked).toBe(2);
    ra();
    rc();
    expect(pool.stats()).toMatchObject({ locked: 0, lockWaiting: 0 });
  });

  it('raises the global limit at run time', async () => {
    const pool = new SessionPool({ maxSessions: 1, acquireTimeoutMs: 1000 });
    const r1 = await pool.acquireSlot('a');
    const p2 = pool.acquireSlot('b');
    pool.configure({ maxSessions: 2 });
    const r2 = await p2;
    expect(pool.stats().open).toBe(2);
    r1();
    r2();
    expect(pool.stats().open).toBe(0);
  });
});
