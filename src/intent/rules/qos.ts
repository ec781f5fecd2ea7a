/**
 * QoS marking at access (DOMAIN.md: "traffic is marked for QoS at ingress so that policies can act on
 * it hop by hop"): every host-facing access port of an access-layer switch carries a QoS profile that
 * marks (sets DSCP or 802.1p) or trusts the host's marking. Host-facing: an access-mode port that is
 * no LAG member and is not cabled to another device of the topology. Models that cannot mark
 * (catalogue qosMarking false) are left to `platform-support`.
 *
 * Code: INTENT_QOS_ACCESS_UNMARKED (error), on the port: no profile, or a profile that neither marks
 * nor trusts (trust none, no dscp, no cos). A profile name that resolves nowhere is
 * INTENT_UNKNOWN_QOS_PROFILE (rule `references`).
 */
import { pointerOf, type Finding, type QosProfile } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { endsAt, isString, lagMembership, modelOf } from '../facts.js';
import { error, type Rule } from '../rule.js';

function marksOrTrusts(q: QosProfile): boolean {
  return q.dscp !== undefined || q.cos !== undefined || q.trust === 'dscp' || q.trust === '8021p';
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const profiles = new Map<string, QosProfile>();
  for (const [q] of items(ctx.topology.qosProfiles)) if (isString(q.name) && !profiles.has(q.name)) profiles.set(q.name, q);
  for (const [d, di] of items(ctx.topology.devices)) {
    if (d.layer !== 'access' || !isString(d.name) || modelOf(d)?.capabilities.qosMarking === false) continue;
    const members = lagMembership(d);
    for (const [p, pi] of items(d.ports)) {
      if (p.mode !== 'access' || !isString(p.name) || p.shutdown === true || members.has(p.name)) continue;
      if (endsAt(ctx, d.name, p.name).some((e) => ctx.devices.has(e.far.device))) continue; // cabled to the network
      const at = pointerOf('devices', di, 'ports', pi);
      if (!isString(p.qos)) {
        out.push(error('INTENT_QOS_ACCESS_UNMARKED', at, `access switch '${d.name}' port ${p.name} takes host traffic with no QoS profile (qos:): traffic must be marked (or its marking trusted) at the access port`));
        continue;
      }
      const q = profiles.get(p.qos);
      if (q && !marksOrTrusts(q)) {
        out.push(error('INTENT_QOS_ACCESS_UNMARKED', pointerOf('devices', di, 'ports', pi, 'qos'),
          `access switch '${d.name}' port ${p.name} uses QoS profile '${q.name}', which neither marks (dscp, cos) nor trusts the host's marking`));
      }
    }
  }
  return out;
}

export const qosRule: Rule = {
  id: 'qos',
  description: 'host-facing access ports mark traffic (or trust its marking) at ingress',
  codes: ['INTENT_QOS_ACCESS_UNMARKED'],
  check,
};
