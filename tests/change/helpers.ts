/**
 * Helpers for the change engine's tests: a lab of a few provincial-dc devices (SSH on free ports),
 * a migrated in-memory PGlite (or a throwaway PostgreSQL database), an engine pointed at the lab,
 * and topology variants (new descriptions) to plan against.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

import pg from 'pg';
import pino from 'pino';

import { ChangeEngine, type ChangeEngineOptions, type ChangeEvent } from '../../src/change/index.js';
import { type Database, migrateDatabase, openDatabase } from '../../src/db/index.js';
import { MemoryHostKeyStore } from '../../src/drivers/index.js';
import { type LabHandle, type LabOptions, startLab } from '../../src/lab/index.js';
import { type Device, type LoadResult, type Topology, loadTopology, loadTopologyFromObject } from '../../src/model/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PROVINCIAL = join(ROOT, 'topology/provincial-dc');
export const PASSWORD = 'change-test-pass';
export const COMMUNITY = 'change-test-community';

/** Every env: reference of the provincial topology, resolved (the lab and the engine read the same). */
export const ENV: NodeJS.ProcessEnv = {
  DCNET_CORE_PASSWORD: PASSWORD, DCNET_ACCESS_PASSWORD: PASSWORD, DCNET_RGOS_PASSWORD: PASSWORD,
  DCNET_SNMP_COMMUNITY: COMMUNITY, DCNET_SNMP_AUTH_KEY: 'change-test-auth', DCNET_SNMP_PRIV_KEY: 'change-test-priv',
};

export const silent = pino({ level: 'silent' });

let base: Topology | undefined;
/** The provincial topology (loaded once; callers get a deep copy). */
export function provincial(): Topology {
  base ??= loadTopology(PROVINCIAL).topology;
  return structuredClone(base);
}

export function loadOf(topology: Topology): LoadResult {
  const load = loadTopologyFromObject(structuredClone(topology), PROVINCIAL);
  if (!load.schemaValid) throw new Error(`test topology does not load: ${load.findings.map((f) => f.message).join('; ')}`);
  return load;
}

/** A copy of the topology where the first `n` port descriptions of each named device carry `tag`. */
export function withDescriptions(topology: Topology, devices: readonly string[], tag: string, n = 2): Topology {
  const t = structuredClone(topology);
  for (const d of t.devices) {
    if (!devices.includes(d.name)) continue;
    (d.ports ?? []).slice(0, n).forEach((p, i) => { p.description = `${tag} ${d.name} ${i + 1}`; });
  }
  return t;
}

export interface Rig {
  lab: LabHandle;
  database: Database;
  engine: ChangeEngine;
  events: ChangeEvent[];
  /** Where the engine reaches a device: the lab's address table. */
  targetOverride: (d: Device) => { host: string; port: number; snmpPort?: number };
  /** A lab device's own running / saved configuration (the lab's state, not through a driver). */
  running(device: string): string;
  saved(device: string): string;
  newEngine(extra?: Partial<ChangeEngineOptions>): ChangeEngine;
  close(): Promise<void>;
}

export interface RigOptions {
  devices: readonly string[];
  lab?: Partial<LabOptions>;
  topology?: Topology;
  engine?: Partial<ChangeEngineOptions>;
  /** Open this database instead of an in-memory PGlite. */
  database?: () => Promise<Database>;
}

export async function startRig(o: RigOptions): Promise<Rig> {
  const topology = o.topology ?? provincial();
  const lab = await startLab(topology, { sshPort: 0, snmp: false, configured: true, only: o.devices, env: ENV, ...o.lab });
  const database = o.database ? await o.database() : await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const hostKeys = new MemoryHostKeyStore();
  const events: ChangeEvent[] = [];
  const engines: ChangeEngine[] = [];
  const newEngine = (extra: Partial<ChangeEngineOptions> = {}): ChangeEngine => {
    const e = new ChangeEngine({
      database, hostKeys, env: ENV, logger: silent, settleMs: 1_000, pollMs: 50, rollbackRetryMs: [100, 200],
      onEvent: (ev) => events.push(ev), ...o.engine, ...extra,
    });
    engines.push(e);
    return e;
  };
  const engine = newEngine();
  return {
    lab, database, engine, events, newEngine,
    targetOverride: (d) => {
      const e = lab.devices.find((x) => x.name === d.name)!;
      return { host: e.address, port: e.sshPort, snmpPort: e.snmpPort };
    },
    running: (d) => lab.network.device(d).running,
    saved: (d) => lab.network.device(d).saved,
    async close() {
      for (const e of engines) await e.close();
      await lab.stop();
      await database.close();
    },
  };
}

// ---------------------------------------------------------------------------- PostgreSQL

const baseUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export function pgUrl(database: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/** A throwaway database on the real server: its URL and a drop function. */
export async function throwawayPostgres(prefix = 'dcnet_change'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  return { url: pgUrl(name), name, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function openPostgres(url: string): Promise<Database> {
  return openDatabase({ url, poolMax: 10 });
}
