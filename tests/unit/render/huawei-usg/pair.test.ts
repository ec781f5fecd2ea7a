import { describe, expect, it } from 'vitest';
import { renderHuaweiUsg } from '../../../../src/render/huawei-usg/index.js';
import { renderHrp } from '../../../../src/render/huawei-usg/hrp.js';
import { renderNatAddressGroups, renderNatPolicy } from '../../../../src/render/huawei-usg/source-nat.js';
import { contextOf, section, topology, usg2205, usg6000 } from './helpers.js';

const heartbeat = (address: string) => ({ name: 'GigabitEthernet1/0/10', mode: 'routed' as const, address });

describe('a firewall pair: hot standby (HRP)', () => {
  const a = usg6000({ name: 'fw-a', ports: [...usg6000().ports!, heartbeat('10.9.9.1/30')] });
  a.firewall = { ...a.firewall!, hrp: { peer: 'fw-b', interface: 'GigabitEthernet1/0/10', role: 'active' } };
  const b = usg6000({ name: 'fw-b', management: { address: '10.0.2.2' }, ports: [...usg6000().ports!, heartbeat('10.9.9.2/30')] });
  b.firewall = { ...b.firewall!, hrp: { peer: 'fw-a', interface: 'GigabitEthernet1/0/10', role: 'standby' } };
  const t = topology([a, b]);

  it('enables HRP over the heartbeat interface towards the peer\'s address, the standby saying so', () => {
    expect(renderHrp(contextOf(t, 'fw-a'))).toEqual([['hrp enable', 'hrp interface GigabitEthernet1/0/10 remote 10.9.9.2']]);
    expect(renderHrp(contextOf(t, 'fw-b'))).toEqual([['hrp enable', 'hrp standby-device', 'hrp interface GigabitEthernet1/0/10 remote 10.9.9.1']]);
    expect(renderHuaweiUsg({ topology: t, device: a }).split('\n').slice(0, 6)).toEqual(['#', 'sysname fw-a', '#', 'hrp enable', 'hrp interface GigabitEthernet1/0/10 remote 10.9.9.2', '#']);
    expect(renderHrp(contextOf(topology([usg6000()]), 'egress-1'))).toEqual([]);
  });
});

describe('source NAT (trust and DMZ to untrust)', () => {
  const fw = usg6000();
  fw.firewall = {
    ...fw.firewall!,
    sourceNat: [
      { name: 'trust-out', from: 'trust', to: 'untrust', sources: ['10.0.2.0/24'], addresses: { first: '203.0.113.5', last: '203.0.113.6' } },
      { name: 'dmz-out', from: 'dmz', to: 'untrust' },
    ],
  };

  it('USG6000: address groups as blocks and a nat-policy rule per entry (easy IP without addresses)', () => {
    const ctx = contextOf(topology([fw]), 'egress-1');
    expect(renderNatAddressGroups(ctx)).toEqual([['nat address-group trust-out', ' mode pat', ' section 0 203.0.113.5 203.0.113.6']]);
    expect(renderNatPolicy(ctx)).toEqual([[
      'nat-policy',
      ' rule name trust-out', '  source-zone trust', '  destination-zone untrust', '  source-address 10.0.2.0 mask 255.255.255.0', '  action source-nat address-group trust-out',
      ' rule name dmz-out', '  source-zone dmz', '  destination-zone untrust', '  action source-nat easy-ip',
    ]]);
    const text = renderHuaweiUsg({ topology: topology([fw]), device: fw });
    expect(text.indexOf('\nsecurity-policy')).toBeLessThan(text.indexOf('\nnat-policy'));
  });

  it('USG2205BSR: one-line address groups and nat-policy interzone blocks', () => {
    const old = usg2205();
    old.firewall = { ...old.firewall!, sourceNat: [
      { name: 'lan-out', from: 'trust', to: 'untrust', sources: ['10.31.1.0/24'] },
      { name: 'pool-out', from: 'trust', to: 'untrust', addresses: { first: '10.30.1.9', last: '10.30.1.10' } },
    ] };
    const ctx = contextOf(topology([old]), 'oldtown-01');
    expect(renderNatAddressGroups(ctx)).toEqual([['nat address-group 2 10.30.1.9 10.30.1.10']]);
    expect(renderNatPolicy(ctx)).toEqual([[
      'nat-policy interzone trust untrust outbound',
      ' policy 0', '  action source-nat', '  policy source 10.31.1.0 0.0.0.255', '  easy-ip GigabitEthernet0/0/0',
      ' policy 1', '  action source-nat', '  address-group 2',
    ]]);
    expect(section(renderHuaweiUsg({ topology: topology([old]), device: old }), 'nat-policy interzone trust untrust outbound')[1]).toBe(' policy 0');
  });
});
