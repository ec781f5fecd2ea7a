/**
 * QoS trust and marking at the ports that carry a QoS profile (DOMAIN.md: access-layer traffic is
 * marked at ingress so that policies can act on it hop by hop).
 *
 * reference/huawei-vrp.md has no QoS section, so these are the standard VRP5 MQC forms (Huawei
 * S-series QoS configuration guide), the most widely documented ones. Their layout follows VRP5
 * configurations seen in public captures (AR routers with the same MQC): all classifiers in one
 * `#` section, all behaviours in the next, all policies in the next, and DSCP values printed by
 * keyword (`ef`, `af41`, `cs4`, `default`). Whether an S-series release prints a value entered
 * as a number by its keyword, and whether V200R010+ appends ` precedence N` / ` match-order
 * config`, is unverified.
 *
 *   traffic classifier VOICE operator or     one per profile that marks
 *    if-match any
 *   traffic classifier VIDEO operator or
 *    if-match any
 *   #
 *   traffic behavior VOICE
 *    remark dscp ef                          the profile's dscp (keyword when it has one)
 *    remark 8021p 5                          the profile's cos
 *   #
 *   traffic policy VOICE
 *    classifier VOICE behavior VOICE
 *   #
 *   interface GigabitEthernet0/0/5
 *    trust dscp                              the profile's trust (dscp | 8021p; none prints nothing)
 *    traffic-policy VOICE inbound            when the profile marks
 *
 * Classifier, behaviour and policy share the profile's name (they are separate name spaces).
 * Profiles are printed by name; all classifiers, then all behaviours, then all policies.
 */
import type { QosProfile } from '../../model/index.js';
import type { VrpContext } from './context.js';
import { compareText, type Section } from './format.js';

export function marks(profile: QosProfile): boolean {
  return profile.dscp !== undefined || profile.cos !== undefined;
}

/** The QoS profiles the device's ports use, by name. */
export function usedQosProfiles(ctx: Pick<VrpContext, 'topology' | 'device'>): QosProfile[] {
  const names = new Set<string>();
  for (const p of ctx.device.ports ?? []) if (p.qos) names.add(p.qos);
  return [...names]
    .sort(compareText)
    .map((n) => (ctx.topology.qosProfiles ?? []).find((q) => q.name === n))
    .filter((q): q is QosProfile => q !== undefined);
}

/** DSCP values with a PHB keyword (RFC 2474/2597/3246), as VRP prints them. */
const DSCP_KEYWORDS: ReadonlyMap<number, string> = new Map([
  [0, 'default'], [8, 'cs1'], [10, 'af11'], [12, 'af12'], [14, 'af13'], [16, 'cs2'], [18, 'af21'], [20, 'af22'],
  [22, 'af23'], [24, 'cs3'], [26, 'af31'], [28, 'af32'], [30, 'af33'], [32, 'cs4'], [34, 'af41'], [36, 'af42'],
  [38, 'af43'], [40, 'cs5'], [46, 'ef'], [48, 'cs6'], [56, 'cs7'],
]);

export function dscpName(value: number): string {
  return DSCP_KEYWORDS.get(value) ?? String(value);
}

export function renderQosPolicies(profiles: readonly QosProfile[]): Section[] {
  const marking = profiles.filter(marks);
  if (marking.length === 0) return [];
  const classifiers = marking.flatMap((q) => [`traffic classifier ${q.name} operator or`, ' if-match any']);
  const behaviours = marking.flatMap((q) => {
    const lines = [`traffic behavior ${q.name}`];
    if (q.dscp !== undefined) lines.push(` remark dscp ${dscpName(q.dscp)}`);
    if (q.cos !== undefined) lines.push(` remark 8021p ${q.cos}`);
    return lines;
  });
  const policies = marking.flatMap((q) => [`traffic policy ${q.name}`, ` classifier ${q.name} behavior ${q.name}`]);
  return [classifiers, behaviours, policies];
}

/** The QoS lines inside an interface that uses `profile`. */
export function renderPortQos(profile: QosProfile | undefined): string[] {
  if (!profile) return [];
  const lines: string[] = [];
  if (profile.trust === 'dscp') lines.push(' trust dscp');
  else if (profile.trust === '8021p') lines.push(' trust 8021p');
  if (marks(profile)) lines.push(` traffic-policy ${profile.name} inbound`);
  return lines;
}

export function renderQos(ctx: VrpContext): Section[] {
  return renderQosPolicies(usedQosProfiles(ctx));
}
