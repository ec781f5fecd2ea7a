/**
 * Hot standby (HRP) of a firewall pair (firewall.hrp): sessions and configuration mirrored over the
 * heartbeat interface, one member active, the other standby. Seen in a USG6000V V500 capture
 * (docs/devices/huawei-usg.md, "Hot standby"):
 *
 *   hrp enable
 *   hrp standby-device                       on the standby member only (printed before the interface)
 *   hrp interface Eth-Trunk23 remote 10.99.241.13
 *
 * The remote address is the peer's address on the heartbeat subnet. The same form is rendered for
 * the USG2205BSR generation (unverified there).
 */
import { subnetContains } from './addresses.js';
import { layer3Interfaces, usgInterfaceName, type Block, type UsgContext } from './context.js';

export function renderHrp(ctx: UsgContext): Block[] {
  const hrp = ctx.device.firewall?.hrp;
  if (!hrp) return [];
  const peer = ctx.topology.devices.find((d) => d.name === hrp.peer);
  const local = usgInterfaceName(hrp.interface);
  const mine = layer3Interfaces(ctx).find((i) => i.name === local)?.addresses ?? [];
  let remote: string | undefined;
  for (const p of peer?.ports ?? []) {
    const ip = p.address?.split('/')[0];
    if (ip && mine.some((a) => subnetContains(a, ip)) && !mine.some((a) => a.split('/')[0] === ip)) { remote = ip; break; }
  }
  return [['hrp enable', ...(hrp.role === 'standby' ? ['hrp standby-device'] : []), `hrp interface ${local}${remote ? ` remote ${remote}` : ''}`]];
}
