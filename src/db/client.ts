import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Logger } from 'pino';

import { DbError, causeMessage, describeUrl, passwordOf } from './errors.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

/**
 * The one database type the rest of dcnet sees. Both the PGlite and the
 * node-postgres drizzle instances are assignable to it, so repositories and
 * their tests are written once.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where it lives, safe to print: a PGlite folder, `memory://`, or the URL without its password. */
  target: string;
  close(): Promise<void>;
}

export type DbLogger = Pick<Logger, 'info' | 'debug' | 'warn'>;

export interface OpenDatabaseOptions {
  /** PostgreSQL URL. Default: env `DATABASE_URL`. When set, PGlite is not used. */
  url?: string;
  /** PGlite data folder, or `memory://` for an in-memory database. Default: env `DCNET_DATA_DIR`, else `./data/pglite`. */
  dataDir?: string;
  logger?: DbLogger;
  /** PostgreSQL only: give up connecting after this long. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** PostgreSQL only: pool size. Default 10. */
  poolMax?: number;
}

export const DEFAULT_DATA_DIR = './data/pglite';
export const MEMORY_DATA_DIR = 'memory://';

/**
 * Opens the database. In order: `url` → PostgreSQL; `dataDir` → PGlite there
 * (`memory://` for in-memory); env `DATABASE_URL` → PostgreSQL; else PGlite in
 * env `DCNET_DATA_DIR` or `./data/pglite` (relative to the working directory). It checks the
 * connection before returning, so a wrong URL fails here with `DB_CONNECT`.
 * It does not migrate: call `migrateDatabase` next.
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  // Explicit options beat the environment: `{ dataDir }` opens PGlite even when DATABASE_URL is set.
  if (opts.url !== undefined) return openPostgres(opts.url, opts);
  if (opts.dataDir !== undefined) return openPglite(opts.dataDir, opts);
  const envUrl = nonEmpty(process.env.DATABASE_URL);
  if (envUrl !== undefined) return openPostgres(envUrl, opts);
  return openPglite(nonEmpty(process.env.DCNET_DATA_DIR) ?? DEFAULT_DATA_DIR, opts);
}

async function openPostgres(url: string, opts: OpenDatabaseOptions): Promise<Database> {
  const target = describeUrl(url);
  if (!/^postgres(ql)?:\/\//i.test(url) || target.url === '<unparseable url>') {
    throw new DbError('DB_CONFIG', `database URL is not a postgres:// URL: ${target.url}`, { url: target.url });
  }
  const where = `${target.host ?? 'localhost'}:${target.port ?? '5432'}/${target.database ?? ''}`;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolMax ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (err) => opts.logger?.warn({ err: causeMessage(err, passwordOf(url)), target: where }, 'postgres pool error'));
  try {
    const c = await pool.connect();
    try {
      await c.query('select 1');
    } finally {
      c.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = causeMessage(err, passwordOf(url));
    throw new DbError(
      'DB_CONNECT',
      `cannot connect to PostgreSQL at ${where} as ${target.user ?? '(default user)'}: ${reason}`,
      { host: target.host, port: target.port, database: target.database, user: target.user, url: target.url },
      err,
    );
  }
  opts.logger?.info({ kind: 'postgres', url: target.url }, 'database opened');
  const db = drizzleNodePg({ client: pool, schema });
  let closed = false;
  return {
    db,
    kind: 'postgres',
    target: target.url,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string, opts: OpenDatabaseOptions): Promise<Database> {
  const inMemory = dataDir === MEMORY_DATA_DIR || dataDir.startsWith('memory://');
  const where = inMemory ? dataDir : resolve(dataDir);
  let client: PGlite;
  try {
    if (!inMemory) await mkdir(where, { recursive: true });
    client = inMemory ? new PGlite() : new PGlite(where);
    await client.waitReady;
  } catch (err) {
    throw new DbError(
      'DB_CONNECT',
      `cannot open embedded PGlite database at ${where}: ${causeMessage(err)}`,
      { dataDir: where },
      err,
    );
  }
  opts.logger?.info({ kind: 'pglite', dataDir: where }, 'database opened');
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    target: where,
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}
