import { describe, expect, it } from 'vitest';
import { portUsageRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, only, references, variant } from './helpers.js';

describe('rule port-usage', () => {
  it('finds nothing in the base topology (LAG members are cabled, as they should be), and no error in the reference topologies', () => {
    expect(check(variant(), [portUsageRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [portUsageRule]), 'error'), name).toEqual([]);
  });

  it('reports a port at the end of two links', () => {
    const t = variant((t) => {
      t.links!.push({ a: { device: 'access-1', port: 'GigabitEthernet0/0/1' }, b: { device: 'agg-2', port: 'GigabitEthernet0/0/10' } });
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_PORT_MULTIPLE_LINKS']);
    expect(f[0]!.pointer).toBe('/links/14/a');
    expect(f[0]!.message).toBe('access-1 GigabitEthernet0/0/1 is cabled to agg-2 GigabitEthernet0/0/10 here and already to agg-1 GigabitEthernet0/0/1 (link 9); a port takes one cable');
  });

  it('reports a link from a port to itself', () => {
    const t = variant((t) => { t.links!.push({ a: { device: 'core-1', port: 'GigabitEthernet1/0/5' }, b: { device: 'core-1', port: 'GigabitEthernet1/0/5' } }); });
    expect(codes(check(t))).toEqual(['INTENT_LINK_SELF_LOOP']);
  });

  it('reports a port in two LAGs', () => {
    const t = variant((t) => { dev(t, 'agg-1').lags!.push({ id: 2, mode: 'lacp', members: ['GigabitEthernet0/0/24'] }); });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_LAG_MEMBER_COUNT_MISMATCH', 'INTENT_PORT_IN_TWO_LAGS']);
    expect(only(f, 'INTENT_PORT_IN_TWO_LAGS').pointer).toBe('/devices/2/lags/1/members/0');
  });

  it('warns about link speeds the ports do not run', () => {
    const t = variant((t) => {
      t.links![0]!.speed = '1G';
      t.links!.push({ a: { device: 'core-1', port: 'GigabitEthernet1/0/20' }, b: { device: 'core-2', port: 'XGigabitEthernet3/0/10' } });
    });
    const f = check(t, [portUsageRule]);
    expect(codes(f)).toEqual(['INTENT_LINK_SPEED_MISMATCH', 'INTENT_LINK_SPEED_MISMATCH']);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
    expect(f[0]!.message).toBe('link core-1 XGigabitEthernet3/0/0 -- core-2 XGigabitEthernet3/0/0 is declared at 1G but core-1 XGigabitEthernet3/0/0 is a 10G port and core-2 XGigabitEthernet3/0/0 is a 10G port');
    expect(f[1]!.message).toContain('joins a 1G port to a 10G port');
  });
});
