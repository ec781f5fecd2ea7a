/**
 * What every platform renderer provides. A renderer is a pure function of the model: no clock,
 * no I/O, no randomness; the same model rendered twice gives identical text.
 */
import type { Device, Platform, Topology } from '../model/index.js';

/**
 * Secrets never enter the renderer as values. A line that carries one is rendered with a token
 * `{{secret:<ref>}}` (for example `{{secret:env:DCNET_SNMP_COMMUNITY}}`), which the change engine
 * replaces with the resolved value at push time, and which logs and diffs show as it is.
 */
export const secretToken = (ref: string): string => `{{secret:${ref}}}`;
export const SECRET_TOKEN_PATTERN = /\{\{secret:[^}]+\}\}/g;

export interface RenderInput {
  topology: Topology;
  device: Device;
}

export interface PlatformRenderer {
  platform: Platform;
  /** The full intended configuration, as the device prints its running configuration. */
  render(input: RenderInput): string;
}
