/**
 * The Ruijie RGOS driver (reference/ruijie-rgos.md §1): `NAME>` / `NAME#` / `NAME(config...)#`
 * prompts, `enable` when the login lands in user EXEC, `terminal length 0`, `configure terminal`
 * … `end`, `show running-config`, `write` (success: `[OK]`, as netmiko's save_config expects no
 * question).
 */
import { BaseDriver, type DriverOptions, type PlatformProfile } from '../base-driver.js';
import { rgosDialect } from '../session/dialect.js';
import { ruijieRgosGetters } from './parsers/index.js';

export const ruijieRgosProfile: PlatformProfile = {
  platform: 'ruijie-rgos',
  dialect: rgosDialect,
  getters: ruijieRgosGetters,
  runningConfigCommand: 'show running-config',
  saveCommand: 'write',
  saveSucceeded: (output) => /\[OK\]/.test(output) || !/%/.test(output),
};

export class RuijieRgosDriver extends BaseDriver {
  constructor(opts: DriverOptions, profile: PlatformProfile = ruijieRgosProfile) {
    super(profile, opts);
  }
}
