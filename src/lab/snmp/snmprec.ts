/**
 * snmpsim `.snmprec` recordings: one `OID|TAG|VALUE` per line; TAG is the BER tag in decimal
 * (2 INTEGER, 4 OCTET STRING, 6 OID, 64 IpAddress, 65 Counter32, 66 Gauge32, 67 TimeTicks,
 * 68 Opaque, 70 Counter64), with an `x` suffix when VALUE is hex (`4x`). Served exactly, in OID
 * order, read-only. Unlike snmpsim 0.4.5 this keeps trailing blanks of a value (only the line's
 * CR is dropped), so the bytes served are the bytes in the file.
 */
import { readFileSync } from 'node:fs';
import {
  ERR, T, compareOids, formatOid, parseOid, upperBound,
  type MibView, type Oid, type SetOutcome, type SnmpValue,
} from './mib.js';

export interface SnmprecEntry {
  oid: Oid;
  value: SnmpValue;
}

export class SnmprecError extends Error {}

function bytesToIp(b: Buffer): string {
  if (b.length !== 4) throw new SnmprecError(`IpAddress of ${b.length} bytes`);
  return [...b].join('.');
}

function decodeValue(tag: number, hex: boolean, raw: Buffer): SnmpValue {
  const text = () => raw.toString('latin1');
  const bytes = hex ? Buffer.from(text(), 'hex') : raw;
  switch (tag) {
    case T.Integer: {
      const n = hex ? bytes.readIntBE(0, Math.min(6, bytes.length)) : Number(text());
      if (!Number.isInteger(n)) throw new SnmprecError(`bad INTEGER '${text()}'`);
      return { type: tag, value: n };
    }
    case T.OctetString:
    case T.Opaque:
      return { type: tag, value: Buffer.from(bytes) };
    case T.OID:
      return { type: tag, value: formatOid(parseOid(hex ? bytes.toString('latin1') : text())) };
    case T.IpAddress:
      return { type: tag, value: hex ? bytesToIp(bytes) : text() };
    case T.Counter32:
    case T.Gauge32:
    case T.TimeTicks: {
      const n = hex ? Number(BigInt(`0x${bytes.toString('hex') || '0'}`)) : Number(text());
      if (!Number.isInteger(n) || n < 0 || n > 4294967295) throw new SnmprecError(`bad unsigned 32-bit value '${text()}'`);
      return { type: tag, value: n };
    }
    case T.Counter64: {
      const n = hex ? BigInt(`0x${bytes.toString('hex') || '0'}`) : BigInt(text());
      return { type: tag, value: n };
    }
    case T.Null:
      return { type: tag, value: null };
    default:
      throw new SnmprecError(`unsupported tag ${tag}`);
  }
}

/** Parse a recording; entries sorted by OID, the first of duplicates kept. */
export function parseSnmprec(data: Buffer | string, file = '<snmprec>'): SnmprecEntry[] {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out: SnmprecEntry[] = [];
  let start = 0;
  let line = 0;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    line++;
    let stop = end;
    if (stop > start && buf[stop - 1] === 0x0d) stop--;
    const rec = buf.subarray(start, stop);
    start = end + 1;
    if (rec.length === 0 || rec[0] === 0x23 /* # */) continue;
    const p1 = rec.indexOf(0x7c);
    const p2 = p1 < 0 ? -1 : rec.indexOf(0x7c, p1 + 1);
    if (p1 < 0 || p2 < 0) throw new SnmprecError(`${file}:${line}: expected OID|TAG|VALUE`);
    const oidText = rec.subarray(0, p1).toString('latin1').trim();
    const tagText = rec.subarray(p1 + 1, p2).toString('latin1').trim();
    const m = /^(\d+)(x?)$/.exec(tagText);
    if (!m) throw new SnmprecError(`${file}:${line}: unsupported tag '${tagText}' (variation modules are not supported)`);
    try {
      out.push({ oid: parseOid(oidText), value: decodeValue(Number(m[1]), m[2] === 'x', rec.subarray(p2 + 1)) });
    } catch (e) {
      throw new SnmprecError(`${file}:${line}: ${(e as Error).message}`);
    }
  }
  out.sort((a, b) => compareOids(a.oid, b.oid));
  return out.filter((e, i) => i === 0 || compareOids(out[i - 1]!.oid, e.oid) !== 0);
}

export function loadSnmprec(file: string): SnmprecEntry[] {
  return parseSnmprec(readFileSync(file), file);
}

/** Serves a recording as it is: Get, GetNext in OID order, every SET refused (notWritable). */
export class SnmprecMib implements MibView {
  constructor(readonly entries: readonly SnmprecEntry[]) {}

  get(oid: Oid): SnmpValue {
    const i = upperBound(this.entries, oid, (e) => e.oid) - 1;
    const e = i >= 0 ? this.entries[i] : undefined;
    if (e && compareOids(e.oid, oid) === 0) return e.value;
    // snmpsim answers every missing OID with noSuchInstance (v2c); so does this
    return { type: T.NoSuchInstance, value: null };
  }

  next(oid: Oid): { oid: Oid; value: SnmpValue } | undefined {
    const e = this.entries[upperBound(this.entries, oid, (x) => x.oid)];
    return e ? { oid: e.oid, value: e.value } : undefined;
  }

  set(): SetOutcome {
    return { error: ERR.notWritable };
  }
}
