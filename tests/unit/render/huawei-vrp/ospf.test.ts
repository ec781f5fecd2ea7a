import { describe, expect, it } from 'vitest';
import { renderHuaweiVrp } from '../../../../src/render/huawei-vrp/index.js';
import { renderBgp } from '../../../../src/render/huawei-vrp/mpls-bgp.js';
import { renderOspf } from '../../../../src/render/huawei-vrp/ospf.js';
import { renderVpnInstance } from '../../../../src/render/huawei-vrp/vpn.js';
import { contextOf, device, topology } from './fixture.js';

const pe = device({
  name: 'pe-1', model: 'S9303', loopback: '10.0.0.1', mpls: true,
  ports: [
    { name: 'XGigabitEthernet2/0/0', mode: 'routed', address: '10.9.0.2/30', mpls: true },
    { name: 'GigabitEthernet1/0/5', mode: 'routed', address: '10.8.0.1/30', vpn: 'A' },
  ],
  svis: [{ vlan: 300, addresses: ['10.9.1.1/29', '10.9.2.1/29'], mpls: true }],
  ospf: { areas: [
    { id: 7, interfaces: ['vlan:300'] },
    { id: '0.0.0.0', interfaces: ['loopback', 'XGigabitEthernet2/0/0', 'GigabitEthernet1/0/5'] },
  ] },
});

describe('huawei-vrp OSPF: the IGP of the loopbacks', () => {
  it('renders one process with the loopback as router id, areas dotted in order, one network per subnet', () => {
    const t = topology([pe], { network: { name: 'n', routing: { asn: 65000, igp: { protocol: 'ospf', process: 10 } } } });
    expect(renderOspf(contextOf(t))).toEqual([[
      'ospf 10 router-id 10.0.0.1',
      ' area 0.0.0.0',
      '  network 10.0.0.1 0.0.0.0',
      '  network 10.9.0.0 0.0.0.3',
      ' area 0.0.0.7',
      '  network 10.9.1.0 0.0.0.7',
      '  network 10.9.2.0 0.0.0.7',
    ]]);
    // The port bound to a VPN instance is not the global IGP's (intent reports it).
    expect(renderOspf(contextOf(t))[0]).not.toContain('  network 10.8.0.0 0.0.0.3');
  });

  it('renders no OSPF without routing.igp, and places it after BGP and before the static routes', () => {
    expect(renderOspf(contextOf(topology([pe])))).toEqual([]);
    const t = topology([pe], {
      network: { name: 'n', routing: { asn: 65000, bgpSpeakers: ['pe-1'], igp: { protocol: 'ospf' } } },
      vpnInstances: [{ name: 'A', kind: 'department', rd: '65000:1', importTargets: ['65000:1'], exportTargets: ['65000:1'] }],
    });
    const text = renderHuaweiVrp({ topology: t, device: t.devices[0]! });
    expect(text.indexOf('\nbgp 65000\n')).toBeLessThan(text.indexOf('\nospf 1 router-id 10.0.0.1\n'));
  });
});

describe('huawei-vrp floating static routes under BGP', () => {
  it('gives internal BGP preference 200 in a VPN family holding floating statics, so that they float', () => {
    const vpn = { name: 'A', kind: 'department' as const, rd: '65000:1', importTargets: ['65000:1'], exportTargets: ['65000:1'] };
    const t = topology([
      device({ ...pe, staticRoutes: [{ prefix: '10.20.0.0/24', nextHop: '10.8.0.2', vpn: 'A', preference: 250, floating: true }] }),
      device({ name: 'pe-2', loopback: '10.0.0.2' }),
    ], { network: { name: 'n', routing: { asn: 65000, bgpSpeakers: ['pe-1', 'pe-2'] } }, vpnInstances: [vpn] });
    expect(renderBgp(contextOf(t, 'pe-1'))[0]!.slice(-5)).toEqual([' #', ' ipv4-family vpn-instance A', '  preference 255 200 255', '  import-route direct', '  import-route static']);
    const plain = topology([device({ ...pe, staticRoutes: [{ prefix: '10.20.0.0/24', nextHop: '10.8.0.2', vpn: 'A' }] })],
      { network: { name: 'n', routing: { asn: 65000, bgpSpeakers: ['pe-1'] } }, vpnInstances: [vpn] });
    expect(renderBgp(contextOf(plain, 'pe-1'))[0]).not.toContain('  preference 255 200 255');
  });
});

describe('huawei-vrp VPN instance text and values', () => {
  it('prints RD and targets as values, each once, and a department name in the ASCII-safe form', () => {
    const vpn = { name: 'A', kind: 'department' as const, rd: '065000:0001', importTargets: ['65000:1', '65000:001', '0.65000:2'], exportTargets: ['65000:01'] };
    expect(renderVpnInstance(vpn, { departments: [{ id: 'fin', name: '财政局 (Finance)', vpn: 'A', pools: ['10.0.0.0/16'] }] })).toEqual([
      'ip vpn-instance A',
      ' description \\u8D22\\u653F\\u5C40 (Finance)',
      ' ipv4-family',
      '  route-distinguisher 65000:1',
      '  vpn-target 65000:1 export-extcommunity',
      '  vpn-target 65000:1 import-extcommunity',
      '  vpn-target 65000:2 import-extcommunity',
    ]);
  });
});
