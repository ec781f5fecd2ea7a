/**
 * Quick port actions over SNMP SET (snmp-native, SNMPv2c; reference/snmp.md §3, §10): shut or
 * no-shut a port (IF-MIB ifAdminStatus) and set its alias (IF-MIB ifAlias, the `description` on
 * both vendors). The port is found by name in ifName, then ifDescr (never by a remembered ifIndex:
 * it may change after a reboot), and every SET is verified by reading the value back.
 *
 * Errors: DRIVER_SNMP_NOT_FOUND (no such port), DRIVER_SNMP_TIMEOUT (no answer: wrong community,
 * agent down, filtered), DRIVER_SNMP (an error status such as notWritable, or a transport failure),
 * DRIVER_SNMP_VERIFY (the value read back differs). The community is never in a message or detail.
 */
import { createRequire } from 'node:module';

import type { Logger } from 'pino';

import type { Secret } from './credentials.js';
import { DriverError, isDriverError } from './errors.js';

export const SNMP_OIDS = {
  ifDescr: '.1.3.6.1.2.1.2.2.1.2',
  ifAdminStatus: '.1.3.6.1.2.1.2.2.1.7',
  ifOperStatus: '.1.3.6.1.2.1.2.2.1.8',
  ifName: '.1.3.6.1.2.1.31.1.1.1.1',
  ifAlias: '.1.3.6.1.2.1.31.1.1.1.18',
} as const;

const ASN1_INTEGER = 0x02;
const ASN1_OCTET_STRING = 0x04;

// snmp-native ships no types; these are the parts used here (read from its lib/snmp.js, v1.2.0).
interface VarBind {
  oid: number[];
  type: number;
  value: unknown;
  valueRaw?: Buffer;
}
interface CallOptions {
  oid?: string | number[];
  value?: unknown;
  type?: number;
  combinedTimeout?: number;
}
type Callback = (error: Error | null, varbinds: VarBind[]) => void;
interface NativeSession {
  get(o: CallOptions, cb: Callback): void;
  set(o: CallOptions, cb: Callback): void;
  getSubtree(o: CallOptions, cb: Callback): void;
  close(): void;
}
interface SnmpNative {
  Session: new (o: { host: string; port?: number; community: string; timeouts?: number[]; family?: 'udp4' | 'udp6' }) => NativeSession;
}

// A CommonJS package without an ESM entry: loaded through require so that no ambient module
// declaration is needed in src/.
const snmpNative = createRequire(import.meta.url)('snmp-native') as SnmpNative;

export interface SnmpSetOptions {
  device: string;
  host: string;
  /** Default 161. */
  port?: number;
  /** A read-write community (SNMPv2c: snmp-native has no v3). */
  community: Secret | string;
  /** Retransmission timeouts (ms): one try per entry. Default [1000, 1000, 1000]. */
  timeouts?: number[];
  /** Known ifIndex: skips the name lookup (it is still checked to carry the name). */
  ifIndex?: number;
  logger?: Logger;
}

export interface SnmpPortResult {
  device: string;
  port: string;
  ifIndex: number;
  object: 'ifAdminStatus' | 'ifAlias';
  /** The value read back after the SET (1 up / 2 down for ifAdminStatus). */
  value: number | string;
  /** ifOperStatus after the SET, when read (ifAdminStatus only). */
  operStatus?: number;
}

function call(session: NativeSession, op: 'get' | 'set' | 'getSubtree', o: CallOptions): Promise<VarBind[]> {
  return new Promise((resolve, reject) => {
    try {
      session[op](o, (err, vbs) => (err ? reject(err) : resolve(vbs ?? [])));
    } catch (err) {
      reject(err);
    }
  });
}

function snmpError(o: SnmpSetOptions, what: string, err: unknown): DriverError {
  if (isDriverError(err)) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const where = { device: o.device, host: o.host, port: o.port ?? 161 };
  if (/timeout/i.test(msg)) {
    return new DriverError('DRIVER_SNMP_TIMEOUT', `${o.device}: no SNMP answer while ${what} (wrong community, agent down or filtered)`, { ...where, operation: what }, err);
  }
  return new DriverError('DRIVER_SNMP', `${o.device}: SNMP ${what} failed: ${msg}`, { ...where, operation: what, status: msg }, err);
}

function normName(n: string): string {
  return n.replace(/\s+/g, '').toLowerCase();
}

function text(vb: VarBind | undefined): string | undefined {
  if (!vb || typeof vb.value !== 'string') return undefined;
  return vb.value;
}

