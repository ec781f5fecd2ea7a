import { describe, expect, it } from 'vitest';
import {
  addressWithMask, canonicalInterfaceName, comparePhysicalNames, interfaceRef, joinSections, maskOf, vlanItems, vlanListLines,
} from '../../../../src/render/huawei-vrp/format.js';

describe('huawei-vrp format helpers', () => {
  it('converts prefix lengths to dotted masks', () => {
    expect(maskOf(0)).toBe('0.0.0.0');
    expect(maskOf(8)).toBe('255.0.0.0');
    expect(maskOf(24)).toBe('255.255.255.0');
    expect(maskOf(30)).toBe('255.255.255.252');
    expect(maskOf(32)).toBe('255.255.255.255');
    expect(addressWithMask('10.1.10.2/23')).toBe('10.1.10.2 255.255.254.0');
  });

  it('prints VLAN lists with `A to B` ranges, sorted and unique (§2.2)', () => {
    expect(vlanItems([53, 2, 4, 10, 11, 12, 13, 30, 31, 4])).toEqual(['2', '4', '10 to 13', '30 to 31', '53']);
    expect(vlanItems([])).toEqual([]);
  });

  it('puts at most 10 items on a line', () => {
    // the seen example of §2.2
    const ids = [2, 4, 10, 11, 12, 13, 16, 17, 18, 19, 21, 23, 30, 31, 39, 40, 41, 50, 51, 53, 60, 61, 70, 71];
    expect(vlanListLines('vlan batch', ids)).toEqual([
      'vlan batch 2 4 10 to 13 16 to 19 21 23 30 to 31 39 to 41 50 to 51 53',
      'vlan batch 60 to 61 70 to 71',
    ]);
  });

  it('names interfaces in the canonical VRP form', () => {
    expect(canonicalInterfaceName('GigabitEthernet 0/0/1')).toBe('GigabitEthernet0/0/1');
    expect(canonicalInterfaceName('XGigabitEthernet3/0/1')).toBe('XGigabitEthernet3/0/1');
    expect(interfaceRef('lag:3')).toBe('Eth-Trunk3');
    expect(interfaceRef('GigabitEthernet 1/0/47')).toBe('GigabitEthernet1/0/47');
  });

  it('orders physical interfaces by type, then numerically', () => {
    const names = ['XGigabitEthernet0/0/1', 'GigabitEthernet0/0/10', 'Ethernet0/0/2', 'GigabitEthernet0/0/2', 'GigabitEthernet3/0/0', 'GigabitEthernet1/0/47'];
    expect([...names].sort(comparePhysicalNames)).toEqual([
      'Ethernet0/0/2', 'GigabitEthernet0/0/2', 'GigabitEthernet0/0/10', 'GigabitEthernet1/0/47', 'GigabitEthernet3/0/0', 'XGigabitEthernet0/0/1',
    ]);
  });

  it('joins sections with # and ends with return', () => {
    expect(joinSections([['sysname a'], [], ['vlan batch 10']])).toBe('#\nsysname a\n#\nvlan batch 10\n#\nreturn\n');
  });
});
