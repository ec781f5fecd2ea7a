/**
 * SSH host-key verification (trust on first use, never silently re-trusted).
 *
 * The drivers do not import the database: the store is injected. `src/db/repositories/host-keys.ts`
 * implements this interface over the `ssh_host_keys` table (structurally: db may not import
 * drivers); `MemoryHostKeyStore` serves tests, the bench and one-off tools.
 */
import { createHash } from 'node:crypto';

export interface HostKeyRecord {
  /** `SHA256:<base64 without padding>` of the key blob, as OpenSSH prints it. */
  fingerprint: string;
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`... */
  keyType: string;
  /** The key blob, base64 (the known_hosts form without the host). */
  publicKey: string;
}

/** Where the recorded host keys live, keyed by device name and management address. */
export interface HostKeyStore {
  get(device: string, address: string): Promise<HostKeyRecord | undefined>;
  /**
   * Record the key of a device seen for the first time. Never overwrites: when a key is already
   * recorded (another session got there first), that one is kept and returned, so the caller
   * compares against what is really stored. Accepting a changed key is an operator's act
   * (`forgetHostKey` in the repository), never the driver's.
   */
  set(device: string, address: string, record: HostKeyRecord): Promise<HostKeyRecord>;
}

/** The sha256 fingerprint of a public-key blob, as `ssh-keygen -l` prints it. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of an SSH public-key blob (RFC 4253 §6.6). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  if (len <= 0 || len > 64 || blob.length < 4 + len) return 'unknown';
  return blob.subarray(4, 4 + len).toString('latin1');
}

export function hostKeyRecordOf(blob: Buffer): HostKeyRecord {
  return { fingerprint: fingerprintOf(blob), keyType: keyTypeOf(blob), publicKey: blob.toString('base64') };
}

/** An in-process store (tests, benchmarks, a lab demo). */
export class MemoryHostKeyStore implements HostKeyStore {
  private readonly keys = new Map<string, HostKeyRecord>();

  private static key(device: string, address: string): string {
    return `${device}\u0000${address}`;
  }

  async get(device: string, address: string): Promise<HostKeyRecord | undefined> {
    return this.keys.get(MemoryHostKeyStore.key(device, address));
  }

  async set(device: string, address: string, record: HostKeyRecord): Promise<HostKeyRecord> {
    const k = MemoryHostKeyStore.key(device, address);
    const existing = this.keys.get(k);
    if (existing) return existing;
    this.keys.set(k, { ...record });
    return record;
  }

  /** Forget a device's key (an operator accepted a new one). */
  forget(device: string, address: string): boolean {
    return this.keys.delete(MemoryHostKeyStore.key(device, address));
  }

  get size(): number {
    return this.keys.size;
  }
}
