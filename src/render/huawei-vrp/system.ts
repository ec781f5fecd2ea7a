/** `sysname NAME` (reference/huawei-vrp.md §2.1, §3.1). */
import type { Section } from './format.js';

export function renderSysname(name: string): Section[] {
  return [[`sysname ${name}`]];
}
