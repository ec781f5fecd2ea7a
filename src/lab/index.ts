/**
 * The lab (see DESIGN.md): `startLab(topology, options)` boots every device of a topology in one
 * process (the simulated world from state/, a CLI per device from cli/, an SSH server and an SNMP
 * agent per device on its own loopback address) and returns a handle with the address table.
 *
 * Device i of the topology gets 127.10.<i div 250>.<i mod 250 + 1>; SSH and SNMP listen there on
 * the given ports (defaults 2222 and 1161, so that no privilege is needed). Devices boot from the
 * empty baseline, or with `configured` from their rendered configuration, which is then both the
 * running and the saved configuration.
 */
import type { Topology } from '../model/index.js';
import { getRenderer } from '../render/index.js';
import { DeviceCli, cliPlatformFor } from './cli/index.js';
import { type CredentialOptions, loginCredentials, resolveSecretRef } from './ssh/credentials.js';
import { HostKeyStore } from './ssh/host-keys.js';
import { DeviceSshServer } from './ssh/server.js';
import { startSnmpAgent, type SnmpAgentHandle, type SnmpAgentOptions } from './snmp/index.js';
import { type LabClock, type LabDevice, type LabNetwork, createLabNetwork } from './state/index.js';

export const DEFAULT_SSH_PORT = 2222;
export const DEFAULT_SNMP_PORT = 1161;

export interface LabOptions {
  /** SSH port on every device address (default 2222; 0: any free port, per device). */
  sshPort?: number;
  /** SNMP port on every device address (default 1161; 0: any free port). */
  snmpPort?: number;
  /** Boot from the rendered configurations instead of the empty baseline. */
  configured?: boolean;
  /** The password of devices whose credential reference does not resolve (default `dcnet-lab`). Never logged. */
  password?: string;
  /** Public keys accepted on every device (OpenSSH one-line form). */
  authorizedKeys?: readonly string[];
  /** The lab's clock (milliseconds); default Date.now. */
  clock?: LabClock;
  /** Start the SSH servers (default true). */
  ssh?: boolean;
  /** Start the SNMP agents (default true). */
  snmp?: boolean;
  /** Back a device's SNMP agent by a recording: device name → snmprec file. */
  snmprec?: Record<string, string>;
  /** Only these devices get servers (default: all); the others still exist in the simulated world. */
  only?: readonly string[];
  /** Environment for secret references (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** After each device's servers are up: how many are, of how many (progress of a large boot). */
  onProgress?: (started: number, total: number) => void;
}

export interface LabAddress {
  name: string;
  platform: string;
  model: string;
  address: string;
  sshPort: number;
  snmpPort: number;
}

export interface LabHandle {
  /** The address table, in topology order. */
  readonly devices: LabAddress[];
  readonly network: LabNetwork;
  /** The CLI of a device (its configuration store and sessions). */
  cli(device: string): DeviceCli;
  /** The SSH host key a device presents (OpenSSH public form), for known_hosts. */
  hostKey(device: string, alternative?: boolean): string;
  stop(): Promise<void>;
}

