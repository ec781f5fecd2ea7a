import { randomBytes } from 'node:crypto';

import pg from 'pg';
import { describe, expect, it } from 'vitest';

import { openDatabase, type DbLogger } from '../../src/db/index.js';
import { registerDbSuite } from './suite.js';

/**
 * Runs the repository suite on a real PostgreSQL server. Each run gets its own
 * throw-away database (created through TEST_DATABASE_URL, dropped afterwards),
 * so parallel runs and earlier failures never collide.
 */
const baseUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `dcnet_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

function urlFor(database: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

registerDbSuite({
  kind: 'postgres',
  async open() {
    await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
    return openDatabase({ url: urlFor(dbName) });
  },
  async cleanup() {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  },
});

describe('PostgreSQL connection logging', () => {
  it('logs the URL with its password redacted', async () => {
    const lines: unknown[] = [];
    const record = (...args: unknown[]) => void lines.push(args);
    const logger = { info: record, debug: record, warn: record } as unknown as DbLogger;
    const u = new URL(baseUrl);
    if (!u.password) u.password = 'not-needed-pw'; // trust auth ignores it
    const secret = decodeURIComponent(u.password);
    const database = await openDatabase({ url: u.toString(), logger });
    try {
      expect(database.kind).toBe('postgres');
      expect(database.target).toContain('<secret>');
      const text = JSON.stringify(lines);
      expect(text).toContain('<secret>');
      expect(text).not.toContain(secret);
    } finally {
      await database.close();
    }
  });
});
