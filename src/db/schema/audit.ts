import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

import { jsonb } from './columns.js';

/**
 * One row per write, with the state before and after it (NetBox's ObjectChange).
 * `subject_type` names the kind of thing changed (`topology_revision`, `tenant`, ...),
 * `subject_id` its key as text, so one table serves every area.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_log_at_idx').on(t.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;
