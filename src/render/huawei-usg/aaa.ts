/**
 * The `aaa` block: the management user of the device's credentials (VRP §2.13) and the address
 * pools of the remote-access groups (see remote-access.ts). Passwords are secret tokens, never values.
 */
import { secretToken } from '../types.js';
import type { Block, UsgContext } from './context.js';
import { remotePoolRange } from './remote-access.js';

/**
 * `irreversible-cipher` is the V200R/NGFW keyword (VRP §2.13); "older releases use
 * `local-user X password cipher P`", which is what the USG2205BSR generation runs.
 */
function passwordKeyword(ctx: UsgContext): string {
  return ctx.style === 'security-policy' ? 'irreversible-cipher' : 'cipher';
}

export function renderAaa(ctx: UsgContext): Block[] {
  const lines: string[] = [];
  const c = ctx.credential;
  if (c) {
    if (c.password) lines.push(` local-user ${c.username} password ${passwordKeyword(ctx)} ${secretToken(c.password)}`);
    lines.push(` local-user ${c.username} privilege level 15`, ` local-user ${c.username} service-type ssh`);
  }
  for (const g of ctx.remoteGroups) {
    const range = remotePoolRange(g);
    if (range) lines.push(` ip pool ${g.index} ${range.first} ${range.last}`);
  }
  return lines.length ? [['aaa', ...lines]] : [];
}
