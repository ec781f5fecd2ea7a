import { describe, expect, it } from 'vitest';
import { renderAaa, renderLldp, renderSnmp, renderSsh, renderUserInterfaces } from '../../../../src/render/huawei-vrp/management.js';
import { contextOf, device, topology } from './fixture.js';

describe('huawei-vrp management plane', () => {
  it('AAA local user with the password as a secret token (§2.13)', () => {
    expect(renderAaa(contextOf(topology([device()])))).toEqual([[
      'aaa',
      ' local-user netops password irreversible-cipher {{secret:env:OPS_PASSWORD}}',
      ' local-user netops privilege level 15',
      ' local-user netops service-type ssh',
    ]]);
  });

  it('S2700-26TP-SI uses the older `password cipher` form', () => {
    expect(renderAaa(contextOf(topology([device({ model: 'S2700-26TP-SI' })])))[0]![1])
      .toBe(' local-user netops password cipher {{secret:env:OPS_PASSWORD}}');
  });

  it('SNMP v2c: community as a token, sys-info location from the site, version v2c v3 (§2.12, §3.1)', () => {
    const t = topology([device({ site: 'dc1' })], { sites: [{ id: 'dc1', name: 'DC1 row 3' }] });
    expect(renderSnmp(contextOf(t))).toEqual([[
      'snmp-agent',
      'snmp-agent community read cipher {{secret:env:SNMP_RO}}',
      'snmp-agent sys-info location DC1 row 3',
      'snmp-agent sys-info version v2c v3',
    ]]);
  });

  it('SNMP v3: group and usm-user with auth and privacy keys as tokens, non-default port', () => {
    const t = topology([device({ management: { address: '10.0.0.1', snmpPort: 1161 } })], {
      credentials: [{ id: 'ops', username: 'netops', snmp: {
        version: 'v3', user: 'poller', authProtocol: 'sha', authKey: 'env:AUTH', privProtocol: 'aes', privKey: 'file:/s.yaml#priv',
      } }],
    });
    expect(renderSnmp(contextOf(t))).toEqual([[
      'snmp-agent',
      'snmp-agent sys-info version v3',
      'snmp-agent group v3 ops privacy',
      'snmp-agent usm-user v3 poller ops authentication-mode sha {{secret:env:AUTH}} privacy-mode aes128 {{secret:file:/s.yaml#priv}}',
      'snmp-agent udp-port 1161',
    ]]);
  });

  it('no SNMP section without SNMP credentials', () => {
    const t = topology([device()], { credentials: [{ id: 'ops', username: 'netops', password: 'env:P' }] });
    expect(renderSnmp(contextOf(t))).toEqual([]);
  });

  it('SSH server and user, VTY with AAA and SSH only (§2.13, §3.1)', () => {
    expect(renderSsh(contextOf(topology([device({ management: { address: '10.0.0.1', sshPort: 2222 } })])))).toEqual([[
      'stelnet server enable',
      'ssh server port 2222',
      'ssh user netops',
      'ssh user netops authentication-type password',
      'ssh user netops service-type stelnet',
    ]]);
    expect(renderUserInterfaces()).toEqual([['user-interface vty 0 4', ' authentication-mode aaa', ' protocol inbound ssh']]);
    expect(renderLldp()).toEqual([['lldp enable']]);
  });
});
