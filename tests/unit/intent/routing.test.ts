import { describe, expect, it } from 'vitest';
import { routingRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, only, references, variant } from './helpers.js';

describe('rule routing', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [routingRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [routingRule]), 'error'), name).toEqual([]);
  });

  it('reports a route distinguisher used twice', () => {
    const t = variant((t) => { t.vpnInstances![1]!.rd = '65001:101'; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_DUPLICATE_RD']);
    expect(f[0]!).toMatchObject({ pointer: '/vpnInstances/1/rd', message: "VPN instance 'dept-health' uses route distinguisher 65001:101, already used by 'dept-finance'" });
  });

  it('reports MPLS devices and BGP speakers without a loopback', () => {
    const t = variant((t) => { delete dev(t, 'agg-2').loopback; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_BGP_NO_LOOPBACK', 'INTENT_MPLS_NO_LOOPBACK']);
    expect(only(f, 'INTENT_BGP_NO_LOOPBACK').pointer).toBe('/network/routing/bgpSpeakers/3');
  });

  it('reports MPLS on interfaces of a device that does not run MPLS, and a PE that is no BGP speaker', () => {
    const t = variant((t) => {
      dev(t, 'agg-2').mpls = false;
      t.network.routing!.bgpSpeakers = ['core-1', 'core-2', 'agg-2'];
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_MPLS_INTERFACE_WITHOUT_DEVICE', 'INTENT_MPLS_INTERFACE_WITHOUT_DEVICE', 'INTENT_PE_NOT_BGP_SPEAKER']);
    expect(only(f, 'INTENT_PE_NOT_BGP_SPEAKER')).toMatchObject({ severity: 'warning', pointer: '/devices/2' });
  });
});
