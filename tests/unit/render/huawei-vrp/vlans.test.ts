import { describe, expect, it } from 'vitest';
import { collectDeviceVlans, renderVlanBatch, renderVlanBlocks, renderVlans } from '../../../../src/render/huawei-vrp/vlans.js';
import { contextOf, device, topology } from './fixture.js';

describe('huawei-vrp vlans', () => {
  it('collects declared VLANs and every VLAN a port, Eth-Trunk or Vlanif uses, without VLAN 1', () => {
    const d = device({
      vlans: [1, 30, 10],
      ports: [{ name: 'GigabitEthernet0/0/1', mode: 'access', vlan: 40 }, { name: 'GigabitEthernet0/0/2', mode: 'trunk', allowedVlans: [1, 50, 51] }],
      lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet0/0/3'], portMode: 'trunk', allowedVlans: [60], vlan: 61 }],
      svis: [{ vlan: 70, addresses: ['10.0.70.1/24'] }],
    });
    expect(collectDeviceVlans(d)).toEqual([10, 30, 40, 50, 51, 60, 61, 70]);
  });

  it('renders vlan batch lines of 10 items', () => {
    expect(renderVlanBatch([10, 20, 100, 101, 102])).toEqual([['vlan batch 10 20 100 to 102']]);
    const many = Array.from({ length: 12 }, (_, i) => 10 + i * 10);
    expect(renderVlanBatch(many)).toEqual([[
      'vlan batch 10 20 30 40 50 60 70 80 90 100',
      'vlan batch 110 120',
    ]]);
    expect(renderVlanBatch([])).toEqual([]);
  });

  it('renders one section of back-to-back vlan blocks for the named VLANs', () => {
    const names = new Map([[10, 'USERS'], [30, 'SERVERS'], [99, 'UNUSED']]);
    expect(renderVlanBlocks([10, 20, 30], names)).toEqual([['vlan 10', ' description USERS', 'vlan 30', ' description SERVERS']]);
    expect(renderVlanBlocks([20], names)).toEqual([]);
  });

  it('takes VLAN names from topology.vlans', () => {
    const t = topology([device({ vlans: [10] })], { vlans: [{ id: 10, name: 'users' }] });
    expect(renderVlans(contextOf(t))).toEqual({ batch: [['vlan batch 10']], blocks: [['vlan 10', ' description users']] });
  });
});
