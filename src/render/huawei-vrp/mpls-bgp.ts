/**
 * MPLS, LDP and BGP (reference/huawei-vrp.md §2.8, §2.9).
 *
 * Global MPLS, only when `device.mpls` (§2.8: "the global part appears as `mpls lsr-id X` / `mpls`
 * / `#` / `mpls ldp` / `#`"; the LSR-ID is the loopback):
 *
 *   mpls lsr-id 10.0.0.1
 *   mpls
 *   #
 *   mpls ldp
 *
 * BGP, only for devices listed in `network.routing.bgpSpeakers`: an iBGP full mesh of VPNv4 peers
 * between the speakers' loopbacks, sub-families separated by ` #` (§2.9, §3.1):
 *
 *   bgp 65000
 *    router-id 10.0.0.1
 *    peer 10.0.0.2 as-number 65000
 *    peer 10.0.0.2 connect-interface LoopBack0
 *    #
 *    ipv4-family unicast
 *     undo synchronization
 *     peer 10.0.0.2 enable
 *    #
 *    ipv4-family vpnv4
 *     policy vpn-target
 *     peer 10.0.0.2 enable
 *    #
 *    ipv4-family vpn-instance CUST_A
 *     preference 255 200 255        when the device holds floating static routes in the instance
 *     import-route direct
 *     import-route static
 *
 * `preference external internal local` in the VPN family (BGP defaults 255 on VRP): internal
 * (VPNv4-learned) routes get FLOATING_IBGP_PREFERENCE, so that a floating static with a preference
 * above it loses to the other PEs' routes and only floats (docs/devices/huawei-vrp.md, "Route
 * preferences"; the command's availability in the VPN family is from Huawei's BGP documentation,
 * unverified on a capture).
 *
 * ` undo synchronization` is what V200R prints in the unicast family (not in the reference; from
 * Huawei configuration-file examples). Peers are ordered by address, the VPN families by name.
 * `import-route static` appears only in a family whose instance has static routes on this device.
 */
import { FLOATING_IBGP_PREFERENCE, routePreferencesOf } from '../../model/index.js';
import type { VrpContext } from './context.js';
import { compareText, ipToNumber, type Section } from './format.js';

export function renderMplsGlobal(ctx: VrpContext): Section[] {
  const { device } = ctx;
  if (!device.mpls) return [];
  const first: string[] = [];
  if (device.loopback) first.push(`mpls lsr-id ${device.loopback}`);
  first.push('mpls');
  return [first, ['mpls ldp']];
}

export function isBgpSpeaker(ctx: VrpContext): boolean {
  const routing = ctx.topology.network.routing;
  return routing !== undefined && (routing.bgpSpeakers ?? []).includes(ctx.device.name);
}

/** The loopbacks of the other BGP speakers, by address. */
export function bgpPeers(ctx: VrpContext): string[] {
  const speakers = ctx.topology.network.routing?.bgpSpeakers ?? [];
  const addresses = new Set<string>();
  for (const name of speakers) {
    if (name === ctx.device.name) continue;
    const peer = ctx.topology.devices.find((d) => d.name === name);
    if (peer?.loopback && peer.loopback !== ctx.device.loopback) addresses.add(peer.loopback);
  }
  return [...addresses].sort((a, b) => ipToNumber(a) - ipToNumber(b));
}

export function renderBgp(ctx: VrpContext): Section[] {
  const routing = ctx.topology.network.routing;
  if (!routing || !isBgpSpeaker(ctx)) return [];
  const peers = bgpPeers(ctx);
  const lines = [`bgp ${routing.asn}`];
  if (ctx.device.loopback) lines.push(` router-id ${ctx.device.loopback}`);
  for (const p of peers) lines.push(` peer ${p} as-number ${routing.asn}`, ` peer ${p} connect-interface LoopBack0`);
  lines.push(' #', ' ipv4-family unicast', '  undo synchronization');
  for (const p of peers) lines.push(`  peer ${p} enable`);
  lines.push(' #', ' ipv4-family vpnv4', '  policy vpn-target');
  for (const p of peers) lines.push(`  peer ${p} enable`);
  const withStatics = new Set((ctx.device.staticRoutes ?? []).flatMap((r) => (r.vpn ? [r.vpn] : [])));
  const withFloating = new Set((ctx.device.staticRoutes ?? []).flatMap((r) => (r.vpn && r.floating ? [r.vpn] : [])));
  const prefs = routePreferencesOf('huawei-vrp')!;
  for (const vpn of [...ctx.vpnInstances].sort((a, b) => compareText(a.name, b.name))) {
    lines.push(' #', ` ipv4-family vpn-instance ${vpn.name}`);
    // Floating statics must lose to the routes of the other PEs: lower internal BGP from 255.
    if (withFloating.has(vpn.name)) lines.push(`  preference ${prefs.ebgp} ${FLOATING_IBGP_PREFERENCE} ${prefs.ibgp}`);
    lines.push('  import-route direct');
    if (withStatics.has(vpn.name)) lines.push('  import-route static');
  }
  return [lines];
}
