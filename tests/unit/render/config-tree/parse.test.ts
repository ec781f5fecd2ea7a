/**
 * Parsing and printing configurations: structure (sections, sub-views, nested delimiters, header,
 * terminator), round trips, and the errors for text that does not parse (truncated, binary, the
 * other vendor's syntax).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, printTree, RenderError, stripPositions, type ConfigTree } from '../../../../src/render/index.js';

const VRP = `!Software Version V200R023C00SPC500
#
sysname SW1
#
vlan batch 10 20
#
bgp 65000
 router-id 10.0.0.1
 peer 10.0.0.2 as-number 65000
 #
 ipv4-family unicast
  undo synchronization
  peer 10.0.0.2 enable
 #
 ipv4-family vpn-instance CUST_A
  import-route direct
#
vlan 10
 description USERS
vlan 20
 description SERVERS
#
interface Vlanif10
 ip binding vpn-instance CUST_A
 ip address 10.1.10.2 255.255.255.0
#
user-interface con 0
 authentication-mode password
user-interface vty 0 4
 authentication-mode aaa
#
return
`;

const RGOS = `
Building configuration...
Current configuration : 512 bytes

version 11.0(4)B13P2
hostname AGG1
!
vlan 102
 name NeiWang102
!
interface GigabitEthernet 2/5
 switchport mode trunk
 switchport trunk allowed vlan only 1,102,108,630
!
interface VLAN 102
 ip address 10.122.102.2 255.255.255.0
!
end
`;

function parseError(fn: () => unknown): RenderError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return e as RenderError;
  }
  throw new Error('expected a RenderError');
}

describe('parseConfig (VRP)', () => {
  const tree = parseConfig(VRP, 'huawei-vrp', { device: 'SW1' });

  it('keeps the preamble as header and the sections in order', () => {
    expect(tree.header).toEqual(['!Software Version V200R023C00SPC500']);
    expect(tree.children.map((n) => n.line)).toEqual([
      'sysname SW1', 'vlan batch 10 20', 'bgp 65000', 'vlan 10', 'vlan 20', 'interface Vlanif10', 'user-interface con 0', 'user-interface vty 0 4',
    ]);
  });

  it('nests sub-views and records the ` #` separators between BGP families', () => {
    const bgp = tree.children.find((n) => n.line === 'bgp 65000')!;
    expect(bgp.children.map((n) => [n.line, n.sep ?? false])).toEqual([
      ['router-id 10.0.0.1', false], ['peer 10.0.0.2 as-number 65000', false],
      ['ipv4-family unicast', true], ['ipv4-family vpn-instance CUST_A', true],
    ]);
    expect(bgp.children[2]!.children.map((n) => n.line)).toEqual(['undo synchronization', 'peer 10.0.0.2 enable']);
  });

  it('keeps blocks printed back to back without `#` (vlan N, user-interface)', () => {
    const vlan20 = tree.children.find((n) => n.line === 'vlan 20')!;
    expect(vlan20.sep).toBeUndefined();
    expect(tree.children.find((n) => n.line === 'vlan 10')!.sep).toBe(true);
  });

  it('prints back byte for byte', () => {
    expect(printTree(tree)).toBe(VRP);
  });

  it('parse(print(t)) == t', () => {
    expect(stripPositions(parseConfig(printTree(tree), 'huawei-vrp'))).toEqual(stripPositions(tree));
  });

  it('records line numbers', () => {
    expect(tree.children.find((n) => n.line === 'interface Vlanif10')!.lineNo).toBe(23);
  });

  it('accepts CRLF line endings, trailing blanks and a prompt after `return`', () => {
    const t = parseConfig(VRP.replace(/\n/g, '  \r\n') + '<SW1>', 'huawei-vrp');
    expect(stripPositions({ ...t, finalNewline: true })).toEqual(stripPositions(tree));
  });

  it('accepts old releases that indent global statements by one space', () => {
    const t = parseConfig('#\n sysname OLD\n vlan batch 10\n#\ninterface Vlanif10\n ip address 10.0.0.1 255.255.255.0\n#\nreturn\n', 'huawei-vrp');
    expect(t.children.map((n) => n.line)).toEqual(['sysname OLD', 'vlan batch 10', 'interface Vlanif10']);
  });

  it('skips the VRP8 timestamp and the `[V200R009C00SPC500]` banner line', () => {
    const t = parseConfig('2020-01-01 10:00:00.123 +08:00\n[V200R009C00SPC500]\n#\nsysname X\n#\nreturn\n', 'huawei-vrp');
    expect(t.children.map((n) => n.line)).toEqual(['sysname X']);
  });
});

describe('parseConfig (RGOS)', () => {
  const tree = parseConfig(RGOS, 'ruijie-rgos', { device: 'AGG1' });

  it('keeps the preamble and reads `!`-separated stanzas', () => {
    expect(tree.header).toEqual(['', 'Building configuration...', 'Current configuration : 512 bytes', '']);
    expect(tree.children.map((n) => n.line)).toEqual(['version 11.0(4)B13P2', 'hostname AGG1', 'vlan 102', 'interface GigabitEthernet 2/5', 'interface VLAN 102']);
    expect(tree.children[3]!.children.map((n) => n.line)).toEqual(['switchport mode trunk', 'switchport trunk allowed vlan only 1,102,108,630']);
  });

  it('prints back byte for byte', () => {
    expect(printTree(tree)).toBe(RGOS);
  });

  it('strips the pager residue `!` + spaces', () => {
    const t = parseConfig('hostname X\n!         \ninterface VLAN 1\n!\nend\n', 'ruijie-rgos');
    expect(t.children[1]!.sep).toBe(true);
  });

  it('skips the prompt and command echo before the preamble', () => {
    const t = parseConfig('AGG1#show running-config\n\nBuilding configuration...\nhostname AGG1\n!\nend\nAGG1#', 'ruijie-rgos');
    expect(t.children.map((n) => n.line)).toEqual(['hostname AGG1']);
  });
});

describe('printTree', () => {
  it('prints a tree built by hand in the vendor layout', () => {
    const t: ConfigTree = {
      platform: 'huawei-vrp', header: [], finalNewline: true, trailingSep: true,
      children: [
        { line: 'sysname A', children: [], sep: true },
        { line: 'bgp 1', sep: true, children: [{ line: 'router-id 1.1.1.1', children: [] }, { line: 'ipv4-family vpnv4', sep: true, children: [{ line: 'policy vpn-target', children: [] }] }] },
      ],
    };
    expect(printTree(t)).toBe('#\nsysname A\n#\nbgp 1\n router-id 1.1.1.1\n #\n ipv4-family vpnv4\n  policy vpn-target\n#\nreturn\n');
    expect(stripPositions(parseConfig(printTree(t), 'huawei-vrp'))).toEqual(t);
  });
});

describe('text that does not parse', () => {
  it('truncated VRP (no `return`) names the device and the last line', () => {
    const text = VRP.split('\n').slice(0, 20).join('\n');
    const e = parseError(() => parseConfig(text, 'huawei-vrp', { device: 'core-1' }));
    expect(e.code).toBe('RENDER_PARSE');
    expect(e.details).toMatchObject({ device: 'core-1', line: 20 });
    expect(e.message).toMatch(/core-1.*line 20.*truncated/);
  });

  it('truncated RGOS (no `end`)', () => {
    const e = parseError(() => parseConfig(RGOS.replace('end\n', ''), 'ruijie-rgos', { device: 'agg-a' }));
    expect(e.message).toMatch(/agg-a.*truncated.*`end`/);
  });

  it('binary garbage: the line and column of the first control character', () => {
    const e = parseError(() => parseConfig('#\nsysname A\n#\ninterface X\x00\x01\x02\nreturn\n', 'huawei-vrp', { device: 'd1' }));
    expect(e.details).toMatchObject({ device: 'd1', line: 4 });
    expect(e.message).toMatch(/NUL byte.*column 12/);
  });

  it('random bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_v, i) => (i * 7919) % 256)).toString('latin1');
    const e = parseError(() => parseConfig(bytes, 'huawei-vrp', { device: 'd1' }));
    expect(e.code).toBe('RENDER_PARSE');
    expect(e.details.line).toBeGreaterThanOrEqual(1);
  });

  it('a terminal escape sequence left by the pager', () => {
    const e = parseError(() => parseConfig('#\nsysname A\n  ---- More ----\x1b[16D                \x1b[16D\n#\nreturn\n', 'huawei-vrp', { device: 'd1' }));
    expect(e.details.line).toBe(3);
    expect(e.message).toMatch(/terminal escape/);
  });

  it('an RGOS configuration read as VRP', () => {
    const e = parseError(() => parseConfig(RGOS, 'huawei-vrp', { device: 'agg-a' }));
    expect(e.message).toMatch(/agg-a.*line 2.*RGOS/);
  });

  it('a VRP configuration read as RGOS', () => {
    const e = parseError(() => parseConfig(VRP, 'ruijie-rgos', { device: 'core-1' }));
    expect(e.details.line).toBe(1);
    expect(e.message).toMatch(/VRP/);
  });

  it('a VRP configuration read as RGOS without its preamble', () => {
    const e = parseError(() => parseConfig(VRP.split('\n').slice(1).join('\n'), 'ruijie-rgos', { device: 'core-1' }));
    expect(e.details.line).toBe(1);
    expect(e.message).toMatch(/`#` delimiter: Huawei VRP/);
  });

  it('text after the terminator', () => {
    const e = parseError(() => parseConfig('#\nsysname A\n#\nreturn\nsysname B\n', 'huawei-vrp', { device: 'd1' }));
    expect(e.details.line).toBe(5);
  });

  it('an empty capture', () => {
    const e = parseError(() => parseConfig('\n\n', 'huawei-vrp', { device: 'd1' }));
    expect(e.message).toMatch(/empty/);
  });
});
