/**
 * Firewalls: security zones and NAT servers that the firewall can actually hold.
 *
 * Codes (errors):
 * - INTENT_FIREWALL_ZONE_PRIORITY_REUSED: two security zones of one firewall with one priority
 *   (the priority orders zones for inter-zone policy; it must be unique per firewall).
 * - INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES: one interface in two security zones of a firewall.
 * - INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE: two NAT servers of one firewall publish the same global
 *   address, protocol and port (different ports on one address are fine).
 */
import { pointerOf, type Finding } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { isString, strings } from '../facts.js';
import { error, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [d, di] of items(ctx.topology.devices)) {
    const fw = d.firewall;
    if (fw === null || typeof fw !== 'object') continue;
    const who = `firewall '${String(d.name)}'`;
    const priorities = new Map<number, string>();
    const zoneOf = new Map<string, string>();
    for (const [z, zi] of items(fw.zones)) {
      if (Number.isInteger(z.priority)) {
        const first = priorities.get(z.priority);
        if (first !== undefined && first !== z.name) {
          out.push(error('INTENT_FIREWALL_ZONE_PRIORITY_REUSED', pointerOf('devices', di, 'firewall', 'zones', zi, 'priority'),
            `${who}: security zones '${first}' and '${z.name}' both have priority ${z.priority}; each zone needs its own`));
        } else priorities.set(z.priority, String(z.name));
      }
      for (const [iface, ii] of strings(z.interfaces)) {
        const first = zoneOf.get(iface);
        if (first !== undefined && first !== z.name) {
          out.push(error('INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES', pointerOf('devices', di, 'firewall', 'zones', zi, 'interfaces', ii),
            `${who}: interface ${iface} is in security zone '${first}' and in '${z.name}'; an interface belongs to one zone`));
        } else zoneOf.set(iface, String(z.name));
      }
    }
    const published = new Map<string, string>();
    for (const [n, ni] of items(fw.natServers)) {
      if (!isString(n.globalAddress)) continue;
      const key = `${n.globalAddress}|${n.protocol}|${n.globalPort}`;
      const first = published.get(key);
      if (first !== undefined) {
        out.push(error('INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE', pointerOf('devices', di, 'firewall', 'natServers', ni, 'globalAddress'),
          `${who}: NAT servers '${first}' and '${n.name}' both publish ${n.globalAddress} ${n.protocol}/${n.globalPort}; one global address and port can lead to one inside server`));
      } else published.set(key, String(n.name));
    }
  }
  return out;
}

export const firewallRule: Rule = {
  id: 'firewall',
  description: 'security zone priorities and interfaces unique per firewall; NAT server global addresses unique',
  codes: ['INTENT_FIREWALL_ZONE_PRIORITY_REUSED', 'INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES', 'INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE'],
  check,
};
