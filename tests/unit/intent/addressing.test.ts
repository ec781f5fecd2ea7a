import { describe, expect, it } from 'vitest';
import { addressingRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, lineOf, only, references, shown, validateVariant, variant } from './helpers.js';

describe('rule addressing', () => {
  it('finds nothing in the base topology (VRRP pairs and point-to-point links share subnets as they should), and no error in the reference topologies', () => {
    expect(check(variant(), [addressingRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [addressingRule]), 'error'), name).toEqual([]);
  });

  it('reports network and broadcast addresses on interfaces', () => {
    const t = variant((t) => {
      dev(t, 'core-1').svis![1]!.addresses = ['10.90.0.0/24'];
      dev(t, 'core-2').svis![1]!.addresses = ['10.90.0.255/24'];
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_ADDRESS_IS_BROADCAST', 'INTENT_ADDRESS_IS_NETWORK']);
    expect(only(f, 'INTENT_ADDRESS_IS_NETWORK').pointer).toBe('/devices/0/svis/1/addresses/0');
  });

  it('reports one address on two interfaces of a routing table, but not across VPN instances', () => {
    const t = variant((t) => {
      dev(t, 'agg-2').svis![0]!.addresses = ['10.11.10.2/24']; // agg-1 has it in dept-finance
      dev(t, 'agg-2').svis![1]!.addresses = ['10.12.20.2/24'];
      dev(t, 'agg-2').ports!.push({ name: 'GigabitEthernet0/0/10', mode: 'routed', address: '10.90.0.2/24', vpn: 'dept-health' }); // core-1's, but in mgmt-vpn
    });
    const f = check(t, [addressingRule]);
    expect(codes(f)).toEqual(['INTENT_ADDRESS_DUPLICATE', 'INTENT_ADDRESS_DUPLICATE']);
    expect(f[0]!.message).toMatch(/on agg-2 VLAN (10|20) interface is already the address of agg-1 VLAN (10|20) interface in VPN instance 'dept-/);
  });

  it('reports a subnet attached twice to one device, and one subnet on two segments', () => {
    const t = variant((t) => {
      dev(t, 'core-1').ports!.push({ name: 'GigabitEthernet1/0/11', mode: 'routed', address: '10.90.0.9/24', vpn: 'mgmt-vpn' });
      dev(t, 'core-2').ports!.push({ name: 'GigabitEthernet1/0/11', mode: 'routed', address: '10.90.0.10/24', vpn: 'mgmt-vpn' });
      dev(t, 'access-1').ports!.push({ name: 'Ethernet0/0/24', mode: 'access', vlan: 20 });
      t.links!.push({ a: { device: 'core-2', port: 'GigabitEthernet1/0/11' }, b: { device: 'access-1', port: 'Ethernet0/0/24' } });
    });
    const f = check(t, [addressingRule]);
    expect(codes(f)).toEqual(['INTENT_ADDRESS_OVERLAP', 'INTENT_ADDRESS_OVERLAP', 'INTENT_ADDRESS_OVERLAP']);
    const messages = f.map((x) => x.message).join('\n');
    expect(messages).toContain('10.90.0.9/24 on core-1 port GigabitEthernet1/0/11 is in the same subnet 10.90.0.0/24 as VLAN 900 interface of the same device');
    expect(messages).toContain('10.90.0.10/24 on core-2 port GigabitEthernet1/0/11 reuses subnet 10.90.0.0/24 of 10.90.0.2/24 on core-1 VLAN 900 interface in VPN instance \'mgmt-vpn\', but they are on different segments (VLAN 20 vs VLAN 900)');
  });

  it('reports subnets that partially overlap, and a subnet straddling a department pool', () => {
    const t = variant((t) => {
      dev(t, 'core-1').ports!.push({ name: 'GigabitEthernet1/0/12', mode: 'routed', address: '10.10.0.1/15', vpn: 'dept-finance' });
    });
    const f = check(t, [addressingRule]);
    expect(codes(f)).toEqual(['INTENT_ADDRESS_OVERLAP', 'INTENT_ADDRESS_OVERLAP', 'INTENT_ADDRESS_OVERLAP']);
    expect(f.map((x) => x.message).join('\n')).toContain("straddles the edge of pool 10.11.0.0/16 of department 'finance'");
  });

  it('reports overlapping department pools once, and prefixes a VPN instance learns from two sources', () => {
    const t = variant((t) => {
      t.departments![1]!.pools.push('10.11.128.0/17'); // inside finance's pool
      t.departments![1]!.pools.push('10.100.0.0/16'); // around the exchange VLAN, which health learns
    });
    const f = check(t, [addressingRule]);
    expect(codes(f)).toEqual(['INTENT_ADDRESS_OVERLAP_LEARNED', 'INTENT_ADDRESS_OVERLAP_LEARNED', 'INTENT_POOL_OVERLAP']);
    expect(only(f, 'INTENT_POOL_OVERLAP').pointer).toBe('/departments/1/pools/1');
    expect(f.filter((x) => x.code === 'INTENT_ADDRESS_OVERLAP_LEARNED').map((x) => x.message).join('\n'))
      .toContain("pool 10.100.0.0/16 of department 'health'");
  });

  it('reports prefixes with host bits and static routes whose next hop is not connected', () => {
    const t = variant((t) => {
      const fw = dev(t, 'fw-1');
      fw.staticRoutes!.push({ prefix: '10.11.0.1/16', nextHop: '10.254.2.1', vpn: 'public-vpn' });
      fw.staticRoutes!.push({ prefix: '10.0.0.0/8', nextHop: '10.9.9.9', vpn: 'public-vpn' });
      fw.staticRoutes!.push({ prefix: '10.1.0.0/16', nextHop: '10.254.2.2', vpn: 'public-vpn' });
      t.departments![0]!.remoteAccessPool = '10.111.0.1/24';
      t.policy![1]!.destination = ['10.11.0.0/8', '10.12.0.0/16'];
    });
    const f = check(t, [addressingRule]);
    expect(codes(f)).toEqual([
      'INTENT_PREFIX_HOST_BITS', 'INTENT_PREFIX_HOST_BITS', 'INTENT_PREFIX_HOST_BITS', 'INTENT_STATIC_ROUTE_NEXT_HOP', 'INTENT_STATIC_ROUTE_NEXT_HOP',
    ]);
    expect(f.filter((x) => x.code === 'INTENT_STATIC_ROUTE_NEXT_HOP').every((x) => x.severity === 'warning')).toBe(true);
    expect(f.find((x) => x.pointer === '/devices/6/staticRoutes/1/prefix')!.message).toContain('write 10.11.0.0/16');
  });

  it('reports the overlaps a wrong mask causes in the provincial reference variant, each at its file and line', () => {
    const { result, editedFile } = validateVariant('overlap-mask');
    expect(codes(result.findings)).toEqual(['INTENT_ADDRESS_OVERLAP', 'INTENT_ADDRESS_OVERLAP', 'INTENT_ADDRESS_OVERLAP']);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.path}`)).toEqual([
      `${shown(editedFile)}:${lineOf(editedFile, '10.250.2.5/29')} devices[core-2].ports[XGigabitEthernet3/0/2].address`,
      `${shown(editedFile)}:${lineOf(editedFile, '10.250.2.2/30')} devices[wan-agg-1].ports[XGigabitEthernet2/0/1].address`,
      `${shown(editedFile)}:${lineOf(editedFile, '10.250.2.6/30')} devices[wan-agg-2].ports[XGigabitEthernet2/0/1].address`,
    ]);
  });
});
