import { describe, expect, it } from 'vitest';
import { renderVlanInterfaces } from '../../../../src/render/ruijie-rgos/interfaces.js';
import { renderVrrp } from '../../../../src/render/ruijie-rgos/vrrp.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

const svis = [{ vlan: 10, addresses: ['10.1.10.3/24'] }];

describe('renderVrrp', () => {
  it('renders the virtual IP, preempt delay, priority, timer and tracks of this member', () => {
    const topo = topologyWith([s5750({ svis })], {
      vrrp: [{
        name: 'gw-10', vrid: 10, virtualIp: '10.1.10.1', advertiseInterval: 3, preemptDelay: 15,
        members: [
          { device: 'peer', vlan: 10, priority: 100 },
          { device: 'agg-1', vlan: 10, priority: 120, track: [{ interface: 'GigabitEthernet0/24', reduce: 30 }, { interface: 'lag:1', reduce: 20 }] },
        ],
      }],
    });
    expect(renderVrrp(ctxOf(topo), 10)).toEqual([
      ' vrrp 10 ip 10.1.10.1',
      ' vrrp 10 preempt delay 15',
      ' vrrp 10 priority 120',
      ' vrrp 10 timers advertise 3',
      ' vrrp 10 track GigabitEthernet 0/24 30',
      ' vrrp 10 track AggregatePort 1 20',
    ]);
  });

  it('leaves defaults out: priority 100, 1 s advertisement, no preempt delay', () => {
    const topo = topologyWith([s5750({ svis })], {
      vrrp: [{ name: 'gw-10', vrid: 7, virtualIp: '10.1.10.1', advertiseInterval: 1, preemptDelay: 0, members: [{ device: 'agg-1', vlan: 10, priority: 100 }] }],
    });
    expect(renderVrrp(ctxOf(topo), 10)).toEqual([' vrrp 7 ip 10.1.10.1']);
  });

  it('places VRRP after the address of the SVI, groups by VRID, and only for this device and VLAN', () => {
    const topo = topologyWith([s5750({ svis })], {
      vrrp: [
        { name: 'b', vrid: 20, virtualIp: '10.1.10.254', members: [{ device: 'agg-1', vlan: 10, priority: 90 }] },
        { name: 'a', vrid: 10, virtualIp: '10.1.10.1', members: [{ device: 'agg-1', vlan: 10, priority: 100 }] },
        { name: 'other-vlan', vrid: 30, virtualIp: '10.1.30.1', members: [{ device: 'agg-1', vlan: 30, priority: 100 }] },
        { name: 'other-device', vrid: 40, virtualIp: '10.1.10.2', members: [{ device: 'peer', vlan: 10, priority: 100 }] },
      ],
    });
    expect(renderVlanInterfaces(ctxOf(topo))).toEqual([[
      'interface VLAN 10',
      ' ip address 10.1.10.3 255.255.255.0',
      ' vrrp 10 ip 10.1.10.1',
      ' vrrp 20 ip 10.1.10.254',
      ' vrrp 20 priority 90',
    ]]);
  });
});
