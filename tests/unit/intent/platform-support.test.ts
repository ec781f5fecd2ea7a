import { describe, expect, it } from 'vitest';
import { platformSupportRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, references, variant } from './helpers.js';

describe('rule platform-support', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [platformSupportRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [platformSupportRule]), 'error'), name).toEqual([]);
  });

  it('reports each feature a model cannot do, once per device, naming device, model and feature', () => {
    const t = variant((t) => {
      const a1 = dev(t, 'access-1'); // S2700-26TP-SI: no MPLS, no VRF, no VRRP
      a1.mpls = true;
      a1.loopback = '10.255.0.21';
      a1.ports![0]!.vpn = 'dept-finance';
      a1.svis = [{ vlan: 10, addresses: ['10.11.10.4/24'], vpn: 'dept-finance' }];
      t.vrrp![0]!.members.push({ device: 'access-1', vlan: 10, priority: 90 });
      const fw = dev(t, 'fw-1'); // USG6000: no QoS marking, no MPLS
      fw.ports![3]!.qos = 'servers';
      t.network.routing!.bgpSpeakers!.push('fw-1');
      dev(t, 'core-1').firewall = { zones: [{ name: 'inside', priority: 90, represents: 'core', interfaces: [] }] };
    });
    const f = check(t, [platformSupportRule]);
    expect(f.map((x) => `${x.pointer} ${x.message.replace(/^device '([^']+)' is a (\S+), which cannot do (.*); .*$/, '$1|$2|$3')}`)).toEqual([
      '/devices/0/firewall core-1|S9312|firewall security zones and NAT',
      '/devices/4/mpls access-1|S2700-26TP-SI|MPLS L3VPN',
      '/devices/4/ports/0 access-1|S2700-26TP-SI|VPN instances (VRF)',
      '/vrrp/0/members/2/device access-1|S2700-26TP-SI|VRRP',
      '/network/routing/bgpSpeakers/4 fw-1|USG6000|MPLS L3VPN',
      '/devices/6/ports/3 fw-1|USG6000|QoS marking',
    ]);
    expect(new Set(codes(f))).toEqual(new Set(['INTENT_UNSUPPORTED_FEATURE']));
  });

  it('reports LAGs and VLAN interfaces on a branch router that has neither', () => {
    const t = variant((t) => {
      t.devices.push({
        name: 'branch-1', vendor: 'huawei', platform: 'huawei-usg', model: 'USG2205BSR', layer: 'router', zone: 'core',
        management: { address: '192.168.0.41' }, credentials: 'fw-admin',
        lags: [{ id: 1, mode: 'static', members: ['GigabitEthernet0/0/0', 'GigabitEthernet0/0/1'] }],
        svis: [{ vlan: 900, addresses: ['10.90.0.41/24'], vpn: 'mgmt-vpn' }],
      });
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_UNSUPPORTED_FEATURE', 'INTENT_UNSUPPORTED_FEATURE']);
    expect(f.map((x) => x.pointer)).toEqual(['/devices/7/lags', '/devices/7/svis']);
  });
});

describe('rule platform-support: catalogue facts', () => {
  it('knows the S5700-28C-EI runs no MPLS (VRF-lite only) and the S5710-28C-EI does; OSPF only where the model runs it', () => {
    const t = variant((t) => {
      dev(t, 'agg-1').model = 'S5700-28C-EI';
      dev(t, 'access-1').ospf = { areas: [{ id: 0, interfaces: ['loopback'] }] }; // S2700-26TP-SI: layer 2
    });
    const f = check(t, [platformSupportRule]);
    expect(f.map((x) => `${x.pointer} ${x.message.replace(/^device '([^']+)' is a (\S+), which cannot do (.*); .*$/, '$1|$2|$3')}`)).toEqual([
      '/devices/2/mpls agg-1|S5700-28C-EI|MPLS L3VPN',
      '/devices/4/ospf access-1|S2700-26TP-SI|OSPF',
    ]);
    expect(check(variant(), [platformSupportRule])).toEqual([]); // agg-1/2 are S5710-28C-EI PEs in the base
  });
});
