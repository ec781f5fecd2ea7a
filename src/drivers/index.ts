/**
 * The drivers' public surface: `getDriver(platform, options)` (one DeviceDriver per platform:
 * huawei-vrp, ruijie-rgos, huawei-usg; and 'mock', a real platform's parsers over canned outputs),
 * the uniform getter shapes, the errors, credentials, host-key verification, the session pool and
 * SNMP SET port actions.
 */
import type { Platform } from '../model/index.js';
import type { DriverOptions, PlatformProfile } from './base-driver.js';
import { DriverError } from './errors.js';
import { HuaweiUsgDriver, huaweiUsgProfile } from './huawei-usg/driver.js';
import { HuaweiVrpDriver, huaweiVrpProfile } from './huawei-vrp/driver.js';
import { MockDriver, type MockDriverOptions } from './mock.js';
import { RuijieRgosDriver, ruijieRgosProfile } from './ruijie-rgos/driver.js';
import type { DeviceDriver } from './types.js';

export * from './types.js';
export { DriverError, DriverParseError, DRIVER_ERROR_CODES, isDriverError, type DriverErrorCode } from './errors.js';
export { BaseDriver, type CliTransport, type DriverOptions, type DriverTimeouts, type PlatformProfile } from './base-driver.js';
export { HuaweiVrpDriver, huaweiVrpProfile } from './huawei-vrp/driver.js';
export { RuijieRgosDriver, ruijieRgosProfile } from './ruijie-rgos/driver.js';
export { HuaweiUsgDriver, huaweiUsgProfile } from './huawei-usg/driver.js';
export { MockDriver, MockTransport, mockFileName, type MockDriverOptions } from './mock.js';
export {
  Secret, reveal, resolveSecretRef, resolveCredentialProfile, resolveCredentialSource, credentialsFor, secretResolver,
  type CredentialSource, type ResolvedCredentials, type ResolveOptions,
} from './credentials.js';
export { MemoryHostKeyStore, fingerprintOf, keyTypeOf, hostKeyRecordOf, type HostKeyRecord, type HostKeyStore } from './host-keys.js';
export {
  SshSession, SessionPool, Semaphore, defaultPool, defaultConfirm, DEFAULT_TIMEOUTS, vrpDialect, rgosDialect, cleanText,
  type SessionOptions, type SessionTimeouts, type CommandOptions, type RunOptions, type ConfirmPolicy, type PoolOptions, type PoolStats, type CliDialect, type LearnedPrompt,
} from './session/index.js';
export {
  setPortAdminStatus, setPortAlias, findPortIndex, SNMP_OIDS, type SnmpSetOptions, type SnmpPortResult,
} from './snmp-set.js';

export type DriverPlatform = Platform | 'mock';

export const PROFILES: Record<Platform, PlatformProfile> = {
  'huawei-vrp': huaweiVrpProfile,
  'ruijie-rgos': ruijieRgosProfile,
  'huawei-usg': huaweiUsgProfile,
};

/** The driver of a platform; `'mock'` gives a MockDriver of `options.platform`. */
export function getDriver(platform: 'mock', options: MockDriverOptions): MockDriver;
export function getDriver(platform: Platform, options: DriverOptions): DeviceDriver;
export function getDriver(platform: DriverPlatform, options: DriverOptions | MockDriverOptions): DeviceDriver {
  switch (platform) {
    case 'huawei-vrp':
      return new HuaweiVrpDriver(options as DriverOptions);
    case 'ruijie-rgos':
      return new RuijieRgosDriver(options as DriverOptions);
    case 'huawei-usg':
      return new HuaweiUsgDriver(options as DriverOptions);
    case 'mock': {
      const o = options as MockDriverOptions;
      const profile = PROFILES[o.platform];
      if (!profile) throw new DriverError('DRIVER_UNKNOWN_PLATFORM', `the mock driver needs a real platform to stand for, not '${String(o.platform)}'`, { platform: String(o.platform) });
      return new MockDriver(profile, o);
    }
    default:
      throw new DriverError('DRIVER_UNKNOWN_PLATFORM', `no driver for platform '${String(platform)}'`, { platform: String(platform) });
  }
}
