/**
 * Management plane: LLDP, AAA local user, SNMP agent, SSH server, VTY lines
 * (reference/huawei-vrp.md §2.12, §2.13, §2.15, §3.1).
 *
 *   lldp enable                                        global section (§2.15)
 *   #
 *   aaa                                                §2.13, §3.1
 *    local-user netops password irreversible-cipher {{secret:env:X}}
 *    local-user netops privilege level 15
 *    local-user netops service-type ssh
 *   #
 *   snmp-agent                                         §3.1 order: agent, community, sys-info
 *   snmp-agent community read cipher {{secret:env:X}}
 *   snmp-agent sys-info location <site name>
 *   snmp-agent sys-info version v2c v3
 *   #
 *   stelnet server enable                              §2.13, §3.1
 *   ssh user netops
 *   ssh user netops authentication-type password
 *   ssh user netops service-type stelnet
 *   #
 *   user-interface vty 0 4                             §2.13, §3.1
 *    authentication-mode aaa
 *    protocol inbound ssh
 *
 * Secrets are `{{secret:<ref>}}` tokens (render/types.ts), never values; the device stores and
 * prints them as cipher text, so a diff must compare a token with any cipher as equal.
 *
 * Not rendered: the device-generated lines (`snmp-agent local-engineid`, the AAA default schemes
 * and domains, `user-interface con 0`), trap targets and NTP servers (the model has no field for
 * them), and a public key for a credential that only has `privateKey` (the device needs the public
 * half, which the model does not hold).
 *
 * SNMP v2c is printed as `snmp-agent sys-info version v2c v3`, the form seen in §3.1: on V200R v3
 * is on by default and enabling v2c keeps it. SNMP v3 (§2.12, keyword order "unverified here"):
 *   snmp-agent sys-info version v3
 *   snmp-agent group v3 <credential id> privacy|authentication|noauthentication
 *   snmp-agent usm-user v3 <user> <credential id> authentication-mode sha {{secret}} privacy-mode aes128 {{secret}}
 * The group is named after the credential (the model has no group name).
 * Non-default ports: `ssh server port N`, `snmp-agent udp-port N` (S-series forms, not in the
 * reference; unverified).
 */
import type { Credential } from '../../model/index.js';
import { secretToken } from '../types.js';
import type { VrpContext } from './context.js';
import { text, type Section } from './format.js';

export const DEFAULT_SSH_PORT = 22;
export const DEFAULT_SNMP_PORT = 161;

export function renderLldp(): Section[] {
  return [['lldp enable']];
}

export function renderAaa(ctx: VrpContext): Section[] {
  const c = ctx.credential;
  if (!c) return [];
  const lines = ['aaa'];
  if (c.password) lines.push(` local-user ${c.username} password ${ctx.dialect.localUserPassword} ${secretToken(c.password)}`);
  lines.push(` local-user ${c.username} privilege level 15`, ` local-user ${c.username} service-type ssh`);
  return [lines];
}

function snmpV3Level(snmp: NonNullable<Credential['snmp']>): 'privacy' | 'authentication' | 'noauthentication' {
  if (snmp.authKey && snmp.privKey) return 'privacy';
  if (snmp.authKey) return 'authentication';
  return 'noauthentication';
}

export function renderSnmp(ctx: VrpContext): Section[] {
  const snmp = ctx.credential?.snmp;
  if (!snmp) return [];
  const lines = ['snmp-agent'];
  if (snmp.version === 'v2c' && snmp.community) lines.push(`snmp-agent community read cipher ${secretToken(snmp.community)}`);
  const site = ctx.device.site ? (ctx.topology.sites ?? []).find((s) => s.id === ctx.device.site) : undefined;
  if (site) lines.push(`snmp-agent sys-info location ${text(site.name)}`);
  lines.push(`snmp-agent sys-info version ${snmp.version === 'v2c' ? 'v2c v3' : 'v3'}`);
  if (snmp.version === 'v3' && snmp.user) {
    const group = ctx.credential!.id;
    lines.push(`snmp-agent group v3 ${group} ${snmpV3Level(snmp)}`);
    const parts = [`snmp-agent usm-user v3 ${snmp.user} ${group}`];
    if (snmp.authKey) parts.push(`authentication-mode ${snmp.authProtocol ?? 'sha'} ${secretToken(snmp.authKey)}`);
    if (snmp.authKey && snmp.privKey) parts.push(`privacy-mode ${snmp.privProtocol === 'des' ? 'des56' : 'aes128'} ${secretToken(snmp.privKey)}`);
    lines.push(parts.join(' '));
  }
  const port = ctx.device.management.snmpPort;
  if (port !== undefined && port !== DEFAULT_SNMP_PORT) lines.push(`snmp-agent udp-port ${port}`);
  return [lines];
}

export function renderSsh(ctx: VrpContext): Section[] {
  const lines = ['stelnet server enable'];
  const port = ctx.device.management.sshPort;
  if (port !== undefined && port !== DEFAULT_SSH_PORT) lines.push(`ssh server port ${port}`);
  const c = ctx.credential;
  if (c) {
    lines.push(`ssh user ${c.username}`);
    if (c.password) lines.push(`ssh user ${c.username} authentication-type password`);
    lines.push(`ssh user ${c.username} service-type stelnet`);
  }
  return [lines];
}

export function renderUserInterfaces(): Section[] {
  return [['user-interface vty 0 4', ' authentication-mode aaa', ' protocol inbound ssh']];
}
