import { describe, expect, it } from 'vitest';
import { renderVlans } from '../../../../src/render/ruijie-rgos/vlans.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

describe('renderVlans', () => {
  it('renders VLAN 1 and every VLAN the device carries, named from topology.vlans', () => {
    const topo = topologyWith(
      [s5750({
        vlans: [20, 10],
        ports: [{ name: 'GigabitEthernet 0/5', mode: 'access', vlan: 30 }],
        svis: [{ vlan: 999, addresses: ['10.254.0.11/24'] }],
      })],
      { vlans: [{ id: 10, name: 'users' }, { id: 20, name: 'voice' }, { id: 999, name: 'mgmt' }] },
    );
    expect(renderVlans(ctxOf(topo))).toEqual([
      ['vlan 1'],
      ['vlan 10', ' name users'],
      ['vlan 20', ' name voice'],
      ['vlan 30'],
      ['vlan 999', ' name mgmt'],
    ]);
  });
});
