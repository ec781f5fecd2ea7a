import { and, asc, eq } from 'drizzle-orm';

import type { Db } from '../client.js';
import { DbError, withQueryError } from '../errors.js';
import { sshHostKeys, type SshHostKeyRow } from '../schema/host-keys.js';
import { recordAudit } from './audit.js';

/**
 * SSH host keys, trust on first use. `createHostKeyStore(db)` is the drivers' HostKeyStore
 * (src/drivers/host-keys.ts), matched structurally: db/ does not import drivers/.
 */
export interface StoredHostKey {
  /** `SHA256:<base64 without padding>`. */
  fingerprint: string;
  keyType: string;
  /** The key blob, base64. */
  publicKey: string;
}

export const SSH_HOST_KEY_SUBJECT = 'ssh_host_key';
export const SSH_HOST_KEY_RECORD = 'ssh_host_key.record';
export const SSH_HOST_KEY_FORGET = 'ssh_host_key.forget';

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

const toStored = (r: SshHostKeyRow): StoredHostKey => ({ fingerprint: r.fingerprint, keyType: r.keyType, publicKey: r.publicKey });

export async function getHostKey(db: Db, device: string, address: string): Promise<StoredHostKey | undefined> {
  return withQueryError(`reading the host key of ${device} (${address})`, async () => {
    const [row] = await db
      .select()
      .from(sshHostKeys)
      .where(and(eq(sshHostKeys.device, device), eq(sshHostKeys.address, address)))
      .limit(1);
    return row ? toStored(row) : undefined;
  });
}

/**
 * Records a device's host key if none is recorded, and returns the key now recorded: the given one,
 * or the one another session recorded first (never overwritten). The first recording is audited.
 */
export async function rememberHostKey(db: Db, device: string, address: string, key: StoredHostKey, actor = 'drivers'): Promise<StoredHostKey> {
  if (!FINGERPRINT.test(key.fingerprint)) {
    throw new DbError('DB_INVALID', `host key fingerprint of ${device} is not an OpenSSH SHA256 fingerprint: ${JSON.stringify(key.fingerprint.slice(0, 80))}`, { device, address });
  }
  return withQueryError(`recording the host key of ${device} (${address})`, () =>
    db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(sshHostKeys)
        .values({ device, address, keyType: key.keyType, fingerprint: key.fingerprint, publicKey: key.publicKey })
        .onConflictDoNothing({ target: [sshHostKeys.device, sshHostKeys.address] })
        .returning();
      if (inserted) {
        await recordAudit(tx, {
          actor,
          action: SSH_HOST_KEY_RECORD,
          subjectType: SSH_HOST_KEY_SUBJECT,
          subjectId: `${device}@${address}`,
          before: null,
          after: { device, address, keyType: key.keyType, fingerprint: key.fingerprint },
        });
        return toStored(inserted);
      }
      const [existing] = await tx
        .select()
        .from(sshHostKeys)
        .where(and(eq(sshHostKeys.device, device), eq(sshHostKeys.address, address)))
        .limit(1);
      if (!existing) throw new Error('conflicting host key vanished');
      return toStored(existing);
    }),
  );
}

/** Forgets a device's recorded key (an operator accepts that the device was replaced). Audited. */
export async function forgetHostKey(db: Db, device: string, address: string, actor: string, requestId?: string | null): Promise<boolean> {
  return withQueryError(`forgetting the host key of ${device} (${address})`, () =>
    db.transaction(async (tx) => {
      const [gone] = await tx
        .delete(sshHostKeys)
        .where(and(eq(sshHostKeys.device, device), eq(sshHostKeys.address, address)))
        .returning();
      if (!gone) return false;
      await recordAudit(tx, {
        actor,
        action: SSH_HOST_KEY_FORGET,
        subjectType: SSH_HOST_KEY_SUBJECT,
        subjectId: `${device}@${address}`,
        before: { device, address, keyType: gone.keyType, fingerprint: gone.fingerprint },
        after: null,
        requestId: requestId ?? null,
      });
      return true;
    }),
  );
}

export async function listHostKeys(db: Db): Promise<SshHostKeyRow[]> {
  return withQueryError('listing host keys', () =>
    db.select().from(sshHostKeys).orderBy(asc(sshHostKeys.device), asc(sshHostKeys.address)));
}

/** The drivers' HostKeyStore over the database (structurally typed: get/set by device and address). */
export function createHostKeyStore(db: Db): {
  get(device: string, address: string): Promise<StoredHostKey | undefined>;
  set(device: string, address: string, key: StoredHostKey): Promise<StoredHostKey>;
} {
  return {
    get: (device, address) => getHostKey(db, device, address),
    set: (device, address, key) => rememberHostKey(db, device, address, key),
  };
}
