/**
 * A MIB view the agent answers from: Get, GetNext and Set over objects in OID order. Values are
 * computed per request (one request = one `RequestContext`, one clock reading), so counters
 * in a response agree with each other and with the state at that instant.
 */

export type Oid = readonly number[];

/** BER tags (reference/snmp.md §1). */
export const T = {
  Integer: 2, OctetString: 4, Null: 5, OID: 6, IpAddress: 64, Counter32: 65, Gauge32: 66, TimeTicks: 67,
  Opaque: 68, Counter64: 70, NoSuchObject: 128, NoSuchInstance: 129, EndOfMibView: 130,
} as const;

/** v2 error-status values (reference/snmp.md §1). */
export const ERR = {
  noError: 0, tooBig: 1, noSuchName: 2, badValue: 3, readOnly: 4, genErr: 5, noAccess: 6, wrongType: 7,
  wrongLength: 8, wrongEncoding: 9, wrongValue: 10, noCreation: 11, inconsistentValue: 12, notWritable: 17,
} as const;

export interface SnmpValue {
  type: number;
  /** Integer/Counter32/Gauge32/TimeTicks: number; Counter64: bigint; OctetString: string | Buffer; OID and IpAddress: dotted string. */
  value: number | bigint | string | Buffer | null;
}

export interface RequestContext {
  now: number;
  /** Memo for row lists and other per-request computations. */
  memo: Map<string, unknown>;
}

export interface SetOutcome {
  /** error-status for this varbind (0 = it can be applied). */
  error: number;
  /** Applies the change; called only when every varbind of the request validated. */
  commit?: () => void;
}

export interface MibView {
  get(oid: Oid, ctx: RequestContext): SnmpValue;
  /** The next instance after `oid` in OID order (`name`: the same OID as a dotted string, when at hand), or undefined at the end of the MIB. */
  next(oid: Oid, ctx: RequestContext): { oid: Oid; value: SnmpValue; name?: string } | undefined;
  /** Validate a SET of one varbind; undefined `set` makes every object not writable. */
  set?(oid: Oid, value: { type: number; value: unknown }, ctx: RequestContext): SetOutcome;
}

export function parseOid(s: string): number[] {
  const t = s.startsWith('.') ? s.slice(1) : s;
  if (t === '') return [];
  return t.split('.').map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n < 0) throw new Error(`bad OID '${s}'`);
    return n;
  });
}

export function formatOid(oid: Oid): string {
  return oid.join('.');
}

/** Compare component by component as unsigned integers; a prefix sorts first. */
export function compareOids(a: Oid, b: Oid): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function isPrefix(prefix: Oid, oid: Oid): boolean {
  if (prefix.length > oid.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== oid[i]) return false;
  return true;
}

