/**
 * One SNMP agent per lab device, on its own address. net-snmp's Agent does the wire work
 * (BER, v1/v2c community check, SNMPv3 USM with discovery, auth and privacy); the request
 * handlers are replaced by ours so that every answer is computed from the lab's state at that
 * instant (or read from an snmprec recording), with RFC 3416 GetNext/GetBulk semantics.
 *
 * As real agents: a wrong community gets no answer; a device that is down or has the
 * `snmpSilent` fault answers nothing; `snmpLatencyMs` delays every answer.
 */
import dgram, { type RemoteInfo, type Socket } from 'node:dgram';
import snmp from 'net-snmp';
import { engineIdOf } from '../state/identity.js';
import type { LabDevice } from '../state/device.js';
import { createDeviceMib } from './device-mib.js';
import { ERR, T, compareOids, formatOid, parseOid, type MibView, type Oid, type RequestContext, type SnmpValue } from './mib.js';
import { SnmprecMib, loadSnmprec, type SnmprecEntry } from './snmprec.js';

export type SnmpAccess = 'ro' | 'rw';

export interface SnmpCommunity {
  name: string;
  /** Default rw. */
  access?: SnmpAccess;
}

export interface SnmpV3User {
  name: string;
  level?: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
  authProtocol?: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  authKey?: string;
  privProtocol?: 'des' | 'aes' | 'aes256b' | 'aes256r';
  privKey?: string;
  /** Default rw. */
  access?: SnmpAccess;
}

export interface SnmpAgentOptions {
  /** Listening address (default 127.0.0.1). */
  address?: string;
  /** UDP port (default 1161; 0 = any free port, read it back from the handle). */
  port?: number;
  /** One read-write community. When no community, communities or v3Users are given: 'public'. */
  community?: string;
  communities?: (string | SnmpCommunity)[];
  v3Users?: SnmpV3User[];
  /** Serve this recording exactly instead of the device's state (faults still apply). */
  snmprecFile?: string;
  /** The same, already parsed (to share one parse between many agents). */
  snmprec?: readonly SnmprecEntry[];
  /** Largest response in bytes; GetBulk returns fewer varbinds rather than exceed it (default 12000, VRP's default `snmp-agent packet max-size`). */
  maxResponseBytes?: number;
  /** SNMPv3 engine ID (hex); default: RFC 3411 format 3 from the vendor's enterprise number and the device's MAC. */
  engineId?: string;
}

export interface SnmpAgentStats {
  /** Requests answered. */
  answered: number;
  /** Requests dropped by the silent/down faults. */
  dropped: number;
  /** Messages net-snmp refused (wrong community, unknown user, bad digest, garbage). */
  rejected: number;
}

export interface SnmpAgentHandle {
  readonly address: string;
  readonly port: number;
  readonly device: LabDevice | null;
  readonly stats: SnmpAgentStats;
  stop(): Promise<void>;
}

const DEFAULT_PORT = 1161;
const DEFAULT_MAX_RESPONSE = 12000;

// ------------------------------------------------------------------------------ encoding helpers

function counter64Buffer(v: bigint): Buffer {
  let hex = BigInt.asUintN(64, v).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const b = Buffer.from(hex, 'hex');
  return b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
}

function toVarbind(oid: string, v: SnmpValue): snmp.Varbind {
  switch (v.type) {
    case T.Counter64:
      return { oid, type: v.type, value: counter64Buffer(BigInt(v.value as bigint | number)) };
    case T.OctetString:
    case T.Opaque:
      return { oid, type: v.type, value: typeof v.value === 'string' ? Buffer.from(v.value, 'utf8') : v.value };
    default:
      return { oid, type: v.type, value: v.value };
  }
}

function lengthBytes(n: number): number {
  return n < 0x80 ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : 4;
}

function oidBytes(oid: Oid): number {
  let n = 1;
  for (let i = 2; i < oid.length; i++) {
    const c = oid[i]!;
    n += c < 0x80 ? 1 : c < 0x4000 ? 2 : c < 0x200000 ? 3 : c < 0x10000000 ? 4 : 5;
  }
  return n;
}

