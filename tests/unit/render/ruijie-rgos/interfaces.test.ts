import { describe, expect, it } from 'vitest';
import {
  renderAggregatePorts, renderLoopback, renderPhysicalInterface, renderPhysicalInterfaces, renderTrunkAllowed,
  renderVlanInterfaces,
} from '../../../../src/render/ruijie-rgos/interfaces.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

describe('physical interfaces', () => {
  it('lists every catalogue port in order, unconfigured ones bare', () => {
    const blocks = renderPhysicalInterfaces(ctxOf(topologyWith([s5750()])));
    expect(blocks).toHaveLength(24);
    expect(blocks[0]).toEqual(['interface GigabitEthernet 0/1']);
    expect(blocks[9]).toEqual(['interface GigabitEthernet 0/10']);
    expect(blocks[23]).toEqual(['interface GigabitEthernet 0/24']);
  });

  it('adds extra ports in type/slot/port order', () => {
    const ctx = ctxOf(topologyWith([s5750({ extraPorts: [{ name: 'TenGigabitEthernet 1/1', speed: '10G' }] })]));
    expect(ctx.physicalPorts.at(-1)).toBe('TenGigabitEthernet 1/1');
  });

  it('renders an access port with only its VLAN (access is the default mode)', () => {
    const topo = topologyWith([s5750({ ports: [{ name: 'GigabitEthernet 0/5', mode: 'access', vlan: 10, description: 'desk' }] })]);
    expect(renderPhysicalInterface(ctxOf(topo), 'GigabitEthernet 0/5')).toEqual([
      'interface GigabitEthernet 0/5',
      ' description desk',
      ' switchport access vlan 10',
    ]);
  });

  it('renders a trunk with the RGOS 10 allowed-VLAN form', () => {
    const topo = topologyWith([s5750({ ports: [{ name: 'GigabitEthernet0/24', mode: 'trunk', allowedVlans: [10, 20, 999] }] })]);
    expect(renderPhysicalInterface(ctxOf(topo), 'GigabitEthernet 0/24')).toEqual([
      'interface GigabitEthernet 0/24',
      ' switchport mode trunk',
      ' switchport trunk allowed vlan remove 1-9,11-19,21-998,1000-4094',
    ]);
    expect(renderTrunkAllowed([10, 20], 'only')).toEqual([' switchport trunk allowed vlan only 10,20']);
    expect(renderTrunkAllowed(undefined)).toEqual([]);
  });

  it('names the far end from topology.links when the port has no description', () => {
    const topo = topologyWith([s5750()], {
      links: [{ a: { device: 'core-1', port: 'GigabitEthernet1/0/1' }, b: { device: 'agg-1', port: 'GigabitEthernet0/23' } }],
    });
    expect(renderPhysicalInterface(ctxOf(topo), 'GigabitEthernet 0/23')).toEqual([
      'interface GigabitEthernet 0/23',
      ' description to core-1 GigabitEthernet1/0/1',
    ]);
  });

  it('renders a routed port: no switchport first, VRF binding before the address', () => {
    const topo = topologyWith([s5750({
      ports: [{ name: 'GigabitEthernet 0/20', mode: 'routed', address: '10.9.0.1/30', vpn: 'internet', description: 'to fw', shutdown: true, speed: '100M' }],
    })]);
    expect(renderPhysicalInterface(ctxOf(topo), 'GigabitEthernet 0/20')).toEqual([
      'interface GigabitEthernet 0/20',
      ' speed 100',
      ' no switchport',
      ' description to fw',
      ' shutdown',
      ' ip vrf forwarding internet',
      ' ip address 10.9.0.1 255.255.255.252',
    ]);
  });

  it('does not print the native speed', () => {
    const topo = topologyWith([s5750({ ports: [{ name: 'GigabitEthernet 0/2', speed: '1G' }] })]);
    expect(renderPhysicalInterface(ctxOf(topo), 'GigabitEthernet 0/2')).toEqual(['interface GigabitEthernet 0/2']);
  });

  it('puts members of an LACP or static aggregate in their port-group, without switchport lines', () => {
    const topo = topologyWith([s5750({
      lags: [
        { id: 1, mode: 'lacp', members: ['GigabitEthernet 0/1', 'GigabitEthernet 0/2'], portMode: 'trunk', allowedVlans: [10] },
        { id: 2, mode: 'static', members: ['GigabitEthernet 0/3'] },
      ],
      ports: [{ name: 'GigabitEthernet 0/1', mode: 'trunk', description: 'member' }],
    })]);
    const ctx = ctxOf(topo);
    expect(renderPhysicalInterface(ctx, 'GigabitEthernet 0/1')).toEqual([
      'interface GigabitEthernet 0/1', ' description member', ' port-group 1 mode active',
    ]);
    expect(renderPhysicalInterface(ctx, 'GigabitEthernet 0/3')).toEqual(['interface GigabitEthernet 0/3', ' port-group 2']);
  });
});

describe('aggregate ports', () => {
  it('renders AggregatePort N with its switchport config, by id', () => {
    const topo = topologyWith([s5750({
      lags: [
        { id: 2, mode: 'lacp', members: ['GigabitEthernet 0/3'], portMode: 'access', vlan: 30 },
        { id: 1, mode: 'lacp', members: ['GigabitEthernet 0/1', 'GigabitEthernet 0/2'], portMode: 'trunk', allowedVlans: [10, 20] },
        { id: 3, mode: 'static', members: ['GigabitEthernet 0/4'], address: '10.9.9.1/30', description: 'l3 bundle' },
      ],
    })], {
      links: [
        { a: { device: 'agg-1', port: 'GigabitEthernet 0/1' }, b: { device: 'acc-1', port: 'GigabitEthernet0/0/1' } },
        { a: { device: 'agg-1', port: 'GigabitEthernet 0/2' }, b: { device: 'acc-1', port: 'GigabitEthernet0/0/2' } },
      ],
    });
    expect(renderAggregatePorts(ctxOf(topo))).toEqual([
      ['interface AggregatePort 1', ' description to acc-1', ' switchport mode trunk', ' switchport trunk allowed vlan remove 1-9,11-19,21-4094'],
      ['interface AggregatePort 2', ' switchport access vlan 30'],
      ['interface AggregatePort 3', ' no switchport', ' description l3 bundle', ' ip address 10.9.9.1 255.255.255.252'],
    ]);
  });
});

describe('VLAN interfaces and loopback', () => {
  it('renders interface VLAN N: description, VRF binding, primary then secondary addresses', () => {
    const topo = topologyWith([s5750({
      svis: [
        { vlan: 20, addresses: ['10.1.20.3/24', '10.1.21.3/24'], vpn: 'dept-a', description: 'users' },
        { vlan: 10, addresses: ['10.1.10.3/24'] },
      ],
      loopback: '10.253.0.9',
    })]);
    const ctx = ctxOf(topo);
    expect(renderVlanInterfaces(ctx)).toEqual([
      ['interface VLAN 10', ' ip address 10.1.10.3 255.255.255.0'],
      ['interface VLAN 20', ' description users', ' ip vrf forwarding dept-a', ' ip address 10.1.20.3 255.255.255.0', ' ip address 10.1.21.3 255.255.255.0 secondary'],
    ]);
    expect(renderLoopback(ctx)).toEqual([['interface Loopback 0', ' ip address 10.253.0.9 255.255.255.255']]);
  });
});
