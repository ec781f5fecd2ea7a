import { describe, expect, it } from 'vitest';
import { renderNatServers } from '../../../../src/render/huawei-usg/nat-server.js';
import { contextOf, topology, usg2205, usg6000 } from './helpers.js';

const natServers = [
  { name: 'portal-http', protocol: 'tcp' as const, globalAddress: '203.0.113.10', globalPort: 80, insideAddress: '10.0.1.10', insidePort: 8080 },
  { name: 'dns', protocol: 'udp' as const, globalAddress: '198.51.100.53', globalPort: 53, insideAddress: '10.0.2.53', insidePort: 53 },
];

describe('renderNatServers', () => {
  it('USG6000: named mappings; each end in its VPN instance when it lives in one', () => {
    // portal-http: 203.0.113.10 is outside every interface subnet and route, so it takes the
    // instance of the untrust (internet) zone's interface; dns: its global address is covered by a
    // static route in `internet`, its inside address by GigabitEthernet1/0/2 (public table).
    const topo = topology([usg6000({
      firewall: { ...usg6000().firewall!, natServers },
      staticRoutes: [{ prefix: '198.51.100.0/24', nextHop: '203.0.113.1', vpn: 'internet' }],
    })]);
    expect(renderNatServers(contextOf(topo, 'egress-1'))).toEqual([[
      'nat server portal-http protocol tcp global 203.0.113.10 80 vpn-instance internet inside 10.0.1.10 8080 vpn-instance public',
      'nat server dns protocol udp global 198.51.100.53 53 vpn-instance internet inside 10.0.2.53 53',
    ]]);
  });

  it('USG2205BSR: the older form without a name', () => {
    const topo = topology([usg2205({
      firewall: { ...usg2205().firewall!, natServers: [{ ...natServers[0]!, globalAddress: '10.30.1.2', insideAddress: '10.31.1.10' }] },
    })]);
    expect(renderNatServers(contextOf(topo, 'oldtown-01'))).toEqual([[
      'nat server protocol tcp global 10.30.1.2 80 inside 10.31.1.10 8080',
    ]]);
  });

  it('prints nothing without mappings', () => {
    expect(renderNatServers(contextOf(topology([usg6000()]), 'egress-1'))).toEqual([]);
  });
});