/** The loopback address of the i-th device of a lab. */
export function labAddress(i: number): string {
  return `127.10.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}

export async function startLab(topology: Topology, options: LabOptions = {}): Promise<LabHandle> {
  const clock = options.clock ?? Date.now;
  const network = createLabNetwork(topology, { clock, config: options.configured ? 'topology' : 'baseline' });
  const keys = new HostKeyStore();
  const clis = new Map<string, DeviceCli>();
  const ssh: DeviceSshServer[] = [];
  const snmp: SnmpAgentHandle[] = [];
  const table: LabAddress[] = [];
  const wanted = options.only ? new Set(options.only) : undefined;
  const sshPort = options.sshPort ?? DEFAULT_SSH_PORT;
  const snmpPort = options.snmpPort ?? DEFAULT_SNMP_PORT;
  const host = {
    clock,
    reboot: (name: string) => network.reboot(name),
    portRates: (device: string, port: string) => {
      const link = network.linkAt(device, port);
      if (!link || !link.active) return undefined;
      const t = link.traffic;
      return link.a.device === device && link.a.port === port ? { inBps: t.bToA, outBps: t.aToB } : { inBps: t.aToB, outBps: t.bToA };
    },
  };
  const credOpts: CredentialOptions = {
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.authorizedKeys ? { authorizedKeys: options.authorizedKeys } : {}),
    ...(options.env ? { env: options.env } : {}),
  };

  const stopAll = async (): Promise<void> => {
    await Promise.all([...ssh.map((s) => s.stop()), ...snmp.map((a) => a.stop())]);
    for (const c of clis.values()) c.dispose();
  };

  const total = wanted ? topology.devices.filter((d) => wanted.has(d.name)).length : topology.devices.length;
  let started = 0;
  try {
    for (const [i, d] of topology.devices.entries()) {
      const device: LabDevice = network.device(d.name);
      const cli = new DeviceCli(cliPlatformFor(device), device, host);
      clis.set(d.name, cli);
      cli.boot(options.configured ? getRenderer(d.platform).render({ topology, device: d }) : undefined);
      const address = labAddress(i);
      const entry: LabAddress = { name: d.name, platform: d.platform, model: d.model, address, sshPort, snmpPort };
      table.push(entry);
      if (wanted && !wanted.has(d.name)) continue;
      if (options.ssh !== false) {
        const server = new DeviceSshServer({ cli, address, port: sshPort, credentials: loginCredentials(topology, d, credOpts), keys });
        await server.start();
        ssh.push(server);
        entry.sshPort = server.port;
        device.on('faults', (e) => { if (e.faults.down) server.dropAll(); });
      }
      if (options.snmp !== false) {
        const agent = await startSnmpAgent(device, { address, port: snmpPort, ...snmpCredentials(topology, d, options) });
        snmp.push(agent);
        entry.snmpPort = agent.port;
      }
      options.onProgress?.(++started, total);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  let stopped = false;
  return {
    devices: table,
    network,
    cli(name) {
      const c = clis.get(name);
      if (!c) throw new Error(`no device '${name}' in the lab`);
      return c;
    },
    hostKey(name, alternative = false) {
      return alternative ? keys.alternative(name).publicKey : keys.primary(name).publicKey;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopAll();
    },
  };
}

/** The SNMP access of a device: its credential's community or v3 user, resolved (or the lab's defaults). */
function snmpCredentials(topology: Topology, device: Topology['devices'][number], options: LabOptions): SnmpAgentOptions {
  const cred = (topology.credentials ?? []).find((c) => c.id === device.credentials)?.snmp;
  const out: SnmpAgentOptions = {};
  const recording = options.snmprec?.[device.name];
  if (recording) out.snmprecFile = recording;
  if (!cred) return out;
  if (cred.version === 'v2c') {
    const community = resolveSecretRef(cred.community, options.env);
    if (community) out.community = community;
    return out;
  }
  if (cred.user) {
    const fallback = options.password ?? 'dcnet-lab';
    out.v3Users = [{
      name: cred.user,
      level: cred.privKey ? 'authPriv' : cred.authKey ? 'authNoPriv' : 'noAuthNoPriv',
      authProtocol: cred.authProtocol ?? 'sha',
      authKey: resolveSecretRef(cred.authKey, options.env) ?? fallback,
      privProtocol: cred.privProtocol === 'des' ? 'des' : 'aes',
      privKey: resolveSecretRef(cred.privKey, options.env) ?? fallback,
    }];
    out.community = 'public';
  }
  return out;
}

export { DeviceCli, cliPlatformFor } from './cli/index.js';
export { resolveSecretRef, LAB_DEFAULT_PASSWORD } from './ssh/credentials.js';
