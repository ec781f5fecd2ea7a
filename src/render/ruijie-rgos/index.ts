/**
 * Ruijie RGOS renderer (RG-S8610, RG-S5750; RGOS 10.x): the full intended configuration of one
 * device, laid out as `show running-config` prints it (reference/ruijie-rgos.md §3.1) so that a diff
 * against a captured running config is meaningful.
 *
 * Layout: `!`-separated stanzas, sub-commands indented one space, closed by `!` and `end`. The
 * preamble the device prints before the body (`Building configuration...`, `Current configuration :
 * N bytes`, `version ...`) is not configuration and is not rendered: the version is not in the model
 * and the byte count changes with every edit; a running-config parser skips those lines, as oxidized
 * does (§1.5). Stanza order: hostname, ACLs, QoS class/policy maps, username, services, SSH, enable
 * services, VRFs, VLANs, interfaces (physical, AggregatePort, VLAN, Loopback), router ospf, static
 * routes, SNMP, line vty, end.
 *
 * MPLS is never rendered (not supported on these models, §2.7: VRF-lite only); a device, port, LAG
 * or SVI with `mpls: true` is reported by the validator, not expressed here.
 *
 * Pure: no clock, no I/O, no randomness; the same model gives the same text.
 */
import type { PlatformRenderer, RenderInput } from '../types.js';
import { buildRgosContext } from './context.js';
import { joinBlocks } from './format.js';
import { renderAggregatePorts, renderLoopback, renderPhysicalInterfaces, renderVlanInterfaces } from './interfaces.js';
import { renderHostname, renderLines, renderServices, renderSnmp, renderSshServer, renderUsers } from './management.js';
import { renderOspf } from './ospf.js';
import { renderQosAccessLists, renderQosPolicies } from './qos.js';
import { renderStaticRoutes } from './routes.js';
import { renderVlans } from './vlans.js';
import { renderVrfs } from './vrf.js';

export function renderRuijieRgos(input: RenderInput): string {
  const ctx = buildRgosContext(input);
  return joinBlocks([
    ...renderHostname(ctx),
    ...renderQosAccessLists(ctx),
    ...renderQosPolicies(ctx),
    ...renderUsers(ctx),
    ...renderServices(),
    ...renderSshServer(),
    ...renderVrfs(ctx),
    ...renderVlans(ctx),
    ...renderPhysicalInterfaces(ctx),
    ...renderAggregatePorts(ctx),
    ...renderVlanInterfaces(ctx),
    ...renderLoopback(ctx),
    ...renderOspf(ctx),
    ...renderStaticRoutes(ctx),
    ...renderSnmp(ctx),
    ...renderLines(),
  ]);
}

export const ruijieRgosRenderer: PlatformRenderer = {
  platform: 'ruijie-rgos',
  render: renderRuijieRgos,
};

export { buildRgosContext, type RgosContext } from './context.js';
export { TRUNK_ALLOWED_STYLE, type TrunkAllowedStyle } from './interfaces.js';
