/**
 * Device locks that hold across processes, so that two changes never touch one device.
 *
 * Two layers:
 *  - Mutual exclusion of the processes working right now. PostgreSQL: session-level advisory
 *    locks (`pg_try_advisory_lock`) held on a dedicated connection for as long as the lock session
 *    lives; a process that dies loses its connection, and with it its locks, at once. PGlite (one
 *    process by construction): the same API over an in-process table per database.
 *  - A row per held device in `device_locks` (which change, which process, why). It also
 *    *reserves* a device between processes when no process works on it: a change awaiting
 *    confirmation or a canary go-ahead, a change in flight whose process died (until reconciled),
 *    or one whose rollback failed. A device whose row belongs to such a change is refused to
 *    every other change; a row of a finished change is stale and taken over.
 *
 * Devices are taken all at once or not at all (no partial hold, so no deadlock between two
 * changes); a waiter retries until its deadline, then gets CHANGE_LOCKED naming each held device
 * and its holder. The change's own lock (`tryChange`) says whether a process is working on it:
 * recovery takes it to know the owner is gone.
 */
import { createHash } from 'node:crypto';

import { and, eq, inArray, sql } from 'drizzle-orm';
import type pg from 'pg';

import { type Database, schema } from '../db/index.js';
import { ChangeError } from './errors.js';
import { FINAL_STATUSES } from './types.js';

const { deviceLocks, changes } = schema;

export interface AcquireOptions {
  /** How long to wait for held devices (0: refuse at once). */
  waitMs: number;
  /** Why the devices are held (`applying`, `confirming`, `rolling back`...). */
  reason: string;
  /** Poll interval while waiting. Default 100 ms. */
  pollMs?: number;
}

export interface Holder {
  device: string;
  changeId: number | null;
  status: string | null;
  reason: string;
}

/** One process's locks for one change: a dedicated connection on PostgreSQL. */
export interface LockSession {
  /** Take the change's own lock; false when another live process holds it. */
  tryChange(changeId: number): Promise<boolean>;
  /** Take every device for the change, or none (CHANGE_LOCKED after opts.waitMs). */
  acquireDevices(changeId: number, owner: string, devices: readonly string[], opts: AcquireOptions): Promise<void>;
  /** Update the rows' reason (`awaiting confirmation`...). */
  setReason(changeId: number, reason: string): Promise<void>;
  /**
   * Let the devices go. `reserve`: keep the rows (the change still owns the devices between
   * processes) and release only the process locks.
   */
  releaseDevices(opts?: { reserve?: boolean }): Promise<void>;
  /** Release everything this session holds (rows are deleted unless reserved before). */
  close(): Promise<void>;
}

export interface LockManager {
  readonly kind: 'advisory' | 'in-process';
  session(): Promise<LockSession>;
}

