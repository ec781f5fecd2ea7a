// Public surface of the database layer.
export {
  openDatabase,
  DEFAULT_DATA_DIR,
  MEMORY_DATA_DIR,
  type Database,
  type DatabaseKind,
  type Db,
  type DbLogger,
  type OpenDatabaseOptions,
  type Schema,
} from './client.js';
export { migrateDatabase, MIGRATIONS_FOLDER, MIGRATIONS_TABLE, type MigrateOptions } from './migrate.js';
export { DbError, DB_ERROR_CODES, redactUrl, type DbErrorCode } from './errors.js';
export * from './repositories/audit.js';
export * from './repositories/topology-revisions.js';
export * from './repositories/host-keys.js';
export * as schema from './schema/index.js';
export type { AuditRow, NewAuditRow, TopologyRevisionRow, NewTopologyRevisionRow } from './schema/index.js';
export type { SshHostKeyRow, NewSshHostKeyRow } from './schema/index.js';
export type {
  ChangePlanRow, ChangePlanDeviceRow, ChangeRow, ChangeDeviceRow, ChangeStepRow, DeviceLockRow, PlaybookRunRow,
} from './schema/index.js';
