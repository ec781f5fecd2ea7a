import { describe, expect, it } from 'vitest';
import {
  cidrContains, cidrContainsAddress, cidrOverlaps, formatIpv4, formatPrefix, hasHostBits, isBroadcastAddress, isNetworkAddress,
  parseCidr, parseIpv4, sameBlock,
} from '../../../src/ipam/index.js';

const c = (text: string) => parseCidr(text)!;

describe('ipam prefix arithmetic', () => {
  it('parses addresses and prefixes, and nothing else', () => {
    expect(parseIpv4('10.1.2.3')).toBe(0x0a010203);
    expect(formatIpv4(0x0a010203)).toBe('10.1.2.3');
    expect(c('10.1.10.2/24')).toEqual({ text: '10.1.10.2/24', address: 0x0a010a02, length: 24, network: 0x0a010a00, broadcast: 0x0a010aff });
    expect(c('0.0.0.0/0')).toMatchObject({ network: 0, broadcast: 0xffffffff });
    for (const bad of ['10.1.2', '010.1.2.3', '10.1.2.3/33', '0x0a.1.2.3/8', '', 42, null, undefined, {}]) {
      expect(parseCidr(bad)).toBeUndefined();
      expect(parseIpv4(bad)).toBeUndefined();
    }
  });

  it('compares blocks', () => {
    expect(cidrContains(c('10.1.0.0/16'), c('10.1.10.0/24'))).toBe(true);
    expect(cidrContains(c('10.1.10.0/24'), c('10.1.0.0/16'))).toBe(false);
    expect(cidrOverlaps(c('10.1.10.0/24'), c('10.1.0.0/16'))).toBe(true);
    expect(cidrOverlaps(c('10.1.10.0/24'), c('10.1.11.0/24'))).toBe(false);
    expect(sameBlock(c('10.1.10.2/24'), c('10.1.10.3/24'))).toBe(true);
    expect(sameBlock(c('10.1.10.2/24'), c('10.1.10.2/23'))).toBe(false);
    expect(cidrContainsAddress(c('10.1.10.2/24'), parseIpv4('10.1.10.254')!)).toBe(true);
    expect(formatPrefix(c('10.1.10.2/24'))).toBe('10.1.10.0/24');
  });

  it('spots host bits, network and broadcast addresses (none on /31 and /32)', () => {
    expect(hasHostBits(c('10.1.0.1/16'))).toBe(true);
    expect(hasHostBits(c('10.1.0.0/16'))).toBe(false);
    expect(isNetworkAddress(c('10.1.10.0/24'))).toBe(true);
    expect(isBroadcastAddress(c('10.1.10.255/24'))).toBe(true);
    expect(isNetworkAddress(c('10.1.10.0/31'))).toBe(false);
    expect(isBroadcastAddress(c('10.1.10.1/31'))).toBe(false);
    expect(isNetworkAddress(c('10.255.0.1/32'))).toBe(false);
  });
});

describe('overlappingPairs', () => {
  it('finds exactly the pairs a double loop finds, in the same order', async () => {
    const { overlappingPairs, parseCidr, cidrOverlaps } = await import('../../../src/ipam/index.js');
    const texts = ['10.0.0.0/8', '10.1.0.0/16', '192.168.1.0/24', '10.1.2.0/24', '10.1.0.0/16', '172.16.0.0/12', '10.1.2.5/32', '192.168.2.0/24'];
    const list = texts.map((t) => parseCidr(t)!);
    const expected: Array<[number, number]> = [];
    for (let j = 1; j < list.length; j++) for (let k = 0; k < j; k++) if (cidrOverlaps(list[k]!, list[j]!)) expected.push([k, j]);
    expect(overlappingPairs(list, (c) => c)).toEqual(expected);
    expect(expected.length).toBe(10);
  });
});
