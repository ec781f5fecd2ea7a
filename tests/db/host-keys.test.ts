/**
 * The host-key repository on PGlite, and as the drivers' HostKeyStore (trust on first use, never
 * overwritten, forgotten only by an operator, audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  SSH_HOST_KEY_FORGET, SSH_HOST_KEY_RECORD, SSH_HOST_KEY_SUBJECT, createHostKeyStore, forgetHostKey, getHostKey, listAudit, listHostKeys,
  migrateDatabase, openDatabase, rememberHostKey, DbError, type Database,
} from '../../src/db/index.js';
import type { HostKeyStore } from '../../src/drivers/host-keys.js';
import { OPEN_TIMEOUT_MS } from './suite.js';

const KEY_A = { fingerprint: `SHA256:${'A'.repeat(43)}`, keyType: 'ssh-ed25519', publicKey: 'AAAAC3NzaC1lZDI1NTE5AAAAIA==' };
const KEY_B = { fingerprint: `SHA256:${'B'.repeat(43)}`, keyType: 'ssh-ed25519', publicKey: 'AAAAC3NzaC1lZDI1NTE5AAAAIB==' };

describe('ssh host keys repository', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => database?.close());

  it('records on first use, keeps the first key, and audits the recording', async () => {
    const db = database.db;
    expect(await getHostKey(db, 'core-1', '10.0.0.1')).toBeUndefined();
    expect(await rememberHostKey(db, 'core-1', '10.0.0.1', KEY_A)).toEqual(KEY_A);
    // A second recording (another session racing, or a changed key) never overwrites.
    expect(await rememberHostKey(db, 'core-1', '10.0.0.1', KEY_B)).toEqual(KEY_A);
    expect(await getHostKey(db, 'core-1', '10.0.0.1')).toEqual(KEY_A);
    // The same device at another address is another entry.
    expect(await rememberHostKey(db, 'core-1', '10.9.0.1', KEY_B)).toEqual(KEY_B);
    const audit = await listAudit(db, { subjectType: SSH_HOST_KEY_SUBJECT });
    expect(audit.map((a) => a.action)).toEqual([SSH_HOST_KEY_RECORD, SSH_HOST_KEY_RECORD]);
    expect(JSON.stringify(audit)).not.toContain(KEY_A.publicKey);
  });

  it('forgets a key only when asked, with an audit row naming the actor', async () => {
    const db = database.db;
    expect(await forgetHostKey(db, 'core-1', '10.0.0.1', 'alice', 'req-1')).toBe(true);
    expect(await forgetHostKey(db, 'core-1', '10.0.0.1', 'alice')).toBe(false);
    expect(await getHostKey(db, 'core-1', '10.0.0.1')).toBeUndefined();
    const [last] = await listAudit(db, { subjectType: SSH_HOST_KEY_SUBJECT, limit: 1 });
    expect(last).toMatchObject({ action: SSH_HOST_KEY_FORGET, actor: 'alice', requestId: 'req-1', subjectId: 'core-1@10.0.0.1' });
    expect((await listHostKeys(db)).map((r) => `${r.device}@${r.address}`)).toEqual(['core-1@10.9.0.1']);
  });

  it('refuses a malformed fingerprint with DB_INVALID', async () => {
    await expect(rememberHostKey(database.db, 'x', 'y', { ...KEY_A, fingerprint: 'md5:zz' })).rejects.toSatisfy((e: unknown) => e instanceof DbError && e.code === 'DB_INVALID');
  });

  it('is the drivers\' HostKeyStore', async () => {
    const store: HostKeyStore = createHostKeyStore(database.db);
    expect(await store.get('agg-1', '10.0.0.2')).toBeUndefined();
    expect(await store.set('agg-1', '10.0.0.2', KEY_A)).toEqual(KEY_A);
    expect(await store.set('agg-1', '10.0.0.2', KEY_B)).toEqual(KEY_A);
  });
});
