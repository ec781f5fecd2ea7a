/**
 * LAGs: the two ends of a bundle agree, members are plain ports, and the model can hold them.
 * Two LAGs are "connected" when member ports of LAG X on device A are cabled (links) to member
 * ports of LAG Y on device B. A member's speed is its link's speed, else the speed configured on
 * its port entry, else the catalogue's.
 *
 * Codes:
 * - INTENT_LAG_MEMBER_COUNT_MISMATCH (error): X and Y have different numbers of members.
 * - INTENT_LAG_SPEED_MISMATCH (error): members of one LAG, or of the two ends, run at different speeds.
 * - INTENT_LAG_MODE_MISMATCH (error): one end LACP, the other static.
 * - INTENT_LAG_FAR_END_NOT_LAG (error): a member is cabled to a far port that is in no LAG.
 * - INTENT_LAG_SPLIT (error): members of one LAG go to two different LAGs of the same far device.
 * - INTENT_LAG_MULTIPLE_FAR_DEVICES (warning): members go to more than one far device; that is only
 *   right for M-LAG / stacking, which the model does not describe.
 * - INTENT_LAG_MEMBER_CONFIGURED (error): a member port also has its own mode, VLANs, address, VPN
 *   or MPLS in `ports`: a member takes its settings from the LAG.
 * - INTENT_LAG_DUPLICATE_MEMBER (error): a port listed twice in one LAG.
 * - INTENT_LAG_TOO_MANY (error): more LAGs than the model supports (catalogue maxLags). A model with
 *   no LAG support at all is INTENT_UNSUPPORTED_FEATURE (rule `platform-support`).
 * The same port in two LAGs is INTENT_PORT_IN_TWO_LAGS (rule `port-usage`).
 */
import { pointerOf, type Device, type Finding, type Lag, type Speed } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { endsAt, lagMembership, modelOf, portEntries, portSpeed, strings } from '../facts.js';
import { error, warning, type Rule } from '../rule.js';

const MEMBER_SETTINGS = ['mode', 'vlan', 'allowedVlans', 'address', 'vpn', 'mpls'] as const;

