import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../../src/model/index.js';
import { renderRuijieRgos, ruijieRgosRenderer } from '../../../../src/render/ruijie-rgos/index.js';
import { s5750, topologyWith } from './fixtures.js';

function sample(): Topology {
  return topologyWith([
    s5750({
      site: 'dc1',
      mpls: true,
      loopback: '10.253.0.11',
      vlans: [10, 999],
      lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet 0/1', 'GigabitEthernet 0/2'], portMode: 'trunk', allowedVlans: [10, 999], mpls: true }],
      ports: [
        { name: 'GigabitEthernet 0/5', mode: 'access', vlan: 10, qos: 'voice' },
        { name: 'GigabitEthernet 0/24', mode: 'routed', address: '10.9.0.1/30', vpn: 'dept-a', mpls: true },
      ],
      svis: [
        { vlan: 10, addresses: ['10.1.10.3/24'], vpn: 'dept-a', mpls: true },
        { vlan: 999, addresses: ['10.254.0.11/24'] },
      ],
      staticRoutes: [{ prefix: '0.0.0.0/0', nextHop: '10.254.0.1' }, { prefix: '0.0.0.0/0', nextHop: '10.9.0.2', vpn: 'dept-a' }],
    }),
  ], {
    sites: [{ id: 'dc1', name: 'DC1' }],
    vlans: [{ id: 10, name: 'users' }, { id: 999, name: 'mgmt' }],
    qosProfiles: [{ name: 'voice', dscp: 46, cos: 5 }],
    vpnInstances: [{ name: 'dept-a', kind: 'department', rd: '65000:1', importTargets: ['65000:1'], exportTargets: ['65000:1'] }],
    links: [
      { a: { device: 'agg-1', port: 'GigabitEthernet 0/1' }, b: { device: 'acc-1', port: 'GigabitEthernet0/0/1' } },
      { a: { device: 'acc-1', port: 'GigabitEthernet0/0/2' }, b: { device: 'agg-1', port: 'GigabitEthernet 0/2' } },
    ],
    vrrp: [{ name: 'gw', vrid: 10, virtualIp: '10.1.10.1', preemptDelay: 20, members: [{ device: 'agg-1', vlan: 10, priority: 110 }] }],
  });
}

const render = (t: Topology): string => renderRuijieRgos({ topology: t, device: t.devices[0]! });

describe('ruijieRgosRenderer', () => {
  it('is the ruijie-rgos PlatformRenderer', () => {
    expect(ruijieRgosRenderer.platform).toBe('ruijie-rgos');
    const t = sample();
    expect(ruijieRgosRenderer.render({ topology: t, device: t.devices[0]! })).toBe(render(t));
  });

  it('is deterministic: the same model rendered twice gives identical text', () => {
    expect(render(sample())).toBe(render(sample()));
  });

  it('lays the text out as show running-config: hostname first, ! separators, one-space indent, end', () => {
    const text = render(sample());
    const lines = text.split('\n');
    expect(lines[0]).toBe('hostname agg-1');
    expect(text.endsWith('\n!\nend\n')).toBe(true);
    for (const line of lines.slice(0, -1)) {
      expect(line).not.toBe('');
      expect(line).not.toMatch(/\s$/);
      expect(line).toMatch(/^(!|end|\S.*| \S.*|  \S.*)$/);
    }
    // every stanza is separated from the next by exactly one `!`
    expect(text).not.toMatch(/!\n!/);
  });

  it('orders the sections as the device prints them', () => {
    const text = render(sample());
    const order = [
      'hostname agg-1', 'ip access-list extended QOS-MATCH-ALL', 'class-map voice', 'policy-map voice',
      'username dcnet', 'service password-encryption', 'ip ssh version 2', 'enable service ssh-server',
      'ip vrf dept-a', 'vlan 1\n', 'vlan 10\n', 'interface GigabitEthernet 0/1\n', 'interface GigabitEthernet 0/24\n',
      'interface AggregatePort 1', 'interface VLAN 10', 'interface VLAN 999', 'interface Loopback 0',
      'ip route 0.0.0.0', 'ip route vrf dept-a', 'snmp-server community', 'line vty 0 4', '\nend\n',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('binds the VRF before the address on every interface', () => {
    const text = render(sample());
    expect(text).toContain(' ip vrf forwarding dept-a\n ip address 10.1.10.3 255.255.255.0\n vrrp 10 ip 10.1.10.1');
    expect(text).toContain(' ip vrf forwarding dept-a\n ip address 10.9.0.1 255.255.255.252');
  });

  it('renders no MPLS on an RGOS device even when the model asks for it', () => {
    expect(render(sample())).not.toMatch(/mpls|ldp|vpnv4|router bgp/i);
  });

  it('matches the reviewed snapshot', () => {
    expect(render(sample())).toMatchSnapshot();
  });
});

describe('module boundary', () => {
  it('imports only the model and shared render modules, never another platform (STYLE.md)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = 'src/render/ruijie-rgos';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const imports = [...readFileSync(`${dir}/${file}`, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^(\.\/[a-z-]+\.js|\.\.\/[a-z-]+\.js|\.\.\/\.\.\/model\/index\.js)$/);
    }
  });
});
