import { describe, expect, it } from 'vitest';
import { findVrrpMemberships, renderVrrp } from '../../../../src/render/huawei-vrp/vrrp.js';
import { contextOf, device, topology } from './fixture.js';

describe('huawei-vrp VRRP (§2.6)', () => {
  const t = topology([device({ name: 'core-1' }), device({ name: 'core-2' })], {
    vrrp: [
      {
        name: 'users', vrid: 10, virtualIp: '10.1.10.1', advertiseInterval: 3, preemptDelay: 20,
        members: [
          { device: 'core-1', vlan: 10, priority: 120, track: [{ interface: 'GigabitEthernet 0/0/24', reduce: 30 }, { interface: 'lag:1', reduce: 20 }] },
          { device: 'core-2', vlan: 10, priority: 100 },
        ],
      },
      { name: 'second', vrid: 2, virtualIp: '10.1.10.254', advertiseInterval: 1, preemptDelay: 0, members: [{ device: 'core-1', vlan: 10, priority: 90 }] },
      { name: 'other-vlan', vrid: 30, virtualIp: '10.1.30.1', members: [{ device: 'core-1', vlan: 30, priority: 120 }] },
    ],
  });

  it('renders the master with priority, preempt delay, advertise timer and tracks', () => {
    expect(renderVrrp(contextOf(t, 'core-1'), 10)).toEqual([
      ' vrrp vrid 2 virtual-ip 10.1.10.254',
      ' vrrp vrid 2 priority 90',
      ' vrrp vrid 10 virtual-ip 10.1.10.1',
      ' vrrp vrid 10 priority 120',
      ' vrrp vrid 10 preempt-mode timer delay 20',
      ' vrrp vrid 10 timer advertise 3',
      ' vrrp vrid 10 track interface GigabitEthernet0/0/24 reduced 30',
      ' vrrp vrid 10 track interface Eth-Trunk1 reduced 20',
    ]);
  });

  it('omits defaults on the backup (priority 100) but keeps the group timers the peer uses', () => {
    expect(renderVrrp(contextOf(t, 'core-2'), 10)).toEqual([
      ' vrrp vrid 10 virtual-ip 10.1.10.1',
      ' vrrp vrid 10 preempt-mode timer delay 20',
      ' vrrp vrid 10 timer advertise 3',
    ]);
  });

  it('finds only the groups of this device and VLAN, by VRID', () => {
    expect(findVrrpMemberships(contextOf(t, 'core-1'), 10).map((m) => m.group.vrid)).toEqual([2, 10]);
    expect(findVrrpMemberships(contextOf(t, 'core-2'), 30)).toEqual([]);
  });
});
