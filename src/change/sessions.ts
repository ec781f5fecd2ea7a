/**
 * The change engine's SSH sessions: one driver per device, opened on first use and kept for the
 * steps of a change (snapshot, apply, read back, check, save), reopened when a step finds it
 * closed. Secrets are resolved only here, when a command is sent: env:/file: references through
 * the drivers' resolver, device tokens (secrets.ts) from the device's in-memory vault.
 */
import type { Logger } from 'pino';

import {
  type DeviceDriver, type DriverTimeouts, type HostKeyStore, SessionPool, getDriver, resolveCredentialProfile, resolveSecretRef,
} from '../drivers/index.js';
import { ChangeError } from './errors.js';
import { DEVICE_TOKEN_PREFIX, SecretVault, deviceTokensIn } from './secrets.js';
import type { DeviceTarget } from './types.js';

export interface SessionOptions {
  hostKeys: HostKeyStore;
  logger: Logger;
  /** Environment for env: references (default process.env). */
  env?: NodeJS.ProcessEnv;
  timeouts?: Partial<DriverTimeouts>;
  /** Open sessions at once (default 256). */
  maxSessions?: number;
  /** Opens a driver (tests: the mock driver). Default: the platform's SSH driver. */
  openDriver?: (target: DeviceTarget, resolveSecret: (ref: string) => Promise<string>) => DeviceDriver;
}

export class DeviceSessions {
  private readonly drivers = new Map<string, DeviceDriver>();
  private readonly vaults = new Map<string, SecretVault>();
  readonly pool: SessionPool;

  constructor(private readonly o: SessionOptions) {
    this.pool = new SessionPool({ maxSessions: o.maxSessions ?? 256, lockTimeoutMs: 30_000 });
  }

  /** The in-memory secret spans of a device (device tokens). */
  vault(device: string): SecretVault {
    let v = this.vaults.get(device);
    if (!v) this.vaults.set(device, (v = new SecretVault()));
    return v;
  }

  /** Fails before anything is sent when a command needs a device token the vault does not hold. */
  assertResolvable(device: string, commands: readonly string[]): void {
    const missing = deviceTokensIn(commands).filter((ref) => this.vault(device).get(ref) === undefined);
    if (missing.length) {
      throw new ChangeError('CHANGE_SECRET_UNRESTORABLE', `${device}: ${missing.length} command(s) would have to type a secret the device printed as cipher text that is no longer known in this process (${missing.join(', ')}); restore those lines by hand`, { device, tokens: missing });
    }
  }

  private resolver(target: DeviceTarget): (ref: string) => Promise<string> {
    return async (ref) => {
      if (ref.startsWith(DEVICE_TOKEN_PREFIX)) {
        const v = this.vault(target.device).get(ref);
        if (v === undefined) throw new ChangeError('CHANGE_SECRET_UNRESTORABLE', `${target.device}: the secret ${ref} is not known in this process`, { device: target.device });
        return v;
      }
      return (await resolveSecretRef(ref, { env: this.o.env ?? process.env, ...(target.baseDir ? { baseDir: target.baseDir } : {}) })).reveal();
    };
  }

  /** The open driver of a device (opened now if needed). */
  async open(target: DeviceTarget): Promise<DeviceDriver> {
    const existing = this.drivers.get(target.device);
    if (existing && isOpen(existing)) return existing;
    if (existing) await existing.close().catch(() => undefined);
    const resolveSecret = this.resolver(target);
    const driver = this.o.openDriver
      ? this.o.openDriver(target, resolveSecret)
      : getDriver(target.platform, {
        device: target.device,
        host: target.host,
        port: target.port,
        credentials: () => resolveCredentialProfile(target.credential, { env: this.o.env ?? process.env, ...(target.baseDir ? { baseDir: target.baseDir } : {}) }),
        hostKeys: this.o.hostKeys,
        pool: this.pool,
        logger: this.o.logger,
        resolveSecret,
        ...(this.o.timeouts ? { timeouts: this.o.timeouts } : {}),
      });
    this.drivers.set(target.device, driver);
    try {
      await driver.open();
    } catch (err) {
      this.drivers.delete(target.device);
      await driver.close().catch(() => undefined);
      throw err;
    }
    return driver;
  }

  async close(device: string): Promise<void> {
    const d = this.drivers.get(device);
    this.drivers.delete(device);
    await d?.close().catch(() => undefined);
  }

  /** Close every session (the vaults stay: a later step of the same change may need them). */
  async closeAll(): Promise<void> {
    const all = [...this.drivers.values()];
    this.drivers.clear();
    await Promise.all(all.map((d) => d.close().catch(() => undefined)));
  }
}

/** Whether a driver's transport is still usable (the base driver keeps it in `transport`). */
function isOpen(driver: DeviceDriver): boolean {
  const t = (driver as unknown as { transport?: { isOpen?: boolean } }).transport;
  return t !== undefined && t.isOpen !== false;
}
