/**
 * Which process holds a TCP or UDP port on an address, to say so when `dcnet lab up` cannot bind
 * it. Linux only (reads /proc/net/{tcp,udp}{,6} and /proc/<pid>/fd); elsewhere, or for another
 * user's process, the answer is undefined and the caller says "another process".
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface PortHolder {
  pid: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
}

/** `0100007F` (little-endian hex, as /proc prints IPv4) → `127.0.0.1`. */
function ipv4Of(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}

/** The socket inodes bound to `port` on `address` (or on every address) in one /proc/net table. */
function inodesOf(table: string, address: string, port: number, wantState: string): string[] {
  let text: string;
  try {
    text = readFileSync(`/proc/net/${table}`, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [ipHex, portHex] = f[1]!.split(':');
    if (Number.parseInt(portHex!, 16) !== port || f[3] !== wantState) continue;
    // IPv6 is four 32-bit words, each little-endian: ::ffff:a.b.c.d ends in FFFF0000 and the IPv4 word.
    const v6 = ipHex!.length === 32;
    const ip = !v6 ? ipv4Of(ipHex!) : ipHex!.toUpperCase().startsWith('0000000000000000FFFF0000') ? ipv4Of(ipHex!.slice(24)) : undefined;
    if (/^0+$/.test(ipHex!) || ip === address) out.push(f[9]!);
  }
  return out;
}

/** The process holding `address:port` (`udp` for an SNMP agent's port), if it can be found. */
export function findPortHolder(address: string, port: number, protocol: 'tcp' | 'udp'): PortHolder | undefined {
  // LISTEN is state 0A in the tcp tables; a bound UDP socket is 07.
  const state = protocol === 'tcp' ? '0A' : '07';
  const inodes = new Set([...inodesOf(protocol, address, port, state), ...inodesOf(`${protocol}6`, address, port, state)]);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) {
        let command = '';
        try {
          command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        } catch { /* gone meanwhile */ }
        return { pid: Number(pid), command };
      }
    }
  }
  return undefined;
}
