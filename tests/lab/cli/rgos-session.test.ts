/**
 * The simulated RGOS CLI against reference/ruijie-rgos.md §1: modes and prompts (the full
 * interface name in the sub-mode prompt), `exit`/`end`/Ctrl+Z, ` --More-- ` and `terminal length 0`,
 * the `%` errors, `no` forms, `write`, and configuration read back as `show running-config`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TOPOLOGIES, Terminal, makeLab, type Lab } from './helpers.js';

const DEVICE = 'host-agg-2'; // RG-S5750-24GT/12SFP
let lab: Lab;
let t: Terminal;

beforeEach(async () => {
  lab = makeLab(TOPOLOGIES.provincial, { devices: [DEVICE] });
  t = new Terminal(lab.cli(DEVICE));
  await t.start();
});

describe('RGOS session', () => {
  it('starts in user EXEC, `enable` reaches privileged EXEC, `configure terminal` the config modes', async () => {
    const fresh = new Terminal(lab.cli(DEVICE));
    expect(await fresh.start()).toBe('\r\nRuijie>');
    expect(await t.type('enable')).toBe('enable\r\nRuijie#');
    expect(await t.type('configure terminal')).toBe('configure terminal\r\nEnter configuration commands, one per line.  End with CNTL/Z.\r\nRuijie(config)#');
    expect(await t.type('hostname AGG-S5750-01')).toBe('hostname AGG-S5750-01\r\nAGG-S5750-01(config)#');
    expect(await t.type('interface GigabitEthernet 0/1')).toMatch(/AGG-S5750-01\(config-if-GigabitEthernet 0\/1\)#$/);
    expect(await t.type('int vlan 10')).toMatch(/AGG-S5750-01\(config-if-VLAN 10\)#$/);
    expect(await t.type('interface aggregateport 1')).toMatch(/AGG-S5750-01\(config-if-AggregatePort 1\)#$/);
    expect(await t.type('interface loopback 0')).toMatch(/AGG-S5750-01\(config-if-Loopback 0\)#$/);
    expect(await t.type('vlan 10')).toMatch(/AGG-S5750-01\(config-vlan\)#$/);
    expect(await t.type('ip vrf CUST_A')).toMatch(/AGG-S5750-01\(config-vrf\)#$/);
    expect(await t.type('line vty 0 4')).toMatch(/AGG-S5750-01\(config-line\)#$/);
    expect(await t.type('exit')).toMatch(/\r\nAGG-S5750-01\(config\)#$/);
    await t.type('interface gi0/2');
    expect(await t.type('end')).toMatch(/\r\nAGG-S5750-01#$/);
    await t.type('conf t');
    expect(await t.send('\x1a')).toBe('\r\nAGG-S5750-01#');
    expect(await t.type('disable')).toMatch(/AGG-S5750-01>$/);
    expect(await t.type('exit')).toBe('exit\r\n');
    expect(t.closed).toBe('quit');
  });

  it('prints the Cisco-style errors', async () => {
    await t.type('enable');
    await t.type('configure terminal');
    // `Ruijie(config)#` is 15 characters; the caret sits under the start of the bad word
    expect(await t.type('interfase vlan 10')).toBe(`interfase vlan 10\r\n${' '.repeat(15)}^\r\n% Invalid input detected at '^' marker.\r\nRuijie(config)#`);
    expect(await t.type('interface')).toBe('interface\r\n% Incomplete command.\r\nRuijie(config)#');
    expect(await t.type('vlan 5000')).toBe(`vlan 5000\r\n${' '.repeat(20)}^\r\n% Invalid input detected at '^' marker.\r\nRuijie(config)#`);
    await t.type('end');
    expect(await t.type('sh r')).toBe('sh r\r\n% Ambiguous command: "sh r"\r\nRuijie#');
    expect(await t.type('foo')).toBe('foo\r\n% Unknown command.\r\nRuijie#');
    expect(await t.type('show foo')).toBe(`show foo\r\n${' '.repeat(12)}^\r\n% Invalid input detected at '^' marker.\r\nRuijie#`);
    await t.type('disable');
    // configuration needs privileged EXEC
    expect(await t.type('configure terminal')).toBe('configure terminal\r\n% Unknown command.\r\nRuijie>');
  });

  it('pages with ` --More-- ` until `terminal length 0`', async () => {
    await t.type('enable');
    const first = (await t.type('show running-config')).split('\r\n');
    expect(first).toHaveLength(25);
    expect(first[24]).toBe(' --More-- ');
    const erase = `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`;
    expect(await t.send('q')).toBe(`${erase}Ruijie#`);
    expect(await t.type('terminal length 0')).toBe('terminal length 0\r\nRuijie#');
    const all = await t.lines('show running-config');
    expect(all.slice(0, 4)).toEqual(['', 'Building configuration...', expect.stringMatching(/^Current configuration : \d+ bytes$/), '']);
    expect(all[all.length - 1]).toBe('end');
  });

  it('configures through the CLI, `no` forms and side effects, `write` persists across a reboot', async () => {
    await t.type('enable');
    await t.type('terminal length 0');
    await t.type('configure terminal');
    for (const line of [
      'hostname agg-x', 'vlan 10', 'name USERS', 'exit', 'vlan 20',
      'ip vrf CUST_A', 'rd 65000:100', 'route-target both 65000:100', 'exit',
    ]) await t.type(line);
    expect(await t.type('interface range GigabitEthernet 0/1-2')).toMatch(/agg-x\(config-if-range\)#$/);
    for (const line of [
      'port-group 1 mode active',
      'interface aggregateport 1', 'description TO-CORE', 'switchport mode trunk', 'switchport trunk allowed vlan remove 1-4094', 'switchport trunk allowed vlan add 10,20',
      'interface vlan 10', 'ip address 10.1.10.2 255.255.255.0', 'ip vrf forwarding CUST_A',
    ]) {
      expect(await t.type(line), line).not.toMatch(/\r\n%(?! Interface)/);
    }
    // binding a VRF removes the address (§2.6)
    const running1 = lab.net.device(DEVICE).running;
    expect(running1).toContain('interface VLAN 10\n ip vrf forwarding CUST_A\n!');
    for (const line of ['ip address 10.1.10.2 255.255.255.0', 'vrrp 10 ip 10.1.10.1', 'vrrp 10 priority 120', 'vrrp 10 preempt delay 15', 'exit',
      'ip route vrf CUST_A 0.0.0.0 0.0.0.0 10.1.10.254', 'interface GigabitEthernet 0/5', 'no switchport', 'ip address 10.9.9.1 255.255.255.252']) {
      expect(await t.type(line), line).not.toContain('%');
    }
    await t.type('end');
    const running = lab.net.device(DEVICE).running;
    expect(running).toMatch(/^hostname agg-x\n!\nip vrf CUST_A\n rd 65000:100\n route-target export 65000:100\n route-target import 65000:100\n!\nvlan 1\n!\nvlan 10\n name USERS\n!\nvlan 20\n!\ninterface GigabitEthernet 0\/1\n port-group 1 mode active\n!\ninterface GigabitEthernet 0\/2\n port-group 1 mode active\n!/);
    expect(running).toContain('interface GigabitEthernet 0/5\n no switchport\n ip address 10.9.9.1 255.255.255.252\n!');
    expect(running).toContain('interface AggregatePort 1\n description TO-CORE\n switchport mode trunk\n switchport trunk allowed vlan remove 1-9,11-19,21-4094\n!\ninterface VLAN 10\n ip vrf forwarding CUST_A\n ip address 10.1.10.2 255.255.255.0\n vrrp 10 ip 10.1.10.1\n vrrp 10 preempt delay 15\n vrrp 10 priority 120\n!');
    expect(running).toMatch(/!\nip route vrf CUST_A 0\.0\.0\.0 0\.0\.0\.0 10\.1\.10\.254\n!\nline vty 0 4\n!\nend\n$/);
    expect(lab.net.device(DEVICE).lagMembers('AggregatePort 1')).toEqual(['GigabitEthernet 0/1', 'GigabitEthernet 0/2']);
    expect(await t.type('write')).toBe('write\r\nBuilding configuration...\r\n[OK]\r\nagg-x#');
    await t.type('configure terminal');
    await t.type('no vlan 20');
    expect(await t.type('no vlan 1')).toContain('% Default VLAN 1 can not be deleted.');
    await t.type('interface vlan 10');
    await t.type('no vrrp 10 priority');
    await t.type('end');
    expect(lab.net.device(DEVICE).running).not.toContain('vlan 20');
    expect(lab.net.device(DEVICE).running).not.toContain('vrrp 10 priority');
    lab.net.reboot(DEVICE);
    expect(lab.net.device(DEVICE).running).toContain('vlan 20');
    expect(lab.net.device(DEVICE).running).toContain('vrrp 10 priority 120');
  });

  it('encrypts clear-text passwords once `service password-encryption` is on, keeps secret tokens as typed', async () => {
    await t.type('enable');
    await t.type('configure terminal');
    await t.type('username ops privilege 15 password 0 S3cret!pass');
    await t.type('username dcnet privilege 15 password 0 {{secret:env:DCNET_RGOS_PASSWORD}}');
    expect(lab.net.device(DEVICE).running).toContain('username ops privilege 15 password 0 S3cret!pass');
    await t.type('service password-encryption');
    const running = lab.net.device(DEVICE).running;
    expect(running).not.toContain('S3cret!pass');
    expect(running).toMatch(/username ops privilege 15 password 7 [0-9a-f]+\n/);
    expect(running).toContain('username dcnet privilege 15 password 0 {{secret:env:DCNET_RGOS_PASSWORD}}');
  });
});
