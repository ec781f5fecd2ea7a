import { describe, expect, it } from 'vitest';
import {
  baselineConfig, createLabNetwork, isRejectedCommand, type ConfigChangeEvent, type DeviceOperConfig, type SnmpSetEvent,
} from '../../../src/lab/state/index.js';
import { fakeClock, miniTopology } from './fixtures.js';

function lab(config: 'topology' | 'baseline' = 'topology') {
  const clock = fakeClock();
  const net = createLabNetwork(miniTopology(), { clock: clock.now, config });
  return { clock, net, hw1: net.device('hw-1'), rj1: net.device('rj-1') };
}

describe('running and saved configuration', () => {
  it('keeps the text the CLI writes, counts versions and emits change events', () => {
    const { hw1 } = lab();
    const events: ConfigChangeEvent[] = [];
    hw1.on('change', (e) => events.push(e));
    expect(hw1.running).toBe('');
    const v0 = hw1.configVersion;
    hw1.running = '#\nsysname hw-1\n#\nreturn';
    expect(hw1.configVersion).toBe(v0 + 1);
    hw1.save();
    expect(hw1.saved).toBe(hw1.running);
    expect(events.map((e) => `${e.field}:${e.source}`)).toEqual(['running:cli', 'saved:cli']);
  });

  it('a reboot loses unsaved changes: running text and what it configured', () => {
    const { net, clock, hw1, rj1 } = lab();
    hw1.running = 'saved text';
    hw1.save();
    hw1.running = 'saved text\n description changed';
    hw1.setDescription('GigabitEthernet0/0/1', 'changed');
    hw1.setAdminStatus('GigabitEthernet0/0/1', false);
    hw1.ensureInterface('Vlanif99');
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(false);
    const reboots: string[] = [];
    net.on('reboot', (e) => reboots.push(e.device));
    clock.advance(90_000);
    net.reboot('hw-1');
    expect(reboots).toEqual(['hw-1']);
    expect(hw1.running).toBe('saved text');
    expect(hw1.interfaceConfig('GigabitEthernet0/0/1').description).toBe('to rj-1');
    expect(hw1.adminUp('GigabitEthernet0/0/1')).toBe(true);
    expect(hw1.interface('Vlanif99')).toBeUndefined();
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(true);
    expect(hw1.uptimeMs()).toBe(0);
    // the link flapped: the far end records the change
    expect(rj1.status('GigabitEthernet 0/1').lastChangeMs).toBe(clock.now());
  });

  it('bootWith sets the startup configuration a reboot returns to', () => {
    const { net, hw1 } = lab();
    hw1.bootWith('#\nsysname hw-1\n#\nreturn');
    expect(hw1.saved).toBe(hw1.running);
    hw1.running = 'changed';
    net.setDeviceState('hw-1', false);
    net.setDeviceState('hw-1', true);
    expect(hw1.running).toBe('#\nsysname hw-1\n#\nreturn');
  });

  it('save keeps changes across a reboot', () => {
    const { net, hw1 } = lab();
    hw1.setDescription('GigabitEthernet0/0/1', 'kept');
    hw1.save();
    net.reboot('hw-1');
    expect(hw1.interfaceConfig('GigabitEthernet0/0/1').description).toBe('kept');
  });

  it('derives the operational view from the text once the CLI registers an interpreter', () => {
    const { net, hw1, rj1 } = lab('baseline');
    expect(hw1.sysName).toBe('HUAWEI');
    expect(rj1.sysName).toBe('Ruijie');
    const interpret = (text: string): DeviceOperConfig => {
      const cfg = baselineConfig('huawei-vrp');
      cfg.sysName = /sysname (\S+)/.exec(text)?.[1] ?? 'HUAWEI';
      if (text.includes('shutdown')) cfg.interfaces['GigabitEthernet0/0/1'] = { shutdown: true, description: '', addresses: [] };
      return cfg;
    };
    hw1.setConfigInterpreter(interpret);
    hw1.running = 'sysname core-a\ninterface GigabitEthernet0/0/1\n shutdown';
    expect(hw1.sysName).toBe('core-a');
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(false);
    hw1.saved = 'sysname core-a';
    net.reboot('hw-1');
    expect(hw1.running).toBe('sysname core-a');
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(true);
  });

  it('creates and removes logical interfaces with stable ifIndex values', () => {
    const { hw1, rj1 } = lab();
    const v99 = hw1.ensureInterface('vlanif 99');
    expect(v99.name).toBe('Vlanif99');
    const trunk = hw1.ensureInterface('Eth-Trunk2');
    expect(trunk.ifIndex).toBe(v99.ifIndex + 1);
    hw1.removeInterface('Vlanif99');
    expect(hw1.interface('Vlanif99')).toBeUndefined();
    expect(hw1.ensureInterface('Vlanif99').ifIndex).toBe(v99.ifIndex);
    expect(rj1.ensureInterface('interface vlan 30'.replace('interface ', '')).ifIndex).toBe(4096 + 30);
    expect(rj1.ensureInterface('AggregatePort 3')).toMatchObject({ name: 'AggregatePort 3', ifName: 'Ag3' });
    expect(() => hw1.ensureInterface('GigabitEthernet9/9/9')).toThrow(/cannot create/);
  });

  it('moves ports in and out of a LAG', () => {
    const { net, hw1 } = lab();
    hw1.setLagMember('GigabitEthernet0/0/2', undefined);
    expect(hw1.lagMembers('Eth-Trunk1')).toEqual(['GigabitEthernet0/0/3']);
    expect(hw1.speedBps('Eth-Trunk1')).toBe(1e9);
    hw1.setLagMember('GigabitEthernet0/0/2', 1);
    expect(hw1.speedBps('Eth-Trunk1')).toBe(2e9);
    expect(net.device('hw-2').speedBps('Eth-Trunk1')).toBe(2e9);
  });
});

