/**
 * The session pool: a global limit on open SSH sessions and a per-device limit of ONE configuring
 * session.
 *
 * - Global: `open()` takes a slot before the TCP connection and gives it back when the session is
 *   closed (however it ends). Waiters are served first come, first served; one that waits longer
 *   than `acquireTimeoutMs` fails with DRIVER_BUSY.
 * - Per device: a session becomes the device's configuring session at its first configuration
 *   command (applyCommands, save) and stays so until it is closed. A second session that wants to
 *   configure the same device (same address and port) WAITS, first come first served, for at most
 *   `lockTimeoutMs`, then fails with DRIVER_BUSY naming the holder. Reading (getters, running
 *   config) never waits for the lock.
 *
 * `stats()` says what is held and what waits: after every session is closed, whatever way it ended,
 * everything is zero (the tests check it).
 */
import { DriverError } from '../errors.js';

export interface PoolOptions {
  /** Open SSH sessions at once, over every device. Default 64. */
  maxSessions?: number;
  /** How long `open()` waits for a global slot. Default 60 000 ms. */
  acquireTimeoutMs?: number;
  /** How long a second configuring session waits for a device. Default 30 000 ms. */
  lockTimeoutMs?: number;
}

export interface PoolStats {
  /** Sessions holding a global slot. */
  open: number;
  /** open() calls waiting for a slot. */
  waiting: number;
  /** Devices with a configuring session. */
  locked: number;
  /** Sessions waiting for a device's configuration lock. */
  lockWaiting: number;
  /** Sessions registered (connected and not yet closed). */
  sessions: number;
}

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout | undefined;
}

/** A counting semaphore with FIFO waiters and a wait timeout. */
export class Semaphore {
  private used = 0;
  private readonly queue: Waiter[] = [];

  constructor(private limit: number) {}

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.queue.length;
  }

  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.drain();
  }

  /**
   * Resolves with a release function (idempotent); rejects with `onTimeout()` after `timeoutMs`, or
   * with the signal's reason when the waiter gives up (its session closed).
   */
  acquire(timeoutMs: number, onTimeout: () => Error, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.used < this.limit && this.queue.length === 0) {
      this.used++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const leave = (err: Error) => {
        if (w.timer) clearTimeout(w.timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.queue.indexOf(w);
        if (i >= 0) this.queue.splice(i, 1);
        reject(err);
      };
      const onAbort = () => leave(signal!.reason as Error);
      const w: Waiter = {
        grant: () => {
          if (w.timer) clearTimeout(w.timer);
          signal?.removeEventListener('abort', onAbort);
          this.used++;
          resolve(this.releaser());
        },
        timer: undefined,
      };
      if (Number.isFinite(timeoutMs)) w.timer = setTimeout(() => leave(onTimeout()), Math.max(0, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(w);
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.used--;
      this.drain();
    };
  }

  private drain(): void {
    while (this.used < this.limit && this.queue.length > 0) this.queue.shift()!.grant();
  }
}

/** Something the pool can close (a session). */
export interface PooledSession {
  readonly device: string;
  readonly target: string;
  destroy(reason?: string): void;
}

export class SessionPool {
  readonly options: Required<PoolOptions>;
  private readonly slots: Semaphore;
  private readonly locks = new Map<string, { holder: PooledSession; sem: Semaphore }>();
  private readonly sessions = new Set<PooledSession>();

  constructor(opts: PoolOptions = {}) {
    this.options = {
      maxSessions: opts.maxSessions ?? 64,
      acquireTimeoutMs: opts.acquireTimeoutMs ?? 60_000,
      lockTimeoutMs: opts.lockTimeoutMs ?? 30_000,
    };
    this.slots = new Semaphore(this.options.maxSessions);
  }

  configure(opts: PoolOptions): void {
    if (opts.maxSessions !== undefined) {
      this.options.maxSessions = opts.maxSessions;
      this.slots.setLimit(opts.maxSessions);
    }
    if (opts.acquireTimeoutMs !== undefined) this.options.acquireTimeoutMs = opts.acquireTimeoutMs;
    if (opts.lockTimeoutMs !== undefined) this.options.lockTimeoutMs = opts.lockTimeoutMs;
  }

  /** A global session slot. */
  acquireSlot(device: string, timeoutMs = this.options.acquireTimeoutMs, signal?: AbortSignal): Promise<() => void> {
    return this.slots.acquire(timeoutMs, () => new DriverError(
      'DRIVER_BUSY',
      `${device}: no SSH session slot free after ${timeoutMs} ms (${this.options.maxSessions} sessions open)`,
      { device, limit: this.options.maxSessions, waitedMs: timeoutMs, scope: 'global' },
    ), signal);
  }

  /** The configuration lock of a device (`target` = address:port), held until the release function is called. */
  async lockDevice(session: PooledSession, timeoutMs = this.options.lockTimeoutMs, signal?: AbortSignal): Promise<() => void> {
    let entry = this.locks.get(session.target);
    if (!entry) {
      entry = { holder: session, sem: new Semaphore(1) };
      this.locks.set(session.target, entry);
    }
    const e = entry;
    let release: () => void;
    try {
      release = await e.sem.acquire(timeoutMs, () => new DriverError(
        'DRIVER_BUSY',
        `${session.device}: another session has been configuring the device for longer than ${timeoutMs} ms; one configuring session per device`,
        { device: session.device, target: session.target, waitedMs: timeoutMs, scope: 'device' },
      ), signal);
    } catch (err) {
      if (e.sem.inUse === 0 && e.sem.waiting === 0 && this.locks.get(session.target) === e) this.locks.delete(session.target);
      throw err;
    }
    e.holder = session;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
      if (e.sem.inUse === 0 && e.sem.waiting === 0 && this.locks.get(session.target) === e) this.locks.delete(session.target);
    };
  }

  register(session: PooledSession): void {
    this.sessions.add(session);
  }

  unregister(session: PooledSession): void {
    this.sessions.delete(session);
  }

  /** Close every session (shutdown). */
  destroyAll(reason = 'pool shut down'): void {
    for (const s of [...this.sessions]) s.destroy(reason);
  }

  stats(): PoolStats {
    let lockWaiting = 0;
    for (const e of this.locks.values()) lockWaiting += e.sem.waiting;
    return { open: this.slots.inUse, waiting: this.slots.waiting, locked: this.locks.size, lockWaiting, sessions: this.sessions.size };
  }
}

let shared: SessionPool | undefined;

/** The process-wide pool drivers use unless given one. */
export function defaultPool(): SessionPool {
  shared ??= new SessionPool({
    maxSessions: Number(process.env.DCNET_SSH_MAX_SESSIONS) || undefined,
  });
  return shared;
}
