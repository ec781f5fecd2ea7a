/**
 * QoS marking at access ports (DOMAIN.md: traffic is marked at ingress so that policies act on it
 * hop by hop). reference/ruijie-rgos.md has no QoS form; these are the widely documented RGOS 10
 * QoS commands (Cisco MLS style), composed and unverified on the S8610/S5750:
 *   ` mls qos trust dscp` / ` mls qos trust cos`   trust the host's marking (profile trust dscp / 8021p)
 *   ` mls qos cos N`                                 the port's default CoS (profile cos)
 *   ` service-policy input P`                        overwrite DSCP (profile dscp), with a global
 *     `ip access-list extended QOS-MATCH-ALL` / `class-map P` / `policy-map P` + `  set ip dscp N`
 * The policy and class map take the profile's name.
 */
import type { QosProfile } from '../../model/index.js';
import type { RgosContext } from './context.js';
import type { Block } from './format.js';

export const QOS_MATCH_ALL_ACL = 'QOS-MATCH-ALL';

function profilesByName(ctx: RgosContext): Map<string, QosProfile> {
  return new Map((ctx.topology.qosProfiles ?? []).map((q) => [q.name, q] as const));
}

/** The interface lines of a port that uses `profileName`; empty when it has none. */
export function renderPortQos(ctx: RgosContext, profileName: string | undefined): string[] {
  if (!profileName) return [];
  const profile = profilesByName(ctx).get(profileName);
  if (!profile) return [];
  const lines: string[] = [];
  if (profile.trust === 'dscp') lines.push(' mls qos trust dscp');
  else if (profile.trust === '8021p') lines.push(' mls qos trust cos');
  if (profile.cos !== undefined) lines.push(` mls qos cos ${profile.cos}`);
  if (profile.dscp !== undefined) lines.push(` service-policy input ${profile.name}`);
  return lines;
}

/** The DSCP-marking profiles this device's ports use, by name. */
export function collectMarkingProfiles(ctx: RgosContext): QosProfile[] {
  const byName = profilesByName(ctx);
  const used = new Set<string>();
  for (const p of ctx.device.ports ?? []) if (p.qos) used.add(p.qos);
  return [...used].sort().map((n) => byName.get(n)).filter((q): q is QosProfile => q?.dscp !== undefined);
}

/** The access list that matches every IP packet, needed only when a marking policy exists. */
export function renderQosAccessLists(ctx: RgosContext): Block[] {
  if (collectMarkingProfiles(ctx).length === 0) return [];
  return [[`ip access-list extended ${QOS_MATCH_ALL_ACL}`, ' 10 permit ip any any']];
}

/** `class-map` and `policy-map` stanzas, one pair per DSCP-marking profile. */
export function renderQosPolicies(ctx: RgosContext): Block[] {
  const profiles = collectMarkingProfiles(ctx);
  return [
    ...profiles.map((q): Block => [`class-map ${q.name}`, ` match access-group ${QOS_MATCH_ALL_ACL}`]),
    ...profiles.map((q): Block => [`policy-map ${q.name}`, ` class ${q.name}`, `  set ip dscp ${q.dscp}`]),
  ];
}
