import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { is, sql } from 'drizzle-orm';
import { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';

import type { Database, DbLogger } from './client.js';
import { DbError, causeMessage } from './errors.js';
import { findPackageRoot } from '../package-root.js';

function packageRoot(start: string): string {
  const root = findPackageRoot(start);
  if (!root) throw new DbError('DB_MIGRATE', `no package.json above ${start}; cannot locate migrations/`);
  return root;
}

/** Absolute path of the generated `migrations/` folder (drizzle-kit 0.x flat layout). */
export const MIGRATIONS_FOLDER = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'migrations');

/** drizzle's bookkeeping table; the default schema (`drizzle`) is kept. */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface MigrateOptions {
  migrationsFolder?: string;
  logger?: DbLogger;
}

/**
 * Applies every migration in `migrations/` not yet applied, with the migrator of
 * the driver behind `database`. Running it again is a no-op. Failures throw
 * `DbError('DB_MIGRATE')` naming the migration that was pending.
 */
export async function migrateDatabase(database: Database, opts: MigrateOptions = {}): Promise<void> {
  const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS_FOLDER;
  const journal = readJournal(migrationsFolder);
  const config = { migrationsFolder, migrationsTable: MIGRATIONS_TABLE };
  const { db } = database;
  try {
    if (is(db, PgliteDatabase)) {
      await migratePglite(db as PgliteDatabase<Record<string, unknown>>, config);
    } else if (is(db, NodePgDatabase)) {
      await migrateNodePg(db as NodePgDatabase<Record<string, unknown>>, config);
    } else {
      throw new DbError('DB_MIGRATE', `no migrator for a ${database.kind} database`);
    }
  } catch (err) {
    if (err instanceof DbError) throw err;
    const pending = await pendingMigrations(database, journal).catch(() => journal);
    const names = pending.length > 0 ? pending.join(', ') : '(none pending?)';
    throw new DbError(
      'DB_MIGRATE',
      `migrating ${database.kind} database at ${database.target} failed while applying ${names} from ${migrationsFolder}: ${causeMessage(err)}`,
      { migrationsFolder, pending, target: database.target },
      err,
    );
  }
  opts.logger?.info({ kind: database.kind, migrations: journal.length }, 'database migrated');
}

/** Migration tags (`0000_init`, ...) in journal order. */
function readJournal(folder: string): string[] {
  const file = join(folder, 'meta', '_journal.json');
  try {
    const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries: { tag: string }[] };
    return journal.entries.map((e) => e.tag);
  } catch (err) {
    throw new DbError('DB_MIGRATE', `cannot read migration journal ${file}: ${causeMessage(err)}`, { file }, err);
  }
}

/** The journal's tags not yet recorded as applied (drizzle records one row per applied migration, in order). */
async function pendingMigrations(database: Database, journal: string[]): Promise<string[]> {
  const applied = await countApplied(database);
  return journal.slice(applied);
}

async function countApplied(database: Database): Promise<number> {
  try {
    // Both drivers' results carry `rows`.
    const res = (await database.db.execute(
      sql`select count(*)::int as n from ${sql.identifier('drizzle')}.${sql.identifier(MIGRATIONS_TABLE)}`,
    )) as unknown as { rows: { n: number }[] };
    return Number(res.rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}
