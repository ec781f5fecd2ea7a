import type { Block, UsgContext } from './context.js';

/** `sysname NAME` (VRP §2.1). */
export function renderSysname(ctx: UsgContext): Block[] {
  return [[`sysname ${ctx.device.name}`]];
}
