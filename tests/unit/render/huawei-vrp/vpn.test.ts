import { describe, expect, it } from 'vitest';
import { renderVpnInstance, renderVpnInstances } from '../../../../src/render/huawei-vrp/vpn.js';
import { contextOf, device, topology } from './fixture.js';

describe('huawei-vrp VPN instances (§2.7, ipv4-family style)', () => {
  it('renders RD and targets in the ipv4-family sub-view, exports first', () => {
    expect(renderVpnInstance({
      name: 'CUST_A', kind: 'department', rd: '65000:100', description: 'tenant A',
      importTargets: ['65000:100', '65000:150'], exportTargets: ['65000:100'],
    })).toEqual([
      'ip vpn-instance CUST_A',
      ' description tenant A',
      ' ipv4-family',
      '  route-distinguisher 65000:100',
      '  vpn-target 65000:100 export-extcommunity',
      '  vpn-target 65000:100 import-extcommunity',
      '  vpn-target 65000:150 import-extcommunity',
    ]);
  });

  it('renders only the instances the device binds or routes in, by name', () => {
    const vpn = (name: string, rd: string) => ({ name, kind: 'department' as const, rd, importTargets: [rd], exportTargets: [rd] });
    const t = topology([device({
      svis: [{ vlan: 10, addresses: ['10.0.10.1/24'], vpn: 'zeta' }],
      ports: [{ name: 'GigabitEthernet0/0/1', mode: 'routed', address: '10.0.0.1/30', vpn: 'alpha' }],
      staticRoutes: [{ prefix: '0.0.0.0/0', nextHop: '10.0.1.2', vpn: 'mid' }],
    })], { vpnInstances: [vpn('zeta', '1:3'), vpn('unused', '1:9'), vpn('mid', '1:2'), vpn('alpha', '1:1')] });
    expect(renderVpnInstances(contextOf(t)).map((s) => s[0])).toEqual(['ip vpn-instance alpha', 'ip vpn-instance mid', 'ip vpn-instance zeta']);
  });
});
