/**
 * display / show outputs in the real formats: every line is checked against the patterns that
 * ntc-templates-style parsers use (the huawei_vrp templates), and headers against the real captures
 * in tests/fixtures/devices (a missing capture fails the test). The values come from the state: a port shut through the CLI
 * is `*down`, VRRP fails over when the master's tracked uplinks go down.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDeviceFixture } from '../../support/device-fixtures.js';
import { TOPOLOGIES, Terminal, makeLab, type Lab } from './helpers.js';

let lab: Lab;
const terms = new Map<string, Terminal>();

async function term(device: string): Promise<Terminal> {
  let t = terms.get(device);
  if (!t) {
    t = new Terminal(lab.cli(device));
    await t.start();
    await t.type(device.startsWith('host-agg-2') ? 'enable' : 'screen-length 0 temporary');
    if (device.startsWith('host-agg-2')) await t.type('terminal length 0');
    terms.set(device, t);
  }
  return t;
}

beforeAll(() => {
  lab = makeLab(TOPOLOGIES.provincial, { configured: true });
});

/** Every line matches one of the patterns (a template's Start state, with `^. -> Error`). */
function expectParsable(lines: string[], patterns: RegExp[]): void {
  for (const l of lines) expect(patterns.some((p) => p.test(l)), `unparsable line: ${JSON.stringify(l)}`).toBe(true);
}

