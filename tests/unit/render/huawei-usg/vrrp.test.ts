import { describe, expect, it } from 'vitest';
import { renderInterfaces } from '../../../../src/render/huawei-usg/interfaces.js';
import { contextOf, topology, usg6000 } from './helpers.js';

const pair = [
  usg6000({ name: 'egress-1' }),
  usg6000({
    name: 'egress-2', management: { address: '10.0.2.3' },
    ports: [
      { name: 'GigabitEthernet1/0/0', address: '203.0.113.3/29', vpn: 'internet' },
      { name: 'GigabitEthernet1/0/1', address: '10.0.1.3/24', vpn: 'public' },
      { name: 'GigabitEthernet1/0/2', address: '10.0.2.3/24' },
    ],
  }),
];
const topo = topology(pair, {
  vrrp: [
    {
      name: 'egress-public', vrid: 20, virtualIp: '10.0.1.254', advertiseInterval: 2, preemptDelay: 30,
      members: [
        { device: 'egress-1', vlan: 120, priority: 120, track: [{ interface: 'GigabitEthernet1/0/0', reduce: 30 }] },
        { device: 'egress-2', vlan: 120, priority: 100 },
      ],
    },
    {
      name: 'egress-internet', vrid: 30, virtualIp: '203.0.113.1',
      members: [{ device: 'egress-2', vlan: 130, priority: 110 }, { device: 'egress-1', vlan: 130, priority: 100 }],
    },
  ],
});

const block = (device: string, port: string) => renderInterfaces(contextOf(topo, device)).find((b) => b[0] === `interface ${port}`);

describe('VRRP on firewall interfaces (USG form)', () => {
  it('puts the virtual IP with its mask and the active role on the highest-priority member', () => {
    expect(block('egress-1', 'GigabitEthernet1/0/1')).toEqual([
      'interface GigabitEthernet1/0/1',
      ' ip binding vpn-instance public',
      ' ip address 10.0.1.1 255.255.255.0',
      ' vrrp vrid 20 virtual-ip 10.0.1.254 255.255.255.0 active',
      ' vrrp vrid 20 timer advertise 2',
    ]);
    expect(block('egress-2', 'GigabitEthernet1/0/1')).toEqual([
      'interface GigabitEthernet1/0/1',
      ' ip binding vpn-instance public',
      ' ip address 10.0.1.3 255.255.255.0',
      ' vrrp vrid 20 virtual-ip 10.0.1.254 255.255.255.0 standby',
      ' vrrp vrid 20 timer advertise 2',
    ]);
  });

  it('finds the interface by the subnet of the virtual IP when no VLAN interface carries it', () => {
    expect(block('egress-1', 'GigabitEthernet1/0/0')).toContain(' vrrp vrid 30 virtual-ip 203.0.113.1 255.255.255.248 standby');
    expect(block('egress-2', 'GigabitEthernet1/0/0')).toContain(' vrrp vrid 30 virtual-ip 203.0.113.1 255.255.255.248 active');
  });

  it('prefers the Vlanif of the member VLAN, and a dot1q sub-interface of that VLAN', () => {
    const t = topology([usg6000({
      svis: [{ vlan: 120, addresses: ['10.0.1.1/24'] }],
      ports: [{ name: 'GigabitEthernet1/0/5.130', vlan: 130, address: '203.0.113.2/29' }],
    })], { vrrp: topo.vrrp! });
    const blocks = renderInterfaces(contextOf(t, 'egress-1'));
    expect(blocks.find((b) => b[0] === 'interface Vlanif120')).toContain(' vrrp vrid 20 virtual-ip 10.0.1.254 255.255.255.0 active');
    expect(blocks.find((b) => b[0] === 'interface GigabitEthernet1/0/5.130')).toContain(' vrrp vrid 30 virtual-ip 203.0.113.1 255.255.255.248 standby');
  });

  it('renders no priority, preempt or track lines (hot standby owns them on a USG)', () => {
    const lines = renderInterfaces(contextOf(topo, 'egress-1')).flat();
    expect(lines.filter((l) => / vrrp vrid \d+ (priority|preempt-mode|track)/.test(l))).toEqual([]);
  });
});
