/**
 * `npm start` until the lab and the control plane exist: validate every reference network, store
 * each valid one as a topology revision in the embedded database, and print a census per zone/layer.
 */
import { relative } from 'node:path';
import { discoverNetworks, formatSummary, summarizeTopology } from '../model/index.js';
import { validateTopology } from '../intent/index.js';
import { openDatabase, migrateDatabase, storeTopologyRevision } from '../db/index.js';
import { formatValidation } from './format.js';

export async function runDemo(path: string, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const database = await openDatabase();
  let ok = true;
  try {
    await migrateDatabase(database);
    io.out(`database: ${database.kind} (${database.target}), migrations applied\n`);
    for (const p of discoverNetworks(path)) {
      const r = validateTopology(p);
      io.out(formatValidation(r, { quiet: true }).trimEnd());
      if (!r.ok) { ok = false; io.out(''); continue; }
      const summary = summarizeTopology(r.load.topology);
      const stored = await storeTopologyRevision(database.db, {
        network: summary.network, hash: r.load.hash, source: relative(process.cwd(), p) || p,
        model: r.load.topology, summary, createdBy: 'demo',
      });
      io.out(`revision ${stored.id} (${r.load.hash.slice(0, 12)})${stored.created ? ' stored' : ' unchanged since last run'}\n`);
      io.out(formatSummary(summary) + '\n');
    }
  } finally {
    await database.close();
  }
  return ok ? 0 : 1;
}