/** Encoded size of one varbind (close upper bound). */
function varbindBytes(oid: Oid, v: SnmpValue): number {
  let body: number;
  switch (v.type) {
    case T.OctetString:
    case T.Opaque:
      body = typeof v.value === 'string' ? Buffer.byteLength(v.value) : (v.value as Buffer).length;
      break;
    case T.OID:
      body = oidBytes(parseOid(String(v.value)));
      break;
    case T.IpAddress:
      body = 4;
      break;
    case T.Counter64:
      body = 9;
      break;
    case T.Integer:
    case T.Counter32:
    case T.Gauge32:
    case T.TimeTicks:
      body = 5;
      break;
    default:
      body = 0;
  }
  const o = oidBytes(oid);
  const inner = 1 + lengthBytes(o) + o + 1 + lengthBytes(body) + body;
  return 1 + lengthBytes(inner) + inner;
}

/** Message bytes besides the varbinds: header, community or USM, PDU fields. */
function overheadBytes(message: snmp.Message): number {
  return message.version === snmp.Version3 ? 200 : 40 + (message.community?.length ?? 0);
}

// ------------------------------------------------------------------------------ request processing

interface Engine {
  view: MibView;
  clock: () => number;
  maxResponseBytes: number;
  access: (message: snmp.Message) => SnmpAccess | undefined;
}

function echoOid(oid: string): string {
  // asn1-ber cannot write a one-component OID
  return oid.includes('.') ? oid : `${oid || '0'}.0`;
}

function nextUsable(view: MibView, oid: Oid, ctx: RequestContext, v1: boolean): { oid: Oid; value: SnmpValue; name?: string } | undefined {
  let cur = view.next(oid, ctx);
  while (v1 && cur && cur.value.type === T.Counter64) cur = view.next(cur.oid, ctx);
  return cur;
}

interface Response {
  varbinds: snmp.Varbind[];
  errorStatus: number;
  errorIndex: number;
}

function processRequest(engine: Engine, message: snmp.Message): Response {
  const pdu = message.pdu;
  const ctx: RequestContext = { now: engine.clock(), memo: new Map() };
  const v1 = message.version === snmp.Version1;
  const reqOids = pdu.varbinds.map((vb) => parseOid(vb.oid));
  const budget = Math.min(engine.maxResponseBytes, message.msgGlobalData?.msgMaxSize ?? Infinity) - overheadBytes(message);
  const tooBig = (): Response => ({
    varbinds: pdu.varbinds.map((vb) => ({ oid: echoOid(vb.oid), type: T.Null, value: null })), errorStatus: ERR.tooBig, errorIndex: 0,
  });
  const noSuchName = (i: number): Response => ({
    varbinds: pdu.varbinds.map((vb) => ({ oid: echoOid(vb.oid), type: T.Null, value: null })), errorStatus: ERR.noSuchName, errorIndex: i + 1,
  });

  switch (pdu.type) {
    case snmp.PduType.GetRequest: {
      const out: snmp.Varbind[] = [];
      let size = 0;
      for (let i = 0; i < reqOids.length; i++) {
        const v = engine.view.get(reqOids[i]!, ctx);
        if (v1 && (v.type >= T.NoSuchObject || v.type === T.Counter64)) return noSuchName(i);
        size += varbindBytes(reqOids[i]!, v);
        out.push(toVarbind(pdu.varbinds[i]!.oid, v));
      }
      return size > budget ? tooBig() : { varbinds: out, errorStatus: 0, errorIndex: 0 };
    }
    case snmp.PduType.GetNextRequest: {
      const out: snmp.Varbind[] = [];
      let size = 0;
      for (let i = 0; i < reqOids.length; i++) {
        const n = nextUsable(engine.view, reqOids[i]!, ctx, v1);
        if (!n) {
          if (v1) return noSuchName(i);
          out.push({ oid: echoOid(pdu.varbinds[i]!.oid), type: T.EndOfMibView, value: null });
          size += varbindBytes(reqOids[i]!, { type: T.EndOfMibView, value: null });
          continue;
        }
        size += varbindBytes(n.oid, n.value);
        out.push(toVarbind(n.name ?? formatOid(n.oid), n.value));
      }
      return size > budget ? tooBig() : { varbinds: out, errorStatus: 0, errorIndex: 0 };
    }
    case snmp.PduType.GetBulkRequest: {
      // RFC 3416 4.2.3: N non-repeaters once, then up to M rows of the R repeaters; fewer varbinds rather than tooBig.
      const n = Math.min(Math.max(pdu.nonRepeaters, 0), reqOids.length);
      const m = Math.max(pdu.maxRepetitions, 0);
      const out: snmp.Varbind[] = [];
      let size = 0;
      const push = (oid: Oid, echo: string, nx: { oid: Oid; value: SnmpValue; name?: string } | undefined): boolean => {
        const value = nx?.value ?? { type: T.EndOfMibView, value: null };
        const at = nx?.oid ?? oid;
        const b = varbindBytes(at, value);
        if (size + b > budget) return false;
        size += b;
        out.push(nx ? toVarbind(nx.name ?? formatOid(nx.oid), nx.value) : { oid: echo, type: T.EndOfMibView, value: null });
        return true;
      };
      for (let i = 0; i < n; i++) {
        if (!push(reqOids[i]!, echoOid(pdu.varbinds[i]!.oid), engine.view.next(reqOids[i]!, ctx))) {
          return out.length === 0 ? tooBig() : { varbinds: out, errorStatus: 0, errorIndex: 0 };
        }
      }
      // an exhausted repeater reports endOfMibView under the last name it reached (RFC 3416 4.2.3)
      const cursors = reqOids.slice(n).map((oid, k) => ({ oid: oid as Oid, echo: echoOid(pdu.varbinds[n + k]!.oid), ended: false }));
      rows: for (let rep = 0; rep < m && cursors.length > 0; rep++) {
        if (cursors.every((c) => c.ended)) break;
        for (const c of cursors) {
          const nx = c.ended ? undefined : engine.view.next(c.oid, ctx);
          if (!push(c.oid, c.echo, nx)) break rows;
          if (nx) {
            c.oid = nx.oid;
            c.echo = nx.name ?? formatOid(nx.oid);
          } else c.ended = true;
        }
      }
      return { varbinds: out, errorStatus: 0, errorIndex: 0 };
    }
    case snmp.PduType.SetRequest: {
      const echo = { varbinds: pdu.varbinds.map((vb) => ({ ...vb, oid: echoOid(vb.oid) })) };
      if (engine.access(message) !== 'rw') return { ...echo, errorStatus: v1 ? ERR.noSuchName : ERR.noAccess, errorIndex: 1 };
      const commits: (() => void)[] = [];
      for (let i = 0; i < reqOids.length; i++) {
        const outcome = engine.view.set ? engine.view.set(reqOids[i]!, pdu.varbinds[i]!, ctx) : { error: ERR.notWritable };
        if (outcome.error) return { ...echo, errorStatus: outcome.error, errorIndex: i + 1 };
        if (outcome.commit) commits.push(outcome.commit);
      }
      for (const c of commits) c();
      return { ...echo, errorStatus: 0, errorIndex: 0 };
    }
    default:
      return { varbinds: [], errorStatus: ERR.genErr, errorIndex: 0 };
  }
}

