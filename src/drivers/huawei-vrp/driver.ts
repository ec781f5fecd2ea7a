/**
 * The Huawei VRP driver (S-series switches, VRP5; reference/huawei-vrp.md): `<NAME>` / `[NAME...]`
 * prompts, `screen-length 0 temporary`, `system-view` … `return`, `display current-configuration`,
 * `save` answered Y and checked for `successfully` (as napalm-huawei-vrp does).
 */
import { BaseDriver, type DriverOptions, type PlatformProfile } from '../base-driver.js';
import { vrpDialect } from '../session/dialect.js';
import { huaweiVrpGetters } from './parsers/index.js';

export const huaweiVrpProfile: PlatformProfile = {
  platform: 'huawei-vrp',
  dialect: vrpDialect,
  getters: huaweiVrpGetters,
  runningConfigCommand: 'display current-configuration',
  saveCommand: 'save',
  saveSucceeded: (output) => /successfully/i.test(output),
};

export class HuaweiVrpDriver extends BaseDriver {
  constructor(opts: DriverOptions, profile: PlatformProfile = huaweiVrpProfile) {
    super(profile, opts);
  }
}
