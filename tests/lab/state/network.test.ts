import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../../src/model/index.js';
import { createLabNetwork, type OperChangeEvent } from '../../../src/lab/state/index.js';
import { fakeClock, miniTopology } from './fixtures.js';

const TOPOLOGIES = resolve(import.meta.dirname, '../../../topology');

function lab() {
  const clock = fakeClock();
  const net = createLabNetwork(miniTopology(), { clock: clock.now });
  return { clock, net, hw1: net.device('hw-1'), hw2: net.device('hw-2'), rj1: net.device('rj-1'), up1: net.device('up-1'), acc1: net.device('acc-1') };
}

describe('identity and inventory', () => {
  it('numbers VRP interfaces as the S-series walks do and names them in full', () => {
    const { hw1 } = lab();
    const first = hw1.interfaces().slice(0, 6).map((i) => [i.ifIndex, i.name, i.ifType]);
    expect(first).toEqual([
      [1, 'InLoopBack0', 24], [2, 'NULL0', 1], [3, 'Console9/0/0', 1], [4, 'MEth0/0/1', 6], [5, 'Vlanif1', 53],
      [6, 'GigabitEthernet0/0/1', 6],
    ]);
    expect(hw1.interface('XGigabitEthernet0/0/1')!.ifIndex).toBe(30); // 24 GE + 2 XGE after index 5
    const trunk = hw1.interface('Eth-Trunk1')!;
    expect(trunk.ifType).toBe(161);
    expect(trunk.ifIndex).toBeGreaterThan(31);
    expect(hw1.interface('Vlanif10')!.ifName).toBe('Vlanif10');
    expect(hw1.interface('GE0/0/1')!.name).toBe('GigabitEthernet0/0/1');
    expect(hw1.interface('lag:1')!.name).toBe('Eth-Trunk1');
  });

  it('numbers RGOS interfaces as the Ruijie walks do, with short ifNames', () => {
    const { rj1 } = lab();
    expect(rj1.interface('GigabitEthernet 0/1')).toMatchObject({ ifIndex: 1, ifName: 'Gi0/1', ifType: 6 });
    expect(rj1.interface('VLAN 10')).toMatchObject({ ifIndex: 4106, ifName: 'Vl10', ifType: 136 });
    expect(rj1.interface('Mgmt 0')!.ifIndex).toBe(4095);
    expect(rj1.interface('Null 0')!.ifIndex).toBe(4096);
    expect(rj1.interface('gigabitethernet0/2')!.name).toBe('GigabitEthernet 0/2');
    expect(rj1.interface('Gi0/24')!.name).toBe('GigabitEthernet 0/24');
  });

  it('gives each model its sysDescr and sysObjectID', () => {
    const { hw1, rj1, acc1 } = lab();
    expect(hw1.sysObjectId).toBe('1.3.6.1.4.1.2011.2.23.140');
    expect(hw1.sysDescr).toBe('S5700-28C-EI\nHuawei Versatile Routing Platform Software \r\n VRP (R) software,Version 5.170 (S5700 V200R010C00SPC600) \r\n Copyright (C) 2007 Huawei Technologies Co., Ltd.');
    expect(hw1.sysDescr).toMatch(/\((?<hardware>[^)]+) (?<version>V[0-9]{3}R[0-9]{3}[0-9A-Z]+)/); // LibreNMS's regex
    expect(rj1.sysObjectId).toBe('1.3.6.1.4.1.4881.1.1.10.1.41');
    expect(rj1.sysDescr).toMatch(/^Ruijie .*\(S5750-24GT\/12SFP\) By Ruijie Networks$/);
    expect(acc1.sysDescr).toContain('VRP (R) software,Version 5.70 (S2700 V100R006C05)');
    expect(hw1.sysName).toBe('hw-1');
    expect(hw1.identity.baseMac).toMatch(/^48:8e:ef(:[0-9a-f]{2}){3}$/);
    expect(rj1.identity.baseMac).toMatch(/^58:69:6c/);
    expect(createLabNetwork(miniTopology()).device('hw-1').identity.baseMac).toBe(hw1.identity.baseMac);
  });

  it('counts uptime from the clock', () => {
    const { clock, hw1 } = lab();
    clock.advance(12_345);
    expect(hw1.uptimeTicks()).toBe(1234);
  });
});

