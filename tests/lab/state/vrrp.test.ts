import { describe, expect, it } from 'vitest';
import { createLabNetwork, type VrrpChangeEvent } from '../../../src/lab/state/index.js';
import type { Topology } from '../../../src/model/index.js';
import { dev, fakeClock, miniTopology } from './fixtures.js';

function lab(topology = miniTopology()) {
  const clock = fakeClock();
  const net = createLabNetwork(topology, { clock: clock.now });
  const group = (device: string, vrid: number) => net.device(device).vrrpGroups().find((g) => g.vrid === vrid)!;
  return { clock, net, group };
}

describe('VRRP election', () => {
  it('a Huawei and a Ruijie switch elect together: highest priority is master, the other backup', () => {
    const { group } = lab();
    expect(group('hw-1', 10)).toMatchObject({
      state: 'Master', interface: 'Vlanif10', runningPriority: 120, primaryIp: '10.0.10.2', masterIp: '10.0.10.2',
      virtualIps: ['10.0.10.1'], virtualMac: '00:00:5e:00:01:0a', masterDevice: 'hw-1',
    });
    expect(group('rj-1', 10)).toMatchObject({
      state: 'Backup', interface: 'VLAN 10', runningPriority: 100, primaryIp: '10.0.10.3', masterIp: '10.0.10.2', masterDevice: 'hw-1',
    });
  });

  it('breaks a priority tie by the higher primary address', () => {
    const { group } = lab();
    expect(group('rj-1', 20).state).toBe('Master');
    expect(group('hw-1', 20)).toMatchObject({ state: 'Backup', masterIp: '10.0.20.3' });
  });

  it('fails over when the master’s tracked uplink goes down, after the backup’s preemption delay', () => {
    const { net, clock, group } = lab();
    const events: VrrpChangeEvent[] = [];
    net.on('vrrp', (e) => events.push(e));
    net.setLinkState({ device: 'hw-1', port: 'XGigabitEthernet0/0/1' }, false);
    const t0 = clock.now();
    expect(group('hw-1', 10)).toMatchObject({ state: 'Master', runningPriority: 90, trackedDown: ['XGigabitEthernet0/0/1'] });
    expect(group('rj-1', 10)).toMatchObject({ state: 'Backup', preemptAtMs: t0 + 20_000 });
    clock.advance(19_999);
    expect(group('rj-1', 10).state).toBe('Backup');
    clock.advance(1);
    expect(group('rj-1', 10)).toMatchObject({ state: 'Master', masterIp: '10.0.10.3', lastChangeMs: t0 + 20_000 });
    expect(group('hw-1', 10)).toMatchObject({ state: 'Backup', masterIp: '10.0.10.3', masterDevice: 'rj-1' });
    expect(events.map((e) => `${e.device} ${e.from}->${e.to}`)).toEqual(expect.arrayContaining(['rj-1 Backup->Master', 'hw-1 Master->Backup']));
  });

  it('honours the preemption delay when the higher-priority member recovers', () => {
    const { net, clock, group } = lab();
    net.setLinkState({ device: 'hw-1', port: 'XGigabitEthernet0/0/1' }, false);
    clock.advance(30_000);
    expect(group('rj-1', 10).state).toBe('Master');
    net.setLinkState({ device: 'hw-1', port: 'XGigabitEthernet0/0/1' }, true);
    expect(group('hw-1', 10)).toMatchObject({ state: 'Backup', runningPriority: 120 });
    clock.advance(10_000);
    expect(group('hw-1', 10).state).toBe('Backup');
    // the uplink flaps again: the wait starts over
    net.setLinkState({ device: 'hw-1', port: 'XGigabitEthernet0/0/1' }, false);
    net.setLinkState({ device: 'hw-1', port: 'XGigabitEthernet0/0/1' }, true);
    clock.advance(15_000);
    expect(group('hw-1', 10).state).toBe('Backup');
    clock.advance(5_000);
    expect(group('hw-1', 10).state).toBe('Master');
    expect(group('rj-1', 10).state).toBe('Backup');
  });

  it('takes over at once when the master itself is gone, and preempts back after the delay on return', () => {
    const { net, clock, group } = lab();
    net.setDeviceState('hw-1', false);
    expect(group('rj-1', 10).state).toBe('Master');
    expect(group('hw-1', 10).state).toBe('Initialize');
    clock.advance(5_000);
    net.setDeviceState('hw-1', true);
    expect(group('hw-1', 10).state).toBe('Backup');
    clock.advance(20_000);
    expect(group('hw-1', 10).state).toBe('Master');
  });

  it('a member whose VLAN has no up port stays in Initialize; the other becomes master', () => {
    const { net, group } = lab();
    net.device('hw-1').setSwitchport('Eth-Trunk1', { allowedVlans: [10, 20] }); // hw-1 keeps VLAN 20 over the trunk
    expect(group('rj-1', 20).state).toBe('Master');
    net.setLinkState({ device: 'rj-1', port: 'GigabitEthernet 0/1' }, false); // rj-1 loses VLAN 20
    expect(group('rj-1', 20)).toMatchObject({ state: 'Initialize', masterIp: '0.0.0.0' });
    expect(group('hw-1', 20)).toMatchObject({ state: 'Master', masterIp: '10.0.20.2' });
  });

  it('reports the groups on SVIs of any vendor and follows configuration changes', () => {
    const { net, group, clock } = lab();
    const rj1 = net.device('rj-1');
    rj1.setVrrp(rj1.vrrpConfig.map((v) => (v.vrid === 10 ? { ...v, priority: 150, preemptDelayS: 0 } : v)));
    expect(group('rj-1', 10).state).toBe('Master'); // no delay configured
    clock.advance(1);
    expect(group('hw-1', 10)).toMatchObject({ state: 'Backup', masterPriority: 150 });
  });

  it('treats the address owner as priority 255', () => {
    const t: Topology = miniTopology();
    t.vrrp![1]!.virtualIp = '10.0.20.2'; // hw-1's own address
    const { group } = lab(t);
    expect(group('hw-1', 20)).toMatchObject({ state: 'Master', runningPriority: 255 });
  });

  it('elects within a three-vendor-mixed group on a generated pair', () => {
    const t: Topology = {
      ...miniTopology(),
      devices: [
        dev('a', 'huawei', 'S9303', 'aggregation', 10, { svis: [{ vlan: 5, addresses: ['10.5.0.2/24'] }], ports: [{ name: 'GigabitEthernet1/0/0', mode: 'trunk', allowedVlans: [5] }] }),
        dev('b', 'ruijie', 'RG-S8610', 'core', 11, { svis: [{ vlan: 5, addresses: ['10.5.0.3/24'] }], ports: [{ name: 'GigabitEthernet 1/1', mode: 'trunk', allowedVlans: [5] }] }),
      ],
      links: [{ a: { device: 'a', port: 'GigabitEthernet1/0/0' }, b: { device: 'b', port: 'GigabitEthernet 1/1' } }],
      vrrp: [{ name: 'g', vrid: 5, virtualIp: '10.5.0.1', members: [{ device: 'a', vlan: 5, priority: 90 }, { device: 'b', vlan: 5, priority: 110 }] }],
    };
    const { group } = lab(t);
    expect(group('b', 5).state).toBe('Master');
    expect(group('a', 5)).toMatchObject({ state: 'Backup', masterIp: '10.5.0.3' });
  });
});
