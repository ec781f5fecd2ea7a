/**
 * The simulated VRP5 CLI against reference/huawei-vrp.md §1: login banner, prompts and views,
 * abbreviations, paging, the five parser errors with their caret, confirmations, save + reboot,
 * and configuration typed through the CLI read back in the device's format.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TOPOLOGIES, Terminal, makeLab, type Lab } from './helpers.js';

const DEVICE = 'core-1';
let lab: Lab;
let t: Terminal;

async function toSystemView(): Promise<void> {
  await t.type('system-view');
}

beforeEach(async () => {
  lab = makeLab(TOPOLOGIES.provincial, { devices: [DEVICE] });
  t = new Terminal(lab.cli(DEVICE));
  await t.start();
});

describe('VRP session', () => {
  it('greets with the VTY banner and the user-view prompt, no newline after it', async () => {
    const fresh = new Terminal(lab.cli(DEVICE));
    const out = await fresh.start();
    expect(out).toMatch(/^Info: The max number of VTY users is 10, and the number\r\n {6}of current VTY users on line is \d+\.\r\n {6}The current login time is 2026-04-22 10:12:22\+00:00\.\r\n\r\n<HUAWEI>$/);
  });

  it('echoes each line, ends lines with CRLF and prints the prompt last', async () => {
    expect(await t.type('system-view')).toBe('system-view\r\nEnter system view, return user view with Ctrl+Z.\r\n[HUAWEI]');
  });

  it('moves between views: system, sub-views, sub-view to sub-view, quit, return, Ctrl+Z', async () => {
    await toSystemView();
    expect(await t.type('sysname CORE1')).toBe('sysname CORE1\r\n[CORE1]');
    expect(await t.type('interface Vlanif10')).toMatch(/\[CORE1-Vlanif10\]$/);
    expect(await t.type('interface Vlanif 20')).toMatch(/\[CORE1-Vlanif20\]$/);
    expect(await t.type('quit')).toMatch(/\[CORE1\]$/);
    expect(await t.type('interface Eth-Trunk1')).toMatch(/\[CORE1-Eth-Trunk1\]$/);
    expect(await t.type('interface GigabitEthernet 1/0/1')).toMatch(/\[CORE1-GigabitEthernet1\/0\/1\]$/);
    expect(await t.type('vlan 10')).toMatch(/\[CORE1-vlan10\]$/);
    expect(await t.type('ip vpn-instance finance')).toMatch(/\[CORE1-vpn-instance-finance\]$/);
    expect(await t.type('ipv4-family')).toMatch(/\[CORE1-vpn-instance-finance-af-ipv4\]$/);
    expect(await t.type('route-distinguisher 65000:1')).toMatch(/\[CORE1-vpn-instance-finance-af-ipv4\]$/);
    expect(await t.type('bgp 65000')).toMatch(/\[CORE1-bgp\]$/);
    expect(await t.type('ipv4-family vpnv4')).toMatch(/\[CORE1-bgp-af-vpnv4\]$/);
    expect(await t.type('ipv4-family vpn-instance finance')).toMatch(/\[CORE1-bgp-finance\]$/);
    expect(await t.type('aaa')).toMatch(/\[CORE1-aaa\]$/);
    expect(await t.type('user-interface vty 0 4')).toMatch(/\[CORE1-ui-vty0-4\]$/);
    expect(await t.type('return')).toMatch(/\r\n<CORE1>$/);
    await toSystemView();
    await t.type('interface LoopBack0');
    expect(await t.send('\x1a')).toBe('\r\n<CORE1>');
    expect(await t.type('quit')).toBe('quit\r\n');
    expect(t.closed).toBe('quit');
  });

  it('accepts unambiguous abbreviations and canonicalises what it stores', async () => {
    expect(await t.type('sys')).toMatch(/\[HUAWEI\]$/);
    await t.type('int vlanif 30');
    await t.type('ip add 10.1.30.2 24');
    await t.type('desc users of floor 3');
    await t.type('q');
    const out = await t.type('dis cur int Vlanif30');
    expect(out).toBe('dis cur int Vlanif30\r\n#\r\ninterface Vlanif30\r\n description users of floor 3\r\n ip address 10.1.30.2 255.255.255.0\r\n#\r\nreturn\r\n[HUAWEI]');
    expect(await t.type('dis lldp nei br')).toMatch(/^dis lldp nei br\r\nLocal Intf {4}Neighbor Dev/);
  });

  it('prints the five parser errors with the caret under the offending word (gnetcli placement)', async () => {
    await toSystemView();
    await t.type('sysname lab-vla-1s1');
    await t.type('return');
    // prompt `<lab-vla-1s1>` is 13 characters
    expect(await t.type('nonsense')).toBe(`nonsense\r\n${' '.repeat(13)}^\r\nError: Unrecognized command found at '^' position.\r\n<lab-vla-1s1>`);
    expect(await t.type('display nonexistent')).toBe(`display nonexistent\r\n${' '.repeat(21)}^\r\nError: Unrecognized command found at '^' position.\r\n<lab-vla-1s1>`);
    expect(await t.type('dispaly version')).toContain(`\r\n${' '.repeat(13)}^\r\nError: Unrecognized command found at '^' position.\r\n`);
    await toSystemView();
    // `[lab-vla-1s1]` is 13 characters; an incomplete command puts the caret one past its last character
    expect(await t.type('interface')).toBe(`interface\r\n${' '.repeat(13 + 9)}^\r\nError: Incomplete command found at '^' position.\r\n[lab-vla-1s1]`);
    expect(await t.type('vlan 5000')).toBe(`vlan 5000\r\n${' '.repeat(13 + 5)}^\r\nError: Wrong parameter found at '^' position.\r\n[lab-vla-1s1]`);
    expect(await t.type('sysname a b')).toBe(`sysname a b\r\n${' '.repeat(13 + 10)}^\r\nError: Too many parameters found at '^' position.\r\n[lab-vla-1s1]`);
    expect(await t.type('s')).toBe(`s\r\n${' '.repeat(13)}^\r\nError: Ambiguous command found at '^' position.\r\n[lab-vla-1s1]`);
    // a command of another view is unrecognized
    expect(await t.type('port link-type trunk')).toContain("Error: Unrecognized command found at '^' position.");
    // the caret follows leading blanks (an indented configuration line)
    await t.type('interface Vlanif10');
    expect(await t.type(' ip adress 10.1.1.1 24')).toBe(` ip adress 10.1.1.1 24\r\n${' '.repeat('[lab-vla-1s1-Vlanif10]'.length + 4)}^\r\nError: Unrecognized command found at '^' position.\r\n[lab-vla-1s1-Vlanif10]`);
  });

  it('pages with `  ---- More ----` until `screen-length 0 temporary`', async () => {
    const first = await t.type('display current-configuration');
    const lines = first.split('\r\n');
    expect(lines[0]).toBe('display current-configuration');
    expect(lines).toHaveLength(25); // echo + 23 lines + the pager
    expect(lines[24]).toBe('  ---- More ----');
    const erase = '\x1b[16D                \x1b[16D';
    const one = await t.send('\r');
    expect(one.startsWith(erase)).toBe(true);
    expect(one.slice(erase.length).split('\r\n')).toHaveLength(2);
    const page = await t.send(' ');
    expect(page.slice(erase.length).split('\r\n')).toHaveLength(24);
    const quit = await t.send('q');
    expect(quit).toBe(`${erase}<HUAWEI>`);
    expect(await t.type('screen-length 0 temporary')).toBe('screen-length 0 temporary\r\nInfo: The configuration takes effect on the current user terminal interface only.\r\n<HUAWEI>');
    const all = await t.type('display current-configuration');
    expect(all).not.toContain('---- More ----');
    expect(all).toMatch(/\r\n!Software Version V200R010C00SPC600\r\n#\r\nsysname HUAWEI\r\n/);
    expect(all).toMatch(/\r\nreturn\r\n<HUAWEI>$/);
  });

  it('asks before saving, blocks until answered, and reboot restores the saved configuration', async () => {
    await toSystemView();
    await t.type('sysname SAVED');
    await t.type('return');
    const q = await t.type('save');
    expect(q).toBe('save\r\nWarning: The current configuration will be written to the device. Continue? [Y/N]:');
    expect(await t.type('y')).toBe('y\r\nNow saving the current configuration to the slot 0 .\r\nInfo: Save the configuration successfully.\r\n<SAVED>');
    await toSystemView();
    await t.type('sysname UNSAVED');
    await t.type('vlan batch 10 20');
    expect(lab.net.device(DEVICE).running).toContain('sysname UNSAVED');
    expect(await t.type('return')).toMatch(/<UNSAVED>$/);
    expect(await t.type('save')).toMatch(/\[Y\/N\]:$/);
    expect(await t.type('n')).toBe('n\r\nInfo: The operation has been cancelled.\r\n<UNSAVED>');
    lab.net.reboot(DEVICE);
    expect(t.closed).toBe('drop');
    const t2 = new Terminal(lab.cli(DEVICE));
    expect(await t2.start()).toMatch(/<SAVED>$/);
    expect(lab.net.device(DEVICE).running).not.toContain('vlan batch 10 20');
    expect((await t2.lines('display saved-configuration')).join('\n')).toContain('sysname SAVED');
  });

  it('configures through the CLI and reads it back in the canonical order and format', async () => {
    await t.type('screen-length 0 temporary');
    await toSystemView();
    for (const line of [
      'sysname core-x', 'vlan batch 100 to 110 10', 'vlan 10', 'description users', 'quit',
      'ip vpn-instance finance', 'ipv4-family', 'route-distinguisher 65000:101', 'vpn-target 65000:101 both', 'quit', 'quit',
      'interface Eth-Trunk1', 'port link-type trunk', 'undo port trunk allow-pass vlan 1', 'port trunk allow-pass vlan 10 100 to 105', 'mode lacp-static',
      'interface XGigabitEthernet3/0/0', 'eth-trunk 1', 'quit',
      'interface Vlanif10', 'ip binding vpn-instance finance', 'ip address 10.1.10.2 255.255.255.0', 'vrrp vrid 10 virtual-ip 10.1.10.1',
      'vrrp vrid 10 priority 120', 'vrrp vrid 10 preempt-mode timer delay 20', 'description users gateway', 'quit',
      'ip route-static vpn-instance finance 0.0.0.0 0 10.1.10.254 description default',
    ]) {
      const out = await t.type(line);
      expect(out, line).not.toContain('Error');
    }
    await t.type('return');
    const running = lab.net.device(DEVICE).running;
    expect(running).toContain('#\nsysname core-x\n#\nvlan batch 10 100 to 110\n#\nip vpn-instance finance\n ipv4-family\n  route-distinguisher 65000:101\n  vpn-target 65000:101 export-extcommunity\n  vpn-target 65000:101 import-extcommunity\n#\nvlan 10\n description users\n#\n');
    expect(running).toContain('interface Vlanif10\n description users gateway\n ip binding vpn-instance finance\n ip address 10.1.10.2 255.255.255.0\n vrrp vrid 10 virtual-ip 10.1.10.1\n vrrp vrid 10 priority 120\n vrrp vrid 10 preempt-mode timer delay 20\n#\ninterface Eth-Trunk1\n port link-type trunk\n undo port trunk allow-pass vlan 1\n port trunk allow-pass vlan 10 100 to 105\n mode lacp-static\n#\n');
    expect(running).toContain('interface XGigabitEthernet3/0/0\n eth-trunk 1\n#');
    expect(running).toMatch(/#\nip route-static vpn-instance finance 0\.0\.0\.0 0\.0\.0\.0 10\.1\.10\.254 description default\n#\nreturn\n$/);
    // the state sees it: the VRRP group and the trunk member
    expect(lab.net.device(DEVICE).vrrpConfig.map((v) => [v.interface, v.vrid, v.priority, v.preemptDelayS])).toEqual([['Vlanif10', 10, 120, 20]]);
    expect(lab.net.device(DEVICE).lagMembers('Eth-Trunk1')).toEqual(['XGigabitEthernet3/0/0']);
  });

  it('has the side effects of the real device', async () => {
    await toSystemView();
    await t.type('ip vpn-instance A');
    await t.type('route-distinguisher 1:1');
    // the RD cannot be changed in place
    expect(await t.type('route-distinguisher 1:2')).toContain('Error: The route-distinguisher has been configured');
    expect(await t.type('undo route-distinguisher')).toMatch(/Warning: All the VPN targets in the VPN instance IPv4 address family will be deleted\. Continue\? \[Y\/N\]:$/);
    await t.type('y');
    expect(await t.type('route-distinguisher 1:2')).not.toContain('Error');
    await t.type('quit');
    await t.type('interface Vlanif20');
    await t.type('ip address 10.2.0.1 24');
    await t.type('ip address 10.3.0.1 24 sub');
    // binding a VPN instance removes the addresses (§2.7)
    expect(await t.type('ip binding vpn-instance A')).toBe('ip binding vpn-instance A\r\nInfo: All IPv4 related configurations on this interface are removed!\r\n[HUAWEI-Vlanif20]');
    expect((await t.lines('display this')).join('\n')).toBe('#\ninterface Vlanif20\n ip binding vpn-instance A\n#\nreturn');
    expect(await t.type('ip binding vpn-instance NOPE')).toContain('Error: The VPN instance does not exist.');
    await t.type('quit');
    expect(await t.type('undo vlan 1')).toContain('Error: Default VLAN 1 cannot be deleted.');
    // a port joins a VLAN that exists only
    await t.type('interface GigabitEthernet1/0/5');
    await t.type('port link-type access');
    expect(await t.type('port default vlan 77')).toContain('Error: The VLAN does not exist.');
    // a system-view command typed in a sub-view runs in the system view, which the session drops to
    expect(await t.type('vlan batch 77')).toMatch(/\r\n\[HUAWEI\]$/);
    await t.type('interface GigabitEthernet1/0/5');
    expect(await t.type('port default vlan 77')).not.toContain('Error');
    // `shutdown` takes the port administratively down in the state
    await t.type('shutdown');
    expect(lab.net.device(DEVICE).status('GigabitEthernet1/0/5').adminUp).toBe(false);
    await t.type('undo shutdown');
    expect(lab.net.device(DEVICE).status('GigabitEthernet1/0/5').adminUp).toBe(true);
    // undo bgp asks
    await t.type('bgp 65000');
    await t.type('quit');
    expect(await t.type('undo bgp')).toMatch(/Warning: The BGP process will be deleted\. Continue\? \[Y\/N\]:$/);
    await t.type('y');
    expect(lab.net.device(DEVICE).running).not.toContain('bgp 65000');
  });

  it('mirrors SNMP SETs (ifAdminStatus, ifAlias, sysName) into the running configuration', async () => {
    const device = lab.net.device(DEVICE);
    device.setAdminStatus('GigabitEthernet1/0/7', false, 'snmp');
    device.setDescription('GigabitEthernet1/0/7', 'set over SNMP', 'snmp');
    device.setSysName('snmp-named', 'snmp');
    expect(device.running).toContain('#\ninterface GigabitEthernet1/0/7\n description set over SNMP\n shutdown\n#');
    expect(device.running).toContain('#\nsysname snmp-named\n#');
    expect(device.status('GigabitEthernet1/0/7').adminUp).toBe(false);
    expect(await t.type('')).toBe('\r\n<snmp-named>');
  });

  it('filters display output through `| include`, `| exclude`, `| begin`', async () => {
    await t.type('screen-length 0 temporary');
    expect(await t.lines('display current-configuration | include sysname')).toEqual(['sysname HUAWEI']);
    const begin = await t.lines('display current-configuration | begin NULL0');
    expect(begin[0]).toBe('interface NULL0');
    expect(await t.lines('display current-configuration | exclude ^(interface|#|!|sysname|return)')).toEqual([]);
  });

  it('edits the line: backspace, Ctrl+C, arrow keys', async () => {
    expect(await t.send('sysx\x7f')).toBe('sysx\b \b');
    expect(await t.send('tem-view\r')).toBe('tem-view\r\nEnter system view, return user view with Ctrl+Z.\r\n[HUAWEI]');
    expect(await t.send('garbage\x03')).toBe('garbage\r\n[HUAWEI]');
    expect(await t.send('\x1b[Aquit\r')).toBe('quit\r\n<HUAWEI>');
  });
});