describe('oper status', () => {
  it('a link down takes both ends down, and back up', () => {
    const { net, hw1, rj1 } = lab();
    expect(hw1.operUp('GigabitEthernet0/0/1')).toBe(true);
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(true);
    const events: OperChangeEvent[] = [];
    net.on('oper', (e) => events.push(e));
    net.setLinkState({ device: 'rj-1', port: 'Gi0/1' }, false);
    expect(hw1.operUp('GigabitEthernet0/0/1')).toBe(false);
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(false);
    expect(hw1.adminUp('GigabitEthernet0/0/1')).toBe(true);
    expect(events.map((e) => `${e.device} ${e.interface} ${e.up}`)).toEqual(
      expect.arrayContaining(['hw-1 GigabitEthernet0/0/1 false', 'rj-1 GigabitEthernet 0/1 false']),
    );
    net.setLinkState('hw-1:GigabitEthernet0/0/1--rj-1:GigabitEthernet 0/1', true);
    expect(hw1.operUp('GigabitEthernet0/0/1')).toBe(true);
  });

  it('a port shut down takes the far end down; unlinked ports are down', () => {
    const { hw1, acc1 } = lab();
    expect(hw1.adminUp('GigabitEthernet0/0/24')).toBe(false); // shutdown in the topology
    expect(acc1.operUp('GigabitEthernet0/0/2')).toBe(false);
    hw1.setAdminStatus('GigabitEthernet0/0/24', true);
    expect(acc1.operUp('GigabitEthernet0/0/2')).toBe(true);
    expect(hw1.operUp('GigabitEthernet0/0/5')).toBe(false);
  });

  it('a LAG is up while any member is, at the sum of the up members’ speed', () => {
    const { net, hw1, hw2 } = lab();
    expect(hw1.status('Eth-Trunk1')).toMatchObject({ operUp: true, speedBps: 2e9 });
    net.setLinkState({ device: 'hw-1', port: 'GigabitEthernet0/0/2' }, false);
    expect(hw1.status('Eth-Trunk1')).toMatchObject({ operUp: true, speedBps: 1e9 });
    expect(hw2.speedBps('Eth-Trunk1')).toBe(1e9);
    net.setLinkState({ device: 'hw-1', port: 'GigabitEthernet0/0/3' }, false);
    expect(hw1.status('Eth-Trunk1')).toMatchObject({ operUp: false, speedBps: 0 });
    expect(hw1.lagMembers('Eth-Trunk1')).toEqual(['GigabitEthernet0/0/2', 'GigabitEthernet0/0/3']);
  });

  it('an SVI is up while a port carrying its VLAN is up', () => {
    const { net, hw1 } = lab();
    expect(hw1.operUp('Vlanif20')).toBe(true); // carried by GE0/0/1 only
    net.setLinkState({ device: 'hw-1', port: 'GigabitEthernet0/0/1' }, false);
    expect(hw1.operUp('Vlanif20')).toBe(false);
    expect(hw1.operUp('Vlanif10')).toBe(true); // still carried by Eth-Trunk1
    expect(hw1.operUp('LoopBack0')).toBe(true);
  });

  it('a device down takes its links’ far ends down; back up it boots', () => {
    const { net, clock, hw1, rj1, up1 } = lab();
    clock.advance(60_000);
    net.setDeviceState('hw-1', false);
    expect(hw1.up).toBe(false);
    expect(hw1.faults.down).toBe(true);
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(false);
    expect(up1.operUp('XGigabitEthernet0/0/1')).toBe(false);
    expect(hw1.operUp('LoopBack0')).toBe(false);
    expect(rj1.lldpNeighbors().map((n) => n.neighborDevice)).not.toContain('hw-1');
    clock.advance(1000);
    net.setDeviceState('hw-1', true);
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(true);
    expect(hw1.uptimeMs()).toBe(0);
    expect(rj1.status('GigabitEthernet 0/1').lastChangeMs).toBe(clock.now());
  });
});

