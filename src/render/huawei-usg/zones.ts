/**
 * Security zones (USG reference §2). The four built-in zones always exist and the device always
 * prints them, in the order local, trust, untrust, dmz, with their fixed priorities, as
 * `firewall zone NAME`; zones the model adds are `firewall zone name NAME` ("seen form"). Each block
 * carries ` set priority N` and one ` add interface X` per member. A device without a `firewall`
 * section in the model (its zones are not managed by dcnet) gets no zone blocks at all.
 *
 * The remote-access Virtual-Templates (remote-access.ts) join a zone that `represents:
 * remote-access`: the only one if there is one; with several, the one whose name has the group's
 * department id or the group name as a `-`/`_`-separated token (`ra-finance` for department
 * `finance`). The model does not say which zone a group lands in; see remoteAccessZone.
 */
import type { SecurityZone } from '../../model/index.js';
import type { Block, RemoteGroup, UsgContext } from './context.js';

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

/** The zone a remote-access group's Virtual-Template joins, if the model lets us tell. */
export function remoteAccessZone(ctx: UsgContext, group: RemoteGroup): SecurityZone | undefined {
  const candidates = declaredZones(ctx).filter((z) => z.represents === 'remote-access');
  if (candidates.length <= 1) return candidates[0];
  const wanted = new Set([group.name, ...(group.department ? [group.department.id] : [])]);
  const matches = candidates.filter((z) => z.name === group.name || z.name.split(/[-_]/).some((t) => wanted.has(t)));
  return matches.length === 1 ? matches[0] : undefined;
}

function members(ctx: UsgContext, zone: SecurityZone | undefined): string[] {
  if (!zone) return [];
  const list = [...zone.interfaces];
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
