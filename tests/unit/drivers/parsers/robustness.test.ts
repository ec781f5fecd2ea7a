/**
 * What a live session adds around a table (echo, pager, escape sequences, prompts, CRLF, a VRP8
 * timestamp), interface-name abbreviations, and garbage: a parser either reads the table or throws
 * DriverParseError (code DRIVER_PARSE) naming the command and the first offending line.
 */
import { describe, expect, it } from 'vitest';
import { DriverParseError } from '../../../../src/drivers/common/parse-error.js';
import { cleanLines } from '../../../../src/drivers/common/text.js';
import { splitRow, headerOffsets } from '../../../../src/drivers/common/table.js';
import * as vrp from '../../../../src/drivers/huawei-vrp/parsers/index.js';
import * as usg from '../../../../src/drivers/huawei-usg/parsers/index.js';
import * as rgos from '../../../../src/drivers/ruijie-rgos/parsers/index.js';

const BRIEF = [
  'PHY: Physical',
  '*down: administratively down',
  'InUti/OutUti: input utility/output utility',
  'Interface                   PHY   Protocol  InUti OutUti   inErrors  outErrors',
  'Eth-Trunk1                  up    up        0.01%  0.01%          0          0',
  '  GigabitEthernet0/0/1      up    up        0.01%  0.01%          0          0',
  '  GigabitEthernet0/0/2      up    up           0%     0%          0          0',
  'GigabitEthernet0/0/3        *down down         0%     0%          0          0',
  'Vlanif1                     up    up           --     --          0          0',
];

function expectParseError(fn: () => unknown, command: string, line: string | RegExp): DriverParseError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DriverParseError);
    const err = e as DriverParseError;
    expect(err.code).toBe('DRIVER_PARSE');
    expect(err.command).toBe(command);
    if (typeof line === 'string') expect(err.line).toBe(line);
    else expect(err.line).toMatch(line);
    expect(err.message).toContain(command);
    return err;
  }
  throw new Error('expected a DriverParseError');
}

describe('session artefacts', () => {
  const clean = vrp.parseDisplayInterfaceBrief(BRIEF.join('\n'));

  it('reads the plain table', () => {
    expect(clean.map((r) => [r.interface, r.trunk])).toEqual([
      ['Eth-Trunk1', ''], ['GigabitEthernet0/0/1', 'Eth-Trunk1'], ['GigabitEthernet0/0/2', 'Eth-Trunk1'], ['GigabitEthernet0/0/3', ''], ['Vlanif1', ''],
    ]);
  });

  it('ignores the echo, CRLF line ends and the trailing prompt (user view, system view, HRP, VRP8 ~)', () => {
    for (const prompt of ['<HUAWEI>', '[HUAWEI]', '[~HUAWEI-Vlanif10]', 'HRP_M<USG>', 'HRP_S[USG-zone-trust]']) {
      const raw = `display interface brief\r\n${BRIEF.join('\r\n')}\r\n${prompt}`;
      expect(vrp.parseDisplayInterfaceBrief(raw)).toEqual(clean);
      expect(vrp.parseDisplayInterfaceBrief(`${prompt}display interface brief\r\n${BRIEF.join('\r\n')}\r\n${prompt}`)).toEqual(clean);
    }
  });

  it('drops an echoed abbreviation after the prompt', () => {
    expect(vrp.parseDisplayInterfaceBrief(`<HUAWEI>dis int br\r\n${BRIEF.join('\r\n')}\r\n<HUAWEI>`)).toEqual(clean);
    expect(rgos.parseShowVrrpBrief('Ruijie#sh vrrp br\r\nInterface                 Grp  Pri  timer  Own Pre  State   Master addr      Group addr\r\nRuijie#')).toEqual([]);
  });

  it('removes the VRP pager and its erase sequence without shifting the next line', () => {
    const paged = [...BRIEF.slice(0, 6), `  ---- More ----\x1b[16D                \x1b[16D${BRIEF[6]}`, ...BRIEF.slice(7)].join('\r\n');
    expect(vrp.parseDisplayInterfaceBrief(paged)).toEqual(clean);
    const paged42 = [...BRIEF.slice(0, 6), `  ---- More ----\x1b[42D                                          \x1b[42D${BRIEF[6]}`, ...BRIEF.slice(7)].join('\n');
    expect(vrp.parseDisplayInterfaceBrief(paged42)).toEqual(clean);
  });

  it('removes the RGOS pager (" --More-- " erased by backspaces)', () => {
    const rows = ['Interface                        IP-Address(Pri)      IP-Address(Sec)                Status                Protocol',
      'TenGigabitEthernet 1/1           42.1.34.1/30         no address                     up                    up',
      'Loopback 0                       11.89.0.1/32         no address                     up                    up'];
    const paged = `show ip interface brief\r\n${rows[0]}\r\n${rows[1]}\r\n --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b${rows[2]}\r\nRuijie#`;
    expect(rgos.parseShowIpInterfaceBrief(paged).map((r) => r.interface)).toEqual(['TenGigabitEthernet 1/1', 'Loopback 0']);
  });

  it('skips a VRP8 timestamp header and colour/cursor escapes', () => {
    const raw = `2024-05-26 11:38:58.123 +08:00\n\x1b[1m${BRIEF.join('\n')}\x1b[0m\n`;
    expect(vrp.parseDisplayInterfaceBrief(raw)).toEqual(clean);
  });

  it('keeps what a bare CR overwrote last (VRP8 progress lines)', () => {
    expect(cleanLines('Running: 33%\rRunning: 100%\rInfo: done.\n<HUAWEI>').map((l) => l.text)).toEqual(['Info: done.']);
  });

  it('accepts variable spacing between columns', () => {
    const squeezed = BRIEF.map((l, i) => (i > 3 ? l.replace(/ {2,}/g, (m) => (m.length > 3 ? '   ' : ' ')) : l));
    expect(vrp.parseDisplayInterfaceBrief(squeezed.join('\n'))).toEqual(clean);
  });

  it('RGOS trailing prompts, including configuration modes', () => {
    const raw = 'show vrrp brief\r\nInterface                 Grp  Pri  timer  Own Pre  State   Master addr      Group addr\r\n'
      + 'VLAN 10                   10   120  1.00   -   P    Master  10.1.10.2        10.1.10.1\r\nRuijie(config-if-VLAN 10)#';
    expect(rgos.parseShowVrrpBrief(raw)).toHaveLength(1);
  });
});

