/**
 * Helpers for the lab's integration tests: explicit free ports on the lab's device addresses,
 * the control API over HTTP, SNMP (snmp-native, GetBulk walks) and interactive SSH shells (ssh2).
 */
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type snmpNative from 'snmp-native';
import { expect } from 'vitest';
import type { LabAddress } from '../../../src/lab/index.js';
import { type VarBind, getBulk, openSession } from '../snmp/client.js';
import { Shell, type SshClient, connect } from '../ssh/helpers.js';

const listenTcp = (address: string, port: number): Promise<() => Promise<void>> => new Promise((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(port, address, () => resolve(() => new Promise((r) => server.close(() => r()))));
});

const bindUdp = (address: string, port: number): Promise<() => Promise<void>> => new Promise((resolve, reject) => {
  const socket = createSocket('udp4');
  socket.once('error', reject);
  socket.bind(port, address, () => resolve(() => new Promise((r) => socket.close(() => r()))));
});

/**
 * One non-privileged port number that is free for TCP (SSH) and UDP (SNMP) on every given
 * address, so that a lab can be started with explicit ports rather than "any free port".
 */
export async function freePort(addresses: readonly string[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      first.once('error', reject);
      first.listen(0, addresses[0], () => resolve((first.address() as { port: number }).port));
    });
    await new Promise<void>((r) => first.close(() => r()));
    if (port < 1024) continue;
    const held: (() => Promise<void>)[] = [];
    try {
      for (const a of addresses) {
        held.push(await listenTcp(a, port));
        held.push(await bindUdp(a, port));
      }
      return port;
    } catch {
      // taken somewhere: try another
    } finally {
      await Promise.all(held.map((release) => release()));
    }
  }
  throw new Error(`no port free on ${addresses.join(', ')}`);
}

// ------------------------------------------------------------------------------ control API

export interface Api {
  (method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
}

/** A JSON client of the control API that fails the test on any non-2xx answer. */
export function controlApi(url: string): Api {
  return async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const json = await res.json() as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

// ------------------------------------------------------------------------------ SNMP

export const OID = {
  sysDescr: '.1.3.6.1.2.1.1.1.0',
  sysObjectID: '.1.3.6.1.2.1.1.2.0',
  sysUpTime: '.1.3.6.1.2.1.1.3.0',
  sysName: '.1.3.6.1.2.1.1.5.0',
  ifDescr: '.1.3.6.1.2.1.2.2.1.2',
  ifAdminStatus: '.1.3.6.1.2.1.2.2.1.7',
  ifOperStatus: '.1.3.6.1.2.1.2.2.1.8',
  ifInOctets: '.1.3.6.1.2.1.2.2.1.10',
  ifOutOctets: '.1.3.6.1.2.1.2.2.1.16',
  ifName: '.1.3.6.1.2.1.31.1.1.1.1',
  ifHCInOctets: '.1.3.6.1.2.1.31.1.1.1.6',
  ifHCInUcastPkts: '.1.3.6.1.2.1.31.1.1.1.7',
  ifHCInMulticastPkts: '.1.3.6.1.2.1.31.1.1.1.8',
  ifHCInBroadcastPkts: '.1.3.6.1.2.1.31.1.1.1.9',
  ifHCOutOctets: '.1.3.6.1.2.1.31.1.1.1.10',
  ifHCOutUcastPkts: '.1.3.6.1.2.1.31.1.1.1.11',
  ifHCOutMulticastPkts: '.1.3.6.1.2.1.31.1.1.1.12',
  ifHCOutBroadcastPkts: '.1.3.6.1.2.1.31.1.1.1.13',
  ifHighSpeed: '.1.3.6.1.2.1.31.1.1.1.15',
  ifAlias: '.1.3.6.1.2.1.31.1.1.1.18',
  vrrpOperState: '.1.3.6.1.2.1.68.1.3.1.3',
  vrrpOperPriority: '.1.3.6.1.2.1.68.1.3.1.5',
  vrrpOperMasterIpAddr: '.1.3.6.1.2.1.68.1.3.1.7',
} as const;

const END_OF_MIB_VIEW = 0x82;

/**
 * Every varbind under `prefix`, walked with GetBulk (max-repetitions `reps`), starting after `from`
 * (default: the prefix itself; snmp-native cannot send a one-component OID such as `.1`).
 */
export async function bulkWalk(s: snmpNative.Session, prefix: string, reps = 50, from = prefix): Promise<VarBind[]> {
  const base = prefix.replace(/^\./, '').split('.').map(Number);
  const under = (oid: number[]) => oid.length > base.length && base.every((n, i) => oid[i] === n);
  const out: VarBind[] = [];
  let cursor = from;
  for (;;) {
    const vbs = await getBulk(s, [cursor], 0, reps);
    if (vbs.length === 0) return out;
    for (const vb of vbs) {
      if (vb.type === END_OF_MIB_VIEW || !under(vb.oid)) return out;
      out.push(vb);
    }
    cursor = `.${vbs[vbs.length - 1]!.oid.join('.')}`;
  }
}

/** A walked column as instance (the OID suffix after the column) → value. */
export async function column(s: snmpNative.Session, col: string): Promise<Map<string, unknown>> {
  const n = col.replace(/^\./, '').split('.').length;
  return new Map((await bulkWalk(s, col)).map((vb) => [vb.oid.slice(n).join('.'), vb.value]));
}

export function snmpSession(entry: LabAddress, community: string, timeoutMs = 3000): snmpNative.Session {
  return openSession(entry.address, entry.snmpPort, community, timeoutMs);
}

// ------------------------------------------------------------------------------ SSH

/** SHA256 fingerprint of a raw SSH public key blob, as OpenSSH prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** An interactive SSH session (a shell with a pty) on a lab device, paging off. */
export class Cli {
  private constructor(readonly client: SshClient, readonly shell: Shell, readonly hostKey: Buffer, readonly banner: string) {}

  static async open(entry: LabAddress, password: string): Promise<Cli> {
    const { client, hostKey } = await connect(entry, { password });
    const shell = await Shell.open(client);
    const banner = await shell.until(/(?:<[^>\r\n]+>|[\w.-]+[#>])$/);
    const cli = new Cli(client, shell, hostKey, banner);
    await cli.lines(entry.platform === 'ruijie-rgos' ? 'terminal length 0' : 'screen-length 0 temporary');
    return cli;
  }

  /** Run one line; its output lines without the echo and the final prompt. */
  async lines(line: string, timeoutMs?: number): Promise<string[]> {
    this.shell.send(`${line}\r`);
    const out = (await this.shell.until(/(?:<[^>\r\n]+>|\[[^\]\r\n]+\]|[\w.-]+(?:\([^)\r\n]*\))?[#>])$/, timeoutMs)).split('\r\n');
    expect(out.shift()).toBe(line);
    out.pop();
    return out;
  }

  close(): void {
    this.client.end();
  }
}