function speedsOf(ctx: RuleContext, device: Device, lag: Lag): Set<Speed> {
  const out = new Set<Speed>();
  for (const [m] of strings(lag.members)) {
    const s = portSpeed(ctx, device, m);
    if (s) out.add(s);
  }
  return out;
}

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const comparedPairs = new Set<string>();

  for (const [d, di] of items(ctx.topology.devices)) {
    const lags = items(d.lags);
    if (lags.length === 0 || typeof d.name !== 'string') continue;
    const name = d.name;
    const model = modelOf(d);
    if (model?.capabilities.lag && lags.length > model.capabilities.maxLags) {
      out.push(error('INTENT_LAG_TOO_MANY', pointerOf('devices', di, 'lags', lags[model.capabilities.maxLags]![1]),
        `device '${name}' has ${lags.length} LAGs; a ${model.model} supports at most ${model.capabilities.maxLags}`));
    }
    const entries = portEntries(d);

    for (const [lag, li] of lags) {
      const what = `device '${name}' LAG ${lag.id}`;
      const at = (...segs: (string | number)[]): string => pointerOf('devices', di, 'lags', li, ...segs);
      const seen = new Set<string>();
      const far = new Map<string, Map<string, { lag?: Lag; port: string }>>(); // far device → far LAG key → detail
      for (const [m, mi] of strings(lag.members)) {
        if (seen.has(m)) {
          out.push(error('INTENT_LAG_DUPLICATE_MEMBER', at('members', mi), `${what} lists member ${m} twice`));
          continue;
        }
        seen.add(m);
        const entry = entries.get(m);
        if (entry) {
          const [port, pi] = entry;
          const set = MEMBER_SETTINGS.filter((k) => port[k] !== undefined);
          if (set.length > 0) {
            out.push(error('INTENT_LAG_MEMBER_CONFIGURED', pointerOf('devices', di, 'ports', pi),
              `device '${name}' port ${m} is a member of LAG ${lag.id} but also has its own ${set.join(', ')}; a member takes its settings from the LAG`));
          }
        }
        for (const end of endsAt(ctx, name, m)) {
          const farDev = ctx.devices.get(end.far.device)?.device;
          if (!farDev) continue;
          const farLag = lagMembership(farDev).get(end.far.port)?.[0]?.[0];
          if (!farLag) {
            out.push(error('INTENT_LAG_FAR_END_NOT_LAG', at('members', mi),
              `${what} member ${m} is cabled to ${end.far.device} ${end.far.port}, which is in no LAG there: the far end must bundle it too`));
          }
          const byLag = far.get(end.far.device) ?? new Map();
          byLag.set(farLag ? `lag:${farLag.id}` : `port:${end.far.port}`, { lag: farLag, port: end.far.port });
          far.set(end.far.device, byLag);
        }
      }

      const speeds = speedsOf(ctx, d, lag);
      if (speeds.size > 1) {
        out.push(error('INTENT_LAG_SPEED_MISMATCH', at('members'), `${what} mixes member speeds (${[...speeds].join(', ')}); all members of a bundle must run at one speed`));
      }
      if (far.size > 1) {
        out.push(warning('INTENT_LAG_MULTIPLE_FAR_DEVICES', at('members'),
          `${what} has members cabled to ${[...far.keys()].join(' and ')}; that only works as M-LAG or a stack, which the topology does not describe`));
      }
      for (const [farName, byLag] of far) {
        const farLags = [...byLag.values()].filter((x) => x.lag).map((x) => x.lag!);
        if (farLags.length > 1) {
          out.push(error('INTENT_LAG_SPLIT', at('members'), `${what} is cabled to ${farLags.length} different LAGs of ${farName} (${farLags.map((l) => `LAG ${l.id}`).join(', ')}); one bundle needs one far LAG`));
        }
        for (const y of farLags) {
          const pair = [`${name}|${lag.id}`, `${farName}|${y.id}`].sort().join('~');
          if (comparedPairs.has(pair)) continue;
          comparedPairs.add(pair);
          const farDev = ctx.devices.get(farName)!.device;
          const counts = [new Set(strings(lag.members).map(([m]) => m)).size, new Set(strings(y.members).map(([m]) => m)).size];
          const ends = `${what} and ${farName} LAG ${y.id}`;
          if (counts[0] !== counts[1]) {
            out.push(error('INTENT_LAG_MEMBER_COUNT_MISMATCH', at('members'), `${ends} are cabled together but have ${counts[0]} and ${counts[1]} members`));
          }
          if (lag.mode !== y.mode) {
            out.push(error('INTENT_LAG_MODE_MISMATCH', at('mode'), `${ends} are cabled together but one is ${String(lag.mode)} and the other ${String(y.mode)}; both ends must use the same mode`));
          }
          const farSpeeds = speedsOf(ctx, farDev, y);
          if (speeds.size === 1 && farSpeeds.size === 1 && [...speeds][0] !== [...farSpeeds][0]) {
            out.push(error('INTENT_LAG_SPEED_MISMATCH', at('members'), `${ends} are cabled together but run at ${[...speeds][0]} and ${[...farSpeeds][0]}`));
          }
        }
      }
    }
  }
  return out;
}

export const lagsRule: Rule = {
  id: 'lags',
  description: 'LAG ends agree (members, speeds, mode), members are plain ports, counts within the model',
  codes: [
    'INTENT_LAG_MEMBER_COUNT_MISMATCH', 'INTENT_LAG_SPEED_MISMATCH', 'INTENT_LAG_MODE_MISMATCH', 'INTENT_LAG_FAR_END_NOT_LAG',
    'INTENT_LAG_SPLIT', 'INTENT_LAG_MULTIPLE_FAR_DEVICES', 'INTENT_LAG_MEMBER_CONFIGURED', 'INTENT_LAG_DUPLICATE_MEMBER',
    'INTENT_LAG_TOO_MANY',
  ],
  check,
};