describe('interface names', () => {
  it.each([
    ['GE0/0/1', 'GigabitEthernet0/0/1'],
    ['ge0/0/1', 'GigabitEthernet0/0/1'],
    ['gigabitethernet0/0/1', 'GigabitEthernet0/0/1'],
    ['GigabitEthernet 0/0/1', 'GigabitEthernet0/0/1'],
    ['XGE0/0/2', 'XGigabitEthernet0/0/2'],
    ['Eth0/0/1', 'Ethernet0/0/1'],
    ['Eth-Trunk1', 'Eth-Trunk1'],
    ['eth-trunk 1', 'Eth-Trunk1'],
    ['Eth-Trunk4.10', 'Eth-Trunk4.10'],
    ['Vlanif100', 'Vlanif100'],
    ['vlanif 100', 'Vlanif100'],
    ['Loop0', 'LoopBack0'],
    ['NULL0', 'NULL0'],
    ['MEth0/0/1', 'MEth0/0/1'],
    ['10GE1/0/1', '10GE1/0/1'],
    ['100GE1/0/1', '100GE1/0/1'],
    ['40GE1/0/0', '40GE1/0/0'],
    ['f4xx-abcd-xxxx', 'f4xx-abcd-xxxx'],
  ])('VRP %s → %s', (a, b) => expect(vrp.normalizeVrpInterfaceName(a)).toBe(b));

  it('VRP suffixes', () => {
    expect(vrp.splitVrpSuffix('GigabitEthernet1/0/1.50(10G)')).toEqual({ name: 'GigabitEthernet1/0/1.50', flags: ['10G'] });
    expect(vrp.splitVrpSuffix('GigabitEthernet0/0/5(v)')).toEqual({ name: 'GigabitEthernet0/0/5', flags: ['v'] });
  });

  it.each([
    ['Gi0/1', 'GigabitEthernet 0/1'],
    ['gi 0/1', 'GigabitEthernet 0/1'],
    ['GigabitEthernet0/1', 'GigabitEthernet 0/1'],
    ['GigabitEthernet 0/1', 'GigabitEthernet 0/1'],
    ['Te1/1', 'TenGigabitEthernet 1/1'],
    ['TF0/1', 'TFGigabitEthernet 0/1'],
    ['Hu0/55', 'HundredGigabitEthernet 0/55'],
    ['Ag1', 'AggregatePort 1'],
    ['aggregateport 1', 'AggregatePort 1'],
    ['Vl10', 'VLAN 10'],
    ['vlan 10', 'VLAN 10'],
    ['Lo0', 'Loopback 0'],
    ['Mgmt 0', 'Mgmt 0'],
  ])('RGOS %s → %s', (a, b) => expect(rgos.normalizeRgosInterfaceName(a)).toBe(b));
});

