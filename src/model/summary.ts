/** A short census of a topology: what a person wants to see first. Pure. */
import { LAYERS, ZONES, type Topology } from './schema.js';

export interface TopologySummary {
  network: string;
  devices: number;
  /** zone → layer → count. */
  byZoneAndLayer: Record<string, Record<string, number>>;
  byModel: Record<string, number>;
  links: number;
  lags: number;
  vlans: number;
  vrrpGroups: number;
  vpnInstances: number;
  departments: number;
}

export function summarizeTopology(t: Topology): TopologySummary {
  const byZoneAndLayer: Record<string, Record<string, number>> = {};
  const byModel: Record<string, number> = {};
  let lags = 0;
  for (const d of t.devices ?? []) {
    if (!d) continue;
    const zone = (byZoneAndLayer[d.zone] ??= {});
    zone[d.layer] = (zone[d.layer] ?? 0) + 1;
    byModel[d.model] = (byModel[d.model] ?? 0) + 1;
    lags += d.lags?.length ?? 0;
  }
  return {
    network: t.network?.name ?? 'unnamed',
    devices: t.devices?.filter(Boolean).length ?? 0,
    byZoneAndLayer,
    byModel,
    links: t.links?.length ?? 0,
    lags,
    vlans: t.vlans?.length ?? 0,
    vrrpGroups: t.vrrp?.length ?? 0,
    vpnInstances: t.vpnInstances?.length ?? 0,
    departments: t.departments?.length ?? 0,
  };
}

/** The census as a table: one row per zone, one column per layer. */
export function formatSummary(s: TopologySummary): string {
  const layers = LAYERS.filter((l) => Object.values(s.byZoneAndLayer).some((z) => z[l]));
  const zones = [...ZONES.filter((z) => s.byZoneAndLayer[z]), ...Object.keys(s.byZoneAndLayer).filter((z) => !(ZONES as readonly string[]).includes(z))];
  const head = ['zone', ...layers, 'total'];
  const rows = zones.map((z) => {
    const counts = layers.map((l) => s.byZoneAndLayer[z]?.[l] ?? 0);
    return [z, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))];
  });
  const totals = layers.map((l) => zones.reduce((a, z) => a + (s.byZoneAndLayer[z]?.[l] ?? 0), 0));
  rows.push(['all', ...totals.map(String), String(s.devices)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const models = Object.entries(s.byModel).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${n} x ${m}`).join(', ');
  return [
    line(head), ...rows.map(line), '',
    `models: ${models}`,
    `links ${s.links}, LAGs ${s.lags}, VLANs ${s.vlans}, VRRP groups ${s.vrrpGroups}, VPN instances ${s.vpnInstances}, departments ${s.departments}`,
  ].join('\n');
}
