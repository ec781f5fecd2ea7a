import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';

import type { Db } from '../client.js';
import { withQueryError } from '../errors.js';
import { auditLog, type AuditRow } from '../schema/audit.js';

export interface AuditEntry {
  actor: string;
  /** What was done, as `<area>.<verb>` (`topology.store`, `tenant.update`). */
  action: string;
  /** The kind of thing changed, snake_case singular (`topology_revision`). */
  subjectType: string;
  subjectId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  /** Default: the database's now(). */
  at?: Date;
}

export interface ListAuditFilter {
  subjectType?: string;
  /** `null` lists rows with no subject id. */
  subjectId?: string | null;
  /** Default 100, at most 1000. */
  limit?: number;
}

export const AUDIT_LIST_DEFAULT_LIMIT = 100;
export const AUDIT_LIST_MAX_LIMIT = 1000;

/** Appends one audit row and returns it. Pass a transaction as `db` to make it part of the write it records. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<AuditRow> {
  return withQueryError(`recording audit ${entry.action} on ${entry.subjectType}`, async () => {
    const [row] = await db
      .insert(auditLog)
      .values({
        actor: entry.actor,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        requestId: entry.requestId ?? null,
        ...(entry.at ? { at: entry.at } : {}),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  });
}

/** Audit rows, newest first. */
export async function listAudit(db: Db, filter: ListAuditFilter = {}): Promise<AuditRow[]> {
  const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? AUDIT_LIST_DEFAULT_LIMIT)), AUDIT_LIST_MAX_LIMIT);
  const where: SQL[] = [];
  if (filter.subjectType !== undefined) where.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId === null) where.push(isNull(auditLog.subjectId));
  else if (filter.subjectId !== undefined) where.push(eq(auditLog.subjectId, filter.subjectId));
  return withQueryError('listing audit rows', () =>
    db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit),
  );
}
