import { describe, expect, it } from 'vitest';
import { renderZones } from '../../../../src/render/huawei-usg/zones.js';
import { contextOf, topology, usg2205, usg6000 } from './helpers.js';

describe('renderZones', () => {
  it('prints the four built-in zones in device order, then named zones with `firewall zone name`', () => {
    const topo = topology([usg6000({
      firewall: {
        zones: [
          { name: 'untrust', priority: 5, represents: 'internet', interfaces: ['GigabitEthernet1/0/0'] },
          { name: 'public_access', priority: 40, represents: 'public', interfaces: ['GigabitEthernet1/0/1', 'GigabitEthernet1/0/3.100'] },
          { name: 'trust', priority: 85, represents: 'core', interfaces: ['GigabitEthernet1/0/2', 'Eth-Trunk1'] },
        ],
      },
    })]);
    expect(renderZones(contextOf(topo, 'egress-1'))).toEqual([
      ['firewall zone local', ' set priority 100'],
      ['firewall zone trust', ' set priority 85', ' add interface GigabitEthernet1/0/2', ' add interface Eth-Trunk1'],
      ['firewall zone untrust', ' set priority 5', ' add interface GigabitEthernet1/0/0'],
      ['firewall zone dmz', ' set priority 50'],
      ['firewall zone name public_access', ' set priority 40', ' add interface GigabitEthernet1/0/1', ' add interface GigabitEthernet1/0/3.100'],
    ]);
  });

  it('is the same construct on the old generation', () => {
    const topo = topology([usg2205()]);
    expect(renderZones(contextOf(topo, 'oldtown-01'))).toEqual([
      ['firewall zone local', ' set priority 100'],
      ['firewall zone trust', ' set priority 85', ' add interface GigabitEthernet0/0/1'],
      ['firewall zone untrust', ' set priority 5', ' add interface GigabitEthernet0/0/0'],
      ['firewall zone dmz', ' set priority 50'],
    ]);
  });

  it('prints no zones when the model does not manage them (no firewall section)', () => {
    const topo = topology([usg2205({ firewall: undefined })]);
    expect(renderZones(contextOf(topo, 'oldtown-01'))).toEqual([]);
  });

  it('puts each remote-access Virtual-Template in the zone its group names, never one guessed from a name', () => {
    const fw = usg6000({
      firewall: {
        zones: [
          { name: 'ra-tax', priority: 61, represents: 'remote-access', department: 'tax', interfaces: [] },
          { name: 'ra_health', priority: 62, represents: 'remote-access', department: 'health', interfaces: [] },
          { name: 'ra-other', priority: 63, represents: 'remote-access', interfaces: [] },
        ],
      },
    });
    const topo = topology([fw], {
      departments: [
        { id: 'tax', name: 'Tax', vpn: 'tax', pools: ['10.101.0.0/16'] },
        { id: 'health', name: 'Health', vpn: 'health', pools: ['10.102.0.0/16'] },
      ],
      remoteAccess: {
        firewall: 'egress-1',
        groups: [
          { name: 'health-staff', department: 'health', vpn: 'health', zone: 'ra_health' },
          { name: 'tax-staff', department: 'tax', vpn: 'tax', zone: 'ra-tax' },
          { name: 'nobody', department: 'ghost', vpn: 'tax' }, // no zone named, several possible: none (intent reports it)
        ],
      },
    });
    expect(renderZones(contextOf(topo, 'egress-1')).slice(4)).toEqual([
      ['firewall zone name ra-tax', ' set priority 61', ' add interface Virtual-Template2'],
      ['firewall zone name ra_health', ' set priority 62', ' add interface Virtual-Template1'],
      ['firewall zone name ra-other', ' set priority 63'],
    ]);
  });

  it('names LAGs and VLAN interfaces in zones as the firewall does (Eth-TrunkN, VlanifN)', () => {
    const fw = usg6000({
      svis: [{ vlan: 10, addresses: ['10.0.10.1/24'] }],
      lags: [{ id: 2, mode: 'lacp', members: ['GigabitEthernet1/0/5', 'GigabitEthernet1/0/6'], address: '10.0.20.1/24' }],
      firewall: { zones: [{ name: 'trust', priority: 85, represents: 'core', interfaces: ['lag:2', 'vlan:10', 'GigabitEthernet1/0/2'] }] },
    });
    expect(renderZones(contextOf(topology([fw]), 'egress-1'))[1]).toEqual([
      'firewall zone trust', ' set priority 85', ' add interface Eth-Trunk2', ' add interface Vlanif10', ' add interface GigabitEthernet1/0/2',
    ]);
  });
});
