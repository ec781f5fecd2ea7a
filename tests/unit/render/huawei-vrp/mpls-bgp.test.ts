import { describe, expect, it } from 'vitest';
import { renderBgp, renderMplsGlobal } from '../../../../src/render/huawei-vrp/mpls-bgp.js';
import { contextOf, device, topology } from './fixture.js';

const vpnA = { name: 'A', kind: 'department' as const, rd: '65000:1', importTargets: ['65000:1'], exportTargets: ['65000:1'] };

describe('huawei-vrp MPLS (§2.8)', () => {
  it('renders lsr-id and mpls, then mpls ldp, only when device.mpls', () => {
    expect(renderMplsGlobal(contextOf(topology([device({ mpls: true, loopback: '10.0.0.1' })])))).toEqual([['mpls lsr-id 10.0.0.1', 'mpls'], ['mpls ldp']]);
    expect(renderMplsGlobal(contextOf(topology([device({ loopback: '10.0.0.1' })])))).toEqual([]);
  });
});

describe('huawei-vrp BGP VPNv4 (§2.9)', () => {
  const t = topology([
    device({ name: 'pe-1', loopback: '10.0.0.1', svis: [{ vlan: 10, addresses: ['10.1.0.1/24'], vpn: 'A' }], staticRoutes: [{ prefix: '0.0.0.0/0', nextHop: '10.1.0.254', vpn: 'A' }] }),
    device({ name: 'pe-3', loopback: '10.0.0.10' }),
    device({ name: 'pe-2', loopback: '10.0.0.9' }),
    device({ name: 'not-a-speaker', loopback: '10.0.0.99' }),
  ], { network: { name: 'n', routing: { asn: 65000, bgpSpeakers: ['pe-3', 'pe-1', 'pe-2'] } }, vpnInstances: [vpnA] });

  it('peers with every other speaker loopback, ordered by address, families separated by ` #`', () => {
    expect(renderBgp(contextOf(t, 'pe-1'))).toEqual([[
      'bgp 65000',
      ' router-id 10.0.0.1',
      ' peer 10.0.0.9 as-number 65000',
      ' peer 10.0.0.9 connect-interface LoopBack0',
      ' peer 10.0.0.10 as-number 65000',
      ' peer 10.0.0.10 connect-interface LoopBack0',
      ' #',
      ' ipv4-family unicast',
      '  undo synchronization',
      '  peer 10.0.0.9 enable',
      '  peer 10.0.0.10 enable',
      ' #',
      ' ipv4-family vpnv4',
      '  policy vpn-target',
      '  peer 10.0.0.9 enable',
      '  peer 10.0.0.10 enable',
      ' #',
      ' ipv4-family vpn-instance A',
      '  import-route direct',
      '  import-route static',
    ]]);
  });

  it('renders nothing for a device that is not a BGP speaker', () => {
    expect(renderBgp(contextOf(t, 'not-a-speaker'))).toEqual([]);
    expect(renderBgp(contextOf(topology([device()])))).toEqual([]);
  });
});
