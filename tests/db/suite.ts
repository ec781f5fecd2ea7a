/**
 * The repository suite, written once and run against every driver
 * (pglite.test.ts, postgres.test.ts), as drizzle's own pg-common.ts is.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DbError,
  MIGRATIONS_FOLDER,
  MIGRATIONS_TABLE,
  TOPOLOGY_REVISION_CREATE,
  TOPOLOGY_REVISION_SUBJECT,
  latestTopologyRevision,
  listAudit,
  migrateDatabase,
  recordAudit,
  storeTopologyRevision,
  type Database,
  type DatabaseKind,
} from '../../src/db/index.js';

export interface DbFactory {
  kind: DatabaseKind;
  /** An empty (un-migrated) database, fresh for this suite. */
  open(): Promise<Database>;
  /** Called after the database is closed. */
  cleanup?(): Promise<void>;
}

/** Timeout for hooks that start a database: a fresh PGlite runs initdb in wasm (~5 s). */
export const OPEN_TIMEOUT_MS = 60_000;

const EXPECTED_TABLES = ['audit_log', 'change_devices', 'change_plan_devices', 'change_plans', 'change_steps', 'changes', 'device_locks', 'playbook_runs', 'ssh_host_keys', 'topology_revisions'];

export function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

async function rowsOf<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await database.db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

