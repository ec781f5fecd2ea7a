import { describe, expect, it } from 'vitest';
import { redundancyRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, references, variant } from './helpers.js';

describe('rule redundancy', () => {
  it('finds nothing in the base topology (core pair, two aggregation switches, two uplinks each), and no error in the reference topologies', () => {
    expect(check(variant(), [redundancyRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [redundancyRule]), 'error'), name).toEqual([]);
  });

  it('warns about an access switch with one uplink, or all uplinks to one device', () => {
    const t = variant((t) => {
      t.links = t.links!.filter((l) => !(l.a.device === 'access-1' && l.b.device === 'agg-2'));
      const l = t.links.find((x) => x.a.device === 'access-2' && x.b.device === 'agg-2')!;
      l.b = { device: 'agg-1', port: 'GigabitEthernet0/0/3' };
    });
    const f = check(t, [redundancyRule]);
    expect(codes(f)).toEqual(['INTENT_SPOF_SINGLE_UPLINK', 'INTENT_SPOF_SINGLE_UPLINK_DEVICE']);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
    expect(f.find((x) => x.code === 'INTENT_SPOF_SINGLE_UPLINK')!.pointer).toBe('/links/8');
  });

  it('warns about an access switch with no uplink', () => {
    const t = variant((t) => { t.links = t.links!.filter((l) => l.a.device !== 'access-2'); });
    expect(codes(check(t, [redundancyRule]))).toEqual(['INTENT_SPOF_NO_UPLINK']);
  });

  it('warns about a zone with one aggregation device, and an aggregation device with one uplink to the core', () => {
    const t = variant((t) => {
      dev(t, 'agg-2').zone = 'exchange';
      t.links = t.links!.filter((l) => !(l.a.device === 'agg-1' && l.b.device === 'core-2'));
    });
    expect(codes(check(t, [redundancyRule]))).toEqual(['INTENT_SPOF_AGG_SINGLE_UPLINK', 'INTENT_SPOF_SINGLE_AGGREGATION', 'INTENT_SPOF_SINGLE_AGGREGATION']);
  });

  it('warns about a core of one switch (two or more is fine); uplinks all to that one core are not reported again', () => {
    const t = variant((t) => {
      dev(t, 'core-2').layer = 'aggregation';
      dev(t, 'core-2').zone = 'core';
    });
    // agg-1 and agg-2 keep one cable each to core-1; core-2, now aggregation, has two cables to core-1.
    expect(codes(check(t, [redundancyRule]))).toEqual([
      'INTENT_SPOF_AGG_SINGLE_UPLINK', 'INTENT_SPOF_AGG_SINGLE_UPLINK', 'INTENT_SPOF_CORE_NOT_PAIR', 'INTENT_SPOF_SINGLE_AGGREGATION',
    ]);
    const three = variant((t) => { t.devices.push({ ...structuredClone(dev(t, 'core-2')), name: 'core-3', management: { address: '192.168.0.3' } }); });
    expect(codes(check(three, [redundancyRule]))).toEqual([]);
  });
});