// ------------------------------------------------------------------------------ the agent

function normaliseCommunities(opts: SnmpAgentOptions): SnmpCommunity[] {
  const list: SnmpCommunity[] = [];
  if (opts.community !== undefined) list.push({ name: opts.community, access: 'rw' });
  for (const c of opts.communities ?? []) list.push(typeof c === 'string' ? { name: c, access: 'rw' } : c);
  if (list.length === 0 && (opts.v3Users ?? []).length === 0) list.push({ name: 'public', access: 'rw' });
  return list;
}

function toNetSnmpUser(u: SnmpV3User): snmp.User {
  const level = u.level ?? (u.privKey ? 'authPriv' : u.authKey ? 'authNoPriv' : 'noAuthNoPriv');
  return {
    name: u.name,
    level: snmp.SecurityLevel[level],
    ...(level !== 'noAuthNoPriv' ? { authProtocol: snmp.AuthProtocols[u.authProtocol ?? 'sha'], authKey: u.authKey ?? '' } : {}),
    ...(level === 'authPriv' ? { privProtocol: snmp.PrivProtocols[u.privProtocol ?? 'aes'], privKey: u.privKey ?? '' } : {}),
  };
}

/** node:dgram whose sockets bind to any free port whatever port they are asked for (see startSnmpAgent). */
const anyPortDgram = {
  createSocket(type: dgram.SocketType): Socket {
    const socket = dgram.createSocket(type);
    const bind = socket.bind.bind(socket) as (port: number, address?: string) => Socket;
    (socket as unknown as { bind: (port: number, address?: string) => Socket }).bind = (_port: number, addr?: string) => bind(0, addr);
    return socket;
  },
};

