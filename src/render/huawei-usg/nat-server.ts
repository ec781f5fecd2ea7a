/**
 * NAT server mappings that publish public-zone services (USG reference §4.1), one line each, in
 * model order, all in one section:
 *
 * - USG6000 (seen): `nat server NAME protocol tcp global G-ADDR G-PORT inside I-ADDR I-PORT`;
 * - USG2205BSR (older form, seen in tutorials): the same without the name.
 *
 * When an end of the mapping lives in a VPN instance on this firewall (the interface whose subnet
 * holds the address, else the static route covering it; for a global address covered by neither,
 * the instance of the interfaces in the zone that represents the internet), ` vpn-instance V`
 * follows that end's port:
 * `global G GP vpn-instance A inside I IP vpn-instance B` (§5.1 "NAT server can map between VPNs",
 * keyword placement UNVERIFIED). The security policy that admits the traffic is the matrix's job
 * (policy.ts), not the NAT server's.
 */
import { locateAddress, vpnOfZone, type Block, type UsgContext } from './context.js';

export function renderNatServers(ctx: UsgContext): Block[] {
  const servers = ctx.device.firewall?.natServers ?? [];
  if (servers.length === 0) return [];
  return [servers.map((s) => {
    const gv = (locateAddress(ctx, s.globalAddress) ?? { vpn: vpnOfZone(ctx, 'internet') }).vpn;
    const iv = locateAddress(ctx, s.insideAddress)?.vpn;
    const name = ctx.style === 'security-policy' ? ` ${s.name}` : '';
    return `nat server${name} protocol ${s.protocol} global ${s.globalAddress} ${s.globalPort}${gv ? ` vpn-instance ${gv}` : ''}`
      + ` inside ${s.insideAddress} ${s.insidePort}${iv ? ` vpn-instance ${iv}` : ''}`;
  })];
}
