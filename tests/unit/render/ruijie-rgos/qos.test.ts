import { describe, expect, it } from 'vitest';
import { renderPhysicalInterface } from '../../../../src/render/ruijie-rgos/interfaces.js';
import { renderQosAccessLists, renderQosPolicies } from '../../../../src/render/ruijie-rgos/qos.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

const topo = topologyWith([s5750({
  ports: [
    { name: 'GigabitEthernet 0/1', mode: 'access', vlan: 10, qos: 'trusted' },
    { name: 'GigabitEthernet 0/2', mode: 'access', vlan: 10, qos: 'voice' },
    { name: 'GigabitEthernet 0/3', mode: 'access', vlan: 10, qos: 'cos-trust' },
  ],
})], {
  qosProfiles: [
    { name: 'trusted', trust: 'dscp' },
    { name: 'voice', trust: 'none', dscp: 46, cos: 5 },
    { name: 'cos-trust', trust: '8021p' },
    { name: 'unused', dscp: 10 },
  ],
});

describe('QoS marking at access ports', () => {
  it('trusts DSCP or CoS as the profile says', () => {
    const ctx = ctxOf(topo);
    expect(renderPhysicalInterface(ctx, 'GigabitEthernet 0/1')).toEqual([
      'interface GigabitEthernet 0/1', ' switchport access vlan 10', ' mls qos trust dscp',
    ]);
    expect(renderPhysicalInterface(ctx, 'GigabitEthernet 0/3')).toEqual([
      'interface GigabitEthernet 0/3', ' switchport access vlan 10', ' mls qos trust cos',
    ]);
  });

  it('re-marks with a default CoS and an input policy that sets the DSCP', () => {
    const ctx = ctxOf(topo);
    expect(renderPhysicalInterface(ctx, 'GigabitEthernet 0/2')).toEqual([
      'interface GigabitEthernet 0/2', ' switchport access vlan 10', ' mls qos cos 5', ' service-policy input voice',
    ]);
    expect(renderQosAccessLists(ctx)).toEqual([['ip access-list extended QOS-MATCH-ALL', ' 10 permit ip any any']]);
    expect(renderQosPolicies(ctx)).toEqual([
      ['class-map voice', ' match access-group QOS-MATCH-ALL'],
      ['policy-map voice', ' class voice', '  set ip dscp 46'],
    ]);
  });

  it('renders no global QoS stanzas when no port re-marks', () => {
    const ctx = ctxOf(topologyWith([s5750()], { qosProfiles: [{ name: 'voice', dscp: 46 }] }));
    expect(renderQosAccessLists(ctx)).toEqual([]);
    expect(renderQosPolicies(ctx)).toEqual([]);
  });
});
