/**
 * Management plane: hostname, local user, SSH, SNMP and the vty lines
 * (reference/ruijie-rgos.md §2.10, §2.11, §3.1). Secrets never appear: a line that carries one holds
 * the `{{secret:<ref>}}` token from ../types.ts, which the change engine resolves at push time.
 *
 * Placement follows the seen captures: `username` right after the hostname/ACL stanzas,
 * `service password-encryption` alone, `ip ssh version 2` alone, then `enable service ssh-server` with
 * `no enable service telnet-server`, all before the VLANs; SNMP and `line vty` after the static
 * routes, last before `end` (RGOS 12 capture of the same layout; NTP, logging and LLDP are not in the
 * model and not rendered — LLDP is on by default on RGOS 10.4+/11, §2.12, so a default needs no line).
 */
import type { Credential } from '../../model/index.js';
import { secretToken } from '../types.js';
import type { RgosContext } from './context.js';
import { text, type Block } from './format.js';

/** The control plane logs in as a privilege-15 user; the model has no privilege level. */
export const ADMIN_PRIVILEGE = 15;

export function findCredential(ctx: RgosContext): Credential | undefined {
  return (ctx.topology.credentials ?? []).find((c) => c.id === ctx.device.credentials);
}

export function renderHostname(ctx: RgosContext): Block[] {
  return [[`hostname ${ctx.device.name}`]];
}

/**
 * `username U privilege 15 password 0 {{secret:...}}` (§2.11: `username admin privilege 15 password 0
 * S3cret!pass`, seen). Type 0 is the clear-text input form; with `service password-encryption` the
 * device prints `password 7 <cipher>` instead, so a diff must match this line on `username U` and
 * never compare the secret. A credential with only a key gets no password line.
 */
export function renderUsers(ctx: RgosContext): Block[] {
  const cred = findCredential(ctx);
  if (!cred?.password) return [];
  return [[`username ${cred.username} privilege ${ADMIN_PRIVILEGE} password 0 ${secretToken(cred.password)}`]];
}

/** `service password-encryption` (seen, §3.1): no clear-text password in any running config. */
export function renderServices(): Block[] {
  return [['service password-encryption']];
}

/** SSH v2 only; telnet off (§2.11, seen). */
export function renderSshServer(): Block[] {
  return [['ip ssh version 2'], ['enable service ssh-server', 'no enable service telnet-server']];
}

/**
 * SNMP agent (§2.10). v2c: `snmp-server community {{secret:...}} ro` (seen form, read-only). v3
 * (unverified forms): `snmp-server group G v3 priv|auth|noauth` and `snmp-server user U G v3 auth
 * sha|md5 K priv aes128|des K`, the group named after the credential id (the model has no group).
 * `snmp-server location` carries the site's name. Trap targets are not in the model.
 */
export function renderSnmp(ctx: RgosContext): Block[] {
  const cred = findCredential(ctx);
  const snmp = cred?.snmp;
  if (!cred || !snmp) return [];
  const lines: string[] = [];
  if (snmp.version === 'v2c') {
    if (snmp.community) lines.push(`snmp-server community ${secretToken(snmp.community)} ro`);
  } else if (snmp.user) {
    const level = snmp.privKey && snmp.authKey ? 'priv' : snmp.authKey ? 'auth' : 'noauth';
    lines.push(`snmp-server group ${cred.id} v3 ${level}`);
    let user = `snmp-server user ${snmp.user} ${cred.id} v3`;
    if (snmp.authKey) {
      user += ` auth ${snmp.authProtocol ?? 'sha'} ${secretToken(snmp.authKey)}`;
      if (snmp.privKey) user += ` priv ${snmp.privProtocol === 'des' ? 'des' : 'aes128'} ${secretToken(snmp.privKey)}`;
    }
    lines.push(user);
  }
  const site = (ctx.topology.sites ?? []).find((s) => s.id === ctx.device.site);
  if (site && lines.length > 0) lines.push(`snmp-server location ${text(site.name)}`);
  return lines.length === 0 ? [] : [lines];
}

/** `line vty 0 4` with local login over SSH only (§2.11, seen). */
export function renderLines(): Block[] {
  return [['line vty 0 4', ' login local', ' transport input ssh']];
}