/** A 64-bit advisory lock key for a name (PostgreSQL bigint, signed). */
export function lockKey(scope: 'device' | 'change', name: string): string {
  const h = createHash('sha256').update(`dcnet:${scope}:${name}`).digest();
  return BigInt.asIntN(64, h.readBigUInt64BE(0)).toString();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------- rows

/** Rows of other changes that still hold (not finished) among `devices`. */
async function blockingRows(database: Database, changeId: number, devices: readonly string[]): Promise<Holder[]> {
  if (devices.length === 0) return [];
  const rows = await database.db
    .select({ device: deviceLocks.device, changeId: deviceLocks.changeId, reason: deviceLocks.reason, status: changes.status })
    .from(deviceLocks)
    .leftJoin(changes, eq(changes.id, deviceLocks.changeId))
    .where(inArray(deviceLocks.device, [...devices]));
  return rows
    .filter((r) => r.changeId !== changeId && r.status !== null && !(FINAL_STATUSES as readonly string[]).includes(r.status))
    .map((r) => ({ device: r.device, changeId: r.changeId, status: r.status, reason: r.reason }));
}

async function writeRows(database: Database, changeId: number, owner: string, devices: readonly string[], reason: string): Promise<void> {
  if (devices.length === 0) return;
  await database.db.insert(deviceLocks).values(devices.map((device) => ({ device, changeId, owner, reason })))
    .onConflictDoUpdate({
      target: deviceLocks.device,
      set: { changeId, owner, reason, acquiredAt: sql`now()` },
    });
}

async function deleteRows(database: Database, changeId: number, devices: readonly string[]): Promise<void> {
  if (devices.length === 0) return;
  await database.db.delete(deviceLocks).where(and(eq(deviceLocks.changeId, changeId), inArray(deviceLocks.device, [...devices])));
}

function lockedError(holders: readonly Holder[], waitedMs: number, processHeld: readonly string[]): ChangeError {
  const parts = holders.map((h) => `${h.device} (change ${h.changeId}, ${h.status === 'awaiting_confirmation' ? 'awaiting confirmation' : h.status === 'canary_hold' ? 'waiting for its canary go-ahead' : h.status === 'rollback_failed' ? 'its rollback failed: reconcile it with `dcnet change recover`' : h.reason})`);
  for (const d of processHeld) if (!holders.some((h) => h.device === d)) parts.push(`${d} (another change is working on it)`);
  return new ChangeError('CHANGE_LOCKED', `held by another change${waitedMs > 0 ? ` after waiting ${waitedMs} ms` : ''}: ${parts.join(', ')}`, {
    devices: [...new Set([...holders.map((h) => h.device), ...processHeld])], holders,
  });
}

/** The common waiting loop: take the process locks, then check the rows; retry until the deadline. */
async function acquireLoop(
  database: Database, changeId: number, owner: string, devices: readonly string[], opts: AcquireOptions,
  tryAll: (devices: readonly string[]) => Promise<string[]>, // returns the devices it could NOT take (and holds none then)
  releaseAll: (devices: readonly string[]) => Promise<void>,
): Promise<void> {
  const sorted = [...new Set(devices)].sort();
  const deadline = Date.now() + Math.max(0, opts.waitMs);
  const t0 = Date.now();
  for (;;) {
    const busy = await tryAll(sorted);
    let holders: Holder[] = [];
    if (busy.length === 0) {
      holders = await blockingRows(database, changeId, sorted);
      if (holders.length === 0) {
        await writeRows(database, changeId, owner, sorted, opts.reason);
        return;
      }
      await releaseAll(sorted);
    }
    if (Date.now() >= deadline) {
      if (busy.length) holders = await blockingRows(database, changeId, busy).catch(() => []);
      throw lockedError(holders, Date.now() - t0, busy);
    }
    await sleep(Math.min(opts.pollMs ?? 100, Math.max(1, deadline - Date.now())));
  }
}

// ---------------------------------------------------------------------------- PostgreSQL

class AdvisorySession implements LockSession {
  private client: pg.PoolClient | undefined;
  private devices: string[] = [];
  private changeId: number | undefined;
  private changeKey: string | undefined;

  constructor(private readonly database: Database, private readonly pool: pg.Pool) {}

  private async conn(): Promise<pg.PoolClient> {
    this.client ??= await this.pool.connect();
    return this.client;
  }

  async tryChange(changeId: number): Promise<boolean> {
    const c = await this.conn();
    const key = lockKey('change', String(changeId));
    const r = await c.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [key]);
    if (r.rows[0]?.ok) this.changeKey = key;
    return r.rows[0]?.ok === true;
  }

  async acquireDevices(changeId: number, owner: string, devices: readonly string[], opts: AcquireOptions): Promise<void> {
    const c = await this.conn();
    this.changeId = changeId;
    await acquireLoop(this.database, changeId, owner, devices, opts, async (list) => {
      const keys = list.map((d) => lockKey('device', d));
      const r = await c.query<{ k: string; ok: boolean }>('select k::text as k, pg_try_advisory_lock(k) as ok from unnest($1::bigint[]) as k', [keys]);
      const failed = new Set(r.rows.filter((x) => !x.ok).map((x) => x.k));
      if (failed.size === 0) return [];
      const got = r.rows.filter((x) => x.ok).map((x) => x.k);
      if (got.length) await c.query('select pg_advisory_unlock(k) from unnest($1::bigint[]) as k', [got]);
      return list.filter((d) => failed.has(lockKey('device', d)));
    }, async (list) => {
      await c.query('select pg_advisory_unlock(k) from unnest($1::bigint[]) as k', [list.map((d) => lockKey('device', d))]);
    });
    this.devices = [...new Set([...this.devices, ...devices])];
  }

  async setReason(changeId: number, reason: string): Promise<void> {
    await this.database.db.update(deviceLocks).set({ reason }).where(eq(deviceLocks.changeId, changeId));
  }

  async releaseDevices(opts: { reserve?: boolean } = {}): Promise<void> {
    const list = this.devices;
    this.devices = [];
    if (list.length === 0) return;
    if (!opts.reserve && this.changeId !== undefined) await deleteRows(this.database, this.changeId, list);
    if (this.client) await this.client.query('select pg_advisory_unlock(k) from unnest($1::bigint[]) as k', [list.map((d) => lockKey('device', d))]);
  }

  async close(): Promise<void> {
    await this.releaseDevices().catch(() => undefined);
    const c = this.client;
    this.client = undefined;
    if (!c) return;
    try {
      if (this.changeKey) await c.query('select pg_advisory_unlock($1::bigint)', [this.changeKey]);
      c.release();
    } catch (err) {
      // A broken connection: destroy it (its session, and so its locks, end with it).
      c.release(err as Error);
    }
  }
}

