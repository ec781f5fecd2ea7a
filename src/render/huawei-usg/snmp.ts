/**
 * SNMP agent (VRP §2.12), from the device's credentials; every secret is a token (render/types.ts):
 *
 * - v2c: `snmp-agent`, `snmp-agent community read cipher {{secret:REF}}`, `snmp-agent sys-info version v2c`;
 * - v3: `snmp-agent sys-info version v3`, `snmp-agent group v3 GROUP privacy|authentication|noauthentication`
 *   (the group is named after the credential id), `snmp-agent usm-user v3 USER GROUP
 *   authentication-mode sha|md5 {{secret}} privacy-mode aes128|des56 {{secret}}` (keyword order
 *   unverified, §2.12).
 *
 * Order follows the §3.1 capture (agent, community, sys-info version). The device prints the
 * community back as cipher text, so a diff must compare this line by its token, not its text.
 */
import { secretToken } from '../types.js';
import type { Block, UsgContext } from './context.js';

export function renderSnmpAgent(ctx: UsgContext): Block[] {
  const snmp = ctx.credential?.snmp;
  if (!snmp) return [];
  const lines = ['snmp-agent'];
  if (snmp.version === 'v2c') {
    if (snmp.community) lines.push(`snmp-agent community read cipher ${secretToken(snmp.community)}`);
    lines.push('snmp-agent sys-info version v2c');
    return [lines];
  }
  const group = ctx.credential!.id;
  const level = snmp.privKey && snmp.authKey ? 'privacy' : snmp.authKey ? 'authentication' : 'noauthentication';
  lines.push('snmp-agent sys-info version v3', `snmp-agent group v3 ${group} ${level}`);
  if (snmp.user) {
    let user = `snmp-agent usm-user v3 ${snmp.user} ${group}`;
    if (snmp.authKey) user += ` authentication-mode ${snmp.authProtocol ?? 'sha'} ${secretToken(snmp.authKey)}`;
    if (snmp.authKey && snmp.privKey) user += ` privacy-mode ${snmp.privProtocol === 'des' ? 'des56' : 'aes128'} ${secretToken(snmp.privKey)}`;
    lines.push(user);
  }
  return [lines];
}