/**
 * Start an SNMP agent for a lab device (or, with `device` null, for a recording alone).
 * Resolves once the socket listens; `stop()` closes it.
 */
export async function startSnmpAgent(device: LabDevice | null, options: SnmpAgentOptions = {}): Promise<SnmpAgentHandle> {
  const address = options.address ?? '127.0.0.1';
  const recording = options.snmprec ?? (options.snmprecFile ? loadSnmprec(options.snmprecFile) : undefined);
  if (!device && !recording) throw new Error('startSnmpAgent: a device or a recording is needed');
  const view: MibView = recording ? new SnmprecMib(recording) : createDeviceMib(device!);
  const communities = normaliseCommunities(options);
  const users = options.v3Users ?? [];
  const accessOf = new Map<string, SnmpAccess>();
  const userAccess = new Map<string, SnmpAccess>();
  for (const c of communities) accessOf.set(c.name, c.access ?? 'rw');
  for (const u of users) userAccess.set(u.name, u.access ?? 'rw');
  const stats: SnmpAgentStats = { answered: 0, dropped: 0, rejected: 0 };
  const engine: Engine = {
    view,
    clock: device ? device.net.clock : Date.now,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE,
    access: (m) => (m.version === snmp.Version3 ? userAccess.get(m.user?.name ?? '') : accessOf.get(m.community ?? '')),
  };

  const engineID = options.engineId ?? (device ? engineIdOf(device.topologyDevice) : undefined);
  const port = options.port ?? DEFAULT_PORT;
  const agent = snmp.createAgent({
    // net-snmp reads a port of 0 as "unset" and binds 161: ask for any free port through its dgram hook instead.
    port: port === 0 ? DEFAULT_PORT : port,
    address,
    ...(port === 0 ? { dgramModule: anyPortDgram } : {}),
    ...(engineID ? { engineID } : {}),
  }, (error) => {
    if (error) stats.rejected++;
  });
  const authorizer = agent.getAuthorizer();
  for (const c of communities) authorizer.addCommunity(c.name);
  for (const u of users) authorizer.addUser(toNetSnmpUser(u));

  const respond = (socket: Socket, message: snmp.Message, rinfo: RemoteInfo) => {
    let r: Response;
    try {
      r = processRequest(engine, message);
    } catch {
      r = { varbinds: message.pdu.varbinds.map((vb) => ({ oid: echoOid(vb.oid), type: T.Null, value: null })), errorStatus: ERR.genErr, errorIndex: 0 };
    }
    const resp = message.pdu.getResponsePduForRequest();
    resp.varbinds = r.varbinds;
    resp.errorStatus = r.errorStatus;
    resp.errorIndex = r.errorIndex;
    stats.answered++;
    agent.sendResponse(socket, rinfo, message, resp);
  };
  agent.getRequest = respond;
  agent.getNextRequest = respond;
  agent.getBulkRequest = respond;
  agent.setRequest = respond;

  const silent = () => !!device && (!device.up || !!device.faults.snmpSilent);
  const timers = new Set<NodeJS.Timeout>();
  const sockets = Object.values(agent.listener.sockets);
  for (const socket of sockets) {
    socket.removeAllListeners('message');
    socket.on('message', (buf: Buffer, rinfo: RemoteInfo) => {
      if (silent()) {
        stats.dropped++;
        return;
      }
      const delay = device?.faults.snmpLatencyMs ?? 0;
      if (delay <= 0) {
        agent.onMsg(socket, buf, rinfo);
        return;
      }
      const t = setTimeout(() => {
        timers.delete(t);
        if (silent()) {
          stats.dropped++;
          return;
        }
        agent.onMsg(socket, buf, rinfo);
      }, delay);
      timers.add(t);
    });
  }
  await Promise.all(sockets.map((s) => new Promise<void>((resolve, reject) => {
    s.once('listening', () => resolve());
    s.once('error', (e) => reject(e));
  }))).catch((e: unknown) => {
    agent.close();
    throw e;
  });
  const boundPort = sockets[0]!.address().port;

  let stopped = false;
  return {
    address,
    port: boundPort,
    device,
    stats,
    stop: () => new Promise<void>((resolve) => {
      if (stopped) return resolve();
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      let open = sockets.length;
      if (open === 0) return resolve();
      agent.close(() => {
        if (--open === 0) resolve();
      });
    }),
  };
}

/** Compare helper re-exported for tests that check walk order. */
export { compareOids, parseOid, formatOid };
