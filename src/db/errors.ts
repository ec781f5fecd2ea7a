import { DcnetError } from '../errors.js';

/** Stable codes for the database layer. */
export const DB_ERROR_CODES = [
  'DB_CONFIG', // the connection settings themselves are wrong (unparseable URL, ...)
  'DB_CONNECT', // could not open or reach the database
  'DB_MIGRATE', // a migration failed to apply
  'DB_QUERY', // a repository query failed
  'DB_INVALID', // a repository was handed a value it refuses to store
] as const;
export type DbErrorCode = (typeof DB_ERROR_CODES)[number];

export class DbError extends DcnetError {
  declare readonly code: DbErrorCode;
  constructor(code: DbErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(code, message, details);
    if (cause !== undefined) this.cause = cause;
  }
}

/** The parts of a connection URL that are safe to print: never the password. */
export interface SafeTarget {
  host?: string | undefined;
  port?: string | undefined;
  database?: string | undefined;
  user?: string | undefined;
  /** The URL with its password replaced by `<secret>`. */
  url: string;
}

export function describeUrl(raw: string): SafeTarget {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { url: '<unparseable url>' };
  }
  if (u.password) u.password = '<secret>';
  // Query strings can carry a password too (?password=...).
  for (const key of [...u.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) u.searchParams.set(key, '<secret>');
  }
  return {
    host: u.hostname || undefined,
    port: u.port || undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    user: decodeURIComponent(u.username) || undefined,
    url: u.toString().replace(/%3Csecret%3E/gi, '<secret>'),
  };
}

/** Same as `describeUrl(raw).url`. */
export function redactUrl(raw: string): string {
  return describeUrl(raw).url;
}

/** The message of an unknown thrown value, with any of the given secrets blanked out. */
export function causeMessage(err: unknown, secrets: readonly string[] = []): string {
  let msg = err instanceof Error ? err.message : String(err);
  // AggregateError (pg on dual-stack localhost) carries the useful text in its parts.
  if (!msg && err instanceof AggregateError) msg = err.errors.map((e) => causeMessage(e)).join('; ');
  if (!msg && typeof err === 'object' && err !== null && 'code' in err) msg = String(err.code);
  for (const s of secrets) if (s) msg = msg.split(s).join('<secret>');
  return msg;
}

/** The password in a URL, decoded, for scrubbing from driver messages. */
export function passwordOf(raw: string): string[] {
  try {
    const u = new URL(raw);
    return u.password ? [u.password, decodeURIComponent(u.password)] : [];
  } catch {
    return [];
  }
}

/** Runs a repository operation, turning driver failures into `DbError('DB_QUERY')` that say what was being done. */
export async function withQueryError<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DbError) throw err;
    throw new DbError('DB_QUERY', `${what} failed: ${causeMessage(err)}`, undefined, err);
  }
}
