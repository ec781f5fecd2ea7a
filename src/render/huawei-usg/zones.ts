/**
 * Security zones (USG reference §2). The four built-in zones always exist and the device always
 * prints them, in the order local, trust, untrust, dmz, with their fixed priorities, as
 * `firewall zone NAME`; zones the model adds are `firewall zone name NAME` ("seen form"). Each block
 * carries ` set priority N` and one ` add interface X` per member. A device without a `firewall`
 * section in the model (its zones are not managed by dcnet) gets no zone blocks at all.
 *
 * Interfaces are named as the firewall names them: `lag:N` is `Eth-TrunkN`, `vlan:N` is `VlanifN`.
 *
 * The remote-access Virtual-Templates (remote-access.ts) join the zone the group names (`zone:`),
 * else the firewall's only zone that `represents: remote-access` (intent requires the name when
 * there are several, so that a department's users never share a zone with another's).
 */
import type { SecurityZone } from '../../model/index.js';
import { usgInterfaceName, type Block, type RemoteGroup, type UsgContext } from './context.js';

export const BUILT_IN_ZONES: readonly { name: string; priority: number }[] = [
  { name: 'local', priority: 100 },
  { name: 'trust', priority: 85 },
  { name: 'untrust', priority: 5 },
  { name: 'dmz', priority: 50 },
];

const isBuiltIn = (name: string): boolean => BUILT_IN_ZONES.some((z) => z.name === name);

function declaredZones(ctx: UsgContext): SecurityZone[] {
  return ctx.device.firewall?.zones ?? [];
}

/**
 * Zones a policy rule may name on this firewall: the ones the model declares, plus `local` (the
 * firewall itself, which always exists and takes no interfaces); none when the model does not
 * manage the device's zones (no `firewall` section).
 */
export function policyZones(ctx: UsgContext): Set<string> {
  if (!ctx.device.firewall) return new Set();
  return new Set(['local', ...declaredZones(ctx).map((z) => z.name)]);
}

/** Priority of each zone on this firewall: the model's where it declares the zone, else the built-in one. */
export function zonePriorities(ctx: UsgContext): Map<string, number> {
  const out = new Map(BUILT_IN_ZONES.map((z) => [z.name, z.priority]));
  for (const z of declaredZones(ctx)) out.set(z.name, z.priority);
  return out;
}

/** The zone a remote-access group's Virtual-Template joins: the one it names, else the only remote-access zone. */
export function remoteAccessZone(ctx: UsgContext, group: RemoteGroup): SecurityZone | undefined {
  if (group.zone) return declaredZones(ctx).find((z) => z.name === group.zone);
  const candidates = declaredZones(ctx).filter((z) => z.represents === 'remote-access');
  return candidates.length === 1 ? candidates[0] : undefined;
}

function members(ctx: UsgContext, zone: SecurityZone | undefined): string[] {
  if (!zone) return [];
  const list = zone.interfaces.map(usgInterfaceName);
  for (const g of ctx.remoteGroups) {
    const vt = `Virtual-Template${g.index}`;
    if (remoteAccessZone(ctx, g) === zone && !list.includes(vt)) list.push(vt);
  }
  return list;
}

function zoneBlock(header: string, priority: number, interfaces: readonly string[]): Block {
  return [header, ` set priority ${priority}`, ...interfaces.map((i) => ` add interface ${i}`)];
}

export function renderZones(ctx: UsgContext): Block[] {
  if (!ctx.device.firewall) return [];
  const declared = declaredZones(ctx);
  const blocks: Block[] = BUILT_IN_ZONES.map((b) => {
    const z = declared.find((d) => d.name === b.name);
    return zoneBlock(`firewall zone ${b.name}`, z?.priority ?? b.priority, members(ctx, z));
  });
  for (const z of declared) {
    if (!isBuiltIn(z.name)) blocks.push(zoneBlock(`firewall zone name ${z.name}`, z.priority, members(ctx, z)));
  }
  return blocks;
}
