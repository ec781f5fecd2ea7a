import { describe, expect, it } from 'vitest';
import { renderInterfaces } from '../../../../src/render/huawei-usg/interfaces.js';
import { contextOf, topology, usg2205, usg6000 } from './helpers.js';

describe('renderInterfaces', () => {
  it('prints every catalogue port in catalogue order, then NULL0', () => {
    const topo = topology([usg2205({ ports: [] })]);
    expect(renderInterfaces(contextOf(topo, 'oldtown-01'))).toEqual([
      ['interface GigabitEthernet0/0/0'],
      ['interface GigabitEthernet0/0/1'],
      ['interface GigabitEthernet0/0/2'],
      ['interface GigabitEthernet0/0/3'],
      ['interface NULL0'],
    ]);
  });

  it('names the far end of links, binds the VPN instance before the address', () => {
    const topo = topology([usg2205({
      ports: [
        { name: 'GigabitEthernet0/0/0', address: '10.30.1.2/30', vpn: 'tax' },
        { name: 'GigabitEthernet0/0/1', address: '10.31.1.1/24', description: 'old-town LAN', shutdown: true },
      ],
    })], {
      links: [
        { a: { device: 'agg-3', port: 'GigabitEthernet 0/7' }, b: { device: 'oldtown-01', port: 'GigabitEthernet0/0/0' } },
        { a: { device: 'oldtown-01', port: 'GigabitEthernet0/0/1' }, b: { device: 'lan-sw', port: 'GigabitEthernet0/0/1' } },
        { a: { device: 'oldtown-01', port: 'GigabitEthernet0/0/3' }, b: { device: 'spare-sw', port: 'Ethernet0/0/1' } },
      ],
    });
    const blocks = renderInterfaces(contextOf(topo, 'oldtown-01'));
    expect(blocks[0]).toEqual([
      'interface GigabitEthernet0/0/0',
      ' description to agg-3 GigabitEthernet 0/7',
      ' ip binding vpn-instance tax',
      ' ip address 10.30.1.2 255.255.255.252',
    ]);
    expect(blocks[1]).toEqual([
      'interface GigabitEthernet0/0/1',
      ' description old-town LAN',
      ' shutdown',
      ' ip address 10.31.1.1 255.255.255.0',
    ]);
    expect(blocks[3]).toEqual(['interface GigabitEthernet0/0/3', ' description to spare-sw Ethernet0/0/1']);
  });

  it('prints dot1q sub-interfaces right after their parent', () => {
    const topo = topology([usg2205({
      ports: [
        { name: 'GigabitEthernet0/0/1.200', vlan: 200, address: '10.2.0.1/24', vpn: 'public' },
        { name: 'GigabitEthernet0/0/1.100', address: '10.1.0.1/24' },
      ],
    })]);
    const names = renderInterfaces(contextOf(topo, 'oldtown-01')).map((b) => b[0]);
    expect(names.slice(0, 5)).toEqual([
      'interface GigabitEthernet0/0/0', 'interface GigabitEthernet0/0/1', 'interface GigabitEthernet0/0/1.100',
      'interface GigabitEthernet0/0/1.200', 'interface GigabitEthernet0/0/2',
    ]);
    const blocks = renderInterfaces(contextOf(topo, 'oldtown-01'));
    expect(blocks[2]).toEqual(['interface GigabitEthernet0/0/1.100', ' vlan-type dot1q 100', ' ip address 10.1.0.1 255.255.255.0']);
    expect(blocks[3]).toEqual([
      'interface GigabitEthernet0/0/1.200', ' vlan-type dot1q 200', ' ip binding vpn-instance public', ' ip address 10.2.0.1 255.255.255.0',
    ]);
  });

  it('opens the management interface of a USG6000 to ping, SSH and SNMP (service-manage)', () => {
    const topo = topology([usg6000(), usg2205()]);
    const ngfw = renderInterfaces(contextOf(topo, 'egress-1'));
    expect(ngfw[2]).toEqual([
      'interface GigabitEthernet1/0/2',
      ' ip address 10.0.2.1 255.255.255.0',
      ' service-manage ping permit',
      ' service-manage ssh permit',
      ' service-manage snmp permit',
    ]);
    expect(ngfw[0]).toEqual([
      'interface GigabitEthernet1/0/0', ' ip binding vpn-instance internet', ' ip address 203.0.113.2 255.255.255.248',
    ]);
    // The old generation has no service-manage.
    expect(renderInterfaces(contextOf(topo, 'oldtown-01')).flat().some((l) => l.includes('service-manage'))).toBe(false);
  });

  it('renders Vlanif, Eth-Trunk with members and LoopBack0 on a USG6000', () => {
    const topo = topology([usg6000({
      loopback: '10.255.1.1',
      vlans: [10],
      svis: [{ vlan: 10, description: 'servers', addresses: ['10.10.0.1/24', '10.10.1.1/24'], vpn: 'public' }],
      lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet1/0/10', 'GigabitEthernet1/0/11'], address: '10.9.0.1/30', description: 'to core' }],
      ports: [{ name: 'GigabitEthernet1/0/3', mode: 'trunk', allowedVlans: [10, 11, 12, 20] }],
    })]);
    const blocks = renderInterfaces(contextOf(topo, 'egress-1'));
    expect(blocks[0]).toEqual([
      'interface Vlanif10', ' description servers', ' ip binding vpn-instance public',
      ' ip address 10.10.0.1 255.255.255.0', ' ip address 10.10.1.1 255.255.255.0 sub',
    ]);
    expect(blocks[1]).toEqual(['interface Eth-Trunk1', ' description to core', ' mode lacp-static', ' ip address 10.9.0.1 255.255.255.252']);
    const byName = new Map(blocks.map((b) => [b[0], b]));
    expect(byName.get('interface GigabitEthernet1/0/10')).toEqual(['interface GigabitEthernet1/0/10', ' eth-trunk 1']);
    expect(byName.get('interface GigabitEthernet1/0/3')).toEqual([
      'interface GigabitEthernet1/0/3', ' portswitch', ' port link-type trunk', ' port trunk allow-pass vlan 10 to 12 20',
    ]);
    expect(blocks.slice(-2)).toEqual([['interface NULL0'], ['interface LoopBack0', ' ip address 10.255.1.1 255.255.255.255']]);
    expect(blocks.map((b) => b[0]).filter((n) => n.startsWith('interface XGigabitEthernet'))).toHaveLength(4);
  });
});
