/**
 * The simulated device CLIs (see ../DESIGN.md): the engine (engine.ts: sessions, views, paging,
 * errors, faults) and one platform per folder. cliPlatformFor picks the platform of a device.
 */
import type { CliDevice } from './device-port.js';
import { huaweiUsgCli, policyStyleOf } from './huawei-usg/index.js';
import { huaweiVrpCli } from './huawei-vrp/index.js';
import type { CliPlatform } from './platform.js';
import { ruijieRgosCli } from './ruijie-rgos/index.js';

export { DeviceCli, CliSession } from './engine.js';
export type { SessionIo, SessionOptions } from './engine.js';
export type { CliDevice, CliHost } from './device-port.js';
export type { CliPlatform } from './platform.js';
export { ConfigStore } from './config-store.js';

export function cliPlatformFor(device: Pick<CliDevice, 'platform' | 'model'>): CliPlatform {
  switch (device.platform) {
    case 'huawei-vrp': return huaweiVrpCli;
    case 'ruijie-rgos': return ruijieRgosCli;
    case 'huawei-usg': return policyStyleOf(device) === 'interzone' ? huaweiUsgCli.interzone : huaweiUsgCli.securityPolicy;
    default: throw new Error(`no CLI for platform '${String(device.platform)}'`);
  }
}
