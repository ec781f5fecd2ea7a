/**
 * The render module's public surface: the renderer of each platform, rendering one device of a
 * topology, parsing and printing configurations, and planning a change (section-aware diff,
 * rollback, unmanaged lines, unified diff).
 */
import type { Device, Platform, Topology } from '../model/index.js';
import { RenderError } from './errors.js';
import { huaweiUsgRenderer } from './huawei-usg/index.js';
import { huaweiVrpRenderer } from './huawei-vrp/index.js';
import { ruijieRgosRenderer } from './ruijie-rgos/index.js';
import type { PlatformRenderer } from './types.js';

export type { PlatformRenderer, RenderInput } from './types.js';
export { secretToken, SECRET_TOKEN_PATTERN } from './types.js';
export { RenderError } from './errors.js';
export type { RenderErrorCode, RenderErrorDetails } from './errors.js';
export { getDialect, STAGES, resolveLine, negationOf, keyOf, familySet, idsOf, idRuns } from './dialect.js';
export type { Dialect, IdSetFamily, IdSetOp, LineRule, Resolved, Stage } from './dialect.js';
export { parseConfig, printTree, printLines, stripPositions, cloneTree, walkTree } from './config-tree.js';
export type { ConfigNode, ConfigTree, ParseOptions } from './config-tree.js';
export { planDiff, diffConfigTrees, unifiedLineDiff, secretAwareEqual } from './diff.js';
export type { PlanInput, PlanResult, DiffOptions, DiffResult, ManagedMode, UnmanagedLine, UnifiedDiffOptions } from './diff.js';

const RENDERERS: Record<Platform, PlatformRenderer> = {
  'huawei-vrp': huaweiVrpRenderer,
  'ruijie-rgos': ruijieRgosRenderer,
  'huawei-usg': huaweiUsgRenderer,
};

/** The renderer of a platform. */
export function getRenderer(platform: Platform): PlatformRenderer {
  const r = RENDERERS[platform];
  if (!r) throw new RenderError('RENDER_UNKNOWN_PLATFORM', `no renderer for platform '${String(platform)}'`, { platform: String(platform) });
  return r;
}

/** The device of a topology by name; RENDER_UNKNOWN_DEVICE when there is none. */
export function findDevice(topology: Topology, deviceName: string): Device {
  const device = topology.devices.find((d) => d.name === deviceName);
  if (!device) {
    throw new RenderError('RENDER_UNKNOWN_DEVICE', `no device '${deviceName}' in network '${topology.network?.name ?? '?'}'`, { device: deviceName });
  }
  return device;
}

/** The full intended configuration of one device of a topology. */
export function renderDevice(topology: Topology, deviceName: string): string {
  const device = findDevice(topology, deviceName);
  return getRenderer(device.platform).render({ topology, device });
}
