/**
 * What the three platform drivers share: a DeviceDriver over a CLI transport (the SSH session, or
 * the mock's canned answers), parameterised by a platform profile (dialect, getter recipes, the
 * running-configuration and save commands). Each platform's driver.ts is a profile and a class.
 *
 * - Getters run their recipe's commands and hand the outputs to the platform's parsers.
 * - applyCommands takes the commands as planDiff produces them (entering and leaving
 *   configuration mode included), makes this session the device's configuring session (one per
 *   device: a second one waits, then DRIVER_BUSY), runs them in order, and stops at the first
 *   rejected one with DRIVER_COMMAND_REJECTED (details: command, index, position, message, and
 *   `results` so far, the rejected one last with ok=false), after returning the device to its top
 *   mode so the session stays usable.
 * - save answers the confirmation and checks the device reported success (DRIVER_SAVE otherwise).
 */
import type { Logger } from 'pino';
import type { Algorithms } from 'ssh2';

import { logger as rootLogger } from '../log.js';
import type { Platform } from '../model/index.js';
import type { CredentialSource, Secret } from './credentials.js';
import { DriverError, isDriverError } from './errors.js';
import type { HostKeyStore } from './host-keys.js';
import type { CliDialect } from './session/dialect.js';
import type { SessionPool } from './session/pool.js';
import { type CommandOptions, type RunOptions, type SessionTimeouts, SshSession, defaultConfirm } from './session/ssh-session.js';
import type {
  CommandResult, DeviceDriver, Facts, GetterRecipe, GetterRecipes, InterfaceInfo, LagInfo, LldpNeighbor, VpnInstanceInfo, VrrpInfo,
} from './types.js';

