import { describe, expect, it } from 'vitest';
import { lagsRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, lineOf, only, references, shown, validateVariant, variant } from './helpers.js';

describe('rule lags', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [lagsRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [lagsRule]), 'error'), name).toEqual([]);
  });

  it('reports LAG ends in different modes, once per pair', () => {
    const t = variant((t) => { dev(t, 'core-2').lags![0]!.mode = 'static'; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_LAG_MODE_MISMATCH']);
    expect(f[0]!.message).toBe("device 'core-1' LAG 1 and core-2 LAG 1 are cabled together but one is lacp and the other static; both ends must use the same mode");
  });

  it('reports LAG ends with different member counts', () => {
    const t = variant((t) => { dev(t, 'agg-2').lags![0]!.members.push('GigabitEthernet0/0/22'); });
    expect(codes(check(t))).toEqual(['INTENT_LAG_MEMBER_COUNT_MISMATCH']);
  });

  it('reports mixed member speeds in a LAG, and ends at different speeds', () => {
    const mixed = variant((t) => { dev(t, 'agg-1').ports!.push({ name: 'GigabitEthernet0/0/24', speed: '100M' }); });
    expect(codes(check(mixed))).toEqual(['INTENT_LAG_SPEED_MISMATCH', 'INTENT_LINK_SPEED_MISMATCH']);
    const ends = variant((t) => {
      dev(t, 'agg-1').ports!.push({ name: 'GigabitEthernet0/0/23', speed: '100M' }, { name: 'GigabitEthernet0/0/24', speed: '100M' });
    });
    const f = check(ends);
    expect(codes(f)).toEqual(['INTENT_LAG_SPEED_MISMATCH', 'INTENT_LINK_SPEED_MISMATCH', 'INTENT_LINK_SPEED_MISMATCH']);
    expect(only(f, 'INTENT_LAG_SPEED_MISMATCH').message).toContain('run at 100M and 1G');
  });

  it('reports a member cabled to a port in no LAG', () => {
    const t = variant((t) => { dev(t, 'agg-2').lags![0]!.members = ['GigabitEthernet0/0/23']; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_LAG_FAR_END_NOT_LAG', 'INTENT_LAG_MEMBER_COUNT_MISMATCH']);
    expect(only(f, 'INTENT_LAG_FAR_END_NOT_LAG').pointer).toBe('/devices/2/lags/0/members/1');
  });

  it('warns about members going to two devices (only right for M-LAG)', () => {
    const t = variant((t) => {
      dev(t, 'core-1').lags![0]!.members.push('GigabitEthernet1/0/1');
      dev(t, 'agg-1').lags!.push({ id: 2, mode: 'lacp', members: ['GigabitEthernet0/0/10'] });
      t.links!.push({ a: { device: 'core-1', port: 'GigabitEthernet1/0/1' }, b: { device: 'agg-1', port: 'GigabitEthernet0/0/10' } });
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_LAG_MEMBER_COUNT_MISMATCH', 'INTENT_LAG_MEMBER_COUNT_MISMATCH', 'INTENT_LAG_MULTIPLE_FAR_DEVICES', 'INTENT_LAG_SPEED_MISMATCH']);
    expect(only(f, 'INTENT_LAG_MULTIPLE_FAR_DEVICES').severity).toBe('warning');
  });

  it('reports one LAG cabled to two LAGs of the same device', () => {
    const t = variant((t) => {
      dev(t, 'agg-2').lags = [
        { id: 1, mode: 'lacp', members: ['GigabitEthernet0/0/23'], portMode: 'trunk', allowedVlans: [10, 20] },
        { id: 2, mode: 'lacp', members: ['GigabitEthernet0/0/24'], portMode: 'trunk', allowedVlans: [10, 20] },
      ];
    });
    expect(codes(check(t))).toEqual(['INTENT_LAG_MEMBER_COUNT_MISMATCH', 'INTENT_LAG_MEMBER_COUNT_MISMATCH', 'INTENT_LAG_SPLIT']);
  });

  it('reports members configured on their own and members listed twice', () => {
    const t = variant((t) => {
      dev(t, 'agg-1').ports!.push({ name: 'GigabitEthernet0/0/23', mode: 'access', vlan: 10, description: 'oops' });
      dev(t, 'agg-2').lags![0]!.members.push('GigabitEthernet0/0/23');
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_LAG_DUPLICATE_MEMBER', 'INTENT_LAG_MEMBER_CONFIGURED']);
    expect(only(f, 'INTENT_LAG_MEMBER_CONFIGURED').message).toBe("device 'agg-1' port GigabitEthernet0/0/23 is a member of LAG 1 but also has its own mode, vlan; a member takes its settings from the LAG");
  });

  it("reports more LAGs than the model's maximum", () => {
    const t = variant((t) => {
      dev(t, 'access-1').lags = Array.from({ length: 9 }, (_, i) => ({ id: i + 1, mode: 'static' as const, members: [`Ethernet0/0/${10 + i}`] }));
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_LAG_TOO_MANY']);
    expect(f[0]!.message).toBe("device 'access-1' has 9 LAGs; a S2700-26TP-SI supports at most 8");
  });

  it('reports the LAG mode mismatch of the provincial reference variant (and only that), at its file and line', () => {
    const { result, editedFile } = validateVariant('lag-mode-mismatch');
    expect(codes(result.findings)).toEqual(['INTENT_LAG_MODE_MISMATCH']);
    expect(result.findings[0]).toMatchObject({
      file: shown(editedFile),
      line: lineOf(editedFile, 'mode: lacp', 'name: core-1'),
      path: 'devices[core-1].lags[1].mode',
      message: "device 'core-1' LAG 1 and core-2 LAG 1 are cabled together but one is lacp and the other static; both ends must use the same mode",
    });
  });
});
