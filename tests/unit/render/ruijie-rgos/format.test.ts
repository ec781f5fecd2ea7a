import { describe, expect, it } from 'vitest';
import {
  formatAddressMask, complementVlans, formatVlanList, joinBlocks, formatMask, formatPrefixMask,
} from '../../../../src/render/ruijie-rgos/format.js';
import { canonicalizePortName, comparePortNames, resolveInterfaceRef, toPortKey } from '../../../../src/render/ruijie-rgos/names.js';

describe('RGOS text helpers', () => {
  it('turns prefix lengths into dotted masks', () => {
    expect(formatMask(0)).toBe('0.0.0.0');
    expect(formatMask(24)).toBe('255.255.255.0');
    expect(formatMask(30)).toBe('255.255.255.252');
    expect(formatMask(32)).toBe('255.255.255.255');
    expect(formatAddressMask('10.1.10.2/24')).toBe('10.1.10.2 255.255.255.0');
  });

  it('prints a route prefix with host bits cleared', () => {
    expect(formatPrefixMask('10.20.3.4/16')).toBe('10.20.0.0 255.255.0.0');
    expect(formatPrefixMask('0.0.0.0/0')).toBe('0.0.0.0 0.0.0.0');
  });

  it('folds VLAN lists into ranges, sorted and de-duplicated', () => {
    expect(formatVlanList([20, 10, 11, 12, 100, 12])).toBe('10-12,20,100');
    expect(formatVlanList([5])).toBe('5');
    expect(formatVlanList(complementVlans([10, 20]))).toBe('1-9,11-19,21-4094');
    expect(complementVlans(Array.from({ length: 4094 }, (_, i) => i + 1))).toEqual([]);
  });

  it('separates stanzas with ! and closes with end, dropping empty ones', () => {
    expect(joinBlocks([['hostname x'], [], ['vlan 1']])).toBe('hostname x\n!\nvlan 1\n!\nend\n');
  });
});

describe('RGOS interface names', () => {
  it('puts one space between type and number', () => {
    expect(canonicalizePortName('GigabitEthernet0/1')).toBe('GigabitEthernet 0/1');
    expect(canonicalizePortName('tengigabitethernet 3/1')).toBe('TenGigabitEthernet 3/1');
    expect(toPortKey('GigabitEthernet 0/1')).toBe(toPortKey('GigabitEthernet0/1'));
  });

  it('sorts by type, then slot, then port', () => {
    const names = ['TenGigabitEthernet 3/1', 'GigabitEthernet 2/1', 'GigabitEthernet 1/10', 'GigabitEthernet 1/2'];
    expect([...names].sort(comparePortNames)).toEqual([
      'GigabitEthernet 1/2', 'GigabitEthernet 1/10', 'GigabitEthernet 2/1', 'TenGigabitEthernet 3/1',
    ]);
  });

  it('names an aggregate reference lag:N as AggregatePort N', () => {
    expect(resolveInterfaceRef('lag:2')).toBe('AggregatePort 2');
    expect(resolveInterfaceRef('GigabitEthernet0/24')).toBe('GigabitEthernet 0/24');
  });
});
