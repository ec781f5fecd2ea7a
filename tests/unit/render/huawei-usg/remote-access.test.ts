import { describe, expect, it } from 'vitest';
import { renderHuaweiUsg } from '../../../../src/render/huawei-usg/index.js';
import { renderVpnInstances } from '../../../../src/render/huawei-usg/vpn-instances.js';
import { contextOf, section, topology, usg2205, usg6000 } from './helpers.js';

const fw = usg6000({
  firewall: {
    zones: [
      ...usg6000().firewall!.zones,
      { name: 'ra-tax', priority: 60, represents: 'remote-access', department: 'tax', interfaces: [] },
      { name: 'ra-health', priority: 61, represents: 'remote-access', department: 'health', interfaces: [] },
    ],
  },
});
const topo = topology([fw, usg2205()], {
  departments: [
    { id: 'tax', name: '税务局 (Tax bureau)', vpn: 'tax', pools: ['10.101.0.0/16'], remoteAccessPool: '10.201.0.0/24' },
    { id: 'health', name: 'Health commission', vpn: 'health', pools: ['10.102.0.0/16'] },
  ],
  vpnInstances: [
    ...topology([]).vpnInstances!,
    { name: 'health', kind: 'department', rd: '65000:102', importTargets: [], exportTargets: [] },
  ],
  remoteAccess: {
    firewall: 'egress-1',
    transport: 'l2tp-over-ipsec',
    preSharedKey: 'env:DCNET_RA_PSK',
    groups: [
      { name: 'tax-staff', department: 'tax', vpn: 'tax', zone: 'ra-tax' },
      { name: 'health-staff', department: 'health', vpn: 'health', zone: 'ra-health' },
    ],
  },
});
const text = renderHuaweiUsg({ topology: topo, device: fw });

describe('remote access: the department is the authenticated user\'s, over IPsec (L2TP over IPsec)', () => {
  it('enables L2TP with user@domain names and one AAA domain per department holding its pool', () => {
    expect(section(text, 'l2tp enable')).toEqual(['l2tp enable']);
    expect(section(text, 'l2tp domain suffix-separator @')).toEqual(['l2tp domain suffix-separator @']);
    expect(section(text, 'aaa')).toEqual([
      'aaa',
      ' manager-user dcnet', '  password cipher {{secret:env:DCNET_OPS_PASSWORD}}', '  service-type ssh', '  level 15',
      ' domain tax', '  service-type l2tp', '  ip pool 1 10.201.0.2 10.201.0.254',
      ' domain health', '  service-type l2tp',
    ]);
  });

  it('selects the Virtual-Template by the user\'s domain, never by a tunnel name the client picks', () => {
    expect(section(text, 'l2tp-group 1')).toEqual(['l2tp-group 1', ' undo tunnel authentication', ' allow l2tp virtual-template 1 domain tax']);
    expect(section(text, 'l2tp-group 2')).toEqual(['l2tp-group 2', ' undo tunnel authentication', ' allow l2tp virtual-template 2 domain health']);
    expect(text).not.toMatch(/allow l2tp virtual-template \d+ remote /);
  });

  it('binds one Virtual-Template per group to the group instance, named after the department as the USG can hold it', () => {
    expect(section(text, 'interface Virtual-Template1')).toEqual([
      'interface Virtual-Template1',
      ' description remote-access tax-staff department tax: 税务局 (Tax bureau)',
      ' ppp authentication-mode chap',
      ' ip binding vpn-instance tax',
      ' ip address 10.201.0.1 255.255.255.0',
      ' remote address pool 1',
    ]);
    // A department without a remote-access pool: bound, but nothing to hand out (an intent finding).
    expect(section(text, 'interface Virtual-Template2')).toEqual([
      'interface Virtual-Template2',
      ' description remote-access health-staff department health: Health commission',
      ' ppp authentication-mode chap',
      ' ip binding vpn-instance health',
    ]);
  });

  it('carries the sessions in IPsec applied on the internet-facing interfaces, the key a secret token', () => {
    expect(section(text, 'ike peer remote-access')).toEqual(['ike peer remote-access', ' pre-shared-key {{secret:env:DCNET_RA_PSK}}', ' ike-proposal 10']);
    expect(section(text, 'ipsec proposal remote-access')).toContain(' encapsulation-mode transport');
    expect(section(text, 'ipsec policy remote-access 10 isakmp template remote-access')).toEqual(['ipsec policy remote-access 10 isakmp template remote-access']);
    expect(section(text, 'interface GigabitEthernet1/0/0')).toContain(' ipsec policy remote-access');
    expect(section(text, 'interface GigabitEthernet1/0/2')).not.toContain(' ipsec policy remote-access');
    // Without a key there is no IPsec to render (intent: INTENT_REMOTE_ACCESS_INCOMPLETE).
    const keyless = renderHuaweiUsg({ topology: { ...topo, remoteAccess: { ...topo.remoteAccess!, preSharedKey: undefined } }, device: fw });
    expect(keyless).not.toMatch(/ike |ipsec /);
  });

  it('puts each group\'s Virtual-Template in its own zone and carries the group instances', () => {
    expect(section(text, 'firewall zone name ra-tax')).toEqual(['firewall zone name ra-tax', ' set priority 60', ' add interface Virtual-Template1']);
    expect(section(text, 'firewall zone name ra-health')).toEqual(['firewall zone name ra-health', ' set priority 61', ' add interface Virtual-Template2']);
    expect(renderVpnInstances(contextOf(topo, 'egress-1')).map((b) => b[0])).toEqual([
      'ip vpn-instance tax', 'ip vpn-instance public', 'ip vpn-instance internet', 'ip vpn-instance health',
    ]);
  });

  it('renders nothing of it on a firewall that does not terminate remote access', () => {
    const other = renderHuaweiUsg({ topology: topo, device: topo.devices[1]! });
    expect(other).not.toMatch(/l2tp|Virtual-Template|ip pool|ipsec|ike /);
  });
});
