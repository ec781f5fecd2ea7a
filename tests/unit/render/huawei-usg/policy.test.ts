import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../../../../src/model/index.js';
import { renderHuaweiUsg } from '../../../../src/render/huawei-usg/index.js';
import { parseService, renderInterzonePolicies, renderPolicies, renderSecurityPolicy } from '../../../../src/render/huawei-usg/policy.js';
import { contextOf, section, topology, usg2205, usg6000 } from './helpers.js';

/** One policy matrix, enforced by a USG6000 and by a USG2205BSR with the same zones. */
const MATRIX: PolicyRule[] = [
  { name: 'WEB-IN', from: 'untrust', to: 'dmz', action: 'permit', services: ['http', 'https'], destination: ['10.0.1.10/32'], description: 'publish the portal' },
  { name: 'LAN-OUT', from: 'trust', to: 'untrust', action: 'permit' },
  { name: 'ALT-WEB', from: 'untrust', to: 'dmz', action: 'permit', services: ['tcp/8443'], destination: ['10.0.1.0/24'] },
  { name: 'DMZ-NO-TRUST', from: 'dmz', to: 'trust', action: 'deny' },
  { name: 'MGMT-SSH', from: 'trust', to: 'local', action: 'permit', services: ['ssh', 'udp/161-162'] },
  { name: 'HOSTING-IN', from: 'hosting', to: 'trust', action: 'permit' },
  { name: 'DMZ-EAST-WEST', from: 'dmz', to: 'dmz', action: 'permit' },
];

const zones = {
  zones: [
    { name: 'trust', priority: 85, represents: 'core' as const, interfaces: ['GigabitEthernet0/0/1'] },
    { name: 'untrust', priority: 5, represents: 'internet' as const, interfaces: ['GigabitEthernet0/0/0'] },
    { name: 'dmz', priority: 50, represents: 'public' as const, interfaces: ['GigabitEthernet0/0/2'] },
  ],
};
const topo = topology([usg6000({ firewall: zones }), usg2205({ firewall: zones })], { policy: MATRIX });

describe('policy matrix on a USG6000 (security-policy)', () => {
  it('renders one rule per applicable matrix entry, in matrix order', () => {
    expect(renderSecurityPolicy(contextOf(topo, 'egress-1'))).toEqual([[
      'security-policy',
      ' rule name WEB-IN',
      '  description publish the portal',
      '  source-zone untrust',
      '  destination-zone dmz',
      '  destination-address 10.0.1.10 mask 255.255.255.255',
      '  service http',
      '  service https',
      '  action permit',
      ' rule name LAN-OUT',
      '  source-zone trust',
      '  destination-zone untrust',
      '  action permit',
      ' rule name ALT-WEB',
      '  source-zone untrust',
      '  destination-zone dmz',
      '  destination-address 10.0.1.0 mask 255.255.255.0',
      '  service protocol tcp destination-port 8443',
      '  action permit',
      ' rule name DMZ-NO-TRUST',
      '  source-zone dmz',
      '  destination-zone trust',
      '  action deny',
      ' rule name MGMT-SSH',
      '  source-zone trust',
      '  destination-zone local',
      '  service ssh',
      '  service protocol udp destination-port 161 to 162',
      '  action permit',
      ' rule name DMZ-EAST-WEST',
      '  source-zone dmz',
      '  destination-zone dmz',
      '  action permit',
    ]]);
  });

  it('prints nothing when no rule applies', () => {
    const t = topology([usg6000()], { policy: [{ name: 'X', from: 'hosting', to: 'core', action: 'permit' }] });
    expect(renderPolicies(contextOf(t, 'egress-1'))).toEqual([]);
    expect(renderHuaweiUsg({ topology: t, device: t.devices[0]! })).not.toContain('security-policy');
  });
});

describe('the same matrix on a USG2205BSR (policy interzone)', () => {
  it('groups rules by zone pair and direction, higher-priority zone first', () => {
    expect(renderInterzonePolicies(contextOf(topo, 'oldtown-01'))).toEqual([
      [
        'policy interzone dmz untrust inbound',
        ' policy 1',
        '  description WEB-IN: publish the portal',
        '  action permit',
        '  policy destination 10.0.1.10 0',
        '  policy service service-set http',
        '  policy service service-set https',
        ' policy 2',
        '  description ALT-WEB',
        '  action permit',
        '  policy destination 10.0.1.0 0.0.0.255',
        '  policy service service-set tcp-8443',
      ],
      ['policy interzone trust untrust outbound', ' policy 1', '  description LAN-OUT', '  action permit'],
      ['policy interzone trust dmz inbound', ' policy 1', '  description DMZ-NO-TRUST', '  action deny'],
      [
        'policy interzone local trust inbound',
        ' policy 1',
        '  description MGMT-SSH',
        '  action permit',
        '  policy service service-set ssh',
        '  policy service service-set udp-161-162',
      ],
    ]);
  });

  it('defines a service-set object for each port-based service, before the policies', () => {
    const blocks = renderPolicies(contextOf(topo, 'oldtown-01'));
    expect(blocks.slice(0, 2)).toEqual([
      ['ip service-set tcp-8443 type object', ' service 0 protocol tcp destination-port 8443'],
      ['ip service-set udp-161-162 type object', ' service 0 protocol udp destination-port 161 to 162'],
    ]);
    expect(blocks).toHaveLength(6);
  });

  it('is what the whole configuration prints', () => {
    const text = renderHuaweiUsg({ topology: topo, device: topo.devices[1]! });
    expect(section(text, 'policy interzone trust untrust outbound')).toEqual([
      'policy interzone trust untrust outbound', ' policy 1', '  description LAN-OUT', '  action permit',
    ]);
    expect(text).not.toContain('security-policy');
    expect(renderHuaweiUsg({ topology: topo, device: topo.devices[0]! })).not.toContain('policy interzone');
  });
});

describe('parseService', () => {
  it('reads names and protocol/port[-port]', () => {
    expect(parseService('https')).toEqual({ kind: 'named', name: 'https' });
    expect(parseService('tcp/8443')).toEqual({ kind: 'port', protocol: 'tcp', from: 8443, to: 8443, objectName: 'tcp-8443' });
    expect(parseService('udp/1000-2000')).toMatchObject({ from: 1000, to: 2000, objectName: 'udp-1000-2000' });
  });
});
