import { describe, expect, it } from 'vitest';
import {
  renderEthTrunk, renderInterfaces, renderL3, renderPhysical, renderSwitchport, renderVlanif,
} from '../../../../src/render/huawei-vrp/interfaces.js';
import { contextOf, device, topology } from './fixture.js';

const noQos = (): undefined => undefined;

describe('huawei-vrp layer-2 port lines (§2.4)', () => {
  it('access port: link type and default VLAN (VLAN 1 is the default and not printed)', () => {
    expect(renderSwitchport('access', 10, undefined)).toEqual([' port link-type access', ' port default vlan 10']);
    expect(renderSwitchport('access', 1, undefined)).toEqual([' port link-type access']);
  });

  it('trunk: removes VLAN 1 unless allowed, then the allow-pass list and the PVID', () => {
    expect(renderSwitchport('trunk', 20, [10, 20, 100, 101, 102])).toEqual([
      ' port link-type trunk',
      ' undo port trunk allow-pass vlan 1',
      ' port trunk allow-pass vlan 10 20 100 to 102',
      ' port trunk pvid vlan 20',
    ]);
    expect(renderSwitchport('trunk', undefined, [1, 10])).toEqual([' port link-type trunk', ' port trunk allow-pass vlan 10']);
  });

  it('trunk with no allowed list carries every VLAN', () => {
    expect(renderSwitchport('trunk', undefined, undefined)).toEqual([' port link-type trunk', ' port trunk allow-pass vlan 2 to 4094']);
  });

  it('splits long allow-pass lists at 10 items', () => {
    const ids = Array.from({ length: 11 }, (_, i) => 100 + i * 2);
    expect(renderSwitchport('trunk', undefined, ids)).toEqual([
      ' port link-type trunk',
      ' undo port trunk allow-pass vlan 1',
      ' port trunk allow-pass vlan 100 102 104 106 108 110 112 114 116 118',
      ' port trunk allow-pass vlan 120',
    ]);
  });
});

describe('huawei-vrp layer 3', () => {
  it('binds the VPN instance before the addresses, primary then sub, dotted masks (§2.3, §2.7)', () => {
    expect(renderL3(['10.1.10.2/24', '10.1.11.2/24'], 'CUST_A')).toEqual([
      ' ip binding vpn-instance CUST_A',
      ' ip address 10.1.10.2 255.255.255.0',
      ' ip address 10.1.11.2 255.255.255.0 sub',
    ]);
  });

  it('renders a Vlanif with binding, address, VRRP and MPLS', () => {
    const t = topology([device({ mpls: true, svis: [{ vlan: 200, description: 'transit', addresses: ['10.0.200.1/30'], vpn: 'A', mpls: true }] })], {
      vrrp: [{ name: 'g', vrid: 7, virtualIp: '10.0.200.3', members: [{ device: 'sw-1', vlan: 200, priority: 100 }] }],
    });
    const ctx = contextOf(t);
    expect(renderVlanif(ctx, ctx.device.svis![0]!)).toEqual([
      'interface Vlanif200',
      ' description transit',
      ' ip binding vpn-instance A',
      ' ip address 10.0.200.1 255.255.255.252',
      ' vrrp vrid 7 virtual-ip 10.0.200.3',
      ' mpls',
      ' mpls ldp',
    ]);
  });

  it('routed port: undo portswitch, binding, address', () => {
    const t = topology([device({ ports: [{ name: 'GigabitEthernet0/0/24', mode: 'routed', address: '10.59.0.1/30', vpn: 'internet', description: 'to fw' }] })]);
    expect(renderPhysical(contextOf(t), 'GigabitEthernet0/0/24', noQos)).toEqual([
      'interface GigabitEthernet0/0/24',
      ' undo portswitch',
      ' description to fw',
      ' ip binding vpn-instance internet',
      ' ip address 10.59.0.1 255.255.255.252',
    ]);
  });
});

describe('huawei-vrp Eth-Trunk (§2.5)', () => {
  const core1 = device({
    name: 'core-1', model: 'S9312',
    lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet1/0/0', 'GigabitEthernet2/0/0'], portMode: 'trunk', allowedVlans: [10, 20] }],
    ports: [{ name: 'GigabitEthernet2/0/0', shutdown: true }],
  });
  const core2 = device({
    name: 'core-2', vendor: 'ruijie', platform: 'ruijie-rgos', model: 'RG-S8610',
    lags: [{ id: 3, mode: 'lacp', members: ['GigabitEthernet 1/1', 'GigabitEthernet 2/1'] }],
  });
  const t = topology([core1, core2], {
    links: [
      { a: { device: 'core-1', port: 'GigabitEthernet1/0/0' }, b: { device: 'core-2', port: 'GigabitEthernet 1/1' } },
      { a: { device: 'core-2', port: 'GigabitEthernet 2/1' }, b: { device: 'core-1', port: 'GigabitEthernet2/0/0' } },
    ],
  });

  it('renders the trunk with its VLANs, then mode lacp-static, and names the far aggregate', () => {
    const ctx = contextOf(t, 'core-1');
    expect(renderEthTrunk(ctx, ctx.device.lags![0]!)).toEqual([
      'interface Eth-Trunk1',
      ' description to core-2 AggregatePort 3',
      ' port link-type trunk',
      ' undo port trunk allow-pass vlan 1',
      ' port trunk allow-pass vlan 10 20',
      ' mode lacp-static',
    ]);
  });

  it('members show only description, shutdown and eth-trunk N', () => {
    const ctx = contextOf(t, 'core-1');
    expect(renderPhysical(ctx, 'GigabitEthernet1/0/0', noQos)).toEqual([
      'interface GigabitEthernet1/0/0', ' description to core-2 GigabitEthernet 1/1', ' eth-trunk 1',
    ]);
    expect(renderPhysical(ctx, 'GigabitEthernet2/0/0', noQos)).toEqual([
      'interface GigabitEthernet2/0/0', ' description to core-2 GigabitEthernet 2/1', ' shutdown', ' eth-trunk 1',
    ]);
  });

  it('a static (manual) trunk prints no mode line; a routed one prints undo portswitch, then its address', () => {
    const t2 = topology([device({ lags: [
      { id: 2, mode: 'static', members: ['GigabitEthernet0/0/1'], description: 'manual' },
      { id: 3, mode: 'lacp', members: ['GigabitEthernet0/0/2'], address: '10.9.9.1/30', mpls: true, description: 'l3' },
    ] })]);
    const ctx = contextOf(t2);
    expect(renderEthTrunk(ctx, ctx.device.lags![0]!)).toEqual(['interface Eth-Trunk2', ' description manual']);
    expect(renderEthTrunk(ctx, ctx.device.lags![1]!)).toEqual([
      'interface Eth-Trunk3', ' undo portswitch', ' description l3', ' ip address 10.9.9.1 255.255.255.252', ' mode lacp-static', ' mpls', ' mpls ldp',
    ]);
  });
});

