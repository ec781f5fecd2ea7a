import { describe, expect, it } from 'vitest';
import { renderStaticRoutes } from '../../../../src/render/ruijie-rgos/routes.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

describe('renderStaticRoutes', () => {
  it('prints global routes, then per-VRF routes, sorted, with masks and distances', () => {
    const topo = topologyWith([s5750({
      staticRoutes: [
        { prefix: '10.54.101.0/24', nextHop: '10.54.91.11', vpn: 'dept-oa' },
        { prefix: '10.20.0.0/16', nextHop: '10.0.200.2', preference: 200 },
        { prefix: '0.0.0.0/0', nextHop: '10.59.0.6', vpn: 'internet' },
        { prefix: '0.0.0.0/0', nextHop: '10.0.0.254' },
        { prefix: '10.54.9.0/24', nextHop: '10.54.91.12', vpn: 'dept-oa', preference: 1 },
      ],
    })]);
    expect(renderStaticRoutes(ctxOf(topo))).toEqual([[
      'ip route 0.0.0.0 0.0.0.0 10.0.0.254',
      'ip route 10.20.0.0 255.255.0.0 10.0.200.2 200',
      'ip route vrf dept-oa 10.54.9.0 255.255.255.0 10.54.91.12',
      'ip route vrf dept-oa 10.54.101.0 255.255.255.0 10.54.91.11',
      'ip route vrf internet 0.0.0.0 0.0.0.0 10.59.0.6',
    ]]);
  });

  it('renders nothing without routes', () => {
    expect(renderStaticRoutes(ctxOf(topologyWith([s5750()])))).toEqual([]);
  });
});