async function withSession<T>(o: SnmpSetOptions, fn: (s: NativeSession) => Promise<T>): Promise<T> {
  const community = typeof o.community === 'string' ? o.community : o.community.reveal();
  const s = new snmpNative.Session({ host: o.host, port: o.port ?? 161, community, timeouts: o.timeouts ?? [1000, 1000, 1000] });
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

/** The ifIndex of a port, by ifName, then ifDescr (exact first, then ignoring case and blanks). */
export async function findPortIndex(o: SnmpSetOptions, port: string): Promise<number> {
  return withSession(o, (s) => lookup(s, o, port));
}

async function lookup(s: NativeSession, o: SnmpSetOptions, port: string): Promise<number> {
  if (o.ifIndex !== undefined) {
    for (const col of [SNMP_OIDS.ifName, SNMP_OIDS.ifDescr]) {
      let vbs: VarBind[];
      try {
        vbs = await call(s, 'get', { oid: `${col}.${o.ifIndex}` });
      } catch (err) {
        throw snmpError(o, `reading the name of ifIndex ${o.ifIndex}`, err);
      }
      const name = text(vbs[0]);
      if (name !== undefined && normName(name) === normName(port)) return o.ifIndex;
    }
    throw new DriverError('DRIVER_SNMP_NOT_FOUND', `${o.device}: ifIndex ${o.ifIndex} is not ${port}`, { device: o.device, port, ifIndex: o.ifIndex });
  }
  for (const col of [SNMP_OIDS.ifName, SNMP_OIDS.ifDescr]) {
    let rows: VarBind[];
    try {
      rows = await call(s, 'getSubtree', { oid: col });
    } catch (err) {
      throw snmpError(o, `walking ${col === SNMP_OIDS.ifName ? 'ifName' : 'ifDescr'}`, err);
    }
    const named = rows.map((vb) => ({ index: vb.oid[vb.oid.length - 1]!, name: text(vb) ?? '' }));
    const exact = named.find((r) => r.name === port) ?? named.find((r) => normName(r.name) === normName(port));
    if (exact) return exact.index;
  }
  throw new DriverError('DRIVER_SNMP_NOT_FOUND', `${o.device}: no interface named ${port} in ifName or ifDescr`, { device: o.device, port });
}

async function setAndVerify(
  o: SnmpSetOptions,
  port: string,
  object: 'ifAdminStatus' | 'ifAlias',
  value: number | string,
): Promise<SnmpPortResult> {
  const log = o.logger?.child({ device: o.device });
  return withSession(o, async (s) => {
    const ifIndex = await lookup(s, o, port);
    const oid = `${SNMP_OIDS[object]}.${ifIndex}`;
    log?.debug({ port, ifIndex, object, value }, 'snmp set');
    try {
      await call(s, 'set', { oid, value, type: object === 'ifAlias' ? ASN1_OCTET_STRING : ASN1_INTEGER });
    } catch (err) {
      throw snmpError(o, `setting ${object} of ${port}`, err);
    }
    let back: VarBind[];
    try {
      back = await call(s, 'get', { oid });
    } catch (err) {
      throw snmpError(o, `reading back ${object} of ${port}`, err);
    }
    const got = back[0]?.value;
    if (got !== value) {
      throw new DriverError('DRIVER_SNMP_VERIFY', `${o.device}: ${object} of ${port} reads ${JSON.stringify(got)} after setting ${JSON.stringify(value)}`, {
        device: o.device, port, ifIndex, object, expected: value, actual: got,
      });
    }
    const result: SnmpPortResult = { device: o.device, port, ifIndex, object, value };
    if (object === 'ifAdminStatus') {
      try {
        const op = await call(s, 'get', { oid: `${SNMP_OIDS.ifOperStatus}.${ifIndex}` });
        if (typeof op[0]?.value === 'number') result.operStatus = op[0].value;
      } catch { /* the oper status is informative only */ }
    }
    return result;
  });
}

/** Shut (`up: false`, ifAdminStatus down(2)) or no-shut (`up: true`, up(1)) a port, verified. */
export function setPortAdminStatus(o: SnmpSetOptions, port: string, up: boolean): Promise<SnmpPortResult> {
  return setAndVerify(o, port, 'ifAdminStatus', up ? 1 : 2);
}

/** Set a port's alias (description), verified. */
export function setPortAlias(o: SnmpSetOptions, port: string, alias: string): Promise<SnmpPortResult> {
  if (alias.length > 64) {
    return Promise.reject(new DriverError('DRIVER_SNMP', `${o.device}: an ifAlias holds at most 64 characters (RFC 2863), ${alias.length} given`, { device: o.device, port, length: alias.length }));
  }
  return setAndVerify(o, port, 'ifAlias', alias);
}
