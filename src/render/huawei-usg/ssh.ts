/**
 * SSH server and the vty lines (VRP §2.13): `stelnet server enable`, `ssh server port N` when the
 * management port is not 22, `ssh user U` with its authentication type (password when the
 * credential has one, else rsa: the model holds the control plane's private key, not the public
 * key the device would need, so no `assign rsa-key` is rendered) and service type; then
 * `user-interface vty 0 4` with `authentication-mode aaa` and `protocol inbound ssh`.
 */
import type { Block, UsgContext } from './context.js';

export function renderSsh(ctx: UsgContext): Block[] {
  const lines = ['stelnet server enable'];
  const port = ctx.device.management.sshPort;
  if (port !== undefined && port !== 22) lines.push(`ssh server port ${port}`);
  const c = ctx.credential;
  if (c) {
    lines.push(
      `ssh user ${c.username}`,
      `ssh user ${c.username} authentication-type ${c.password ? 'password' : 'rsa'}`,
      `ssh user ${c.username} service-type stelnet`,
    );
  }
  return [lines];
}

export function renderUserInterface(_ctx: UsgContext): Block[] {
  return [['user-interface vty 0 4', ' authentication-mode aaa', ' protocol inbound ssh']];
}
