/**
 * Port usage: one cable per port, one LAG per port, and link speeds the ports can run.
 * A LAG member in a link is the normal case (members are what gets cabled).
 *
 * Codes:
 * - INTENT_PORT_MULTIPLE_LINKS (error): a port at the end of two links (or of the same link twice).
 * - INTENT_LINK_SELF_LOOP (error): a link from a port to itself.
 * - INTENT_PORT_IN_TWO_LAGS (error): a port listed as member of two LAGs of its device.
 * - INTENT_LINK_SPEED_MISMATCH (warning): the link's speed differs from a port's speed (its configured
 *   speed, else the catalogue's), or, with no link speed, the two ports' speeds differ.
 */
import { pointerOf, type Finding } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { endpointKey, linkList, portEntries, portInventory, strings } from '../facts.js';
import { error, warning, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];

  const used = new Map<string, number>(); // device|port → first link index
  for (const [link, li] of linkList(ctx)) {
    if (link.a.device === link.b.device && link.a.port === link.b.port) {
      out.push(error('INTENT_LINK_SELF_LOOP', pointerOf('links', li), `link ${li + 1} connects ${link.a.device} ${link.a.port} to itself`));
      continue;
    }
    for (const side of ['a', 'b'] as const) {
      const end = link[side];
      const key = endpointKey(end.device, end.port);
      const first = used.get(key);
      if (first !== undefined) {
        const other = ctx.topology.links![first]!;
        const farOf = (l: typeof link): string => (l.a.device === end.device && l.a.port === end.port ? `${l.b.device} ${l.b.port}` : `${l.a.device} ${l.a.port}`);
        out.push(error('INTENT_PORT_MULTIPLE_LINKS', pointerOf('links', li, side),
          `${end.device} ${end.port} is cabled to ${farOf(link)} here and already to ${farOf(other)} (link ${first + 1}); a port takes one cable`));
      } else used.set(key, li);
    }

    // Speeds.
    const speedOf = (device: string, port: string): string | undefined => {
      const dev = ctx.devices.get(device)?.device;
      if (!dev) return undefined;
      const configured = portEntries(dev).get(port)?.[0].speed;
      return typeof configured === 'string' ? configured : portInventory(dev).get(port);
    };
    const sa = speedOf(link.a.device, link.a.port);
    const sb = speedOf(link.b.device, link.b.port);
    const name = `link ${link.a.device} ${link.a.port} -- ${link.b.device} ${link.b.port}`;
    if (typeof link.speed === 'string') {
      const off = [[link.a, sa], [link.b, sb]].filter(([, s]) => s !== undefined && s !== link.speed) as Array<[typeof link.a, string]>;
      if (off.length > 0) {
        out.push(warning('INTENT_LINK_SPEED_MISMATCH', pointerOf('links', li, 'speed'),
          `${name} is declared at ${link.speed} but ${off.map(([e, s]) => `${e.device} ${e.port} is a ${s} port`).join(' and ')}`));
      }
    } else if (sa !== undefined && sb !== undefined && sa !== sb) {
      out.push(warning('INTENT_LINK_SPEED_MISMATCH', pointerOf('links', li),
        `${name} joins a ${sa} port to a ${sb} port; declare the speed the link runs at (speed:) and set the faster port to match`));
    }
  }

  for (const [d, di] of items(ctx.topology.devices)) {
    const owner = new Map<string, number>(); // port → LAG id
    for (const [lag, li] of items(d.lags)) {
      const mine = new Set<string>();
      for (const [m, mi] of strings(lag.members)) {
        if (mine.has(m)) continue; // listed twice in one LAG: rule `lags`
        mine.add(m);
        const first = owner.get(m);
        if (first !== undefined && first !== lag.id) {
          out.push(error('INTENT_PORT_IN_TWO_LAGS', pointerOf('devices', di, 'lags', li, 'members', mi),
            `device '${String(d.name)}' port ${m} is a member of LAG ${first} and of LAG ${lag.id}; a port belongs to one LAG`));
        } else owner.set(m, lag.id);
      }
    }
  }
  return out;
}

export const portUsageRule: Rule = {
  id: 'port-usage',
  description: 'one cable and one LAG per port; link speeds match the ports',
  codes: ['INTENT_PORT_MULTIPLE_LINKS', 'INTENT_LINK_SELF_LOOP', 'INTENT_PORT_IN_TWO_LAGS', 'INTENT_LINK_SPEED_MISMATCH'],
  check,
};