/** Index of the first element of sorted `list` whose key is > `oid` (strictly). */
export function upperBound<X>(list: readonly X[], oid: Oid, key: (x: X) => Oid): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareOids(key(list[mid]!), oid) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An IPv4 address as OID components. */
export function ipIndex(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** A string as an OID index (length-prefixed octets, as for IMPLIED-less OCTET STRING indices). */
export function stringIndex(s: string): number[] {
  const b = Buffer.from(s, 'utf8');
  return [b.length, ...b];
}

// ------------------------------------------------------------------------------ object-based view

export interface Row<R> {
  index: Oid;
  row: R;
}

/** A scalar or one column of a table: base OID, its rows in order, the value of a row. */
export interface MibObject {
  oid: Oid;
  rows(ctx: RequestContext): readonly Row<unknown>[];
  value(row: unknown, index: Oid, ctx: RequestContext): SnmpValue | undefined;
  set?(row: unknown, index: Oid, value: { type: number; value: unknown }, ctx: RequestContext): SetOutcome;
}

const SCALAR_ROWS: readonly Row<unknown>[] = [{ index: [0], row: undefined }];

export function scalar(
  oid: string,
  value: (ctx: RequestContext) => SnmpValue | undefined,
  set?: (value: { type: number; value: unknown }, ctx: RequestContext) => SetOutcome,
): MibObject {
  return {
    oid: parseOid(oid),
    rows: () => SCALAR_ROWS,
    value: (_row, _index, ctx) => value(ctx),
    ...(set ? { set: (_row: unknown, _index: Oid, v: { type: number; value: unknown }, ctx: RequestContext) => set(v, ctx) } : {}),
  };
}

export interface Column<R> {
  value: (row: R, ctx: RequestContext) => SnmpValue | undefined;
  set?: (row: R, value: { type: number; value: unknown }, ctx: RequestContext) => SetOutcome;
}

/**
 * A table: `entry` OID (…Table.1), a row source (memoised per request, sorted here), and columns
 * by number. A column value of undefined leaves a hole (GetNext skips it).
 */
export function table<R>(entry: string, name: string, rows: (ctx: RequestContext) => Row<R>[], columns: Record<number, Column<R>>): MibObject[] {
  const base = parseOid(entry);
  const rowsOf = (ctx: RequestContext): readonly Row<R>[] => {
    let r = ctx.memo.get(name) as Row<R>[] | undefined;
    if (!r) {
      r = rows(ctx).sort((a, b) => compareOids(a.index, b.index));
      ctx.memo.set(name, r);
    }
    return r;
  };
  return Object.entries(columns).map(([col, c]) => ({
    oid: [...base, Number(col)],
    rows: rowsOf as (ctx: RequestContext) => readonly Row<unknown>[],
    value: (row, _index, ctx) => c.value(row as R, ctx),
    ...(c.set ? { set: (row: unknown, _index: Oid, v: { type: number; value: unknown }, ctx: RequestContext) => c.set!(row as R, v, ctx) } : {}),
  }));
}

/** A view over MibObjects sorted by OID. */
export class ObjectMib implements MibView {
  private readonly objects: MibObject[];
  private readonly names = new Map<MibObject, string>();

  constructor(objects: MibObject[]) {
    this.objects = [...objects].sort((a, b) => compareOids(a.oid, b.oid));
    for (const o of this.objects) this.names.set(o, formatOid(o.oid));
    for (let i = 1; i < this.objects.length; i++) {
      if (isPrefix(this.objects[i - 1]!.oid, this.objects[i]!.oid)) {
        throw new Error(`MIB objects overlap: ${formatOid(this.objects[i - 1]!.oid)} and ${formatOid(this.objects[i]!.oid)}`);
      }
    }
  }

  private owner(oid: Oid): MibObject | undefined {
    // the object whose OID is a prefix of `oid`: the last one with oid ≤ `oid`
    const i = upperBound(this.objects, oid, (o) => o.oid) - 1;
    const o = i >= 0 ? this.objects[i] : undefined;
    return o && isPrefix(o.oid, oid) ? o : undefined;
  }

  private find(obj: MibObject, oid: Oid, ctx: RequestContext): Row<unknown> | undefined {
    const index = oid.slice(obj.oid.length);
    const rows = obj.rows(ctx);
    const i = upperBound(rows, index, (r) => r.index) - 1;
    const r = i >= 0 ? rows[i] : undefined;
    return r && compareOids(r.index, index) === 0 ? r : undefined;
  }

  get(oid: Oid, ctx: RequestContext): SnmpValue {
    const obj = this.owner(oid);
    if (!obj) return { type: T.NoSuchObject, value: null };
    const row = this.find(obj, oid, ctx);
    const v = row ? obj.value(row.row, row.index, ctx) : undefined;
    return v ?? { type: T.NoSuchInstance, value: null };
  }

  next(oid: Oid, ctx: RequestContext): { oid: Oid; value: SnmpValue; name: string } | undefined {
    // first object that can hold something after `oid`: its subtree is not entirely ≤ oid
    let i = upperBound(this.objects, oid, (o) => o.oid) - 1;
    if (i < 0 || !isPrefix(this.objects[i]!.oid, oid)) i++;
    for (; i < this.objects.length; i++) {
      const obj = this.objects[i]!;
      const rows = obj.rows(ctx);
      let j = 0;
      if (isPrefix(obj.oid, oid)) j = upperBound(rows, oid.slice(obj.oid.length), (r) => r.index);
      else if (compareOids(obj.oid, oid) < 0) continue;
      for (; j < rows.length; j++) {
        const r = rows[j]!;
        const v = obj.value(r.row, r.index, ctx);
        if (v !== undefined) return { oid: [...obj.oid, ...r.index], value: v, name: `${this.names.get(obj)!}.${r.index.join('.')}` };
      }
    }
    return undefined;
  }

  set(oid: Oid, value: { type: number; value: unknown }, ctx: RequestContext): SetOutcome {
    const obj = this.owner(oid);
    if (!obj) return { error: ERR.noCreation };
    const row = this.find(obj, oid, ctx);
    if (!row) return { error: obj.set ? ERR.noCreation : ERR.notWritable };
    if (!obj.set) return { error: ERR.notWritable };
    return obj.set(row.row, row.index, value, ctx);
  }
}

// ------------------------------------------------------------------------------ value helpers

export const int = (value: number): SnmpValue => ({ type: T.Integer, value });
export const str = (value: string | Buffer): SnmpValue => ({ type: T.OctetString, value });
export const oidv = (value: string): SnmpValue => ({ type: T.OID, value });
export const ip = (value: string): SnmpValue => ({ type: T.IpAddress, value });
export const counter32 = (value: bigint | number): SnmpValue => ({ type: T.Counter32, value: Number(BigInt(value) & 0xffffffffn) });
export const gauge32 = (value: number): SnmpValue => ({ type: T.Gauge32, value: Math.max(0, Math.min(4294967295, Math.floor(value))) });
export const ticks = (value: number): SnmpValue => ({ type: T.TimeTicks, value: Math.floor(value) % 4294967296 });
export const counter64 = (value: bigint): SnmpValue => ({ type: T.Counter64, value: BigInt.asUintN(64, value) });
