/**
 * Remote-access VPN: travelling staff land in their own department's VPN instance and nothing else.
 *
 * COMPOSED. The USG reference (§6) only sketches remote access (SSL VPN virtual gateways, "from
 * memory, unverified") and documents no per-department mapping. This renders the simplest construct
 * that keeps each group inside its department's instance, an L2TP LNS per group, as Huawei's
 * firewall guides show it for client-initiated L2TP on USGs (`l2tp enable`, `interface
 * Virtual-Template N` with `ppp authentication-mode chap` and `remote address pool N`,
 * `l2tp-group N` with `allow l2tp virtual-template N remote NAME`, `ip pool N A B` in `aaa`),
 * combined with the documented `ip binding vpn-instance` (USG §5.1, VRP §2.7) on the
 * Virtual-Template, so that a user's PPP session, its pool address and its routes all live in the
 * department's instance. Per group N (1-based, in topology order):
 *
 *   - `interface Virtual-TemplateN`: bound to the group's instance, addressed with the first host of
 *     the department's remoteAccessPool; clients get the rest of the pool (`ip pool N`);
 *   - `l2tp-groupN` accepts tunnels whose client host (tunnel) name is the group name, so each
 *     department's client profile names its group;
 *   - the Virtual-Templates join the security zone that `represents: remote-access` and names the
 *     group's department (zones.ts remoteAccessZone).
 *
 * Users themselves are not in the model (they authenticate against aaa/RADIUS). Tunnel
 * authentication is off (`undo tunnel authentication`, as Windows' built-in client requires):
 * the model has no tunnel secret.
 */
import { addressWithMask, hostRange, nextAddress } from './addresses.js';
import { remoteGatewayAddress, type Block, type RemoteGroup, type UsgContext } from './context.js';

/** The client part of a group's pool: second host to last host; none if the pool is too small. */
export function remotePoolRange(g: RemoteGroup): { first: string; last: string } | undefined {
  if (!g.pool) return undefined;
  const { first, last } = hostRange(g.pool);
  if (first === last) return undefined;
  return { first: nextAddress(first), last };
}

/** Global `l2tp enable` when this firewall terminates remote-access groups. */
export function renderL2tpEnable(ctx: UsgContext): Block[] {
  return ctx.remoteGroups.length ? [['l2tp enable']] : [];
}

/** One `interface Virtual-TemplateN` per group (printed among the interfaces). */
export function renderVirtualTemplates(ctx: UsgContext): Block[] {
  return ctx.remoteGroups.map((g) => {
    const dept = g.department ? ` department ${g.department.id}` : '';
    const lines = [
      `interface Virtual-Template${g.index}`,
      ` description remote-access ${g.name}${dept}`,
      ' ppp authentication-mode chap',
      ` ip binding vpn-instance ${g.vpn}`,
    ];
    if (g.pool) lines.push(` ip address ${addressWithMask(remoteGatewayAddress(g.pool))}`);
    if (remotePoolRange(g)) lines.push(` remote address pool ${g.index}`);
    return lines;
  });
}

/** One `l2tp-group N` per group. */
export function renderL2tpGroups(ctx: UsgContext): Block[] {
  return ctx.remoteGroups.map((g) => [
    `l2tp-group ${g.index}`,
    ' undo tunnel authentication',
    ` allow l2tp virtual-template ${g.index} remote ${g.name}`,
  ]);
}
