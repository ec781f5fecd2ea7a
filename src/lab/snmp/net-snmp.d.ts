/**
 * The part of net-snmp 3.x (no bundled types) the lab's agent uses: the agent's listener, its
 * message decoding/encoding and USM, plus a v3 client session for tests. Read from
 * node_modules/net-snmp/index.js (Agent, Listener, Message, Authorizer, Session).
 */
declare module 'net-snmp' {
  import type { Socket, RemoteInfo } from 'node:dgram';

  namespace netSnmp {
    interface Varbind {
      oid: string;
      type: number;
      value: unknown;
    }

    interface Pdu {
      type: number;
      id: number;
      varbinds: Varbind[];
      nonRepeaters: number;
      maxRepetitions: number;
      errorStatus?: number;
      errorIndex?: number;
      contextName?: string;
      getResponsePduForRequest(): Pdu;
    }

    interface Message {
      version: number;
      community?: string;
      user?: { name: string; level: number };
      pdu: Pdu;
      msgGlobalData?: { msgMaxSize?: number };
    }

    interface User {
      name: string;
      level: number;
      authProtocol?: number;
      authKey?: string;
      privProtocol?: number;
      privKey?: string;
    }

    interface Authorizer {
      addCommunity(community: string): void;
      deleteCommunity(community: string): void;
      getCommunities(): string[];
      addUser(user: User): void;
      deleteUser(name: string): void;
    }

    interface Agent {
      listener: { sockets: Record<string, Socket> };
      getAuthorizer(): Authorizer;
      onMsg(socket: Socket, buffer: Buffer, rinfo: RemoteInfo): void;
      getRequest(socket: Socket, message: Message, rinfo: RemoteInfo): void;
      getNextRequest(socket: Socket, message: Message, rinfo: RemoteInfo): void;
      getBulkRequest(socket: Socket, message: Message, rinfo: RemoteInfo): void;
      setRequest(socket: Socket, message: Message, rinfo: RemoteInfo): void;
      sendResponse(socket: Socket, rinfo: RemoteInfo, message: Message, pdu: Pdu): void;
      close(callback?: () => void): void;
    }

    interface AgentOptions {
      port?: number;
      address?: string | null;
      transport?: 'udp4' | 'udp6';
      engineID?: string;
      disableAuthorization?: boolean;
      accessControlModelType?: number;
      /** Replaces node:dgram (only createSocket is used). */
      dgramModule?: { createSocket(type: 'udp4' | 'udp6'): import('node:dgram').Socket };
    }

    interface Session {
      get(oids: string[], cb: (error: Error | null, varbinds: Varbind[]) => void): void;
      getNext(oids: string[], cb: (error: Error | null, varbinds: Varbind[]) => void): void;
      getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: (error: Error | null, varbinds: Varbind[]) => void): void;
      set(varbinds: Varbind[], cb: (error: Error | null, varbinds: Varbind[]) => void): void;
      close(): void;
      on(event: 'error', cb: (e: Error) => void): void;
    }

    interface SessionOptions {
      port?: number;
      retries?: number;
      timeout?: number;
      version?: number;
      transport?: 'udp4' | 'udp6';
    }

    function createAgent(options: AgentOptions, callback: (error: Error | null, data?: unknown) => void): Agent;
    function createSession(target: string, community: string, options?: SessionOptions): Session;
    function createV3Session(target: string, user: User, options?: SessionOptions): Session;
    function isVarbindError(vb: Varbind): boolean;
    function varbindError(vb: Varbind): string;

    const Version1: number;
    const Version2c: number;
    const Version3: number;
    const ObjectType: Record<string, number>;
    const PduType: Record<string, number>;
    const ErrorStatus: Record<string, number>;
    const SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
    const AuthProtocols: { none: number; md5: number; sha: number; sha224: number; sha256: number; sha384: number; sha512: number };
    const PrivProtocols: { none: number; des: number; aes: number; aes256b: number; aes256r: number };
  }

  export = netSnmp;
}
