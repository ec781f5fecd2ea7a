import { afterEach, describe, expect, it, vi } from 'vitest';

import { DbError, openDatabase, redactUrl } from '../../src/db/index.js';
import { DcnetError } from '../../src/errors.js';

describe('openDatabase errors', () => {
  it('reports an unreachable server as DB_CONNECT without the password', async () => {
    const password = 'hunter2-s3cret';
    const err = await openDatabase({ url: `postgres://dcnet:${password}@127.0.0.1:1/fleet`, connectTimeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DbError);
    expect(err).toBeInstanceOf(DcnetError);
    const e = err as DbError;
    expect(e.code).toBe('DB_CONNECT');
    expect(e.message).toContain('127.0.0.1:1/fleet');
    expect(e.message).not.toContain(password);
    expect(JSON.stringify(e.details)).not.toContain(password);
    expect(String(e)).not.toContain(password);
  });

  it('reports a URL that is not postgres:// as DB_CONFIG without the password', async () => {
    const err = await openDatabase({ url: 'mysql://root:topsecret@db/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect((err as DbError).code).toBe('DB_CONFIG');
    expect((err as DbError).message).not.toContain('topsecret');
  });
});

describe('openDatabase configuration', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('uses DATABASE_URL when no option is given', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://env:envpass@127.0.0.1:1/from_env');
    const err = await openDatabase({ connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect((err as DbError).code).toBe('DB_CONNECT');
    expect((err as DbError).message).toContain('127.0.0.1:1/from_env');
    expect((err as DbError).message).not.toContain('envpass');
  });

  it('lets an explicit url win over DATABASE_URL', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://env@127.0.0.1:1/from_env');
    const err = await openDatabase({ url: 'postgres://opt@127.0.0.1:1/from_option', connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect((err as DbError).message).toContain('from_option');
  });
});

describe('redactUrl', () => {
  it('hides the password and password-like query parameters', () => {
    expect(redactUrl('postgres://u:p%40ss@h:5433/d?sslmode=require&password=x')).toBe(
      'postgres://u:<secret>@h:5433/d?sslmode=require&password=<secret>',
    );
    expect(redactUrl('postgres://u@h/d')).toBe('postgres://u@h/d');
    expect(redactUrl('not a url :pw@')).toBe('<unparseable url>');
  });
});
