/**
 * Platform support: the intent asks a device for something its model cannot do (catalogue
 * capabilities in src/model/catalog.ts). One finding per device and feature, at the first place
 * that asks for it. Devices whose model is unknown are INTENT_UNKNOWN_MODEL (rule `references`).
 *
 * Code: INTENT_UNSUPPORTED_FEATURE (error), naming device, model and feature. Features:
 * MPLS L3VPN (device or interface MPLS, BGP VPNv4 speaker; capability mplsL3vpn), VPN instances
 * (port/VLAN interface/static route bound to a VPN; vrf), VRRP (vrrp), OSPF (ospf), firewall section (firewall),
 * QoS marking (port qos profile; qosMarking), LAGs (lag), VLAN interfaces (svi).
 */
import { pointerOf, type Capabilities, type Finding } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { bgpSpeakers, isString, modelOf } from '../facts.js';
import { error, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const vrrpUse = new Map<string, string>();
  for (const [g, gi] of items(ctx.topology.vrrp)) {
    for (const [m, mi] of items(g.members)) {
      if (isString(m.device) && !vrrpUse.has(m.device)) vrrpUse.set(m.device, pointerOf('vrrp', gi, 'members', mi, 'device'));
    }
  }
  const speakers = new Map(bgpSpeakers(ctx).map(([s, i]) => [s, pointerOf('network', 'routing', 'bgpSpeakers', i)]));

  for (const [d, di] of items(ctx.topology.devices)) {
    const model = modelOf(d);
    if (!model) continue;
    const at = (...segs: (string | number)[]): string => pointerOf('devices', di, ...segs);
    const first = <T>(list: T[] | undefined, test: (e: T) => boolean, ...sub: string[]): string | undefined => {
      const hit = items(list).find(([e]) => test(e));
      return hit ? at(...sub, hit[1]) : undefined;
    };
    const uses: Array<{ capability: keyof Capabilities; feature: string; where: string | undefined }> = [
      {
        capability: 'mplsL3vpn', feature: 'MPLS L3VPN',
        where: d.mpls === true ? at('mpls')
          : first(d.ports, (p) => p.mpls === true, 'ports') ?? first(d.lags, (l) => l.mpls === true, 'lags')
          ?? first(d.svis, (s) => s.mpls === true, 'svis') ?? (isString(d.name) ? speakers.get(d.name) : undefined),
      },
      {
        capability: 'vrf', feature: 'VPN instances (VRF)',
        where: first(d.ports, (p) => isString(p.vpn), 'ports') ?? first(d.svis, (s) => isString(s.vpn), 'svis')
          ?? first(d.staticRoutes, (r) => isString(r.vpn), 'staticRoutes'),
      },
      { capability: 'vrrp', feature: 'VRRP', where: isString(d.name) ? vrrpUse.get(d.name) : undefined },
      { capability: 'ospf', feature: 'OSPF', where: d.ospf !== undefined ? at('ospf') : undefined },
      { capability: 'firewall', feature: 'firewall security zones and NAT', where: d.firewall !== undefined ? at('firewall') : undefined },
      { capability: 'qosMarking', feature: 'QoS marking', where: first(d.ports, (p) => isString(p.qos), 'ports') },
      { capability: 'lag', feature: 'link aggregation (LAG)', where: items(d.lags).length > 0 ? at('lags') : undefined },
      { capability: 'svi', feature: 'VLAN interfaces', where: items(d.svis).length > 0 ? at('svis') : undefined },
    ];
    for (const u of uses) {
      if (u.where !== undefined && !model.capabilities[u.capability]) {
        out.push(error('INTENT_UNSUPPORTED_FEATURE', u.where,
          `device '${String(d.name)}' is a ${model.model}, which cannot do ${u.feature}; move the feature to a capable device or change the model`));
      }
    }
  }
  return out;
}

export const platformSupportRule: Rule = {
  id: 'platform-support',
  description: 'every feature asked of a device is one its model supports',
  codes: ['INTENT_UNSUPPORTED_FEATURE'],
  check,
};