/** The CLI a driver talks through: the SSH session, or a mock. */
export interface CliTransport {
  exec(command: string, opts?: CommandOptions): Promise<CommandResult>;
  run(commands: readonly string[], opts?: RunOptions): Promise<CommandResult[]>;
  lockForConfig(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface PlatformProfile {
  platform: Platform;
  dialect: CliDialect;
  getters: GetterRecipes;
  runningConfigCommand: string;
  saveCommand: string;
  /** Whether the save command's output reports success. */
  saveSucceeded(output: string): boolean;
}

export interface DriverTimeouts extends SessionTimeouts {
  /** `save` / `write`. Default 120 000 ms (netmiko waits 100 s). */
  saveMs: number;
  /** Waiting for another session configuring the same device. Default: the pool's (30 000 ms). */
  lockMs: number;
}

export interface DriverOptions {
  /** The device's name (logs, errors, host-key store, locks). */
  device: string;
  /** Management address. */
  host: string;
  /** SSH port. Default 22. */
  port?: number;
  /** Resolved credentials, or a function resolving them at connect time (credentialsFor()). */
  credentials: CredentialSource;
  /** Where host keys are recorded and checked (the database in production). */
  hostKeys: HostKeyStore;
  pool?: SessionPool;
  /** The parent logger; the driver logs through a child {device, platform}. Default: the root logger. */
  logger?: Logger;
  timeouts?: Partial<DriverTimeouts>;
  keepaliveIntervalMs?: number;
  /** Resolves `{{secret:<ref>}}` tokens in applied commands (secretResolver()). */
  resolveSecret?: (ref: string) => Secret | string | Promise<Secret | string>;
  algorithms?: Algorithms;
}

export abstract class BaseDriver implements DeviceDriver {
  readonly platform: Platform;
  protected readonly log: Logger;
  protected transport: CliTransport | undefined;
  private opening: Promise<void> | undefined;

  protected constructor(protected readonly profile: PlatformProfile, protected readonly opts: DriverOptions) {
    this.platform = profile.platform;
    this.log = (opts.logger ?? rootLogger()).child({ device: opts.device, platform: profile.platform });
  }

  /** The transport this driver talks through (the SSH session by default). */
  protected async connect(): Promise<CliTransport> {
    const o = this.opts;
    return SshSession.open({
      device: o.device,
      host: o.host,
      ...(o.port !== undefined ? { port: o.port } : {}),
      dialect: this.profile.dialect,
      credentials: o.credentials,
      hostKeys: o.hostKeys,
      logger: this.log,
      ...(o.pool ? { pool: o.pool } : {}),
      ...(o.timeouts ? { timeouts: o.timeouts } : {}),
      ...(o.keepaliveIntervalMs !== undefined ? { keepaliveIntervalMs: o.keepaliveIntervalMs } : {}),
      ...(o.resolveSecret ? { resolveSecret: o.resolveSecret } : {}),
      ...(o.algorithms ? { algorithms: o.algorithms } : {}),
    });
  }

  async open(): Promise<void> {
    if (this.transport) return;
    this.opening ??= this.connect().then((t) => {
      this.transport = t;
      this.log.debug('opened');
    }).finally(() => {
      this.opening = undefined;
    });
    await this.opening;
  }

  async close(): Promise<void> {
    const t = this.transport;
    this.transport = undefined;
    if (t) {
      await t.close();
      this.log.debug('closed');
    }
  }

  protected cli(): CliTransport {
    if (!this.transport) throw new DriverError('DRIVER_CLOSED', `${this.opts.device}: the driver is not open (call open() first)`, { device: this.opts.device });
    return this.transport;
  }

  /** One read-only command; a rejection throws DRIVER_COMMAND_REJECTED. */
  protected async read(command: string): Promise<string> {
    const r = await this.cli().exec(command, { confirm: 'no' });
    if (!r.ok) {
      throw new DriverError('DRIVER_COMMAND_REJECTED', `${this.opts.device} rejected \`${command}\`: ${r.error}`, {
        device: this.opts.device, command, index: 0, position: 1, total: 1, message: r.error, output: r.output, results: [r],
      });
    }
    return r.output;
  }

  protected async get<T>(recipe: GetterRecipe<T>): Promise<T> {
    const outputs: string[] = [];
    for (const c of recipe.commands) outputs.push(await this.read(c));
    return recipe.build(outputs);
  }

  getFacts(): Promise<Facts> {
    return this.get(this.profile.getters.facts);
  }

  getInterfaces(): Promise<InterfaceInfo[]> {
    return this.get(this.profile.getters.interfaces);
  }

  getVrrp(): Promise<VrrpInfo[]> {
    return this.get(this.profile.getters.vrrp);
  }

  getLags(): Promise<LagInfo[]> {
    return this.get(this.profile.getters.lags);
  }

  getLldpNeighbors(): Promise<LldpNeighbor[]> {
    return this.get(this.profile.getters.lldpNeighbors);
  }

  getVpnInstances(): Promise<VpnInstanceInfo[]> {
    return this.get(this.profile.getters.vpnInstances);
  }

  getRunningConfig(): Promise<string> {
    return this.read(this.profile.runningConfigCommand);
  }

  async applyCommands(commands: readonly string[]): Promise<CommandResult[]> {
    const cli = this.cli();
    const list = commands.filter((c) => c.trim() !== '');
    if (list.length === 0) return [];
    await cli.lockForConfig(this.opts.timeouts?.lockMs);
    this.log.debug({ count: list.length }, 'applying commands');
    try {
      return await cli.run(list, { confirm: defaultConfirm });
    } catch (err) {
      if (isDriverError(err, 'DRIVER_COMMAND_REJECTED')) {
        // Leave the device in its top mode so that the session can go on (save, read back, roll back).
        await cli.exec(this.profile.dialect.leaveConfig, { confirm: 'no' }).catch(() => undefined);
        this.log.warn({ command: err.details?.command, position: err.details?.position, message: err.details?.message }, 'command rejected; batch stopped');
      }
      throw err;
    }
  }

  async save(): Promise<void> {
    const cli = this.cli();
    await cli.lockForConfig(this.opts.timeouts?.lockMs);
    const r = await cli.exec(this.profile.saveCommand, {
      confirm: (q, c) => defaultConfirm(q, c),
      timeoutMs: this.opts.timeouts?.saveMs ?? 120_000,
    });
    if (!r.ok || !this.profile.saveSucceeded(r.output)) {
      throw new DriverError('DRIVER_SAVE', `${this.opts.device}: \`${this.profile.saveCommand}\` did not report success${r.error ? `: ${r.error}` : ''}`, {
        device: this.opts.device, command: this.profile.saveCommand, output: r.output,
      });
    }
    this.log.debug('configuration saved');
  }
}
