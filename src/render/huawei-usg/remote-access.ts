/**
 * Remote-access VPN: travelling staff land in their own department's VPN instance and security zone,
 * and nothing else; the department is decided by who they authenticate as, never by a name their
 * client chooses, and the session crosses the internet inside IPsec.
 *
 * L2TP over IPsec (remoteAccess.transport), per group N (1-based, in topology order) of department D:
 *
 *   l2tp enable
 *   #
 *   l2tp domain suffix-separator @          users log in as user@D (seen on USG6300 and USG6000V V500)
 *   #
 *   aaa                                     aaa.ts: `domain D` with `service-type l2tp`, `ip pool N A B`
 *   #
 *   ike proposal 10                         IKE: AES-256, SHA2-256, DH group 14
 *   ike peer remote-access                  the pre-shared key is a secret token
 *   ipsec proposal remote-access            ESP transport mode (L2TP is UDP 1701 between the ends)
 *   ipsec policy-template remote-access 1   any peer address (travelling users)
 *   ipsec policy remote-access 10 isakmp template remote-access
 *   #
 *   interface <each interface of the zones that represent the internet>
 *    ipsec policy remote-access
 *   #
 *   interface Virtual-TemplateN             bound to D's VPN instance, first host of D's pool,
 *    remote address pool N                  clients get the rest of the pool (domain D's ip pool N)
 *   #
 *   l2tp-group N
 *    undo tunnel authentication
 *    allow l2tp virtual-template N domain D  the LNS takes a session of domain D on D's template only
 *
 * Seen (captures in docs/devices/huawei-usg.md): `ike proposal N` with `encryption-algorithm`,
 * `authentication-algorithm`, `integrity-algorithm`; `ike peer X` with `pre-shared-key` and
 * `ike-proposal N`; `ipsec proposal X` with `encapsulation-mode`, `esp authentication-algorithm`,
 * `esp encryption-algorithm`; ` ipsec policy X` on the outside interface; `l2tp domain
 * suffix-separator @`; `interface Virtual-TemplateN` / `ppp authentication-mode chap` /
 * `remote address pool N`; `l2tp-group N` / `undo tunnel authentication` / `allow l2tp
 * virtual-template N`. UNVERIFIED: the algorithm keywords `aes-256`, `sha2-256`, `dh group14`,
 * `hmac-sha2-256`; `ipsec policy-template` and `... isakmp template X`; and the `domain D` option of
 * `allow l2tp virtual-template` (domain-based selection of the template). The previous form,
 * `allow l2tp virtual-template N remote NAME`, matched the tunnel name the CLIENT sends, so any user
 * could pick another department's VPN; and plain L2TP crossed the internet in clear.
 */
import { deviceText } from '../../model/index.js';
import { secretToken } from '../types.js';
import { addressWithMask, hostRange, nextAddress } from './addresses.js';
import { remoteGatewayAddress, type Block, type RemoteGroup, type UsgContext } from './context.js';

export const IPSEC_NAME = 'remote-access';
export const IKE_PROPOSAL = 10;

/** The client part of a group's pool: second host to last host; none if the pool is too small. */
export function remotePoolRange(g: RemoteGroup): { first: string; last: string } | undefined {
  if (!g.pool) return undefined;
  const { first, last } = hostRange(g.pool);
  if (first === last) return undefined;
  return { first: nextAddress(first), last };
}

/** `l2tp enable` and the user@domain separator when this firewall terminates remote-access groups. */
export function renderL2tpEnable(ctx: UsgContext): Block[] {
  return ctx.remoteGroups.length ? [['l2tp enable'], ['l2tp domain suffix-separator @']] : [];
}

/** The interfaces that face the internet (zones that represent it): where IPsec is applied. */
export function outsideInterfaces(ctx: UsgContext): Set<string> {
  if (!ctx.remoteGroups.length) return new Set();
  return new Set((ctx.device.firewall?.zones ?? []).filter((z) => z.represents === 'internet').flatMap((z) => z.interfaces));
}

/** IKE and IPsec for the L2TP sessions (none without a pre-shared key: intent reports it). */
export function renderIpsec(ctx: UsgContext): Block[] {
  const key = ctx.topology.remoteAccess?.preSharedKey;
  if (!ctx.remoteGroups.length || !key) return [];
  return [
    [`ike proposal ${IKE_PROPOSAL}`, ' encryption-algorithm aes-256', ' dh group14', ' authentication-algorithm sha2-256', ' integrity-algorithm hmac-sha2-256'],
    [`ike peer ${IPSEC_NAME}`, ` pre-shared-key ${secretToken(key)}`, ` ike-proposal ${IKE_PROPOSAL}`],
    [`ipsec proposal ${IPSEC_NAME}`, ' encapsulation-mode transport', ' esp authentication-algorithm sha2-256', ' esp encryption-algorithm aes-256'],
    [`ipsec policy-template ${IPSEC_NAME} 1`, ` ike-peer ${IPSEC_NAME}`, ` proposal ${IPSEC_NAME}`],
    [`ipsec policy ${IPSEC_NAME} 10 isakmp template ${IPSEC_NAME}`],
  ];
}

/** The line applying IPsec on an outside interface. */
export function ipsecOnInterface(ctx: UsgContext, name: string): string[] {
  return ctx.topology.remoteAccess?.preSharedKey && outsideInterfaces(ctx).has(name) ? [` ipsec policy ${IPSEC_NAME}`] : [];
}

/** One `interface Virtual-TemplateN` per group (printed among the interfaces). */
export function renderVirtualTemplates(ctx: UsgContext): Block[] {
  return ctx.remoteGroups.map((g) => {
    const dept = g.department ? ` department ${g.department.id}: ${g.department.name}` : '';
    const lines = [
      `interface Virtual-Template${g.index}`,
      ` description ${deviceText(`remote-access ${g.name}${dept}`, ctx.textLimits.nonAscii)}`,
      ' ppp authentication-mode chap',
      ` ip binding vpn-instance ${g.vpn}`,
    ];
    if (g.pool) lines.push(` ip address ${addressWithMask(remoteGatewayAddress(g.pool))}`);
    if (remotePoolRange(g)) lines.push(` remote address pool ${g.index}`);
    return lines;
  });
}

/** One `l2tp-group N` per group, taking only sessions of the group's AAA domain. */
export function renderL2tpGroups(ctx: UsgContext): Block[] {
  return ctx.remoteGroups.map((g) => [
    `l2tp-group ${g.index}`,
    ' undo tunnel authentication',
    ` allow l2tp virtual-template ${g.index} domain ${g.domain}`,
  ]);
}