describe('counters', () => {
  it('grow with clock time as 64-bit BigInts, mirrored at the far end', () => {
    const { net, clock, hw1, rj1 } = lab();
    net.setTraffic({ device: 'hw-1', port: 'GigabitEthernet0/0/1' }, { out: 800e6, in: 80e6 });
    clock.advance(10_000);
    const c = hw1.counters('GigabitEthernet0/0/1');
    expect(typeof c.outOctets).toBe('bigint');
    expect(c.outOctets).toBe(1_000_000_000n); // 800 Mb/s · 10 s / 8
    expect(c.inOctets).toBe(100_000_000n);
    expect(rj1.counters('GigabitEthernet 0/1').inOctets).toBe(1_000_000_000n);
    expect(c.outUcastPkts).toBeGreaterThan(0n);
    expect(c.outMulticastPkts).toBeLessThan(c.outUcastPkts);
  });

  it('pass 2^32 and keep going, deterministic from time', () => {
    const { net, clock, hw1 } = lab();
    net.setTraffic({ device: 'up-1', port: 'XGigabitEthernet0/0/1' }, 10e9);
    clock.advance(3600_000);
    expect(hw1.counters('XGigabitEthernet0/0/1').inOctets).toBe(4_500_000_000_000n);
    const again = createLabNetwork(miniTopology(), { clock: () => 1_700_000_000_000 });
    again.setTraffic({ device: 'up-1', port: 'XGigabitEthernet0/0/1' }, 10e9);
    expect(again.device('hw-1').counters('XGigabitEthernet0/0/1', 1_700_003_600_000).inOctets).toBe(4_500_000_000_000n);
  });

  it('stop while the link is down and sum over LAG members', () => {
    const { net, clock, hw1 } = lab();
    net.setTraffic({ device: 'hw-1', port: 'Eth-Trunk1' }, 1e9); // spread over both members
    clock.advance(8_000);
    expect(hw1.counters('GigabitEthernet0/0/2').outOctets).toBe(500_000_000n);
    expect(hw1.counters('Eth-Trunk1').outOctets).toBe(1_000_000_000n);
    net.setLinkState({ device: 'hw-1', port: 'GigabitEthernet0/0/2' }, false);
    clock.advance(8_000);
    expect(hw1.counters('GigabitEthernet0/0/2').outOctets).toBe(500_000_000n);
    expect(hw1.counters('Eth-Trunk1').outOctets).toBe(1_500_000_000n);
  });

  it('restart from zero on the rebooted end only', () => {
    const { net, clock, hw1, rj1 } = lab();
    net.setTraffic({ device: 'hw-1', port: 'GigabitEthernet0/0/1' }, 8e6);
    clock.advance(1000);
    net.reboot('hw-1');
    expect(hw1.counters('GigabitEthernet0/0/1').outOctets).toBe(0n);
    expect(rj1.counters('GigabitEthernet 0/1').inOctets).toBe(1_000_000n);
    clock.advance(1000);
    expect(hw1.counters('GigabitEthernet0/0/1').outOctets).toBe(1_000_000n);
  });
});

describe('LLDP', () => {
  it('lists a neighbour per cabled port whose link is up at both ends', () => {
    const { net, hw1, rj1 } = lab();
    const n = hw1.lldpNeighbors().find((x) => x.localPort === 'GigabitEthernet0/0/1')!;
    expect(n).toMatchObject({
      neighborDevice: 'rj-1', neighborSysName: 'rj-1', neighborPort: 'GigabitEthernet 0/1', portId: 'Gi0/1',
      chassisId: rj1.identity.baseMac, localPortNum: 1, managementAddress: '10.255.0.3',
    });
    expect(rj1.lldpNeighbors().find((x) => x.localPort === 'GigabitEthernet 0/1')).toMatchObject({ neighborSysName: 'hw-1', portId: 'GigabitEthernet0/0/1' });
    expect(hw1.lldpNeighbors().map((x) => x.localPort)).not.toContain('GigabitEthernet0/0/24'); // shut
    net.setLinkState({ device: 'hw-1', port: 'GigabitEthernet0/0/1' }, false);
    expect(hw1.lldpNeighbors().map((x) => x.localPort)).not.toContain('GigabitEthernet0/0/1');
  });
});

describe('reference topologies', () => {
  for (const name of ['city-extranet', 'provincial-dc']) {
    it(`${name} boots with every link up and one master per VRRP group`, () => {
      const loaded = loadTopology(resolve(TOPOLOGIES, name));
      expect(loaded.schemaValid).toBe(true);
      const net = createLabNetwork(loaded.topology, { clock: fakeClock().now });
      expect(net.devices.size).toBe(loaded.topology.devices.length);
      for (const link of net.links.values()) {
        const shut = [link.a, link.b].some((e) => !net.device(e.device).adminUp(e.port));
        expect(link.active, link.id).toBe(!shut);
      }
      const masters = new Map<string, number>();
      for (const d of net.devices.values()) {
        for (const g of d.vrrpGroups()) {
          const k = `${g.vlan}/${g.vrid}`;
          masters.set(k, (masters.get(k) ?? 0) + (g.state === 'Master' ? 1 : 0));
        }
      }
      expect(masters.size).toBe(new Set((loaded.topology.vrrp ?? []).map((g) => `${g.members[0]!.vlan}/${g.vrid}`)).size);
      for (const [k, n] of masters) expect(n, k).toBe(1);
    });
  }
});
