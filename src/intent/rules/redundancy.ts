/**
 * Redundancy: "no single point of failure" (DOMAIN.md, city extranet principles), as warnings.
 * An uplink is a link from an access device to an aggregation or core device, or from an
 * aggregation device to a core device. LAG members count as separate links (cables), but cables
 * all to one device still leave that device a single point of failure. A device with a link to
 * an unknown device (or one dropped for a schema error) is not judged; nor are the network-wide
 * counts when a device was dropped.
 *
 * Codes (warnings):
 * - INTENT_SPOF_NO_UPLINK: an access or aggregation device with no uplink at all (when the layer
 *   above exists in the network).
 * - INTENT_SPOF_SINGLE_UPLINK: an access device with exactly one uplink.
 * - INTENT_SPOF_AGG_SINGLE_UPLINK: an aggregation device with exactly one uplink to the core.
 * - INTENT_SPOF_SINGLE_UPLINK_DEVICE: several uplinks, all to one device (for aggregation devices,
 *   only when the core has two devices or more to spread over).
 * - INTENT_SPOF_SINGLE_AGGREGATION: a zone whose aggregation layer is one device.
 * - INTENT_SPOF_CORE_NOT_PAIR: a network with exactly one core switch (two or more is fine).
 */
import { pointerOf, type Finding, type Layer } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { deviceLinks } from '../facts.js';
import { warning, type Rule } from '../rule.js';

const UP: Partial<Record<Layer, Layer[]>> = {
  access: ['aggregation', 'core'],
  aggregation: ['core'],
};

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const devices = items(ctx.topology.devices).filter(([d]) => typeof d.name === 'string');
  // A device dropped for a schema error leaves a hole: counts over the whole network cannot be judged.
  const partial = Array.isArray(ctx.topology.devices) && ctx.topology.devices.some((d) => d === undefined || d === null);
  const layerOf = (name: string): Layer | undefined => ctx.devices.get(name)?.device.layer;
  const count = (layers: Layer[]): number => devices.filter(([d]) => layers.includes(d.layer)).length;

  const cores = devices.filter(([d]) => d.layer === 'core');
  if (cores.length === 1 && !partial) {
    out.push(warning('INTENT_SPOF_CORE_NOT_PAIR', pointerOf('devices', cores[0]![1]),
      `the core is one switch ('${cores[0]![0].name}'): every zone depends on it; add a second core switch (a VRRP pair)`));
  }

  const aggByZone = new Map<string, Array<[string, number]>>();
  for (const [d, di] of devices) {
    if (d.layer === 'aggregation' && typeof d.zone === 'string') aggByZone.set(d.zone, [...(aggByZone.get(d.zone) ?? []), [d.name, di]]);
  }
  for (const [zone, aggs] of aggByZone) {
    if (aggs.length === 1 && !partial) {
      out.push(warning('INTENT_SPOF_SINGLE_AGGREGATION', pointerOf('devices', aggs[0]![1]),
        `zone '${zone}' has one aggregation device ('${aggs[0]![0]}'): the whole zone hangs on it`));
    }
  }

  for (const [d, di] of devices) {
    const upLayers = UP[d.layer];
    if (!upLayers || count(upLayers) === 0) continue;
    if (ctx.devices.get(d.name)?.index !== di) continue; // a duplicate name: rule `duplicates`
    const links = deviceLinks(ctx, d.name);
    if (links.some((e) => !ctx.devices.has(e.far.device))) continue; // a far end unknown or dropped: cannot judge
    const uplinks = links.filter((e) => {
      const far = layerOf(e.far.device);
      return far !== undefined && upLayers.includes(far) && e.far.device !== d.name;
    });
    const farDevices = [...new Set(uplinks.map((e) => e.far.device))];
    const at = pointerOf('devices', di);
    const above = upLayers.join(' or ');
    if (uplinks.length === 0) {
      out.push(warning('INTENT_SPOF_NO_UPLINK', at, `${d.layer} device '${d.name}' has no link to the ${above} layer`));
    } else if (uplinks.length === 1) {
      out.push(d.layer === 'access'
        ? warning('INTENT_SPOF_SINGLE_UPLINK', pointerOf('links', uplinks[0]!.index),
          `access switch '${d.name}' has one uplink (to ${uplinks[0]!.far.device}): one cable or one port cuts it off`)
        : warning('INTENT_SPOF_AGG_SINGLE_UPLINK', pointerOf('links', uplinks[0]!.index),
          `aggregation device '${d.name}' has one uplink to the core (to ${uplinks[0]!.far.device}): one cable cuts its zone off`));
    } else if (farDevices.length === 1 && (d.layer === 'access' || count(['core']) >= 2)) {
      out.push(warning('INTENT_SPOF_SINGLE_UPLINK_DEVICE', at,
        `${d.layer} device '${d.name}' has ${uplinks.length} uplinks, all to '${farDevices[0]}': losing that device cuts it off; spread the uplinks over two devices`));
    }
  }
  return out;
}

export const redundancyRule: Rule = {
  id: 'redundancy',
  description: 'no single point of failure: paired core, two aggregation devices per zone, two uplinks to two devices',
  codes: [
    'INTENT_SPOF_NO_UPLINK', 'INTENT_SPOF_SINGLE_UPLINK', 'INTENT_SPOF_AGG_SINGLE_UPLINK', 'INTENT_SPOF_SINGLE_UPLINK_DEVICE',
    'INTENT_SPOF_SINGLE_AGGREGATION', 'INTENT_SPOF_CORE_NOT_PAIR',
  ],
  check,
};
