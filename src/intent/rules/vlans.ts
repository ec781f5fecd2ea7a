/**
 * VLANs: ids in range, one meaning per id, every VLAN a device carries created on it, and the two
 * ends of a link agreeing on how they carry VLANs.
 *
 * Codes:
 * - INTENT_VLAN_ID_RANGE (error): a VLAN id outside 1-4094, declared or used.
 * - INTENT_VLAN_ID_REUSED (error): one VLAN id declared twice under different names, i.e. reused
 *   with another meaning (the same id and name twice is INTENT_DUPLICATE_VLAN).
 * - INTENT_VLAN_NOT_ON_DEVICE (warning): a device lists its VLANs (`vlans:`) but a port, LAG or VLAN
 *   interface of it carries one missing from that list (reported once per device and VLAN).
 *   VLANs missing from the network's `vlans` section are INTENT_UNKNOWN_VLAN (rule `references`).
 * - INTENT_VLAN_LINK_MISMATCH (error): the two ends of a link (or of two LAGs linked together)
 *   disagree: access ports in different VLANs (they bridge the two: an isolation breach), access
 *   facing trunk, routed facing trunk, or trunks allowing different VLANs (frames of a VLAN one end
 *   does not allow are dropped). A routed port facing an access port is the usual way to hand a VLAN
 *   to a router and is fine. Ends with no configuration are not compared. A LAG pair is compared once.
 */
import { pointerOf, type Finding } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { integers, l2ConfigOf, linkList, vlanUses, type L2Config } from '../facts.js';
import { error, warning, type Rule } from '../rule.js';

function inRange(id: number): boolean {
  return id >= 1 && id <= 4094;
}

function effectiveMode(c: L2Config): L2Config['mode'] {
  return c.mode ?? (c.addressed ? 'routed' : undefined);
}

function compareEnds(a: L2Config, b: L2Config): string | undefined {
  const ma = effectiveMode(a);
  const mb = effectiveMode(b);
  if (ma === undefined || mb === undefined) return undefined;
  if (ma === 'routed' || mb === 'routed') {
    if (ma === mb) return undefined;
    const other = ma === 'routed' ? b : a;
    return effectiveMode(other) === 'trunk'
      ? `${(ma === 'routed' ? a : b).label} is routed but ${other.label} is a trunk: tagged frames reach a port that does not read tags`
      : undefined;
  }
  if (ma === 'access' && mb === 'access') {
    return a.vlan !== b.vlan ? `${a.label} is an access port in VLAN ${a.vlan ?? 1} but ${b.label} is in VLAN ${b.vlan ?? 1}: the link bridges the two VLANs` : undefined;
  }
  if (ma !== mb) {
    const [acc, tr] = ma === 'access' ? [a, b] : [b, a];
    return `${acc.label} is an access port (VLAN ${acc.vlan ?? 1}) but ${tr.label} is a trunk: make both ends trunks or both access`;
  }
  if (Array.isArray(a.allowedVlans) && Array.isArray(b.allowedVlans)) {
    const sa = new Set(a.allowedVlans);
    const sb = new Set(b.allowedVlans);
    const onlyA = [...sa].filter((v) => !sb.has(v)).sort((x, y) => x - y);
    const onlyB = [...sb].filter((v) => !sa.has(v)).sort((x, y) => x - y);
    if (onlyA.length + onlyB.length > 0) {
      const parts = [
        ...(onlyA.length ? [`VLAN ${onlyA.join(', ')} only on ${a.label}`] : []),
        ...(onlyB.length ? [`VLAN ${onlyB.join(', ')} only on ${b.label}`] : []),
      ];
      return `the trunks at the two ends allow different VLANs: ${parts.join('; ')}`;
    }
  }
  return undefined;
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;

  // Declared VLANs: range and one name per id.
  const firstName = new Map<number, { name: unknown; index: number }>();
  for (const [v, i] of items(t.vlans)) {
    if (!Number.isInteger(v.id)) continue;
    if (!inRange(v.id)) {
      out.push(error('INTENT_VLAN_ID_RANGE', pointerOf('vlans', i, 'id'), `VLAN '${String(v.name)}' has id ${v.id}; VLAN ids run from 1 to 4094`));
      continue;
    }
    const first = firstName.get(v.id);
    if (!first) firstName.set(v.id, { name: v.name, index: i });
    else if (first.name !== v.name) {
      out.push(error('INTENT_VLAN_ID_REUSED', pointerOf('vlans', i, 'id'),
        `VLAN ${v.id} is declared as '${String(first.name)}' (vlans #${first.index + 1}) and again as '${String(v.name)}': one id cannot carry two meanings; pick a free id`));
    }
  }

  // VLANs used on devices and in VRRP.
  for (const [d, di] of items(t.devices)) {
    const own = Array.isArray(d.vlans) ? new Set(integers(d.vlans).map(([v]) => v)) : undefined;
    const reported = new Set<number>();
    for (const use of vlanUses(d, di)) {
      if (!inRange(use.vlan)) {
        out.push(error('INTENT_VLAN_ID_RANGE', use.pointer, `device '${String(d.name)}' ${use.what}: VLAN ${use.vlan} is out of range (1-4094)`));
        continue;
      }
      if (own && !own.has(use.vlan) && !reported.has(use.vlan) && use.what !== 'its VLAN list') {
        reported.add(use.vlan);
        out.push(warning('INTENT_VLAN_NOT_ON_DEVICE', use.pointer,
          `device '${String(d.name)}' ${use.what} carries VLAN ${use.vlan}, which is missing from the device's vlans list, so it would not be created there`));
      }
    }
  }
  for (const [g, gi] of items(t.vrrp)) {
    for (const [m, mi] of items(g.members)) {
      if (Number.isInteger(m.vlan) && !inRange(m.vlan)) {
        out.push(error('INTENT_VLAN_ID_RANGE', pointerOf('vrrp', gi, 'members', mi, 'vlan'), `VRRP group '${g.name}' member ${String(m.device)}: VLAN ${m.vlan} is out of range (1-4094)`));
      }
    }
  }

  // Both ends of each link (a LAG pair is compared once).
  const compared = new Set<string>();
  for (const [link, li] of linkList(ctx)) {
    const a = l2ConfigOf(ctx, link.a.device, link.a.port);
    const b = l2ConfigOf(ctx, link.b.device, link.b.port);
    if (!a || !b) continue;
    const pair = [a.key, b.key].sort().join('~');
    if (compared.has(pair)) continue;
    compared.add(pair);
    const problem = compareEnds(a, b);
    if (problem) out.push(error('INTENT_VLAN_LINK_MISMATCH', pointerOf('links', li), `link ${link.a.device} ${link.a.port} -- ${link.b.device} ${link.b.port}: ${problem}`));
  }
  return out;
}

export const vlansRule: Rule = {
  id: 'vlans',
  description: 'VLAN ids in range and with one meaning each; VLANs created where they are carried; link ends agree',
  codes: ['INTENT_VLAN_ID_RANGE', 'INTENT_VLAN_ID_REUSED', 'INTENT_VLAN_NOT_ON_DEVICE', 'INTENT_VLAN_LINK_MISMATCH'],
  check,
};