async function publicTables(database: Database): Promise<string[]> {
  const rows = await rowsOf<{ table_name: string }>(
    database,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function appliedMigrations(database: Database): Promise<number> {
  const rows = await rowsOf<{ n: number }>(
    database,
    sql`select count(*)::int as n from ${sql.identifier('drizzle')}.${sql.identifier(MIGRATIONS_TABLE)}`,
  );
  return Number(rows[0]?.n);
}

function journalLength(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

export function registerDbSuite(factory: DbFactory): void {
  describe(`db layer on ${factory.kind}`, () => {
    let database: Database;

    beforeAll(async () => {
      database = await factory.open();
    }, OPEN_TIMEOUT_MS);

    afterAll(async () => {
      await database?.close();
      await factory.cleanup?.();
    }, OPEN_TIMEOUT_MS);

    it('opens the expected driver', () => {
      expect(database.kind).toBe(factory.kind);
    });

    describe('migrations', () => {
      it('creates the tables on an empty database', async () => {
        expect(await publicTables(database)).toEqual([]);
        await migrateDatabase(database);
        expect(await publicTables(database)).toEqual(EXPECTED_TABLES);
        expect(await appliedMigrations(database)).toBe(journalLength());
      });

      it('is a no-op when run again', async () => {
        await migrateDatabase(database);
        const before = await appliedMigrations(database);
        await migrateDatabase(database);
        await migrateDatabase(database);
        expect(await appliedMigrations(database)).toBe(before);
        expect(before).toBe(journalLength());
        expect(await publicTables(database)).toEqual(EXPECTED_TABLES);
      });

      it('creates the declared indexes and the (network, hash) unique constraint', async () => {
        await migrateDatabase(database);
        const idx = await rowsOf<{ indexname: string }>(
          database,
          sql`select indexname from pg_indexes where schemaname = 'public' order by indexname`,
        );
        expect(idx.map((r) => r.indexname)).toEqual(
          expect.arrayContaining(['audit_log_at_idx', 'audit_log_subject_idx', 'topology_revisions_network_hash_unique']),
        );
      });

      it('names the failing migration and leaves the database as it was', async () => {
        await migrateDatabase(database);
        const dir = mkdtempSync(join(tmpdir(), 'dcnet-bad-migrations-'));
        try {
          cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
          const journalFile = join(dir, 'meta', '_journal.json');
          const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
            entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
          };
          const last = journal.entries[journal.entries.length - 1]!;
          const tag = `${String(last.idx + 1).padStart(4, '0')}_broken`;
          journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
          writeFileSync(journalFile, JSON.stringify(journal));
          writeFileSync(
            join(dir, `${tag}.sql`),
            'CREATE TABLE "should_not_exist" ("id" integer);\n--> statement-breakpoint\nSELECT * FROM "no_such_table";',
          );

          const before = await appliedMigrations(database);
          const err = await migrateDatabase(database, { migrationsFolder: dir }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(DbError);
          expect((err as DbError).code).toBe('DB_MIGRATE');
          expect((err as DbError).message).toContain(tag);
          expect((err as DbError).message).toContain('no_such_table');
          expect(await appliedMigrations(database)).toBe(before);
          expect(await publicTables(database)).toEqual(EXPECTED_TABLES);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });

    describe('audit repository', () => {
      beforeAll(async () => {
        await migrateDatabase(database);
      });

      it('round-trips an entry with before/after jsonb', async () => {
        const before = { name: 'core-1', vlans: [10, 20], mgmt: { ip: '10.0.0.1', up: true }, note: null };
        const after = { name: 'core-1', vlans: [10, 20, 30], mgmt: { ip: '10.0.0.2', up: false }, tags: ['a', 'b'] };
        const row = await recordAudit(database.db, {
          actor: 'alice',
          action: 'device.update',
          subjectType: 'device',
          subjectId: 'core-1',
          before,
          after,
          requestId: 'req-1',
        });
        expect(row.id).toBeTypeOf('number');
        expect(row.at).toBeInstanceOf(Date);
        expect(Math.abs(row.at.getTime() - Date.now())).toBeLessThan(60_000);

        const listed = await listAudit(database.db, { subjectType: 'device', subjectId: 'core-1' });
        expect(listed).toHaveLength(1);
        expect(listed[0]).toEqual({
          id: row.id,
          at: row.at,
          actor: 'alice',
          action: 'device.update',
          subjectType: 'device',
          subjectId: 'core-1',
          before,
          after,
          requestId: 'req-1',
        });
      });

      it('returns any JSON value as stored, strings that look like JSON included', async () => {
        const values: unknown[] = ['hello', '123', 'true', '{"a":1}', '', 0, 42.5, false, [1, 'x', null], { s: '{"b":1}' }];
        for (const [i, value] of values.entries()) {
          await recordAudit(database.db, { actor: 'json', action: 'probe', subjectType: 'json-probe', subjectId: String(i), after: value });
        }
        const rows = await listAudit(database.db, { subjectType: 'json-probe' });
        const byId = new Map(rows.map((r) => [Number(r.subjectId), r.after]));
        expect(values.map((_, i) => byId.get(i))).toEqual(values);
      });

      it('stores missing optional fields as null', async () => {
        const row = await recordAudit(database.db, { actor: 'system', action: 'network.scan', subjectType: 'network-scan' });
        expect(row).toMatchObject({ subjectId: null, before: null, after: null, requestId: null });
        const listed = await listAudit(database.db, { subjectType: 'network-scan', subjectId: null });
        expect(listed.map((r) => r.id)).toEqual([row.id]);
      });

      it('lists newest first, filters by subject and honours the limit', async () => {
        const t0 = Date.parse('2024-01-01T00:00:00Z');
        for (let i = 0; i < 5; i++) {
          await recordAudit(database.db, {
            actor: 'bob',
            action: 'port.update',
            subjectType: 'port',
            subjectId: i % 2 === 0 ? 'even' : 'odd',
            after: { i },
            at: new Date(t0 + i * 1000),
          });
        }
        const all = await listAudit(database.db, { subjectType: 'port' });
        expect(all.map((r) => (r.after as { i: number }).i)).toEqual([4, 3, 2, 1, 0]);
        const even = await listAudit(database.db, { subjectType: 'port', subjectId: 'even' });
        expect(even.map((r) => (r.after as { i: number }).i)).toEqual([4, 2, 0]);
        const two = await listAudit(database.db, { subjectType: 'port', limit: 2 });
        expect(two.map((r) => (r.after as { i: number }).i)).toEqual([4, 3]);
        expect(await listAudit(database.db, { subjectType: 'port', subjectId: 'none' })).toEqual([]);
      });
    });

    describe('topology revisions repository', () => {
      beforeAll(async () => {
        await migrateDatabase(database);
      });

      const model = { network: 'dc-east', devices: [{ name: 'core-1', platform: 'huawei-vrp' }], vlans: { '10': 'mgmt' } };

      it('stores a revision once per (network, hash) and audits only the creation', async () => {
        const hash = sha256(model);
        const input = {
          network: 'dc-east',
          hash,
          source: 'topology/dc-east.yaml',
          model,
          summary: { devices: 1 },
          createdBy: 'carol',
          requestId: 'req-7',
        };
        const first = await storeTopologyRevision(database.db, input);
        expect(first.created).toBe(true);
        const second = await storeTopologyRevision(database.db, { ...input, createdBy: 'dave', source: 'elsewhere.yaml' });
        expect(second).toEqual({ id: first.id, created: false });

        const latest = await latestTopologyRevision(database.db, 'dc-east');
        expect(latest).toMatchObject({
          id: first.id,
          network: 'dc-east',
          hash,
          source: 'topology/dc-east.yaml',
          model,
          summary: { devices: 1 },
          createdBy: 'carol',
        });
        expect(latest?.createdAt).toBeInstanceOf(Date);

        const audits = await listAudit(database.db, { subjectType: TOPOLOGY_REVISION_SUBJECT, subjectId: String(first.id) });
        expect(audits).toHaveLength(1);
        expect(audits[0]).toMatchObject({
          actor: 'carol',
          action: TOPOLOGY_REVISION_CREATE,
          before: null,
          after: { network: 'dc-east', hash, source: 'topology/dc-east.yaml', summary: { devices: 1 } },
          requestId: 'req-7',
        });
      });

      it('keeps the same hash apart per network, and the latest is the last stored', async () => {
        const m1 = { v: 1 };
        const m2 = { v: 2 };
        const a = await storeTopologyRevision(database.db, { network: 'dc-west', hash: sha256(m1), model: m1, createdBy: 'e' });
        const b = await storeTopologyRevision(database.db, { network: 'dc-west', hash: sha256(m2), model: m2, createdBy: 'e' });
        const c = await storeTopologyRevision(database.db, { network: 'dc-north', hash: sha256(m1), model: m1, createdBy: 'e' });
        expect([a.created, b.created, c.created]).toEqual([true, true, true]);
        expect(new Set([a.id, b.id, c.id]).size).toBe(3);
        expect((await latestTopologyRevision(database.db, 'dc-west'))?.id).toBe(b.id);
        expect((await latestTopologyRevision(database.db, 'dc-north'))?.model).toEqual(m1);
        // Re-storing an older model does not make it the latest: it was already stored.
        expect(await storeTopologyRevision(database.db, { network: 'dc-west', hash: sha256(m1), model: m1, createdBy: 'e' })).toEqual({
          id: a.id,
          created: false,
        });
        expect((await latestTopologyRevision(database.db, 'dc-west'))?.id).toBe(b.id);
        expect(await latestTopologyRevision(database.db, 'no-such-network')).toBeUndefined();
      });

      it('dedupes concurrent stores of the same model', async () => {
        const m = { concurrent: true };
        const input = { network: 'dc-race', hash: sha256(m), model: m, createdBy: 'f' };
        const results = await Promise.all([1, 2, 3, 4].map(() => storeTopologyRevision(database.db, input)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
        expect(await listAudit(database.db, { subjectType: TOPOLOGY_REVISION_SUBJECT, subjectId: String(results[0]!.id) })).toHaveLength(1);
      });

      it('refuses a hash that is not a sha256 hex digest', async () => {
        const err = await storeTopologyRevision(database.db, { network: 'dc-east', hash: 'abc', model, createdBy: 'g' }).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(DbError);
        expect((err as DbError).code).toBe('DB_INVALID');
      });
    });
  });
}
