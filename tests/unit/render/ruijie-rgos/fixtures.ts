/** Small inline topologies for the RGOS section tests. */
import type { Device, Topology } from '../../../../src/model/index.js';
import { buildRgosContext, type RgosContext } from '../../../../src/render/ruijie-rgos/index.js';

export function s5750(overrides: Partial<Device> = {}): Device {
  return {
    name: 'agg-1',
    vendor: 'ruijie',
    platform: 'ruijie-rgos',
    model: 'RG-S5750-24GT/12SFP',
    layer: 'aggregation',
    zone: 'core',
    management: { address: '10.0.0.11' },
    credentials: 'rgos',
    ...overrides,
  };
}

export function topologyWith(devices: Device[], extra: Partial<Topology> = {}): Topology {
  return {
    network: { name: 'unit' },
    zones: [{ id: 'core', name: 'Core' }],
    credentials: [{ id: 'rgos', username: 'dcnet', password: 'env:RGOS_PW', snmp: { version: 'v2c', community: 'env:SNMP_RO' } }],
    devices,
    ...extra,
  };
}

export function ctxOf(topology: Topology, name = 'agg-1'): RgosContext {
  const device = topology.devices.find((d) => d.name === name);
  if (!device) throw new Error(`no device ${name}`);
  return buildRgosContext({ topology, device });
}