describe('column splitting', () => {
  const header = 'System Name          Local Intf             Port ID              Capability Aging-time';
  const offsets = headerOffsets(header, ['System Name', 'Local Intf', 'Port ID', 'Capability', 'Aging-time'])!;
  it('keeps cells with single blanks and finds empty cells by position', () => {
    expect(splitRow('core-1               Gi0/23                 GigabitEthernet1/0/0 B,R        2minutes 0seconds', offsets))
      .toEqual(['core-1', 'Gi0/23', 'GigabitEthernet1/0/0', 'B,R', '2minutes 0seconds']);
    expect(splitRow('server-17            Gi0/5                  3c4a-92ff-0011                  1minute 58seconds', offsets))
      .toEqual(['server-17', 'Gi0/5', '3c4a-92ff-0011', '', '1minute 58seconds']);
  });
});

describe('garbage is an error, never an empty list', () => {
  it('a device error message (VRP caret + Error, RGOS %)', () => {
    const err = expectParseError(
      () => vrp.parseDisplayVrrp("display vrrp verbos\r\n                  ^\r\nError: Unrecognized command found at '^' position.\r\n<HUAWEI>", 'display vrrp verbos'),
      'display vrrp verbos', "Error: Unrecognized command found at '^' position.",
    );
    expect(err.lineNumber).toBe(3);
    expectParseError(() => rgos.parseShowVrrpBrief("show vrrp breif\r\n% Invalid input detected at '^' marker.\r\nRuijie#"), 'show vrrp brief', /^% Invalid input/);
  });

  it('an empty answer where a device always prints something', () => {
    expectParseError(() => vrp.parseDisplayInterfaceBrief(''), 'display interface brief', '');
    expectParseError(() => vrp.parseDisplayVersion('<HUAWEI>'), 'display version', '');
    expectParseError(() => rgos.parseShowVersion('Ruijie#'), 'show version', '');
    expectParseError(() => rgos.parseShowInterfacesStatus('\r\n'), 'show interfaces status', '');
  });

  it('a row that does not fit the table names that row', () => {
    const bad = [...BRIEF.slice(0, 6), 'GigabitEthernet0/0/9        up    sideways  0%', ...BRIEF.slice(6)].join('\n');
    expectParseError(() => vrp.parseDisplayInterfaceBrief(bad), 'display interface brief', 'GigabitEthernet0/0/9        up    sideways  0%');
  });

  it('another command\'s output', () => {
    const version = 'Huawei Versatile Routing Platform Software\nVRP (R) software, Version 5.170 (S5700 V200R010C00SPC600)';
    expectParseError(() => vrp.parseDisplayInterfaceBrief(version), 'display interface brief', 'Huawei Versatile Routing Platform Software');
    expectParseError(() => vrp.parseDisplayVrrpBrief(BRIEF.join('\n')), 'display vrrp brief', 'PHY: Physical');
    expectParseError(() => vrp.parseDisplayEthTrunk(BRIEF.join('\n')), 'display eth-trunk', 'PHY: Physical');
    expectParseError(() => vrp.parseDisplayLldpNeighborBrief(BRIEF.join('\n')), 'display lldp neighbor brief', 'PHY: Physical');
    expectParseError(() => vrp.parseDisplayIpVpnInstanceVerbose(BRIEF.join('\n')), 'display ip vpn-instance verbose', 'PHY: Physical');
    expectParseError(() => vrp.parseDisplayVrrp('random words here\n'), 'display vrrp', 'random words here');
    expectParseError(() => usg.parseDisplayEsn('no serial here'), 'display esn', 'no serial here');
    expectParseError(() => rgos.parseShowAggregatePortSummary(BRIEF.join('\n')), 'show aggregatePort summary', 'PHY: Physical');
    expectParseError(() => rgos.parseShowLldpNeighbors(BRIEF.join('\n')), 'show lldp neighbors', 'PHY: Physical');
    expectParseError(() => rgos.parseShowIpVrf(BRIEF.join('\n')), 'show ip vrf', 'PHY: Physical');
    expectParseError(() => rgos.parseShowInterfaces('TenGigabitEthernet 1/1 is UP  , line protocol is UP\n  Flux capacitor is 1.21 GW'), 'show interfaces', '  Flux capacitor is 1.21 GW');
  });

  it('a truncated VRRP block', () => {
    expectParseError(() => vrp.parseDisplayVrrp('  Vlanif10 | Virtual Router 10\n    PriorityRun : 120\n'), 'display vrrp', '  Vlanif10 | Virtual Router 10');
  });
});

describe('empty answers that are legitimate', () => {
  it('no VRRP, no trunk, no neighbour, no VRF', () => {
    expect(vrp.parseDisplayVrrp('display vrrp\r\n<HUAWEI>', 'display vrrp')).toEqual([]);
    expect(vrp.parseDisplayEthTrunk('Info: No valid trunk in the system.')).toEqual([]);
    expect(vrp.parseDisplayLldpNeighborBrief('Local Intf    Neighbor Dev          Neighbor Intf             Exptime(s)\n')).toEqual([]);
    expect(rgos.parseShowIpVrf('  Name                             Default RD            Interfaces\n')).toEqual([]);
  });
});
