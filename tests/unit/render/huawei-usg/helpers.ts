/** Small inline topologies for the USG renderer's unit tests. */
import type { Device, Topology } from '../../../../src/model/index.js';
import { buildContext, type UsgContext } from '../../../../src/render/huawei-usg/index.js';

export function usg6000(overrides: Partial<Device> = {}): Device {
  return {
    name: 'egress-1', vendor: 'huawei', platform: 'huawei-usg', model: 'USG6000', layer: 'firewall', zone: 'egress',
    management: { address: '10.0.2.1' }, credentials: 'ops',
    ports: [
      { name: 'GigabitEthernet1/0/0', address: '203.0.113.2/29', vpn: 'internet' },
      { name: 'GigabitEthernet1/0/1', address: '10.0.1.1/24', vpn: 'public' },
      { name: 'GigabitEthernet1/0/2', address: '10.0.2.1/24' },
    ],
    firewall: {
      zones: [
        { name: 'trust', priority: 85, represents: 'core', interfaces: ['GigabitEthernet1/0/2'] },
        { name: 'untrust', priority: 5, represents: 'internet', interfaces: ['GigabitEthernet1/0/0'] },
        { name: 'dmz', priority: 50, represents: 'public', interfaces: ['GigabitEthernet1/0/1'] },
      ],
    },
    ...overrides,
  };
}

export function usg2205(overrides: Partial<Device> = {}): Device {
  return {
    name: 'oldtown-01', vendor: 'huawei', platform: 'huawei-usg', model: 'USG2205BSR', layer: 'router', zone: 'core',
    management: { address: '10.31.1.1' }, credentials: 'ops',
    ports: [
      { name: 'GigabitEthernet0/0/0', address: '10.30.1.2/30' },
      { name: 'GigabitEthernet0/0/1', address: '10.31.1.1/24' },
    ],
    firewall: {
      zones: [
        { name: 'trust', priority: 85, represents: 'core', interfaces: ['GigabitEthernet0/0/1'] },
        { name: 'untrust', priority: 5, represents: 'egress', interfaces: ['GigabitEthernet0/0/0'] },
      ],
    },
    ...overrides,
  };
}

export function topology(devices: Device[], overrides: Partial<Topology> = {}): Topology {
  return {
    network: { name: 'lab' },
    zones: [{ id: 'egress', name: 'Egress' }, { id: 'public', name: 'Public', vpn: 'public' }],
    credentials: [{
      id: 'ops', username: 'dcnet', password: 'env:DCNET_OPS_PASSWORD',
      snmp: { version: 'v2c', community: 'env:DCNET_SNMP_COMMUNITY' },
    }],
    vpnInstances: [
      { name: 'tax', kind: 'department', rd: '65000:101', importTargets: ['65000:101'], exportTargets: ['65000:101'] },
      { name: 'public', kind: 'shared', rd: '65000:200', importTargets: ['65000:200'], exportTargets: ['65000:200'], description: 'public access zone' },
      { name: 'internet', kind: 'internet', rd: '65000:900', importTargets: [], exportTargets: [] },
    ],
    departments: [{ id: 'tax', name: 'Tax bureau', vpn: 'tax', pools: ['10.101.0.0/16'], remoteAccessPool: '10.201.0.0/24' }],
    devices,
    ...overrides,
  };
}

export function contextOf(topo: Topology, name: string): UsgContext {
  return buildContext(topo, topo.devices.find((d) => d.name === name)!);
}

/** The `#`-delimited section of a rendered config that starts with `header`. */
export function section(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const end = lines.indexOf('#', start);
  return lines.slice(start, end < 0 ? undefined : end);
}
