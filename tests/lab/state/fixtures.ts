/**
 * A small mixed-vendor topology for the lab's state and SNMP tests (independent of the reference
 * topologies, which others are still editing):
 *
 *   up-1 (S5700) ─XGE0/0/1── hw-1 (S5700) ══Eth-Trunk1 (GE0/0/2, GE0/0/3)══ hw-2 (S5700)
 *   up-1 ─GE0/0/2── rj-1 (RG-S5750) ─Gi0/1── hw-1 GE0/0/1 (trunk 10,20)
 *   rj-1 Gi0/2 ── acc-1 (S2700) GE0/0/1 (trunk 10)
 *
 * VRRP gw-10 (VLAN 10, VRID 10, preempt delay 20 s): hw-1 120 tracking XGigabitEthernet0/0/1 −30,
 * rj-1 100. gw-20 (VLAN 20, VRID 20, no delay): hw-1 100, rj-1 100 (tie: rj-1's higher address wins).
 */
import type { Device, Topology } from '../../../src/model/index.js';

export function dev(name: string, vendor: 'huawei' | 'ruijie', model: string, layer: Device['layer'], n: number, extra: Partial<Device> = {}): Device {
  return {
    name, vendor, platform: vendor === 'ruijie' ? 'ruijie-rgos' : 'huawei-vrp', model, layer, zone: 'core',
    management: { address: `10.255.0.${n}` }, credentials: 'lab', ...extra,
  };
}

export function miniTopology(): Topology {
  return {
    network: { name: 'mini', kind: 'data-centre' },
    zones: [{ id: 'core', name: 'Core' }],
    credentials: [{ id: 'lab', username: 'dcnet' }],
    devices: [
      dev('hw-1', 'huawei', 'S5700-28C-EI', 'aggregation', 1, {
        vlans: [10, 20],
        ports: [
          { name: 'GigabitEthernet0/0/1', mode: 'trunk', allowedVlans: [10, 20], description: 'to rj-1' },
          { name: 'GigabitEthernet0/0/2', description: 'Eth-Trunk1 member' },
          { name: 'GigabitEthernet0/0/3', description: 'Eth-Trunk1 member' },
          { name: 'XGigabitEthernet0/0/1', mode: 'routed', address: '10.9.0.2/30', description: 'uplink to up-1' },
          { name: 'GigabitEthernet0/0/24', shutdown: true, description: 'spare' },
        ],
        lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet0/0/2', 'GigabitEthernet0/0/3'], portMode: 'trunk', allowedVlans: [10], description: 'to hw-2' }],
        svis: [{ vlan: 10, addresses: ['10.0.10.2/24'] }, { vlan: 20, addresses: ['10.0.20.2/24'] }],
        loopback: '10.253.0.1',
      }),
      dev('hw-2', 'huawei', 'S5700-28C-EI', 'aggregation', 2, {
        vlans: [10],
        lags: [{ id: 1, mode: 'lacp', members: ['GigabitEthernet0/0/2', 'GigabitEthernet0/0/3'], portMode: 'trunk', allowedVlans: [10] }],
      }),
      dev('rj-1', 'ruijie', 'RG-S5750-24GT/12SFP', 'aggregation', 3, {
        vlans: [10, 20],
        ports: [
          { name: 'GigabitEthernet 0/1', mode: 'trunk', allowedVlans: [10, 20], description: 'to hw-1' },
          { name: 'GigabitEthernet 0/2', mode: 'trunk', allowedVlans: [10], description: 'to acc-1' },
          { name: 'GigabitEthernet 0/24', mode: 'routed', address: '10.9.0.6/30', description: 'uplink to up-1' },
        ],
        svis: [{ vlan: 10, addresses: ['10.0.10.3/24'] }, { vlan: 20, addresses: ['10.0.20.3/24'] }],
      }),
      dev('up-1', 'huawei', 'S5700-28C-EI', 'core', 4, {
        ports: [
          { name: 'XGigabitEthernet0/0/1', mode: 'routed', address: '10.9.0.1/30' },
          { name: 'GigabitEthernet0/0/2', mode: 'routed', address: '10.9.0.5/30' },
        ],
      }),
      dev('acc-1', 'huawei', 'S2700-26TP-SI', 'access', 5, {
        vlans: [10],
        ports: [{ name: 'GigabitEthernet0/0/1', mode: 'trunk', allowedVlans: [10] }, { name: 'Ethernet0/0/1', mode: 'access', vlan: 10 }],
      }),
    ],
    links: [
      { a: { device: 'hw-1', port: 'GigabitEthernet0/0/1' }, b: { device: 'rj-1', port: 'GigabitEthernet 0/1' }, speed: '1G' },
      { a: { device: 'hw-1', port: 'GigabitEthernet0/0/2' }, b: { device: 'hw-2', port: 'GigabitEthernet0/0/2' }, speed: '1G' },
      { a: { device: 'hw-1', port: 'GigabitEthernet0/0/3' }, b: { device: 'hw-2', port: 'GigabitEthernet0/0/3' }, speed: '1G' },
      { a: { device: 'up-1', port: 'XGigabitEthernet0/0/1' }, b: { device: 'hw-1', port: 'XGigabitEthernet0/0/1' }, speed: '10G' },
      { a: { device: 'up-1', port: 'GigabitEthernet0/0/2' }, b: { device: 'rj-1', port: 'GigabitEthernet 0/24' }, speed: '1G' },
      { a: { device: 'rj-1', port: 'GigabitEthernet 0/2' }, b: { device: 'acc-1', port: 'GigabitEthernet0/0/1' }, speed: '1G' },
      { a: { device: 'hw-1', port: 'GigabitEthernet0/0/24' }, b: { device: 'acc-1', port: 'GigabitEthernet0/0/2' }, speed: '1G' },
    ],
    vrrp: [
      {
        name: 'gw-10', vrid: 10, virtualIp: '10.0.10.1', preemptDelay: 20,
        members: [
          { device: 'hw-1', vlan: 10, priority: 120, track: [{ interface: 'XGigabitEthernet0/0/1', reduce: 30 }] },
          { device: 'rj-1', vlan: 10, priority: 100 },
        ],
      },
      {
        name: 'gw-20', vrid: 20, virtualIp: '10.0.20.1',
        members: [{ device: 'hw-1', vlan: 20, priority: 100 }, { device: 'rj-1', vlan: 20, priority: 100 }],
      },
    ],
  };
}

/** A settable clock starting at a fixed epoch. */
export function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; }, set: (ms) => { t = ms; } };
}
