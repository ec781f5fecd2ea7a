import { bigint, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

import { jsonb } from './columns.js';

/**
 * Every distinct topology model loaded for a network, keyed by the sha256 (hex) of
 * its canonical form: loading the same model twice stores it once.
 */
export const topologyRevisions = pgTable(
  'topology_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    network: text('network').notNull(),
    hash: text('hash').notNull(),
    source: text('source'),
    model: jsonb('model').notNull(),
    summary: jsonb('summary'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [unique('topology_revisions_network_hash_unique').on(t.network, t.hash)],
);

export type TopologyRevisionRow = typeof topologyRevisions.$inferSelect;
export type NewTopologyRevisionRow = typeof topologyRevisions.$inferInsert;
