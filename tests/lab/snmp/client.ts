/** Promise wrappers over snmp-native (the project's SNMP client), plus GetBulk, which it lacks. */
import snmpNative from 'snmp-native';

export type VarBind = snmpNative.VarBind;

export function openSession(host: string, port: number, community: string, timeoutMs = 1000): snmpNative.Session {
  return new snmpNative.Session({ host, port, community, timeouts: [timeoutMs] });
}

function call(fn: (cb: snmpNative.Callback) => void): Promise<VarBind[]> {
  return new Promise((resolve, reject) => fn((err, vbs) => (err ? reject(err) : resolve(vbs))));
}

export const get = (s: snmpNative.Session, oid: string) => call((cb) => s.get({ oid }, cb));
export const getNext = (s: snmpNative.Session, oid: string) => call((cb) => s.getNext({ oid }, cb));
export const getAll = (s: snmpNative.Session, oids: string[]) => call((cb) => s.getAll({ oids }, cb));
export const getSubtree = (s: snmpNative.Session, oid: string) => call((cb) => s.getSubtree({ oid }, cb));
export const set = (s: snmpNative.Session, oid: string, type: number, value: unknown) => call((cb) => s.set({ oid, type, value }, cb));

/** GetBulk (PDU 0xA5): snmp-native encodes any PDU type; non-repeaters and max-repetitions ride in the error fields. */
export function getBulk(s: snmpNative.Session, oids: string[], nonRepeaters: number, maxRepetitions: number): Promise<VarBind[]> {
  const pkt = new snmpNative.Packet();
  pkt.community = s.options.community ?? 'public';
  pkt.pdu.type = 5;
  pkt.pdu.error = nonRepeaters;
  pkt.pdu.errorIndex = maxRepetitions;
  pkt.pdu.varbinds = oids.map((o) => ({ oid: o.replace(/^\./, '').split('.').map(Number), type: 5, value: null }));
  return call((cb) => s.sendMsg(pkt, {}, cb));
}

export const oidOf = (vb: VarBind) => vb.oid.join('.');
