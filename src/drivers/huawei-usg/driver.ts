/**
 * The Huawei USG firewall driver (reference/huawei-usg.md §1): the VRP CLI engine (same prompts,
 * with an `HRP_M`/`HRP_S`/`HRP_A` prefix on a hot-standby pair, same paging command, errors and
 * `save`), with the USG's own getter recipes.
 */
import { BaseDriver, type DriverOptions, type PlatformProfile } from '../base-driver.js';
import { vrpDialect } from '../session/dialect.js';
import { huaweiUsgGetters } from './parsers/index.js';

export const huaweiUsgProfile: PlatformProfile = {
  platform: 'huawei-usg',
  dialect: vrpDialect,
  getters: huaweiUsgGetters,
  runningConfigCommand: 'display current-configuration',
  saveCommand: 'save',
  saveSucceeded: (output) => /successfully/i.test(output),
};

export class HuaweiUsgDriver extends BaseDriver {
  constructor(opts: DriverOptions, profile: PlatformProfile = huaweiUsgProfile) {
    super(profile, opts);
  }
}
