import { describe, expect, it } from 'vitest';
import { qosRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, references, variant } from './helpers.js';

describe('rule qos', () => {
  it('finds nothing in the base topology, and no error in the reference topologies (every host port marks)', () => {
    expect(check(variant(), [qosRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [qosRule]), 'error'), name).toEqual([]);
  });

  it('reports a host port of an access switch with no QoS profile, or one that neither marks nor trusts', () => {
    const t = variant((t) => {
      delete dev(t, 'access-1').ports![0]!.qos;
      t.qosProfiles!.push({ name: 'nothing', trust: 'none' });
      dev(t, 'access-2').ports![1]!.qos = 'nothing';
    });
    const f = check(t, [qosRule]);
    expect(f.map((x) => [x.code, x.severity, x.pointer])).toEqual([
      ['INTENT_QOS_ACCESS_UNMARKED', 'error', '/devices/4/ports/0'],
      ['INTENT_QOS_ACCESS_UNMARKED', 'error', '/devices/5/ports/1/qos'],
    ]);
    expect(f[1]!.message).toContain("QoS profile 'nothing', which neither marks (dscp, cos) nor trusts");
  });

  it('leaves ports cabled to other devices, LAG members and shut ports alone, and ports of other layers', () => {
    const t = variant((t) => {
      const acc = dev(t, 'access-1');
      acc.ports!.push({ name: 'Ethernet0/0/3', mode: 'access', vlan: 10, shutdown: true });
      acc.ports![2] = { name: 'GigabitEthernet0/0/1', mode: 'access', vlan: 10 }; // the uplink to agg-1
      delete dev(t, 'core-1').ports![3]!.qos; // an aggregation/core port: not the access layer
    });
    expect(codes(check(t, [qosRule]))).toEqual([]);
  });
});
