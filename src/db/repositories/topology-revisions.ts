import { and, desc, eq } from 'drizzle-orm';

import type { Db } from '../client.js';
import { DbError, withQueryError } from '../errors.js';
import { topologyRevisions, type TopologyRevisionRow } from '../schema/topology.js';
import { recordAudit } from './audit.js';

export interface NewTopologyRevision {
  network: string;
  /** sha256 (lower-case hex) of the canonical model; computed by the caller. */
  hash: string;
  /** The path the model was loaded from, if any. */
  source?: string | null;
  model: unknown;
  summary?: unknown;
  createdBy: string;
  requestId?: string | null;
}

export interface StoredTopologyRevision {
  id: number;
  /** false when the same (network, hash) was already stored: the existing row's id is returned. */
  created: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const TOPOLOGY_REVISION_SUBJECT = 'topology_revision';
export const TOPOLOGY_REVISION_CREATE = 'topology_revision.create';

/**
 * Stores a topology model once per (network, hash). A new revision and its audit
 * row are written in one transaction; storing the same model again writes
 * nothing and returns the existing id with `created: false`.
 */
export async function storeTopologyRevision(db: Db, rev: NewTopologyRevision): Promise<StoredTopologyRevision> {
  if (!SHA256_HEX.test(rev.hash)) {
    throw new DbError('DB_INVALID', `topology revision hash for network ${rev.network} is not a lower-case sha256 hex digest: ${JSON.stringify(rev.hash.slice(0, 80))}`, { network: rev.network });
  }
  if (rev.model === undefined || rev.model === null) {
    throw new DbError('DB_INVALID', `topology revision for network ${rev.network} has no model`, { network: rev.network });
  }
  return withQueryError(`storing topology revision ${rev.hash.slice(0, 12)} of network ${rev.network}`, () =>
    db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(topologyRevisions)
        .values({
          network: rev.network,
          hash: rev.hash,
          source: rev.source ?? null,
          model: rev.model,
          summary: rev.summary ?? null,
          createdBy: rev.createdBy,
        })
        .onConflictDoNothing({ target: [topologyRevisions.network, topologyRevisions.hash] })
        .returning({ id: topologyRevisions.id });
      if (inserted) {
        await recordAudit(tx, {
          actor: rev.createdBy,
          action: TOPOLOGY_REVISION_CREATE,
          subjectType: TOPOLOGY_REVISION_SUBJECT,
          subjectId: String(inserted.id),
          before: null,
          // The model itself stays in topology_revisions; the audit row says which one.
          after: { network: rev.network, hash: rev.hash, source: rev.source ?? null, summary: rev.summary ?? null },
          requestId: rev.requestId ?? null,
        });
        return { id: inserted.id, created: true };
      }
      const [existing] = await tx
        .select({ id: topologyRevisions.id })
        .from(topologyRevisions)
        .where(and(eq(topologyRevisions.network, rev.network), eq(topologyRevisions.hash, rev.hash)))
        .limit(1);
      if (!existing) throw new Error('conflicting revision vanished');
      return { id: existing.id, created: false };
    }),
  );
}

/** The most recently stored revision of a network, or undefined if it has none. */
export async function latestTopologyRevision(db: Db, network: string): Promise<TopologyRevisionRow | undefined> {
  return withQueryError(`reading the latest topology revision of network ${network}`, async () => {
    const [row] = await db
      .select()
      .from(topologyRevisions)
      .where(eq(topologyRevisions.network, network))
      .orderBy(desc(topologyRevisions.id))
      .limit(1);
    return row;
  });
}
