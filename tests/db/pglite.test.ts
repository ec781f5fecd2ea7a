import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { latestTopologyRevision, migrateDatabase, openDatabase, storeTopologyRevision } from '../../src/db/index.js';
import { OPEN_TIMEOUT_MS, registerDbSuite, sha256 } from './suite.js';

registerDbSuite({
  kind: 'pglite',
  open: () => openDatabase({ dataDir: 'memory://' }),
});

describe('PGlite in a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dcnet-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'keeps its data across close and reopen',
    async () => {
      const model = { persisted: true };
      const first = await openDatabase({ dataDir: join(dir, 'nested', 'pglite') });
      expect(first.kind).toBe('pglite');
      await migrateDatabase(first);
      const stored = await storeTopologyRevision(first.db, { network: 'dc-disk', hash: sha256(model), model, createdBy: 'h' });
      await first.close();
      await first.close(); // closing twice is harmless

      const second = await openDatabase({ dataDir: join(dir, 'nested', 'pglite') });
      try {
        await migrateDatabase(second); // already applied: no-op
        const latest = await latestTopologyRevision(second.db, 'dc-disk');
        expect(latest).toMatchObject({ id: stored.id, model });
      } finally {
        await second.close();
      }
    },
    OPEN_TIMEOUT_MS,
  );
});
