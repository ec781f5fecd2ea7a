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
    expect(f[0]!).toMatchObject({ pointer: '/vpnInstances/1/rd', message: "VPN instance 'dept-health' uses route distinguisher 65001:101, the same value as 'dept-finance' (compared as numbers)" });
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
    const f = check(t, [routingRule]);
    // agg-1 runs MPLS with VPN interfaces but speaks no BGP; agg-2 speaks BGP for its VPNs without MPLS.
    expect(codes(f)).toEqual(['INTENT_MPLS_INTERFACE_WITHOUT_DEVICE', 'INTENT_MPLS_INTERFACE_WITHOUT_DEVICE', 'INTENT_PE_NOT_BGP_SPEAKER', 'INTENT_PE_NO_MPLS']);
    expect(only(f, 'INTENT_PE_NOT_BGP_SPEAKER')).toMatchObject({ severity: 'warning', pointer: '/devices/2' });
    expect(only(f, 'INTENT_PE_NO_MPLS')).toMatchObject({ severity: 'error', pointer: '/network/routing/bgpSpeakers/2' });
  });
});

describe('rule routing: route targets by value', () => {
  it('sees a leak through a target written in another notation (leading zeros, dotted AS)', () => {
    // dept-health imports finance's 65001:101 written as 65001:0101: the same value on the wire.
    const t = variant((t) => { t.vpnInstances![1]!.importTargets.push('65001:0101'); });
    const f = check(t);
    expect(codes(f, 'error')).toEqual(['INTENT_ISOLATION_DEPARTMENT_LEAK']);
    const dotted = variant((t) => { t.vpnInstances![1]!.importTargets.push('0.65001:101'); });
    expect(codes(check(dotted), 'error')).toEqual(['INTENT_ISOLATION_DEPARTMENT_LEAK']);
  });

  it('reports two RDs of one value however written, and values out of their ranges', () => {
    const t = variant((t) => {
      t.vpnInstances![1]!.rd = '65001:00101';
      t.vpnInstances![2]!.exportTargets.push('70000:70000'); // 4-byte AS: assigned number at most 65535
      t.vpnInstances![3]!.importTargets.push('10.0.0.1:65536');
    });
    const f = check(t, [routingRule]);
    expect(codes(f)).toEqual(['INTENT_DUPLICATE_RD', 'INTENT_ROUTE_TARGET_INVALID', 'INTENT_ROUTE_TARGET_INVALID']);
    expect(only(f, 'INTENT_DUPLICATE_RD').pointer).toBe('/vpnInstances/1/rd');
  });
});