describe('faults', () => {
  it('stores the faults per device and reports them', () => {
    const { hw1 } = lab();
    const seen: unknown[] = [];
    hw1.on('faults', (e) => seen.push(e.faults));
    hw1.setFaults({ latencyMs: 200, rejectCommands: ['display version'], refuseAuth: true });
    expect(hw1.faults).toEqual({ latencyMs: 200, rejectCommands: ['display version'], refuseAuth: true });
    expect(isRejectedCommand(hw1.faults, '  DISPLAY   version ')).toBe(true);
    hw1.setFaults({ refuseAuth: false, latencyMs: undefined });
    expect(hw1.faults).toEqual({ rejectCommands: ['display version'] });
    hw1.clearFaults();
    expect(hw1.faults).toEqual({});
    expect(seen).toHaveLength(3);
  });

  it('`down` through setFaults is setDeviceState', () => {
    const { hw1, rj1 } = lab();
    hw1.setFaults({ down: true });
    expect(hw1.up).toBe(false);
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(false);
    hw1.clearFaults();
    expect(hw1.up).toBe(true);
    expect(rj1.operUp('GigabitEthernet 0/1')).toBe(true);
  });

  it('reports SNMP-originated changes for the CLI to mirror into the text', () => {
    const { hw1 } = lab();
    const sets: SnmpSetEvent[] = [];
    hw1.on('snmp-set', (e) => sets.push(e));
    hw1.setAdminStatus('GE0/0/1', false, 'snmp');
    hw1.setDescription('GE0/0/1', 'from snmp', 'snmp');
    hw1.setDescription('GE0/0/1', 'from cli');
    expect(sets).toEqual([
      { device: 'hw-1', object: 'ifAdminStatus', interface: 'GigabitEthernet0/0/1', value: false },
      { device: 'hw-1', object: 'ifAlias', interface: 'GigabitEthernet0/0/1', value: 'from snmp' },
    ]);
  });
});
