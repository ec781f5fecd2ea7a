import { describe, expect, it } from 'vitest';
import { renderRuijieRgos } from '../../../../src/render/ruijie-rgos/index.js';
import { renderOspf } from '../../../../src/render/ruijie-rgos/ospf.js';
import { renderVrfs } from '../../../../src/render/ruijie-rgos/vrf.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

describe('ruijie-rgos OSPF (reference §2.8 form)', () => {
  const agg = s5750({
    loopback: '10.0.0.7',
    ports: [{ name: 'GigabitEthernet 0/24', mode: 'routed', address: '10.9.0.1/30' }],
    svis: [{ vlan: 300, addresses: ['10.9.1.3/29'] }, { vlan: 10, addresses: ['10.1.10.3/24'], vpn: 'dept-a' }],
    ospf: { areas: [{ id: '0.0.0.0', interfaces: ['loopback', 'GigabitEthernet0/24', 'vlan:10'] }, { id: 3, interfaces: ['vlan:300'] }] },
  });

  it('renders router ospf with the loopback as router id and one network per subnet with its area', () => {
    const t = topologyWith([agg], { network: { name: 'n', routing: { asn: 65000, igp: { protocol: 'ospf' } } } });
    expect(renderOspf(ctxOf(t))).toEqual([[
      'router ospf 1',
      ' router-id 10.0.0.7',
      ' network 10.0.0.7 0.0.0.0 area 0',
      ' network 10.9.0.0 0.0.0.3 area 0',
      ' network 10.9.1.0 0.0.0.7 area 3',
    ]]);
    const text = renderRuijieRgos({ topology: t, device: t.devices[0]! });
    expect(text.indexOf('\nrouter ospf 1\n')).toBeGreaterThan(text.indexOf('\ninterface VLAN 300\n'));
  });

  it('renders nothing without routing.igp', () => {
    expect(renderOspf(ctxOf(topologyWith([agg])))).toEqual([]);
  });
});

describe('ruijie-rgos VRF text and values', () => {
  it('prints RD and targets as values, and a department name in the ASCII-safe form', () => {
    const t = topologyWith([s5750({ svis: [{ vlan: 10, addresses: ['10.1.10.3/24'], vpn: 'dept-a' }] })], {
      vpnInstances: [{ name: 'dept-a', kind: 'department', rd: '65000:0001', importTargets: ['65000:1', '65000:01'], exportTargets: ['65000:001'] }],
      departments: [{ id: 'a', name: '财政局', vpn: 'dept-a', pools: ['10.1.0.0/16'] }],
    });
    expect(renderVrfs(ctxOf(t))).toEqual([[
      'ip vrf dept-a', ' description \\u8D22\\u653F\\u5C40', ' rd 65000:1', ' route-target export 65000:1', ' route-target import 65000:1',
    ]]);
  });
});
