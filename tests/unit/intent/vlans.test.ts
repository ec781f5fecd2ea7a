import { describe, expect, it } from 'vitest';
import { vlansRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, only, references, variant } from './helpers.js';

describe('rule vlans', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [vlansRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [vlansRule]), 'error'), name).toEqual([]);
  });

  it('reports VLAN ids out of 1-4094, declared or used, and not also as unknown', () => {
    const t = variant((t) => {
      t.vlans!.push({ id: 4095, name: 'too-far' });
      dev(t, 'access-1').ports![0]!.vlan = 0;
      t.vrrp![0]!.members[0]!.vlan = 5000;
    });
    const f = check(t);
    expect(codes(f)).toEqual([
      'INTENT_VLAN_ID_RANGE', 'INTENT_VLAN_ID_RANGE', 'INTENT_VLAN_ID_RANGE',
      // the member moved out of VLAN 10: the group now disagrees and the member has no such interface
      'INTENT_VRRP_NO_SVI', 'INTENT_VRRP_VLAN_MISMATCH',
    ]);
    expect(f.find((x) => x.code === 'INTENT_UNKNOWN_VLAN')).toBeUndefined();
  });

  it('reports a VLAN id reused with another name (error), once per reuse', () => {
    const t = variant((t) => { t.vlans!.push({ id: 20, name: 'health-printers', zone: 'hosting' }); });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_VLAN_ID_REUSED']);
    expect(f[0]!.message).toContain("VLAN 20 is declared as 'health-hosts' (vlans #2) and again as 'health-printers'");
    expect(f[0]!.severity).toBe('error');
  });

  it('warns when a device carries a VLAN missing from its own vlans list', () => {
    const t = variant((t) => { dev(t, 'access-2').vlans = [10]; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_VLAN_NOT_ON_DEVICE']);
    expect(f[0]!.pointer).toBe('/devices/5/ports/1/vlan');
  });

  it('reports as errors the two ends of a link, or of a LAG, that disagree on VLANs (traffic is dropped)', () => {
    const t = variant((t) => {
      dev(t, 'access-1').ports![2]!.allowedVlans = [10]; // to agg-1, which allows 10 and 20
      dev(t, 'access-2').ports![3] = { name: 'GigabitEthernet 0/24', mode: 'access', vlan: 10 }; // to agg-2's trunk
      dev(t, 'agg-2').lags![0]!.allowedVlans = [10, 20, 30]; // the aggregation pair's LAG
      t.vlans!.push({ id: 30, name: 'spare' });
      dev(t, 'agg-2').vlans!.push(30);
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_VLAN_LINK_MISMATCH', 'INTENT_VLAN_LINK_MISMATCH', 'INTENT_VLAN_LINK_MISMATCH']);
    expect(f.map((x) => x.pointer).sort()).toEqual(['/links/11', '/links/6', '/links/8']);
    expect(f.find((x) => x.pointer === '/links/6')!.message).toContain('VLAN 30 only on agg-2 LAG 1');
    expect(f.map((x) => x.severity)).toEqual(['error', 'error', 'error']);
  });

  it('accepts a routed port facing an access port (a VLAN handed to a router)', () => {
    const t = variant((t) => {
      dev(t, 'access-1').ports![3] = { name: 'GigabitEthernet0/0/2', mode: 'access', vlan: 10 };
      dev(t, 'agg-2').ports![2] = { name: 'GigabitEthernet0/0/1', mode: 'routed', address: '10.11.10.3/24', vpn: 'dept-finance' };
      dev(t, 'agg-2').svis![0]!.addresses = ['10.11.10.4/24'];
    });
    expect(codes(check(t, [vlansRule]))).toEqual([]);
  });

  it('reports access ports in different VLANs on one cable', () => {
    const t = variant((t) => {
      dev(t, 'access-1').ports![2] = { name: 'GigabitEthernet0/0/1', mode: 'access', vlan: 10 };
      dev(t, 'agg-1').ports![2] = { name: 'GigabitEthernet0/0/1', mode: 'access', vlan: 20 };
    });
    expect(only(check(t, [vlansRule]), 'INTENT_VLAN_LINK_MISMATCH').message).toContain('bridges the two VLANs');
  });
});