describe('rule routing: the IGP under BGP and LDP', () => {
  it('reports BGP speakers with no IGP to carry their loopbacks', () => {
    const t = variant((t) => { delete t.network.routing!.igp; for (const d of t.devices) delete d.ospf; });
    const f = check(t, [routingRule]);
    expect(codes(f)).toEqual(['INTENT_IGP_MISSING']);
  });

  it('reports a speaker whose loopback no OSPF path reaches, and one that does not advertise it', () => {
    const t = variant((t) => {
      // agg-2 runs OSPF only on its loopback: no adjacency joins it to the others.
      dev(t, 'agg-2').ospf = { areas: [{ id: 0, interfaces: ['loopback'] }] };
      dev(t, 'agg-1').ospf!.areas[0]!.interfaces = ['XGigabitEthernet0/0/1', 'XGigabitEthernet0/0/2'];
    });
    const f = check(t, [routingRule]);
    expect(codes(f)).toContain('INTENT_IGP_NOT_ON_DEVICE');
    const unreachable = f.filter((x) => x.code === 'INTENT_BGP_PEER_UNREACHABLE');
    expect(unreachable.map((x) => x.pointer)).toEqual(['/network/routing/bgpSpeakers/0', '/network/routing/bgpSpeakers/1', '/network/routing/bgpSpeakers/3']);
    expect(unreachable[0]!.message).toContain('agg-2 (10.255.0.12)');
  });

  it('reports an OSPF hop between MPLS devices without LDP, and PEs with no all-LDP path', () => {
    const t = variant((t) => {
      for (const p of dev(t, 'agg-2').ports!) if (p.name.startsWith('XGigabitEthernet')) delete p.mpls;
      for (const n of ['core-1', 'core-2']) for (const p of dev(t, n).ports!) if (p.name === 'XGigabitEthernet3/0/3') delete p.mpls;
    });
    const f = check(t, [routingRule]);
    expect(codes(f).filter((c) => c === 'INTENT_LDP_MISSING')).toHaveLength(4);
    expect(f.filter((x) => x.code === 'INTENT_LDP_PATH_MISSING').length).toBeGreaterThan(0);
    expect(only(f.filter((x) => x.pointer === '/network/routing/bgpSpeakers/3'), 'INTENT_LDP_PATH_MISSING').message).toContain('core-1');
  });

  it('reports OSPF interfaces that are not addressed interfaces of the device or sit in a VPN, and areas cut off from the backbone', () => {
    const t = variant((t) => {
      dev(t, 'core-1').ospf!.areas[0]!.interfaces.push('GigabitEthernet1/0/0', 'vlan:55');
      dev(t, 'agg-1').ospf!.areas.push({ id: '0.0.0.7', interfaces: ['lag:1'] });
      dev(t, 'agg-2').ospf = { areas: [{ id: 7, interfaces: ['loopback', 'XGigabitEthernet0/0/1', 'XGigabitEthernet0/0/2'] }] };
    });
    const f = check(t, [routingRule]);
    const ospf = f.filter((x) => x.code === 'INTENT_OSPF_INTERFACE');
    expect(ospf.map((x) => x.message)).toEqual([
      expect.stringContaining("'GigabitEthernet1/0/0' is bound to VPN instance 'public-vpn'"),
      expect.stringContaining("'vlan:55' is no addressed interface"),
      expect.stringContaining("'lag:1' is no addressed interface"),
    ]);
    expect(codes(f)).not.toContain('INTENT_OSPF_AREA_DETACHED'); // agg-1 joins area 7 to the backbone
    const cut = variant((t) => { dev(t, 'agg-2').ospf = { areas: [{ id: 7, interfaces: ['loopback', 'XGigabitEthernet0/0/1'] }] }; });
    expect(codes(check(cut, [routingRule]))).toContain('INTENT_OSPF_AREA_DETACHED');
  });
});

describe('rule routing: floating static routes', () => {
  it('reports a floating route that beats internal BGP (VRP 200 as rendered) or OSPF, and a static route that shadows BGP', () => {
    const t = variant((t) => {
      // core-1 backs up agg-1's finance VLAN (10.11.10.0/24, advertised by BGP) through core-2.
      dev(t, 'core-1').svis![0]!.addresses.push('10.11.99.2/24');
      dev(t, 'core-1').staticRoutes = [
        { prefix: '10.11.10.0/24', nextHop: '10.11.99.3', vpn: 'dept-finance', preference: 150, floating: true },
        { prefix: '10.12.20.0/24', nextHop: '10.11.99.3', vpn: 'dept-health' },
        { prefix: '10.99.0.0/16', nextHop: '10.254.1.1', floating: true },
      ];
    });
    const f = check(t, [routingRule]);
    const wins = f.filter((x) => x.code === 'INTENT_STATIC_FLOATING_WINS');
    expect(wins.map((x) => x.message)).toEqual([
      expect.stringContaining('has preference 150, which beats internal BGP (routes of the other PEs) (200) on huawei-vrp'),
      expect.stringContaining('has preference 60, which beats OSPF external (150) on huawei-vrp'),
    ]);
    expect(only(f, 'INTENT_STATIC_SHADOWS_BGP')).toMatchObject({ severity: 'warning', pointer: '/devices/0/staticRoutes/1' });
    const fixed = variant((t) => {
      dev(t, 'core-1').staticRoutes = [{ prefix: '10.11.10.0/24', nextHop: '10.254.1.1', vpn: 'dept-finance', preference: 250, floating: true }];
    });
    expect(codes(check(fixed, [routingRule])).filter((c) => c.startsWith('INTENT_STATIC_'))).toEqual([]);
  });
});