describe('huawei-vrp physical ports', () => {
  it('describes a cabled port by its far end unless the model gives a description', () => {
    const t = topology([device({ ports: [{ name: 'GigabitEthernet0/0/1', mode: 'access', vlan: 10 }, { name: 'GigabitEthernet0/0/2', description: 'mine' }] })], {
      links: [
        { a: { device: 'agg', port: 'GigabitEthernet 0/23' }, b: { device: 'sw-1', port: 'GigabitEthernet0/0/1' } },
        { a: { device: 'sw-1', port: 'GigabitEthernet0/0/2' }, b: { device: 'x', port: 'Gi1' } },
      ],
    });
    const ctx = contextOf(t);
    expect(renderPhysical(ctx, 'GigabitEthernet0/0/1', noQos)).toEqual([
      'interface GigabitEthernet0/0/1', ' description to agg GigabitEthernet 0/23', ' port link-type access', ' port default vlan 10',
    ]);
    expect(renderPhysical(ctx, 'GigabitEthernet0/0/2', noQos)).toEqual(['interface GigabitEthernet0/0/2', ' description mine']);
  });

  it('forces a slower speed than the catalogue one; undo negotiation auto first, shutdown after the description (seen)', () => {
    const t = topology([device({ ports: [{ name: 'GigabitEthernet0/0/5', mode: 'access', vlan: 10, speed: '100M', shutdown: true, description: 'pc' }, { name: 'GigabitEthernet0/0/6', speed: '1G' }] })]);
    const ctx = contextOf(t);
    expect(renderPhysical(ctx, 'GigabitEthernet0/0/5', noQos)).toEqual([
      'interface GigabitEthernet0/0/5', ' undo negotiation auto', ' description pc', ' shutdown', ' port link-type access', ' port default vlan 10', ' speed 100',
    ]);
    expect(renderPhysical(ctx, 'GigabitEthernet0/0/6', noQos)).toEqual(['interface GigabitEthernet0/0/6']);
  });

  it('prints every interface in VRP order: Vlanif, Eth-Trunk, every catalogue port, NULL0, LoopBack0', () => {
    const t = topology([device({
      loopback: '10.0.0.9',
      svis: [{ vlan: 20, addresses: ['10.0.20.1/24'] }, { vlan: 10, addresses: ['10.0.10.1/24'] }],
      lags: [{ id: 2, mode: 'lacp', members: ['GigabitEthernet0/0/2'] }, { id: 1, mode: 'lacp', members: ['GigabitEthernet0/0/1'] }],
      extraPorts: [{ name: 'GigabitEthernet1/0/1', speed: '1G' }],
    })]);
    const headers = renderInterfaces(contextOf(t)).map((s) => s[0]);
    const expected = [
      'interface Vlanif10', 'interface Vlanif20', 'interface Eth-Trunk1', 'interface Eth-Trunk2',
      ...Array.from({ length: 24 }, (_, i) => `interface GigabitEthernet0/0/${i + 1}`),
      'interface GigabitEthernet1/0/1',
      'interface XGigabitEthernet0/0/1', 'interface XGigabitEthernet0/0/2',
      'interface NULL0', 'interface LoopBack0',
    ];
    expect(headers).toEqual(expected);
    expect(renderInterfaces(contextOf(t)).at(-1)).toEqual(['interface LoopBack0', ' ip address 10.0.0.9 255.255.255.255']);
  });

  it('S2700: Ethernet ports before GigabitEthernet ones', () => {
    const t = topology([device({ model: 'S2700-26TP-SI' })]);
    const headers = renderInterfaces(contextOf(t)).map((s) => s[0]);
    expect(headers[0]).toBe('interface Ethernet0/0/1');
    expect(headers[23]).toBe('interface Ethernet0/0/24');
    expect(headers.slice(24)).toEqual(['interface GigabitEthernet0/0/1', 'interface GigabitEthernet0/0/2', 'interface NULL0']);
  });
});