describe('VRP displays', () => {
  it('display interface brief: the template parses every row; the header is the capture\'s', async () => {
    const out = await (await term('core-1')).lines('display interface brief');
    const captured = readDeviceFixture('ntc-templates/huawei_vrp/display_interface_brief/huawei_vrp_display_interface_brief.raw');
    const header = captured.split('\n').find((l) => l.startsWith('Interface '));
    expect(header).toMatch(/^Interface +PHY +Protocol +InUti +OutUti +inErrors +outErrors/);
    expect(out).toContain(header);
    const row = /^\s*(\S+)\s+(down|\*down|up|up\(s\))\s+(down|\*down|up|up\(s\))\s+(\d*\.?\d*%|--)\s+(\d*\.?\d*%|--)\s+(\d+)\s+(\d+)/;
    expectParsable(out, [row, /^PHY:\s+Physical/, /^(?:\*|\^|#)down:/, /^\(\w+\):\s+\S+/, /^InUti\/OutUti:/, /^Interface\s+PHY\s+Protocol\s+InUti\s+OutUti\s+inErrors\s+outErrors\s*$/, /^\s*$/]);
    expect(out).toContain('Eth-Trunk1                  up    up           0%     0%          0          0');
    expect(out).toContain('  XGigabitEthernet3/0/0     up    up           0%     0%          0          0');
    expect(out).toContain('NULL0                       up    up(s)        --     --          0          0');
    expect(out).toContain('LoopBack0                   up    up(s)        --     --          0          0');
  });

  it('a port shut through the CLI is `*down`, and its neighbour sees the link down', async () => {
    const t = await term('core-1');
    await t.type('system-view');
    await t.type('interface XGigabitEthernet3/0/1');
    await t.type('shutdown');
    await t.type('return');
    expect(await t.lines('display interface brief')).toContain('XGigabitEthernet3/0/1       *down down         0%     0%          0          0');
    const far = await (await term('wan-agg-1')).lines('display interface brief');
    expect(far.find((l) => l.startsWith('XGigabitEthernet2/0/0 '))).toMatch(/^XGigabitEthernet2\/0\/0\s+down\s+down/);
    await t.type('system-view');
    await t.type('interface XGigabitEthernet3/0/1');
    await t.type('undo shutdown');
    await t.type('return');
  });

  it('display version parses (version, product, model, uptime)', async () => {
    lab.clock.now += (3 * 24 * 60 + 125) * 60_000;
    const out = await (await term('core-1')).lines('display version');
    const all = out.join('\n');
    expect(all).toMatch(/^.*software,\s+Version\s+5\.170\s+\(S9300 V200R010C00SPC600\)$/m);
    expect(all).toMatch(/^HUAWEI\s+S9312 Terabit Routing Switch\s+uptime\s+is\s+0 week, 3 days, 2 hours, 5 minutes$/m);
    expect(out[0]).toBe('Huawei Versatile Routing Platform Software');
  });

  it('display vrrp brief in the captured layout; failover when the master loses its tracked uplinks', async () => {
    const master = await term('wan-agg-1');
    const out = await master.lines('display vrrp brief');
    const captured = readDeviceFixture('cli-captures/rpqin123-ntc-templates/huawei_vrp/display_vrrp_brief/huawei_vrp_display_vrrp_brief.raw');
    expect(captured.split('\n')[1]).toMatch(/^VRID +State +Interface +Type +Virtual IP/);
    expect(out[1]).toBe(captured.split('\n')[1]);
    expect(out[0]).toMatch(/^Total:\d+ +Master:\d+ +Backup:0 +Non-active:0 +$/);
    expect(out[2]).toBe('-'.repeat(64));
    expect(out).toContain('10    Master       Vlanif1100               Normal   10.10.100.1    ');
    const verbose = (await master.lines('display vrrp')).join('\n');
    expect(verbose).toContain('  Vlanif1100 | Virtual Router 10\n    State : Master\n    Virtual IP : 10.10.100.1\n');
    expect(verbose).toContain('    Track IF : XGigabitEthernet2/0/0   Priority reduced : 15');
    // both core uplinks down: 120 - 2 x 15 = 90 < 100; the backup takes over after its 20 s preemption delay
    lab.net.setLinkState({ device: 'wan-agg-1', port: 'XGigabitEthernet2/0/0' }, false);
    lab.net.setLinkState({ device: 'wan-agg-1', port: 'XGigabitEthernet2/0/1' }, false);
    lab.clock.now += 21_000;
    const backup = await term('wan-agg-2');
    expect(await backup.lines('display vrrp brief')).toContain('10    Master       Vlanif1100               Normal   10.10.100.1    ');
    expect(await master.lines('display vrrp brief')).toContain('10    Backup       Vlanif1100               Normal   10.10.100.1    ');
    lab.net.setLinkState({ device: 'wan-agg-1', port: 'XGigabitEthernet2/0/0' }, true);
    lab.net.setLinkState({ device: 'wan-agg-1', port: 'XGigabitEthernet2/0/1' }, true);
  });

  it('display eth-trunk: every line matches the template', async () => {
    const out = await (await term('core-1')).lines('display eth-trunk');
    expect(out[0]).toBe("Eth-Trunk1's state information is:");
    expectParsable(out, [
      /^\s*Eth-Trunk\S+'s\s+state\s+information\s+is:\s*$/, /^\s*Local:\s*$/, /^\s*Partner:\s*$/, /^\s*-+\s*$/, /^\s*$/,
      /^\s*LAG\s+ID:\s+\d+\s+WorkingMode:\s+\S+\s*$/, /^\s*Preempt\s+Delay:\s+\S+\s+Hash\s+arithmetic:\s+\S.+\S\s*$/,
      /^\s*System\s+Priority:\s+\d+\s+System\s+ID:\s+\S+\s*$/, /^\s*Least\s+Active-linknumber:\s+\d+\s+Max\sActive-linknumber:\s+\d+\s*$/,
      /^\s*Operate\s+status:\s+\S+\s+Number\s+Of\s+Up\s+Port\s+In\s+Trunk:\s+\d+\s*$/,
      /^\s*ActorPortName\s+Status\s+PortType\s+PortPri\s+PortNo\s+PortKey\s+PortState\s+Weight\s*$/,
      /^\s*ActorPortName\s+SysPri\s+SystemID\s+PortPri\s+PortNo\s+PortKey\s+PortState\s*$/,
      /^\s*\S+\s+\S+\s+\S+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s*$/, /^\s*\S+\s+\d+\s+\S+\s+\d+\s+\d+\s+\d+\s+\d+\s*$/,
    ]);
    expect(out).toContain('XGigabitEthernet3/0/0  Selected 10GE     32768   97     561     10111100  1     ');
    expect(await (await term('egress-acc-1')).lines('display eth-trunk')).toEqual(['Info: No valid trunk in the system.']);
  });

  it('display lldp neighbor brief (VRP5 layout) and detail', async () => {
    const t = await term('core-1');
    const out = await t.lines('display lldp neighbor brief');
    expect(out[0]).toBe('Local Intf    Neighbor Dev          Neighbor Intf             Exptime(s)');
    expect(out).toContainEqual(expect.stringMatching(/^XGE3\/0\/1 {6}wan-agg-1 {13}XGE2\/0\/0 {18}\d+$/));
    expect(out).toContainEqual(expect.stringMatching(/^GE1\/0\/0 {7}host-agg-2 {12}Gi0\/23 {20}\d+$/));
    const detail = (await t.lines('display lldp neighbor interface XGigabitEthernet3/0/1')).join('\n');
    expect(detail).toMatch(/^XGigabitEthernet3\/0\/1 has 1 neighbor\(s\):\n\nNeighbor index :1\nChassis type   :MAC address \nChassis ID     :[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4} \nPort ID type   :Interface name \nPort ID        :XGigabitEthernet2\/0\/0\n/);
  });

  it('display ip vpn-instance and its interface list', async () => {
    const t = await term('core-1');
    const out = await t.lines('display ip vpn-instance');
    expect(out.slice(0, 5)).toEqual([
      ' Total VPN-Instances configured      : 5', ' Total IPv4 VPN-Instances configured : 5', ' Total IPv6 VPN-Instances configured : 0', '',
      '  VPN-Instance Name               RD                    Address-family',
    ]);
    expect(out).toContain('  dept-edu                        65000:104             IPv4');
    const ifs = await t.lines('display ip vpn-instance interface');
    expect(ifs).toContain(' VPN-Instance Name and ID : mgmt, 5');
    expect(ifs).toContain('  Interface list : Vlanif3105, ');
  });

  it('display ip interface brief in the captured layout', async () => {
    const out = await (await term('core-1')).lines('display ip interface brief');
    expect(out).toContain('Interface                         IP Address/Mask      Physical   Protocol  ');
    expect(out).toContain('LoopBack0                         10.250.0.1/32        up         up(s)     ');
    expect(out).toContain('Vlanif3000                        10.250.3.1/30        up         up        ');
  });
});

describe('RGOS shows', () => {
  it('show version in the captured layout', async () => {
    const out = await (await term('host-agg-2')).lines('show version');
    for (const [i, label] of ['System description      : ', 'System start time       : ', 'System uptime           : ', 'System hardware version : ', 'System software version : '].entries()) {
      expect(out[i]!.startsWith(label)).toBe(true);
    }
    expect(out[0]).toBe('System description      : Ruijie Gigabit Routing Switch(S5750-24GT/12SFP) By Ruijie Networks');
    expect(out[2]).toMatch(/^System uptime {11}: \d+:\d\d:\d\d:\d\d$/);
    expect(out[4]).toBe('System software version : RGOS 10.4(3b17)p2 Release(180301)');
  });

  it('show ip interface brief: the capture\'s header and columns', async () => {
    const out = await (await term('host-agg-2')).lines('show ip interface brief');
    const captured = readDeviceFixture('cli-captures/rpqin123-ntc-templates/ruijie_os/show_ip_interface_brief/ruijie_os_show_ip_interface_brief.raw');
    expect(captured.split('\n')[0]).toMatch(/^Interface +IP-Address\(Pri\)/);
    expect(out[0]).toBe(captured.split('\n')[0]);
    expect(out).toContain('VLAN 1101                        10.10.1.3/24         no address                     up                    up');
  });

  it('show vrrp brief, show aggregatePort summary, show lldp neighbors, show ip vrf, show interfaces status', async () => {
    const t = await term('host-agg-2');
    const vrrp = await t.lines('show vrrp brief');
    expect(vrrp[0]).toBe('Interface                 Grp  Pri  timer  Own Pre  State   Master addr      Group addr');
    expect(vrrp.slice(1).every((l) => /^VLAN \d+ +\d+ +\d+ +\d\.\d\d +- +P +(Master|Backup|Init) +\d+\.\d+\.\d+\.\d+ +\d+\.\d+\.\d+\.\d+$/.test(l))).toBe(true);
    const ap = await t.lines('show aggregatePort summary');
    expect(ap.slice(0, 2)).toEqual([
      'AggregatePort MaxPorts SwitchPort Mode   Load balance                 Ports',
      '------------- -------- ---------- ------ ---------------------------- -----------------------------------',
    ]);
    const lldp = await t.lines('show lldp neighbors');
    expect(lldp[3]).toBe('System Name          Local Intf             Port ID              Capability Aging-time');
    expect(lldp).toContainEqual(expect.stringMatching(/^core-1 {15}Gi0\/23 {17}GigabitEthernet1\/0\/0 +B,R +1minute \d+seconds$/));
    const vrf = await t.lines('show ip vrf');
    expect(vrf[0]).toBe('  Name                             Default RD            Interfaces');
    const status = await t.lines('show interfaces status');
    expect(status[0]).toBe('Interface                        Status    Vlan   Duplex   Speed     Type');
  });
});
