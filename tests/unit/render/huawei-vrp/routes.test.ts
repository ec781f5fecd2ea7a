import { describe, expect, it } from 'vitest';
import { renderStaticRoute, renderStaticRoutes } from '../../../../src/render/huawei-vrp/routes.js';
import { contextOf, device, topology } from './fixture.js';

describe('huawei-vrp static routes (§2.10)', () => {
  it('prints dotted masks, non-default preference and description', () => {
    expect(renderStaticRoute({ prefix: '10.20.0.0/16', nextHop: '10.0.200.2', preference: 70, description: 'TO-DC' }))
      .toBe('ip route-static 10.20.0.0 255.255.0.0 10.0.200.2 preference 70 description TO-DC');
    expect(renderStaticRoute({ prefix: '0.0.0.0/0', nextHop: '192.168.100.254', vpn: 'CUST_A', preference: 60 }))
      .toBe('ip route-static vpn-instance CUST_A 0.0.0.0 0.0.0.0 192.168.100.254');
  });

  it('orders global routes first, then per instance by name, then by prefix', () => {
    const t = topology([device({ staticRoutes: [
      { prefix: '10.50.0.0/16', nextHop: '192.168.100.254', vpn: 'B' },
      { prefix: '10.9.0.0/16', nextHop: '10.0.0.2' },
      { prefix: '0.0.0.0/0', nextHop: '192.168.1.1', vpn: 'A' },
      { prefix: '0.0.0.0/0', nextHop: '10.0.0.254' },
    ] })]);
    expect(renderStaticRoutes(contextOf(t))).toEqual([[
      'ip route-static 0.0.0.0 0.0.0.0 10.0.0.254',
      'ip route-static 10.9.0.0 255.255.0.0 10.0.0.2',
      'ip route-static vpn-instance A 0.0.0.0 0.0.0.0 192.168.1.1',
      'ip route-static vpn-instance B 10.50.0.0 255.255.0.0 192.168.100.254',
    ]]);
    expect(renderStaticRoutes(contextOf(topology([device()])))).toEqual([]);
  });
});
