/**
 * Routing and MPLS: what an MPLS L3VPN core needs to come up.
 *
 * Codes:
 * - INTENT_DUPLICATE_RD (error): two VPN instances with one route distinguisher: their routes
 *   would be indistinguishable in BGP VPNv4.
 * - INTENT_MPLS_NO_LOOPBACK (error): a device with `mpls: true` and no loopback (its LSR id).
 * - INTENT_BGP_NO_LOOPBACK (error): a BGP speaker with no loopback to peer from.
 * - INTENT_MPLS_INTERFACE_WITHOUT_DEVICE (error): MPLS enabled on a port, LAG or VLAN interface of a
 *   device that does not enable MPLS itself.
 * - INTENT_PE_NOT_BGP_SPEAKER (warning): routing.bgpSpeakers is given, and a device runs MPLS with
 *   interfaces bound to VPN instances (a PE) but is not in it, so its VPN routes go nowhere.
 */
import { pointerOf, type Finding } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { bgpSpeakers, hasBgpSpeakerList, isString } from '../facts.js';
import { error, warning, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;

  const rds = new Map<string, string>();
  for (const [v, i] of items(t.vpnInstances)) {
    if (!isString(v.rd)) continue;
    const first = rds.get(v.rd);
    if (first !== undefined && first !== v.name) {
      out.push(error('INTENT_DUPLICATE_RD', pointerOf('vpnInstances', i, 'rd'), `VPN instance '${v.name}' uses route distinguisher ${v.rd}, already used by '${first}'`));
    } else if (first === undefined) rds.set(v.rd, String(v.name));
  }

  const speakers = new Set(bgpSpeakers(ctx).map(([s]) => s));
  for (const [name, i] of bgpSpeakers(ctx)) {
    const dev = ctx.devices.get(name)?.device;
    if (dev && !isString(dev.loopback)) {
      out.push(error('INTENT_BGP_NO_LOOPBACK', pointerOf('network', 'routing', 'bgpSpeakers', i), `BGP speaker '${name}' has no loopback to peer from; give the device a loopback`));
    }
  }

  for (const [d, di] of items(t.devices)) {
    const who = `device '${String(d.name)}'`;
    if (d.mpls === true && !isString(d.loopback)) {
      out.push(error('INTENT_MPLS_NO_LOOPBACK', pointerOf('devices', di, 'mpls'), `${who} runs MPLS but has no loopback for its LSR id`));
    }
    if (d.mpls !== true) {
      const on: Array<[string, string]> = [
        ...items(d.ports).filter(([p]) => p.mpls === true).map(([p, i]): [string, string] => [`port ${p.name}`, pointerOf('devices', di, 'ports', i, 'mpls')]),
        ...items(d.lags).filter(([l]) => l.mpls === true).map(([l, i]): [string, string] => [`LAG ${l.id}`, pointerOf('devices', di, 'lags', i, 'mpls')]),
        ...items(d.svis).filter(([s]) => s.mpls === true).map(([s, i]): [string, string] => [`VLAN ${s.vlan} interface`, pointerOf('devices', di, 'svis', i, 'mpls')]),
      ];
      for (const [what, pointer] of on) {
        out.push(error('INTENT_MPLS_INTERFACE_WITHOUT_DEVICE', pointer, `${who} enables MPLS on ${what} but not on the device (mpls: true)`));
      }
    }
    const boundToVpn = items(d.ports).some(([p]) => isString(p.vpn)) || items(d.svis).some(([s]) => isString(s.vpn));
    if (d.mpls === true && boundToVpn && hasBgpSpeakerList(ctx) && isString(d.name) && !speakers.has(d.name)) {
      out.push(warning('INTENT_PE_NOT_BGP_SPEAKER', pointerOf('devices', di),
        `${who} runs MPLS and has interfaces in VPN instances (a PE) but is not in routing.bgpSpeakers: its VPN routes reach no other PE`));
    }
  }
  return out;
}

export const routingRule: Rule = {
  id: 'routing',
  description: 'route distinguishers unique; MPLS and BGP speakers have loopbacks; MPLS interfaces on MPLS devices; PEs speak BGP',
  codes: ['INTENT_DUPLICATE_RD', 'INTENT_MPLS_NO_LOOPBACK', 'INTENT_BGP_NO_LOOPBACK', 'INTENT_MPLS_INTERFACE_WITHOUT_DEVICE', 'INTENT_PE_NOT_BGP_SPEAKER'],
  check,
};
