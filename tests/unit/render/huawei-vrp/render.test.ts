import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../../src/model/index.js';
import { SECRET_TOKEN_PATTERN } from '../../../../src/render/types.js';
import { huaweiVrpRenderer, renderHuaweiVrp, renderHuaweiVrpSections } from '../../../../src/render/huawei-vrp/index.js';
import { blockOf, device, topology } from './fixture.js';

/** A small network with one of everything the renderer handles. */
function sample(): Topology {
  return topology([
    device({
      name: 'core-1', model: 'S9303', layer: 'core', site: 'centre', loopback: '10.253.0.1', mpls: true,
      vlans: [10, 20, 301],
      lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet1/0/0', 'GigabitEthernet1/0/1'], portMode: 'trunk', allowedVlans: [10, 20] }],
      ports: [
        { name: 'GigabitEthernet1/0/5', mode: 'access', vlan: 10, qos: 'voice' },
        { name: 'XGigabitEthernet2/0/0', mode: 'trunk', allowedVlans: [301] },
      ],
      svis: [
        { vlan: 20, addresses: ['10.0.20.2/24'], vpn: 'dept-a' },
        { vlan: 10, addresses: ['10.0.10.2/24', '10.0.11.2/24'], vpn: 'dept-a', description: 'users' },
        { vlan: 301, addresses: ['10.253.1.1/30'], mpls: true },
      ],
      staticRoutes: [{ prefix: '0.0.0.0/0', nextHop: '10.0.10.254', vpn: 'dept-a' }],
    }),
    device({ name: 'core-2', vendor: 'ruijie', platform: 'ruijie-rgos', model: 'RG-S8610', lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet 1/1', 'GigabitEthernet 2/1'] }] }),
    device({ name: 'pe-2', model: 'S9303', loopback: '10.253.0.2', mpls: true }),
  ], {
    network: { name: 'sample', routing: { asn: 65010, bgpSpeakers: ['core-1', 'pe-2'] } },
    sites: [{ id: 'centre', name: 'Network centre' }],
    vlans: [{ id: 10, name: 'users' }, { id: 20, name: 'servers' }, { id: 301, name: 'transit' }],
    qosProfiles: [{ name: 'voice', trust: 'none', dscp: 46, cos: 5 }],
    vpnInstances: [{ name: 'dept-a', kind: 'department', rd: '65010:101', importTargets: ['65010:101'], exportTargets: ['65010:101'] }],
    links: [
      { a: { device: 'core-1', port: 'GigabitEthernet1/0/0' }, b: { device: 'core-2', port: 'GigabitEthernet 1/1' } },
      { a: { device: 'core-1', port: 'GigabitEthernet1/0/1' }, b: { device: 'core-2', port: 'GigabitEthernet 2/1' } },
      { a: { device: 'pe-2', port: 'XGigabitEthernet2/0/0' }, b: { device: 'core-1', port: 'XGigabitEthernet2/0/0' } },
    ],
    vrrp: [{
      name: 'users', vrid: 10, virtualIp: '10.0.10.1', preemptDelay: 20, advertiseInterval: 2,
      members: [{ device: 'core-1', vlan: 10, priority: 120, track: [{ interface: 'XGigabitEthernet2/0/0', reduce: 30 }] }, { device: 'core-2', vlan: 10, priority: 100 }],
    }],
  });
}

const render = (t: Topology, name = 'core-1'): string => renderHuaweiVrp({ topology: t, device: t.devices.find((d) => d.name === name)! });

describe('huawei-vrp full configuration', () => {
  it('is the PlatformRenderer for huawei-vrp', () => {
    const t = sample();
    expect(huaweiVrpRenderer.platform).toBe('huawei-vrp');
    expect(huaweiVrpRenderer.render({ topology: t, device: t.devices[0]! })).toBe(render(t));
  });

  it('is laid out as display current-configuration: # delimiters, one-space indent, return last (§3.1)', () => {
    const text = render(sample());
    const lines = text.split('\n');
    expect(lines[0]).toBe('#');
    expect(lines[1]).toBe('sysname core-1');
    expect(text.endsWith('#\nreturn\n')).toBe(true);
    for (const [i, line] of lines.slice(0, -1).entries()) {
      expect(line, `line ${i + 1}`).not.toBe('');
      expect(line, `line ${i + 1}`).not.toMatch(/\s$|\t/);
      expect(line, `line ${i + 1}`).toMatch(/^( {0,2})\S/);
      if (line === '#') expect(lines[i + 1], `line ${i + 2}`).not.toBe('#');
    }
  });

  it('prints the sections in VRP order', () => {
    const heads = renderHuaweiVrpSections({ topology: sample(), device: sample().devices[0]! }).map((s) => s[0]);
    const order = [
      'sysname core-1', 'vlan batch 10 20 301', 'lldp enable', 'ip vpn-instance dept-a', 'mpls lsr-id 10.253.0.1', 'mpls ldp', 'vlan 10',
      'traffic classifier voice operator or', 'traffic behavior voice', 'traffic policy voice', 'aaa',
      'interface Vlanif10', 'interface Vlanif20', 'interface Vlanif301', 'interface Eth-Trunk1', 'interface GigabitEthernet1/0/0',
      'interface XGigabitEthernet2/0/3', 'interface NULL0', 'interface LoopBack0', 'bgp 65010',
      'ip route-static vpn-instance dept-a 0.0.0.0 0.0.0.0 10.0.10.254', 'snmp-agent', 'stelnet server enable', 'user-interface vty 0 4',
    ];
    const positions = order.map((h) => heads.indexOf(h));
    expect(positions.every((p) => p >= 0), JSON.stringify(order.filter((_, i) => positions[i]! < 0))).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('renders the VRRP master Vlanif and its Eth-Trunk to the Ruijie peer', () => {
    const text = render(sample());
    expect(blockOf(text, 'interface Vlanif10')).toEqual([
      'interface Vlanif10',
      ' description users',
      ' ip binding vpn-instance dept-a',
      ' ip address 10.0.10.2 255.255.255.0',
      ' ip address 10.0.11.2 255.255.255.0 sub',
      ' vrrp vrid 10 virtual-ip 10.0.10.1',
      ' vrrp vrid 10 priority 120',
      ' vrrp vrid 10 preempt-mode timer delay 20',
      ' vrrp vrid 10 timer advertise 2',
      ' vrrp vrid 10 track interface XGigabitEthernet2/0/0 reduced 30',
    ]);
    expect(blockOf(text, 'interface Eth-Trunk1')).toEqual([
      'interface Eth-Trunk1',
      ' description to core-2 AggregatePort 1',
      ' port link-type trunk',
      ' undo port trunk allow-pass vlan 1',
      ' port trunk allow-pass vlan 10 20',
      ' mode lacp-static',
    ]);
    expect(blockOf(text, 'interface GigabitEthernet1/0/5')).toEqual([
      'interface GigabitEthernet1/0/5', ' port link-type access', ' port default vlan 10', ' traffic-policy voice inbound',
    ]);
    expect(blockOf(text, 'interface XGigabitEthernet2/0/0')).toEqual([
      'interface XGigabitEthernet2/0/0', ' description to pe-2 XGigabitEthernet2/0/0', ' port link-type trunk',
      ' undo port trunk allow-pass vlan 1', ' port trunk allow-pass vlan 301',
    ]);
  });

  it('renders the same text twice', () => {
    const t = sample();
    expect(render(t)).toBe(render(t));
    expect(render(sample())).toBe(render(t));
  });

  it('does not depend on the order of lists in the model', () => {
    const t = sample();
    const r = structuredClone(t);
    for (const key of ['devices', 'vlans', 'qosProfiles', 'vpnInstances', 'links', 'vrrp', 'credentials', 'sites'] as const) {
      (r[key] as unknown[] | undefined)?.reverse();
    }
    for (const d of r.devices) {
      for (const key of ['vlans', 'ports', 'lags', 'svis', 'staticRoutes'] as const) (d[key] as unknown[] | undefined)?.reverse();
      for (const l of d.lags ?? []) l.members.reverse();
    }
    r.network.routing!.bgpSpeakers!.reverse();
    expect(render(r)).toBe(render(t));
  });

  it('never prints a secret reference outside a {{secret:...}} token', () => {
    const text = render(sample());
    expect(text).toContain('{{secret:env:OPS_PASSWORD}}');
    expect(text).toContain('{{secret:env:SNMP_RO}}');
    expect(text.replace(SECRET_TOKEN_PATTERN, '')).not.toMatch(/env:|file:/);
  });

  it('renders a layer-2 access switch without MPLS, BGP or VPN sections', () => {
    const t = topology([device({ name: 'acc-1', model: 'S2700-26TP-SI', vlans: [110] })]);
    const text = render(t, 'acc-1');
    expect(text).not.toMatch(/^(mpls|bgp|ip vpn-instance)/m);
    expect(text).toContain('\ninterface Ethernet0/0/24\n#\ninterface GigabitEthernet0/0/1\n#\n');
  });
});
