import { describe, expect, it } from 'vitest';
import { renderAaa } from '../../../../src/render/huawei-usg/aaa.js';
import { renderSnmpAgent } from '../../../../src/render/huawei-usg/snmp.js';
import { renderSsh, renderUserInterface } from '../../../../src/render/huawei-usg/ssh.js';
import { renderStaticRoutes } from '../../../../src/render/huawei-usg/static-routes.js';
import { renderSysname } from '../../../../src/render/huawei-usg/sysname.js';
import { contextOf, topology, usg2205, usg6000 } from './helpers.js';

describe('sysname, aaa, ssh, snmp-agent, static routes', () => {
  const topo = topology([usg6000(), usg2205()]);

  it('sysname', () => {
    expect(renderSysname(contextOf(topo, 'oldtown-01'))).toEqual([['sysname oldtown-01']]);
  });

  it('aaa: the USG6000 administrator is a manager-user (not a switch local-user: that locks dcnet out)', () => {
    expect(renderAaa(contextOf(topo, 'egress-1'))).toEqual([[
      'aaa',
      ' manager-user dcnet',
      '  password cipher {{secret:env:DCNET_OPS_PASSWORD}}',
      '  service-type ssh',
      '  level 15',
    ]]);
  });

  it('aaa: the USG2205BSR generation keeps local-user lines, with the 0-3 levels', () => {
    expect(renderAaa(contextOf(topo, 'oldtown-01'))).toEqual([[
      'aaa',
      ' local-user dcnet password cipher {{secret:env:DCNET_OPS_PASSWORD}}',
      ' local-user dcnet service-type ssh',
      ' local-user dcnet level 3',
    ]]);
  });

  it('ssh: stelnet, the user, a non-default port; vty lines', () => {
    const t = topology([usg6000({ management: { address: '10.0.2.1', sshPort: 2222 } })]);
    expect(renderSsh(contextOf(t, 'egress-1'))).toEqual([[
      'stelnet server enable',
      'ssh server port 2222',
      'ssh user dcnet',
      'ssh user dcnet authentication-type password',
      'ssh user dcnet service-type stelnet',
    ]]);
    expect(renderUserInterface(contextOf(t, 'egress-1'))).toEqual([['user-interface vty 0 4', ' authentication-mode aaa', ' protocol inbound ssh']]);
  });

  it('snmp-agent v2c with the community as a token', () => {
    expect(renderSnmpAgent(contextOf(topo, 'egress-1'))).toEqual([[
      'snmp-agent',
      'snmp-agent community read cipher {{secret:env:DCNET_SNMP_COMMUNITY}}',
      'snmp-agent sys-info version v2c',
    ]]);
  });

  it('snmp-agent v3 with a group and a usm user', () => {
    const t = topology([usg6000()], {
      credentials: [{
        id: 'ops', username: 'dcnet', privateKey: 'file:/etc/dcnet/keys.yaml#ops',
        snmp: { version: 'v3', user: 'nms', authProtocol: 'sha', authKey: 'env:SNMP_AUTH', privProtocol: 'aes', privKey: 'env:SNMP_PRIV' },
      }],
    });
    expect(renderSnmpAgent(contextOf(t, 'egress-1'))).toEqual([[
      'snmp-agent',
      'snmp-agent sys-info version v3',
      'snmp-agent group v3 ops privacy',
      'snmp-agent usm-user v3 nms ops authentication-mode sha {{secret:env:SNMP_AUTH}} privacy-mode aes128 {{secret:env:SNMP_PRIV}}',
    ]]);
    expect(renderSsh(contextOf(t, 'egress-1'))[0]).toContain('ssh user dcnet authentication-type rsa');
    expect(renderAaa(contextOf(t, 'egress-1'))[0]).not.toContainEqual(expect.stringContaining('password'));
  });

  it('static routes with dotted masks, VPN instance, preference and description', () => {
    const t = topology([usg2205({
      staticRoutes: [
        { prefix: '0.0.0.0/0', nextHop: '10.30.1.1' },
        { prefix: '10.101.0.0/16', nextHop: '10.30.1.1', vpn: 'tax', preference: 70, description: 'tax-dc' },
      ],
    })]);
    expect(renderStaticRoutes(contextOf(t, 'oldtown-01'))).toEqual([[
      'ip route-static 0.0.0.0 0.0.0.0 10.30.1.1',
      'ip route-static vpn-instance tax 10.101.0.0 255.255.0.0 10.30.1.1 preference 70 description tax-dc',
    ]]);
  });
});
