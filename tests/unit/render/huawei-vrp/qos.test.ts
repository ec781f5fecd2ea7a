import { describe, expect, it } from 'vitest';
import { dscpName, renderPortQos, renderQos } from '../../../../src/render/huawei-vrp/qos.js';
import { contextOf, device, topology } from './fixture.js';

describe('huawei-vrp QoS (MQC; not in the reference)', () => {
  const t = topology([device({ ports: [
    { name: 'GigabitEthernet0/0/1', mode: 'access', vlan: 10, qos: 'voice' },
    { name: 'GigabitEthernet0/0/2', mode: 'access', vlan: 10, qos: 'trusted' },
    { name: 'GigabitEthernet0/0/3', mode: 'access', vlan: 10, qos: 'office' },
  ] })], { qosProfiles: [
    { name: 'voice', trust: 'none', dscp: 46, cos: 5 },
    { name: 'trusted', trust: 'dscp' },
    { name: 'office', dscp: 0 },
    { name: 'unused', dscp: 10 },
  ] });

  it('defines classifier, behaviour and policy for each marking profile in use, by name, one section per kind', () => {
    expect(renderQos(contextOf(t))).toEqual([
      ['traffic classifier office operator or', ' if-match any', 'traffic classifier voice operator or', ' if-match any'],
      ['traffic behavior office', ' remark dscp default', 'traffic behavior voice', ' remark dscp ef', ' remark 8021p 5'],
      ['traffic policy office', ' classifier office behavior office', 'traffic policy voice', ' classifier voice behavior voice'],
    ]);
    expect(renderQos(contextOf(topology([device()])))).toEqual([]);
  });

  it('prints DSCP values by PHB keyword when they have one', () => {
    expect([0, 10, 34, 46, 48, 5].map(dscpName)).toEqual(['default', 'af11', 'af41', 'ef', 'cs6', '5']);
  });

  it('applies trust and the policy inbound on the port', () => {
    expect(renderPortQos({ name: 'voice', trust: 'none', dscp: 46 })).toEqual([' traffic-policy voice inbound']);
    expect(renderPortQos({ name: 'trusted', trust: 'dscp' })).toEqual([' trust dscp']);
    expect(renderPortQos({ name: 'p', trust: '8021p', cos: 3 })).toEqual([' trust 8021p', ' traffic-policy p inbound']);
    expect(renderPortQos(undefined)).toEqual([]);
  });
});
