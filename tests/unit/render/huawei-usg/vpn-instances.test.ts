import { describe, expect, it } from 'vitest';
import { neededVpnInstances, renderVpnInstances } from '../../../../src/render/huawei-usg/vpn-instances.js';
import { contextOf, topology, usg2205, usg6000 } from './helpers.js';

describe('renderVpnInstances', () => {
  it('carries only the instances its interfaces and routes use, RD only (VRF-lite)', () => {
    const topo = topology([usg6000()]);
    expect(renderVpnInstances(contextOf(topo, 'egress-1'))).toEqual([
      ['ip vpn-instance public', ' description public access zone', ' ipv4-family', '  route-distinguisher 65000:200'],
      ['ip vpn-instance internet', ' ipv4-family', '  route-distinguisher 65000:900'],
    ]);
  });

  it('adds the instances of static routes; an undeclared one is rendered bare', () => {
    const topo = topology([usg2205({ staticRoutes: [{ prefix: '10.101.0.0/16', nextHop: '10.30.1.1', vpn: 'tax' }, { prefix: '0.0.0.0/0', nextHop: '10.30.1.1', vpn: 'ghost' }] })]);
    expect(neededVpnInstances(contextOf(topo, 'oldtown-01'))).toEqual(['tax', 'ghost']);
    expect(renderVpnInstances(contextOf(topo, 'oldtown-01'))[1]).toEqual(['ip vpn-instance ghost']);
  });

  it('prints none when nothing is bound', () => {
    expect(renderVpnInstances(contextOf(topology([usg2205()]), 'oldtown-01'))).toEqual([]);
  });
});