// ---------------------------------------------------------------------------- PGlite (one process)

interface Table {
  devices: Map<string, object>;
  changes: Map<number, object>;
}
const tables = new WeakMap<object, Table>();

class InProcessSession implements LockSession {
  private readonly token = {};
  private devices: string[] = [];
  private changeId: number | undefined;
  private heldChange: number | undefined;

  constructor(private readonly database: Database, private readonly table: Table) {}

  async tryChange(changeId: number): Promise<boolean> {
    const h = this.table.changes.get(changeId);
    if (h && h !== this.token) return false;
    this.table.changes.set(changeId, this.token);
    this.heldChange = changeId;
    return true;
  }

  async acquireDevices(changeId: number, owner: string, devices: readonly string[], opts: AcquireOptions): Promise<void> {
    this.changeId = changeId;
    await acquireLoop(this.database, changeId, owner, devices, opts, async (list) => {
      const busy = list.filter((d) => { const h = this.table.devices.get(d); return h !== undefined && h !== this.token; });
      if (busy.length === 0) for (const d of list) this.table.devices.set(d, this.token);
      return busy;
    }, async (list) => {
      for (const d of list) if (this.table.devices.get(d) === this.token) this.table.devices.delete(d);
    });
    this.devices = [...new Set([...this.devices, ...devices])];
  }

  async setReason(changeId: number, reason: string): Promise<void> {
    await this.database.db.update(deviceLocks).set({ reason }).where(eq(deviceLocks.changeId, changeId));
  }

  async releaseDevices(opts: { reserve?: boolean } = {}): Promise<void> {
    const list = this.devices;
    this.devices = [];
    if (list.length === 0) return;
    for (const d of list) if (this.table.devices.get(d) === this.token) this.table.devices.delete(d);
    if (!opts.reserve && this.changeId !== undefined) await deleteRows(this.database, this.changeId, list);
  }

  async close(): Promise<void> {
    await this.releaseDevices().catch(() => undefined);
    if (this.heldChange !== undefined && this.table.changes.get(this.heldChange) === this.token) this.table.changes.delete(this.heldChange);
  }
}

/** The lock manager of a database: advisory locks on PostgreSQL, an in-process table on PGlite. */
export function createLockManager(database: Database): LockManager {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === 'postgres') {
    const pool = client as pg.Pool;
    return { kind: 'advisory', session: async () => new AdvisorySession(database, pool) };
  }
  let table = tables.get(client as object);
  if (!table) tables.set(client as object, (table = { devices: new Map(), changes: new Map() }));
  const t = table;
  return { kind: 'in-process', session: async () => new InProcessSession(database, t) };
}
