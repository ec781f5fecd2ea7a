/** The part of snmp-native 1.2.0 (no bundled types) the lab's tests and bench use; read from its lib/snmp.js. */
declare module 'snmp-native' {
  namespace snmpNative {
    interface VarBind {
      oid: number[];
      type: number;
      value: unknown;
      valueRaw?: Buffer;
      valueHex?: string;
      sendStamp?: number;
      receiveStamp?: number;
    }
    interface SessionOptions {
      host?: string;
      port?: number;
      community?: string;
      family?: 'udp4' | 'udp6';
      timeouts?: number[];
      bindPort?: number;
    }
    interface CallOptions extends SessionOptions {
      oid?: string | number[];
      oids?: (string | number[])[];
      value?: unknown;
      type?: number;
      abortOnError?: boolean;
      combinedTimeout?: number;
    }
    type Callback = (error: Error | null, varbinds: VarBind[]) => void;
    class Packet {
      version: number;
      community: string;
      pdu: { type: number; reqid: number; error: number; errorIndex: number; varbinds: { oid: number[]; type: number; value: unknown }[] };
    }
    class Session {
      constructor(options?: SessionOptions);
      options: SessionOptions;
      get(options: CallOptions, cb: Callback): void;
      getNext(options: CallOptions, cb: Callback): void;
      getAll(options: CallOptions, cb: Callback): void;
      getSubtree(options: CallOptions, cb: Callback): void;
      set(options: CallOptions, cb: Callback): void;
      sendMsg(pkt: Packet, options: CallOptions, cb: Callback): void;
      close(): void;
    }
  }
  export = snmpNative;
}
