import { bigint, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * The SSH host key recorded for each device at its management address, on first use. The drivers
 * refuse a connection whose key differs (DRIVER_HOST_KEY_CHANGED); only an operator forgetting the
 * row (forgetHostKey) lets a new key be recorded.
 */
export const sshHostKeys = pgTable(
  'ssh_host_keys',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    device: text('device').notNull(),
    address: text('address').notNull(),
    keyType: text('key_type').notNull(),
    /** `SHA256:<base64>` as OpenSSH prints it. */
    fingerprint: text('fingerprint').notNull(),
    /** The key blob, base64. */
    publicKey: text('public_key').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('ssh_host_keys_device_address_unique').on(t.device, t.address)],
);

export type SshHostKeyRow = typeof sshHostKeys.$inferSelect;
export type NewSshHostKeyRow = typeof sshHostKeys.$inferInsert;
