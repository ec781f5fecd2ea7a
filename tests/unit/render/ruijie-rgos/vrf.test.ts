import { describe, expect, it } from 'vitest';
import { renderVrfForwarding, renderVrfs } from '../../../../src/render/ruijie-rgos/vrf.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

describe('renderVrfs', () => {
  const topo = topologyWith(
    [s5750({
      svis: [{ vlan: 10, addresses: ['10.1.10.3/24'], vpn: 'dept-b' }],
      ports: [{ name: 'GigabitEthernet 0/24', mode: 'routed', address: '10.9.0.1/30', vpn: 'dept-a' }],
      staticRoutes: [{ prefix: '0.0.0.0/0', nextHop: '10.9.0.2', vpn: 'dept-a' }],
    })],
    {
      vpnInstances: [
        { name: 'dept-a', kind: 'department', rd: '65000:1', importTargets: ['65000:1', '65000:99'], exportTargets: ['65000:1'] },
        { name: 'dept-b', kind: 'department', rd: '65000:2', importTargets: ['65000:2'], exportTargets: ['65000:2'] },
        { name: 'unused', kind: 'department', rd: '65000:3', importTargets: [], exportTargets: [] },
      ],
    },
  );

  it('renders RGOS 10 ip vrf stanzas for the instances the device uses, by name', () => {
    expect(renderVrfs(ctxOf(topo))).toEqual([
      ['ip vrf dept-a', ' rd 65000:1', ' route-target export 65000:1', ' route-target import 65000:1', ' route-target import 65000:99'],
      ['ip vrf dept-b', ' rd 65000:2', ' route-target export 65000:2', ' route-target import 65000:2'],
    ]);
  });

  it('binds an interface with ip vrf forwarding', () => {
    expect(renderVrfForwarding('dept-a')).toEqual([' ip vrf forwarding dept-a']);
    expect(renderVrfForwarding(undefined)).toEqual([]);
  });
});
