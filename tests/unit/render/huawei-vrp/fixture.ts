/** Small inline topologies for the huawei-vrp section tests. */
import type { Device, Topology } from '../../../../src/model/index.js';
import { buildVrpContext, type VrpContext } from '../../../../src/render/huawei-vrp/index.js';

export function device(overrides: Partial<Device> = {}): Device {
  return {
    name: 'sw-1',
    vendor: 'huawei',
    platform: 'huawei-vrp',
    model: 'S5700-28C-EI',
    layer: 'aggregation',
    zone: 'core',
    management: { address: '10.254.0.10' },
    credentials: 'ops',
    ...overrides,
  };
}

export function topology(devices: Device[], overrides: Partial<Topology> = {}): Topology {
  return {
    network: { name: 'test' },
    zones: [{ id: 'core', name: 'Core' }],
    credentials: [{ id: 'ops', username: 'netops', password: 'env:OPS_PASSWORD', snmp: { version: 'v2c', community: 'env:SNMP_RO' } }],
    devices,
    ...overrides,
  };
}

/** The context of the first device of a topology. */
export function contextOf(t: Topology, name = t.devices[0]!.name): VrpContext {
  return buildVrpContext({ topology: t, device: t.devices.find((d) => d.name === name)! });
}

/** The block of one interface (without the `#`), from a rendered configuration. */
export function blockOf(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const end = lines.indexOf('#', start);
  return lines.slice(start, end);
}
