import { describe, expect, it } from 'vitest';
import { SECRET_TOKEN_PATTERN } from '../../../../src/render/types.js';
import {
  renderHostname, renderLines, renderSnmp, renderSshServer, renderUsers,
} from '../../../../src/render/ruijie-rgos/management.js';
import { ctxOf, s5750, topologyWith } from './fixtures.js';

describe('management plane', () => {
  it('renders the hostname and a privilege-15 local user whose password is a secret token', () => {
    const ctx = ctxOf(topologyWith([s5750()]));
    expect(renderHostname(ctx)).toEqual([['hostname agg-1']]);
    expect(renderUsers(ctx)).toEqual([['username dcnet privilege 15 password 0 {{secret:env:RGOS_PW}}']]);
  });

  it('enables SSH v2 only, with local login on the vty lines', () => {
    expect(renderSshServer()).toEqual([['ip ssh version 2'], ['enable service ssh-server', 'no enable service telnet-server']]);
    expect(renderLines()).toEqual([['line vty 0 4', ' login local', ' transport input ssh']]);
  });

  it('renders a v2c read-only community as a secret token, and the site as location', () => {
    const ctx = ctxOf(topologyWith([s5750({ site: 'dc1' })], { sites: [{ id: 'dc1', name: 'DC1' }] }));
    expect(renderSnmp(ctx)).toEqual([['snmp-server community {{secret:env:SNMP_RO}} ro', 'snmp-server location DC1']]);
  });

  it('renders a v3 group and user with secret keys', () => {
    const ctx = ctxOf(topologyWith([s5750()], {
      credentials: [{
        id: 'rgos', username: 'dcnet', password: 'env:RGOS_PW',
        snmp: { version: 'v3', user: 'poller', authProtocol: 'sha', authKey: 'env:AUTH', privProtocol: 'aes', privKey: 'env:PRIV' },
      }],
    }));
    expect(renderSnmp(ctx)).toEqual([[
      'snmp-server group rgos v3 priv',
      'snmp-server user poller rgos v3 auth sha {{secret:env:AUTH}} priv aes128 {{secret:env:PRIV}}',
    ]]);
  });

  it('never prints a secret value: every secret-bearing line holds a token', () => {
    const ctx = ctxOf(topologyWith([s5750()]));
    const text = [...renderUsers(ctx), ...renderSnmp(ctx)].flat().join('\n');
    expect(text.match(SECRET_TOKEN_PATTERN)).toEqual(['{{secret:env:RGOS_PW}}', '{{secret:env:SNMP_RO}}']);
  });

  it('renders no user and no SNMP when the credential has none', () => {
    const ctx = ctxOf(topologyWith([s5750()], { credentials: [{ id: 'rgos', username: 'dcnet', privateKey: 'env:KEY' }] }));
    expect(renderUsers(ctx)).toEqual([]);
    expect(renderSnmp(ctx)).toEqual([]);
  });
});
