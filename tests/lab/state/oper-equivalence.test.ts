import { describe, expect, it } from 'vitest';
import { sameOperationalState } from '../../../src/lab/state/device.js';
import type { DeviceOperConfig } from '../../../src/lab/state/types.js';

function cfg(): DeviceOperConfig {
  return {
    sysName: 'core-1', sysContact: '', sysLocation: '', vlans: [1, 10, 20],
    interfaces: {
      'GigabitEthernet0/0/1': { shutdown: false, description: 'uplink', addresses: [], mode: 'trunk', allowedVlans: [10, 20] },
      Vlanif10: { shutdown: false, description: '', addresses: ['10.0.10.2/24'] },
    },
    vrrp: [{ interface: 'Vlanif10', vlan: 10, vrid: 10, virtualIps: ['10.0.10.1'], priority: 120, preempt: true, preemptDelayS: 20, advertiseIntervalS: 1, track: [] }],
  };
}

describe('sameOperationalState', () => {
  it('ignores the free texts: descriptions, sysname, contact, location', () => {
    const b = cfg();
    b.interfaces['GigabitEthernet0/0/1']!.description = 'changed';
    b.sysName = 'renamed';
    b.sysContact = 'noc';
    b.sysLocation = 'room 2';
    expect(sameOperationalState(cfg(), b)).toBe(true);
  });

  it('sees every change that moves state: admin status, VLANs, addresses, LAG, speed, VPN, VRRP, the interface set', () => {
    const changes: ((c: DeviceOperConfig) => void)[] = [
      (c) => { c.interfaces['GigabitEthernet0/0/1']!.shutdown = true; },
      (c) => { c.interfaces['GigabitEthernet0/0/1']!.allowedVlans = [10]; },
      (c) => { c.interfaces['GigabitEthernet0/0/1']!.mode = 'access'; },
      (c) => { c.interfaces['GigabitEthernet0/0/1']!.lag = 1; },
      (c) => { c.interfaces['GigabitEthernet0/0/1']!.speed = '100'; },
      (c) => { c.interfaces.Vlanif10!.addresses = ['10.0.10.3/24']; },
      (c) => { c.interfaces.Vlanif10!.vpn = 'dept-a'; },
      (c) => { c.vrrp[0]!.priority = 100; },
      (c) => { c.vrrp[0]!.track = [{ interface: 'GigabitEthernet0/0/1', reduce: 30 }]; },
      (c) => { c.vrrp = []; },
      (c) => { c.vlans = [1, 10]; },
      (c) => { c.interfaces.Vlanif20 = { shutdown: false, description: '', addresses: [] }; },
      (c) => { delete c.interfaces.Vlanif10; },
    ];
    for (const change of changes) {
      const b = cfg();
      change(b);
      expect(sameOperationalState(cfg(), b), change.toString()).toBe(false);
    }
  });
});
