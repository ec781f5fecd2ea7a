import { describe, expect, it } from 'vitest';
import { renderHuaweiUsg } from '../../../../src/render/huawei-usg/index.js';
import { renderVpnInstances } from '../../../../src/render/huawei-usg/vpn-instances.js';
import { contextOf, section, topology, usg2205, usg6000 } from './helpers.js';

const fw = usg6000({
  firewall: {
    zones: [
      ...usg6000().firewall!.zones,
      { name: 'remote', priority: 60, represents: 'remote-access', interfaces: [] },
    ],
  },
});
const topo = topology([fw, usg2205()], {
  departments: [
    { id: 'tax', name: 'Tax bureau', vpn: 'tax', pools: ['10.101.0.0/16'], remoteAccessPool: '10.201.0.0/24' },
    { id: 'health', name: 'Health commission', vpn: 'health', pools: ['10.102.0.0/16'] },
  ],
  vpnInstances: [
    ...topology([]).vpnInstances!,
    { name: 'health', kind: 'department', rd: '65000:102', importTargets: [], exportTargets: [] },
  ],
  remoteAccess: {
    firewall: 'egress-1',
    groups: [{ name: 'tax-staff', department: 'tax', vpn: 'tax' }, { name: 'health-staff', department: 'health', vpn: 'health' }],
  },
});
const text = renderHuaweiUsg({ topology: topo, device: fw });

describe('remote-access users mapped to their department instance (composed L2TP LNS)', () => {
  it('enables L2TP and binds one Virtual-Template per group to the group instance', () => {
    expect(section(text, 'l2tp enable')).toEqual(['l2tp enable']);
    expect(section(text, 'interface Virtual-Template1')).toEqual([
      'interface Virtual-Template1',
      ' description remote-access tax-staff department tax',
      ' ppp authentication-mode chap',
      ' ip binding vpn-instance tax',
      ' ip address 10.201.0.1 255.255.255.0',
      ' remote address pool 1',
    ]);
    // A department without a remote-access pool: bound, but nothing to hand out (an intent finding).
    expect(section(text, 'interface Virtual-Template2')).toEqual([
      'interface Virtual-Template2',
      ' description remote-access health-staff department health',
      ' ppp authentication-mode chap',
      ' ip binding vpn-instance health',
    ]);
  });

  it('accepts each group by its tunnel name and hands out the department pool', () => {
    expect(section(text, 'l2tp-group 1')).toEqual(['l2tp-group 1', ' undo tunnel authentication', ' allow l2tp virtual-template 1 remote tax-staff']);
    expect(section(text, 'aaa')).toContain(' ip pool 1 10.201.0.2 10.201.0.254');
  });

  it('puts the Virtual-Templates in the remote-access zone and carries the group instances', () => {
    expect(section(text, 'firewall zone name remote')).toEqual([
      'firewall zone name remote', ' set priority 60', ' add interface Virtual-Template1', ' add interface Virtual-Template2',
    ]);
    expect(renderVpnInstances(contextOf(topo, 'egress-1')).map((b) => b[0])).toEqual([
      'ip vpn-instance tax', 'ip vpn-instance public', 'ip vpn-instance internet', 'ip vpn-instance health',
    ]);
  });

  it('renders nothing of it on a firewall that does not terminate remote access', () => {
    const other = renderHuaweiUsg({ topology: topo, device: topo.devices[1]! });
    expect(other).not.toMatch(/l2tp|Virtual-Template|ip pool/);
  });
});
